"""(work in progress)"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.findings import Hit, Severity
from newslint.rule import Rule, RuleContext


class MissingEditorCredit(Rule):
    code = "NL102"
    name = "missing-editor-credit"
    summary = "TODO"
    severity = Severity.ERROR

    def check(self, article, ctx: RuleContext) -> Iterator[Hit]:
        return iter(())
