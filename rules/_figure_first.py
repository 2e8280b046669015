"""The characters a match of a pattern can start with, to skip regex calls that must fail.

Figure detection tries a unit pattern after nearly every number ("29 %", "8 hours"), an
index-points pattern after every bare number and a currency-sign pattern before some: each
call is a large case-insensitive alternation tried at one position (about 3 µs), and most
fail. A match can only start with one of the first characters of the alternatives ("%",
"p" of "percent", "$", "b" of "billion"…). This module reads that set off the regex
source with a small, conservative parser (like :mod:`._figure_needles`): any construct it
does not know, a class escape or a dot where a match may start, a pattern that can match
the empty string, or a character it cannot fold safely makes it give up (None: always try).

The set holds folded characters (``_figure_sections._fold``) of characters that fold
safely (``_figure_sections._needle_safe``): every text character the engine matches to one
of them case-insensitively folds to the same, so a text character whose fold is not in the
set starts no match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from newslint.language import entry_to_regex
from newslint.rules._figure_sections import _fold, _needle_safe

__all__ = [
    "EXACT",
    "Starts",
    "entries_first",
    "first_chars",
    "first_safe",
    "source_first",
    "starts_of",
    "union",
]

_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_CLASS_ESCAPES = frozenset("sSdDwWpP")
_QUANT_START = frozenset("?*+{")
#: Ranges in a set are expanded up to this many characters (``[A-Z]``), else unknown.
_MAX_RANGE = 128
# (first characters or None if unknown, can match the empty string)
_First = tuple[frozenset[str] | None, bool]
#: Prefix of a character matched case-sensitively (no character folds to two with it).
EXACT = "\x00"


class _GiveUp(Exception):
    pass


class _Parser:
    """Recursive descent over a regex source, computing first characters instead of a tree."""

    def __init__(
        self,
        source: str,
        safe: Callable[[str], bool],
        fold: Callable[[str], str],
        ignorecase: bool,
    ) -> None:
        self.s = source
        self.i = 0
        self.safe = safe
        self.fold = fold
        self.ignorecase = ignorecase

    def parse(self) -> _First:
        first = self._alternation()
        if self.i != len(self.s):
            raise _GiveUp
        return first

    def _alternation(self) -> _First:
        branches = [self._sequence()]
        while self.i < len(self.s) and self.s[self.i] == "|":
            self.i += 1
            branches.append(self._sequence())
        out: set[str] = set()
        unknown = False
        for chars, _ in branches:
            if chars is None:
                unknown = True
            else:
                out |= chars
        nullable = any(b[1] for b in branches)
        return (None if unknown else frozenset(out)), nullable

    def _sequence(self) -> _First:
        """Items up to ``|`` or ``)``: the first characters of the items up to and
        including the first one that cannot match the empty string."""
        s = self.s
        out: set[str] = set()
        unknown = False
        open_ = True  # every item so far can match the empty string
        while self.i < len(s) and s[self.i] not in "|)":
            chars, nullable = self._atom()
            if self._quantifier() == 0:
                nullable = True
            if open_:
                if chars is None:
                    unknown = True
                else:
                    out |= chars
                open_ = nullable
        return (None if unknown else frozenset(out)), open_

    def _quantifier(self) -> int:
        """Consume a quantifier after an atom; its minimum count (1 if none)."""
        s = self.s
        if self.i >= len(s) or s[self.i] not in _QUANT_START:
            return 1
        ch = s[self.i]
        if ch == "{":
            j = s.find("}", self.i)
            if j < 0:
                raise _GiveUp
            lo, _, hi = s[self.i + 1 : j].partition(",")
            if not (lo.isdigit() or lo == "") or not (hi.isdigit() or hi == "") or not (lo or hi):
                raise _GiveUp
            low = int(lo) if lo else 0
            self.i = j + 1
        else:
            low = 1 if ch == "+" else 0
            self.i += 1
        if self.i < len(s) and s[self.i] in "?+":
            self.i += 1  # lazy or possessive: the same first characters
        if self.i < len(s) and s[self.i] in _QUANT_START:
            raise _GiveUp
        return low

    def _char(self, ch: str) -> frozenset[str] | None:
        if not self.ignorecase:
            return frozenset({EXACT + ch})
        return frozenset({self.fold(ch)}) if self.safe(ch) else None

    def _atom(self) -> _First:
        s = self.s
        ch = s[self.i]
        if ch == "\\":
            return self._escape()
        if ch == "[":
            return self._set(), False
        if ch == "(":
            return self._group()
        self.i += 1
        if ch in "^$":
            return frozenset(), True
        if ch == ".":
            return None, False
        if ch in "*+?{}]":
            raise _GiveUp
        return self._char(ch), False

    def _escape(self) -> _First:
        s = self.s
        if self.i + 1 >= len(s):
            raise _GiveUp
        nxt = s[self.i + 1]
        if nxt in _ZERO_WIDTH_ESCAPES:
            self.i += 2
            return frozenset(), True
        if nxt in _CLASS_ESCAPES:
            if nxt in "pP":
                if not s.startswith("{", self.i + 2):
                    raise _GiveUp
                j = s.find("}", self.i)
                if j < 0:
                    raise _GiveUp
                self.i = j + 1
            else:
                self.i += 2
            return None, False
        if nxt.isalnum():
            raise _GiveUp  # \n, \u…, back-references…: not worth knowing
        self.i += 2
        return self._char(nxt), False

    def _set(self) -> frozenset[str] | None:
        """A character set: its members when it lists safe characters (and short ranges)."""
        s = self.s
        j = self.i + 1
        negated = j < len(s) and s[j] == "^"
        if negated:
            j += 1
        members: list[str] = []
        unknown = negated
        first = True
        while j < len(s) and (s[j] != "]" or first):
            first = False
            ch = s[j]
            if ch == "[":
                raise _GiveUp  # nested sets or POSIX classes
            if ch == "\\":
                if j + 1 >= len(s):
                    raise _GiveUp
                nxt = s[j + 1]
                if nxt in "pP":
                    k = s.find("}", j)
                    if k < 0 or not s.startswith("{", j + 2):
                        raise _GiveUp
                    j = k + 1
                    unknown = True
                    continue
                if nxt.isalnum():
                    unknown = True  # \s, \d, \u…: whatever it is, it is not known
                    j += 2
                    continue
                ch = nxt
                j += 1
            j += 1
            if j + 1 < len(s) and s[j] == "-" and s[j + 1] != "]":
                hi = s[j + 1]
                if hi == "\\" or hi == "[" or ord(hi) < ord(ch) or ord(hi) - ord(ch) > _MAX_RANGE:
                    raise _GiveUp
                members.extend(chr(c) for c in range(ord(ch), ord(hi) + 1))
                j += 2
                continue
            members.append(ch)
        if j >= len(s):
            raise _GiveUp
        self.i = j + 1
        if unknown:
            return None
        if not self.ignorecase:
            return frozenset(EXACT + c for c in members)
        if not all(self.safe(c) for c in members):
            return None
        return frozenset(self.fold(c) for c in members)

    def _group(self) -> _First:
        s = self.s
        self.i += 1
        zero_width = False
        ignorecase = self.ignorecase
        if s.startswith("?", self.i):
            rest = s[self.i + 1 :]
            if rest.startswith((":", ">")):
                self.i += 2
            elif rest.startswith(("=", "!")):
                self.i += 2
                zero_width = True
            elif rest.startswith(("<=", "<!")):
                self.i += 3
                zero_width = True
            elif rest.startswith(("i:", "-i:")):
                self.i += 1 + rest.index(":") + 1
                self.ignorecase = rest.startswith("i")
            elif rest.startswith(("P<", "<")):
                j = s.find(">", self.i)
                if j < 0:
                    raise _GiveUp
                self.i = j + 1
            else:
                raise _GiveUp
        first = self._alternation()
        self.ignorecase = ignorecase
        if self.i >= len(s) or s[self.i] != ")":
            raise _GiveUp
        self.i += 1
        # A lookaround consumes nothing: it only narrows what the next item may match.
        return (frozenset(), True) if zero_width else first


def first_chars(
    source: str, safe: Callable[[str], bool], fold: Callable[[str], str], ignorecase: bool = True
) -> frozenset[str] | None:
    """The characters every non-empty match of ``source`` starts with: folded where it
    matches case-insensitively, :data:`EXACT` and the character where it matches case-
    sensitively (``(?-i:…)``); None when they cannot be read off safely or the pattern may
    match the empty string."""
    try:
        chars, nullable = _Parser(source, safe, fold, ignorecase).parse()
    except (_GiveUp, IndexError, ValueError):
        return None
    if chars is None or nullable or not chars:
        return None
    return chars


#: Blocks of uncased punctuation and symbols ("–", "€", "₹", "％", "～"): the engine matches
#: each only to itself (``test_unsourced_figure_fast`` asks the engine about every one).
_UNCASED = (
    ("\u2010", "\u2027"),
    ("\u2030", "\u205e"),
    ("\u20a0", "\u20c0"),
    ("\u3001", "\u3003"),
    ("\u3008", "\u3011"),
    ("\uff01", "\uff0f"),
    ("\uff1a", "\uff20"),
    ("\uff3b", "\uff40"),
    ("\uff5b", "\uff65"),
)


def first_safe(ch: str) -> bool:
    """Whether a pattern's first character can be folded safely (see the module doc)."""
    return _needle_safe(ch) or any(lo <= ch <= hi for lo, hi in _UNCASED)


