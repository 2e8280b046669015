"""What a change touched: ``--changed-since`` (which articles) and ``--changed-lines`` (lines).

A pull request should be judged on what it touches, not on the archive it lands in. The
comparison uses merge-base semantics, like the "Files changed" tab of a pull request: the
base is ``git merge-base REF HEAD`` and it is compared with the *working tree*, so commits on
the branch, uncommitted edits and new untracked files all count, while work that happened on
REF after the branch forked does not. Renames are followed (the new path is linted),
deletions are ignored.

Shallow clones (``actions/checkout`` fetches one commit by default, GitLab fetches 20) often
lack REF or the common ancestor; that is an error with a message that says how to fetch it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from newslint.errors import NewslintError
from newslint.findings import FileResult, Finding
from newslint.lazy import lazy_regex

#: ``None`` for a file whose every line counts as changed (a new or untracked file).
LineSet = frozenset[int] | None


class ChangedFilesError(NewslintError):
    """git could not tell what changed (no repository, unknown ref, shallow history)."""


class Change(NamedTuple):
    """One added, modified or renamed file, as an absolute path."""

    path: Path
    status: str  # A (added or untracked), M (modified), R (renamed)
    old_path: Path | None = None


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise ChangedFilesError("--changed-since needs git, and git is not installed") from None


def _top_level(cwd: Path) -> Path:
    proc = _git(["rev-parse", "--show-toplevel"], cwd)
    if proc.returncode != 0:
        raise ChangedFilesError(f"--changed-since needs a git repository; {cwd} is not in one")
    return Path(os.fsdecode(proc.stdout.strip()))


def _is_shallow(cwd: Path) -> bool:
    proc = _git(["rev-parse", "--is-shallow-repository"], cwd)
    return proc.stdout.strip() == b"true"


def merge_base(ref: str, cwd: Path) -> str:
    """The commit REF and HEAD share; raises :class:`ChangedFilesError` with a way out."""
    shallow = _is_shallow(cwd)
    hint = (
        " This is a shallow clone: fetch the ref and enough history, e.g. "
        f"`git fetch --deepen=200 origin {_branch_of(ref)}` (GitHub: actions/checkout with "
        "fetch-depth: 0; GitLab: GIT_DEPTH: 0)."
        if shallow
        else ""
    )
    check = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    if check.returncode != 0:
        raise ChangedFilesError(
            f"--changed-since: git ref {ref!r} not found in this repository.{hint}"
            + ("" if shallow else f" Fetch it first, e.g. `git fetch origin {_branch_of(ref)}`.")
        )
    proc = _git(["merge-base", ref, "HEAD"], cwd)
    if proc.returncode != 0:
        raise ChangedFilesError(
            f"--changed-since: {ref!r} and HEAD have no common ancestor in the history "
            f"available here.{hint or ' Are they from the same project?'}"
        )
    return proc.stdout.decode().strip()


def _branch_of(ref: str) -> str:
    return ref.split("/", 1)[1] if ref.startswith("origin/") else ref


def changed_files(ref: str, cwd: Path) -> list[Change]:
    """Files added, modified or renamed since the merge base of REF and HEAD (working tree)."""
    top = _top_level(cwd)
    base = merge_base(ref, cwd)
    proc = _git(["diff", "--name-status", "-z", "-M", "--diff-filter=AMR", base, "--"], top)
    if proc.returncode != 0:
        raise ChangedFilesError(f"git diff failed: {proc.stderr.decode(errors='replace').strip()}")
    fields = proc.stdout.split(b"\0")
    out: list[Change] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i].decode()[0]
        if status == "R":
            old, new = fields[i + 1], fields[i + 2]
            out.append(Change(top / os.fsdecode(new), "R", top / os.fsdecode(old)))
            i += 3
        else:
            out.append(Change(top / os.fsdecode(fields[i + 1]), status))
            i += 2
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], top)
    for name in untracked.stdout.split(b"\0"):
        if name:
            out.append(Change(top / os.fsdecode(name), "A"))
    return out


_HUNK = lazy_regex(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def changed_lines(ref: str, cwd: Path, changes: Iterable[Change]) -> dict[str, LineSet]:
    """For each changed file, the 1-based line numbers (new side) that the change added or edited.

    Keys are normalised absolute paths (see :func:`lines_for`). Added and untracked files
    map to ``None`` (every line counts). Lines that were only deleted leave nothing behind
    to flag, so they add no line. One ``git diff -U0`` call covers every file.
    """
    top = _top_level(cwd)
    base = merge_base(ref, cwd)
    result: dict[str, LineSet] = {}
    wanted: dict[str, Change] = {}
    for change in changes:
        if change.status == "A":
            result[_norm(change.path)] = None
        else:
            wanted[_norm(change.path)] = change
    if not wanted:
        return result
    proc = _git(
        [
            "diff",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "-M",
            "--diff-filter=MR",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            base,
            "--",
        ],
        top,
    )
    if proc.returncode != 0:
        raise ChangedFilesError(f"git diff failed: {proc.stderr.decode(errors='replace').strip()}")
    touched: dict[str, set[int]] = {}
    current: set[int] | None = None
    for raw in proc.stdout.split(b"\n"):
        if raw.startswith(b"+++ "):
            name = _unquote(raw[4:])
            current = None
            if name.startswith("b/"):
                key = _norm(top / name[2:])
                if key in wanted:
                    current = touched.setdefault(key, set())
            continue
        if current is not None and raw.startswith(b"@@"):
            m = _HUNK.match(raw)
            if m:
                start = int(m.group(1))
                count = int(m.group(2)) if m.group(2) is not None else 1
                current.update(range(start, start + count))
    for key in wanted:  # a pure rename (no content change) touched no line
        result[key] = frozenset(touched.get(key, ()))
    return result


def _unquote(raw: bytes) -> str:
    """git quotes unusual paths C-style ("b/caf\\303\\251.md"); undo that."""
    text = raw.rstrip(b"\t").decode("utf-8", errors="surrogateescape")
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        try:
            body = text[1:-1].encode("latin-1", errors="backslashreplace")
            return body.decode("unicode_escape").encode("latin-1").decode("utf-8", errors="replace")
        except UnicodeError:
            return text[1:-1]
    return text


def is_article_level(finding: Finding, article_level_codes: frozenset[str]) -> bool:
    """A finding about the whole article (a missing disclaimer) rather than a place in it."""
    return finding.evidence.get("scope") == "article" or finding.code in article_level_codes


def keep_changed_lines(
    result: FileResult, lines: LineSet, article_level_codes: frozenset[str]
) -> FileResult:
    """Drop findings on lines the change did not touch; article-level findings always stay."""
    if lines is None:
        return result
    kept = []
    for f in result.findings:
        last = f.end_line if (f.end_column > 1 or f.end_line == f.line) else f.end_line - 1
        if is_article_level(f, article_level_codes) or any(
            n in lines for n in range(f.line, max(f.line, last) + 1)
        ):
            kept.append(f)
    result.findings = kept
    return result


def select_changed(
    files: Iterable[tuple[Path, str]], changes: Iterable[Change]
) -> list[tuple[Path, str]]:
    """The discovered files that the change added, modified or renamed."""
    wanted = {_norm(c.path) for c in changes}
    return [(p, d) for p, d in files if _norm(p) in wanted]


def lines_for(path: Path, table: Mapping[str, LineSet]) -> LineSet:
    """Changed lines of a discovered path (``None``: all of them, or unknown to git)."""
    return table.get(_norm(path))


def _norm(p: Path) -> str:
    return os.path.normcase(os.path.realpath(p))


def restrict_to_changed(
    ref: str, cwd: Path, files: list[tuple[Path, str]], with_lines: bool
) -> tuple[list[tuple[Path, str]], dict[str, LineSet] | None]:
    """``--changed-since``: the discovered files the change touched, and their changed lines."""
    changes = changed_files(ref, cwd)
    selected = select_changed(files, changes)
    if not with_lines:
        return selected, None
    return selected, changed_lines(ref, cwd, changes)


class ChangedLinesFilter:
    """``--changed-lines``: applied to each FileResult before it is reported."""

    def __init__(self, table: Mapping[str, LineSet], cwd: Path, article_level_codes: Iterable[str]):
        self.table = table
        self.cwd = cwd
        self.codes = frozenset(article_level_codes)

    def __call__(self, result: FileResult) -> FileResult:
        path = Path(result.path)
        lines = lines_for(path if path.is_absolute() else self.cwd / path, self.table)
        return keep_changed_lines(result, lines, self.codes)
