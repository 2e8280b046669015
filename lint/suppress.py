"""Inline suppressions in Markdown/HTML comments, applied by the engine (never by rules).

    <!-- newslint-disable unsourced-figure NL201 -- figures from our own survey -->
    <!-- newslint-enable unsourced-figure -->
    <!-- newslint-disable-next-line unattributed-quote -- quote from a press release -->

A directive without rule names covers every rule; text after `` -- `` is the reason, kept in
JSON and SARIF. Suppressed findings stay in the results (marked) so audits see them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex
from newslint.findings import Finding
from newslint.plain import Plain

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.rule import Rule

_DIRECTIVE = regex.compile(
    r"^\s*newslint-(disable-next-line|disable|enable)\b(.*?)\s*$", regex.DOTALL
)


class Directive(Plain):
    """A suppression comment: ``action`` is disable, enable or disable-next-line; ``rules``
    are codes (empty = all rules); ``line``/``end_line`` are 1-based lines of the comment
    and ``start``/``end`` its source offsets; ``used`` is set when it suppressed something."""

    __slots__ = ("action", "end", "end_line", "line", "reason", "rules", "start", "unknown", "used")
    _fields = ("action", "rules", "reason", "line", "end_line", "start", "end", "unknown", "used")

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


def parse_directives(article: Article, rules: Sequence[Rule]) -> list[Directive]:
    lookup: dict[str, str] = {}
    for r in rules:
        lookup[r.code.upper()] = r.code
        lookup[r.name.lower()] = r.code
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
            else:
                unknown.append(token)
        line = article.lines.position(start)[0]
        end_line = article.lines.position(max(start, end - 1))[0]
        out.append(Directive(action, frozenset(codes), reason, line, end_line, start, end, unknown))
    return out


def _covers(d: Directive, code: str) -> bool:
    return not d.rules or code in d.rules


def apply_suppressions(
    article: Article, findings: list[Finding], rules: Sequence[Rule]
) -> tuple[list[Finding], list[Directive]]:
    """Mark suppressed findings; return them and the parsed directives (with ``used`` set)."""
    if not article.comments:
        return findings, []
    directives = parse_directives(article, rules)
    if not directives:
        return findings, []
    blocks = [d for d in directives if d.action in ("disable", "enable")]
    next_line = [d for d in directives if d.action == "disable-next-line"]
    out: list[Finding] = []
    for f in findings:
        hit = _next_line_directive(article, next_line, f) or _range_directive(blocks, f)
        if hit is not None:
            hit.used = True
            f = f._replace(suppressed=True, suppression_reason=hit.reason)
        out.append(f)
    return out, directives


def _next_line_directive(article: Article, ds: list[Directive], f: Finding) -> Directive | None:
    for d in ds:
        target = d.end_line + 1
        # Skip blank lines between the comment and the line it governs.
        while target <= article.lines.line_count:
            s, e = article.lines.line_span(target)
            if article.source[s:e].strip():
                break
            target += 1
        if f.line == target and _covers(d, f.code):
            return d
    return None


def _range_directive(ds: list[Directive], f: Finding) -> Directive | None:
    active: Directive | None = None
    for d in ds:  # in source order
        if d.start > f.offset:
            break
        if d.action == "disable" and _covers(d, f.code):
            active = d
        elif d.action == "enable" and active is not None and (not d.rules or f.code in d.rules):
            active = None
    return active
