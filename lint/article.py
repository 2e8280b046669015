"""The article model: extracted prose, blocks, sentences, metadata and a map back to the file.

Readers turn a file into ``Article.text`` (the prose a rule sees) and a :class:`SourceMap`
from every text offset to an offset in the ORIGINAL decoded file, so findings in Markdown or
HTML point at the right line and column of what the author edited.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from functools import cached_property
from typing import Any, NamedTuple

from newslint.lazy import lazy_regex

_LINE_END = lazy_regex(r"\r\n|\r|\n")


class LineIndex:
    """Offsets ↔ 1-based (line, column); only ``\\n``, ``\\r\\n`` and ``\\r`` end a line.

    Columns count Unicode code points, which is what a Python ``str`` index counts.
    """

    __slots__ = ("_length", "_starts")

    def __init__(self, source: str) -> None:
        starts = [0]
        starts.extend(m.end() for m in _LINE_END.finditer(source))
        self._starts = starts
        self._length = len(source)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset (clamped into the file)."""
        offset = max(0, min(offset, self._length))
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position`."""
        return self._starts[line - 1] + column - 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Start and end offsets (end excludes the line break) of a 1-based line."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else self._length
        return start, end

    @property
    def line_count(self) -> int:
        return len(self._starts)


class _Segment(NamedTuple):
    text_start: int
    text_len: int
    src_start: int
    src_len: int


class SourceMap:
    """Maps offsets in ``Article.text`` to offsets in the original source.

    A segment either copies source verbatim (same length: exact mapping) or stands for a
    replaced stretch such as an HTML entity (any offset inside maps to the stretch's start,
    an end offset to its end). Synthetic text between segments (paragraph separators a
    reader inserts) maps to the end of the previous segment.
    """

    __slots__ = ("_segments", "_text_starts")

    def __init__(self, segments: list[_Segment]) -> None:
        self._segments = segments
        self._text_starts = [s.text_start for s in segments]

    @classmethod
    def identity(cls, length: int) -> SourceMap:
        return cls([_Segment(0, length, 0, length)])

    def to_source(self, offset: int, *, is_end: bool = False) -> int:
        """Source offset for a text offset; ``is_end`` maps an exclusive end offset."""
        if not self._segments:
            return 0
        probe = offset - 1 if is_end and offset > 0 else offset
        i = bisect.bisect_right(self._text_starts, probe) - 1
        if i < 0:
            return self._segments[0].src_start
        seg = self._segments[i]
        rel = probe - seg.text_start
        if rel >= seg.text_len:  # synthetic text after this segment
            return seg.src_start + seg.src_len
        if seg.text_len == seg.src_len:
            return seg.src_start + rel + (1 if is_end and offset > 0 else 0)
        return seg.src_start + (seg.src_len if is_end else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source (start, end) for a text span, end exclusive."""
        s = self.to_source(start)
        e = self.to_source(end, is_end=True) if end > start else s
        return s, max(s, e)


class TextBuilder:
    """Builds ``Article.text`` and its :class:`SourceMap` together, so they cannot drift."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._segments: list[_Segment] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def copy(self, src_start: int, src_end: int) -> None:
        """Append ``source[src_start:src_end]`` verbatim."""
        if src_end <= src_start:
            return
        self._append(self.source[src_start:src_end], src_start, src_end - src_start)

    def emit(self, text: str, src_start: int, src_end: int) -> None:
        """Append ``text`` standing for ``source[src_start:src_end]`` (e.g. a decoded entity)."""
        if text:
            self._append(text, src_start, src_end - src_start)

    def synthetic(self, text: str) -> None:
        """Append text with no source of its own (separators between blocks)."""
        self._parts.append(text)
        self._length += len(text)

    def _append(self, text: str, src_start: int, src_len: int) -> None:
        last = self._segments[-1] if self._segments else None
        if (
            last is not None
            and last.text_len == last.src_len
            and len(text) == src_len
            and last.text_start + last.text_len == self._length
            and last.src_start + last.src_len == src_start
        ):
            self._segments[-1] = _Segment(
                last.text_start, last.text_len + len(text), last.src_start, last.src_len + src_len
            )
        else:
            self._segments.append(_Segment(self._length, len(text), src_start, src_len))
        self._parts.append(text)
        self._length += len(text)

    def build(self) -> tuple[str, SourceMap]:
        return "".join(self._parts), SourceMap(self._segments)


class Block(NamedTuple):
    """A paragraph-level unit of ``Article.text``: ``kind`` is headline, paragraph, heading,
    quote or item; ``start``/``end`` are text offsets."""

    kind: str
    start: int
    end: int


class Sentence(NamedTuple):
    """A sentence span inside one block (``block`` indexes ``Article.blocks``)."""

    start: int
    end: int
    block: int


class Article:
    """One article as rules see it. ``text`` is prose only; ``source`` is the decoded file.

    Identity, not value, is equality: two reads of one file are two articles (per-article
    caches key on the object).
    """

    def __init__(
        self,
        path: str,
        source: str,
        text: str,
        smap: SourceMap,
        blocks: list[Block],
        metadata: Mapping[str, Any] | None = None,
        lang: str = "und",
        format: str = "text",
        comments: list[tuple[int, int, str]] | None = None,
        abbreviations: frozenset[str] = frozenset(),
    ) -> None:
        self.path = path
        self.source = source
        self.text = text
        self.smap = smap
        self.blocks = blocks
        self.metadata: Mapping[str, Any] = {} if metadata is None else metadata
        self.lang = lang
        self.format = format
        self.comments: list[tuple[int, int, str]] = [] if comments is None else comments
        self.abbreviations = abbreviations

    def __repr__(self) -> str:
        return (
            f"Article(path={self.path!r}, format={self.format!r}, lang={self.lang!r}, "
            f"blocks={len(self.blocks)}, text={len(self.text)} chars)"
        )

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.source)

    @property
    def headline(self) -> Block | None:
        return next((b for b in self.blocks if b.kind == "headline"), None)

    @property
    def body_blocks(self) -> list[Block]:
        """Blocks other than the headline."""
        return [b for b in self.blocks if b.kind != "headline"]

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @cached_property
    def sentences(self) -> list[Sentence]:
        from newslint.segment import split_sentences

        return split_sentences(self)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        """Start offsets of :attr:`sentences`, built once so lookups are a bisection."""
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing a text offset (O(log n))."""
        sents = self.sentences
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if 0 <= i < len(sents) and sents[i].start <= offset < max(sents[i].end, sents[i].start + 1):
            return sents[i]
        return None

    @cached_property
    def _block_bounds(self) -> tuple[list[int], list[int]] | None:
        """Block starts and ends when blocks are in order and never overlap (what readers
        build), so :meth:`block_index_at` can bisect; None means scan linearly."""
        starts = [b.start for b in self.blocks]
        ends = [b.end for b in self.blocks]
        for i, b in enumerate(self.blocks):
            if b.end < b.start or (i + 1 < len(starts) and b.end > starts[i + 1]):
                return None
        return starts, ends

    def block_index_at(self, offset: int) -> int | None:
        """Index of the first block holding ``offset`` (its end counts for a non-empty
        block), in O(log n) for ordered blocks."""
        bounds = self._block_bounds
        if bounds is None:
            for i, b in enumerate(self.blocks):
                if b.start <= offset < b.end or (offset == b.end and b.end > b.start):
                    return i
            return None
        starts, ends = bounds
        # Blocks before j end before ``offset``; a non-empty block ending at it comes first.
        j = bisect.bisect_left(ends, offset)
        while j < len(ends) and ends[j] == offset:
            if ends[j] > starts[j]:
                return j
            j += 1
        if j < len(ends) and starts[j] <= offset:
            return j
        return None

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.smap.span(start, end)
