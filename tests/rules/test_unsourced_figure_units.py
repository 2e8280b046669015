"""unsourced-figure (NL301): the first-character shortcuts of figure detection must skip
only regex calls that cannot match.

A unit, sign or index word is tried after (or before) a number only when the character
there can start one of the section's phrases (or a sign written out in ``_figures``). A
section with a raw entry has no such shortcut: so the same pack with a raw entry that never
matches added to each figure section is the plain reference, and random texts built from
every figure word of each pack must find the same figures with the shortcuts as without.
The properties the shortcuts rest on (whitespace, uncased symbols) are asked of the regex
engine itself.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
import regex
from figure_checks import ODD_CASES, shuffle_case
from newslint.language import LanguagePack
from newslint.plugins import get_registry
from newslint.rules import _figure_units
from newslint.rules._figure_chars import _UNCASED, first_safe, fold, phrase_firsts
from newslint.rules._figures import FINDER_SECTIONS, FigureFinder

LANGS = ["en", "fr", "de", "es", "zh"]
FLAGS = regex.IGNORECASE | regex.V0
_LETTERS = regex.compile(r"[\p{L}\p{N}]+")
#: The sections whose phrases give first-character shortcuts. (Index points and multiples
#: are looked for only past the plain spaces of ``_figure_index._SPACES``, shortcut or not:
#: "3 000\u3000points" is no index figure, so they are left out of the comparison.)
SHORTCUT_SECTIONS = (
    "figure-scale",
    "figure-points",
    "figure-percent",
    "figure-currency-after",
    "figure-currency-before",
)


def _packs() -> dict[str, LanguagePack]:
    return dict(get_registry(builtin_only=True).packs)


def _plain(pack: LanguagePack) -> LanguagePack:
    """``pack`` with a raw entry that never matches in each shortcut section: the same
    figures, found without any first-character shortcut."""
    lexicons = {k: list(v) for k, v in pack.lexicons.items()}
    for name in SHORTCUT_SECTIONS:
        lexicons[name] = [*lexicons.get(name, []), {"re": "(?!)"}]
    return LanguagePack({**pack.data, "lexicons": lexicons})


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        (["percent", "pct"], {"p"}),
        (["Prozent", "vH"], {"p", "v"}),
        (["%", "亿"], {"%", "亿"}),
        (["’s"], set("'’ʼ`")),
        (["Straße", "İx"], {"s", "i"}),
        (["ΣΑ"], None),  # a letter it cannot fold safely
        ([" x"], None),
        (["x", {"re": "y"}], None),  # a raw entry: unknown
    ],
)
def test_first_characters_come_from_phrases(entries: list[Any], expected: set[str] | None) -> None:
    got = phrase_firsts(entries)
    assert (None if got is None else set(got)) == expected


@pytest.mark.parametrize(
    "link",
    [
        "-",
        "–",
        "—",
        "~",
        "～",
        "/",
        "to",
        "AND",
        "or",
        "à",
        "Et",
        "ou",
        "bis",
        "auf",
        "und",
        "oder",
        "a",
        "y",
        "O",
        "至",
        "到",
    ],
)
def test_a_range_shares_the_unit_of_its_upper_bound(link: str) -> None:
    finder = FigureFinder(_packs()["en"])
    text = f"rose 5 {link} 6 % in May"
    assert [f.text for f in finder.find(text, 0, len(text))] == [f"5 {link} 6 %"]


def _figure_words(pack: LanguagePack) -> list[str]:
    words: list[str] = []
    for name in FINDER_SECTIONS:
        for entry in pack.entries(name):
            words.append(entry if isinstance(entry, str) else "")
            source = entry if isinstance(entry, str) else str(entry["re"])
            words += _LETTERS.findall(source.replace(r"\p", " ").replace(r"\s", " "))
    signs = ["$", "€", "£", "US$", "R$", "Rs.", "USD", "EUR", "%", "％", "‰", "¥", "₹"]
    links = ["to", "-", "–", "bis", "à", "a", "y", "至", "~", "/", "and", "de", "d’", "of"]
    return [w for w in words if w] + signs + links


_ODD = {**ODD_CASES, "a": "Å"}


def _text(words: list[str], rnd: random.Random, size: int) -> str:
    near = [" ", " ", " ", "", "  ", "   ", "\u00a0", "\u202f", "\u2009", "\x1c", "\u3000", "\n"]
    near += ["-", "+", "−", "’", "."]
    glue = [" ", ", ", ". ", "(", " hours ", " Dow fell ", " index ", " the ", "US$", "€ "]
    numbers = ["5", "12", "1,5", "3 000", "2.5", "475", "三千", "百分之十三", "two", "deux"]
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        parts.append(rnd.choice(numbers))
        parts.append(rnd.choice(near))
        parts.append(shuffle_case(rnd.choice(words), rnd, _ODD))
        parts.append(rnd.choice(glue + near))
    return "".join(parts)


@pytest.mark.parametrize("lang", LANGS)
def test_first_character_shortcuts_change_no_figure(lang: str) -> None:
    pack = _packs()[lang]
    fast = FigureFinder(pack)
    plain = FigureFinder(_plain(pack))
    rnd = random.Random(f"first-{lang}")
    words = _figure_words(pack)
    texts = [_text(words, rnd, rnd.randrange(10, 200)) for _ in range(400)]
    found = 0
    for text in texts:
        expected = plain.find(text, 0, len(text))
        assert fast.find(text, 0, len(text)) == expected, text
        found += len(expected)
    assert found > 300, found


def test_engine_whitespace_is_python_whitespace() -> None:
    """``after_gap`` walks whitespace with :meth:`str.isspace` and the unit alternatives
    start after the gap as ``isspace`` minus ``_NOT_GAP`` reads it: exactly the engine's."""
    gap = regex.compile(r"[\s\u00a0\u202f\u2009]")
    every = [chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000]
    assert [c for c in every if gap.match(c)] == [
        c for c in every if c.isspace() and c not in _figure_units._NOT_GAP
    ]


def test_uncased_blocks_match_only_themselves() -> None:
    """Characters :func:`first_safe` accepts beyond the needle-safe ones: the engine matches
    each case-insensitively to itself alone (its Unicode tables may be newer than Python's)."""
    chars = [chr(c) for lo, hi in _UNCASED for c in range(ord(lo), ord(hi) + 1)]
    assert all(first_safe(c) for c in chars)
    any_of = regex.compile("[" + "".join(map(regex.escape, chars)) + "]", FLAGS)
    every = (chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    matched = [c for c in every if any_of.fullmatch(c)]
    assert sorted(matched) == sorted(chars)
    assert all(fold(c) == c for c in chars)
    for c in chars:
        alone = regex.compile(regex.escape(c), FLAGS)
        assert [d for d in chars if alone.fullmatch(d)] == [c]
