"""Financial figures in each language's notation: amounts, percentages and points.

A figure is a number carrying money or market meaning: a currency sign, code or word
("$135 billion", "US$2.5bn", "3 000 milliards de dollars", "1,2 Mrd. Euro", "135亿美元"), a
percentage ("13 %", "13 percent", "13 Prozent", "百分之十三") or basis/percentage points. A bare
number never is: years, dates, times, ages, durations and head counts carry no unit that
makes them a financial claim, which is why detection is driven by the unit, not the number.

Numbers are found with one atomic, anchored token pattern and each token's unit is matched
right after it (or a currency sign right before it) in a bounded window, so the scan is
linear in the text length, whatever the digits look like. Words per language (currency
names, scale words, percent and point words) come from the pack's ``figure-*`` sections;
signs and ISO codes are universal and live here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex
from newslint.language import LanguagePack

__all__ = ["Figure", "FigureFinder", "figure_finder", "scan"]

#: Timeout (seconds) for one regex call; the caller's context passes its own.
DEFAULT_TIMEOUT = 2.0

# One number: space/NBSP/narrow-NBSP/dot/comma/apostrophe grouped thousands, or a plain run
# of digits with an optional decimal part. Atomic, so a long run of digits is read once.
_NUMBER = regex.compile(
    r"(?<![\p{N}\p{Latin}])(?<!\d[.,])"
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
_SIGNS_AFTER = rf"(?:€|\$|£|¥|₹|₩|₽|(?-i:(?:{_CODES}))(?!\p{{L}}))"
_SIGNS_BEFORE = rf"(?:(?-i:[A-Z]{{0,3}})\$|€|£|¥|₹|₩|₽|(?-i:(?:{_CODES})|Rs\.?))"
_RANGE = regex.compile(
    r"\s*(?:-|–|—|~|～|/|to|and|or|à|et|ou|bis|und|oder|a|y|o|至|到)\s*", regex.IGNORECASE
)
_GAP = r"[\s\u00a0\u202f\u2009]{0,2}"
_SPACES_SIGNS = " \u00a0\u202f\u2009\t\n-+−"
_SIGN_CHARS = "$€£¥₹₩₽"
_NEVER_UNIT = ",.;:!?)]}»”\"'/"


#: Long paragraphs are scanned in chunks so that one regex call stays well inside the
#: per-call timeout whatever the paragraph's length; matches are shorter than the overlap.
CHUNK = 20_000
OVERLAP = 400
_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{L}+(?:-\p{L}+)*")


def scan(
    pattern: regex.Pattern[str], text: str, start: int, end: int, timeout: float
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` over ``text[start:end]`` in bounded chunks, without duplicates.

    A match starting in one chunk is searched with ``OVERLAP`` characters of the next one
    visible, so matches up to that length are found whole; the next chunk starts after it.
    Lookbehinds still see the text before a chunk, so results equal one unchunked pass.
    """
    pos, last_end = start, start
    while pos < end:
        chunk_end = min(end, pos + CHUNK)
        limit = min(end, chunk_end + OVERLAP)
        for m in pattern.finditer(text, pos, limit, timeout=timeout):
            if m.start() >= chunk_end:
                break  # the next chunk finds it, with its own overlap
            last_end = m.end()
            yield m
        pos = max(chunk_end, last_end)


