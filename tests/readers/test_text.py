"""Plain-text reader: paragraphs, headline, positions with every kind of line end."""

from __future__ import annotations

from pathlib import Path

import pytest
from newslint.readers.text import TextReader, split_paragraphs
from reader_checks import assert_copies_exact, lint_needles, locate

ROOT = Path(__file__).resolve().parents[2]


def read(source: str):
    return TextReader().read("a.txt", source)


def test_seed_is_one_paragraph_per_line_with_headline() -> None:
    source = (ROOT / "seeds" / "000_515427318ff19ac6.txt").read_text(encoding="utf-8")
    article = read(source)
    lines = [ln for ln in source.splitlines() if ln.strip()]
    assert len(article.blocks) == len(lines)
    assert article.headline is not None
    assert article.block_text(article.headline) == lines[0].strip()
    assert_copies_exact(article)


def test_blank_lines_separate_paragraphs() -> None:
    article = read("Title here\n\nA hard-wrapped line\nthat goes on and\nends here.\n\n\nSecond.\n")
    kinds = [(b.kind, article.block_text(b)) for b in article.blocks]
    assert kinds == [
        ("headline", "Title here"),
        ("paragraph", "A hard-wrapped line\nthat goes on and\nends here."),
        ("paragraph", "Second."),
    ]


def test_lines_ending_like_sentences_are_paragraphs_even_with_a_blank_line_tail() -> None:
    source = (
        "Headline\nFirst « sentence. »\nSecond one!\nCredit: X\nThird.\n"
        "\nRelated one\n\nRelated two\n"
    )
    article = read(source)
    assert [article.block_text(b) for b in article.blocks] == [
        "Headline",
        "First « sentence. »",
        "Second one!",
        "Credit: X",
        "Third.",
        "Related one",
        "Related two",
    ]


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_line_ends_keep_paragraphs_and_positions(nl: str) -> None:
    source = nl.join(["Headline", "", "Première ligne é", "suite NEEDLE ici.", "", "Fin."])
    # a hard-wrapped paragraph: the first line stops mid-sentence
    article = read(source)
    assert [article.block_text(b) for b in article.blocks][
        1
    ] == f"Première ligne é{nl}suite NEEDLE ici."
    assert locate(article, "NEEDLE") == (4, 7, 4, 13)


def test_crlf_single_line_end_is_not_a_blank_line() -> None:
    assert split_paragraphs("a\r\nb\r\n\r\nc") == [(0, 4), (8, 9)]


def test_multibyte_columns_count_code_points() -> None:
    article = read("市场🚀 NEEDLE\n")
    assert locate(article, "NEEDLE") == (1, 5, 1, 11)


@pytest.mark.parametrize("source", ["", "   ", "\n\n\r\n \t \r"])
def test_empty_and_whitespace_only(source: str) -> None:
    article = read(source)
    assert article.blocks == []
    assert article.headline is None


def test_end_to_end_position_through_engine() -> None:
    result = lint_needles("Title\r\n\r\nA line with émoji 😀 and NEEDLE.\r\n", "story.txt")
    [f] = result.findings
    assert (f.line, f.column, f.end_line, f.end_column) == (3, 25, 3, 31)
