"""Markdown articles with optional YAML front matter, mapped back to the original file.

A line-based block pass (CommonMark's block rules, simplified) finds headings, paragraphs,
blockquotes, list items, code and HTML; an inline pass strips markup (emphasis, links, images,
code-span backticks, autolinks, inline HTML, escapes, entities). Both only ever *select*
stretches of the source, so every character of the prose maps to the character the author
typed, including soft line breaks, which are kept as they are. Code is not prose; HTML blocks
contribute their visible text; HTML comments are collected for suppressions.
"""

from __future__ import annotations

import itertools
from typing import Any

import regex
from newslint.article import Article, TextBuilder
from newslint.errors import ConfigError, InputError
from newslint.lazy import lazy_regex
from newslint.plain import Plain
from newslint.readers.html import scan_html
from newslint.readers.inline import inline_pieces, normalize_label
from newslint.readers.text import Piece, looks_like_headline, write_blocks

_LINE = lazy_regex(r"[^\r\n]*(?:\r\n|\r|\n)?")
_FM_OPEN = lazy_regex(r"---[ \t]*(?:\r\n|\r|\n)")
# What makes a leading "---" front matter: a "key:" line (or the closing line) right after it.
_FM_FIRST = lazy_regex(
    r"(?:[A-Za-z_][\w.-]*|\"[^\"\r\n]*\"|'[^'\r\n]*')[ \t]*:(?:[ \t]|\r|\n|$)"
    r"|(?:---|\.\.\.)[ \t]*(?:\r|\n|$)"
)
_FM_CLOSE = lazy_regex(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)")
_QUOTE_PREFIX = lazy_regex(r"(?:[ ]{0,3}>[ ]?)+")
_INDENT = lazy_regex(r"[ \t]*")
_FENCE = lazy_regex(r"(`{3,}(?=[^`]*$)|~{3,})")
_ATX = lazy_regex(r"(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = lazy_regex(r"(?:[ \t]+#+)?[ \t]*$")
_SETEXT = lazy_regex(r"(=+|-+)[ \t]*$")
_THEMATIC = lazy_regex(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_ITEM = lazy_regex(r"([-+*]|[0-9]{1,9}[.)])(?:([ \t]+)|$)")
_LINK_DEF = lazy_regex(r"\[((?:[^\]\\\r\n]|\\.){1,999})\]:[ \t]*\S")
_HTML_END_TOKEN = (
    (
        regex.compile(r"<(?:script|pre|style|textarea)(?:[\s>]|$)", regex.IGNORECASE),
        regex.compile(r"</(?:script|pre|style|textarea)>", regex.IGNORECASE),
    ),
    (regex.compile(r"<!--"), regex.compile(r"-->")),
    (regex.compile(r"<\?"), regex.compile(r"\?>")),
    (regex.compile(r"<![A-Za-z]"), regex.compile(r">")),
    (regex.compile(r"<!\[CDATA\["), regex.compile(r"\]\]>")),
)
_HTML_BLOCK_TAG = lazy_regex(
    r"</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    r"details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|"
    r"head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|"
    r"option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)"
    r"(?:[ \t/>]|$)",
    regex.IGNORECASE,
)
_HTML_LONE_TAG = lazy_regex(
    r"(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*"
    r"\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$"
)
_TABLE_DELIM = lazy_regex(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CELL_PIPE = lazy_regex(r"(?<!\\)\|")
_BLANK_LINE = lazy_regex(r"(?<=[\r\n])[ \t]*(?:\r\n|\r|\n|\Z)")
_TITLE_LINE = lazy_regex(r"(?:^|(?<=[\r\n]))title[ \t]*:[ \t]*([^\r\n]*?)[ \t]*(?=[\r\n]|\Z)")


class _Leaf(Plain):
    """An open paragraph or heading: source ranges (content start, content end, line end).

    ``nested``: inside a blockquote or list item, so never the headline.
    """

    __slots__ = ("depth", "kind", "level", "nested", "ranges")
    _fields = ("kind", "depth", "ranges", "level", "nested")

    def __init__(
        self,
        kind: str,
        depth: int,
        ranges: list[tuple[int, int, int]] | None = None,
        level: int = 0,
        nested: bool = False,
    ) -> None:
        self.kind = kind
        self.depth = depth
        self.ranges: list[tuple[int, int, int]] = [] if ranges is None else ranges
        self.level = level
        self.nested = nested


def has_front_matter(source: str) -> bool:
    """True when ``source`` opens with YAML front matter (``---`` then a ``key:`` line)."""
    m = _FM_OPEN.match(source)
    return bool(m and _FM_FIRST.match(source, m.end()))


def _front_matter(path: str, source: str) -> tuple[dict[str, Any], int, tuple[int, int] | None]:
    """Parse front matter; return (metadata, offset where the body starts, YAML span)."""
    m = _FM_OPEN.match(source)
    if not m or not _FM_FIRST.match(source, m.end()):
        return {}, 0, None  # a "---" not followed by "key:" is a thematic break
    close = _FM_CLOSE.search(source, m.end())
    if close is None:
        raise InputError(
            path, "front matter opened with '---' on line 1 is never closed (expected a '---' line)"
        )
    yaml_text = source[m.end() : close.start()]
    simple = _simple_front_matter(yaml_text)
    if simple is not None:
        return simple, close.end(), (m.end(), close.start())
    from newslint.yamlio import parse_yaml

    try:
        data = parse_yaml(yaml_text, path, positions=False)
    except ConfigError as exc:
        line = (exc.line or 1) + 1  # the YAML starts on line 2
        where = f"line {line}" + (f", column {exc.column}" if exc.column else "")
        raise InputError(path, f"front matter: {exc.reason} ({where})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            path,
            f"front matter must be a mapping of keys to values (line 2), got {type(data).__name__}",
        )
    return {str(k): v for k, v in data.items()}, close.end(), (m.end(), close.start())


_SIMPLE_LINE = lazy_regex(
    r"""([A-Za-z_][A-Za-z0-9_-]{0,63}):(?:[ \t]+(?:"([^"\\\r\n]*)"|'([^'\r\n]*)'"""
    r"""|(\p{L}[\p{L}\p{M}\p{N} .,’()/-]*?)))?[ \t]*(?:\r\n|\r|\n|\Z)"""
)
_NOT_PLAIN_STRINGS = frozenset(
    {"true", "false", "True", "False", "TRUE", "FALSE", "null", "Null", "NULL"}
)


def _simple_front_matter(text: str) -> dict[str, Any] | None:
    """Front matter made only of ``key: word-like string`` lines, parsed without a YAML
    library (the common case, and most of the reader's time otherwise); anything else
    returns None so that the real YAML parser decides."""
    out: dict[str, Any] = {}
    pos, n = 0, len(text)
    while pos < n:
        m = _SIMPLE_LINE.match(text, pos)
        if m is None or m.end() == pos:
            return None
        key, dq, sq, plain = m.groups()
        if key in out:
            return None  # let the parser report the duplicate
        if plain is not None:
            plain = plain.rstrip()
            if plain in _NOT_PLAIN_STRINGS or plain.endswith((",", "-")):
                return None
            value: Any = plain
        elif dq is not None:
            value = dq
        elif sq is not None:
            value = sq
        else:
            return None  # "key:" alone is null, or a nested block follows
        out[key] = value
        pos = m.end()
    return out


def _title_piece(source: str, span: tuple[int, int], title: str) -> Piece:
    """Where the front-matter title sits in the source: copied when it is written as is."""
    m = _TITLE_LINE.search(source, span[0], span[1])
    if m is None:
        return (span[0], span[0], title)
    raw_s, raw_e = m.span(1)
    raw = m.group(1)
    if raw == title:
        return (raw_s, raw_e, None)
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"" and raw[1:-1] == title:
        return (raw_s + 1, raw_e - 1, None)
    return (raw_s, raw_e, title)


class _BlockParser:
    def __init__(self, source: str, start: int) -> None:
        self.source = source
        self.start = start
        self.leaves: list[_Leaf | tuple[str, list[Piece]]] = []
        self.comments: list[tuple[int, int, str]] = []
        self.refs: set[str] = set()
        self.leaf: _Leaf | None = None
        self.items: list[int] = []  # content columns of open list items
        self.table: int | None = None  # quote depth of an open GFM table
        self.fence: tuple[str, int] | None = None  # (char, length) of an open code fence
        self._html_end = 0

    def close(self) -> None:
        if self.leaf is not None and self.leaf.ranges:
            self.leaves.append(self.leaf)
        self.leaf = None

    def run(self) -> None:
        src = self.source
        n = len(src)
        pos = self.start
        while pos < n:
            m = _LINE.match(src, pos)
            line_start, line_end = pos, m.end()  # type: ignore[union-attr]
            content_end = line_end
            while content_end > line_start and src[content_end - 1] in "\r\n":
                content_end -= 1
            pos = line_end
            if line_end == line_start:
                break
            # Most lines start with a letter: skip the regexes that cannot match then.
            q = (
                _QUOTE_PREFIX.match(src, line_start, content_end)
                if src[line_start] in " >"
                else None
            )
            depth = src.count(">", q.start(), q.end()) if q else 0
            cs = q.end() if q else line_start
            ind, indent = cs, 0
            if cs < content_end and src[cs] in " \t":
                ind = _INDENT.match(src, cs, content_end).end()  # type: ignore[union-attr]
                indent = _columns(src, cs, ind)
            line = src[ind:content_end]
            fence = self.fence
            if fence is not None:
                closing = line.rstrip(" \t")
                if (
                    indent < 4 + (self.items[-1] if self.items else 0)
                    and len(closing) >= fence[1]
                    and closing == fence[0] * len(closing)
                ):
                    self.fence = None
                continue
            if not line.strip():
                self.close()
                continue
            if self.table is not None:
                if depth == self.table and "|" in line and not self._starts_block(line):
                    self._table_row(ind, content_end, depth)
                    continue
                self.table = None
            leaf = self.leaf
            if leaf is not None and line[0].isalpha() and depth <= leaf.depth:
                leaf.ranges.append((ind, content_end, line_end))  # plain continuation
                continue
            if (
                leaf is not None
                and leaf.kind in ("paragraph", "quote", "item")
                and len(leaf.ranges) == 1
                and depth == leaf.depth
                and "|" in line
                and _TABLE_DELIM.match(line)
                and "|" in src[leaf.ranges[0][0] : leaf.ranges[0][1]]
            ):
                header = leaf.ranges[0]
                self.leaf = None
                self._table_row(header[0], header[1], depth)
                self.table = depth
                continue
            # Lazy or plain continuation of an open paragraph.
            if (
                leaf is not None
                and leaf.kind != "heading"
                and not self._interrupts(line, indent, depth, leaf)
            ):
                if (
                    _SETEXT.match(line)
                    and depth == leaf.depth
                    and leaf.kind == "paragraph"
                    and indent < 4
                ):
                    leaf.kind, leaf.level = "heading", 1 if line[0] == "=" else 2
                    leaf.nested = bool(depth or self.items)
                    self.close()
                    continue
                leaf.ranges.append((ind, content_end, line_end))
                continue
            self.close()
            while self.items and indent < self.items[-1]:
                self.items.pop()
            base = self.items[-1] if self.items else 0
            if indent - base >= 4:
                continue  # indented code
            if not line[0].isalpha() and self._block_start(
                line, ind, line_start, content_end, line_end, depth, indent
            ):
                if self._html_end > pos:
                    pos = self._html_end  # an HTML block spans lines
                continue
            kind = "quote" if depth else ("item" if self.items else "paragraph")
            self.leaf = _Leaf(kind, depth, [(ind, content_end, line_end)])
        self.close()

    def _block_start(
        self,
        line: str,
        ind: int,
        line_start: int,
        content_end: int,
        line_end: int,
        depth: int,
        indent: int,
    ) -> bool:
        """Handle a line that opens a non-paragraph block; False when it is plain text."""
        src = self.source
        fm = _FENCE.match(line)
        if fm:
            self.fence = (fm.group(1)[0], len(fm.group(1)))
            return True
        if self._html_block(line, ind, line_start, depth):
            return True
        atx = _ATX.match(line)
        if atx:
            s = ind + atx.end()
            e = ind + _ATX_CLOSE.search(line, atx.end()).start()  # type: ignore[union-attr]
            nested = bool(depth or self.items)
            span = [(s, max(s, e), line_end)]
            self.leaves.append(_Leaf("heading", depth, span, len(atx.group(1)), nested))
            return True
        if _THEMATIC.match(line):
            return True
        link_def = _LINK_DEF.match(line)
        if link_def:
            self.refs.add(normalize_label(link_def.group(1)))
            return True
        item = _LIST_ITEM.match(line)
        if item:
            spaces = item.group(2) or ""
            width = len(spaces) if 0 < len(spaces) <= 4 else 1
            self.items.append(indent + len(item.group(1)) + width)
            rest = ind + item.end(1) + min(len(spaces), width)
            if rest < content_end and src[rest:content_end].strip():
                rest = _INDENT.match(src, rest, content_end).end()  # type: ignore[union-attr]
                self.leaf = _Leaf("item", depth, [(rest, content_end, line_end)])
            return True
        return False

    def _interrupts(self, line: str, indent: int, depth: int, leaf: _Leaf) -> bool:
        """Does this line start a new block instead of continuing the open paragraph?"""
        if depth > leaf.depth:
            return True
        if indent - (self.items[-1] if self.items else 0) >= 4:
            return False
        if (
            _ATX.match(line)
            or _FENCE.match(line)
            or (_THEMATIC.match(line) and not _SETEXT.match(line))
        ):
            return True
        if line.startswith("<") and any(op.match(line) for op, _ in _HTML_END_TOKEN):
            return True
        if line.startswith("<") and _HTML_BLOCK_TAG.match(line):
            return True
        item = _LIST_ITEM.match(line)
        # an ordered list interrupts a plain paragraph only when it starts at 1
        if (
            item
            and item.group(2)
            and (self.items or not item.group(1)[0].isdigit() or item.group(1)[:-1] == "1")
        ):
            return True
        if self.items and indent >= self.items[-1]:
            return False
        return depth < leaf.depth and bool(item)

    def _starts_block(self, line: str) -> bool:
        return bool(
            _ATX.match(line)
            or _FENCE.match(line)
            or _THEMATIC.match(line)
            or (line.startswith("<") and _HTML_BLOCK_TAG.match(line))
        )

    def _table_row(self, start: int, end: int, depth: int) -> None:
        """Each cell of a GFM table row is a block of its own (as HTML's ``td`` is)."""
        src = self.source
        bounds = [start - 1, *(m.start() for m in _CELL_PIPE.finditer(src, start, end)), end]
        kind = "quote" if depth else "paragraph"
        for a, b in itertools.pairwise(bounds):
            cs = _INDENT.match(src, a + 1, b).end()  # type: ignore[union-attr]
            ce = b
            while ce > cs and src[ce - 1] in " \t":
                ce -= 1
            if ce > cs:
                self.leaves.append(_Leaf(kind, depth, [(cs, ce, ce)]))

    def _html_block(self, line: str, ind: int, line_start: int, depth: int) -> bool:
        if not line.startswith("<"):
            return False
        src = self.source
        stop: int | None = None
        for opener, closer in _HTML_END_TOKEN:
            if opener.match(line):
                c = closer.search(src, ind)
                if c is None:
                    stop = len(src)
                else:
                    le = _LINE.match(src, c.end())
                    stop = le.end() if le else len(src)  # the rest of that line belongs to it
                break
        else:
            if not (_HTML_BLOCK_TAG.match(line) or _HTML_LONE_TAG.match(line)):
                return False
            blank = _BLANK_LINE.search(src, ind)
            stop = blank.start() if blank else len(src)
        scan = scan_html(src, ind, stop, base_kind="quote" if depth else "paragraph")
        self.comments.extend(scan.comments)
        self.leaves.extend(scan.blocks)
        self._html_end = stop
        return True


def _columns(src: str, start: int, end: int) -> int:
    """Indentation width with tabs to the next multiple of 4 (as CommonMark counts)."""
    col = 0
    for ch in src[start:end]:
        col = col + 4 - col % 4 if ch == "\t" else col + 1
    return col


class MarkdownReader:
    """Reads ``.md``/``.markdown`` files with optional YAML front matter."""

    name = "markdown"
    extensions: tuple[str, ...] = (".md", ".markdown")
    plugin = "builtin-readers"

    def read(self, path: str, source: str) -> Article:
        """Front matter becomes metadata; prose blocks map back to the source."""
        metadata, body_start, fm_span = _front_matter(path, source)
        parser = _BlockParser(source, body_start)
        parser.run()
        comments = parser.comments
        blocks: list[tuple[str, list[Piece]]] = []
        headline_done = False
        for leaf in parser.leaves:
            if isinstance(leaf, tuple):  # from an HTML block
                kind, pieces = leaf
                level = 1 if kind == "h1" else (2 if kind == "heading" else 0)
            else:
                last = len(leaf.ranges) - 1
                ranges = [(s, e if i == last else le) for i, (s, e, le) in enumerate(leaf.ranges)]
                pieces = inline_pieces(source, ranges, parser.refs, comments)
                kind, level = leaf.kind, leaf.level
                if leaf.nested:
                    level = 0  # a heading inside a quote or list is never the headline
            if level:
                kind = "headline" if level == 1 and not headline_done else "heading"
                headline_done = True  # only the first heading can be the headline
            blocks.append((kind, pieces))
        title = metadata.get("title")
        if (
            not any(k == "headline" for k, _ in blocks)
            and fm_span
            and isinstance(title, str | int | float)
        ):
            blocks.insert(0, ("headline", [_title_piece(source, fm_span, str(title))]))
        elif not headline_done and len(blocks) > 1 and blocks[0][0] == "paragraph":
            # No heading and no title: a first short line that does not end like a sentence
            # is the headline, as in plain text.
            first = "".join(source[s:e] if t is None else t for s, e, t in blocks[0][1])
            if looks_like_headline(first):
                blocks[0] = ("headline", blocks[0][1])
        comments.sort()
        builder = TextBuilder(source)
        out_blocks = write_blocks(builder, blocks)
        text, smap = builder.build()
        return Article(
            path=path,
            source=source,
            text=text,
            smap=smap,
            blocks=out_blocks,
            metadata=metadata,
            format="markdown",
            comments=comments,
        )
