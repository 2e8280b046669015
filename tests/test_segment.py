"""Sentence splitting: language-aware, abbreviations, never inside a quotation; quote pairing."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newslint.segment import scan_quotes, split_block

EN_ABBR = frozenset({"Mr.", "Dr.", "Inc.", "U.S.", "e.g.", "Sept."})
FR_ABBR = frozenset({"M.", "Mme", "etc."})


def sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> list[str]:
    return [text[s:e] for s, e in split_block(text, 0, len(text), abbreviations)]


@pytest.mark.parametrize(
    ("text", "abbr", "expected"),
    [
        ("One. Two! Three? Four…", frozenset(), ["One.", "Two!", "Three?", "Four…"]),
        (
            "Mr. Smith met Dr. Jones at Acme Inc. on Monday. Then he left.",
            EN_ABBR,
            ["Mr. Smith met Dr. Jones at Acme Inc. on Monday.", "Then he left."],
        ),
        (
            "J. K. Rowling spoke. The U.S. economy grew.",
            EN_ABBR,
            ["J. K. Rowling spoke.", "The U.S. economy grew."],
        ),
        (
            "Prices rose 3.5 percent. Shares fell.",
            frozenset(),
            ["Prices rose 3.5 percent.", "Shares fell."],
        ),
        (
            "“We won. We will win again,” Smith said. “Not now.” He left.",
            frozenset(),
            ["“We won. We will win again,” Smith said.", "“Not now.”", "He left."],
        ),
        (
            "M. Dupont a déclaré : « Créer un modèle. À l’avenir, oui. » « Ces outils. » Fin.",
            FR_ABBR,
            [
                "M. Dupont a déclaré : « Créer un modèle. À l’avenir, oui. »",
                "« Ces outils. »",
                "Fin.",
            ],
        ),
        (
            "Il a dit\u00a0: «\u202fOui. Non.\u202f» Puis il est parti.",
            FR_ABBR,
            ["Il a dit\u00a0: «\u202fOui. Non.\u202f»", "Puis il est parti."],
        ),
        (
            "« Nous partons. Demain », a-t-il ajouté. C’est tout.",
            FR_ABBR,
            ["« Nous partons. Demain », a-t-il ajouté.", "C’est tout."],
        ),
        (
            "„Wir schaffen das. Ganz sicher“, sagte sie. »Ja.« Dann ging sie.",
            frozenset(),
            ["„Wir schaffen das. Ganz sicher“, sagte sie.", "»Ja.«", "Dann ging sie."],
        ),
        (
            "“我们会赢。”他说。今天下雨！明天？好",
            frozenset(),
            ["“我们会赢。”他说。", "今天下雨！", "明天？", "好"],
        ),
        (
            "他说：「我們會贏。我們一定會贏。」然後離開了。",
            frozenset(),
            ["他说：「我們會贏。我們一定會贏。」然後離開了。"],
        ),
        (
            "¿Vendrás mañana? ¡Claro que sí! Dijo «Vamos. Ya».",
            frozenset(),
            ["¿Vendrás mañana?", "¡Claro que sí!", "Dijo «Vamos. Ya»."],
        ),
        (
            "It isn’t over. Don’t go. The ’90s were fun.",
            frozenset(),
            ["It isn’t over.", "Don’t go.", "The ’90s were fun."],
        ),
        (
            "He said “unclosed. And more. Here.",
            frozenset(),
            ["He said “unclosed.", "And more.", "Here."],
        ),
    ],
)
def test_split(text: str, abbr: frozenset[str], expected: list[str]) -> None:
    assert sentences(text, abbr) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a « b » c", [("« b »", "»")]),
        ("a „b“ c", [("„b“", "“")]),
        ("a »b« c", [("»b«", "«")]),
        ("a “b ‘c’ d” e", [("“b ‘c’ d”", "”")]),
        ("d’ici l’été, n’est-ce pas", []),
        ("the students’ union and ‘quoted words’ here", [("‘quoted words’", "’")]),
        ('say "yes" or "no"', [('"yes"', '"'), ('"no"', '"')]),
        ("「對」和『錯』", [("「對」", "」"), ("『錯』", "』")]),
        ("a “never closed", [("“never closed", None)]),
        ("the ‘90s were “great fun,” he said", [("“great fun,”", "”")]),
    ],
)
def test_scan_quotes(text: str, expected: list[tuple[str, str | None]]) -> None:
    got = [(text[q.start : q.end], q.close) for q in scan_quotes(text, 0, len(text))]
    assert got == expected


def test_carried_quote_continues_from_previous_paragraph() -> None:
    text = "» et nous partirons. » Ensuite"
    spans = scan_quotes(text, 1, len(text), carried="«")
    assert [(text[q.start : q.end], q.close) for q in spans] == [(" et nous partirons. »", "»")]


@pytest.mark.parametrize(
    "text",
    ["“" * 50_000, "« " * 50_000, "a. " * 100_000, '"x ' * 50_000, "word " * 200_000],
    ids=["openers", "guillemets", "sentences", "straight", "one-mb"],
)
def test_pathological_blocks_split_into_ordered_trimmed_spans(text: str) -> None:
    """How long these take is measured by ``benchmarks/linearity.py``; here, what they give."""
    spans = split_block(text, 0, len(text))
    assert spans, "a block with text has at least one sentence"
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


def _abbreviation_reference(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """The rule spelled out with the word regex alone (no three-letter shortcut)."""
    from newslint.segment import _WORD_BEFORE

    m = _WORD_BEFORE.search(text, max(0, dot - 30), dot + 1)
    if not m:
        return False
    word = m.group(1)
    bare = word.rstrip(".")
    if len(bare) <= 1 and bare[:1].isupper():
        return True
    if "." in bare and len(bare) <= 8:
        return all(len(p) <= 2 for p in bare.split("."))
    return any(w in abbreviations for w in (word, word.lower(), bare, bare.lower()))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="aBcdEfgrpoxtuSCJ.’'- \n", min_size=1, max_size=40),
    st.sampled_from(["en", "fr", "de", "es"]),
)
def test_abbreviation_shortcut_agrees_with_the_full_rule(text: str, lang: str) -> None:
    from newslint.plugins import get_registry
    from newslint.segment import _is_abbreviation

    abbreviations = get_registry().packs[lang].abbreviations
    extra = frozenset({"corp.", "Approx.", "etc.", "bzw."})
    for abbrs in (abbreviations, extra):
        for i, ch in enumerate(text):
            if ch == ".":
                assert _is_abbreviation(text, i, abbrs) == _abbreviation_reference(text, i, abbrs)
