r"""Lexicon sections compiled for the disclosure rules: anchored patterns and fast scans.

``LanguagePack.pattern(name)`` compiles a section as one alternation, which is right for a
handful of entries. The disclosure lexicons hold a hundred entries with word-boundary
lookarounds, which the regex engine must try at every position of the article; searching
each entry on its own, and only when the literal text it cannot match without occurs in the
article at all (a few substring tests on the case-folded text), is much faster: most entries
of most sections never reach the regex engine.

Raw entries that open with an alternation of words or a run of letters are tried only
where a match can start (``_lexicon_find``). Built-in and phrase entries run without the
per-call regex timeout, which costs about 2 µs a call.

The helpers live in three modules: ``_lexicon_syntax`` (what a raw entry's regex source
requires: a small parser, run once per source), ``_lexicon_probe`` (per-article facts the
gates test) and ``_lexicon_find`` (``str.find``-based start finders). Building a section
costs start-up, so everything per entry that a scan may never need (phrase sources, regex
compilation, whether a raw entry is shipped) is computed on first use.
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

import regex
from newslint.language import LanguagePack, entry_to_regex
from newslint.rules._lexicon_find import (
    LEAD,
    LEAD_WORD,
    PLAIN,
    WORD_RUN,
    finder,
    found,
    lead_starts,
    lead_word_starts,
)
from newslint.rules._lexicon_probe import (
    FIRST_WORD,
    FOLD_TRAPS,
    HAN,
    Probe,
    clauses_hold,
    fold_aligned,
    probe_of,
    text_holds,
)
from newslint.rules._lexicon_syntax import (
    Clauses,
    Unsupported,
    leads,
    literals_of,
    parse,
    required_literals,
    tree_of,
)

if TYPE_CHECKING:
    from newslint.rule import RuleContext

__all__ = [
    "FIRST_WORD",
    "LEAD",
    "LEAD_WORD",
    "PLAIN",
    "WORD_RUN",
    "clauses_hold",
    "compiled_section",
    "fold_aligned",
    "literal_clauses",
    "required_literals",
    "scan_hits",
    "scan_section",
    "section_may_match",
    "text_holds",
]

_FLAGS = regex.IGNORECASE | regex.V0
# Older private names, kept for the tests and ``_tail``.
_probe, _parse, _leads, _Unsupported = probe_of, parse, leads, Unsupported
_FOLD_TRAPS = FOLD_TRAPS
_finder, _found, _lead_starts, _lead_word_starts = finder, found, lead_starts, lead_word_starts

_PATTERN_CACHE: dict[tuple[int, str, str], tuple[LanguagePack, regex.Pattern[str] | None]] = {}


def compiled_section(
    pack: LanguagePack, section: str, mode: str = "search"
) -> regex.Pattern[str] | None:
    """A lexicon section as one pattern for ``mode``: ``search``, ``full`` (whole string) or
    ``prefix`` (anchored at the start). Cached per pack object; None when the section is empty.

    Anchored matching is cheap whatever the size; for searching a long section through a
    whole article, :func:`scan_section` is much faster.
    """
    key = (id(pack), section, mode)
    hit = _PATTERN_CACHE.get(key)
    if hit is not None and hit[0] is pack:
        return hit[1]
    entries = pack.entries(section)
    pattern: regex.Pattern[str] | None = None
    if entries:
        # Longest first; ties by source, not by set order (which varies with the hash seed,
        # so between processes of one run).
        sources = {entry_to_regex(e) for e in entries}
        alts = "|".join(sorted(sources, key=lambda src: (-len(src), src)))
        if mode == "full":
            alts = rf"(?:{alts})"
        elif mode == "prefix":
            alts = rf"\A(?:{alts})"
        pattern = regex.compile(alts, _FLAGS)
    _PATTERN_CACHE[key] = (pack, pattern)
    return pattern


_APOSTROPHES = "'’ʼ`"
_SPACES = regex.compile(rf"[\s{_APOSTROPHES}]+")
_LATIN_PHRASE = regex.compile(r"[\p{Latin}\p{N}\s'’ʼ`!-/:-@\[-`{-~]+")


class _Gate(NamedTuple):
    """What an entry needs from an article before the regex engine is worth starting.

    ``words``: case-folded words that must all be words of the article (a Latin-script
    phrase: each of its words is matched literally between non-letters, so it is a whole
    word of the text; one set test). ``clauses``: clauses of literals for substring tests on
    the case-folded text; ``clauses_no_han``: the same with Han-script literals dropped, for
    articles without any Han character (None: the entry cannot match there at all).
    """

    words: frozenset[str] | None
    clauses: Clauses | None
    clauses_no_han: Clauses | None
    never_without_han: bool
    #: ``clauses`` and ``clauses_no_han`` with each literal paired with whether it is made
    #: of letters and digits only (looked up in ``Probe.vocab``, else in the folded text).
    tests: tuple[tuple[tuple[str, bool], ...], ...] = ()
    tests_no_han: tuple[tuple[tuple[str, bool], ...], ...] = ()


def _tests(clauses: Clauses | None) -> tuple[tuple[tuple[str, bool], ...], ...]:
    return tuple(tuple((n, FIRST_WORD.fullmatch(n) is not None) for n in c) for c in clauses or ())


def _gate(words: frozenset[str] | None, clauses: Clauses | None) -> _Gate | None:
    if words is None and clauses is None:
        return None
    no_han: list[tuple[str, ...]] = []
    never = False
    for clause in clauses or ():
        kept = tuple(n for n in clause if not HAN.search(n))
        never = never or not kept
        no_han.append(kept)

    # Clauses with fewer literals first (a failing clause costs one substring test per
    # literal, and a clause of one literal is usually a rare word), then longer literals
    # first: a rare literal rejects an article with fewer tests. Order never changes the
    # verdict, only how many tests reach it (about an eighth fewer on generated copy).
    def order(cs: list[tuple[str, ...]] | Clauses) -> Clauses:
        return tuple(sorted(cs, key=lambda c: (len(c), -min(map(len, c), default=0), c)))

    with_han = order(list(clauses)) if clauses else None
    without = order(no_han) if clauses and not never else None
    return _Gate(words, with_han, without, never, _tests(with_han), _tests(without))


def _phrase_gate(phrase: str) -> _Gate | None:
    """A phrase matches its runs of non-space, non-apostrophe characters literally."""
    if _LATIN_PHRASE.fullmatch(phrase):
        words = frozenset(w.casefold() for w in FIRST_WORD.findall(phrase))
        return _gate(words or None, None)
    runs = _SPACES.split(phrase)
    return _gate(None, tuple(sorted({(r.casefold(),) for r in runs if r})) or None)


def literal_clauses(entry: Any) -> Clauses | None:
    """Clauses of case-folded literals any match of a lexicon entry contains (see
    :func:`required_literals`; a phrase needs its runs between spaces and apostrophes)."""
    if isinstance(entry, str):
        runs = _SPACES.split(entry)
        return tuple(sorted({(r.casefold(),) for r in runs if r})) or None
    return required_literals(str(entry.get("re")))


class _Entry:
    """One lexicon entry: its label, gate and regex, compiled on first use (most entries
    of most sections are never needed for a given run, and compiling costs start-up).

    ``lit``/``kind`` let :func:`scan_section` find where a match can start with ``str.find``
    instead of running the regex at every position (see ``_lexicon_find.finder``).
    ``source`` (for a phrase) and ``trusted`` (for a raw entry) are worked out on first
    use from ``entry``, the pack's entry, and ``where``, its ``(language, section)``.
    """

    __slots__ = (
        "_pattern",
        "_source",
        "_trusted",
        "entry",
        "gate",
        "kind",
        "label",
        "lit",
        "simple",
        "where",
    )

    def __init__(
        self,
        label: str,
        source: str | None,
        gate: _Gate | None,
        kind: int = 0,
        lit: str = "",
        trusted: bool | None = False,
        entry: Any = None,
        where: tuple[str, str] = ("", ""),
    ) -> None:
        self.label, self._source, self.gate = label, source, gate
        self.kind, self.lit = kind, lit
        self._trusted, self.entry, self.where = trusted, entry, where
        #: The gate is one word, already tested by the section's key index.
        self.simple = gate is not None and gate.clauses is None and len(gate.words or ()) == 1
        self._pattern: regex.Pattern[str] | None = None

    @property
    def source(self) -> str:
        if self._source is None:
            self._source = entry_to_regex(self.entry)
        return self._source

    @property
    def trusted(self) -> bool:
        """Runs without a regex timeout (see :func:`_trusted`)."""
        if self._trusted is None:
            self._trusted = _trusted(*self.where, self.entry)
        return self._trusted

    @property
    def pattern(self) -> regex.Pattern[str]:
        if self._pattern is None:
            self._pattern = regex.compile(self.source, _FLAGS)
        return self._pattern


class _Section(NamedTuple):
    """A section's entries, with the phrase entries indexed by one of their words.

    Most entries are phrases whose words must all be words of the article: keyed by their
    longest word, the candidates come from one set intersection with the article's words
    instead of a test per entry.
    """

    entries: tuple[_Entry, ...]
    keys: frozenset[str]
    by_key: dict[str, tuple[int, ...]]
    others: tuple[int, ...]
    #: Entries that cannot match a text without Han characters (their gate says so).
    han_others: tuple[int, ...] = ()


_SECTION_CACHE: dict[tuple[int, str], tuple[LanguagePack, _Section]] = {}


def _section(pack: LanguagePack, section: str) -> _Section:
    key = (id(pack), section)
    hit = _SECTION_CACHE.get(key)
    if hit is not None and hit[0] is pack:
        return hit[1]
    entries: list[_Entry] = []
    where = (pack.lang, section)
    for entry in pack.entries(section):
        if isinstance(entry, str):
            # A phrase: its source (costly to build) waits for its first scan.
            entries.append(_Entry(entry, None, _phrase_gate(entry), trusted=True, entry=entry))
            continue
        label = str(entry.get("label") or entry.get("re"))
        source = entry_to_regex(entry)  # raises on a malformed entry, as it always did
        tree = tree_of(str(entry.get("re")))
        gate = _gate(None, None if tree is None else literals_of(tree))
        kind, lit = finder(entry, source, tree)
        entries.append(_Entry(label, source, gate, kind, lit, None, entry, where))
    by_key: dict[str, list[int]] = {}
    others: list[int] = []
    han_others: list[int] = []
    for i, e in enumerate(entries):
        if e.gate is not None and e.gate.words:
            word = max(e.gate.words, key=lambda w: (len(w), w))
            by_key.setdefault(word, []).append(i)
        elif e.gate is not None and e.gate.never_without_han:
            han_others.append(i)
        else:
            others.append(i)
    built = _Section(
        tuple(entries),
        frozenset(by_key),
        {k: tuple(v) for k, v in by_key.items()},
        tuple(others),
        tuple(han_others),
    )
    _SECTION_CACHE[key] = (pack, built)
    return built


def _trusted(lang: str, section: str, entry: Any) -> bool:
    """Whether an entry may run without the per-call regex timeout, which costs about 2 µs
    a call (three times an anchored match): a phrase (literals, runs of spaces and
    lookarounds: linear whatever the text) or a raw regex shipped in newslint's own pack
    for the language. A raw regex from a plugin or a user pack keeps the timeout."""
    if isinstance(entry, str):
        return True
    from newslint.rules import shipped_lexicons

    return any(
        isinstance(e, dict) and e.get("re") == entry.get("re")
        for e in (shipped_lexicons(lang) or {}).get(section) or ()
    )


def _section_entries(pack: LanguagePack, section: str) -> list[_Entry]:
    return list(_section(pack, section).entries)


def _candidates(sec: _Section, probe: Probe) -> list[_Entry]:
    """The section's entries that pass their gate on the article, in section order."""
    cached = probe.candidates.get(id(sec))
    if cached is not None and cached[0] is sec:
        return cached[1]
    keys = sec.keys & probe.words
    out: list[_Entry] = []
    han = probe.has_han and sec.han_others
    if keys or sec.others or han:
        by_key, entries = sec.by_key, sec.entries
        picked = [i for k in keys for i in by_key[k]]
        picked.extend(sec.others)
        if han:
            picked.extend(sec.han_others)
        picked.sort()
        # _passes, inlined: a section holds dozens of gated entries, tested per article.
        words, has_han, folded, vocab = probe.words, probe.has_han, probe.folded, probe.vocab
        for i in picked:
            entry = entries[i]
            gate = entry.gate
            if gate is None or entry.simple:
                out.append(entry)
                continue
            if gate.words is not None and not gate.words <= words:
                continue
            if has_han:
                tests = gate.tests
            elif gate.never_without_han:
                continue
            else:
                tests = gate.tests_no_han
            for clause in tests:
                for needle, word in clause:
                    if needle in (vocab if word else folded):
                        break
                else:
                    break  # no literal of this clause: the entry cannot match
            else:
                out.append(entry)
    probe.candidates[id(sec)] = (sec, out)
    return out


