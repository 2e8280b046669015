"""``--format text`` (default): one line per finding and an excerpt, grouped by file.

    articles/a.md:3:5: NL201 unattributed-quote: quotation without a named speaker
        | "We will not back down," the statement read.

Colour only when :attr:`RunInfo.color` (the CLI decides: terminal, ``NO_COLOR``,
``--color``). With ``--explain`` each finding also shows its evidence, and the rules that
passed show theirs (``FileResult.notes``), so compliance staff can defend a pass as well as
a finding:

    articles/a.md: NL101 missing-disclaimer passed
        = found: "This is not investment advice"; position: end
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from newslint.findings import FileResult, Severity
from newslint.formatters import FileTally, Formatter, Summary

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
#: Longest rendering of one evidence value before it is cut (keeps --explain compact).
EVIDENCE_VALUE_MAX = 120


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def format_evidence(evidence: Mapping[str, Any]) -> str:
    """``key: value; key: value`` on one line; strings quoted only when they have separators."""
    parts = []
    for key, value in evidence.items():
        if isinstance(value, str):
            shown = json.dumps(value, ensure_ascii=False) if (";" in value or not value) else value
        else:
            shown = json.dumps(value, ensure_ascii=False, default=str)
        shown = " ".join(shown.split())
        if len(shown) > EVIDENCE_VALUE_MAX:
            shown = shown[: EVIDENCE_VALUE_MAX - 1] + "…"
        parts.append(f"{key}: {shown}")
    return "; ".join(parts)


class TextFormatter(Formatter):
    name = "text"
    description = "human-readable, grouped by file (default)"

    def _c(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.info.color else text

    def begin(self) -> None:
        self._printed_any = False

    def fragment_key(self) -> str:
        i = self.info
        return f"text:{int(i.color)}{int(i.show_suppressed)}{int(i.explain)}"

    def emit(self, fragment: str, tally: FileTally) -> None:
        if fragment:
            # One write per file: thousands of small writes cost more than the formatting.
            self.stream.write("\n" + fragment if self._printed_any else fragment)
            self._printed_any = True

    def render(self, result: FileResult) -> str:
        shown = [f for f in result.findings if self.info.show_suppressed or not f.suppressed]
        notes = result.notes if self.info.explain else []
        if not shown and not result.errors and not notes:
            return ""
        out: list[str] = []
        w = out.append
        for e in result.errors:
            who = f" [{e.rule or e.plugin}]" if (e.rule or e.plugin) else ""
            w(f"{self._c('1', e.path)}: {self._c('31;1', 'error')}{who}: {e.message}\n")
        for f in shown:
            loc = self._c("1", f"{f.path}:{f.line}:{f.column}:")
            code = self._c(_COLORS[f.severity] + ";1", f.code)
            sup = ""
            if f.suppressed:
                sup = " " + self._c(
                    "2", f"(suppressed: {f.suppression_reason or 'no reason given'})"
                )
            message = " ".join(f.message.split())  # one finding, one line
            if f.ambiguous:
                message += " (unsure: the text is ambiguous)"
            w(f"{loc} {code} {f.name}: {message}{sup}\n")
            if f.excerpt:
                w(f"    {self._c('2', '|')} {f.excerpt}\n")
            if self.info.explain and f.evidence:
                w(f"    {self._c('2', '=')} {format_evidence(f.evidence)}\n")
        flagged = {f.code for f in result.findings if not f.suppressed}
        for note in notes:
            head = self._c("1", f"{result.path}:")
            rule_code = str(note.get("code", ""))
            # A note is evidence for a verdict without a finding; a rule that also flagged
            # something here did not pass, so its note is just a note.
            verdict = self._c("32", "passed") if rule_code not in flagged else "note"
            w(f"{head} {self._c('1', rule_code)} {note.get('rule', '')} {verdict}\n")
            evidence = note.get("evidence") or {}
            if evidence:
                w(f"    {self._c('2', '=')} {format_evidence(evidence)}\n")
        return "".join(out)

    def end(self, summary: Summary) -> None:
        c = summary.counts
        total = sum(c.values())
        parts = [
            _plural(c["error"], "error"),
            _plural(c["warning"], "warning"),
            f"{c['info']} info",
        ]
        line = (
            f"Found {_plural(total, 'finding')} ({', '.join(parts)}) in "
            f"{_plural(summary.files_linted, 'file')}"
        )
        if summary.suppressed:
            line += f"; {summary.suppressed} suppressed"
        if summary.files_in_error:
            line += f"; {_plural(summary.files_in_error, 'file')} could not be fully linted"
        line += "."
        if self._printed_any:
            self.stream.write("\n")
        color = "31;1" if c["error"] or summary.files_in_error else ("33;1" if total else "32;1")
        self.stream.write(self._c(color, line) + "\n")
