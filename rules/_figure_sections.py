"""Lexicon sections searched sentence by sentence, and long ranges scanned in chunks.

The figure rule asks, for each sentence with a figure, where a pack section (source cues,
clause breaks, time clauses…) matches. Each section is one large case-insensitive
alternation, slow to try at every position; :class:`SectionScanner` finds the very same
matches by searching only the alternatives that can match in the sentence: those whose
needles (a phrase's longest word, a raw entry's declared ``needs:``; see
:mod:`._figure_chars`) occur in it, located once per article in its casefolded text by one
automaton per pack. :func:`scan` keeps any single regex call short on huge paragraphs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

import regex
from newslint.language import LanguagePack, entry_to_regex, ordered_alternatives
from newslint.lazy import lazy_regex
from newslint.rules._automaton import Needles
from newslint.rules._figure_chars import entry_needles, fold
from newslint.rules._figure_trust import trusted

__all__ = [
    "CHUNK",
    "DEFAULT_TIMEOUT",
    "OVERLAP",
    "SectionScanner",
    "SplitPattern",
    "folded_text",
    "scan",
    "scan_section",
    "section_scanner",
]

#: Timeout (seconds) for one regex call; the caller's context passes its own.
DEFAULT_TIMEOUT = 2.0

#: Long paragraphs are scanned in chunks so that one regex call stays well inside the
#: per-call timeout whatever the paragraph's length; matches are shorter than the overlap.
CHUNK = 20_000
OVERLAP = 400


def scan(
    pattern: regex.Pattern[str] | SplitPattern,
    text: str,
    start: int,
    end: int,
    timeout: float | None,
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` over ``text[start:end]`` in bounded chunks, without duplicates.

    A match starting in one chunk is searched with ``OVERLAP`` characters of the next one
    visible, so matches up to that length are found whole; the next chunk starts after it.
    Lookbehinds still see the text before a chunk, so results equal one unchunked pass.
    A range of one chunk or less (nearly every sentence and paragraph) is one plain
    ``finditer`` call: the chunking generator costs more than the match itself there.
    """
    if end - start <= CHUNK:
        if end <= start:
            return iter(())
        return pattern.finditer(text, start, end, timeout=timeout)
    return _chunked(pattern, text, start, end, timeout)


def _chunked(
    pattern: regex.Pattern[str] | SplitPattern,
    text: str,
    start: int,
    end: int,
    timeout: float | None,
) -> Iterator[regex.Match[str]]:
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


_FLAGS = regex.IGNORECASE | regex.V0
# Sources whose meaning depends on the whole alternation or on where the search starts:
# global inline flags, numbered or named back-references, recursion and \G.
_UNSPLITTABLE = lazy_regex(
    r"\(\?[a-zA-Z]*(?:-[a-zA-Z]+)?\)|\\[1-9G]|\\g<|\(\?P[=>]|\(\?[+-]?[0-9]|\(\?[R&]"
)


class SplitPattern:
    """An alternation searched as separate patterns (groups of its alternatives, in its
    order), with the very same matches.

    The leftmost match wins and, at the same position, the earlier group, which is what the
    alternation does. A match at a position does not depend on where the search started
    (there is no ``\\G``), so a group's match ahead of the scan stays valid until passed:
    each group is searched about once over the range.
    """

    __slots__ = ("alts", "groups", "pattern")

    def __init__(self, alts: _Alternatives, groups: list[regex.Pattern[str]]) -> None:
        self.alts = alts
        self.pattern = "|".join(alts.parts)
        self.groups = groups

    def finditer(
        self, text: str, pos: int, endpos: int, timeout: float | None = DEFAULT_TIMEOUT
    ) -> Iterator[regex.Match[str]]:
        """Matches of the original alternation in ``text[pos:endpos]``, in order."""
        groups = self.groups
        ahead: list[regex.Match[str] | None] = [None] * len(groups)
        done = [False] * len(groups)
        out: list[regex.Match[str]] = []
        cur = pos
        while True:
            best: regex.Match[str] | None = None
            for gi, group in enumerate(groups):
                if done[gi]:
                    continue
                m = ahead[gi]
                if m is None or m.start() < cur:
                    m = ahead[gi] = group.search(text, cur, endpos, timeout=timeout)
                    if m is None:
                        done[gi] = True
                        continue
                if best is None or m.start() < best.start():
                    best = m
            if best is None:
                return iter(out)
            if best.end() == best.start():
                # Empty matches follow finditer's own stepping rules: let the original decide.
                return self.alts.original.finditer(text, pos, endpos, timeout=timeout)
            out.append(best)
            cur = best.end()


