"""``--format text`` (default): ``path:line:col: CODE name: message`` and an excerpt,
grouped by file, coloured on a terminal (``NO_COLOR`` respected), then a summary line."""

from __future__ import annotations

from newslint.findings import FileResult, Severity
from newslint.formatters import Formatter, Summary

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


class TextFormatter(Formatter):
    name = "text"
    description = "human-readable, grouped by file (default)"

    def _c(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.info.color else text

    def begin(self) -> None:
        self._printed_any = False

    def file(self, result: FileResult) -> None:
        shown = [f for f in result.findings if self.info.show_suppressed or not f.suppressed]
        if not shown and not result.errors:
            return
        if self._printed_any:
            self.stream.write("\n")
        self._printed_any = True
        w = self.stream.write
        for e in result.errors:
            who = f" [{e.rule or e.plugin}]" if (e.rule or e.plugin) else ""
            w(f"{self._c('1', e.path)}: {self._c('31;1', 'error')}{who}: {e.message}\n")
        for f in shown:
            loc = self._c("1", f"{f.path}:{f.line}:{f.column}:")
            code = self._c(_COLORS[f.severity] + ";1", f.code)
            sup = f" (suppressed: {f.suppression_reason or 'no reason given'})" if f.suppressed else ""
            w(f"{loc} {code} {f.name}: {f.message}{sup}\n")
            if f.excerpt:
                w(f"    {self._c('2', '|')} {f.excerpt}\n")

    def end(self, summary: Summary) -> None:
        c = summary.counts
        total = sum(c.values())
        files = summary.files_linted
        parts = [f"{c['error']} error{'s' * (c['error'] != 1)}",
                 f"{c['warning']} warning{'s' * (c['warning'] != 1)}",
                 f"{c['info']} info"]
        line = (f"Found {total} finding{'s' * (total != 1)} ({', '.join(parts)}) in "
                f"{files} file{'s' * (files != 1)}")
        if summary.suppressed:
            line += f"; {summary.suppressed} suppressed"
        if summary.files_in_error:
            line += f"; {summary.files_in_error} file{'s' * (summary.files_in_error != 1)} could not be fully linted"
        line += "."
        if self._printed_any:
            self.stream.write("\n")
        color = "31;1" if c["error"] or summary.files_in_error else ("33;1" if total else "32;1")
        self.stream.write(self._c(color, line) + "\n")
