"""Which files to lint: explicit files, folders walked with include/exclude globs.

Hidden folders, virtual environments and what ``.gitignore`` ignores are skipped when walking
folders. Paths are shown POSIX-style relative to the working directory.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from newslint.globs import GitIgnore, glob_match

SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages", "build", "dist"})


def display_path(path: Path, cwd: Path) -> str:
    """POSIX path relative to ``cwd`` when inside it, else absolute POSIX."""
    try:
        return path.absolute().relative_to(cwd.absolute()).as_posix() or "."
    except ValueError:
        return path.absolute().as_posix()


def _is_venv(dirpath: str) -> bool:
    """A Python virtual environment or conda env, whatever its folder is called."""
    return os.path.exists(os.path.join(dirpath, "pyvenv.cfg")) or os.path.isdir(
        os.path.join(dirpath, "conda-meta")
    )


def discover(
    paths: Sequence[str],
    *,
    cwd: Path,
    include: Sequence[str],
    exclude: Sequence[str],
    root: Path,
    respect_gitignore: bool = True,
) -> list[tuple[Path, str]]:
    """Files to lint as ``(path, display)`` pairs, deduplicated, in sorted order.

    Explicitly named files are linted whatever their extension unless excluded (a user who
    names a file means it); missing paths are returned too, so the engine reports them as
    input errors rather than silently passing them.
    """
    seen: set[str] = set()
    out: list[tuple[Path, str]] = []
    root_abs = root.absolute()

    def rel_to_root(p: Path) -> str:
        full = Path(os.path.normpath(cwd / p if not p.is_absolute() else p))
        try:
            return full.relative_to(root_abs).as_posix()
        except ValueError:
            return display_path(p, cwd)

    def excluded(p: Path) -> bool:
        rel = rel_to_root(p)
        return any(glob_match(g, rel) for g in exclude)

    def included(p: Path) -> bool:
        rel = rel_to_root(p)
        return any(glob_match(g, rel) for g in include)

    def add(p: Path) -> None:
        d = display_path(p, cwd)
        if d not in seen:
            seen.add(d)
            out.append((p, d))

    for raw in paths:
        p = Path(raw) if Path(raw).is_absolute() or cwd == Path.cwd() else cwd / raw
        if p.is_dir() and not p.is_symlink():
            ignore = GitIgnore(root, p) if respect_gitignore else None
            for f in _walk(p, included, excluded, ignore):
                add(f)
        elif not excluded(p):
            add(p)
    out.sort(key=lambda t: t[1])
    return out


def _walk(
    top: Path,
    included: Callable[[Path], bool],
    excluded: Callable[[Path], bool],
    ignore: GitIgnore | None,
) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        here = Path(dirpath)
        if ignore is not None:
            ignore.enter(here)
        keep = []
        for d in sorted(dirnames):
            full = here / d
            if d.startswith(".") or d in SKIP_DIRS or _is_venv(str(full)):
                continue
            if excluded(full) or (ignore is not None and ignore.ignored(full, True)):
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            full_p = here / name
            if not included(full_p):
                continue
            if excluded(full_p) or (ignore is not None and ignore.ignored(full_p, False)):
                continue
            yield full_p
