"""Many literal needles found in one pass over a text (Aho-Corasick, via pyahocorasick).

A lexicon section holds dozens to hundreds of entries; most never match a given article.
Rather than try each entry's regex (or test each entry's words) one by one, every entry
declares the literal text a match of it cannot do without (a phrase: its own words; a raw
``{re: …}`` entry: its ``needs:`` list in the pack, data written by hand next to the regex,
never derived by parsing the regex). :class:`Needles` puts the needles of many entries into
one automaton; one pass over the article's case-folded text then says which entries can
match at all (:meth:`Needles.present`) or where their needles occur
(:meth:`Needles.occurrences`). Only those entries' regexes run, so the verdict is the
regexes' alone: a needle only ever skips an entry that could not have matched.

Needles and the text are compared case-folded (``str.casefold``); a needle is a substring
test, not a word test, so it may let through an entry that then fails its regex, never the
reverse. An entry with no needle is always present.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Generic, TypeVar

import ahocorasick

__all__ = ["Needles"]

K = TypeVar("K", bound=Hashable)


class Needles(Generic[K]):
    """Which entries' needles occur in a case-folded text, found in one pass.

    ``needles`` maps an entry key to the literals any match of the entry must contain (one
    of them suffices); an empty list means the entry has no needle and is always present.
    """

    __slots__ = ("_always", "_automaton", "_keys")

    def __init__(self, needles: Mapping[K, Iterable[str]]) -> None:
        by_needle: dict[str, list[K]] = {}
        always: list[K] = []
        for key, literals in needles.items():
            folded = [lit.casefold() for lit in literals if lit]
            if not folded:
                always.append(key)
            for lit in folded:
                by_needle.setdefault(lit, []).append(key)
        self._always = frozenset(always)
        self._keys = frozenset(needles)
        self._automaton: ahocorasick.Automaton | None = None
        if by_needle:
            automaton = ahocorasick.Automaton()
            for lit, keys in by_needle.items():
                automaton.add_word(lit, (len(lit), tuple(keys)))
            automaton.make_automaton()
            self._automaton = automaton

    def present(self, folded: str) -> frozenset[K]:
        """The keys of the entries that may match ``folded`` (a case-folded text)."""
        if self._automaton is None:
            return self._always
        found = set(self._always)
        for _end, (_size, keys) in self._automaton.iter(folded):
            found.update(keys)
            if len(found) == len(self._keys):
                break
        return frozenset(found)

    def occurrences(self, folded: str) -> Iterator[tuple[int, int, tuple[K, ...]]]:
        """Each needle occurrence in ``folded`` as (start, end, keys), in order of its end.

        Offsets are into ``folded``; they are the text's own only when folding kept its
        length (see ``_lexicon_probe.fold_aligned``)."""
        if self._automaton is None:
            return
        for end, (size, keys) in self._automaton.iter(folded):
            yield end + 1 - size, end + 1, keys
