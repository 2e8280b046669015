"""Reports suppression comments that do not say why.

What it checks
    A ``<!-- newslint-disable ... -->`` or ``<!-- newslint-disable-next-line ... -->``
    comment without a reason after `` -- ``. Off unless the config sets
    ``require-suppression-reason: true`` (or turns this rule on).

Why it matters
    A suppression is a decision someone will be asked about later: an auditor or a new
    editor reading the article cannot tell an agreed exception from a way round the check
    unless the comment says why.

Example
    <!-- newslint-disable-next-line unsourced-figure -->
    Shares rose 5% on Tuesday.

Use instead
    <!-- newslint-disable-next-line unsourced-figure -- figure from our own survey -->
    Shares rose 5% on Tuesday.

Options
    None. Its severity is set like any rule's (``rules: {suppression-without-reason:
    error}``).

Fix
    Add the reason after `` -- `` inside the comment. The suppression still applies without
    one; this finding is what reports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from newslint.findings import Hit, Severity
from newslint.rule import Rule, RuleContext

if TYPE_CHECKING:
    from newslint.article import Article


class SuppressionWithoutReason(Rule):
    code = "NL902"
    name = "suppression-without-reason"
    summary = "A suppression comment that does not say why."
    severity = Severity.WARNING
    default_enabled = False
    reads_suppressions = True

    def check(self, article: Article, ctx: RuleContext) -> Iterator[Hit]:
        for d in ctx.suppressions.directives:
            if d.action != "enable" and d.reason is None:
                message = ctx.t(
                    "this suppression gives no reason: add one after ' -- ' "
                    "(for example: -- figure from our own survey)"
                )
                yield Hit(d.start, d.end, message, d.evidence(), in_source=True)
