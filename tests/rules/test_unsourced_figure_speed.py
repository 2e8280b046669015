"""unsourced-figure (NL301) speed work must not change a single match.

The rule searches lexicon sections alternative by alternative, skips phrases whose longest
word is absent (casefolded) and tokenises words with a faster but equivalent pattern: each
test compares against the plain pattern it replaces.
"""

from __future__ import annotations

import random
import sys

import newslint
import pytest
import regex
from figure_checks import assert_sections_match_pack
from newslint.language import LanguagePack
from newslint.plugins import get_registry
from newslint.rules import _figure_chars, _figures
from newslint.rules._figure_sections import (
    CHUNK,
    SplitPattern,
    _alternatives,
    scan,
    scan_section,
)

SECTIONS = (
    "source-cues",
    "source-cues-need-subject",
    "feeling-verbs",
    "clause-breaks",
    "subordinate-clauses",
    "source-adverbials",
)
# Letters the regex engine matches case-insensitively to ASCII or German letters that
# Python folds differently or not at all: dotted/dotless I, long s, Kelvin sign, capital ß.
ODD = ["İ", "ı", "ſ", "K", "ẞ", "ß", "SS", "\u00a0", "\n", "-", "’", "'"]


def _variants(entry: str, rnd: random.Random) -> str:
    """A phrase as an article might write it: random case, odd letters, squeezed spaces."""
    out = []
    for ch in entry:
        r = rnd.random()
        if ch == "i" and r < 0.1:
            out.append("İ")
        elif ch == "I" and r < 0.1:
            out.append("ı")
        elif ch == "s" and r < 0.1:
            out.append("ſ")
        elif ch == "k" and r < 0.1:
            out.append("K")
        elif ch == "ß" and r < 0.3:
            out.append("ẞ")
        elif ch == " " and r < 0.2:
            out.append("\u00a0")
        else:
            out.append(ch.upper() if r > 0.6 else ch)
    return "".join(out)


def _text(pack: LanguagePack, rnd: random.Random, size: int) -> str:
    words: list[str] = []
    for name in SECTIONS:
        words += [e for e in pack.entries(name) if isinstance(e, str)]
    words += ["der", "la", "said", "5", "3,5 %", ";", ",", ".", "après", "nach der", "Analysten"]
    words += [*ODD, "", "un", "data", "in", "a"]
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        w = rnd.choice(words)
        parts.append(_variants(w, rnd))
        parts.append(rnd.choice([" ", " ", "", ", ", ". ", "-", "’", "\n"]))
    return "".join(parts)


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", "zh"])
def test_scan_section_equals_the_pack_pattern(lang: str) -> None:
    pack = get_registry(builtin_only=True).packs[lang]
    rnd = random.Random(lang)
    for _ in range(40):
        text = _text(pack, rnd, rnd.choice([300, 2_000]))
        assert_sections_match_pack(pack, SECTIONS, text, rnd, cuts=6)


def test_scan_section_on_a_range_longer_than_a_chunk() -> None:
    pack = get_registry(builtin_only=True).packs["de"]
    text = _text(pack, random.Random(7), CHUNK * 2 + 500)
    for name in SECTIONS:
        pattern = pack.pattern(name)
        assert pattern is not None
        want = [m.span() for m in scan(pattern, text, 3, len(text) - 2, 2.0)]
        got = [m.span() for m in scan_section(pack, name, text, 3, len(text) - 2, 2.0)]
        assert got == want, name


def test_split_keeps_the_alternation_order_on_ties() -> None:
    # Same start, different alternatives: the pack's order decides, not the longest match.
    pack = LanguagePack(
        {
            "lang": "xx",
            "lexicons": {
                "s": [
                    "data",
                    {"re": r"data\s+from\s+\p{Lu}\w+"},
                    "data from",
                    {"re": r"from"},
                    {"re": "[;]"},
                ]
            },
        }
    )
    pattern = pack.pattern("s")
    assert pattern is not None
    for text in ["data from Eurostat; data from x", "Data from LSEG, data, from;", "x" * 50]:
        want = [m.span() for m in pattern.finditer(text)]
        got = [m.span() for m in scan_section(pack, "s", text, 0, len(text), 2.0)]
        assert got == want, text


