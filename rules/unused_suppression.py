"""Reports suppression comments that no longer suppress anything.

What it checks
    A ``<!-- newslint-disable ... -->`` or ``<!-- newslint-disable-next-line ... -->``
    comment that covers no finding, or that names a rule newslint does not know.

Why it matters
    Stale suppressions hide future problems: once the figure they excused is gone, the
    comment would silently excuse the next unsourced figure written on that line.

Example
    <!-- newslint-disable-next-line unsourced-figure -- our own survey -->
    The council met on Tuesday.

Use instead
    The council met on Tuesday.

Options
    None.

Fix
    Delete the comment.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from newslint.findings import Hit, Severity
from newslint.rule import Rule, RuleContext

if TYPE_CHECKING:
    from newslint.article import Article


class UnusedSuppression(Rule):
    code = "NL901"
    name = "unused-suppression"
    summary = "A suppression comment that suppresses nothing (or names an unknown rule)."
    severity = Severity.WARNING

    def check(self, article: Article, ctx: RuleContext) -> Iterator[Hit]:
        # The engine applies suppressions after every other rule ran, so it reports these.
        return iter(())
