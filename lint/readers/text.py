"""Plain-text articles.

Blank lines separate paragraphs where the file has them; a file without any blank line
between text lines (as many syndicated feeds deliver) is one paragraph per line. The first
paragraph is the headline when it is a single short line that does not end like a sentence.
"""

from __future__ import annotations

import regex

from newslint.article import Article, Block, SourceMap

_BLANK_SPLIT = regex.compile(r"(?:\r\n|\r|\n)[ \t\f\v]*(?:\r\n|\r|\n)\s*")
_LINE = regex.compile(r"[^\r\n]+")
_SENTENCE_END = ".!?。！？:：;；…"
HEADLINE_MAX = 200


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Paragraph spans of plain text: blank-line separated, else one per line."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    spans: list[tuple[int, int]] = []
    if _BLANK_SPLIT.search(chunk):
        pos = start
        for m in _BLANK_SPLIT.finditer(text, start, end):
            spans.append(_trimmed(text, pos, m.start()))
            pos = m.end()
        spans.append(_trimmed(text, pos, end))
    else:
        spans = [_trimmed(text, m.start(), m.end()) for m in _LINE.finditer(text, start, end)]
    return [(s, e) for s, e in spans if e > s]


def looks_like_headline(line: str) -> bool:
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


class TextReader:
    """Reads ``.txt`` files: the text is the file itself, so positions map one to one."""

    name = "text"
    extensions: tuple[str, ...] = (".txt", ".text")
    plugin = "builtin-readers"

    def read(self, path: str, source: str) -> Article:
        spans = split_paragraphs(source)
        return Article(
            path=path,
            source=source,
            text=source,
            smap=SourceMap.identity(len(source)),
            blocks=blocks_from_spans(source, spans, headline=True),
            format="text",
        )