def test_split_pattern_falls_back_on_empty_matches() -> None:
    pack = LanguagePack({"lang": "xx", "lexicons": {"s": [{"re": "a*"}, {"re": "b"}]}})
    alts = _alternatives(pack, "s")
    assert alts is not None
    original = pack.pattern("s")
    assert original is not None
    split = SplitPattern(alts, [alts.pattern(0), alts.pattern(1)])
    text = "baab b"
    assert [m.span() for m in split.finditer(text, 0, len(text))] == [
        m.span() for m in original.finditer(text)
    ]


def test_sections_with_back_references_are_not_split() -> None:
    pack = LanguagePack({"lang": "xx", "lexicons": {"s": ["said", {"re": r"(\w)\1"}]}})
    text = "He said: aa bb."
    pattern = pack.pattern("s")
    assert pattern is not None
    assert [m.span() for m in scan_section(pack, "s", text, 0, len(text), 2.0)] == [
        m.span() for m in pattern.finditer(text)
    ]


def test_needle_folding_survives_every_case_insensitive_match() -> None:
    """Every character the engine matches to a needle character folds to the same text
    (the engine's Unicode tables may be newer than Python's: ask the engine itself)."""
    needle_chars = [chr(i) for i in range(0x180) if chr(i).isalnum()]
    needle_chars += [chr(i) for i in range(0x3400, 0xA000, 101)]
    assert all(_figure_chars.needle_safe(n) for n in needle_chars)
    flags = regex.IGNORECASE | regex.V0
    any_needle = regex.compile("[" + "".join(map(regex.escape, needle_chars)) + "]", flags)
    every = (chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    matched = [c for c in every if any_needle.fullmatch(c)]
    for n in needle_chars:
        pattern = regex.compile(regex.escape(n), flags)
        for c in matched:
            if pattern.fullmatch(c):
                assert _figure_chars.fold(c) == _figure_chars.fold(n), (n, c)


def test_word_tokens_equal_the_plain_pattern() -> None:
    plain = regex.compile(r"(?<![\p{L}\p{N}])\p{L}+(?:-\p{L}+)*")
    rnd = random.Random(3)
    alphabet = "ab-5 é.ß’Ü3-\n"
    for _ in range(500):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(1, 40)))
        pos = rnd.randrange(len(text))
        assert [m.span() for m in _figures._WORD.finditer(text, pos)] == [
            m.span() for m in plain.finditer(text, pos)
        ], (text, pos)


def test_hot_path_compiles_no_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    """Patterns are compiled once per pack, never per article, sentence or figure."""
    body = (
        "Die Aktie stieg um 5 Prozent, teilte Siemens mit. Der Umsatz fiel auf 3 Mrd. Euro. "
        "Laut Reuters erwartet das Unternehmen 7 %. Anleger fürchten einen Verlust von 2 %."
    )
    newslint.lint_text(f"Titel\n\n{body}", lang="de")
    calls: list[str] = []
    real = regex.compile

    def counting(pattern: str, flags: int = 0, **kwargs: object) -> regex.Pattern[str]:
        calls.append(sys._getframe(1).f_code.co_filename)
        return real(pattern, flags, **kwargs)

    monkeypatch.setattr(regex, "compile", counting)
    findings = newslint.lint_text(f"Titel\n\n{body} {body}", lang="de")
    assert any(f.code == "NL301" for f in findings)
    figure_modules = ("unsourced_figure.py", "_figures.py", "_figure_scope.py", "_figure_index.py")
    assert not [c for c in calls if c.endswith(figure_modules)]
