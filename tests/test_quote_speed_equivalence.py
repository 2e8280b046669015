"""The speed-ups behind unattributed-quote must not change a single answer.

Each fast path is checked against the plain definition it replaces.
"""

from __future__ import annotations

import random

import pytest
import regex
from newslint.api import Session
from newslint.article import Article, Block, SourceMap
from newslint.language import (
    LanguagePack,
    phrase_bounds,
    phrase_pieces,
    phrase_to_regex,
)
from newslint.rules._quote_patterns import _key, build_section
from newslint.segment import scan_quotes


def _article(text: str, blocks: list[Block]) -> Article:
    return Article("t.txt", text, text, SourceMap.identity(len(text)), blocks)


def _linear_block_index(article: Article, offset: int) -> int | None:
    for i, b in enumerate(article.blocks):
        if b.start <= offset < b.end or (offset == b.end and b.end > b.start):
            return i
    return None


@pytest.mark.parametrize(
    "spans",
    [
        [(0, 10), (12, 20), (22, 30)],
        [(0, 10), (10, 20), (20, 30)],  # adjacent: an end offset belongs to the first
        [(0, 10), (10, 10), (10, 10), (10, 20)],  # empty blocks in between
        [(0, 0), (0, 5), (7, 7), (9, 12)],
        [(0, 10), (5, 20), (3, 4)],  # overlapping, out of order: the linear fallback
        [],
    ],
)
def test_block_index_at_matches_the_linear_scan(spans: list[tuple[int, int]]) -> None:
    article = _article("x" * 32, [Block("paragraph", s, e) for s, e in spans])
    for offset in range(-2, 34):
        assert article.block_index_at(offset) == _linear_block_index(article, offset), offset


def test_sentence_at_finds_every_sentence() -> None:
    text = "First one here. Second one here! Third? Fourth and last."
    article = _article(text, [Block("paragraph", 0, len(text))])
    for sent in article.sentences:
        for offset in range(sent.start, sent.end):
            assert article.sentence_at(offset) == sent
    assert article.sentence_at(len(text) + 5) is None


_TRICKY = [
    # Order matters between alternatives that may match at one position: a phrase and the
    # same letters as a raw entry, case pairs, letters the engine folds together (Kelvin
    # sign and k, long s and s, dotted İ and i, ß and ẞ), every apostrophe, spaces, CJK.
    "a",
    "ab",
    "abc d",
    "Ab",
    "über",
    "Über",
    "über x",
    "\u212aelvin",
    "kelvin",
    "\u017fo",
    "so",
    "\u0130st",
    "ist",
    "ß",
    "ẞx",
    "ssx",
    "\u212aelvin x",
    "so far",
    "it's",
    "it’s",
    "ʼquote",
    "'quote",
    "-dash",
    " lead",
    "a  b",
    "1st",
    "据",
    "据说",
    "x y",
]
_RAW = [
    {"re": r"(?<![\p{L}])ab+c", "starts": ["ab"]},
    {"re": "(?:foo|bar)baz", "starts": ["foo", "bar"]},
    {"re": "z?y"},
    {"re": "q|"},  # matches empty: nothing may move before it
    {"re": "(?<![\\p{L}])so(?=\\s)", "starts": ["so"]},
]
_PIECES = ["a", "b", "ab", "Ab", "c", " ", "  ", "\n", "über", "ÜBER", "\u212a", "k", "elvin"]
_PIECES += ["\u017f", "s", "o", "\u0130", "i", "st", "ß", "ẞ", "ss", "x", "it", "'", "’", "ʼ"]
_PIECES += ["quote", "-", "dash", "lead", "1", "据", "说", "y", "z", "q", "foo", "bar", "baz", "."]


def _same(fast: regex.Pattern[str], plain: regex.Pattern[str], text: str, a: int, b: int) -> None:
    spans = [m.span() for m in plain.finditer(text, a, b)]
    assert [m.span() for m in fast.finditer(text, a, b)] == spans, (text, a, b)
    for method in ("search", "match", "fullmatch"):
        want = getattr(plain, method)(text, a, b)
        got = getattr(fast, method)(text, a, b)
        assert (got and got.span()) == (want and want.span()), (method, text, a, b)


