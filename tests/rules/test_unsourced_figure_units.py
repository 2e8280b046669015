"""unsourced-figure (NL301): the first-character shortcuts of figure detection must skip
only regex calls that cannot match (see ``rules/_figure_first.py``).

Checked against the plain calls they replace: random texts built from every figure word of
each pack find the same figures with the shortcuts as without, and the properties the
shortcuts rest on (whitespace, uncased symbols) are asked of the regex engine itself.
"""

from __future__ import annotations

import random

import pytest
import regex
from newslint.language import LanguagePack
from newslint.plugins import get_registry
from newslint.rules import _figures
from newslint.rules._figure_first import (
    _UNCASED,
    EXACT,
    Starts,
    first_chars,
    first_safe,
    starts_of,
)
from newslint.rules._figure_sections import _fold
from newslint.rules._figures import FINDER_SECTIONS, FigureFinder

LANGS = ["en", "fr", "de", "es", "zh"]
FLAGS = regex.IGNORECASE | regex.V0
_LETTERS = regex.compile(r"[\p{L}\p{N}]+")


def _packs() -> dict[str, LanguagePack]:
    return dict(get_registry(builtin_only=True).packs)


def _first(source: str, ignorecase: bool = True) -> set[str] | None:
    chars = first_chars(source, first_safe, _fold, ignorecase)
    return None if chars is None else set(chars)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("percent|pct", {"p"}),
        ("Prozent(?![\\p{L}\\p{N}])|vH", {"p", "v"}),
        ("(?:de|d['’]|of)?\\s*(?:Euro|€)", None),  # \s may come first
        ("(?:(?:de|of)\\s*)?(?:Euro|€)", {"d", "o", "e", "€"}),
        ("(?-i:USD|EUR)", {EXACT + "U", EXACT + "E"}),
        ("(?-i:[A-Z]{0,3})\\$", {EXACT + chr(c) for c in range(65, 91)} | {"$"}),
        ("(?<![\\p{L}\\p{N}])mln\\b", {"m"}),
        ("%|％|‰|亿", {"%", "％", "‰", "亿"}),
        ("x?", None),  # may match the empty string
        ("(?=a)", None),
        (".b", None),
        ("\\d+%", None),
        ("[^a]b", None),
        ("[a-c]z", {"a", "b", "c"}),
        ("[\\s\u00a0]x", None),
        ("\\p{L}x", None),
        ("(?i)abc", None),  # global flags: not known
        ("a{,", None),
        ("\\1a", None),
        ("ΣΑ", None),  # letters it cannot fold safely
        ("Straße", {"s"}),
        ("İx", {"i"}),  # "I", "i", "ı" and "İ" all fold to "i" here
    ],
)
def test_first_characters_are_read_conservatively(source: str, expected: set[str] | None) -> None:
    assert _first(source) == expected


