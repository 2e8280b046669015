"""(work in progress)"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.findings import Hit, Severity
from newslint.rule import Rule, RuleContext


class MissingDisclaimer(Rule):
    code = "NL101"
    name = "missing-disclaimer"
    summary = "TODO"
    severity = Severity.ERROR

    def check(self, article, ctx: RuleContext) -> Iterator[Hit]:
        return iter(())
