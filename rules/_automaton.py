"""Many literal needles found in one pass over a text (Aho-Corasick, via pyahocorasick).

A lexicon section holds dozens to hundreds of entries; most never match a given article.
Rather than try each entry's regex (or test each entry's words) one by one, every entry
declares the literal text a match of it cannot do without (a phrase: its own words; a raw
``{re: …}`` entry: its ``needs:`` list in the pack, data written by hand next to the regex,
never derived by parsing the regex). :class:`Needles` puts the needles of many entries into
one automaton; one pass over the article then says which entries can match at all
(:meth:`Needles.present`) or where their needles occur (:meth:`Needles.occurrences`). Only
those entries' regexes run, so the verdict is the regexes' alone: a needle only ever skips
an entry that could not have matched.

Needles and the text are compared case-folded (``str.casefold``). The automaton steps once
per character, and pyahocorasick looks a character up among a node's children one by one,
so :meth:`Needles.present` reads a :class:`Haystack`, the article reduced once for every
pack: a needle of letters and digits is looked for in the article's distinct words (a few
times shorter than the text), where a word boundary a needle asks for, ``(literal, start,
end)``, is a line break; a needle of Han characters in the article's Han runs only (a Han
automaton's many first characters would make every Latin letter slow); any other needle
(with a space or a sign: "cac 40", "s&p") is a substring test on the folded text. A phrase's
word is a whole word of any match (its regex has boundaries there), so "stock" inside
"stockholm" does not wake the entry. An entry with no needle is always present.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from itertools import chain
from operator import itemgetter
from typing import Generic, NamedTuple, TypeVar

import ahocorasick
from newslint.lazy import lazy_regex

__all__ = ["FOLD_TRAPS", "Haystack", "Needle", "Needles"]

K = TypeVar("K", bound=Hashable)
#: A literal, or (literal, word boundary before it, word boundary after it).
Needle = str | tuple[str, bool, bool]

_WORD = lazy_regex(r"[\p{L}\p{N}]+")
_HAN = lazy_regex(r"\p{Han}")
_HAN_RUN = lazy_regex(r"\p{Han}+")
#: Every Han character is at U+2E80 or above: a quick test before the exact one.
_CJK_OR_ABOVE = lazy_regex("[\u2e80-\U0010ffff]")
#: Letters ``regex`` matches case-insensitively to one with another fold ("i" matches "İ",
#: whose fold is "i̇"; "I" matches "ı"; a newer letter is paired with ß), each with the
#: letter it pairs with: in a text holding one, a casefolded needle may miss a match.
FOLD_TRAPS = {"\u0130": "i", "\u0131": "i", "\U0001df95": "ß"}
#: The one character that folds to a letter without being a letter or a digit itself.
_YPOGEGRAMMENI = "\u0345"


def _words(text: str, fold: bool) -> set[str]:
    r"""Maximal runs of letters and digits (``[\p{L}\p{N}]+``) of ``text``, case-folded
    when ``fold``. Whitespace-separated chunks made only of letters and digits are such
    runs already (``str.isalnum`` implies ``[\p{L}\p{N}]``); the others go through the
    regex, joined by spaces (which no run crosses), in one call."""
    words = set(text.split())
    others = [w for w in words if not w.isalnum()]
    if others:
        words.difference_update(others)
        words.update(_WORD.findall(" ".join(others)))
    return set(map(str.casefold, words)) if fold else words


class Haystack(NamedTuple):
    """An article as :meth:`Needles.present` reads it, built once for every pack.

    ``folded``: the case-folded text. ``vocab``: its distinct words, each between line
    breaks: the runs of letters and digits of ``folded``, and (when folding changed them)
    the text's runs, each case-folded, so that a word boundary of the text is one here.
    ``han``: its Han runs, one a line. ``words``: the words as a set.
    """

    folded: str
    vocab: str
    han: str
    words: set[str]

    @classmethod
    def of(cls, text: str, folded: str | None = None) -> Haystack:
        folded = text.casefold() if folded is None else folded
        words = _words(folded, fold=False)
        if len(folded) != len(text) or _YPOGEGRAMMENI in text:
            # Folding changed runs: a word boundary of the text is one of its runs, folded;
            # a literal of the folded text lies in a run of it. Both kinds are looked in.
            words |= _words(text, fold=True)
        # Otherwise each character folds to one of the same kind (letter or digit, or
        # neither): the runs of ``folded`` are the text's, case-folded.
        han = ""
        if _CJK_OR_ABOVE.search(text) is not None and _HAN.search(text) is not None:
            han = "\n".join(_HAN_RUN.findall(folded))
        return cls(folded, "\n".join(("", *words, "")), han, words)


_VALUE = itemgetter(1)
_RUNS = lazy_regex(r"\p{Han}+|(?:(?!\p{Han})[\p{L}\p{N}])+")


def _longest_run(lit: str) -> str:
    """The longest run of Han characters or of other letters and digits in ``lit`` (Han
    first, then the first of equals: "A股" gives "股"): a needle for any text holding
    ``lit``, found inside one of the text's Han runs or words."""
    return max(_RUNS.findall(lit), key=_RARER, default="")


