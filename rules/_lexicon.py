r"""Lexicon sections of the disclosure rules, scanned entry by entry behind one automaton.

``LanguagePack.pattern(name)`` compiles a section as one alternation, which is right for a
handful of entries or an anchored match. The disclosure lexicons hold a hundred entries
with word-boundary lookarounds, which the regex engine must try at every position of the
article; searching each entry on its own, and only when the literal text it cannot match
without occurs in the article at all, is much faster: most entries of most sections never
reach the regex engine.

That literal text is data: a phrase's longest word (a whole word of any match, and all its
whole words must be words of the article), a raw ``{re:}`` entry's ``needs:`` list in the
pack. The needles of every scanned section of the run's packs make one
:class:`~newslint.rules._automaton.Needles` automaton, built on the first scan; one pass of
it per article (kept on the article's probe) tells every section scan of every disclosure
rule which entries may match. A raw entry may also say where its matches open
(``starts:``, ``word:``): it is then tried there only, not at every position.

Phrase entries and raw entries shipped with newslint run without the per-call regex
timeout, which costs about 2 µs a call. Building an entry's regex costs start-up, so it
waits for the entry's first scan.
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

import regex
from newslint.language import _is_cjk, entry_to_regex
from newslint.lazy import lazy_regex
from newslint.rules._automaton import FOLD_TRAPS, Haystack, Needle, Needles

if TYPE_CHECKING:
    from newslint.language import LanguagePack
    from newslint.rule import RuleContext

__all__ = [
    "SECTIONS",
    "LexiconEntry",
    "candidates",
    "entries_of",
    "phrase_needle",
    "scan_hits",
    "scan_section",
]

_FLAGS = regex.IGNORECASE | regex.V0
#: The sections scanned entry by entry (see :func:`scan_hits`), their needles in one automaton.
SECTIONS = (
    "financial-strong",
    "financial-medium",
    "financial-weak",
    "financial-central-bank",
    "financial-tickers",
    "disclaimer-phrases",
    "disclaimer-risk-phrases",
    "disclaimer-labels",
    "editor-by",
    "editor-labels",
    "reporter-labels",
    "editor-words",
    "related-links-headings",
)
_APOSTROPHES = "'’ʼ`"


#: A phrase's runs between spaces and apostrophes: each matches literally, case aside.
_RUN = lazy_regex(r"[^\s'’ʼ`]+")


def _bounded(phrase: str, a: int, b: int) -> tuple[bool, bool]:
    """Whether the run ``phrase[a:b]`` is bounded, in any match, by what is not a letter or
    digit: a space of the phrase, or an end where its regex puts a word boundary (a letter
    or digit, not Han). An apostrophe is no boundary: "ʼ" is a letter."""
    first, last = phrase[0], phrase[-1]
    before = phrase[a - 1].isspace() if a else first.isalnum() and not _is_cjk(first)
    after = phrase[b].isspace() if b < len(phrase) else last.isalnum() and not _is_cjk(last)
    return before, after


def phrase_needle(phrase: str) -> tuple[Needle, frozenset[str]]:
    """A phrase's needle and words. The needle: its longest run between spaces and
    apostrophes (the first of the longest), case-folded, which any match holds literally,
    with the word boundaries the run has in any match. The words: its runs of letters and
    digits bounded on both sides, case-folded: each is a word of an article it matches."""
    spans = [m.span() for m in _RUN.finditer(phrase)]
    if not spans:
        return "", frozenset()
    a, b = max(spans, key=lambda r: r[1] - r[0])  # max keeps the first of equals
    words = frozenset(
        phrase[x:y].casefold()
        for x, y in spans
        if phrase[x:y].isalnum() and all(_bounded(phrase, x, y))
    )
    return (phrase[a:b].casefold(), *_bounded(phrase, a, b)), words


class LexiconEntry:
    """One lexicon entry: its label, needles and regex, compiled on first use (most entries
    of most sections are never needed for a given run, and compiling costs start-up)."""

    __slots__ = (
        "_pattern",
        "_source",
        "_trusted",
        "entry",
        "label",
        "needles",
        "starts",
        "where",
        "word",
        "words",
    )

    def __init__(self, entry: Any, where: tuple[str, str]) -> None:
        self.entry, self.where = entry, where
        self._source: str | None = None
        self._pattern: regex.Pattern[str] | None = None
        self._trusted: bool | None = None
        self.needles: tuple[Needle, ...]
        #: Case-folded literals one of which opens every match (the pack's ``starts:``).
        self.starts: tuple[str, ...] = ()
        #: Words of the article any match needs besides the needle (a phrase's).
        self.words: frozenset[str] = frozenset()
        if isinstance(entry, str):
            self.label = entry
            needle, self.words = phrase_needle(entry)
            self.needles = (needle,)
        else:
            self.label = str(entry.get("label") or entry.get("re"))
            self._source = entry_to_regex(entry)  # raises on a malformed entry, as ever
            self.needles = tuple(str(n) for n in entry.get("needs") or ())
            self.starts = tuple(str(n).casefold() for n in entry.get("starts") or ())
        #: Every match opens where the run of letters holding a needle opens (``word:``).
        self.word = bool(not isinstance(entry, str) and entry.get("word") and self.needles)

    @property
    def source(self) -> str:
        if self._source is None:
            self._source = entry_to_regex(self.entry)
        return self._source

    @property
    def trusted(self) -> bool:
        """Runs without a regex timeout: a phrase (literals, runs of spaces, lookarounds:
        linear whatever the text) or a raw regex shipped in newslint's own pack for the
        language. A raw regex from a plugin or a user pack keeps the timeout."""
        if self._trusted is None:
            if isinstance(self.entry, str):
                self._trusted = True
            else:
                from newslint.rules import shipped_lexicons

                lang, section = self.where
                re_ = self.entry.get("re")
                self._trusted = any(
                    isinstance(e, dict) and e.get("re") == re_
                    for e in (shipped_lexicons(lang) or {}).get(section) or ()
                )
        return self._trusted

    @property
    def pattern(self) -> regex.Pattern[str]:
        if self._pattern is None:
            self._pattern = regex.compile(self.source, _FLAGS)
        return self._pattern


class _Index:
    """A pack's scanned sections as entries."""

    __slots__ = ("pack", "sections")

    def __init__(self, pack: LanguagePack) -> None:
        self.pack = pack
        self.sections: dict[str, tuple[LexiconEntry, ...]] = {
            name: tuple(LexiconEntry(e, (pack.lang, name)) for e in pack.entries(name))
            for name in SECTIONS
        }


