"""Language-aware sentence splitting that never splits inside a quotation.

Rules reason sentence by sentence ("does a speech verb tie this quote to a speaker?", "does a
source govern this figure?"), so a sentence must keep a quote and its "he said" together.

* Latin script: a sentence ends at ``. ! ? …`` (plus any closing marks) followed by space and
  a capital, digit or opening mark, unless the word before the full stop is a known
  abbreviation of the language pack or an initial ("J.", "U.S.").
* Chinese: a sentence ends at ``。！？`` (a closing quote right after belongs to it).
* Quotation marks are paired by :func:`scan_quotes` (one implementation shared with the
  quote rule): no sentence ends inside a closed quotation, so a quote holding several
  sentences stays whole. A closed quote whose own text ends a sentence (``« … . »``) ends the
  sentence when a capital or a new quote follows, which is how a standalone quote paragraph
  stays apart from the attributed quote before it. A quote never closed is not trusted to
  hold the rest of the paragraph: sentences may end inside it.

Everything is linear in the block length: one regex scan for marks, one for terminators.
"""

from __future__ import annotations

import bisect
import functools
from typing import TYPE_CHECKING, NamedTuple

import regex
from newslint.article import Sentence
from newslint.lazy import lazy_regex

if TYPE_CHECKING:
    from newslint.article import Article

#: Opening mark → the marks that may close it.
CLOSERS: dict[str, str] = {
    "«": "»",
    "»": "«",  # German »…«
    # Real copy mixes straight and curly marks ("…” or “…"): either closes the other.
    "“": '”"',
    "„": '“”"',  # German „…“, Polish „…”
    '"': '"”',
    "‘": "’",
    "‚": "‘’",  # German ‚…‘
    "'": "'",
    "‹": "›",
    "›": "‹",
    "「": "」",
    "『": "』",
}
_MARKS = lazy_regex(r"[«»“”„\"‘’‚'‹›「」『』]")
#: Marks that only ever close (see :func:`_opens`).
_NEVER_OPENS = "”’」』"
_MAX_DEPTH = 12
_MAX_SINGLE = 1000
_SINGLE_CLOSE = lazy_regex(r"(?<=\S)[’'‘](?![\p{L}\p{N}])")
_SPACE = " \t\n\r\f\v\u00a0\u202f\u2009\u2007\u3000"
#: After these a straight mark opens a quote; the colon too ("Kline said:\"We…").
_OPEN_PUNCT = "([{—–-/«“„‘‚‹「『\"':"
_LATIN_TERM = lazy_regex(r"[.!?…]+[»”\"’'」』)\]）›]*")
_CJK_TERM = lazy_regex(r"[。！？]+[”’」』）»\"]*|[!?](?=\p{Han})")
_NEXT_START = lazy_regex(r"[\s\u00a0\u202f]+(?=[\p{Lu}\p{N}«»“„\"'‘‚‹›¿¡(\[「『—–-]|\p{Han})")
#: The word ending at a full stop. Searched backwards (REVERSE): the same match as a forward
#: search, without trying every start position of the 30-character window.
_WORD_BEFORE = lazy_regex(r"([\p{L}\p{N}.’'-]+)$", regex.REVERSE)
_TERMINAL = ".!?…。！？"
#: Every Chinese terminator and Han character is at U+2E80 or above.
_CJK_OR_ABOVE = regex.compile("[\u2e80-\U0010ffff]")


class QuoteSpan(NamedTuple):
    """A top-level quotation inside one block: ``start``/``end`` include the marks.

    ``close`` is the closing mark, or None when the quote is never closed in the block (then
    ``end`` is the block end). A named tuple: thousands are made per archive, and a frozen
    dataclass costs several times more to build.
    """

    start: int
    end: int
    open: str
    close: str | None


def _is_space(ch: str) -> bool:
    return ch in _SPACE


def _is_wordish(ch: str) -> bool:
    return ch.isalnum()


#: The last text scanned and its blocks' quotes: the quote rule and the segmenter scan the
#: same blocks of the same article. One (text, memo) pair, replaced whole (thread-safe).
_MEMO: tuple[str | None, dict[tuple[int, int], list[QuoteSpan]]] = (None, {})