def _RARER(run: str) -> tuple[int, bool]:
    return len(run), _HAN.match(run) is not None


def _automaton(table: Mapping[str, list[K]], sized: bool = False) -> ahocorasick.Automaton | None:
    """An automaton of ``table``'s literals; a hit's value is its keys, or (length, keys)
    when ``sized`` (to tell where the hit starts)."""
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for lit, keys in table.items():
        automaton.add_word(lit, (len(lit), tuple(keys)) if sized else tuple(keys))
    automaton.make_automaton()
    return automaton


class Needles(Generic[K]):
    """Which entries' needles occur in a text, found in one pass.

    ``needles`` maps an entry key to the needles any match of the entry must contain (one
    of them suffices); an empty list means the entry has no needle and is always present.
    """

    __slots__ = ("_all", "_always", "_everything", "_han", "_plain", "_vocab")

    def __init__(self, needles: Mapping[K, Iterable[Needle]]) -> None:
        vocab: dict[str, list[K]] = {}
        han: dict[str, list[K]] = {}
        plain: dict[str, list[K]] = {}
        everything: dict[str, list[K]] = {}
        always: list[K] = []
        for key, literals in needles.items():
            some = False
            for needle in literals:
                lit, before, after = (needle, False, False) if isinstance(needle, str) else needle
                lit = lit.casefold()
                if not lit:
                    continue
                some = True
                everything.setdefault(lit, []).append(key)
                # Most needles are one word of letters: their own longest run.
                run = lit if lit.isalnum() and lit.isascii() else _longest_run(lit)
                if not run:  # no letter or digit: a substring test
                    plain.setdefault(lit, []).append(key)
                elif _HAN.match(run):
                    han.setdefault(run, []).append(key)
                else:
                    # The boundaries hold for the run only when it is the whole literal.
                    marked = "\n" * before + run + "\n" * after if run == lit else run
                    vocab.setdefault(marked, []).append(key)
            if not some:
                always.append(key)
        self._always = frozenset(always)
        self._vocab = _automaton(vocab)
        self._han = _automaton(han)
        self._plain = tuple((lit, tuple(keys)) for lit, keys in plain.items())
        self._everything = everything
        self._all: ahocorasick.Automaton | None = None

    def present(self, text: str | Haystack) -> frozenset[K]:
        """The keys of the entries that may match ``text``: a :class:`Haystack`, or a
        case-folded text (made into one)."""
        hay = text if isinstance(text, Haystack) else Haystack.of(text, text)
        found = set(self._always)
        if self._vocab is not None:
            found.update(chain.from_iterable(map(_VALUE, self._vocab.iter(hay.vocab))))
        if self._han is not None and hay.han:
            found.update(chain.from_iterable(map(_VALUE, self._han.iter(hay.han))))
        folded = hay.folded
        for lit, keys in self._plain:
            if lit in folded:
                found.update(keys)
        return frozenset(found)

    def occurrences(self, folded: str) -> Iterator[tuple[int, int, tuple[K, ...]]]:
        """Each needle occurrence in ``folded`` as (start, end, keys), in order of its end,
        word boundaries aside (built on first use: one pass over the whole text).

        Offsets are into ``folded``; they are the text's own only when folding kept its
        length."""
        if self._all is None:
            self._all = _automaton(self._everything, sized=True)
        if self._all is None:
            return
        for end, (size, keys) in self._all.iter(folded):
            yield end + 1 - size, end + 1, keys