#: The sections searched sentence by sentence with :class:`SectionScanner`.
SCANNED = (
    "clause-breaks",
    "clause-joins",
    "feeling-verbs",
    "source-adverbials",
    "source-agents",
    "source-cues",
    "source-cues-need-subject",
    "source-targets",
    "subordinate-clauses",
)


class _Alternatives:
    """A section's alternatives in the pack's order, each compiled alone when first searched
    (most are never needed: their needles are absent from every article so far), with the
    literals (folded) one of which every match must contain, or None (see
    :func:`entry_needles`). ``original`` is the pack's whole alternation, compiled only for
    the rare fallback that needs it."""

    __slots__ = ("_compiled", "_name", "_pack", "needles", "parts")

    def __init__(
        self,
        pack: LanguagePack,
        name: str,
        parts: list[str],
        needles: tuple[tuple[str, ...] | None, ...],
    ) -> None:
        self._pack = pack
        self._name = name
        self.parts = parts
        self.needles = needles
        self._compiled: list[regex.Pattern[str] | None] = [None] * len(parts)

    @property
    def original(self) -> regex.Pattern[str]:
        pattern = self._pack.pattern(self._name)
        assert pattern is not None  # the section has entries
        return pattern

    def pattern(self, i: int) -> regex.Pattern[str]:
        """Alternative ``i``, compiled on first use (with the flags the pack compiles the
        whole section with; no alternative holds a global inline flag, see _UNSPLITTABLE)."""
        compiled = self._compiled[i]
        if compiled is None:
            compiled = self._compiled[i] = regex.compile(self.parts[i], _FLAGS)
        return compiled


_ALTERNATIVES: dict[tuple[int, str], tuple[LanguagePack, _Alternatives | None]] = {}


def _alternatives(pack: LanguagePack, name: str) -> _Alternatives | None:
    """The section split into alternatives, or None to use the pack's pattern as it is.

    The alternatives are rebuilt exactly as the pack orders them and checked against its
    pattern: on any doubt (a different order, inline global flags, back-references) None.
    """
    key = (id(pack), name)
    hit = _ALTERNATIVES.get(key)
    if hit is not None and hit[0] is pack:
        return hit[1]
    result = None
    entries = pack.entries(name)
    if entries:
        parts = ordered_alternatives(entries)
        needles: dict[str, tuple[str, ...] | None] = {}
        for entry in entries:
            needle = entry_needles(entry)
            part = entry_to_regex(entry)
            needles[part] = needle if needles.get(part, needle) == needle else None
        if not any(_UNSPLITTABLE.search(part) for part in parts):
            result = _Alternatives(pack, name, parts, tuple(needles[p] for p in parts))
    _ALTERNATIVES[key] = (pack, result)
    return result


class _PackNeedles:
    """The needles of every scanned section of a pack in one automaton, found in one pass
    over each article's folded text: per section, (start, end, alternative) sorted."""

    def __init__(self, pack: LanguagePack, names: tuple[str, ...] = SCANNED) -> None:
        keys: dict[tuple[str, int], tuple[str, ...]] = {}
        for name in names:
            alts = _alternatives(pack, name)
            for i, needles in enumerate(alts.needles if alts is not None else ()):
                if needles is not None:
                    keys[(name, i)] = needles
        self.needles = Needles(keys)
        # The last article's occurrences: one tuple, read once, so concurrent callers at
        # worst recompute them.
        self.last: tuple[str, dict[str, list[tuple[int, int, int]]]] = ("", {})

    def found(self, text: str) -> dict[str, list[tuple[int, int, int]]]:
        last = self.last
        if last[0] is text:
            return last[1]
        by_section: dict[str, list[tuple[int, int, int]]] = {}
        for s, e, keys in self.needles.occurrences(folded_text(text)):
            for name, i in keys:
                by_section.setdefault(name, []).append((s, e, i))
        for found in by_section.values():
            found.sort()
        self.last = (text, by_section)
        return by_section


