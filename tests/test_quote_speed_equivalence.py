"""The speed-ups behind unattributed-quote must not change a single answer.

Each fast path is checked against the plain definition it replaces.
"""

from __future__ import annotations

import random

import pytest
import regex
from newslint.api import Session
from newslint.article import Article, Block, SourceMap
from newslint.rules._quote_patterns import _factored, _top_level_alternatives
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


def test_top_level_split_respects_groups_sets_and_escapes() -> None:
    assert _top_level_alternatives(r"a|b(c|d)|[|(]x|\|y|[]|]z|[^]|]w") == [
        "a",
        "b(c|d)",
        "[|(]x",
        r"\|y",
        "[]|]z",
        "[^]|]w",
    ]


def test_factoring_keeps_order_and_matches() -> None:
    lb = r"(?<![\p{L}\p{N}])"
    pat = regex.compile(f"{lb}a|{lb}ab|x|{lb}abc(?![\\p{{L}}])", regex.IGNORECASE)
    fast = _factored(pat)
    assert fast is not None and fast.pattern != pat.pattern
    for text in ["ab abc xab a", "zab abcd Abc", "x a ab"]:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pat.finditer(text)]


def test_factoring_mixes_letter_and_word_start_lookbehinds() -> None:
    lb, lt = r"(?<![\p{L}\p{N}])", r"(?<![\p{L}])"
    pat = regex.compile(
        f"(?:{lt}ha dicho)|{lb}dijo|{lb}dice|(?:{lt}a|b)|{lt}añadió|(?:{lt}ha(?:n)? dicho)|x",
        regex.IGNORECASE,
    )
    fast = _factored(pat)
    assert fast is not None and fast.pattern != pat.pattern
    for text in ["1ha dicho 1dijo xdice ha dicho, dijo", "2a ba 3b añadió9añadió han dicho", "x"]:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pat.finditer(text)]
        for i in range(len(text)):
            assert [m.span() for m in fast.finditer(text, i, i + 9)] == [
                m.span() for m in pat.finditer(text, i, i + 9)
            ]


def test_factored_pack_patterns_match_exactly() -> None:
    packs = Session.create(config={}).linter.registry.packs
    rng = random.Random(5)
    sections = ("speech-verbs", "speaker-pronouns", "speaker-epithets", "company-nouns")
    for pack in packs.values():
        words = [e for s in sections for e in pack.entries(s) if isinstance(e, str)]
        for section in sections:
            pat = pack.pattern(section)
            fast = _factored(pat)
            if pat is None or fast is None:
                continue
            for _ in range(30):
                text = " ".join(
                    rng.choice([*words, "X", "la", ",", "said", "Él"]) for _ in range(12)
                )
                assert [m.span() for m in fast.finditer(text)] == [
                    m.span() for m in pat.finditer(text)
                ], (pack.lang, section, text)


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
