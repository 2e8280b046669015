"""Index figures: points and levels of a named market index ("the Dow fell 475 points",
« le CAC 40 a clôturé à 7 512,30 points », "沪指报3687.81点", "the S&P 500 ended at 5,120.50").

Points alone are no financial figure ("the Lakers scored 110 points", "下午3点"): they are
one only when an index is named earlier in the same sentence. A move ("fell 475 points",
"收漲14點") counts whatever its size; a level ("at 7 512 points", "收報2846點") is a number
of three digits or more, which leaves out clock times and small scores. A level may also be
written without a unit right after a level word ("to 9,605.41", "恒指新造28596"): then the
number must read as a level (a decimal part, grouped thousands or five digits or more), never
a year or a count.
"""

from __future__ import annotations

from typing import Any

import regex
from newslint.language import LanguagePack
from newslint.lazy import lazy_regex
from newslint.rules._figure_chars import phrase_firsts, starts

__all__ = ["BareScale", "IndexFigures", "Multiples"]

_GAP = r"[\s\u00a0\u202f\u2009]{0,2}"
_SENTENCE_ENDS = (". ", "! ", "? ", "。", "！", "？", "; ", "；")
#: How far before a figure its index may be named (within the same sentence).
_REACH = 150
_SPACES = " \u00a0\u202f\u2009\t\n"
_DIGIT = lazy_regex(r"\d")
#: A bare number that reads as an index level: decimals, grouped thousands, or 5+ digits.
_LEVEL_NUMBER = lazy_regex(r"\d{1,3}(?:[,.\u00a0\u202f ’']\d{3})+(?:[.,]\d+)?|\d+[.,]\d+|\d{5,}")
#: What follows a number that is a time or a quantity, not a level ("at 9.30 am", "9.30 Uhr").
_NOT_LEVEL_AFTER = lazy_regex(
    r"\s*(?:[ap]\.?\s?m\b|h\b|Uhr\b|heures?\b|horas?\b|hrs?\b|[时時分秒年月日号號])",
    regex.IGNORECASE,
)

#: A decimal part: a separator and other than three digits ("5,000" groups thousands).
_DECIMALS = lazy_regex(r"[.,](?:\d{1,2}|\d{4,})\Z")
#: A word right after a number: a level without decimals is followed by punctuation.
_WORD_AFTER = lazy_regex(r"[\s\u00a0]+\p{L}|\p{L}")


def _section(pack: LanguagePack, name: str) -> str | None:
    pattern = pack.pattern(name)
    return None if pattern is None else pattern.pattern.replace(r"(?<![\p{L}\p{N}])", "")


class IndexFigures:
    """Index points and bare index levels, compiled for one language pack."""

    def __init__(self, pack: LanguagePack, han: bool) -> None:
        points = _section(pack, "figure-index-points")
        flags = regex.IGNORECASE | regex.V0
        self.points = regex.compile(f"{_GAP}(?:{points})", flags) if points else None
        self.starts = starts(phrase_firsts(pack.entries("figure-index-points")))
        self.names = pack.pattern("figure-index-names")
        moves = pack.pattern("figure-move-words")
        # The move word must lead straight to the number ("fell 475", « a perdu 80 »,
        # "stieg um 200", 下跌30): nothing between but a few words, no digits, no sentence end.
        gap = r"[^\d]{0,2}" if han else r"[^\d.;:!?,]{0,16}"
        self.moves_before = (
            regex.compile(f"(?:{moves.pattern})(?![\\p{{L}}]){gap}\\Z", flags) if moves else None
        )
        after = _section(pack, "figure-move-after")
        self.moves_after = regex.compile(f"{_GAP}(?:{after})", flags) if after else None
        level = pack.pattern("figure-index-level-before")
        tail = r"[\s\u00a0]{0,2}\Z" if han else r"\s{1,2}\Z"
        self.level_before = regex.compile(f"(?:{level.pattern}){tail}", flags) if level else None
        entries = pack.entries("figure-index-level-before")
        #: The last characters of the level words (None when one is a raw regex).
        self.level_last: frozenset[str] | None = (
            frozenset(c for e in entries for c in (e[-1].lower(), e[-1].upper()))
            if all(isinstance(e, str) and e for e in entries)
            else None
        )

    def _named(self, text: str, s: int, floor: int, timeout: float | None) -> int | None:
        """Start of the figure's sentence when an index is named in it before ``s``."""
        if self.names is None:
            return None
        lo = max(floor, s - _REACH)
        window = text[lo:s]
        cut = max(window.rfind(p) for p in _SENTENCE_ENDS)
        if cut >= 0:
            lo += cut + 1  # the index must be named in the figure's own sentence
        if not self.names.search(text, lo, s, timeout=timeout):
            return None
        return lo

    def unitless(
        self,
        multiples: Multiples,
        text: str,
        s: int,
        e: int,
        floor: int,
        end: int,
        timeout: float | None,
    ) -> tuple[str, int] | None:
        """(kind, end) of a number without a unit that is an index figure or a multiple.

        Nearly every such number is a year, a count or a date: one look at the characters
        around it (what the points and multiple words start with, what the level words end
        with) rules them out before any regex runs.
        """
        q = e
        while q < end and q < e + 2 and text[q] in _SPACES:
            q += 1
        if q < end:
            ch = text[q]
            starts = self.starts
            if self.points is not None and (starts is None or starts.may(ch)):
                found = self.point_end(text, s, e, floor, end, timeout)
                if found is not None:
                    return "index-points", found
            starts = multiples.starts
            if multiples.words is not None and (starts is None or starts.may(ch)):
                found = multiples.end(text, s, e, floor, end, timeout)
                if found is not None:
                    return "multiple", found
        if self.level_before is None:
            return None
        # A level word ends right before a bare level: look at that character first.
        j = s - 1
        while j >= floor and j >= s - 2 and text[j] in _SPACES:
            j -= 1
        last = self.level_last
        if j < floor or (last is not None and text[j] not in last):
            return None
        found = self.level_end(text, s, e, floor, end, timeout)
        return None if found is None else ("index-level", found)

    def point_end(
        self, text: str, s: int, e: int, floor: int, end: int, timeout: float | None
    ) -> int | None:
        """End of "475 points" when it is an index move or level, else None."""
        if self.points is None:
            return None
        m = self.points.match(text, e, end, timeout=timeout)
        if m is None:
            return None
        lo = self._named(text, s, floor, timeout)
        if lo is None:
            return None
        if len(_DIGIT.findall(text, s, e)) >= 3:
            return m.end()  # a level (or a large move): "à 7 512 points", "收報2846點"
        if self.moves_before is not None and self.moves_before.search(text, lo, s, timeout=timeout):
            return m.end()
        after = self.moves_after
        stop = min(end, m.end() + 14)
        if after is not None and after.match(text, m.end(), stop, timeout=timeout):
            return m.end()
        return None

    def level_end(
        self, text: str, s: int, e: int, floor: int, end: int, timeout: float | None
    ) -> int | None:
        """End of a bare index level ("to 9,605.41", "报3316.7"), else None."""
        if self.level_before is None or not _LEVEL_NUMBER.fullmatch(text, s, e):
            return None
        if _NOT_LEVEL_AFTER.match(text, e, min(end, e + 8)):
            return None
        if not _DECIMALS.search(text, s, e) and _WORD_AFTER.match(text, e, end):
            return None  # "to 5,000 employees": a count, not a level
        if not self.level_before.search(text, max(floor, s - 12), s, timeout=timeout):
            return None
        if self._named(text, s, floor, timeout) is None:
            return None
        return e


