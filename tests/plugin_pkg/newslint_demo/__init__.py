"""A third-party newslint plugin: one rule and one formatter, registered by entry point."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex
from newslint.findings import FileResult, Hit, Severity
from newslint.formatters import Formatter, Summary
from newslint.hookspecs import hookimpl
from newslint.rule import Rule, RuleContext

_LOREM = regex.compile(r"lorem ipsum", regex.IGNORECASE)


class NoLorem(Rule):
    """Placeholder text must never reach readers."""

    code = "DEMO001"
    name = "no-lorem-ipsum"
    summary = "Placeholder 'lorem ipsum' text left in an article."
    severity = Severity.ERROR

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        for m in ctx.finditer(_LOREM, article.text):
            yield Hit(m.start(), m.end(), "remove the placeholder text")


class CountFormatter(Formatter):
    name = "demo-count"
    description = "one line per file: path and number of findings"

    def render(self, result: FileResult) -> str:
        return f"{result.path} {len(result.findings)}\n"

    def end(self, summary: Summary) -> None:
        self.stream.write(f"total {sum(summary.counts.values())}\n")


@hookimpl
def newslint_rules() -> list[Any]:
    return [NoLorem]


@hookimpl
def newslint_formatters() -> list[Any]:
    return [CountFormatter]