def section_may_match(pack: LanguagePack, section: str, text: str) -> bool:
    """False when no entry of the section can match anywhere in ``text`` (so neither can
    ``pack.pattern(section)``, their alternation): a cheap test before a full scan."""
    return bool(_candidates(_section(pack, section), probe_of(text)))


def _passes(gate: _Gate, probe: Probe) -> bool:
    """Whether an entry with this gate may match the probed article (see _candidates)."""
    if gate.words is not None and not gate.words <= probe.words:
        return False
    if probe.has_han:
        tests = gate.tests
    elif gate.never_without_han:
        return False
    else:
        tests = gate.tests_no_han
    folded, vocab = probe.folded, probe.vocab
    for clause in tests:
        for needle, word in clause:
            if needle in (vocab if word else folded):
                break
        else:
            return False
    return True


def scan_section(
    ctx: RuleContext,
    pack: LanguagePack,
    section: str,
    text: str,
    pos: int = 0,
    endpos: int | None = None,
) -> list[tuple[str, regex.Match[str]]]:
    """Non-overlapping matches of a lexicon section as ``(entry label, match)``, in order.

    Each entry is searched on its own, and only when the words and literals it needs occur
    in the text at all (set and substring tests): with a hundred-entry lexicon this is many
    times faster than one big alternation, which the regex engine must try at every position.
    Overlaps keep the leftmost, then longest match, as an alternation would.
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
    end = len(text) if endpos is None else endpos
    probe = probe_of(text)
    entries = _candidates(_section(pack, section), probe)
    if not entries:
        return []
    hits: list[ScanHit] = []
    append = hits.append
    for entry in entries:
        label = entry.label
        trusted = entry._trusted  # the property, only until it is known
        timeout = None if (entry.trusted if trusted is None else trusted) else ctx.timeout
        kind = entry.kind
        if kind == WORD_RUN and probe.aligned is not None:
            for m in found(entry, probe, pos, end, timeout):
                append((m.start(), -m.end(), label, m))
            continue
        starts: list[int] | None
        if kind == LEAD_WORD and probe.aligned is not None:
            starts = lead_word_starts(entry, probe, pos, end)
        elif kind == LEAD and probe.aligned is not None:
            starts = lead_starts(entry, probe.aligned, pos, end)
        else:
            starts = None
        if starts is not None:
            cursor = pos
            pattern = entry.pattern
            for p in starts:
                if p < cursor:
                    continue
                m = pattern.match(text, p, end, timeout=timeout)
                if m is not None and m.end() > m.start():
                    # m.start(), not p: an entry with \K reports only what follows it.
                    append((m.start(), -m.end(), label, m))
                    cursor = m.end()
            continue
        for m in entry.pattern.finditer(text, pos, end, timeout=timeout):
            a, b = m.span()
            if b > a:
                append((a, -b, label, m))
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
