"""The engine collects what suppression comments did; the meta rules word the findings."""

from __future__ import annotations

from newslint.api import lint_text
from newslint.language import LanguagePack
from newslint.rule import RuleContext
from newslint.rules.suppression_without_reason import SuppressionWithoutReason
from newslint.rules.unused_suppression import UnusedSuppression
from newslint.suppress import Directive, Suppressions

NAMES = {"NL301": "unsourced-figure", "NL201": "unattributed-quote"}


def _ctx(*directives: Directive) -> RuleContext:
    facts = Suppressions(list(directives), NAMES)
    return RuleContext({}, "en", LanguagePack({"lang": "en"}), {}, suppressions=facts)


def test_unused_suppression_decides_from_the_facts_alone() -> None:
    used = Directive("disable-next-line", frozenset({"NL301"}), "survey", 1, 1, 0, 10, used=True)
    idle = Directive("disable-next-line", frozenset({"NL301"}), None, 3, 3, 20, 40)
    typo = Directive("disable", frozenset(), None, 5, 5, 50, 70, unknown=["NL3", "unsorced"])
    enable = Directive("enable", frozenset(), None, 7, 7, 80, 90, unknown=["zzz"])
    hits = list(UnusedSuppression().check(None, _ctx(used, idle, typo, enable)))  # type: ignore[arg-type]
    assert [(h.start, h.end, h.in_source) for h in hits] == [(20, 40, True), (50, 70, True)]
    assert hits[0].message == "suppression of unsourced-figure suppresses nothing here: remove it"
    assert hits[1].message.startswith("this suppression silences nothing: 'NL3' is only the start")
    assert "did you mean 'unsourced-figure'" in hits[1].message
    assert hits[0].evidence == {
        "directive": "disable-next-line",
        "rules": ["NL301"],
        "unknown": [],
        "reason": None,
    }
    reasons = list(SuppressionWithoutReason().check(None, _ctx(used, idle, enable)))  # type: ignore[arg-type]
    assert [h.start for h in reasons] == [20]


def test_meta_findings_point_at_the_comment_and_are_not_suppressed() -> None:
    text = (
        "# Title\n\n"
        "<!-- newslint-disable-next-line unsourced-figure -->\n"
        "The council met on Tuesday.\n"
    )
    config = {"rules": {"suppression-without-reason": "warning"}}
    found = {f.code: f for f in lint_text(text, path="a.md", config=config)}
    for code in ("NL901", "NL902"):
        f = found[code]
        assert (f.line, f.column, f.suppressed) == (3, 1, False)
        assert f.excerpt == "<!-- newslint-disable-next-line unsourced-figure -->"
