"""Applying fixes (``newslint check --fix`` / ``--diff``): ruff's model, for articles.

A pass lints the text, takes every applicable fix (safe ones, unsafe ones too with
``--unsafe-fixes``; never a suppressed finding's), applies the fixes whose edits do not
overlap one already taken, and lints the result again; passes repeat until nothing is left
to apply, so a second ``--fix`` run changes nothing. The text is written back in the file's
own encoding, byte-order mark and line endings, atomically, and only if the file still holds
the bytes that were read: an editor's save in between is never overwritten.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from newslint.engine import Linter, read_input
from newslint.errors import InputError
from newslint.findings import Edit, FileError, FileResult, Finding, Fix
from newslint.readers.decode import DecodeError, decode_bytes

#: Passes after which fixes that keep changing the text are given up (ruff uses 100;
#: newslint's fixes settle in two or three).
MAX_PASSES = 10


class Encoding(NamedTuple):
    """How a file's text goes back to bytes: codec and byte-order mark (see ``decode``)."""

    codec: str
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def sniff_encoding(data: bytes) -> Encoding:
    """The encoding :func:`newslint.readers.decode.decode_bytes` read ``data`` with."""
    if data.startswith(codecs.BOM_UTF8):
        return Encoding("utf-8", codecs.BOM_UTF8)
    if data.startswith(codecs.BOM_UTF16_LE):
        return Encoding("utf-16-le", codecs.BOM_UTF16_LE)
    if data.startswith(codecs.BOM_UTF16_BE):
        return Encoding("utf-16-be", codecs.BOM_UTF16_BE)
    return Encoding("utf-8")


def fixable(finding: Finding, unsafe: bool) -> bool:
    """True when ``finding`` has a fix this run may apply."""
    fix = finding.fix
    return (
        not finding.suppressed
        and fix is not None
        and bool(fix.edits)
        and (fix.applicability == "safe" or unsafe)
    )


def _newline(text: str) -> str | None:
    """The file's line ending when it uses only one kind other than ``\\n``, else None."""
    crlf = text.count("\r\n")
    if crlf and crlf == text.count("\n") == text.count("\r"):
        return "\r\n"
    if text.count("\r") and not text.count("\n"):
        return "\r"
    return None


def _in_style(replacement: str, newline: str | None) -> str:
    """``replacement`` with its line breaks in the file's own style."""
    if newline is None or ("\n" not in replacement and "\r" not in replacement):
        return replacement
    return "\n".join(replacement.splitlines()).replace("\n", newline) + (
        newline if replacement.endswith(("\n", "\r")) else ""
    )


def edit_in_style(text: str, edit: Edit) -> str:
    """``edit``'s replacement with line breaks in ``text``'s own style (as ``--fix`` writes
    it; the language server's code actions use it too)."""
    return _in_style(edit.replacement, _newline(text))


def already_there(text: str, fix: Fix) -> bool:
    """True for a fix that only inserts lines the text already has on their own.

    Such a fix would add the same line on every run: the editor-credit line keeps its
    ``{editor}`` placeholder (and the article keeps failing) until a person fills in a name.
    """
    if not all(e.start == e.end for e in fix.edits):
        return False
    lines = {line.strip() for line in text.splitlines()}
    inserted = [line.strip() for e in fix.edits for line in e.replacement.splitlines()]
    return any(inserted) and all(not line or line in lines for line in inserted)


def _overlaps(edit: Edit, taken: list[Edit]) -> bool:
    for other in taken:
        if edit.start < other.end and other.start < edit.end:
            return True  # shared text
        if edit.start == edit.end and other.start < edit.start < other.end:
            return True  # an insertion inside text another edit replaces
        if other.start == other.end and edit.start < other.start < edit.end:
            return True
    return False


def apply_fixes(text: str, fixes: Iterable[tuple[str, Fix]]) -> tuple[str, int]:
    """``text`` with every fix whose edits overlap no fix taken before it; (text, count).

    ``fixes`` are (rule code, fix) pairs. Fixes are taken in order of their first edit, then
    of rule code, so insertions at one place come in code order (the disclaimer, NL101,
    before the credit line, NL102); a fix is all or nothing (a move is a cut and a paste).
    """
    ordered = sorted(
        ((code, f) for code, f in fixes if f.edits),
        key=lambda item: (min(e.start for e in item[1].edits), item[0]),
    )
    taken: list[Edit] = []
    count = 0
    for _code, fix in ordered:
        if any(_overlaps(e, taken) for e in fix.edits):
            continue
        taken.extend(fix.edits)
        count += 1
    if not count:
        return text, 0
    newline = _newline(text)
    out: list[str] = []
    pos = 0
    for edit in sorted(taken, key=lambda e: (e.start, e.end)):  # stable: insertions first
        out.append(text[pos : edit.start])
        out.append(_in_style(edit.replacement, newline))
        pos = edit.end
    out.append(text[pos:])
    return "".join(out), count


