"""Markdown reader: front matter, block kinds, inline markup, and exact source positions."""

from __future__ import annotations

import pytest
from newslint.errors import InputError
from newslint.readers.decode import decode_bytes
from newslint.readers.markdown import MarkdownReader
from reader_checks import assert_copies_exact, lint_needles, locate, source_of

ARTICLE = """\
---
title: "Markets rally on 東京 news"
editor: Jane Doe
lang: en
section: markets
sponsored: false
---
# Stocks *soar* on [good news](https://example.com "t")

Intro with **bold**, `inline code`, snake_case_word and
a second line with ![chart](a.png) an image, <span>inline html</span> &amp; more.

> "This is a quote with NEEDLE," she said.
> Second line of the quote.

- first item
- second _item_ with [a ref link][r]
  continued NEEDLE line
1. ordered item

```python
print("NEEDLE in code is not prose")
```

    indented NEEDLE code

<!-- newslint-disable-next-line needle -->

Setext heading
--------------

<div class="disclaimer">
<p>Not investment advice &mdash; NEEDLE.</p>
</div>

After\\
break: 5 * 3 = 15, a_b_c and <https://example.com>. Tail ~~struck~~ NEEDLE.

[r]: https://example.com
"""


@pytest.fixture(scope="module")
def article():
    return MarkdownReader().read("story.md", ARTICLE)


def test_front_matter_becomes_metadata(article) -> None:
    assert article.metadata["editor"] == "Jane Doe"
    assert article.metadata["lang"] == "en"
    assert article.metadata["section"] == "markets"
    assert article.metadata["sponsored"] is False
    assert "title:" not in article.text and "editor" not in article.text


def test_blocks_and_kinds(article) -> None:
    got = [(b.kind, article.block_text(b)) for b in article.blocks]
    assert got == [
        ("headline", "Stocks soar on good news"),
        (
            "paragraph",
            "Intro with bold, inline code, snake_case_word and\n"
            "a second line with  an image, inline html & more.",
        ),
        ("quote", '"This is a quote with NEEDLE," she said.\nSecond line of the quote.'),
        ("item", "first item"),
        ("item", "second item with a ref link\ncontinued NEEDLE line"),
        ("item", "ordered item"),
        ("heading", "Setext heading"),
        ("paragraph", "Not investment advice — NEEDLE."),
        (
            "paragraph",
            "After\nbreak: 5 * 3 = 15, a_b_c and https://example.com. Tail struck NEEDLE.",
        ),
    ]
    assert "print(" not in article.text and "indented" not in article.text
    assert_copies_exact(article)


def test_positions_inside_markup(article) -> None:
    assert locate(article, "soar") == (8, 11, 8, 15)
    assert locate(article, "good news") == (8, 21, 8, 30)
    assert locate(article, "bold") == (10, 14, 10, 18)
    assert locate(article, "inline code") == (10, 23, 10, 34)
    assert locate(article, "an image") == (11, 36, 11, 44)
    assert locate(article, "& more") == (11, 71, 11, 81)
    assert source_of(article, "& more") == "&amp; more"


def test_positions_in_quote_list_and_after_code(article) -> None:
    assert locate(article, "NEEDLE", 0) == (13, 25, 13, 31)  # blockquote, marker stripped
    assert locate(article, "Second line") == (14, 3, 14, 14)
    assert locate(article, "continued NEEDLE") == (18, 3, 18, 19)  # list continuation
    assert locate(article, "NEEDLE", 2) == (33, 34, 33, 40)  # HTML block after entity
    assert locate(article, "Setext") == (29, 1, 29, 7)  # after fenced and indented code
    assert locate(article, "NEEDLE", 3) == (37, 69, 37, 75)


def test_comments_are_collected_with_source_offsets(article) -> None:
    [(start, end, body)] = article.comments
    assert ARTICLE[start:end] == "<!-- newslint-disable-next-line needle -->"
    assert body == " newslint-disable-next-line needle "


