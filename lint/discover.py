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
    default_exclude: Sequence[str] = (),
    force_exclude: bool = False,
) -> list[tuple[Path, str]]:
    """Files to lint as ``(path, display)`` pairs, deduplicated, in sorted order.

    Explicitly named files are linted whatever their extension unless ``exclude`` matches
    them (a user who names a file means it); missing paths are returned too, so the engine
    reports them as input errors rather than silently passing them. ``default_exclude``
    (README, LICENSE, ...) skips files found by walking folders, and named files too with
    ``force_exclude``: pre-commit names every staged file, but a user who types
    ``newslint check README.md`` wants it linted.
    """
    seen: set[str] = set()
    out: list[tuple[Path, str]] = []
    root_str = os.path.normpath(str(root.absolute()))
    cwd_str = os.path.normpath(str(cwd.absolute()))

    def rel_to(full: str, base: str) -> str | None:
        if full == base:
            return "."
        if full.startswith(base.rstrip("/") + "/"):
            return full[len(base.rstrip("/")) + 1 :]
        return None

    def rel_to_root(full: str) -> str:
        return rel_to(full, root_str) or rel_to(full, cwd_str) or full

    walk_exclude = [*exclude, *default_exclude]
    named_exclude = walk_exclude if force_exclude else list(exclude)

    def excluded_by(globs: Sequence[str]) -> Callable[[str], bool]:
        def excluded(full: str) -> bool:
            if not globs:
                return False
            rel = rel_to_root(full)
            return any(glob_match(g, rel) for g in globs)

        return excluded

    excluded, named_excluded = excluded_by(walk_exclude), excluded_by(named_exclude)

    def included(full: str) -> bool:
        rel = rel_to_root(full)
        return any(glob_match(g, rel) for g in include)

    def add(full: str, p: Path, given_relative: bool) -> None:
        d = rel_to(full, cwd_str)
        if d is None:  # outside the working directory: shown the way the user named it
            d = os.path.relpath(full, cwd_str) if given_relative else full
        if d not in seen:
            seen.add(d)
            out.append((p, d))

    for raw in paths:
        p = Path(raw) if Path(raw).is_absolute() or cwd == Path.cwd() else cwd / raw
        full = os.path.normpath(os.path.join(cwd_str, str(p)))
        if p.is_dir() and not p.is_symlink():
            ignore = GitIgnore(root, p) if respect_gitignore else None
            for f in _walk(full, included, excluded, ignore):
                add(f, Path(f), not os.path.isabs(raw))
        elif not named_excluded(full):
            add(full, p, not os.path.isabs(raw))
    out.sort(key=lambda t: t[1])
    return out


def _walk(
    top: str,
    included: Callable[[str], bool],
    excluded: Callable[[str], bool],
    ignore: GitIgnore | None,
) -> Iterable[str]:
    """Absolute paths (strings: pathlib costs more than the walk itself) of files to lint."""
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        if ignore is not None:
            ignore.enter(Path(dirpath))
        keep = []
        for d in sorted(dirnames):
            full = f"{dirpath}/{d}"
            if d.startswith(".") or d in SKIP_DIRS or _is_venv(full):
                continue
            if excluded(full) or (ignore is not None and ignore.ignored(full, True)):
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            full_p = f"{dirpath}/{name}"
            if not included(full_p):
                continue
            if excluded(full_p) or (ignore is not None and ignore.ignored(full_p, False)):
                continue
            yield full_p
