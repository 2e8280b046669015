"""HTML articles: the visible text only, mapped back to the original markup.

A small regex tokenizer (not a DOM) walks the markup once, so sloppy, unclosed or deeply
nested HTML costs linear time and no recursion. Script, style, template, noscript, head and
``hidden`` elements are skipped; block elements start new blocks; entities are decoded with a
map back to the entity; comments are kept for ``<!-- newslint-disable ... -->`` suppressions.
The first ``<h1>`` is the headline, else ``<title>``; ``<html lang>`` becomes metadata.
"""

from __future__ import annotations

import functools
import html as _html
from html.entities import html5 as _HTML5

import regex
from newslint.article import Article, TextBuilder
from newslint.lazy import lazy_regex
from newslint.plain import Plain
from newslint.readers.text import Piece, write_blocks

_NON_SPACE = lazy_regex(r"\S")
_ENTITY = lazy_regex(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,7};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
_TAG_NAME = lazy_regex(r"</?([A-Za-z][^\t\n\f\r />]*)")
# The rest of a tag up to its ">": quoted values may hold ">"; possessive, so a tag that never
# closes costs one linear scan (and, as in browsers, swallows the rest of the file).
_TAG_REST = lazy_regex(r"""(?:[^>"'=]++|=[\t\n\f\r ]*+"[^"]*+"|=[\t\n\f\r ]*+'[^']*+'|=|["'])*+>""")
_BOGUS = lazy_regex(r"<[!?/][^>]*>?")
_ATTR = lazy_regex(
    r"([^\t\n\f\r />\"'=][^\t\n\f\r />=]*)"
    r"(?:[\t\n\f\r ]*=[\t\n\f\r ]*(\"[^\"]*\"|'[^']*'|[^\t\n\f\r >]*))?"
)

#: Elements whose content is never shown as prose (raw text elements end at their end tag).
_RAW_TEXT = frozenset(
    {"script", "style", "textarea", "xmp", "iframe", "noembed", "noframes", "title"}
)
_SKIPPED = frozenset({"template", "noscript", "svg", "math", "object", "select"})
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "option",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CONTAINERS = frozenset({"blockquote", "li"})


def decode_entity(token: str) -> str | None:
    """The text an entity reference stands for, or None when it is not one."""
    if token.startswith("&#"):
        body = token[2:].rstrip(";")
        try:
            code = int(body[1:], 16) if body[:1] in "xX" else int(body)
        except ValueError:
            return None
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return "\ufffd"
        return _html.unescape(f"&#{code};")
    name = token[1:]
    if name in _HTML5:
        return _HTML5[name]
    return None


def text_pieces(source: str, start: int, end: int, out: list[Piece]) -> None:
    """Append pieces for character data: copies, with entities decoded in place."""
    pos = start
    amp = source.find("&", start, end)
    while amp != -1:
        m = _ENTITY.match(source, amp, end)
        decoded = decode_entity(m.group()) if m else None
        if m and decoded is not None:
            if amp > pos:
                out.append((pos, amp, None))
            out.append((amp, m.end(), decoded))
            pos = m.end()
        amp = source.find("&", amp + 1, end)
    if end > pos:
        out.append((pos, end, None))


class HtmlScan(Plain):
    """Blocks, comments, title and ``lang`` of one stretch of HTML."""

    __slots__ = ("blocks", "comments", "lang", "title")
    _fields = ("blocks", "comments", "title", "lang")

    def __init__(self) -> None:
        self.blocks: list[tuple[str, list[Piece]]] = []
        self.comments: list[tuple[int, int, str]] = []
        self.title: list[Piece] = []
        self.lang: str | None = None


