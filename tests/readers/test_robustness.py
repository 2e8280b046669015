"""Big, odd and random inputs: linear time, no crash, and every copied character exact."""

from __future__ import annotations

import random

import pytest
from newslint.readers.html import HtmlReader
from newslint.readers.markdown import MarkdownReader
from newslint.readers.text import TextReader
from reader_checks import assert_copies_exact

READERS = {"txt": TextReader(), "md": MarkdownReader(), "html": HtmlReader()}
WORDS = [
    "markets",
    "rose",
    "*sharply*",
    "_a_b_",
    "`x`",
    "[link](u)",
    "![i](j)",
    "<b>",
    "</b>",
    "&amp;",
    "&nbsp;",
    "«",
    "»",
    "東京",
    "😀",
    ">",
    "-",
    "#",
    "~~",
    "\\*",
    "<!--c-->",
    "]",
    "[",
    "<",
    "&",
    "**",
    "é",
]


def _random_doc(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 60)):
        parts.append(rng.choice(WORDS))
        parts.append(
            rng.choice(
                [
                    " ",
                    " ",
                    " ",
                    "\n",
                    "\r\n",
                    "\r",
                    "\n\n",
                    "\n    ",
                    "\n> ",
                    "\n- ",
                    "\n```\n",
                    "\n# ",
                    "\n---\n",
                    "\t",
                ]
            )
        )
    return "".join(parts)


@pytest.mark.parametrize("kind", sorted(READERS))
def test_random_documents_keep_the_map_exact(kind: str) -> None:
    rng = random.Random(20261126)
    reader = READERS[kind]
    for _ in range(300):
        doc = _random_doc(rng)
        try:
            article = reader.read(f"r.{kind}", doc)
        except Exception as exc:  # front matter errors are the only allowed failure
            assert type(exc).__name__ == "InputError", doc
            continue
        assert_copies_exact(article)


@pytest.mark.parametrize("kind", sorted(READERS))
def test_five_megabyte_single_line(kind: str) -> None:
    """Read whole and exact (its speed: ``benchmarks/linearity.py``)."""
    line = ("Shares rose 3% to $12.5 billion, analysts said « fort » 東京 " * 90_000)[:5_000_000]
    if kind == "html":
        line = "<p>" + line.replace("said", "<b>said</b> &amp;") + "</p>"
    elif kind == "md":
        line = line.replace("said", "**said** &amp;")
    article = READERS[kind].read(f"big.{kind}", line)
    text = article.text
    starts = [i for i in range(len(text)) if text.startswith("billion", i)][::97]
    assert len(starts) > 800  # ~85,000 in all; every 97th checked against the source
    for i in starts:
        s, e = article.source_span(i, i + 7)
        assert article.source[s:e] == "billion"


@pytest.mark.parametrize("kind", sorted(READERS))
def test_one_megabyte_paragraph(kind: str) -> None:
    para = "\n".join("a wrapped line of the same paragraph and *more* words" for _ in range(19_000))
    article = READERS[kind].read(f"big.{kind}", para)
    assert article.text.count("wrapped") == 19_000
    assert_copies_exact(article)


def test_many_unclosed_markdown_constructs_read_exactly() -> None:
    """Unclosed constructs stay text (their speed: ``benchmarks/linearity.py``)."""
    src = "[" * 50_000 + "*a " * 50_000 + "`" * 3 + "x" + "<" * 50_000
    article = READERS["md"].read("x.md", src)
    assert article.text.count("a") >= 50_000
    assert_copies_exact(article)


@pytest.mark.parametrize(
    ("kind", "unit"),
    [
        ("html", "<a "),
        ("html", '<a b="'),
        ("html", "</a "),
        ("html", "<div hidden>x"),
        ("html", "<!-- x"),
        ("md", "<!-- x "),
        ("md", "![a "),
        ("md", "[a](b) ![c "),
        ("md", "`` a ` b "),
        ("md", "<a b=' "),
        ("txt", "\n \t "),
    ],
)
def test_repeated_unclosed_constructs_read_exactly(kind: str, unit: str) -> None:
    article = READERS[kind].read(f"x.{kind}", unit * 60_000)
    assert len(article.text) <= len(article.source)
    assert_copies_exact(article)