def starts_of(source: str) -> Starts | None:
    """:class:`Starts` for a regex source, or None when its first characters are unknown."""
    chars = first_chars(source, first_safe, _fold)
    return None if chars is None else Starts(chars, _fold)


_SOURCE_FIRST: dict[str, frozenset[str] | None] = {}


def source_first(source: str) -> frozenset[str] | None:
    """:func:`first_chars` of a case-insensitive source, remembered per source."""
    if source not in _SOURCE_FIRST:
        _SOURCE_FIRST[source] = first_chars(source, first_safe, _fold)
    return _SOURCE_FIRST[source]


def entries_first(entries: Iterable[Any]) -> frozenset[str] | None:
    """The first characters of a lexicon section's alternation, from its entries.

    A phrase starts with its first character, matched literally and case-insensitively
    (``language.phrase_to_regex``: only whitespace and apostrophes become classes, and a
    word boundary before it consumes nothing), so phrases need no parsing: the start-up of
    one ``newslint check`` call pays for the few raw entries only.
    """
    out: set[str] = set()
    for entry in entries:
        if isinstance(entry, str):
            ch = entry[:1]
            if not ch or ch.isspace() or not ch.isalnum() or not first_safe(ch):
                chars = source_first(entry_to_regex(entry))
            else:
                chars = frozenset({_fold(ch)})
        else:
            chars = source_first(entry_to_regex(entry))
        if chars is None:
            return None
        out |= chars
    return frozenset(out)


