"""Shared checks for reader tests: where a piece of prose lands in the original file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newslint.article import Article
from newslint.findings import Hit
from newslint.rule import Rule, RuleContext


def locate(article: Article, needle: str, nth: int = 0) -> tuple[int, int, int, int]:
    """(line, col, end_line, end_col) in the source of the nth ``needle`` in ``article.text``."""
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(needle, start + 1)
    s, e = article.source_span(start, start + len(needle))
    return (*article.lines.position(s), *article.lines.position(e))


def source_of(article: Article, needle: str) -> str:
    """The source stretch that a piece of prose maps back to."""
    start = article.text.index(needle)
    s, e = article.source_span(start, start + len(needle))
    return article.source[s:e]


def assert_copies_exact(article: Article) -> None:
    """Every text character that maps to exactly one source character IS that character."""
    text, source = article.text, article.source
    for i, ch in enumerate(text):
        s, e = article.source_span(i, i + 1)
        if e - s == 1:
            assert source[s] == ch, (i, ch, s, source[s])
        assert 0 <= s <= e <= len(source)
    for b in article.blocks:
        assert 0 <= b.start < b.end <= len(text)
        assert not text[b.start].isspace() and not text[b.end - 1].isspace()


class NeedleRule(Rule):
    """Flags every occurrence of a fixed word: a tiny house rule for end-to-end tests."""

    code = "NL990"
    name = "needle"
    summary = "flags the word NEEDLE"

    def check(self, article: Article, ctx: RuleContext) -> Iterator[Hit]:
        start = article.text.find("NEEDLE")
        while start != -1:
            yield Hit(start, start + 6, "needle found", {})
            start = article.text.find("NEEDLE", start + 1)


def lint_needles(source: str | bytes, path: str) -> Any:
    """Run only :class:`NeedleRule` through the real engine; return the file result."""
    from newslint.api import Session

    session = Session.create(config={}, builtin_only=True)
    session.linter.rules = [NeedleRule()]
    return session.linter.lint_bytes(source, path)
