"""Article-wide number tokens for figure detection, found once instead of once per block.

Figures never cross a block, and blocks are nearly always separated by line breaks and
spaces. Whitespace can be no part of a word or a Chinese numeral, nor of a number unless a
digit follows a grouping space, and no pattern used here looks past it, so when every block
boundary is such whitespace (or the text's edge), one scan of the whole text finds, inside
each block, exactly the tokens a scan of that block finds. Any other layout falls back to
block-by-block scans.

Spelled-out numbers ("drei Prozent") are words the pack's number-word pattern matches
whole. Words never contain whitespace, and which words a whitespace-separated chunk holds
depends on the chunk alone (the character before it is whitespace: neither a letter nor a
digit for the word pattern's look-behind). So the verdict is kept per distinct chunk and
only chunks holding a number word are located in the text: the common case costs one
``str.split`` instead of a regex call and a dictionary lookup per word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newslint.lazy import lazy_regex

__all__ = ["chunk_set", "clean_ranges", "spelled_tokens"]

#: Spaces that may group a number's digits ("3 000"): between blocks they are clean only
#: when no digit stands on their far side.
_NUMBER_SPACES = frozenset(" \u00a0\u202f\u2009")
#: Distinct chunks remembered per finder before the memory is dropped.
MAX_CHUNKS = 50_000
#: Longer chunks are tokenised afresh each time (a huge one must not be kept).
MAX_CHUNK_LEN = 200
_DIGIT = lazy_regex(r"\d")


def _clean(text: str, i: int, far: int) -> bool:
    """Whether ``text[i]``, just outside a block, stops every token pattern: whitespace
    (never part of a word, a numeral or a number, and what their look-aheads accept like
    the end of the text), unless it is a space that groups digits and a digit stands at
    ``far`` on its other side."""
    ch = text[i]
    if not ch.isspace():
        return False
    if ch in _NUMBER_SPACES:
        return not (0 <= far < len(text) and _DIGIT.match(text, far) is not None)
    return True


def clean_ranges(text: str, ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether ``ranges`` are in order, disjoint and each bounded by whitespace that stops
    every token (see :func:`_clean`) or by the text's edges, so that whole-text token scans
    equal per-range scans inside them."""
    n = len(text)
    last = 0
    for start, end in ranges:
        if start < last or end < start:
            return False
        if start > 0 and not _clean(text, start - 1, start - 2):
            return False
        if end < n and not _clean(text, end, end + 1):
            return False
        last = end
    return True


def chunk_set(text: str) -> frozenset[str]:
    """The distinct whitespace-separated chunks of ``text``, remembered for the last text
    (the figure finder and the section scanners both need them)."""
    hit = _CHUNKS[0]
    if hit[0] is text:
        return hit[1]
    chunks = frozenset(text.split())
    _CHUNKS[0] = (text, chunks)
    return chunks


_CHUNKS: list[tuple[str, frozenset[str]]] = [("", frozenset())]


def spelled_tokens(
    text: str,
    chunk_hits: dict[str, tuple[tuple[int, int], ...]],
    hit_chunks: set[str],
    tokenise: Callable[[str, float], tuple[tuple[int, int], ...]],
    timeout: float,
) -> list[tuple[int, int]]:
    """Spans of every number word in ``text``, in order.

    ``tokenise(chunk, timeout)`` gives the number-word spans inside one chunk (relative
    offsets); ``chunk_hits`` memoises it for short chunks and ``hit_chunks`` holds the
    memoised chunks with at least one.
    """
    chunks = chunk_set(text)
    new = chunks.difference(chunk_hits)
    found: list[tuple[str, tuple[tuple[int, int], ...]]] = []
    if new:
        if len(chunk_hits) + len(new) > MAX_CHUNKS:
            chunk_hits.clear()
            hit_chunks.clear()
            new = chunks
        for chunk in new:
            spans = tokenise(chunk, timeout)
            if len(chunk) > MAX_CHUNK_LEN:
                if spans:
                    found.append((chunk, spans))  # too long to remember
                continue
            chunk_hits[chunk] = spans
            if spans:
                hit_chunks.add(chunk)
    found.extend((c, chunk_hits[c]) for c in chunks.intersection(hit_chunks))
    if not found:
        return []
    out: list[tuple[int, int]] = []
    n = len(text)
    for chunk, spans in found:
        size = len(chunk)
        p = text.find(chunk)
        while p >= 0:
            q = p + size
            if (p == 0 or text[p - 1].isspace()) and (q == n or text[q].isspace()):
                out.extend((p + s, p + e) for s, e in spans)
            p = text.find(chunk, p + 1)
    out.sort()
    return out
