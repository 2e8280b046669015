"""The units of a figure: what follows a number (a currency, scale, percent or points word
or sign) and the currency sign or word before it, compiled for one language pack.

Each unit alternative (points, percent, scale with currency, currency, scale alone) is a
regex call tried right after a number, in order, the first to match winning. A call costs
microseconds even when it fails at once, so an alternative is tried only where it may match:
where the character after the number's gap can start one of its phrases or signs, or,
for an alternative with raw ``{re:}`` entries, where one of their ``needs:`` literals occurs
between the number and the end of its range (found once per text by one automaton). Words
per language come from the pack's ``figure-*`` sections; signs and ISO codes are universal
and live here.
"""

from __future__ import annotations

from bisect import bisect_left

import regex
from newslint.language import LanguagePack
from newslint.rules._automaton import Needles
from newslint.rules._figure_chars import EXACT, Starts, fold, section_starts
from newslint.rules._figure_sections import folded_text

__all__ = ["SIGN_CHARS", "SPACES_SIGNS", "Units", "dollar_s", "section_source"]

_CODES = (
    "USD|EUR|GBP|JPY|CNY|RMB|HKD|CHF|CAD|AUD|NZD|INR|BRL|MXN|KRW|SEK|NOK|DKK|PLN|TRY|ZAR|"
    "SGD|TWD|ARS|CLP|COP|PEN|RUB"
)
_SIGNS_AFTER = rf"(?:€|\$|£|¥|₹|₩|₽|(?-i:(?:{_CODES}))(?![\p{{L}}-]))"
_SIGNS_BEFORE = rf"(?:(?-i:[A-Z]{{0,3}})\$|€|£|¥|₹|₩|₽|(?-i:(?:{_CODES})|Rs\.?))"
_GAP = r"[\s\u00a0\u202f\u2009]{0,2}"
SPACES_SIGNS = " \u00a0\u202f\u2009\t\n-+−"
SIGN_CHARS = "$€£¥₹₩₽"
# First characters of the fixed parts of the unit and sign patterns, written out.
_SIGNS_AFTER_FIRST = frozenset(SIGN_CHARS) | {EXACT + code[0] for code in _CODES.split("|")}
_SIGNS_BEFORE_FIRST = frozenset(SIGN_CHARS) | {
    EXACT + chr(c) for c in range(ord("A"), ord("Z") + 1)
}
_PERCENT_FIRST = frozenset("%％‰")
_LINK_FIRST = frozenset("do")
#: Whitespace the engine's ``\s`` leaves out (``test_unsourced_figure_units`` asks it).
_NOT_GAP = "\x1c\x1d\x1e\x1f"


def dollar_s(text: str, j: int, floor: int) -> bool:
    """Whether ``text[j]`` ends the Latin American dollar sign "u$s" / "U$S"."""
    return text[j] in "sS" and j > floor and text[j - 1] == "$"


_NEVER_UNIT = ",.;:!?)]}»”\"'/"


def section_source(pack: LanguagePack, name: str) -> str | None:
    """A pack section's regex source without leading word boundaries: units follow a number
    directly ("50bps", "2.5bn"), so a boundary before them would only miss figures."""
    pattern = pack.pattern(name)
    if pattern is None:
        return None
    return pattern.pattern.replace(r"(?<![\p{L}\p{N}])", "")


def _starts_of(
    pack: LanguagePack, name: str, signs: frozenset[str] = frozenset()
) -> tuple[frozenset[str] | None, tuple[str, ...] | None]:
    """:func:`section_starts` of a section, with the first characters of fixed signs."""
    first, needles = section_starts(pack.entries(name))
    return (None if first is None else first | signs), needles