def test_title_is_the_headline_when_there_is_no_h1() -> None:
    src = "---\ntitle: 'Rates: a “pause”'\n---\n## Section\n\nBody NEEDLE.\n"
    a = MarkdownReader().read("t.md", src)
    assert a.headline is not None
    assert a.block_text(a.headline) == "Rates: a “pause”"
    assert locate(a, "pause") == (2, 19, 2, 24)
    assert [b.kind for b in a.blocks] == ["headline", "heading", "paragraph"]


def test_a_first_h2_is_not_a_headline() -> None:
    a = MarkdownReader().read("t.md", "## Section\n\n# Later h1\n\nText.\n")
    assert a.headline is None


@pytest.mark.parametrize("nl", ["\r\n", "\r"])
def test_crlf_and_bare_cr(nl: str) -> None:
    src = nl.join(
        [
            "---",
            "editor: Ann Lee",
            "---",
            "# Titre é",
            "",
            "> « Citation » NEEDLE",
            "",
            "Texte *avec* NEEDLE.",
            "",
        ]
    )
    a = MarkdownReader().read("x.md", src)
    assert a.metadata == {"editor": "Ann Lee"}
    assert locate(a, "NEEDLE", 0) == (6, 16, 6, 22)
    assert locate(a, "NEEDLE", 1) == (8, 14, 8, 20)
    assert_copies_exact(a)


def test_bom_file_positions() -> None:
    raw = "\ufeff# T\n\nAvec é NEEDLE.\n".encode()
    a = MarkdownReader().read("x.md", decode_bytes(raw))
    assert a.headline is not None
    assert locate(a, "NEEDLE") == (3, 8, 3, 14)


def test_unclosed_fence_hides_the_rest() -> None:
    a = MarkdownReader().read("x.md", "Prose.\n\n~~~\ncode\n\nmore code\n")
    assert a.text == "Prose."


