"""Plain-text articles, plus the block writer the Markdown and HTML readers share.

Blank lines separate paragraphs where the file has them. Inside a blank-line-separated chunk,
lines that mostly end like sentences are one paragraph each (syndicated feeds deliver articles
as one paragraph per line, often with a blank-line-separated tail of related links); lines that
mostly stop mid-sentence are a hard-wrapped paragraph and stay together. The first paragraph is
the headline when it is a single short line that does not end like a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

from newslint.article import Article, Block, SourceMap, TextBuilder
from newslint.lazy import lazy_regex

# The atomic group stops "\r\n" from being read as "\r" + "\n" (two line ends = a blank line).
_BLANK_SPLIT = lazy_regex(r"(?>\r\n|\r|\n)[ \t\f\v]*(?>\r\n|\r|\n)\s*")
_LINE = lazy_regex(r"[^\r\n]+")
_LEADING_WS = lazy_regex(r"\s*")
_NON_SPACE = lazy_regex(r"\S")
_SENTENCE_END = ".!?。！？:：;；…"
_LINE_END_CLOSERS = "»”\"’'」』)）]›"
HEADLINE_MAX = 200

#: A stretch of output: ``(src_start, src_end, None)`` copies the source verbatim;
#: ``(src_start, src_end, text)`` puts ``text`` in place of that source (a decoded entity).
Piece = tuple[int, int, str | None]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    start = _LEADING_WS.match(text, start, end).end()  # type: ignore[union-attr]
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _ends_sentence(text: str, start: int, end: int) -> bool:
    s, e = _trimmed(text, start, end)
    while e > s and (text[e - 1] in _LINE_END_CLOSERS or text[e - 1] in " \t\u00a0\u202f"):
        e -= 1
    return e > s and text[e - 1] in _SENTENCE_END


def _chunk_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One chunk between blank lines: a paragraph per line, or one hard-wrapped paragraph."""
    lines = [m.span() for m in _LINE.finditer(text, start, end)]
    if len(lines) < 2:
        return [_trimmed(text, start, end)]
    inner = lines[:-1]
    ended = sum(1 for s, e in inner if _ends_sentence(text, s, e))
    if 2 * ended >= len(inner):
        return [_trimmed(text, s, e) for s, e in lines]
    return [_trimmed(text, start, end)]


def split_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Paragraph spans of plain text (see the module docstring for the rules)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _BLANK_SPLIT.finditer(text, start, end):
        spans.extend(_chunk_paragraphs(text, pos, m.start()))
        pos = m.end()
    spans.extend(_chunk_paragraphs(text, pos, end))
    return [(s, e) for s, e in spans if e > s]


def looks_like_headline(line: str) -> bool:
    """A single short line that does not end like a sentence."""
    line = line.strip()
    if not line or "\n" in line or "\r" in line or len(line) > HEADLINE_MAX:
        return False
    return line[-1] not in _SENTENCE_END


def blocks_from_spans(text: str, spans: list[tuple[int, int]], *, headline: bool) -> list[Block]:
    blocks: list[Block] = []
    for i, (s, e) in enumerate(spans):
        kind = "paragraph"
        if i == 0 and headline and len(spans) > 1 and looks_like_headline(text[s:e]):
            kind = "headline"
        blocks.append(Block(kind, s, e))
    return blocks


def _is_blank(source: str, piece: Piece) -> bool:
    s, e, text = piece
    if text is None:
        return _NON_SPACE.search(source, s, e) is None
    return not text.strip()


def trim_pieces(source: str, pieces: list[Piece]) -> list[Piece]:
    """Drop leading and trailing whitespace of a block, keeping every offset exact."""
    if len(pieces) == 1 and pieces[0][2] is None:  # most blocks: one stretch of source
        s, e, _ = pieces[0]
        first = _NON_SPACE.search(source, s, e)
        if first is None:
            return []
        s = _LEADING_WS.match(source, s, e).end()  # type: ignore[union-attr]
        while e > s and source[e - 1].isspace():
            e -= 1
        return [(s, e, None)]
    lo, hi = 0, len(pieces)
    while lo < hi and _is_blank(source, pieces[lo]):
        lo += 1
    while hi > lo and _is_blank(source, pieces[hi - 1]):
        hi -= 1
    if lo >= hi:
        return []
    out = pieces[lo:hi]
    s, e, text = out[0]
    if text is None:
        out[0] = (_LEADING_WS.match(source, s, e).end(), e, None)  # type: ignore[union-attr]
    s, e, text = out[-1]
    if text is None:
        while e > s and source[e - 1].isspace():
            e -= 1
        out[-1] = (s, e, None)
    return out


def write_blocks(builder: TextBuilder, blocks: Iterable[tuple[str, list[Piece]]]) -> list[Block]:
    """Write blocks into ``builder`` separated by a blank line; return their text spans.

    Whitespace-only blocks vanish; a block's own whitespace (soft line breaks) is copied
    as it is, so every character of the prose maps to the character the author typed.
    """
    out: list[Block] = []
    source = builder.source
    for kind, raw in blocks:
        pieces = trim_pieces(source, raw)
        if not pieces:
            continue
        if len(builder):
            builder.synthetic("\n\n")
        start = len(builder)
        for s, e, text in pieces:
            if text is None:
                builder.copy(s, e)
            else:
                builder.emit(text, s, e)
        out.append(Block(kind, start, len(builder)))
    return out


class TextReader:
    """Reads ``.txt`` files: the text is the file itself, so positions map one to one."""

    name = "text"
    extensions: tuple[str, ...] = (".txt", ".text")
    plugin = "builtin-readers"

    def read(self, path: str, source: str) -> Article:
        """Split ``source`` into paragraphs; the text is the source, unchanged."""
        spans = split_paragraphs(source)
        return Article(
            path=path,
            source=source,
            text=source,
            smap=SourceMap.identity(len(source)),
            blocks=blocks_from_spans(source, spans, headline=True),
            format="text",
        )
