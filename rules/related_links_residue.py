"""(work in progress)"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.findings import Hit, Severity
from newslint.rule import Rule, RuleContext


class RelatedLinksResidue(Rule):
    code = "NL401"
    name = "related-links-residue"
    summary = "TODO"
    severity = Severity.WARNING

    def check(self, article, ctx: RuleContext) -> Iterator[Hit]:
        return iter(())