@dataclass(frozen=True, slots=True)
class Figure:
    """A financial figure: text offsets, its kind and its text as written.

    ``kind`` is ``amount``, ``percentage``, ``basis-points``, ``percentage-points`` or
    ``index-points`` (a market move: "the Dow fell 475 points").
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


class FigureFinder:
    """Figure detection compiled for one language pack."""

    def __init__(self, pack: LanguagePack) -> None:
        self.han = pack.script == "Han"
        scale = _section_source(pack, "figure-scale")
        cur_words = _section_source(pack, "figure-currency-after")
        percent = _section_source(pack, "figure-percent")
        points = _section_source(pack, "figure-points")
        cur_after = _SIGNS_AFTER + (f"|{cur_words}" if cur_words else "")
        link = r"(?:(?:de|d['’]|of)\s*)?"
        alts = []
        if points:
            alts.append(f"(?P<points>{points})")
        alts.append(r"(?P<percent>%|％|‰" + (f"|{percent}" if percent else "") + ")")
        if scale:
            after_scale = _section_source(pack, "figure-currency-after-scale")
            cur_scaled = cur_after + (f"|{after_scale}" if after_scale else "")
            alts.append(f"(?P<scale>{scale}){_GAP}{link}(?P<cur>{cur_scaled})")
        alts.append(f"{link}(?P<cur2>{cur_after})")
        if scale:
            alts.append(f"(?P<bare_scale>{scale})")
        self.after = regex.compile(_GAP + "(?:" + "|".join(alts) + ")", regex.IGNORECASE | regex.V0)
        index_points = _section_source(pack, "figure-index-points")
        self.index_points = (
            regex.compile(f"{_GAP}(?:{index_points})", regex.IGNORECASE | regex.V0)
            if index_points
            else None
        )
        self.index_names = pack.pattern("figure-index-names")
        moves = pack.pattern("figure-move-words")
        # The move word must lead straight to the number ("fell 475", « a perdu 80 »,
        # "stieg um 200", 下跌30): nothing between but a few words, no digits, no sentence end.
        gap = r"[^\d]{0,2}" if self.han else r"[^\d.;:!?,]{0,16}"
        self.moves = moves
        self.moves_before = (
            regex.compile(f"(?:{moves.pattern})(?![\\p{{L}}]){gap}\\Z", regex.IGNORECASE | regex.V0)
            if moves
            else None
        )
        after = _section_source(pack, "figure-move-after")
        self.moves_after = (
            regex.compile(f"{_GAP}(?:{after})", regex.IGNORECASE | regex.V0) if after else None
        )
        words = pack.pattern("figure-number-words")
        self.words = regex.compile(words.pattern, regex.IGNORECASE | regex.V0) if words else None
        before_words = _section_source(pack, "figure-currency-before")
        before = _SIGNS_BEFORE + (f"|{before_words}" if before_words else "")
        self.before = regex.compile(
            rf"(?:{before})[\s\u00a0\u202f]?[-+−]?\Z", regex.IGNORECASE | regex.V0
        )
        if self.han:
            han_cur = cur_words or r"元"
            self.han_amount = regex.compile(
                rf"(?:{scale})?(?:{han_cur})" if scale else rf"(?:{han_cur})",
                regex.IGNORECASE | regex.V0,
            )

    def _unit(self, text: str, pos: int, end: int, timeout: float) -> tuple[str | None, int, bool]:
        """(kind, end offset, has_bare_scale) of the unit right after a number at ``pos``."""
        j = pos
        while j < end and j < pos + 2 and text[j] in _SPACES_SIGNS:
            j += 1
        if j >= end or text[j].isdigit() or text[j] in _NEVER_UNIT:
            return None, pos, False  # cheap pre-check: punctuation or a digit never starts a unit
        m = self.after.match(text, pos, end, timeout=timeout)
        if m is None:
            return None, pos, False
        if m.group("points"):
            word = m.group("points").lower()
            basis = any(k in word for k in ("bas", "bás", "bp", "pb", "基"))
            return ("basis-points" if basis else "percentage-points"), m.end(), False
        if m.group("percent"):
            return "percentage", m.end(), False
        if m.groupdict().get("cur") or m.group("cur2"):
            return "amount", m.end(), False
        return None, m.end(), True  # a scale word alone: money only with a sign before

    def _has_sign_before(self, text: str, start: int, floor: int, timeout: float) -> int | None:
        j = start - 1
        while j >= floor and j >= start - 2 and text[j] in _SPACES_SIGNS:
            j -= 1
        if j < floor or not (
            text[j] in _SIGN_CHARS or text[j].isupper() or text[j] == "." or text[j] > "\u2e80"
        ):
            return None  # cheap pre-check: nothing sign-like right before the number
        lo = max(floor, start - 8)
        m = self.before.search(text, lo, start, timeout=timeout)
        return m.start() if m is not None else None

    def find(
        self, text: str, start: int, end: int, timeout: float = DEFAULT_TIMEOUT
    ) -> list[Figure]:
        """Every figure in ``text[start:end]``, in order, non-overlapping."""
        out: list[Figure] = []
        tokens = self._tokens(text, start, end, timeout)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            fig_start = tok.start()
            spelled = not tok.group()[:1].isdigit()
            sign_at = None if spelled else self._has_sign_before(text, tok.start(), start, timeout)
            kind, unit_end, bare_scale = self._unit(text, tok.end(), end, timeout)
            consumed = i + 1
            if kind is None and i + 1 < len(tokens):
                # A range shares the unit of its upper bound: "10 to 12 %", "5-6 milliards €".
                link = _RANGE.match(text, tok.end(), end, timeout=timeout)
                nxt = tokens[i + 1]
                if link is not None and link.end() == nxt.start():
                    kind2, end2, bare2 = self._unit(text, nxt.end(), end, timeout)
                    if kind2 is not None or (bare2 and sign_at is not None):
                        kind, unit_end, bare_scale = kind2, end2, bare2
                        consumed = i + 2
            if kind is None and not spelled and self.index_points is not None:
                moved = self._index_move(text, tok.start(), tok.end(), start, end, timeout)
                if moved is not None:
                    kind, unit_end = "index-points", moved
            if kind is None and sign_at is not None:
                kind = "amount"
                if not bare_scale:
                    unit_end = tokens[consumed - 1].end()
            if kind is not None:
                if sign_at is not None:
                    fig_start = sign_at
                out.append(Figure(fig_start, unit_end, kind, text[fig_start:unit_end]))
                i = consumed
                while i < len(tokens) and tokens[i].start() < unit_end:
                    i += 1
                continue
            i += 1
        if self.han:
            out.extend(self._han_figures(text, start, end, timeout, out))
            out.sort(key=lambda f: f.start)
        return out

    def _index_move(
        self, text: str, s: int, e: int, floor: int, end: int, timeout: float
    ) -> int | None:
        """End of "475 points" when it is a market move: an index named shortly before, and a
        move word ("fell", « a perdu », "verlor", 下跌) just before the number or a direction
        ("higher") just after."""
        assert self.index_points is not None
        m = self.index_points.match(text, e, end, timeout=timeout)
        if m is None or self.moves_before is None or self.index_names is None:
            return None
        # Points are a market figure only when an index moved: "the Dow fell 475 points",
        # not "Betis suma 28 puntos".
        lo = max(floor, s - 150)
        window = text[lo:s]
        cut = max(window.rfind(p) for p in (". ", "! ", "? ", "。", "！", "？", "; ", "；"))
        if cut >= 0:
            lo += cut + 1  # the index must be named in the figure's own sentence
        if not self.index_names.search(text, lo, s, timeout=timeout):
            return None
        if self.moves_before.search(text, lo, s, timeout=timeout):
            return m.end()
        after = self.moves_after
        if after is not None and after.match(
            text, m.end(), min(end, m.end() + 14), timeout=timeout
        ):
            return m.end()
        return None

    def _tokens(self, text: str, start: int, end: int, timeout: float) -> list[regex.Match[str]]:
        """Digit numbers, plus spelled-out ones ("drei Prozent", "deux milliards de dollars")
        which count only with a unit after them."""
        tokens = list(scan(_NUMBER, text, start, end, timeout))
        if self.words is None:
            return tokens
        # Tokenise words once and test each against the pack's number words: far cheaper than
        # letting a large case-insensitive alternation try every position of a long paragraph.
        words = self.words
        spelled = [
            m
            for m in scan(_WORD, text, start, end, timeout)
            if words.fullmatch(m.group(), timeout=timeout)
        ]
        if not spelled:
            return tokens
        merged = sorted(tokens + spelled, key=lambda m: m.start())
        out: list[regex.Match[str]] = []
        for m in merged:
            if out and m.start() < out[-1].end():
                continue
            out.append(m)
        return out

    def _han_figures(
        self, text: str, start: int, end: int, timeout: float, seen: list[Figure]
    ) -> list[Figure]:
        """Figures written in Chinese numerals: "百分之十三", "三千亿美元"."""
        taken = [(f.start, f.end) for f in seen]
        extra: list[Figure] = []
        for m in scan(_HAN_PERCENT, text, start, end, timeout):
            extra.append(Figure(m.start(), m.end(), "percentage", m.group()))
        for m in scan(_HAN_NUMBER, text, start, end, timeout):
            if text[max(start, m.start() - 3) : m.start()].endswith("百分之"):
                continue
            u = self.han_amount.match(text, m.end(), end, timeout=timeout)
            # One numeral before 元 is usually a word (二元结构, 一元化), not money: need a
            # scale (三千亿美元) or a longer numeral (五十元).
            if u is not None and (m.end() - m.start() > 1 or u.end() - m.end() > 1):
                extra.append(Figure(m.start(), u.end(), "amount", text[m.start() : u.end()]))
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
