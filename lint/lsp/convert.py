"""Findings as LSP values: positions, diagnostics, fix and suppression edits, hover text.

newslint counts 1-based lines and code-point columns; LSP counts 0-based lines and, by
default, UTF-16 code units (a character outside the Basic Multilingual Plane, such as most
emoji, is two units), or UTF-8 bytes / code points when the client negotiated
``positionEncoding``. Everything here is a pure function of the buffer text, so the
conversions are tested without a client.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from lsprotocol import types
from newslint.article import LineIndex
from newslint.findings import FileError, Finding, Fix, Severity

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
SOURCE = "newslint"

#: Extensions the server lints, and the LSP language ids of untitled buffers mapped to them.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
LANGUAGE_SUFFIX = {"plaintext": ".txt", "markdown": ".md", "html": ".html"}
#: File types with a comment syntax for ``newslint-disable`` directives (plain text has none:
#: it suppresses through an override's ``suppress:`` in the config).
COMMENT_SUFFIXES = (".md", ".markdown", ".html", ".htm")

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the code units of ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def code_points(line: str, count: int, encoding: str) -> int:
    """How many code points of ``line`` the first ``count`` code units cover (a position
    inside a character counts as that character's start)."""
    if encoding == UTF32:
        return max(0, min(count, len(line)))
    used = 0
    for i, ch in enumerate(line):
        step = units(ch, encoding)
        if used + step > count:
            return i
        used += step
    return len(line)


class Buffer:
    """One version of a document's text with its line index: newslint offsets and
    positions to LSP positions and back."""

    __slots__ = ("encoding", "index", "text")

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.index = LineIndex(text)

    def line_text(self, line: int) -> str:
        """The 1-based ``line`` without its line break."""
        start, end = self.index.line_span(line)
        return self.text[start:end].rstrip("\r\n")

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of a newslint 1-based (line, code-point column)."""
        line = max(1, min(line, self.index.line_count))
        text = self.line_text(line)
        prefix = text[: max(0, column - 1)]
        return types.Position(line=line - 1, character=units(prefix, self.encoding))

    def offset_position(self, offset: int) -> types.Position:
        return self.position(*self.index.position(offset))

    def offset(self, pos: types.Position) -> int:
        """The text offset of an LSP position (clamped into the text, as LSP asks)."""
        if pos.line >= self.index.line_count:
            return len(self.text)
        line = pos.line + 1
        start, _ = self.index.line_span(line)
        return start + code_points(self.line_text(line), pos.character, self.encoding)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(self.offset_position(start), self.offset_position(end))

    def newline(self) -> str:
        """The line ending the text uses (its first one), for inserted lines."""
        for i, ch in enumerate(self.text):
            if ch == "\n":
                return "\n"
            if ch == "\r":
                return "\r\n" if self.text[i + 1 : i + 2] == "\n" else "\r"
        return "\n"


def finding_range(buf: Buffer, f: Finding) -> types.Range:
    return types.Range(buf.position(f.line, f.column), buf.position(f.end_line, f.end_column))


def fix_data(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    edits = [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in fix.edits]
    return {"title": fix.title, "applicability": fix.applicability, "edits": edits}


def to_diagnostic(buf: Buffer, f: Finding) -> types.Diagnostic:
    """A finding as a diagnostic; ``data`` keeps what the editor cannot show inline (the
    evidence a compliance reviewer needs, the fix, the fingerprint for baselines). A rule
    with a policy URL links it as the code's description."""
    policy = f.evidence.get("policy")
    url = policy.get("url") if isinstance(policy, dict) else None
    return types.Diagnostic(
        range=finding_range(buf, f),
        message=f.message,
        severity=_SEVERITY[f.severity],
        code=f.code,
        code_description=types.CodeDescription(href=url) if isinstance(url, str) else None,
        source=SOURCE,
        data={
            "name": f.name,
            "fingerprint": f.fingerprint,
            "excerpt": f.excerpt,
            "evidence": dict(f.evidence),
            "fix": fix_data(f.fix),
            "ambiguous": f.ambiguous,
        },
    )


def error_diagnostic(error: FileError) -> types.Diagnostic:
    """A file the rules could not finish (a crashing rule or plugin, unreadable input):
    one diagnostic at the top, so the editor shows the article was not fully checked."""
    who = f"rule {error.rule!r} failed: " if error.rule else ""
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=f"newslint could not check this article completely: {who}{error.message}",
        severity=types.DiagnosticSeverity.Error,
        code=f"{error.kind}-error",
        source=SOURCE,
    )


