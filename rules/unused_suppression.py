"""Reports suppression comments that no longer suppress anything.

What it checks
    A ``<!-- newslint-disable ... -->`` or ``<!-- newslint-disable-next-line ... -->``
    comment that covers no finding, names a rule newslint does not know (with a "did you
    mean"), or names a rule the config lists as ``unsuppressible``. Unknown and refused
    names silence nothing: a comment with no other name covers no finding at all.

Why it matters
    Stale suppressions hide future problems: once the figure they excused is gone, the
    comment would silently excuse the next unsourced figure written on that line. A
    mistyped name must not pass for an agreed exception either.

Example
    <!-- newslint-disable-next-line unsourced-figure -- our own survey -->
    The council met on Tuesday.

Use instead
    The council met on Tuesday.

Options
    None.

Fix
    Delete the comment, or correct the rule name (``newslint rules`` lists them).
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
