"""Characters and literals of the figure rule's pack sections, read from the pack's data.

Two shortcuts skip regex calls that cannot match, both from what the pack says, never from
parsing a regex: a section's needles (the literals one of which every match contains: a
phrase's longest word, a raw entry's ``needs:``), and the characters a section's match can
start with (its phrases' first characters). Both compare case-folded text (:func:`fold`),
so they hold only for characters the regex engine folds the way Python does.
"""

from __future__ import annotations

from typing import Any

from newslint.lazy import lazy_regex
from newslint.rules._automaton import FOLD_TRAPS

__all__ = [
    "EXACT",
    "Starts",
    "entry_needles",
    "first_safe",
    "fold",
    "needle_safe",
    "phrase_firsts",
    "section_starts",
    "starts",
]

_WORD_RUN = lazy_regex(r"[\p{L}\p{N}]+")


def needle_safe(ch: str) -> bool:
    """Whether every character the regex engine matches to ``ch`` case-insensitively folds
    like it under :func:`fold`: checked against the whole of Unicode for Latin letters up to
    Latin Extended-A and for uncased Han (newer Unicode versions in ``regex`` pair some rarer
    letters that Python's tables do not know)."""
    return ch < "\u0180" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


_FOLD_FIRST = str.maketrans(FOLD_TRAPS)


def fold(text: str) -> str:
    """Casefold ``text`` as the regex engine's case-insensitive matching pairs letters."""
    if any(c in text for c in FOLD_TRAPS):
        text = text.translate(_FOLD_FIRST)
    return text.casefold()


def entry_needles(entry: Any) -> tuple[str, ...] | None:
    """The folded literals one of which every match of a lexicon entry contains, or None
    (search it everywhere): a phrase's longest word (every word of a phrase is matched
    literally), a raw entry's declared ``needs:``. A literal with a character that may not
    fold safely (see :func:`needle_safe`) is no needle."""
    if isinstance(entry, str):
        words = [w for w in _WORD_RUN.findall(entry) if all(needle_safe(c) for c in w)]
        return (fold(max(words, key=len)),) if words else None
    needs = [str(n) for n in entry.get("needs") or ()]
    if not needs or not all(n and all(needle_safe(c) for c in n) for n in needs):
        return None
    return tuple(sorted({fold(n) for n in needs}))


#: Blocks of uncased punctuation and symbols ("–", "€", "₹", "％", "～"): the engine matches
#: each only to itself.
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
_APOSTROPHES = "'’ʼ`"
#: Prefix of a character matched case-sensitively (no character folds to two with it).
EXACT = "\x00"


def first_safe(ch: str) -> bool:
    """Whether a match's first character can be folded safely (see :func:`needle_safe`)."""
    return needle_safe(ch) or any(lo <= ch <= hi for lo, hi in _UNCASED)


def phrase_firsts(entries: list[Any]) -> frozenset[str] | None:
    """The folded characters a match of a section can start with, read off its phrases
    (matched literally from their first character, an apostrophe matching any apostrophe),
    or None when that is unknown: a raw entry, or a first character that may not fold
    safely or is whitespace."""
    out: set[str] = set()
    for entry in entries:
        ch = entry[:1] if isinstance(entry, str) else ""
        if ch in _APOSTROPHES and ch:
            out.update(_APOSTROPHES)
        elif not ch or ch.isspace() or not first_safe(ch):
            return None
        else:
            out.add(fold(ch))
    return frozenset(out)


def section_starts(entries: list[Any]) -> tuple[frozenset[str] | None, tuple[str, ...] | None]:
    """What a match of a section starts with or holds: (its phrases' first characters, see
    :func:`phrase_firsts`; its raw entries' needles, ``()`` when it has none and None when
    one declares no ``needs:``)."""
    needles: list[str] = []
    for entry in entries:
        if not isinstance(entry, str):
            found = entry_needles(entry)
            if found is None:
                return phrase_firsts([e for e in entries if isinstance(e, str)]), None
            needles.extend(found)
    return phrase_firsts([e for e in entries if isinstance(e, str)]), tuple(needles)


class Starts:
    """Whether a text character may start a match: its fold (or :data:`EXACT` and itself,
    for a character matched case-sensitively) is among the first characters. Verdicts are
    remembered per character (the text of an article uses a few hundred)."""

    __slots__ = ("chars", "known")

    def __init__(self, chars: frozenset[str]) -> None:
        self.chars = chars
        self.known: dict[str, bool] = {}

    def may(self, ch: str) -> bool:
        hit = self.known.get(ch)
        if hit is None:
            if len(self.known) > 4096:
                self.known.clear()
            hit = self.known[ch] = EXACT + ch in self.chars or fold(ch) in self.chars
        return hit

    def after_gap(self, text: str, pos: int, end: int, gap: int) -> bool:
        """Whether a match may start at ``pos`` after at most ``gap`` whitespace characters
        (``regex``'s ``\\s`` is within :meth:`str.isspace`; a negative ``gap``: any)."""
        q, known = pos, self.known
        while q < end:
            ch = text[q]
            hit = known.get(ch)
            if hit or (hit is None and self.may(ch)):
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
            if hit or (hit is None and self.may(ch)):
                return True
        return False


def starts(*parts: frozenset[str] | None) -> Starts | None:
    """:class:`Starts` for an alternation of parts (None if any part's are unknown)."""
    if any(part is None for part in parts):
        return None
    chars = frozenset().union(*parts)  # type: ignore[arg-type]
    return Starts(chars) if chars else None
