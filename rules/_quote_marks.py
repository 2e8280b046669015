"""A direct quotation's marks and size, and the verdict record shared by the quote analysis.

Split from :mod:`._quotes` along its first seam: pairing the marks (``pair_marks``, one scan
per block; a quote left open at a paragraph's end runs on when the next paragraph reopens
it) and the :class:`Quote` record every caller reads, apart from deciding who speaks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.lazy import lazy_regex
from newslint.segment import QuoteSpan, scan_quotes

if TYPE_CHECKING:
    from newslint.article import Article

#: How far (characters) around a quote attribution is searched, inside its sentence.
CONTEXT_WINDOW = 400
MASK = "\ufffc"
WORD = lazy_regex(r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*|\p{N}+")
_HAN = lazy_regex(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")  # what is_han() accepts
_LATIN_RUN = lazy_regex(r"[A-Za-z\p{N}]+")


class Quote(NamedTuple):
    """One direct quotation and its attribution verdict (see the module docstring).

    A ``NamedTuple``, not a dataclass: defining a dataclass costs import time on every
    ``newslint`` call."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    open_mark: str
    close_mark: str | None
    first_block: int
    last_block: int
    words: int
    han: bool
    in_headline: bool
    mention: bool
    attributed: bool
    speaker: str | None
    speaker_kind: str | None
    cue: str | None
    how: str | None
    reason: str
    #: Unattributed, but the text is ambiguous: a cue whose subject could only be an
    #: organisation, or reported speech of a pronoun's in the paragraph before.
    unsure: bool = False
    #: Attributed to someone left unnamed ("a neighbour said", "有分析师指出").
    anonymous: bool = False
    #: ... and that someone is a group or an indefinite "some" ("many parents said",
    #: "网友纷纷留言"): words nobody in particular can have said.
    crowd: bool = False
    #: Spans of this quote's paragraphs (it runs over several) that have no attribution of
    #: their own and follow the same speaker's words: carry-overs (see ``_quote_pieces``).
    pieces: tuple[tuple[int, int], ...] = ()

    @property
    def closed(self) -> bool:
        return self.close_mark is not None

    def is_short(self, min_words: int = 4, min_chars: int = 8) -> bool:
        """Too short to need attribution: a quoted term or scare quote."""
        return self.words < (min_chars if self.han else min_words)

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end

    def evidence(self, text: str) -> dict[str, Any]:
        """JSON-ready evidence of the verdict."""
        ev: dict[str, Any] = {
            "quote": _excerpt(text[self.inner_start : self.inner_end]),
            "size": self.words,
            "unit": "characters" if self.han else "words",
            "attributed": self.attributed,
            "closed": self.closed,
        }
        if self.speaker:
            ev["speaker"] = self.speaker
            ev["speaker_kind"] = self.speaker_kind
        if self.cue:
            ev["cue"] = self.cue
        if self.how:
            ev["how"] = self.how
        if self.reason:
            ev["reason"] = self.reason
        if self.unsure:
            ev["ambiguous"] = True
        if self.anonymous:
            ev["anonymous"] = "crowd" if self.crowd else True
        if self.mention:
            ev["mention"] = True
        if self.first_block != self.last_block:
            ev["paragraphs"] = self.last_block - self.first_block + 1
        return ev


def _excerpt(s: str, limit: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


class Raw:
    """A quote's marks while paired (mutable: a quote running over paragraphs grows)."""

    __slots__ = ("close", "end", "first_block", "last_block", "open", "start")

    def __init__(
        self, start: int, end: int, open: str, close: str | None, first_block: int, last_block: int
    ) -> None:
        self.start = start
        self.end = end
        self.open = open
        self.close = close
        self.first_block = first_block
        self.last_block = last_block


def pair_marks(article: Article) -> list[Raw]:
    """Every quote's marks, paired block by block, in order; a quote left open at a
    paragraph's end runs on when the next paragraph reopens it with the same mark."""
    text = article.text
    raws: list[Raw] = []
    pending: Raw | None = None
    for bi, block in enumerate(article.blocks):
        carried: str | None = None
        scan_from = block.start
        if pending is not None:
            first = text[block.start] if block.end > block.start else ""
            if first == pending.open or (pending.open == "«" and first == "»"):
                if first != pending.open:
                    carried, scan_from = pending.open, block.start + 1
            else:
                raws.append(pending)  # never closed
                pending = None
        spans: list[QuoteSpan] = scan_quotes(text, scan_from, block.end, carried=carried)
        for k, sp in enumerate(spans):
            if k == 0 and pending is not None and sp.start <= block.start + 1:
                pending.end, pending.close, pending.last_block = sp.end, sp.close, bi
                if sp.close is not None:
                    raws.append(pending)
                    pending = None
                continue
            raw = Raw(sp.start, sp.end, sp.open, sp.close, bi, bi)
            if sp.close is None:
                if pending is not None:
                    raws.append(pending)
                pending = raw
            else:
                raws.append(raw)
        if pending is not None and pending.last_block != bi:
            raws.append(pending)
            pending = None
    if pending is not None:
        raws.append(pending)
    raws.sort(key=lambda r: r.start)
    return raws


def inner_span(text: str, r: Raw) -> tuple[int, int]:
    s = r.start + 1
    e = r.end - 1 if r.close is not None else r.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def quote_size(text: str, start: int, end: int) -> tuple[int, bool]:
    """Words in a quote; for Chinese, Han characters (plus any Latin words)."""
    chunk = text[start:end]
    han = 0 if chunk.isascii() else len(_HAN.findall(chunk))
    words = len(WORD.findall(chunk))
    if han and han * 2 >= words:
        latin = len(_LATIN_RUN.findall(chunk))
        return han + latin, True
    return words, False