@pytest.mark.parametrize(
    "entries",
    [
        _TRICKY,  # phrases only
        [*_TRICKY, *_RAW],  # mostly phrases: each run of raw entries guarded alone
        [*_RAW, "so", "ab", "据说", "", "it’s"],  # mostly raw: one guard for the section
        [
            _RAW[0],
            _RAW[1],
            _RAW[4],
            "ab",
            "abx",
            "so",
            "foo",
        ],  # all raw entries declare where they open
    ],
    ids=["phrases", "mostly-phrases", "mostly-raw", "guarded"],
)
def test_built_sections_match_like_the_pack_pattern(entries: list[object]) -> None:
    """The pattern built from the entries finds what the pack's one-alternative-per-entry
    pattern finds, with every search method, in every window of texts made to put many
    alternatives at one position."""
    pack = LanguagePack({"lang": "xx", "lexicons": {"speech-verbs": entries}})
    plain = pack.pattern("speech-verbs")
    fast = build_section(pack, "speech-verbs")
    assert plain is not None and fast is not None and fast.pattern != plain.pattern
    rng = random.Random(len(entries))
    pool = [*_PIECES, *_TRICKY]
    matched = 0
    for _ in range(400):
        text = "".join(
            rng.choice(pool) + rng.choice(("", "", " ")) for _ in range(rng.randint(0, 14))
        )
        matched += plain.search(text) is not None
        _same(fast, plain, text, 0, len(text))
        a = rng.randint(0, len(text))
        _same(fast, plain, text, a, rng.randint(a, len(text)))
    assert matched > 50


def test_phrases_share_one_word_start_test_and_their_prefixes() -> None:
    """The speed the built pattern is for: the word-start lookbehind once for a run of
    phrases, and a prefix written once for the phrases sharing it."""
    pack = LanguagePack({"lang": "xx", "lexicons": {"v": ["said", "says", "say", "told", "to"]}})
    fast = build_section(pack, "v")
    assert fast is not None
    assert fast.pattern.count(phrase_bounds("said")[0]) == 1
    assert fast.pattern.count("sa") == 1 and fast.pattern.count("t") == 1


def test_a_pattern_wide_flag_keeps_the_pack_pattern() -> None:
    """A raw entry that turns the whole pattern to reverse matching: alternatives may not be
    regrouped, so the pack's own pattern is used."""
    pack = LanguagePack({"lang": "xx", "lexicons": {"v": ["said", "says", {"re": "(?r)x"}]}})
    assert build_section(pack, "v") is pack.pattern("v")
    assert build_section(pack, "missing") is None


def test_dispatch_keys_follow_the_engines_case_folding() -> None:
    """Phrases are grouped by the key of their first character, so two characters the
    engine matches to one text character case-insensitively must share a key: checked on
    every code point against the engine's own case table."""
    from regex import _regex  # the engine's table: the exact reference

    flags = regex.IGNORECASE | regex.UNICODE
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        cases = _regex.get_all_cases(flags, code)
        if len(cases) > 1:
            key = _key(chr(code))
            assert all(_key(chr(c)) == key for c in cases), hex(code)


def test_phrase_pieces_rebuild_the_phrase_regex() -> None:
    packs = Session.create(config={}).linter.registry.packs
    phrases = [e for p in packs.values() for s in p.lexicons for e in p.entries(s)]
    phrases += [*_TRICKY, "", "  ", "a\tb", "x.y", "[x]"]
    for phrase in filter(lambda e: isinstance(e, str), phrases):
        before, after = phrase_bounds(phrase)
        body = "".join(rx for _, rx in phrase_pieces(phrase))
        assert before + body + after == phrase_to_regex(phrase), phrase


def test_scan_quotes_memo_returns_a_fresh_equal_list() -> None:
    text = "He said “we will stay” and « nous partons » today."
    first = scan_quotes(text, 0, len(text))
    first.clear()
    again = scan_quotes(text, 0, len(text))
    assert len(again) == 2 and again[0].close == "”"
    other = "Plain text, no quotes at all."
    assert scan_quotes(other, 0, len(other)) == []


def test_chinese_name_role_scan_matches_finditer() -> None:
    from newslint.rules._people import _ZH_NAME_ROLE, _zh_name_roles

    rng = random.Random(3)
    alphabet = list("王李张先生女士教授博士的在说，。 a1")
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        expected = [(m.span(), m.group(1)) for m in _ZH_NAME_ROLE.finditer(text)]
        assert [(m.span(), m.group(1)) for m in _zh_name_roles(text)] == expected, text
