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

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from newslint.findings import Hit, Severity
from newslint.i18n import Translator, english
from newslint.rule import Rule, RuleContext

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.suppress import Directive


class UnusedSuppression(Rule):
    code = "NL901"
    name = "unused-suppression"
    summary = "A suppression comment that suppresses nothing (or names an unknown rule)."
    severity = Severity.WARNING
    reads_suppressions = True

    def check(self, article: Article, ctx: RuleContext) -> Iterator[Hit]:
        names = ctx.suppressions.rule_names
        for d in ctx.suppressions.directives:
            if d.action == "enable":
                continue
            message = unused_message(d, names, ctx.t)
            if message:
                yield Hit(d.start, d.end, message, d.evidence(), in_source=True)


def unused_message(d: Directive, names: Mapping[str, str], t: Translator = english) -> str | None:
    """Why directive ``d`` is (partly) useless, or None when every name it gives is used."""
    parts = [unknown_name_message(token, names, t) for token in d.unknown]
    refused = t("{rule} may not be suppressed in this newsroom (fix the article instead)")
    parts += [refused.format(rule=names.get(c, c)) for c in sorted(d.refused)]
    if not d.used and d.rules:
        what = ", ".join(sorted(names.get(c, c) for c in d.rules))
        parts.append(
            t("suppression of {rules} suppresses nothing here: remove it").format(rules=what)
        )
    elif not d.used and d.bare:
        parts.append(t("suppression of any rule suppresses nothing here: remove it"))
    elif not d.used and parts:
        return t("this suppression silences nothing: {reasons}").format(reasons="; ".join(parts))
    return "; ".join(parts) or None


def unknown_name_message(token: str, names: Mapping[str, str], t: Translator = english) -> str:
    """``unknown rule 'x' (did you mean 'y'?)``; a code prefix is told to name whole rules.

    ``names`` maps the code of every known rule to its name.
    """
    import difflib

    prefixed = sorted(
        name for code, name in names.items() if code.upper().startswith(token.upper())
    )
    if prefixed:
        return t("{name} is only the start of a rule code: name the rule ({rules})").format(
            name=repr(token), rules=", ".join(prefixed)
        )
    close = difflib.get_close_matches(token.lower(), list(names.values()), n=1, cutoff=0.6)
    close = close or difflib.get_close_matches(token.upper(), list(names), n=1, cutoff=0.6)
    if close:
        return t("unknown rule {name} (did you mean {suggestion}?)").format(
            name=repr(token), suggestion=repr(close[0])
        )
    return t("unknown rule {name}").format(name=repr(token))
