"""Financial figures in each language's notation: amounts, percentages and points.

A figure is a number carrying money or market meaning: a currency sign, code or word
("$135 billion", "US$2.5bn", "3 000 milliards de dollars", "1,2 Mrd. Euro", "135亿美元"), a
percentage ("13 %", "13 percent", "13 Prozent", "百分之十三") or basis/percentage points. A bare
number never is: years, dates, times, ages, durations and head counts carry no unit that
makes them a financial claim, which is why detection is driven by the unit, not the number.

Numbers are found with one atomic, anchored token pattern and each token's unit is matched
right after it (or a currency sign right before it) in a bounded window, so the scan is
linear in the text length, whatever the digits look like. The units and signs, and which of
them are worth a regex call after a given number, are in :mod:`._figure_units`; index
points and levels, bare scales and multiples in :mod:`._figure_index`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

import regex
from newslint.language import LanguagePack
from newslint.lazy import lazy_regex
from newslint.rules._figure_chars import Starts
from newslint.rules._figure_index import BareScale, IndexFigures, Multiples
from newslint.rules._figure_sections import DEFAULT_TIMEOUT, scan
from newslint.rules._figure_tokens import clean_ranges, spelled_tokens
from newslint.rules._figure_trust import trusted
from newslint.rules._figure_units import SIGN_CHARS, SPACES_SIGNS, Units, dollar_s, section_source

__all__ = ["FINDER_SECTIONS", "Figure", "FigureFinder", "figure_finder"]

# One number: space/NBSP/narrow-NBSP/dot/comma/apostrophe grouped thousands, or a plain run
# of digits with an optional decimal part. Atomic, so a long run of digits is read once.
# Not right after a letter ("Q3", "G7"), except a currency prefix written solid ("RM16.05",
# "Rp500", "Rs40"), which the pack's signs before a number then confirm.
_NUMBER = lazy_regex(
    r"(?:(?<![\p{N}\p{Latin}])|(?<=(?<!\p{L})R[MSps]))(?<!\d[.,])"
    r"(?>\d{1,3}(?:[ \u00a0\u202f\u2009.,'’]\d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?!\d)"
)
# Chinese numerals before a scale/currency ("三千亿美元") and "百分之十三".
_HAN_DIGITS = "零〇一二两兩三四五六七八九十百千"
_HAN_NUMBER = lazy_regex(rf"[{_HAN_DIGITS}]+(?:[点點][{_HAN_DIGITS}]+)?")
_HAN_PERCENT = lazy_regex(rf"百分之[{_HAN_DIGITS}\d]+(?:[点點.][{_HAN_DIGITS}\d]+)?")

_RANGE_WORDS = r"(?:-|–|—|~|～|/|to|and|or|à|et|ou|bis|auf|und|oder|a|y|o|至|到)"
_RANGE = lazy_regex(rf"\s*{_RANGE_WORDS}\s*", regex.IGNORECASE)
#: What a range's link word may start with, after any whitespace (the first characters of
#: ``_RANGE_WORDS``, written out).
_RANGE_STARTS = Starts(frozenset("-–—~～/taoàebuy至到"))
# A word: letters and hyphenated letters, not right after a letter or digit. The first letter
# is matched before the lookbehind (which then also covers it) so the engine can skip ahead
# to letters: the same tokens as ``(?<![\p{L}\p{N}])\p{L}+(?:-\p{L}+)*``, a third faster.
_WORD = lazy_regex(r"\p{L}(?<![\p{L}\p{N}]\p{L})\p{L}*(?:-\p{L}+)*")


class Figure(NamedTuple):
    """A financial figure: text offsets, its kind and its text as written.

    ``kind`` is ``amount``, ``percentage``, ``basis-points``, ``percentage-points`` or
    ``index-points`` (an index's move or level: "the Dow fell 475 points") or ``index-level``
    (a level without a unit: "the Dow ended at 39,512.84") or ``multiple`` (a valuation or
    leverage multiple: "a P/E of 9.3 times"). A named tuple: an article
    may hold tens of thousands, and a tuple is the cheapest record to build.
    """

    start: int
    end: int
    kind: str
    text: str


#: The pack sections a :class:`FigureFinder` compiles.
FINDER_SECTIONS = (
    "figure-scale",
    "figure-currency-after",
    "figure-currency-after-scale",
    "figure-currency-before",
    "figure-percent",
    "figure-points",
    "figure-index-points",
    "figure-index-names",
    "figure-index-level-before",
    "figure-money-nouns",
    "figure-multiples",
    "figure-multiple-context",
    "figure-move-words",
    "figure-move-after",
    "figure-number-words",
)


class FigureFinder:
    """Figure detection compiled for one language pack."""

    def __init__(self, pack: LanguagePack) -> None:
        self.han = pack.script == "Han"
        #: Built-in sections only: the finder's patterns run without a timeout.
        self.trusted = trusted(pack, FINDER_SECTIONS)
        self.units = Units(pack)
        self.index = IndexFigures(pack, self.han)
        self.money = BareScale(pack)
        self.multiples = Multiples(pack)
        words = pack.pattern("figure-number-words")
        self.words = regex.compile(words.pattern, regex.IGNORECASE | regex.V0) if words else None
        self._number_words: dict[str, bool] = {}
        self._chunk_hits: dict[str, tuple[tuple[int, int], ...]] = {}
        self._hit_chunks: set[str] = set()
        if self.han:
            scale_source = section_source(pack, "figure-scale")
            han_cur = section_source(pack, "figure-currency-after") or r"元"
            self.han_amount = regex.compile(
                rf"(?:{scale_source})?(?:{han_cur})" if scale_source else rf"(?:{han_cur})",
                regex.IGNORECASE | regex.V0,
            )

    def find(
        self, text: str, start: int, end: int, timeout: float | None = DEFAULT_TIMEOUT
    ) -> list[Figure]:
        """Every figure in ``text[start:end]``, in order, non-overlapping."""
        if self.trusted:
            timeout = None
        return self._find(text, start, end, timeout, self._tokens(text, start, end, timeout))

    def find_ranges(
        self, text: str, ranges: Sequence[tuple[int, int]], timeout: float | None = DEFAULT_TIMEOUT
    ) -> list[list[Figure]]:
        """:meth:`find` for each range (an article's blocks), with the text tokenised once.

        Per-block scans cost a regex call per block and a dictionary lookup per word; when
        the blocks are separated by line breaks (see :mod:`._figure_tokens`) one whole-text
        scan finds the same tokens, which are then dealt out to the blocks.
        """
        if not clean_ranges(text, ranges):
            return [self.find(text, s, e, timeout) for s, e in ranges]
        if self.trusted:
            timeout = None
        n = len(text)
        tokens = [(m.start(), m.end(), False) for m in scan(_NUMBER, text, 0, n, None)]
        if tokens and not all(text[t[0]].isdigit() for t in tokens):
            # As :meth:`find` decides it: a digit Python does not know counts as spelled.
            tokens = [(s, e, not text[s].isdigit()) for s, e, _ in tokens]
        if self.words is not None:
            spelled = spelled_tokens(
                text, self._chunk_hits, self._hit_chunks, self._chunk_tokens, timeout
            )
            if spelled:
                tokens.extend((s, e, True) for s, e in spelled)
                tokens.sort()
        starts = [t[0] for t in tokens]
        if self.han:
            pct = [m.span() for m in scan(_HAN_PERCENT, text, 0, n, None)]
            num = [m.span() for m in scan(_HAN_NUMBER, text, 0, n, None)]
            pct_starts = [sp[0] for sp in pct]
            num_starts = [sp[0] for sp in num]
        out: list[list[Figure]] = []
        for s, e in ranges:
            toks = tokens[bisect_left(starts, s) : bisect_left(starts, e)]
            figures = self._find(text, s, e, timeout, toks, han=False) if toks else []
            if self.han:
                extra = self._han_figures(
                    text,
                    s,
                    e,
                    timeout,
                    figures,
                    pct[bisect_left(pct_starts, s) : bisect_left(pct_starts, e)],
                    num[bisect_left(num_starts, s) : bisect_left(num_starts, e)],
                )
                if extra:
                    figures.extend(extra)
                    figures.sort(key=lambda f: f.start)
            out.append(figures)
        return out

    def _find(
        self,
        text: str,
        start: int,
        end: int,
        timeout: float | None,
        tokens: list[tuple[int, int, bool]],
        han: bool = True,
    ) -> list[Figure]:
        """The figures of ``text[start:end]`` from its tokens: (start, end, spelled out)."""
        out: list[Figure] = []
        count = len(tokens)
        i = 0
        while i < count:
            tok_start, tok_end, spelled = tokens[i]
            fig_start = tok_start
            sign_at = None
            if not spelled:
                # :meth:`_has_sign_before`, its cheap pre-check inlined (most numbers fail it).
                j = tok_start - 1
                while j >= start and j >= tok_start - 2 and text[j] in SPACES_SIGNS:
                    j -= 1
                if j >= start:
                    ch = text[j]
                    if (
                        ch in SIGN_CHARS
                        or ch.isupper()
                        or ch == "."
                        or ch > "\u2e80"
                        or (ch in "sS" and dollar_s(text, j, start))
                    ):
                        sign_at = self.units.sign_before(text, tok_start, start, timeout)
            kind, unit_end, bare_scale = self.units.after(text, tok_end, end, timeout)
            consumed = i + 1
            if kind is None and consumed < count:
                # A range shares the unit of its upper bound: "10 to 12 %", "5-6 milliards €".
                nxt = tokens[consumed]
                link = (
                    _RANGE.match(text, tok_end, end)
                    if _RANGE_STARTS.after_gap(text, tok_end, end, -1)
                    else None
                )
                if link is not None and link.end() == nxt[0]:
                    kind2, end2, bare2 = self.units.after(text, nxt[1], end, timeout)
                    if kind2 is not None or (bare2 and sign_at is not None):
                        kind, unit_end, bare_scale = kind2, end2, bare2
                        consumed = i + 2
            if kind is None and not spelled and sign_at is None:
                found = self.index.unitless(
                    self.multiples, text, tok_start, tok_end, start, end, timeout
                )
                if found is not None:
                    kind, unit_end = found
            if kind is None and sign_at is not None:
                kind = "amount"
                if not bare_scale:
                    unit_end = tokens[consumed - 1][1]
            elif (
                kind is None
                and bare_scale
                and self.money.amount(text, tok_start, unit_end, start, end, out, timeout)
            ):
                kind = "amount"  # "profit of 532 million", "227,8 Mio. Euro, 9 Millionen mehr"
            if kind is not None:
                if sign_at is not None:
                    fig_start = sign_at
                out.append(Figure(fig_start, unit_end, kind, text[fig_start:unit_end]))
                i = consumed
                while i < count and tokens[i][0] < unit_end:
                    i += 1
                continue
            i += 1
        if han and self.han:
            out.extend(self._han_figures(text, start, end, timeout, out))
            out.sort(key=lambda f: f.start)
        return out

    def _tokens(
        self, text: str, start: int, end: int, timeout: float | None
    ) -> list[tuple[int, int, bool]]:
        """Digit numbers, plus spelled-out ones ("drei Prozent", "deux milliards de dollars")
        which count only with a unit after them: (start, end, spelled out), in order."""
        tokens = [
            (m.start(), m.end(), not m.group()[:1].isdigit())
            for m in scan(_NUMBER, text, start, end, None)
        ]
        if self.words is None:
            return tokens
        # Tokenise words once and test each against the pack's number words: far cheaper than
        # letting a large case-insensitive alternation try every position of a long paragraph.
        # Whether a word is a number word depends on the word alone: remember each verdict.
        spelled = []
        for m in scan(_WORD, text, start, end, None):
            if self._is_number_word(m.group(), timeout):
                spelled.append((m.start(), m.end(), True))
        if not spelled:
            return tokens
        merged = sorted(tokens + spelled)
        out: list[tuple[int, int, bool]] = []
        for tok in merged:
            if out and tok[0] < out[-1][1]:
                continue
            out.append(tok)
        return out

    def _is_number_word(self, word: str, timeout: float | None) -> bool:
        known = self._number_words
        hit = known.get(word)
        if hit is None:
            if len(known) > 50_000:
                known.clear()
            assert self.words is not None
            hit = known[word] = self.words.fullmatch(word, timeout=timeout) is not None
        return hit

    def _chunk_tokens(self, chunk: str, timeout: float | None) -> tuple[tuple[int, int], ...]:
        """Spans of the number words in one whitespace-free chunk of text."""
        return tuple(
            m.span()
            for m in scan(_WORD, chunk, 0, len(chunk), None)
            if self._is_number_word(m.group(), timeout)
        )

    def _han_figures(
        self,
        text: str,
        start: int,
        end: int,
        timeout: float | None,
        seen: list[Figure],
        percents: list[tuple[int, int]] | None = None,
        numerals: list[tuple[int, int]] | None = None,
    ) -> list[Figure]:
        """Figures written in Chinese numerals: "百分之十三", "三千亿美元" (the spans of
        both patterns in the range may be given, found by a whole-text scan)."""
        if percents is None:
            percents = [m.span() for m in scan(_HAN_PERCENT, text, start, end, None)]
        if numerals is None:
            numerals = [m.span() for m in scan(_HAN_NUMBER, text, start, end, None)]
        taken = [(f.start, f.end) for f in seen]
        extra: list[Figure] = []
        for ps, pe in percents:
            extra.append(Figure(ps, pe, "percentage", text[ps:pe]))
        for ns, ne in numerals:
            if text[max(start, ns - 3) : ns].endswith("百分之"):
                continue
            u = self.han_amount.match(text, ne, end, timeout=timeout)
            # One numeral before 元 is usually a word (二元结构, 一元化), not money: need a
            # scale (三千亿美元) or a longer numeral (五十元).
            if u is not None and (ne - ns > 1 or u.end() - ne > 1):
                extra.append(Figure(ns, u.end(), "amount", text[ns : u.end()]))
        return [f for f in extra if not any(s < f.end and f.start < e for s, e in taken)]


_FINDERS: dict[int, tuple[LanguagePack, FigureFinder]] = {}


def figure_finder(pack: LanguagePack) -> FigureFinder:
    """The finder for a pack, compiled once per pack object."""
    hit = _FINDERS.get(id(pack))
    if hit is not None and hit[0] is pack:
        return hit[1]
    finder = FigureFinder(pack)
    _FINDERS[id(pack)] = (pack, finder)
    return finder