def scan_quotes(text: str, start: int, end: int, *, carried: str | None = None) -> list[QuoteSpan]:
    """Top-level quotations in ``text[start:end]`` (one block), in order, in linear time.

    ``carried`` is the opening mark of a quote continued from the previous paragraph: the
    block is then scanned as if that quote were open at ``start``.

    Pairing: « … » and German » … «, “ … ”, „ … “/”, ‚ … ‘, ‹ … ›, 「 … 」, 『 … 』, straight
    quotes by position (an opener follows space and precedes a non-space). ’ and ' closes a
    single quote only when no letter follows, so apostrophes (d’ici, don’t) never close
    anything, and ‘ opens only at a word start. Nesting is tracked to a small depth so
    thousands of stray marks stay linear.
    """
    global _MEMO
    if carried is not None:
        return _scan_quotes(text, start, end, carried)
    memo_text, memo = _MEMO
    if memo_text is not text:
        memo = {}
        _MEMO = (text, memo)
    spans = memo.get((start, end))
    if spans is None:
        spans = memo[(start, end)] = _scan_quotes(text, start, end, None)
    return list(spans)


def _scan_quotes(text: str, start: int, end: int, carried: str | None) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []  # (opening mark, offset)
    # A single quote opens only when a closing single mark follows in the block: ‘90s or
    # a stray apostrophe must not swallow the paragraph and hide the quotes after it.
    single_closers: list[int] | None = None  # built on first need
    if carried is not None:
        stack.append((carried, start))
    for m in _MARKS.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if not stack and ch in _NEVER_OPENS:
            continue  # nothing to close, cannot open: an apostrophe, a stray closer
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        # Does it close something open? (Most often the innermost quote: test it first.)
        if not stack:
            depth = None
        elif ch in CLOSERS[stack[-1][0]]:
            depth = len(stack) - 1
        else:
            depth = _find_opener(stack, ch)
        closes = depth is not None
        if closes and ch in "’'":
            closes = not _is_wordish(nxt)
        elif closes and ch in '"' and _is_space(prev) and not _is_space(nxt):
            # `"` after a space and before a word opens, unless it is the only open quote.
            closes = stack[-1][0] == '"'
        elif closes and ch == "«" and _is_space(prev):
            closes = False  # a French « after a space opens a nested quote
        if closes and depth is not None:
            opener, pos = stack[depth]
            del stack[depth:]
            if not stack:
                spans.append(QuoteSpan(pos, i + 1, opener, ch))
            continue
        spaced = ch == '"' and nxt == " " and i + 2 < end and text[i + 2].isalnum()
        if _opens(ch, prev, nxt, spaced and not stack) and len(stack) < _MAX_DEPTH:
            if ch in "‘'‚":
                if single_closers is None:
                    single_closers = [c.start() for c in _SINGLE_CLOSE.finditer(text, start, end)]
                k = bisect.bisect_right(single_closers, i)
                if k >= len(single_closers) or single_closers[k] - i > _MAX_SINGLE:
                    continue
            stack.append((ch, i))
    if stack:
        opener, pos = stack[0]
        spans.append(QuoteSpan(pos, end, opener, None))
    return spans


def _find_opener(stack: list[tuple[str, int]], ch: str) -> int | None:
    for depth in range(len(stack) - 1, -1, -1):
        if ch in CLOSERS[stack[depth][0]]:
            return depth
    return None


def _opens(ch: str, prev: str, nxt: str, spaced_word: bool = False) -> bool:
    if ch in "«“„「『‹":
        return True
    if ch in "»›":  # German »Zitat«: opens when glued to the following word
        return (_is_space(prev) or prev in _OPEN_PUNCT) and not _is_space(nxt)
    if ch == '"':
        # French copy often spaces straight marks like guillemets (" Le samedi… ."): a
        # mark after a space opens when a word follows after one space.
        return (_is_space(prev) or prev in _OPEN_PUNCT) and (not _is_space(nxt) or spaced_word)
    if ch in "‘'‚":
        return (_is_space(prev) or prev in _OPEN_PUNCT) and _is_wordish(nxt)
    return False


