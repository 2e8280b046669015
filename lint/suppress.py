"""Inline suppressions in Markdown/HTML comments, applied by the engine (never by rules).

    <!-- newslint-disable unsourced-figure NL201 -- figures from our own survey -->
    <!-- newslint-enable unsourced-figure -->
    <!-- newslint-disable-next-line unattributed-quote -- quote from a press release -->

Names are rule names or whole codes, case-insensitive. A code prefix (``NL3``) is not a
name: a suppression says exactly what it excuses, and a rule added later under the prefix
must not be silenced unseen. An unknown name silences nothing (a typo in a compliance gate
must fail loudly, not open it), so a directive whose names are all unknown covers nothing;
only a directive with no names covers every rule, except the config's ``unsuppressible``
ones. Text after `` -- `` is the reason, kept in JSON and SARIF. Suppressed findings stay in
the results (marked) so audits see them.

The engine only collects the facts (:class:`Suppressions`: each directive, what it named and
whether it silenced anything); the rules that report on the directives themselves
(``unused-suppression``, ``suppression-without-reason``) read them from ``ctx.suppressions``
and decide and word their findings.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import regex
from newslint.findings import Finding
from newslint.lazy import lazy_regex
from newslint.plain import Plain

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.rule import Rule

_DIRECTIVE = lazy_regex(r"^\s*newslint-(disable-next-line|disable|enable)\b(.*?)\s*$", regex.DOTALL)


class Directive(Plain):
    """A suppression comment: ``action`` is disable, enable or disable-next-line; ``rules``
    are the codes it names that exist, ``unknown`` the names that do not, ``refused`` the
    named codes it may not suppress (``unsuppressible``); ``bare`` means it named nothing
    (so it covers every suppressible rule). ``line``/``end_line`` are 1-based lines of the
    comment and ``start``/``end`` its source offsets; ``used`` is set when it suppressed
    something."""

    __slots__ = (
        "action",
        "bare",
        "end",
        "end_line",
        "line",
        "reason",
        "refused",
        "rules",
        "start",
        "unknown",
        "used",
    )
    _fields = (
        "action",
        "rules",
        "reason",
        "line",
        "end_line",
        "start",
        "end",
        "unknown",
        "used",
        "bare",
        "refused",
    )

    def __init__(
        self,
        action: str,
        rules: frozenset[str],
        reason: str | None,
        line: int,
        end_line: int,
        start: int,
        end: int,
        unknown: list[str] | None = None,
        used: bool = False,
        bare: bool | None = None,
        refused: frozenset[str] = frozenset(),
    ) -> None:
        self.action = action
        self.rules = rules
        self.reason = reason
        self.line = line
        self.end_line = end_line
        self.start = start
        self.end = end
        self.unknown: list[str] = [] if unknown is None else unknown
        self.used = used
        self.bare = (not rules and not self.unknown) if bare is None else bare
        self.refused = refused

    def covers(self, code: str, unsuppressible: Collection[str] = ()) -> bool:
        """True when this directive silences (or, for enable, re-enables) rule ``code``."""
        if self.bare:
            return code not in unsuppressible
        return code in self.rules

    def evidence(self) -> dict[str, Any]:
        """What a finding about this directive shows as evidence."""
        return {
            "directive": self.action,
            "rules": sorted(self.rules | self.refused),
            "unknown": list(self.unknown),
            "reason": self.reason,
        }


class Suppressions(NamedTuple):
    """An article's suppression comments after the engine applied them (``ctx.suppressions``).

    ``directives`` in source order, each with ``used`` set if it silenced a finding;
    ``rule_names`` maps the code of every known rule to its name (for messages and "did you
    mean" hints).
    """

    directives: Sequence[Directive] = ()
    rule_names: Mapping[str, str] = {}


#: The facts of an article without suppression comments.
NO_SUPPRESSIONS = Suppressions()


def rule_lookup(rules: Sequence[Rule]) -> dict[str, str]:
    """Upper-cased code and lower-cased name -> code, for case-insensitive names."""
    lookup: dict[str, str] = {}
    for r in rules:
        lookup[r.code.upper()] = r.code
        lookup[r.name.lower()] = r.code
    return lookup


def parse_directives(
    article: Article, rules: Sequence[Rule], unsuppressible: Collection[str] = ()
) -> list[Directive]:
    lookup = rule_lookup(rules)
    out: list[Directive] = []
    for start, end, body in article.comments:
        m = _DIRECTIVE.match(body)
        if not m:
            continue
        action, rest = m.group(1), m.group(2)
        reason = None
        if "--" in rest:
            rest, reason = rest.split("--", 1)
            reason = " ".join(reason.split()) or None
        codes: set[str] = set()
        unknown: list[str] = []
        for token in regex.split(r"[\s,]+", rest.strip()):
            if not token:
                continue
            code = lookup.get(token.upper()) or lookup.get(token.lower())
            if code:
                codes.add(code)
            elif token not in unknown:
                unknown.append(token)
        refused = frozenset(c for c in codes if c in unsuppressible and action != "enable")
        line = article.lines.position(start)[0]
        end_line = article.lines.position(max(start, end - 1))[0]
        out.append(
            Directive(
                action,
                frozenset(codes) - refused,
                reason,
                line,
                end_line,
                start,
                end,
                unknown,
                bare=not codes and not unknown,
                refused=refused,
            )
        )
    return out


def apply_suppressions(
    article: Article,
    findings: list[Finding],
    rules: Sequence[Rule],
    unsuppressible: Collection[str] = (),
) -> tuple[list[Finding], list[Directive]]:
    """Mark suppressed findings; return them and the parsed directives (with ``used`` set)."""
    if not article.comments:
        return findings, []
    directives = parse_directives(article, rules, unsuppressible)
    if not directives:
        return findings, []
    blocks = [d for d in directives if d.action in ("disable", "enable")]
    next_line = [d for d in directives if d.action == "disable-next-line"]
    out: list[Finding] = []
    for f in findings:
        hit = _next_line_directive(article, next_line, f, unsuppressible) or _range_directive(
            blocks, f, unsuppressible
        )
        if hit is not None:
            hit.used = True
            f = f._replace(suppressed=True, suppression_reason=hit.reason)
        out.append(f)
    return out, directives


def _next_line_directive(
    article: Article, ds: list[Directive], f: Finding, unsuppressible: Collection[str]
) -> Directive | None:
    for d in ds:
        target = d.end_line + 1
        # Skip blank lines between the comment and the line it governs.
        while target <= article.lines.line_count:
            s, e = article.lines.line_span(target)
            if article.source[s:e].strip():
                break
            target += 1
        if f.line == target and d.covers(f.code, unsuppressible):
            return d
    return None


def _range_directive(
    ds: list[Directive], f: Finding, unsuppressible: Collection[str]
) -> Directive | None:
    active: Directive | None = None
    for d in ds:  # in source order
        if d.start > f.offset:
            break
        if d.action == "disable" and d.covers(f.code, unsuppressible):
            active = d
        elif d.action == "enable" and active is not None and d.covers(f.code):
            active = None
    return active