class Outcome(NamedTuple):
    """What fixing one file did: the findings that remain (linted on the fixed text), how
    many fixes were applied, and the text before and after (equal when nothing changed)."""

    result: FileResult
    applied: int
    before: str
    after: str
    encoding: Encoding
    data: bytes

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def fixed_bytes(self) -> bytes:
        return self.encoding.encode(self.after)

    def diff(self) -> str:
        """A unified diff (``a/PATH`` → ``b/PATH``, as ``git apply``/``patch -p1`` read)."""
        if not self.changed:
            return ""
        path = self.result.path
        old, new = (path, path) if path.startswith("/") else (f"a/{path}", f"b/{path}")
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=old,
            tofile=new,
        )
        out: list[str] = []
        for line in lines:
            if line.endswith(("\n", "\r")):
                out.append(line)
            else:
                out.append(line + "\n\\ No newline at end of file\n")
        return "".join(out)


def fix_text(linter: Linter, text: str, display: str, unsafe: bool) -> tuple[str, FileResult, int]:
    """Lint and fix ``text`` until no applicable fix is left; (text, last result, applied).

    Fixes that keep changing the text after :data:`MAX_PASSES` passes leave it as it was,
    with an error naming the rules: a half-settled file would change again on the next run.
    """
    original = text
    applied = 0
    for _ in range(MAX_PASSES):
        result = linter.lint_bytes(text, display)
        if not result.linted:
            if applied:  # a reader rejects the fixed text: keep the file as it was
                result.errors.append(
                    FileError(
                        display,
                        "rule",
                        "the fixed text could not be read back; nothing was changed",
                    )
                )
                return original, result, 0
            return text, result, applied
        fixes = [
            (f.code, f.fix)
            for f in result.findings
            if f.fix is not None and fixable(f, unsafe) and not already_there(text, f.fix)
        ]
        new_text, count = apply_fixes(text, fixes)
        if not count or new_text == text:
            return text, result, applied
        text, applied = new_text, applied + count
    result = linter.lint_bytes(original, display)
    rules = sorted({f.name for f in result.findings if f.fix is not None and fixable(f, unsafe)})
    result.errors.append(
        FileError(
            display,
            "rule",
            f"fixes did not settle after {MAX_PASSES} passes (rules: {', '.join(rules)}); "
            "nothing was changed",
            rule=rules[0] if rules else None,
        )
    )
    return original, result, 0


def fix_data(linter: Linter, data: bytes, display: str, unsafe: bool) -> Outcome | FileResult:
    """Fix one file's bytes; a :class:`FileResult` with the error when they cannot be
    decoded or would not come back byte for byte."""
    try:
        before = decode_bytes(data)
    except DecodeError as exc:
        return FileResult(display, errors=[FileError(display, "input", str(exc))], linted=False)
    encoding = sniff_encoding(data)
    if encoding.encode(before) != data:  # not expected: decode_bytes reads only these
        result = linter.lint_bytes(data, display)
        reason = "its encoding cannot be written back byte for byte: not fixed"
        result.errors.append(FileError(display, "input", reason))
        return result
    after, result, applied = fix_text(linter, before, display, unsafe)
    return Outcome(result, applied, before, after, encoding, data)


def fix_path(linter: Linter, path: Path, display: str, unsafe: bool) -> Outcome | FileResult:
    """Read and fix one file (nothing is written: see :func:`write_back`)."""
    try:
        data = read_input(path, display, linter.config.max_file_size)
    except InputError as exc:
        return FileResult(display, errors=[FileError(display, "input", exc.reason)], linted=False)
    return fix_data(linter, data, display, unsafe)


class ChangedOnDisk(Exception):
    """The file no longer holds the bytes the fixes were computed from."""


