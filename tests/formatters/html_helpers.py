"""Reading an HTML report back for the tests: its articles, marks, data blocks and policy.

Parsed with the standard library's HTML parser (the same tokenizer rules a browser uses for
what matters here: where elements and raw-text blocks start and end), not with regexes, so a
test sees what a browser would build; an article's text and marks are rebuilt from its
packed data as the page's script builds them.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import regex
from newslint.formatters.html_article import DATA_TYPE, unpack

HERE = Path(__file__).resolve().parent
HTML_PROBE = "html_probe_plugin"


class Article:
    """One ``<section class="art">``: its attributes, its text and the findings' marks."""

    def __init__(self, attrs: dict[str, str]) -> None:
        self.attrs = attrs
        self.text = ""
        #: finding index -> the text of every mark naming it, in order
        self.marked: dict[int, list[str]] = {}
        #: mark classes and ids, in order
        self.marks: list[tuple[str, list[int]]] = []
        self.data: list[Any] | None = None

    def load(self, packed: dict[str, Any]) -> None:
        """Take the article's packed data: findings, and text segments (html_article)."""
        self.data = packed["f"]
        for seg in packed.get("t", []):
            if isinstance(seg, str):
                self.text += seg
                continue
            piece, ids_text, cls = seg
            ids = [int(x) for x in ids_text.split()]
            self.marks.append((cls, ids))
            self.text += piece
            for i in ids:
                self.marked.setdefault(i, []).append(piece)

    def marked_text(self, index: int) -> str:
        return "".join(self.marked.get(index, []))


class Report(HTMLParser):
    """Collects what the tests check from a report's text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.articles: list[Article] = []
        self.tags: list[str] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.styles: list[str] = []
        self.csp = ""
        self._article: Article | None = None
        self._raw: tuple[str, dict[str, str]] | None = None
        self._raw_text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = a.get("content", "")
        elif tag == "section" and "art" in a.get("class", "").split():
            self._article = Article(a)
            self.articles.append(self._article)
        if tag in ("script", "style"):
            self._raw, self._raw_text = (tag, a), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self._article = None
        elif tag in ("script", "style") and self._raw is not None:
            kind, a = self._raw
            text = "".join(self._raw_text)
            if kind == "style":
                self.styles.append(text)
            else:
                self.scripts.append((a, text))
                if a.get("type") == DATA_TYPE and self._article is not None:
                    self._article.load(unpack(text))
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw_text.append(data)


def parse(text: str) -> Report:
    return Report(text)


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def offset(source: str, line: int, column: int) -> int:
    """The offset of a 1-based line and code-point column (``\\n``, ``\\r\\n``, ``\\r``)."""
    starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", source)]
    return starts[line - 1] + column - 1


def as_parsed(text: str) -> str:
    """``text`` as an HTML parser hands it to the page: CR LF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
