"""unsourced-figure (NL301) whole-article shortcuts must find exactly what the plain,
block-by-block and sentence-by-sentence searches find.

Each shortcut rests on a property checked here against the plain search it replaces:
whole-text tokens dealt out to blocks, the needle index of a section (the ``needs:`` of raw
entries are checked in ``test_figure_needs``), and built-in sections recognised as such.
"""

from __future__ import annotations

import random

import pytest
import regex
from figure_checks import assert_sections_match_pack, shuffle_case
from newslint.language import LanguagePack
from newslint.plugins import get_registry
from newslint.rules import _figure_tokens
from newslint.rules._figure_sections import scan_section
from newslint.rules._figure_trust import trusted
from newslint.rules._figures import FINDER_SECTIONS, figure_finder

LANGS = ["en", "fr", "de", "es", "zh"]
SCOPE_SECTIONS = (
    "source-cues",
    "source-cues-need-subject",
    "feeling-verbs",
    "clause-breaks",
    "subordinate-clauses",
    "source-adverbials",
)
FLAGS = regex.IGNORECASE | regex.V0
_LETTERS = regex.compile(r"[\p{L}\p{N}]+")


def _packs() -> dict[str, LanguagePack]:
    return dict(get_registry(builtin_only=True).packs)


def _raw_words(pack: LanguagePack, sections: tuple[str, ...]) -> list[str]:
    """Words written in a section's raw regexes and phrases: what its matches are made of."""
    words: list[str] = []
    for name in sections:
        for entry in pack.entries(name):
            source = entry if isinstance(entry, str) else str(entry["re"])
            words += _LETTERS.findall(source.replace(r"\p", " ").replace(r"\s", " "))
    return [w for w in words if len(w) > 1 or not w.isascii()]


def _text(words: list[str], rnd: random.Random, size: int) -> str:
    glue = [" ", " ", "  ", ", ", ". ", "; ", "，", "\n", "-", "’", "", " de ", " der "]
    extra = ["ß", "Straße", "Ü", "5", "3,5 %", "Reuters", "Siemens", "the", "la", "y"]
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        parts.append(shuffle_case(rnd.choice(words + extra), rnd))
        parts.append(rnd.choice(glue))
    return "".join(parts)


# ------------------------------------------------------------------ sections, range by range


@pytest.mark.parametrize("lang", LANGS)
def test_sections_with_raw_entries_match_the_pack_pattern(lang: str) -> None:
    pack = _packs()[lang]
    rnd = random.Random(f"raw-{lang}")
    words = _raw_words(pack, SCOPE_SECTIONS)
    for _ in range(25):
        text = _text(words, rnd, rnd.choice([300, 1500]))
        assert_sections_match_pack(pack, SCOPE_SECTIONS, text, rnd, cuts=8)


def test_whitespace_is_neither_letter_nor_digit_for_the_engine() -> None:
    letter_or_digit = regex.compile(r"[\p{L}\p{N}\-]")
    spaces = [chr(i) for i in range(0x110000) if chr(i).isspace()]
    assert spaces and not [c for c in spaces if letter_or_digit.match(c)]


# ------------------------------------------------------------------ figures, block by block


def _figure_words(pack: LanguagePack) -> list[str]:
    words = [w for w in _raw_words(pack, FINDER_SECTIONS) if not w.isdigit()]
    return [*words, "$", "€", "US$", "%", "to", "-", "bis", "à", "5", "12", "1,5", "3 000", "2025"]


@pytest.mark.parametrize("lang", LANGS)
def test_whole_text_tokens_find_what_block_scans_find(lang: str) -> None:
    pack = _packs()[lang]
    finder = figure_finder(pack)
    rnd = random.Random(f"blocks-{lang}")
    words = _figure_words(pack)
    seps = ["\n\n", "\n", " \n", "\n ", "  ", " 5", "5 ", "\u00a0", "-", "\t"]
    found = 0
    for _ in range(150):
        blocks = [_text(words, rnd, rnd.randrange(5, 120)) for _ in range(rnd.randrange(1, 6))]
        text, ranges = "", []
        for block in blocks:
            text += rnd.choice(seps) if text else rnd.choice(["", " ", "\n"])
            ranges.append((len(text), len(text) + len(block)))
            text += block
        text += rnd.choice(["", " ", "\n", "5"])
        want = [finder.find(text, s, e) for s, e in ranges]
        assert finder.find_ranges(text, ranges) == want, (text, ranges)
        found += sum(map(len, want))
    assert found > 40


def test_a_grouping_space_next_to_a_digit_is_no_clean_edge() -> None:
    text = "Revenue 5 000 dollars"
    assert not _figure_tokens.clean_ranges(text, [(0, 9)])  # "5" | " 000"
    assert not _figure_tokens.clean_ranges(text, [(10, len(text))])
    assert _figure_tokens.clean_ranges("a 5\n000 b", [(0, 3), (4, 9)])
    assert _figure_tokens.clean_ranges("a 5 \nb", [(0, 3), (5, 6)])
    finder = figure_finder(_packs()["en"])
    for ranges in ([(0, 9), (10, len(text))], [(0, 13), (14, len(text))]):
        assert finder.find_ranges(text, ranges) == [finder.find(text, s, e) for s, e in ranges]


# ------------------------------------------------------------------ built-in sections


def test_only_unchanged_built_in_sections_drop_the_timeout() -> None:
    packs = _packs()
    en = packs["en"]
    assert trusted(en, FINDER_SECTIONS)
    assert trusted(en, ("source-cues",))
    same = LanguagePack({"lang": "en", "lexicons": dict(en.lexicons)})
    assert trusted(same, ("source-cues",))
    lexicons = dict(en.lexicons)
    lexicons["source-cues"] = [*en.entries("source-cues"), {"re": "(a+)+b"}]
    user = LanguagePack({"lang": "en", "lexicons": lexicons})
    assert not trusted(user, ("source-cues",))
    assert trusted(user, ("clause-breaks",))
    assert not trusted(LanguagePack({"lang": "xx", "lexicons": {"s": ["said"]}}), ("s",))


def test_a_user_section_keeps_the_timeout() -> None:
    """A catastrophic user regex still times out instead of hanging the run."""
    lexicons = dict(_packs()["en"].lexicons)
    lexicons["clause-breaks"] = [{"re": r"(?:x|xx)+y"}]
    pack = LanguagePack({"lang": "en", "lexicons": lexicons})
    text = "x" * 40 + " y"  # the required "y" is there: the pattern must run
    with pytest.raises(TimeoutError):
        list(scan_section(pack, "clause-breaks", text, 0, len(text), 0.05))