class _Scanner:
    def __init__(self, source: str, start: int, end: int, base_kind: str) -> None:
        self.source = source
        self.start = start
        self.end = end
        self.base_kind = base_kind
        self.result = HtmlScan()
        self.pieces: list[Piece] = []
        self.kind: str | None = None
        self.heading: str | None = None
        self.containers: list[str] = []
        self.open_count: dict[str, int] = {}
        self.in_head = False
        self.honour_hidden = True  # off after one ``hidden`` element that never closes

    # -- block bookkeeping -------------------------------------------------------------
    def _current_kind(self) -> str:
        if self.heading is not None:
            return "h1" if self.heading == "h1" else "heading"
        for name in reversed(self.containers):
            return "quote" if name == "blockquote" else "item"
        return self.base_kind

    def break_block(self) -> None:
        if self.pieces:
            self.result.blocks.append((self.kind or self.base_kind, self.pieces))
        self.pieces = []
        self.kind = None

    def add_text(self, s: int, e: int) -> None:
        if e <= s:
            return
        if self.in_head:
            return  # text in <head> is not shown (the <title> is read on its own)
        if self.kind is None:
            if _NON_SPACE.search(self.source, s, e) is None:
                return  # whitespace between blocks
            self.kind = self._current_kind()
        text_pieces(self.source, s, e, self.pieces)

    def _push(self, name: str) -> None:
        if name == "li" and self.containers and self.containers[-1] == "li":
            self._pop("li")
        self.containers.append(name)
        self.open_count[name] = self.open_count.get(name, 0) + 1

    def _pop(self, name: str) -> None:
        if not self.open_count.get(name):
            return  # a stray end tag: ignore, as browsers do
        while self.containers:
            top = self.containers.pop()
            self.open_count[top] -= 1
            if top == name:
                return

    # -- the scan ------------------------------------------------------------------------
    def run(self) -> HtmlScan:
        src, end = self.source, self.end
        pos = self.start
        while pos < end:
            i = src.find("<", pos, end)
            if i == -1:
                self.add_text(pos, end)
                break
            self.add_text(pos, i)  # entities are decoded there
            pos = self._tag(i)
        self.break_block()
        return self.result

    def _tag(self, i: int) -> int:
        src, end = self.source, self.end
        if src.startswith("<!--", i):
            return self._comment(i)
        m = _TAG_NAME.match(src, i, end)
        if m:
            rest = _TAG_REST.match(src, m.end(), end)
            if rest is None:
                return end  # a tag still open at the end of the file is dropped
            name = m.group(1).lower()
            if src[i + 1] == "/":
                self._end_tag(name)
                return rest.end()
            return self._start_tag(name, src[m.end() : rest.end() - 1], i, rest.end())
        if i + 1 < end and src[i + 1] in "!?/":
            m = _BOGUS.match(src, i, end)
            return m.end() if m else end
        self.add_text(i, i + 1)  # a lone "<" is text
        return i + 1

    def _comment(self, i: int) -> int:
        src, end = self.source, self.end
        body_start = i + 4
        for abrupt in (">", "->"):  # <!--> and <!---> close at once
            if src.startswith(abrupt, body_start):
                close = body_start + len(abrupt)
                self.result.comments.append((i, close, ""))
                return close
        close = src.find("-->", body_start, end)
        stop = end if close == -1 else close + 3
        body_end = end if close == -1 else close
        self.result.comments.append((i, stop, src[body_start:body_end]))
        return stop

    def _start_tag(self, name: str, attrs: str, start: int, after: int) -> int:
        src, end = self.source, self.end
        if name == "html" and attrs and self.result.lang is None:
            self.result.lang = _attr(attrs, "lang")
        if name in _RAW_TEXT:
            close = _closer(name).search(src, after, end)
            stop = close.start() if close else end
            if name == "title" and not self.result.title:
                text_pieces(src, after, stop, self.result.title)
            if close is None:
                return end
            rest = _TAG_REST.match(src, close.end(), end)
            return rest.end() if rest else end
        hidden = (
            self.honour_hidden
            and bool(attrs)
            and "hidden" in attrs.lower()
            and _has_attr(attrs, "hidden")
        )
        if (name in _SKIPPED or hidden) and name not in _VOID:
            return self._skip_element(name, after, must_close=hidden and name not in _SKIPPED)
        if name == "head":
            self.in_head = True
            return after
        if name == "br" and self.heading is not None:
            self.pieces.append((start, after, "\n"))  # a line break inside a heading
            return after
        if name in _BLOCK:
            self.break_block()
            self.in_head = False
        if name in _HEADINGS:
            self.heading = name
        elif name in _CONTAINERS:
            self._push(name)
        return after

    def _end_tag(self, name: str) -> None:
        if name == "head":
            self.in_head = False
        if name in _BLOCK or name in _HEADINGS:
            self.break_block()
        if name in _HEADINGS:
            self.heading = None
        elif name in _CONTAINERS:
            self._pop(name)
        elif name in ("ul", "ol") and self.containers and self.containers[-1] == "li":
            self._pop("li")

    def _skip_element(self, name: str, after: int, *, must_close: bool = False) -> int:
        """Skip an element and its content, counting nested elements of the same name.

        ``must_close``: an element hidden only by its ``hidden`` attribute that never
        closes is shown after all, rather than hiding the rest of the page.
        """
        src, end = self.source, self.end
        pattern = _nesting(name)
        depth = 1
        pos = after
        seen_comments = len(self.result.comments)
        while depth:
            m = pattern.search(src, pos, end)
            if m is None:
                if must_close:
                    del self.result.comments[seen_comments:]  # they are read again
                    self.honour_hidden = False  # so that this scan happens only once
                    return after
                return end
            if m.group().startswith("<!--"):
                self._comment(m.start())
            elif m.group(1):
                depth -= 1
            elif not m.group().endswith("/>"):
                depth += 1
            pos = m.end()
        return pos


