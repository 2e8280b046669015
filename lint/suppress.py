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
the results (marked) so audits see them. :func:`meta_findings` reports the directives
themselves (unknown or unused names, missing reasons) as findings of the meta rules.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

import regex
from newslint.findings import Finding
from newslint.i18n import Translator, english
from newslint.plain import Plain

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.rule import Rule

_DIRECTIVE = regex.compile(
    r"^\s*newslint-(disable-next-line|disable|enable)\b(.*?)\s*$", regex.DOTALL
)
UNUSED = "unused-suppression"
NO_REASON = "suppression-without-reason"


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


def unknown_name_message(token: str, rules: Sequence[Rule], t: Translator = english) -> str:
    """``unknown rule 'x' (did you mean 'y'?)``; a code prefix is told to name whole rules."""
    import difflib

    prefixed = sorted(r.name for r in rules if r.code.upper().startswith(token.upper()))
    if prefixed:
        return t("{name} is only the start of a rule code: name the rule ({rules})").format(
            name=repr(token), rules=", ".join(prefixed)
        )
    close = difflib.get_close_matches(token.lower(), [r.name for r in rules], n=1, cutoff=0.6)
    close = close or difflib.get_close_matches(token.upper(), [r.code for r in rules], 1, 0.6)
    if close:
        return t("unknown rule {name} (did you mean {suggestion}?)").format(
            name=repr(token), suggestion=repr(close[0])
        )
    return t("unknown rule {name}").format(name=repr(token))


def meta_findings(
    article: Article,
    directives: list[Directive],
    rules: Sequence[Rule],
    severities: dict[str, Any],
    t: Translator = english,
) -> list[Finding]:
    """Findings of the meta rules about the directives themselves, worded by ``t``.

    ``severities`` maps a meta rule's name (``unused-suppression``,
    ``suppression-without-reason``) to its severity for this file, or None when it is off;
    ``rules`` are every known rule (names for messages and did-you-mean).
    """
    names = {r.code: r.name for r in rules}
    codes = {r.name: r.code for r in rules}
    out: list[Finding] = []
    for d in directives:
        if d.action == "enable":
            continue
        if severities.get(UNUSED) is not None:
            message = _unused_message(d, names, rules, t)
            if message:
                out.append(_finding(article, d, UNUSED, codes, severities, message))
        if severities.get(NO_REASON) is not None and d.reason is None:
            message = t(
                "this suppression gives no reason: add one after ' -- ' "
                "(for example: -- figure from our own survey)"
            )
            out.append(_finding(article, d, NO_REASON, codes, severities, message))
    return out


def _unused_message(
    d: Directive, names: dict[str, str], rules: Sequence[Rule], t: Translator
) -> str | None:
    parts = [unknown_name_message(token, rules, t) for token in d.unknown]
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


def _finding(
    article: Article,
    d: Directive,
    rule_name: str,
    codes: dict[str, str],
    severities: dict[str, Any],
    message: str,
) -> Finding:
    from newslint.engine import make_excerpt

    line, col = article.lines.position(d.start)
    end_line, end_col = article.lines.position(d.end)
    return Finding(
        path=article.path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        code=codes.get(rule_name, rule_name),
        name=rule_name,
        severity=severities[rule_name],
        message=message,
        excerpt=make_excerpt(article.source[d.start : d.end]),
        evidence={
            "directive": d.action,
            "rules": sorted(d.rules | d.refused),
            "unknown": list(d.unknown),
            "reason": d.reason,
        },
        offset=d.start,
        end_offset=d.end,
    )
