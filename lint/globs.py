"""Glob matching (``**`` aware) and a ``.gitignore`` implementation.

Config globs (``include``, ``exclude``, ``overrides.files``) are matched against paths relative
to the config root; ``.gitignore`` patterns against paths relative to the folder of the
``.gitignore`` that holds them, with git's rules: ``!`` negates, a trailing ``/`` matches
folders only, a ``/`` at the start or in the middle anchors the pattern to that folder,
``**`` spans folders, the last matching line wins and deeper files win over shallower ones.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

import regex


@functools.lru_cache(maxsize=512)
def glob_regex(pattern: str) -> regex.Pattern[str]:
    """Compile a glob: ``*`` within a segment, ``**`` across segments, ``?``, ``[...]``.

    A pattern without ``/`` matches the basename at any depth (like .gitignore).
    """
    pat = pattern.strip()
    anchored = "/" in pat.rstrip("/")
    pat = pat.lstrip("/")
    i, out = 0, []
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = pat.find("]", i + 1)
            if j == -1:
                out.append(regex.escape(c))
                i += 1
            else:
                body = pat[i + 1 : j].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = j + 1
        else:
            out.append(regex.escape(c))
            i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    return regex.compile(f"^{prefix}{body}(?:/.*)?$")


def glob_match(pattern: str, relpath: str) -> bool:
    """True when ``relpath`` (POSIX, relative) or a folder containing it matches ``pattern``."""
    return glob_regex(pattern).match(relpath) is not None


class IgnorePattern(NamedTuple):
    """One ``.gitignore`` line, compiled; matched against paths relative to ``base``."""

    regex: regex.Pattern[str]
    negate: bool
    dir_only: bool


def parse_gitignore(text: str) -> list[IgnorePattern]:
    """Compile the lines of a ``.gitignore`` file (comments, blanks and escapes handled)."""
    out: list[IgnorePattern] = []
    for raw in text.splitlines():
        line = _strip_trailing_spaces(raw)
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if negate or line.startswith("\\!") or line.startswith("\\#"):
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        try:
            out.append(
                IgnorePattern(_gitignore_regex(line.lstrip("/"), anchored), negate, dir_only)
            )
        except regex.error:
            continue  # git ignores lines it cannot parse; so do we
    return out


def _strip_trailing_spaces(line: str) -> str:
    line = line.rstrip("\r")
    stripped = line.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(line):
        return stripped[:-1] + " "  # "name\ " keeps one escaped space
    return stripped


def _gitignore_regex(pat: str, anchored: bool) -> regex.Pattern[str]:
    out: list[str] = []
    i = 0
    while i < len(pat):
        if pat.startswith("**/", i) and (i == 0 or pat[i - 1] == "/"):
            out.append("(?:[^/]*/)*")
            i += 3
        elif pat.startswith("/**", i) and i + 3 == len(pat):
            out.append("/.*")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif pat[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pat[i] == "?":
            out.append("[^/]")
            i += 1
        elif pat[i] == "\\" and i + 1 < len(pat):
            out.append(regex.escape(pat[i + 1]))
            i += 2
        elif pat[i] == "[" and (j := pat.find("]", i + 2)) != -1:
            body = pat[i + 1 : j].replace("\\", "\\\\")
            if body[:1] in "!^":
                body = "^" + body[1:]
            out.append(f"[{body}]")
            i = j + 1
        else:
            out.append(regex.escape(pat[i]))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return regex.compile(f"^{prefix}{''.join(out)}$")


class GitIgnore:
    """The ``.gitignore`` files that apply while walking a tree, deepest last.

    Built for a walk's top folder from the ``.gitignore`` files of its ancestors up to the
    repository root (the folder holding ``.git``, else ``root``); :meth:`enter` adds the
    file of each folder the walk visits.
    """

    def __init__(self, root: Path, top: Path | None = None) -> None:
        self.root = root.absolute()
        self._files: dict[str, list[IgnorePattern]] = {}
        top = (top or root).absolute()
        chain = [top, *top.parents]
        stop = next((d for d in chain if (d / ".git").exists()), None)
        for folder in reversed(chain):
            if stop is not None and folder != stop and stop not in folder.parents:
                continue
            if stop is None and folder != self.root and self.root not in folder.parents:
                continue
            if folder != top:
                self.enter(folder)

    def enter(self, folder: Path) -> None:
        """Read ``folder/.gitignore`` (once) so it applies below that folder."""
        key = folder.absolute().as_posix()
        if key in self._files:
            return
        try:
            text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        self._files[key] = parse_gitignore(text)

    def ignored(self, path: Path | str, is_dir: bool) -> bool:
        """Whether ``path`` (a Path, or an absolute POSIX string) is ignored by the files read
        so far (the last match wins)."""
        if not any(self._files.values()):
            return False
        full = path if isinstance(path, str) else path.absolute().as_posix()
        result = False
        for base, patterns in self._files.items():
            if not patterns or not full.startswith(base.rstrip("/") + "/"):
                continue
            rel = full[len(base.rstrip("/")) + 1 :]
            for p in patterns:
                if p.dir_only and not is_dir:
                    continue
                if p.regex.match(rel):
                    result = not p.negate
        return result
