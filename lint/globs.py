"""Glob matching (``**`` aware) and a small ``.gitignore`` implementation.

(First form: globs and root .gitignore only; nested .gitignore files come next.)
"""

from __future__ import annotations

import functools
from pathlib import Path

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
    return glob_regex(pattern).match(relpath) is not None


class GitIgnore:
    """Patterns from ``.gitignore`` at ``root`` (negations with ``!``, dir-only with ``/``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.rules: list[tuple[regex.Pattern[str], bool, bool]] = []
        gi = root / ".gitignore"
        try:
            lines = gi.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        for line in lines:
            line = line.rstrip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            if negate:
                line = line[1:]
            dir_only = line.endswith("/")
            self.rules.append((glob_regex(line.rstrip("/")), negate, dir_only))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        if not self.rules:
            return False
        try:
            rel = path.absolute().relative_to(self.root.absolute()).as_posix()
        except ValueError:
            return False
        result = False
        for pat, negate, dir_only in self.rules:
            if dir_only and not is_dir:
                # a dir-only pattern still ignores files inside that directory
                parent = rel.rsplit("/", 1)[0] if "/" in rel else ""
                if not parent or not pat.match(parent):
                    continue
            if pat.match(rel):
                result = not negate
        return result