def test_case_sensitive_sources_keep_exact_characters() -> None:
    assert _first("Ab|c", ignorecase=False) == {EXACT + "A", EXACT + "c"}
    assert _first("(?i:Ab)|c", ignorecase=False) == {"a", EXACT + "c"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_finder_patterns_have_known_first_characters(lang: str) -> None:
    finder = FigureFinder(_packs()[lang])
    assert finder.after_starts is not None
    assert finder.before_starts is not None
    assert finder.index_starts is not None
    assert _figures._RANGE_STARTS is not None
    assert _figures._RANGE_STARTS.chars == _first(_figures._RANGE_WORDS)


def test_a_unit_may_start_after_at_most_its_gap() -> None:
    starts = starts_of("%|percent")
    assert starts is not None
    assert starts.after_gap("5 %", 1, 3, 2)
    assert starts.after_gap("5  Percent", 1, 10, 2)
    assert not starts.after_gap("5   %", 1, 5, 2)
    assert starts.after_gap("5   %", 1, 5, -1)
    assert not starts.after_gap("5 %", 1, 2, 2)  # the end of the range hides it
    assert not starts.after_gap("5 hours", 1, 7, 2)
    assert starts.within("US$ 5", 0, 3) is False
    assert starts_of("\\$").within("US$ 5", 0, 3)  # type: ignore[union-attr]


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


def _shuffle_case(word: str, rnd: random.Random) -> str:
    odd = {"i": "İ", "s": "ſ", "k": "K", "ß": "ẞ", "a": "Å"}
    out = []
    for ch in word:
        r = rnd.random()
        out.append(odd[ch] if ch in odd and r < 0.05 else ch.upper() if r > 0.7 else ch)
    return "".join(out)


def _text(words: list[str], rnd: random.Random, size: int) -> str:
    near = [" ", " ", " ", "", "  ", "   ", "\u00a0", "\u202f", "\u2009", "\x1c", "\u3000", "\n"]
    near += ["-", "+", "−", "’", "."]
    glue = [" ", ", ", ". ", "(", " hours ", " Dow fell ", " index ", " the ", "US$", "€ "]
    numbers = ["5", "12", "1,5", "3 000", "2.5", "475", "三千", "百分之十三", "two", "deux"]
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        parts.append(rnd.choice(numbers))
        parts.append(rnd.choice(near))
        parts.append(_shuffle_case(rnd.choice(words), rnd))
        parts.append(rnd.choice(glue + near))
    return "".join(parts)


@pytest.mark.parametrize("lang", LANGS)
def test_first_character_shortcuts_change_no_figure(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = _packs()[lang]
    fast = FigureFinder(pack)
    plain = FigureFinder(pack)
    plain.after_starts = plain.before_starts = plain.index_starts = None
    plain.unit_groups = None
    grouped = FigureFinder(pack)
    grouped.after_starts = None  # the unit alternatives apart, without the other shortcuts
    rnd = random.Random(f"first-{lang}")
    words = _figure_words(pack)
    texts = [_text(words, rnd, rnd.randrange(10, 200)) for _ in range(400)]
    want = []
    monkeypatch.setattr(_figures, "_RANGE_STARTS", None)
    for text in texts:
        want.append(plain.find(text, 0, len(text)))
    monkeypatch.undo()
    found = 0
    for text, expected in zip(texts, want, strict=True):
        assert fast.find(text, 0, len(text)) == expected, text
        assert grouped.find(text, 0, len(text)) == expected, text
        found += len(expected)
    assert found > 300, found
    # The texts are able to tell: a shortcut that forgets the percent sign is caught.
    wrong = FigureFinder(pack)
    wrong.unit_groups = None
    wrong.after_starts = Starts(frozenset(fast.after_starts.chars - {"%"}), _fold)  # type: ignore[union-attr]
    assert any(wrong.find(t, 0, len(t)) != w for t, w in zip(texts, want, strict=True))
    assert fast.unit_groups is not None
    pattern, starts = fast.unit_groups[1]  # the percent alternative
    fast.unit_groups[1] = (pattern, Starts(frozenset(starts.chars - {"%"}), _fold))
    assert any(fast.find(t, 0, len(t)) != w for t, w in zip(texts, want, strict=True))


def test_engine_whitespace_is_python_whitespace() -> None:
    """``after_gap`` walks whitespace with :meth:`str.isspace` and the unit alternatives
    start after the gap as ``isspace`` minus ``_NOT_GAP`` reads it: exactly the engine's."""
    gap = regex.compile(r"[\s\u00a0\u202f\u2009]")
    every = [chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000]
    assert [c for c in every if gap.match(c)] == [
        c for c in every if c.isspace() and c not in _figures._NOT_GAP
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
    assert all(_fold(c) == c for c in chars)
    for c in chars:
        alone = regex.compile(regex.escape(c), FLAGS)
        assert [d for d in chars if alone.fullmatch(d)] == [c]


@pytest.mark.parametrize("lang", LANGS)
def test_composed_first_characters_equal_a_parse_of_the_whole_pattern(lang: str) -> None:
    """The finder composes first characters from entries (cheap at start-up); a parse of
    each whole pattern as compiled must give the very same sets."""
    finder = FigureFinder(_packs()[lang])
    units = finder.after.pattern[len(_figures._GAP) :]
    before = finder.before.pattern[: -len(r"[\s\u00a0\u202f]?[-+−]?\Z")]
    assert finder.index_points is not None
    index_points = finder.index_points.pattern[len(_figures._GAP) :]
    for starts, source in [
        (finder.after_starts, units),
        (finder.before_starts, before),
        (finder.index_starts, index_points),
    ]:
        assert starts is not None
        assert starts.chars == first_chars(source, first_safe, _fold), source