class Units:
    """The units after a number and the signs before it, for one language pack."""

    def __init__(self, pack: LanguagePack) -> None:
        scale_source = section_source(pack, "figure-scale")
        cur_words = section_source(pack, "figure-currency-after")
        percent = section_source(pack, "figure-percent")
        points = section_source(pack, "figure-points")
        cur_after = _SIGNS_AFTER + (f"|{cur_words}" if cur_words else "")
        link = r"(?:(?:de|d['’]|of)\s*)?"
        # The unit alternatives in order, each tried apart, in order, only where it may
        # match: where the character after the number's gap can start one of its phrases or
        # signs (a phrase or sign never starts with whitespace, so each starts after the
        # whole gap and the first to match is the alternation's match), or where one of its
        # raw entries' ``needs:`` occurs between the number and the range's end.
        scale = _starts_of(pack, "figure-scale")
        alts: list[tuple[str, tuple[frozenset[str] | None, tuple[str, ...] | None]]] = []
        if points:
            alts.append((f"(?P<points>{points})", _starts_of(pack, "figure-points")))
        alts.append(
            (
                r"(?P<percent>%|％|‰" + (f"|{percent}" if percent else "") + ")",
                _starts_of(pack, "figure-percent", _PERCENT_FIRST),
            )
        )
        if scale_source:
            after_scale = section_source(pack, "figure-currency-after-scale")
            cur_scaled = cur_after + (f"|{after_scale}" if after_scale else "")
            unit = f"(?P<scale>{scale_source}){_GAP}{link}(?P<cur>{cur_scaled})"
            alts.append((unit, scale))
        cur_first = _LINK_FIRST | _SIGNS_AFTER_FIRST
        alts.append(
            (f"{link}(?P<cur2>{cur_after})", _starts_of(pack, "figure-currency-after", cur_first))
        )
        if scale_source:
            alts.append((f"(?P<bare_scale>{scale_source})", scale))
        flags = regex.IGNORECASE | regex.V0
        #: (pattern, first characters or None: always try, raw needles' key or -1: none).
        self.unit_groups: list[tuple[regex.Pattern[str], Starts | None, int]] = []
        raw: dict[int, tuple[str, ...]] = {}
        for source, (first, needles) in alts:
            key = -1
            if needles:
                key = len(raw)
                raw[key] = needles
            pattern = regex.compile(_GAP + f"(?:{source})", flags)
            known = None if first is None or needles is None else Starts(first)
            self.unit_groups.append((pattern, known, key))
        self._raw, self._raw_count = Needles(raw), len(raw)
        #: Per first character of a unit, the alternatives worth trying (see :meth:`_plan`).
        self._plans: dict[str, tuple[tuple[regex.Pattern[str], int], ...]] = {}
        self._raw_last: tuple[str, list[list[int]] | None] = ("", None)
        before_words = section_source(pack, "figure-currency-before")
        before = _SIGNS_BEFORE + (f"|{before_words}" if before_words else "")
        self.before = regex.compile(
            rf"(?:{before})[\s\u00a0\u202f]?[-+−]?\Z", regex.IGNORECASE | regex.V0
        )
        # A sign or currency word before a number lies in an 8-character window: it starts
        # with a sign or a phrase's first character, or holds a raw entry's ``needs:``.
        first, self.before_needles = _starts_of(pack, "figure-currency-before", _SIGNS_BEFORE_FIRST)
        self.before_starts = None if first is None else Starts(first)

    def after(
        self, text: str, pos: int, end: int, timeout: float | None
    ) -> tuple[str | None, int, bool]:
        """(kind, end offset, has_bare_scale) of the unit right after a number ending at
        ``pos``: kind is None for none, or for a scale word alone (has_bare_scale)."""
        j = pos
        while j < end and j < pos + 2 and text[j] in SPACES_SIGNS:
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
        plan = self._plans.get(ch)
        if plan is None:
            plan = self._plan(ch)
        m = None
        raw: list[list[int]] | None = None
        for pattern, key in plan:
            if key >= 0:
                if raw is None:
                    raw = self._raw_starts(text)
                if raw:
                    hits = raw[key]
                    k = bisect_left(hits, pos)
                    if k == len(hits) or hits[k] >= end:
                        continue  # none of its raw entries' needs: occurs before the end
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

    def _plan(self, ch: str) -> tuple[tuple[regex.Pattern[str], int], ...]:
        """The alternatives to try for a unit starting with ``ch`` (see ``__init__``), in
        order: -1 when ``ch`` may start one, else the key of the raw needles it then needs."""
        plan = tuple(
            (pattern, -1 if first is None or first.may(ch) else key)
            for pattern, first, key in self.unit_groups
            if first is None or first.may(ch) or key >= 0
        )
        if len(self._plans) > 4096:
            self._plans.clear()
        self._plans[ch] = plan
        return plan

    def _raw_starts(self, text: str) -> list[list[int]]:
        """Per unit alternative with raw entries, where their needles start in ``text``
        (sorted); empty when folding changes the text's length (then offsets differ: every
        such alternative is tried). Remembered for the last text."""
        last = self._raw_last
        if last[0] is text and last[1] is not None:
            return last[1]
        folded = folded_text(text)
        starts: list[list[int]] = []
        if len(folded) == len(text):
            starts = [[] for _ in range(self._raw_count)]
            for s, _e, keys in self._raw.occurrences(folded):
                for key in keys:
                    starts[key].append(s)
            for hits in starts:
                hits.sort()
        self._raw_last = (text, starts)
        return starts

    def sign_before(self, text: str, start: int, floor: int, timeout: float | None) -> int | None:
        """Where a currency sign or word right before the number at ``start`` starts."""
        j = start - 1
        while j >= floor and j >= start - 2 and text[j] in SPACES_SIGNS:
            j -= 1
        if j < floor or not (
            text[j] in SIGN_CHARS
            or text[j].isupper()
            or text[j] == "."
            or text[j] > "\u2e80"
            or dollar_s(text, j, floor)
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