_INDEXES: dict[int, _Index] = {}


def _index(pack: LanguagePack) -> _Index:
    index = _INDEXES.get(id(pack))
    if index is None or index.pack is not pack:
        index = _INDEXES[id(pack)] = _Index(pack)
    return index


class _Group:
    """The packs of a run (the rules read every pack: syndicated copy keeps its original
    language's notices), with one automaton of all their needles: one pass per article
    (about 40 µs on generated copy) instead of one per pack (100 µs for five)."""

    __slots__ = ("indexes", "needles")

    def __init__(self, indexes: tuple[_Index, ...]) -> None:
        self.indexes = indexes
        self.needles: Needles[LexiconEntry] = Needles(
            {e: e.needles for i in indexes for es in i.sections.values() for e in es}
        )


_GROUPS: dict[tuple[int, ...], _Group] = {}
#: (id of ``ctx.packs``, id of the pack) -> (that mapping, that pack, its group): asked for
#: at every scan, so looked up without listing the packs.
_GROUP_OF: dict[tuple[int, int], tuple[Any, LanguagePack, _Group]] = {}


def _group(ctx: RuleContext, pack: LanguagePack) -> _Group:
    hit = _GROUP_OF.get((id(ctx.packs), id(pack)))
    if hit is not None and hit[0] is ctx.packs and hit[1] is pack:
        return hit[2]
    packs = list(ctx.packs.values())
    if not any(p is pack for p in packs):
        packs.append(pack)
    key = tuple(map(id, packs))
    group = _GROUPS.get(key)
    if group is None or any(i.pack is not p for i, p in zip(group.indexes, packs, strict=True)):
        group = _GROUPS[key] = _Group(tuple(map(_index, packs)))
    _GROUP_OF[(id(ctx.packs), id(pack))] = (ctx.packs, pack, group)
    return group