@functools.lru_cache(maxsize=64)
def _closer(name: str) -> regex.Pattern[str]:
    return regex.compile(rf"</{regex.escape(name)}(?=[\t\n\f\r />])", regex.IGNORECASE)


@functools.lru_cache(maxsize=64)
def _nesting(name: str) -> regex.Pattern[str]:
    return regex.compile(
        rf"<(/?){regex.escape(name)}(?=[\t\n\f\r />])[^>]*>|<!--.*?(?:-->|\Z)",
        regex.IGNORECASE | regex.DOTALL,
    )


def _attrs(attrs: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(attrs):
        value = m.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        out.setdefault(m.group(1).lower(), _html.unescape(value))
    return out


def _attr(attrs: str, name: str) -> str | None:
    value = _attrs(attrs).get(name)
    return value.strip() or None if value is not None else None


def _has_attr(attrs: str, name: str) -> bool:
    return name in _attrs(attrs)


def scan_html(
    source: str, start: int = 0, end: int | None = None, *, base_kind: str = "paragraph"
) -> HtmlScan:
    """Visible-text blocks of ``source[start:end]`` (kinds h1, heading, quote, item, or
    ``base_kind``), its comments, its ``<title>`` and ``<html lang>``."""
    return _Scanner(source, start, len(source) if end is None else end, base_kind).run()


class HtmlReader:
    """Reads ``.html``/``.htm`` files into their visible prose."""

    name = "html"
    extensions: tuple[str, ...] = (".html", ".htm")
    plugin = "builtin-readers"

    def read(self, path: str, source: str) -> Article:
        """Extract visible text; the first ``<h1>`` (else ``<title>``) is the headline."""
        scan = scan_html(source)
        blocks: list[tuple[str, list[Piece]]] = []
        has_h1 = False
        for kind, pieces in scan.blocks:
            if kind == "h1":
                kind = "heading" if has_h1 else "headline"
                has_h1 = True
            blocks.append((kind, pieces))
        if not has_h1 and scan.title:
            blocks.insert(0, ("headline", scan.title))
        builder = TextBuilder(source)
        out_blocks = write_blocks(builder, blocks)
        text, smap = builder.build()
        metadata: dict[str, object] = {}
        if scan.lang:
            metadata["lang"] = scan.lang
        return Article(
            path=path,
            source=source,
            text=text,
            smap=smap,
            blocks=out_blocks,
            metadata=metadata,
            format="html",
            comments=scan.comments,
        )