_PACK_NEEDLES: dict[int, tuple[LanguagePack, _PackNeedles]] = {}


def _pack_needles(pack: LanguagePack) -> _PackNeedles:
    hit = _PACK_NEEDLES.get(id(pack))
    if hit is not None and hit[0] is pack:
        return hit[1]
    needles = _PackNeedles(pack)
    _PACK_NEEDLES[id(pack)] = (pack, needles)
    return needles


# A one-entry cache (the last article): the slot holds one tuple, read once,
# so concurrent callers at worst recompute.
_FOLDED: list[tuple[str, str]] = [("", "")]


def folded_text(text: str) -> str:
    """:func:`fold` of an article's text, remembered for the last article."""
    hit = _FOLDED[0]
    if hit[0] is text:
        return hit[1]
    folded = fold(text)
    _FOLDED[0] = (text, folded)
    return folded


def scan_section(
    pack: LanguagePack, name: str, text: str, start: int, end: int, timeout: float | None
) -> Iterator[regex.Match[str]]:
    """The matches of ``pack.pattern(name)`` in ``text[start:end]``, as :func:`scan` finds
    them, found faster (see :class:`SectionScanner`)."""
    return section_scanner(pack, name).scan(text, start, end, timeout)


class SectionScanner:
    """One pack section searched range by range (a sentence at a time), found faster.

    A large alternation of word-bounded phrases is tried alternative by alternative at every
    position (about 1.5 ms for a 6 KB article). But every match of an alternative contains
    one of its needles (see :func:`entry_needles`), so only alternatives with a needle
    inside the range can match there at all. Once per article the needles of all the pack's
    scanned sections are located in the folded text (:class:`_PackNeedles`); a range then
    takes the alternatives whose needles it holds (alternatives without needles always) and
    merges their matches in the pack's order (:class:`SplitPattern`): the same matches as
    the whole pattern, since the others cannot match there. A built-in section runs without
    a timeout (see :mod:`._figure_trust`).
    """

    __slots__ = ("alts", "always", "combined", "name", "needles", "pack", "state", "trusted")

    def __init__(self, pack: LanguagePack, name: str) -> None:
        self.pack = pack
        self.name = name
        self.alts = _alternatives(pack, name)
        self.trusted = trusted(pack, (name,))
        self.always: tuple[int, ...] = ()
        if self.alts is not None:
            self.always = tuple(i for i, n in enumerate(self.alts.needles) if n is None)
        self.needles = _pack_needles(pack) if name in SCANNED else _PackNeedles(pack, (name,))
        self.combined: dict[tuple[int, ...], regex.Pattern[str] | SplitPattern] = {}
        # The last article's needle index (see _prepare): one tuple, read once, so
        # concurrent callers at worst recompute it.
        self.state: _Index = ("", [], [], [], [], None, False)

    def _prepare(self, text: str) -> _Index:
        """Where the section's needles occur in the article's folded text, sorted by
        position: (text, starts, ends, alternative, live alternatives, expansions, any)."""
        assert self.alts is not None
        found = self.needles.found(text).get(self.name, [])
        hit = {f[2] for f in found}
        live = [i for i, n in enumerate(self.alts.needles) if n is None or i in hit]
        expansions = None if len(folded_text(text)) == len(text) else _expansions(text)
        state = self.state = (
            text,
            [f[0] for f in found],
            [f[1] for f in found],
            [f[2] for f in found],
            live,
            expansions,
            bool(found),
        )
        return state

    def _pattern(self, key: tuple[int, ...]) -> regex.Pattern[str] | SplitPattern:
        """Some alternatives searched as one, in the pack's order (each compiled once, on
        its first search)."""
        assert self.alts is not None
        alts = self.alts
        pattern: regex.Pattern[str] | SplitPattern
        if len(key) == 1:
            pattern = alts.pattern(key[0])
        else:
            pattern = SplitPattern(alts, [alts.pattern(i) for i in key])
        if len(self.combined) > 4096:
            self.combined.clear()
        self.combined[key] = pattern
        return pattern

    def present(self, text: str) -> bool:
        """Whether the section can match anywhere in the article ``text`` (False: no
        alternative's needle occurs in it, so every :meth:`scan` of it finds nothing)."""
        if self.alts is None:
            return self.pack.pattern(self.name) is not None
        state = self.state
        if state[0] is not text:
            state = self._prepare(text)
        return bool(state[4])

    def scan(
        self, text: str, start: int, end: int, timeout: float | None
    ) -> Iterator[regex.Match[str]]:
        """The matches of the section's pattern in ``text[start:end]``, in order."""
        if self.trusted:
            timeout = None
        alts = self.alts
        if alts is None:
            pattern = self.pack.pattern(self.name)
            return iter(()) if pattern is None else scan(pattern, text, start, end, timeout)
        if end <= start:
            return iter(())
        state = self.state
        if state[0] is not text:
            state = self._prepare(text)
        _, starts, ends, which, live, expansions, any_needle = state
        if not live:
            return iter(())
        if end - start > CHUNK:
            merged = SplitPattern(alts, [alts.pattern(i) for i in live])
            return scan(merged, text, start, end, timeout)
        key: tuple[int, ...] = self.always
        if any_needle:
            lo, hi = start, end
            if expansions is not None:
                lo, hi = _folded_offset(expansions, lo), _folded_offset(expansions, hi)
            k = bisect_left(starts, lo)
            count = len(starts)
            picked: list[int] | None = None
            while k < count and starts[k] < hi:
                if ends[k] <= hi:
                    w = which[k]
                    if picked is None:
                        picked = [w]
                    elif w not in picked:
                        picked.append(w)
                k += 1
            if picked is not None:
                if key:
                    picked.extend(i for i in key if i not in picked)
                if len(picked) > 1:
                    picked.sort()
                key = tuple(picked)
        if not key:
            return iter(())
        pattern = self.combined.get(key)
        if pattern is None:
            pattern = self._pattern(key)
        return pattern.finditer(text, start, end, timeout=timeout)