def union(*parts: frozenset[str] | None) -> Starts | None:
    """:class:`Starts` for an alternation of parts (None if any part's are unknown)."""
    chars: set[str] = set()
    for part in parts:
        if part is None:
            return None
        chars |= part
    return Starts(frozenset(chars), _fold) if chars else None


class Starts:
    """Whether a text character may start a match: its fold is in the first characters.

    Verdicts are remembered per character (the text of an article uses a few hundred).
    """

    __slots__ = ("chars", "fold", "known")

    def __init__(self, chars: frozenset[str], fold: Callable[[str], str]) -> None:
        self.chars = chars
        self.fold = fold
        self.known: dict[str, bool] = {}

    def may(self, ch: str) -> bool:
        hit = self.known.get(ch)
        if hit is None:
            if len(self.known) > 4096:
                self.known.clear()
            hit = self.known[ch] = EXACT + ch in self.chars or self.fold(ch) in self.chars
        return hit

    def after_gap(self, text: str, pos: int, end: int, gap: int) -> bool:
        """Whether a match may start at ``pos`` after at most ``gap`` whitespace characters
        (``regex``'s ``\\s`` is within :meth:`str.isspace`; a negative ``gap``: any)."""
        known = self.known
        q = pos
        while q < end:
            ch = text[q]
            hit = known.get(ch)
            if hit is None:
                hit = self.may(ch)
            if hit:
                return True
            if gap == 0 or not ch.isspace():
                return False
            gap -= 1
            q += 1
        return False

    def within(self, text: str, lo: int, hi: int) -> bool:
        """Whether a match may start anywhere in ``text[lo:hi]``."""
        known = self.known
        for ch in text[lo:hi]:
            hit = known.get(ch)
            if hit is None:
                hit = self.may(ch)
            if hit:
                return True
        return False