def write_back(path: Path, expected: bytes, data: bytes) -> None:
    """Replace ``path``'s content with ``data`` atomically, keeping its permissions, unless
    it no longer holds ``expected`` (:class:`ChangedOnDisk`). A symbolic link stays a link:
    its target is written."""
    target = Path(os.path.realpath(path))
    with open(target, "rb") as fh:
        if fh.read() != expected:
            raise ChangedOnDisk(str(path))
        mode = os.fstat(fh.fileno()).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".newslint.tmp", dir=target.parent)
    try:
        with open(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_outcome(path: Path, outcome: Outcome) -> FileError | None:
    """Write a fixed file; the error to report when it changed meanwhile or is unwritable."""
    display = outcome.result.path
    try:
        write_back(path, outcome.data, outcome.fixed_bytes())
    except ChangedOnDisk:
        return FileError(
            display,
            "input",
            "changed on disk since newslint read it: fixes not written (run --fix again)",
        )
    except OSError as exc:
        return FileError(display, "input", f"cannot write fixes: {exc.strerror or exc}")
    return None


class FixStats:
    """Tallies for the closing line: fixes applied (or that ``--diff`` would apply) and the
    findings that remain, with how many of those another option could still fix."""

    def __init__(self, unsafe: bool) -> None:
        self.unsafe = unsafe
        self.fixed = 0
        self.files = 0
        self.remaining = 0
        self.safe_left = 0
        self.unsafe_left = 0

    def count(self, result: FileResult, text: str | None = None) -> None:
        """Count the findings that remain in ``result`` (``text``: the file's text now)."""
        for f in result.findings:
            if f.suppressed:
                continue
            self.remaining += 1
            if (
                f.fix is None
                or not f.fix.edits
                or (text is not None and already_there(text, f.fix))
            ):
                continue
            if f.fix.applicability == "safe":
                self.safe_left += 1
            else:
                self.unsafe_left += 1

    def report(self, fix: bool, diff: bool) -> str:
        more = ""
        if not self.unsafe and self.unsafe_left:
            more = f" ({self.unsafe_left} more fixable with --unsafe-fixes)"
        if diff:
            done = f"would apply {_plural(self.fixed, 'fix')} to {_plural(self.files, 'file')}"
            return f"newslint: {done}{more}.\n"
        if fix:
            done = f"applied {_plural(self.fixed, 'fix')} to {_plural(self.files, 'file')}"
            left = _plural(self.remaining, "finding")
            return f"newslint: {done}; {left} remaining{more}.\n"
        total = self.safe_left + self.unsafe_left
        if not total:
            return "newslint: no finding has a fix.\n"
        return (
            f"newslint: {_plural(total, 'finding')} fixable with --fix --unsafe-fixes "
            f"({self.safe_left} of them with --fix alone).\n"
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 'es' if word.endswith('x') else 's'}"


def fix_files(
    linter: Linter,
    files: Sequence[tuple[Path, str]],
    stats: FixStats,
    diff: bool,
    stdin: tuple[bytes, str] | None = None,
) -> Iterator[FileResult]:
    """Fix files in order (``diff``: print the changes instead of writing them) and yield
    each one's remaining findings; ``stdin`` = (bytes, display name) fixes standard input,
    whose fixed text goes to standard output."""
    if stdin is not None:
        yield _fix_stdin(linter, stdin[0], stdin[1], stats, diff)
        return
    for path, display in files:
        outcome = fix_path(linter, path, display, stats.unsafe)
        if isinstance(outcome, FileResult):
            stats.count(outcome)
            yield outcome
            continue
        result = outcome.result
        if outcome.changed:
            error = None
            if diff:
                sys.stdout.write(outcome.diff())
            else:
                error = write_outcome(path, outcome)
            if error is not None:
                # What the fixes were computed from is no longer on disk: report only that.
                yield FileResult(display, errors=[error], linted=False)
                continue
            stats.fixed += outcome.applied
            stats.files += 1
        stats.count(result, outcome.after)
        yield result


def _fix_stdin(
    linter: Linter, data: bytes, display: str, stats: FixStats, diff: bool
) -> FileResult:
    out = sys.stdout.buffer
    if not data.strip():
        if not diff:
            out.write(data)
        reason = "standard input is empty: nothing to lint"
        return FileResult(display, errors=[FileError(display, "input", reason)], linted=False)
    outcome = fix_data(linter, data, display, stats.unsafe)
    if isinstance(outcome, FileResult):
        if not diff:
            out.write(data)  # the pipe still gets the article, unchanged
        stats.count(outcome)
        return outcome
    if diff:
        sys.stdout.write(outcome.diff())
    else:
        sys.stdout.flush()
        out.write(outcome.fixed_bytes())
        out.flush()
    if outcome.changed:
        stats.fixed += outcome.applied
        stats.files += 1
    stats.count(outcome.result, outcome.after)
    return outcome.result


__all__ = [
    "MAX_PASSES",
    "Encoding",
    "FixStats",
    "Outcome",
    "already_there",
    "apply_fixes",
    "fix_data",
    "fix_files",
    "fix_path",
    "fix_text",
    "fixable",
    "sniff_encoding",
    "write_back",
    "write_outcome",
]
