"""Financial figures in each language's notation: amounts, percentages and points.

A figure is a number carrying money or market meaning: a currency sign, code or word
("$135 billion", "US$2.5bn", "3 000 milliards de dollars", "1,2 Mrd. Euro", "135亿美元"), a
percentage ("13 %", "13 percent", "13 Prozent", "百分之十三") or basis/percentage points. A bare
number never is: years, dates, times, ages, durations and head counts carry no unit that
makes them a financial claim, which is why detection is driven by the unit, not the number.

Numbers are found with one atomic, anchored token pattern and each token's unit is matched
right after it (or a currency sign right before it) in a bounded window, so the scan is
linear in the text length, whatever the digits look like. A regex call costs microseconds
even when it fails at once, so each unit alternative (points, percent, scale, currency) is
tried only when the character after the number can start it: the first characters of the
pack's phrases and of the signs written out here (:class:`._figure_sections.Starts`); an
alternative with a raw entry is always tried.
Words per language (currency names, scale words, percent and point words) come from the
pack's ``figure-*`` sections; signs and ISO codes are universal and live here.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

import regex
from newslint.language import LanguagePack
from newslint.rules._figure_chars import EXACT, Starts, entry_needles, fold, phrase_firsts, starts
from newslint.rules._figure_index import BareScale, IndexFigures, Multiples
from newslint.rules._figure_sections import DEFAULT_TIMEOUT, scan
from newslint.rules._figure_tokens import clean_ranges, spelled_tokens
from newslint.rules._figure_trust import trusted

__all__ = ["FINDER_SECTIONS", "Figure", "FigureFinder", "figure_finder"]

# One number: space/NBSP/narrow-NBSP/dot/comma/apostrophe grouped thousands, or a plain run
# of digits with an optional decimal part. Atomic, so a long run of digits is read once.
# Not right after a letter ("Q3", "G7"), except a currency prefix written solid ("RM16.05",
# "Rp500", "Rs40"), which the pack's signs before a number then confirm.
_NUMBER = regex.compile(
    r"(?:(?<![\p{N}\p{Latin}])|(?<=(?<!\p{L})R[MSps]))(?<!\d[.,])"
    r"(?>\d{1,3}(?:[ \u00a0\u202f\u2009.,'’]\d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?!\d)"
)
# Chinese numerals before a scale/currency ("三千亿美元") and "百分之十三".
_HAN_DIGITS = "零〇一二两兩三四五六七八九十百千"
_HAN_NUMBER = regex.compile(rf"[{_HAN_DIGITS}]+(?:[点點][{_HAN_DIGITS}]+)?")
_HAN_PERCENT = regex.compile(rf"百分之[{_HAN_DIGITS}\d]+(?:[点點.][{_HAN_DIGITS}\d]+)?")

_CODES = (
    "USD|EUR|GBP|JPY|CNY|RMB|HKD|CHF|CAD|AUD|NZD|INR|BRL|MXN|KRW|SEK|NOK|DKK|PLN|TRY|ZAR|"
    "SGD|TWD|ARS|CLP|COP|PEN|RUB"
)
_SIGNS_AFTER = rf"(?:€|\$|£|¥|₹|₩|₽|(?-i:(?:{_CODES}))(?![\p{{L}}-]))"
_SIGNS_BEFORE = rf"(?:(?-i:[A-Z]{{0,3}})\$|€|£|¥|₹|₩|₽|(?-i:(?:{_CODES})|Rs\.?))"
_RANGE_WORDS = r"(?:-|–|—|~|～|/|to|and|or|à|et|ou|bis|auf|und|oder|a|y|o|至|到)"
_RANGE = regex.compile(rf"\s*{_RANGE_WORDS}\s*", regex.IGNORECASE)
#: What a range's link word may start with, after any whitespace (the first characters of
#: ``_RANGE_WORDS``, written out).
_RANGE_STARTS = Starts(frozenset("-–—~～/taoàebuy至到"))
_GAP = r"[\s\u00a0\u202f\u2009]{0,2}"
_SPACES_SIGNS = " \u00a0\u202f\u2009\t\n-+−"
_SIGN_CHARS = "$€£¥₹₩₽"
# First characters of the fixed parts of the unit and sign patterns, written out.
_SIGNS_AFTER_FIRST = frozenset(_SIGN_CHARS) | {EXACT + code[0] for code in _CODES.split("|")}
_SIGNS_BEFORE_FIRST = frozenset(_SIGN_CHARS) | {
    EXACT + chr(c) for c in range(ord("A"), ord("Z") + 1)
}
_PERCENT_FIRST = frozenset("%％‰")
_LINK_FIRST = frozenset("do")
#: Whitespace the engine's ``\s`` leaves out (``test_unsourced_figure_first`` asks it).
_NOT_GAP = "\x1c\x1d\x1e\x1f"


def _dollar_s(text: str, j: int, floor: int) -> bool:
    """Whether ``text[j]`` ends the Latin American dollar sign "u$s" / "U$S"."""
    return text[j] in "sS" and j > floor and text[j - 1] == "$"


_NEVER_UNIT = ",.;:!?)]}»”\"'/"


# A word: letters and hyphenated letters, not right after a letter or digit. The first letter
# is matched before the lookbehind (which then also covers it) so the engine can skip ahead
# to letters: the same tokens as ``(?<![\p{L}\p{N}])\p{L}+(?:-\p{L}+)*``, a third faster.
_WORD = regex.compile(r"\p{L}(?<![\p{L}\p{N}]\p{L})\p{L}*(?:-\p{L}+)*")


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


def _section_source(pack: LanguagePack, name: str) -> str | None:
    """A pack section's regex source without leading word boundaries: units follow a number
    directly ("50bps", "2.5bn"), so a boundary before them would only miss figures."""
    pattern = pack.pattern(name)
    if pattern is None:
        return None
    return pattern.pattern.replace(r"(?<![\p{L}\p{N}])", "")


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
        scale = _section_source(pack, "figure-scale")
        cur_words = _section_source(pack, "figure-currency-after")
        percent = _section_source(pack, "figure-percent")
        points = _section_source(pack, "figure-points")
        cur_after = _SIGNS_AFTER + (f"|{cur_words}" if cur_words else "")
        link = r"(?:(?:de|d['’]|of)\s*)?"
        # The unit alternatives in order, each with the characters it can start with
        # (None: unknown, always tried). Tried apart, in order, only when the character after
        # the number's gap can start them: a phrase or sign never starts with whitespace, so
        # each starts after the whole gap and the first to match is the alternation's match.
        scale_first = phrase_firsts(pack.entries("figure-scale"))
        alts: list[tuple[str, frozenset[str] | None]] = []
        if points:
            alts.append((f"(?P<points>{points})", phrase_firsts(pack.entries("figure-points"))))
        percent_first = phrase_firsts(pack.entries("figure-percent"))
        alts.append(
            (
                r"(?P<percent>%|％|‰" + (f"|{percent}" if percent else "") + ")",
                None if percent_first is None else _PERCENT_FIRST | percent_first,
            )
        )
        if scale:
            after_scale = _section_source(pack, "figure-currency-after-scale")
            cur_scaled = cur_after + (f"|{after_scale}" if after_scale else "")
            alts.append((f"(?P<scale>{scale}){_GAP}{link}(?P<cur>{cur_scaled})", scale_first))
        cur_first = phrase_firsts(pack.entries("figure-currency-after"))
        if cur_first is not None:
            cur_first |= _LINK_FIRST | _SIGNS_AFTER_FIRST
        alts.append((f"{link}(?P<cur2>{cur_after})", cur_first))
        if scale:
            alts.append((f"(?P<bare_scale>{scale})", scale_first))
        flags = regex.IGNORECASE | regex.V0
        self.unit_groups = [
            (regex.compile(_GAP + f"(?:{a})", flags), None if f is None else Starts(f))
            for a, f in alts
            if f is None or f
        ]
        self.index = IndexFigures(pack, self.han)
        self.money = BareScale(pack)
        self.multiples = Multiples(pack)
        words = pack.pattern("figure-number-words")
        self.words = regex.compile(words.pattern, regex.IGNORECASE | regex.V0) if words else None
        self._number_words: dict[str, bool] = {}
        self._chunk_hits: dict[str, tuple[tuple[int, int], ...]] = {}
        self._hit_chunks: set[str] = set()
        before_words = _section_source(pack, "figure-currency-before")
        before = _SIGNS_BEFORE + (f"|{before_words}" if before_words else "")
        self.before = regex.compile(
            rf"(?:{before})[\s\u00a0\u202f]?[-+−]?\Z", regex.IGNORECASE | regex.V0
        )
        # A sign or currency word before a number lies in an 8-character window: it starts
        # with a sign or a phrase's first character, or holds a raw entry's ``needs:``.
        entries = pack.entries("figure-currency-before")
        raw = [entry_needles(e) for e in entries if not isinstance(e, str)]
        self.before_starts = starts(
            _SIGNS_BEFORE_FIRST, phrase_firsts([e for e in entries if isinstance(e, str)])
        )
        self.before_needles = None if None in raw else tuple(n for r in raw if r for n in r)
        if self.han:
            han_cur = cur_words or r"元"
            self.han_amount = regex.compile(
                rf"(?:{scale})?(?:{han_cur})" if scale else rf"(?:{han_cur})",
                regex.IGNORECASE | regex.V0,
            )

    def _unit(
        self, text: str, pos: int, end: int, timeout: float | None
    ) -> tuple[str | None, int, bool]:
        """(kind, end offset, has_bare_scale) of the unit right after a number at ``pos``."""
        j = pos
        while j < end and j < pos + 2 and text[j] in _SPACES_SIGNS:
            j += 1
        if j >= end or text[j].isdigit() or text[j] in _NEVER_UNIT:
            return None, pos, False  # cheap pre-check: punctuation or a digit never starts a unit
        # Where the alternatives start: after the gap, as the engine reads it.
        q = pos
        while q < end and q < pos + 2 and text[q].isspace() and text[q] not in _NOT_GAP:
            q += 1
        if q >= end:
            return None, pos, False
        ch = text[q]
        m = None
        for pattern, first in self.unit_groups:
            if first is None or first.known.get(ch) or first.may(ch):
                m = pattern.match(text, pos, end, timeout=timeout)
                if m is not None:
                    break
        if m is None:
            return None, pos, False
        found = m.groupdict()
        if found.get("points"):
            word = found["points"].lower()
            basis = any(k in word for k in ("bas", "bás", "bp", "pb", "基"))
            return ("basis-points" if basis else "percentage-points"), m.end(), False
        if found.get("percent"):
            return "percentage", m.end(), False
        if found.get("cur") or found.get("cur2"):
            return "amount", m.end(), False
        return None, m.end(), True  # a scale word alone: money only with a sign before

    def _has_sign_before(
        self, text: str, start: int, floor: int, timeout: float | None
    ) -> int | None:
        j = start - 1
        while j >= floor and j >= start - 2 and text[j] in _SPACES_SIGNS:
            j -= 1
        if j < floor or not (
            text[j] in _SIGN_CHARS
            or text[j].isupper()
            or text[j] == "."
            or text[j] > "\u2e80"
            or _dollar_s(text, j, floor)
        ):
            return None  # cheap pre-check: nothing sign-like right before the number
        lo = max(floor, start - 8)
        first, needles = self.before_starts, self.before_needles
        if (
            first is not None
            and needles is not None
            and not first.within(text, lo, start)
            and not (needles and any(n in fold(text[lo:start]) for n in needles))
        ):
            return None  # nothing a sign or currency word starts with or needs
        m = self.before.search(text, lo, start, timeout=timeout)
        return m.start() if m is not None else None

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
                while j >= start and j >= tok_start - 2 and text[j] in _SPACES_SIGNS:
                    j -= 1
                if j >= start:
                    ch = text[j]
                    if (
                        ch in _SIGN_CHARS
                        or ch.isupper()
                        or ch == "."
                        or ch > "\u2e80"
                        or (ch in "sS" and _dollar_s(text, j, start))
                    ):
                        sign_at = self._has_sign_before(text, tok_start, start, timeout)
            kind, unit_end, bare_scale = self._unit(text, tok_end, end, timeout)
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
                    kind2, end2, bare2 = self._unit(text, nxt[1], end, timeout)
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