def test_reference_shortcut_and_unknown_brackets() -> None:
    a = MarkdownReader().read(
        "x.md", "See [the filing] and [not a link] here.\n\n[the filing]: /x\n"
    )
    assert a.text == "See the filing and [not a link] here."


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("---\ntitle: a\n", "never closed"),
        ("---\ntitle: [unclosed\n---\nBody\n", "line 3"),
        ("---\ntitle: a\ntitle: b\n---\nBody\n", "front matter"),
        ("---\nok: 1\n- b\n---\nBody\n", "line 3"),
    ],
)
def test_front_matter_errors(source: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        MarkdownReader().read("bad.md", source)
    assert fragment in info.value.reason
    assert info.value.path == "bad.md"


def test_front_matter_error_names_the_line() -> None:
    with pytest.raises(InputError) as info:
        MarkdownReader().read("bad.md", "---\nok: 1\nbad: : :\n  - x\n---\n")
    assert "line 3" in info.value.reason or "line 4" in info.value.reason


@pytest.mark.parametrize(
    ("source", "blocks"),
    [
        ("---\n", []),
        ("---\nNot yaml, a break.\n", [("paragraph", "Not yaml, a break.")]),
        ("---\n- a list\n", [("item", "a list")]),
        ("---\n---\nBody.\n", [("paragraph", "Body.")]),
    ],
)
def test_leading_rule_without_key_lines_is_not_front_matter(source: str, blocks: list) -> None:
    a = MarkdownReader().read("x.md", source)
    assert [(b.kind, a.block_text(b)) for b in a.blocks] == blocks
    assert a.metadata == {}


def test_thematic_break_is_not_front_matter_later() -> None:
    a = MarkdownReader().read("x.md", "Para one.\n\n---\n\nPara two.\n")
    assert [a.block_text(b) for b in a.blocks] == ["Para one.", "Para two."]


@pytest.mark.parametrize("source", ["", "   \n\t\n", "---\n---\n", "```\nonly code\n```\n"])
def test_empty_documents(source: str) -> None:
    a = MarkdownReader().read("x.md", source)
    assert a.text == ""
    assert a.blocks == []


def test_end_to_end_through_engine_with_suppression_comment() -> None:
    src = "---\nlang: en\n---\n# Head\n\n<!-- note -->\nPara with 😀 **NEEDLE**.\r\n"
    result = lint_needles(src, "story.md")
    assert result.errors == []
    [f] = result.findings
    assert (f.line, f.column, f.end_line, f.end_column) == (7, 15, 7, 21)
    assert f.excerpt == "NEEDLE"


def test_end_to_end_front_matter_error_is_an_input_error() -> None:
    result = lint_needles("---\na: [\n---\n", "bad.md")
    assert [e.kind for e in result.errors] == ["input"]
    assert "front matter" in result.errors[0].message


@pytest.mark.parametrize(
    "yaml_text",
    [
        "title: Plain words here\neditor: Jane Doe\nlang: fr-FR\nsection: markets\n",
        "title: \"Quoted: with colon\"\nauthor: 'single'\n",
        "title: L’économie (suite) / part 2\n",
        "sponsored: true\neditor: Ann\n",
        "count: 12\nratio: 1.5\nwhen: 2024-01-02\n",
        "editor:\n  - A\n  - B\n",
        "editor: null\nx: yes\ny: off\n",
        "title: a # comment\n",
        "title: trailing,\n",
        "title: Ünïcode Straße 東京\n",
        'title: "escaped \\" quote"\n',
        "title: ''\n",
    ],
)
def test_front_matter_fast_path_agrees_with_yaml(yaml_text: str) -> None:
    from newslint.yamlio import parse_yaml

    a = MarkdownReader().read("x.md", f"---\n{yaml_text}---\nBody.\n")
    assert dict(a.metadata) == dict(parse_yaml(yaml_text, "x", positions=False))


def test_nested_lists_ordered_items_tables_and_quoted_headings() -> None:
    src = (
        "* star item with *emph*\n"
        "    * nested item\n"
        "  lazy continuation\n"
        "\n"
        "1) ordered\n"
        "2) second\n"
        "\n"
        "> # Quoted heading\n"
        "> quoted para\n"
        "lazy quote line\n"
        "\n"
        "| Ticker | Move \\| note |\n"
        "|---|:--:|\n"
        "| CRM | +3 % |\n"
        "\n"
        "# Real headline\n"
    )
    a = MarkdownReader().read("x.md", src)
    got = [(b.kind, a.block_text(b)) for b in a.blocks]
    assert got == [
        ("item", "star item with emph"),
        ("item", "nested item\nlazy continuation"),
        ("item", "ordered"),
        ("item", "second"),
        ("heading", "Quoted heading"),
        ("quote", "quoted para\nlazy quote line"),
        ("paragraph", "Ticker"),
        ("paragraph", "Move | note"),
        ("paragraph", "CRM"),
        ("paragraph", "+3 %"),
        ("headline", "Real headline"),
    ]
    assert locate(a, "CRM") == (14, 3, 14, 6)
    assert_copies_exact(a)


def test_inline_comment_inside_a_paragraph_is_collected_and_dropped() -> None:
    src = "Before <!-- newslint-disable-next-line NL201 --> after.\n"
    a = MarkdownReader().read("x.md", src)
    assert a.text == "Before  after."
    [(start, end, body)] = a.comments
    assert src[start:end] == "<!-- newslint-disable-next-line NL201 -->"
    assert body.strip() == "newslint-disable-next-line NL201"
    assert locate(a, "after") == (1, 50, 1, 55)


def test_without_heading_or_title_a_short_first_line_is_the_headline() -> None:
    a = MarkdownReader().read("x.md", "Markets *rally* again\n\nShares rose on Monday.\n")
    assert [(b.kind, a.block_text(b)) for b in a.blocks] == [
        ("headline", "Markets rally again"),
        ("paragraph", "Shares rose on Monday."),
    ]
    b = MarkdownReader().read("x.md", "Shares rose on Monday.\n\nThey fell on Tuesday.\n")
    assert b.headline is None