class _Probe(NamedTuple):
    """What every scan of one article shares: the text as the automata read it, and the
    entries of a group of packs that may match (one pass, on the first scan that asks),
    with per pack and section the list :func:`candidates` gives."""

    text: str
    hay: Haystack
    traps: bool
    #: ``hay.folded`` has the text's offsets (every character folds to one, no trap).
    aligned: bool
    passes: dict[int, tuple[_Group, frozenset[LexiconEntry]]]
    #: (id of ``ctx.packs``, id of the pack, section) -> what :func:`candidates` gave.
    lists: dict[tuple[int, int, str], list[LexiconEntry]]


_PROBES: dict[int, _Probe] = {}


def _probe(text: str) -> _Probe:
    hit = _PROBES.get(id(text))
    if hit is not None and hit.text is text:
        return hit
    if len(_PROBES) > 8:  # one article at a time: a few are plenty (they hold its text)
        _PROBES.clear()
    traps = any(c in text for c in FOLD_TRAPS)
    hay = Haystack.of(text)
    aligned = not traps and len(hay.folded) == len(text)
    probe = _PROBES[id(text)] = _Probe(text, hay, traps, aligned, {}, {})
    return probe


def entries_of(pack: LanguagePack, section: str) -> tuple[LexiconEntry, ...]:
    """Every entry of a scanned section, in pack order (the objects :func:`candidates`
    returns)."""
    return _index(pack).sections[section]


def candidates(ctx: RuleContext, pack: LanguagePack, section: str, text: str) -> list[LexiconEntry]:
    """The entries of a section that may match somewhere in ``text``, in section order:
    those whose needle occurs, and for a phrase whose whole words are words of the text
    (all of them when the text holds a fold trap). ``ctx.packs`` and ``pack`` make the
    group whose automaton reads the text once for every scan of the article."""
    probe = _probe(text)
    key = (id(ctx.packs), id(pack), section)
    out = probe.lists.get(key)
    if out is not None:
        return out  # asked by every rule and range: the packs live as long as the run
    entries = _index(pack).sections.get(section)
    if entries is None:
        raise KeyError(f"{section!r} is not scanned entry by entry (see SECTIONS)")
    group = _group(ctx, pack)
    known = probe.passes.get(id(group))
    if known is None or known[0] is not group:
        if probe.traps:
            found = frozenset(e for i in group.indexes for es in i.sections.values() for e in es)
        else:
            found = group.needles.present(probe.hay)
        known = probe.passes[id(group)] = (group, found)
    present, words = known[1], probe.hay.words
    out = probe.lists[key] = [
        e for e in entries if e in present and (probe.traps or e.words <= words)
    ]
    return out


def scan_section(
    ctx: RuleContext,
    pack: LanguagePack,
    section: str,
    text: str,
    pos: int = 0,
    endpos: int | None = None,
) -> list[tuple[str, regex.Match[str]]]:
    """Non-overlapping matches of a lexicon section as ``(entry label, match)``, in order.

    Each entry whose needle occurs in the text is searched on its own: with a hundred-entry
    lexicon this is many times faster than one big alternation, which the regex engine must
    try at every position. Overlaps keep the leftmost, then longest match, as an
    alternation would.
    """
    return [(hit[2], hit[3]) for hit in scan_hits(ctx, pack, section, text, pos, endpos)]


ScanHit = tuple[int, int, str, "regex.Match[str]"]


