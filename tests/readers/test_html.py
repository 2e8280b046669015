"""HTML reader: visible text only, entities, nesting, sloppy markup, exact positions."""

from __future__ import annotations

import pytest
from newslint.readers.html import HtmlReader
from reader_checks import assert_copies_exact, lint_needles, locate, source_of

PAGE = """\
<!DOCTYPE html>
<html lang="fr-FR">
<head>
  <meta charset="utf-8">
  <title>Le titre &amp; la page</title>
  <style>p { color: red } /* NEEDLE */</style>
  <script>if (a < b && c) { alert("NEEDLE") }</script>
</head>
<body>
<h1>March&eacute;s&nbsp;: la <em>hausse</em></h1>
<p>Le CAC&#160;40 a gagné 2&nbsp;%, <a href="/x">selon <b>l'<i>AMF</i></b></a> NEEDLE.</p>
<blockquote><p>« Une citation » NEEDLE</p></blockquote>
<ul><li>premier <li>deuxième NEEDLE</ul>
<!-- newslint-disable NL201 -->
<noscript>NEEDLE hidden</noscript><template><p>NEEDLE tpl</p></template>
<div hidden>NEEDLE hidden div</div>
<p>東京 😀 NEEDLE<br>ligne deux</p>
<h2>Sous-titre</h2>
</body>
</html>
"""


@pytest.fixture(scope="module")
def article():
    return HtmlReader().read("page.html", PAGE)


def test_visible_blocks_only(article) -> None:
    got = [(b.kind, article.block_text(b)) for b in article.blocks]
    assert got == [
        ("headline", "Marchés\xa0: la hausse"),
        ("paragraph", "Le CAC\xa040 a gagné 2\xa0%, selon l'AMF NEEDLE."),
        ("quote", "« Une citation » NEEDLE"),
        ("item", "premier"),
        ("item", "deuxième NEEDLE"),
        ("paragraph", "東京 😀 NEEDLE"),
        ("paragraph", "ligne deux"),
        ("heading", "Sous-titre"),
    ]
    assert article.metadata == {"lang": "fr-FR"}
    assert article.format == "html"
    assert_copies_exact(article)


def test_positions_after_entities_and_nested_tags(article) -> None:
    assert locate(article, "hausse") == (10, 34, 10, 40)
    assert locate(article, "Marchés") == (10, 5, 10, 19)  # "March&eacute;s"
    assert source_of(article, "Marchés") == "March&eacute;s"
    assert locate(article, "NEEDLE", 0) == (11, 80, 11, 86)
    assert locate(article, "AMF") == (11, 64, 11, 67)


def test_positions_in_quote_list_and_after_multibyte(article) -> None:
    assert locate(article, "NEEDLE", 1) == (12, 33, 12, 39)
    assert locate(article, "NEEDLE", 2) == (13, 30, 13, 36)
    assert locate(article, "NEEDLE", 3) == (17, 9, 17, 15)
    assert locate(article, "ligne deux") == (17, 19, 17, 29)


def test_comments_collected(article) -> None:
    [(start, end, body)] = article.comments
    assert PAGE[start:end] == "<!-- newslint-disable NL201 -->"
    assert body == " newslint-disable NL201 "


def test_title_is_headline_without_h1() -> None:
    a = HtmlReader().read("p.html", "<html><head><title>Big &amp; bold</title></head><p>Body.</p>")
    assert a.headline is not None
    assert a.block_text(a.headline) == "Big & bold"
    assert [b.kind for b in a.blocks] == ["headline", "paragraph"]


def test_second_h1_is_a_heading() -> None:
    a = HtmlReader().read("p.html", "<h1>One</h1><p>x</p><h1>Two</h1>")
    assert [b.kind for b in a.blocks] == ["headline", "paragraph", "heading"]


@pytest.mark.parametrize("nl", ["\r\n", "\r"])
def test_crlf_and_bare_cr(nl: str) -> None:
    src = nl.join(["<html>", "<body>", "<p>Ligne é", "suite NEEDLE</p>", "</body>", ""])
    a = HtmlReader().read("p.html", src)
    assert locate(a, "NEEDLE") == (4, 7, 4, 13)
    assert_copies_exact(a)


@pytest.mark.parametrize(
    "src",
    [
        "<p>unclosed <b>bold <i>italic NEEDLE",
        "<div><p>para NEEDLE<div>another",
        "<p>broken <a href='x NEEDLE",
        "text < 5 and 6 > 2 NEEDLE &unknown; &",
        "<!-- never closed NEEDLE",
        "<script>never closed NEEDLE",
        "</p></div></li> stray ends NEEDLE",
        "<![CDATA[x]]><?php echo 1 ?><!bogus>NEEDLE",
    ],
)
def test_sloppy_html_does_not_crash(src: str) -> None:
    a = HtmlReader().read("p.html", src)
    assert_copies_exact(a)


def test_lone_lt_and_unknown_entities_are_text() -> None:
    a = HtmlReader().read("p.html", "<p>3 < 5 &bogus; AT&T</p>")
    assert a.text == "3 < 5 &bogus; AT&T"


def test_deep_nesting_is_linear_and_safe() -> None:
    depth = 100_000
    src = "<div><blockquote><li>" * depth + "deep NEEDLE" + "</li></blockquote></div>" * depth
    a = HtmlReader().read("p.html", src)
    assert a.text == "deep NEEDLE"
    assert a.blocks[0].kind == "item"


@pytest.mark.parametrize("src", ["", "   \n", "<html><head></head><body></body></html>"])
def test_empty_pages(src: str) -> None:
    a = HtmlReader().read("p.html", src)
    assert a.text == ""
    assert a.blocks == []


def test_end_to_end_through_engine() -> None:
    src = "<h1>T</h1>\r\n<p>Prix&nbsp;: 3&euro; <b>NEEDLE</b></p>".encode("utf-16")
    result = lint_needles(src, "page.htm")
    assert result.errors == []
    [f] = result.findings
    assert (f.line, f.column, f.end_line, f.end_column) == (2, 27, 2, 33)


def test_hidden_element_that_never_closes_does_not_hide_the_page() -> None:
    a = HtmlReader().read("p.html", "<p>One.</p><section hidden><!-- c --><p>Two NEEDLE.")
    assert a.text == "One.\n\nTwo NEEDLE."
    assert len(a.comments) == 1


def test_line_break_inside_a_heading_keeps_one_headline() -> None:
    a = HtmlReader().read("p.html", "<h1>Line one<br/>line two</h1><p>Body.</p>")
    assert [(b.kind, a.block_text(b)) for b in a.blocks] == [
        ("headline", "Line one\nline two"),
        ("paragraph", "Body."),
    ]
    assert locate(a, "line two") == (1, 18, 1, 26)