@functools.lru_cache(maxsize=64)
def _tails(abbreviations: frozenset[str]) -> frozenset[str]:
    """The last three characters (lower case) of each abbreviation without its final dot."""
    return frozenset(a.rstrip(".").lower()[-3:] for a in abbreviations)


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """True when the '.' at ``dot`` closes an abbreviation or an initial."""
    last3 = text[dot - 3 : dot]
    if len(last3) == 3 and last3.isalpha() and last3.lower() not in _tails(abbreviations):
        # Three letters before the dot: no initial, no "U.S." (its parts are 1-2 letters)
        # and no listed abbreviation ends so: the common case, decided without a regex.
        return False
    m = _WORD_BEFORE.search(text, max(0, dot - 30), dot + 1)
    if not m:
        return False
    word = m.group(1)
    bare = word.rstrip(".")
    if len(bare) <= 1 and bare[:1].isupper():  # "J." initial
        return True
    if bare.count(".") >= 1 and len(bare) <= 8 and not bare.endswith("."):  # "U.S." style
        return all(len(p) <= 2 for p in bare.split("."))
    return (
        word in abbreviations
        or word.lower() in abbreviations
        or (bare in abbreviations or bare.lower() in abbreviations)
    )


def split_block(
    text: str,
    start: int,
    end: int,
    abbreviations: frozenset[str] = frozenset(),
    quotes: list[QuoteSpan] | None = None,
    cjk: bool = True,
) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (whitespace trimmed). ``cjk``: False when
    the text holds no character from U+2E80 on (no Chinese terminator or Han to look for)."""
    if quotes is None:
        quotes = scan_quotes(text, start, end)
    closed = [q for q in quotes if q.close is not None]
    cuts: list[int] = []
    qi = 0
    # (terminator start, end, kind)
    candidates = [(m.start(), m.end(), "latin") for m in _LATIN_TERM.finditer(text, start, end)]
    if cjk:
        candidates.extend((m.start(), m.end(), "cjk") for m in _CJK_TERM.finditer(text, start, end))
    # A closed quote whose text ends a sentence may end the sentence right after it.
    for q in closed:
        k = q.end - 2
        while k > q.start and text[k] in _SPACE:
            k -= 1
        if k > q.start and text[k] in _TERMINAL and not _is_cjk_quote(text, q):
            candidates.append((q.end, q.end, "quote"))
    candidates.sort()
    for t_start, t_end, kind in candidates:
        while qi < len(closed) and closed[qi].end <= t_start:
            qi += 1
        if qi < len(closed) and closed[qi].start < t_start < closed[qi].end:
            continue  # inside a quotation
        if kind == "cjk":
            cuts.append(t_end)
            continue
        if t_end < end and not _NEXT_START.match(text, t_end, end):
            continue
        is_dot = (
            kind == "latin"
            and text[t_start] == "."
            and (t_end - t_start == 1 or text[t_start + 1] not in ".!?…")
        )
        if is_dot and _is_abbreviation(text, t_start, abbreviations):
            continue
        if cuts and cuts[-1] >= t_end:
            continue
        cuts.append(t_end)
    spans: list[tuple[int, int]] = []
    pos = start
    for cut in [*cuts, end]:
        if cut > pos:
            piece = text[pos:cut]
            body = piece.lstrip(_SPACE)
            if body:
                s = pos + len(piece) - len(body)
                spans.append((s, s + len(body.rstrip(_SPACE))))
        pos = max(pos, cut)
    return spans


def _is_cjk_quote(text: str, q: QuoteSpan) -> bool:
    """Chinese quotes are followed by their attribution (“……。”他说。): never cut after one."""
    if q.open in "「『":
        return True
    return (q.end < len(text) and is_han(text[q.end])) or (
        q.end - 2 > q.start and text[q.end - 2] in "。！？"
    )


def is_han(ch: str) -> bool:
    """True for a CJK unified ideograph (the characters Chinese text is counted in)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def split_sentences(article: Article) -> list[Sentence]:
    """All sentences of an article, block by block (a sentence never crosses blocks)."""
    out: list[Sentence] = []
    text, abbreviations = article.text, article.abbreviations
    cjk = _CJK_OR_ABOVE.search(text) is not None
    for bi, block in enumerate(article.blocks):
        for s, e in split_block(text, block.start, block.end, abbreviations, cjk=cjk):
            out.append(Sentence(s, e, bi))
    return out