def scan_hits(
    ctx: RuleContext,
    pack: LanguagePack,
    section: str,
    text: str,
    pos: int = 0,
    endpos: int | None = None,
) -> list[ScanHit]:
    """:func:`scan_section`'s matches as ``(start, -end, label, match)``: callers that only
    need where and which entry skip a method call and a tuple per match."""
    entries = candidates(ctx, pack, section, text)
    if not entries:
        return []
    end = len(text) if endpos is None else endpos
    probe = _probe(text)
    hits: list[ScanHit] = []
    append = hits.append
    for entry in entries:
        label = entry.label
        timeout = None if entry.trusted else ctx.timeout
        pattern = entry.pattern
        if entry.word and probe.aligned:
            for m in _in_words(entry, probe, pos, end, timeout):
                append((m.start(), -m.end(), label, m))
            continue
        starts = _starts(probe, entry.starts, pos, end) if entry.starts else None
        if starts is None:
            for m in pattern.finditer(text, pos, end, timeout=timeout):
                a, b = m.span()
                if b > a:
                    append((a, -b, label, m))
            continue
        # The regex tried only where a match can open, in order: finditer's matches.
        cursor = pos
        for p in starts:
            if p >= cursor:
                m = pattern.match(text, p, end, timeout=timeout)
                if m is not None and m.end() > m.start():
                    append((m.start(), -m.end(), label, m))  # m.start(): after any \K
                    cursor = m.end()
    if len(entries) == 1:
        return hits  # finditer: ordered, disjoint
    hits.sort(key=_POSITION)
    out: list[ScanHit] = []
    last_end = -1
    for hit in hits:
        if hit[0] >= last_end:
            out.append(hit)
            last_end = -hit[1]
    return out


_POSITION = itemgetter(0, 1)
#: An entry's ``starts`` are looked for when they open at most one in this many characters
#: of the range: past that, trying the regex at each costs more than one ``finditer``.
START_SPACING = 48


def _starts(probe: _Probe, literals: tuple[str, ...], pos: int, end: int) -> list[int] | None:
    """Sorted offsets in ``[pos, end)`` where one of ``literals`` opens, or None when the
    folded text lacks the text's offsets or they are too many (then ``finditer`` runs).

    A literal matched case-insensitively at offset q folds to the folded text at q when
    every character folds to one and no fold trap is there."""
    if not probe.aligned:
        return None
    folded, vocab = probe.hay.folded, probe.hay.vocab
    budget = (end - pos) // START_SPACING + 1
    out: list[int] = []
    find = folded.find
    for lit in literals:
        if lit not in vocab and lit.isalnum():
            continue  # a word part the article's words lack (a shorter string to search)
        i = find(lit, pos, end)
        while i >= 0:
            out.append(i)
            if len(out) > budget:
                return None
            i = find(lit, i + 1, end)
    out.sort()
    return out


_RUN_BACK = lazy_regex(r"(?r)\p{L}*")


def _in_words(
    entry: LexiconEntry, probe: _Probe, pos: int, end: int, timeout: float | None
) -> list[regex.Match[str]]:
    """``finditer`` of a ``word:`` entry: the regex tried only where the run of letters
    holding a needle opens (or at the search position, inside such a run), in order.

    A run of letters like ``\\p{L}*aktie`` is tried by ``finditer`` at every position, the
    repetition rescanning the word each time: hundreds of µs on a German article."""
    text, folded = probe.text, probe.hay.folded
    hits: list[int] = []
    for needle in entry.needles:
        lit = (needle if isinstance(needle, str) else needle[0]).casefold()
        i = folded.find(lit, pos, end)
        while i >= 0:
            hits.append(i)
            i = folded.find(lit, i + 1, end)
    hits.sort()
    out: list[regex.Match[str]] = []
    cursor, tried = pos, -1
    for i in hits:
        if i < cursor:
            continue
        start = max(cursor, _RUN_BACK.match(text, 0, i).start())
        if start != tried:
            tried = start
            m = entry.pattern.match(text, start, end, timeout=timeout)
            if m is not None and m.end() > m.start():
                out.append(m)
                cursor = m.end()
    return out