#: What follows a bare scale that counts things: "5 millions de visiteurs", "2 million people",
#: "3亿人" (but "millones de los nueve meses" and "millions d'euros" are not counts).
_COUNTED_AFTER = lazy_regex(
    r"[\s\u00a0]*(?:(?:de|d['’]|of|di)\s*(?!(?:los|las|la|le|les|l['’]|the|del|des|du)(?![\p{L}]))\p{L}"
    r"|(?!(?:in|from|to|on|for|at|against|compared|versus|vs|and|more|less|en|y|e|et|à|au|sur|par"
    r"|contre|frente|hasta|más|menos|con|del|al|a|mehr|weniger|im|auf|gegenüber|und|mit|über)(?![\p{L}]))\p{L})",
    regex.IGNORECASE,
)
#: How far before a bare scale its money context may be (within the sentence).
_MONEY_REACH = 80
_MONEY_ENDS = lazy_regex(r"(?<!\d)[.!?](?:\s|\Z)|[;；。！？]")


class BareScale:
    """A number with a scale word and no currency ("532 millones", "3,07 milliards", "12亿")
    is an amount when its sentence speaks of money just before: a money noun ("profit",
    « bénéfice », "Umsatz", 营收) or an amount with its currency ("227,8 Millionen Euro,
    9 Millionen mehr"). Otherwise it may count people or things ("5 millions de visiteurs")."""

    def __init__(self, pack: LanguagePack) -> None:
        self.nouns = pack.pattern("figure-money-nouns")

    def amount(
        self,
        text: str,
        s: int,
        e: int,
        floor: int,
        end: int,
        before: list[Any],
        timeout: float | None,
    ) -> bool:
        if _COUNTED_AFTER.match(text, e, min(end, e + 30)):
            return False
        lo = max(floor, s - _MONEY_REACH)
        last = None
        for m in _MONEY_ENDS.finditer(text, lo, s):
            last = m
        if last is not None:
            lo = last.end()
        if before and before[-1].kind == "amount" and before[-1].end >= lo:
            return True
        return self.nouns is not None and bool(self.nouns.search(text, lo, s, timeout=timeout))


#: How far before (or after) a multiple its valuation or leverage word may stand.
_MULTIPLE_REACH = 120
_MULTIPLE_AFTER = 30


class Multiples:
    """Valuation and leverage multiples ("a P/E of 9.3 times", "cotiza a 9,29 veces
    beneficios", "实际杠杆8.5倍"): a number with a multiple word is a figure only when its
    sentence speaks of a ratio (``figure-multiple-context``); "three times a week" is not."""

    def __init__(self, pack: LanguagePack) -> None:
        words = _section(pack, "figure-multiples")
        flags = regex.IGNORECASE | regex.V0
        self.words = regex.compile(f"{_GAP}(?:{words})(?![\\p{{L}}])", flags) if words else None
        self.starts = starts(phrase_firsts(pack.entries("figure-multiples")))
        self.context = pack.pattern("figure-multiple-context")

    def end(
        self, text: str, s: int, e: int, floor: int, end: int, timeout: float | None
    ) -> int | None:
        """End of "9,29 veces" when it is a valuation or leverage multiple, else None."""
        if self.words is None or self.context is None:
            return None
        m = self.words.match(text, e, end, timeout=timeout)
        if m is None:
            return None
        lo = max(floor, s - _MULTIPLE_REACH)
        cut = None
        for c in _MONEY_ENDS.finditer(text, lo, s):
            cut = c
        if cut is not None:
            lo = cut.end()
        hi = min(end, m.end() + _MULTIPLE_AFTER)
        stop = _MONEY_ENDS.search(text, m.end(), hi)
        if stop is not None:
            hi = stop.start()
        if self.context.search(text, lo, hi, timeout=timeout):
            return m.end()
        return None