def notice_diagnostic(message: str) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def diagnostics(
    buf: Buffer, findings: Iterable[Finding], errors: Iterable[FileError] = ()
) -> list[types.Diagnostic]:
    """What to publish: findings not suppressed, then one diagnostic per error."""
    out = [to_diagnostic(buf, f) for f in findings if not f.suppressed]
    out.extend(error_diagnostic(e) for e in errors)
    return out


def overlaps(a: types.Range, b: types.Range) -> bool:
    """True when the ranges share a position (touching counts: a cursor at a finding's end
    still asks about it)."""

    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def fix_edits(buf: Buffer, fix: Fix) -> list[types.TextEdit]:
    """A fix's edits as text edits, replacements in the buffer's own line endings."""
    from newslint.fixer import edit_in_style

    return [
        types.TextEdit(range=buf.range(e.start, e.end), new_text=edit_in_style(buf.text, e))
        for e in fix.edits
    ]


def fix_title(f: Finding, fix: Fix) -> str:
    if fix.applicability == "safe":
        return f"Fix {f.code} ({f.name}): {fix.title}"
    return f"Unsafe fix, review the wording: {fix.title} ({f.code} {f.name})"


def suppression_edit(buf: Buffer, f: Finding, suffix: str) -> types.TextEdit | None:
    """Insert ``newslint-disable-next-line RULE -- `` above the finding's line, or None
    for a file type without comments.

    The reason after `` -- `` is left for the editor to write: newslint never invents one, and
    an empty reason is reported by ``suppression-without-reason`` where the project requires
    reasons. In Markdown a comment line inside a paragraph would end the paragraph (an HTML
    block interrupts it) and change what the rules read, so there the comment goes at the
    end of the previous line instead.
    """
    if suffix not in COMMENT_SUFFIXES:
        return None
    comment = f"<!-- newslint-disable-next-line {f.name} -- -->"
    line = max(1, min(f.line, buf.index.line_count))
    previous = buf.line_text(line - 1) if line > 1 else ""
    if suffix in (".md", ".markdown") and previous.strip():
        at = buf.position(line - 1, len(previous) + 1)
        return types.TextEdit(range=types.Range(at, at), new_text=" " + comment)
    text = buf.line_text(line)
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    at = types.Position(line=line - 1, character=0)
    return types.TextEdit(range=types.Range(at, at), new_text=f"{indent}{comment}{buf.newline()}")


def hover_text(f: Finding, explanation: str, markdown: bool) -> str:
    """The finding, its evidence and the rule's documentation (``newslint explain``)."""
    evidence = json.dumps(dict(f.evidence), ensure_ascii=False, indent=2, default=str)
    if not markdown:
        return f"{f.code} {f.name}: {f.message}\n\nEvidence: {evidence}\n\n{explanation}"
    from newslint.ruledoc import parse_sections

    head, _, rest = explanation.partition("\n\n")
    meta, _, doc = rest.partition("\n\n")
    parts = [f"**{head}** ({f.severity.label})", f.message]
    parts.append(f"Evidence:\n```json\n{evidence}\n```")
    parts.append("  \n".join(line.strip() for line in meta.splitlines()))
    for heading, body in parse_sections(doc).items():
        if heading != "summary":
            parts.append(f"**{heading}**")
        if body:
            parts.append(_markdown_body(body))
    return "\n\n".join(p for p in parts if p)


def _markdown_body(body: str) -> str:
    """A docstring section as Markdown: indented lines (examples) stay verbatim in a block,
    prose lines join into paragraphs."""
    out: list[str] = []
    block: list[str] = []
    for line in body.splitlines():
        if line.startswith((" ", "\t")):
            block.append(line)
            continue
        if block:
            out.append("```\n" + "\n".join(block) + "\n```")
            block = []
        out.append(line)
    if block:
        out.append("```\n" + "\n".join(block) + "\n```")
    return "\n".join(out)


def finding_at(buf: Buffer, findings: Sequence[Finding], pos: types.Position) -> list[Finding]:
    """The findings (not suppressed) whose range holds ``pos``."""
    point = types.Range(pos, pos)
    return [f for f in findings if not f.suppressed and overlaps(finding_range(buf, f), point)]