_Index = tuple[
    str, list[int], list[int], list[int], list[int], tuple[list[int], list[int]] | None, bool
]


def _expansions(text: str) -> tuple[list[int], list[int]]:
    """Where :func:`fold` makes a character longer ("ß" → "ss"): the offsets just after
    each such character and the characters added up to there, to map offsets into the
    folded text. Remembered for the last article."""
    hit = _EXPANSIONS[0]
    if hit[0] is text:
        return hit[1]
    grow = {c: len(fold(c)) - 1 for c in set(text)}
    found: list[tuple[int, int]] = []
    for c, g in grow.items():
        if g:
            p = text.find(c)
            while p >= 0:
                found.append((p + 1, g))
                p = text.find(c, p + 1)
    found.sort()
    total = 0
    totals = []
    for _, g in found:
        total += g
        totals.append(total)
    result = ([f[0] for f in found], totals)
    _EXPANSIONS[0] = (text, result)
    return result


_EXPANSIONS: list[tuple[str, tuple[list[int], list[int]]]] = [("", ([], []))]


def _folded_offset(expansions: tuple[list[int], list[int]], offset: int) -> int:
    """The offset in the folded text of ``offset`` in the text (see :func:`_expansions`)."""
    k = bisect_right(expansions[0], offset) - 1
    return offset + (expansions[1][k] if k >= 0 else 0)


_SCANNERS: dict[tuple[int, str], tuple[LanguagePack, SectionScanner]] = {}


def section_scanner(pack: LanguagePack, name: str) -> SectionScanner:
    """The scanner of a pack's section, built once per pack object."""
    key = (id(pack), name)
    hit = _SCANNERS.get(key)
    if hit is not None and hit[0] is pack:
        return hit[1]
    scanner = SectionScanner(pack, name)
    _SCANNERS[key] = (pack, scanner)
    return scanner
