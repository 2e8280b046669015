"""(work in progress)"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.findings import Hit, Severity
from newslint.rule import Rule, RuleContext


class UnsourcedFigure(Rule):
    code = "NL301"
    name = "unsourced-figure"
    summary = "TODO"
    severity = Severity.WARNING

    def check(self, article, ctx: RuleContext) -> Iterator[Hit]:
        return iter(())
