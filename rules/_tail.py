"""Where an article's body ends: the related-links residue tail and the "body end" offset.

Scraped or syndicated articles often carry a block of other stories' headlines after the
real end ("You might also like", "Vous pourriez également aimer", "相关阅读" …). Several rules
need to know about it: related-links-residue reports it, quote and figure rules exempt it
(the headlines there are not the article's claims), and missing-disclaimer /
missing-editor-credit point their article-level findings at the end of the body, *before* it.

Public helpers (stable names, imported by other rules):

``related_links_tail(article, ctx) -> Tail | None``
    The trailing residue: every residue section from the first one after which no prose
    paragraph follows. ``tail.start``/``tail.end`` are text offsets; ``tail.covers(offset)``
    says whether an offset lies inside one of its sections (a credit line sitting between two
    sections is not covered).
``residue_sections(article, ctx) -> list[Section]``
    Every residue section, trailing or not (an inline "Lire aussi : <titre>" line can sit
    mid-article).
``body_end(article, ctx) -> int``
    Exclusive text offset of the end of the last body block before the tail (or of the last
    block when there is no tail).
``in_residue(article, ctx, offset) -> bool``
    True when the offset lies in any residue section: what exempting rules should call.

Results are cached per article, so calling these from several rules costs one scan.
"""

from __future__ import annotations

import operator
import weakref
from typing import TYPE_CHECKING, Any, NamedTuple

import regex
from newslint.article import Block
from newslint.language import LanguagePack, entry_to_regex
from newslint.rules._lexicon import _Entry, compiled_section, literal_clauses
from newslint.rules._lexicon_probe import (
    FIRST_WORD,
    FOLD_TRAPS,
    Tests,
    clauses_hold,
    holds,
    probe_of,
    word_tests,
)
from newslint.rules._lexicon_syntax import leads as leading_literals
from newslint.rules._lexicon_syntax import tree_of

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.rule import RuleContext

__all__ = [
    "Section",
    "Tail",
    "body_end",
    "in_residue",
    "related_links_tail",
    "residue_sections",
]

#: How many headline-like blocks one residue heading may gather.
MAX_HEADLINES = 20
#: Characters, code points: the longest block that can pass for a headline.
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_CHARS_CJK = 80
#: Characters that close a heading label before its headline: "Lire aussi : …", "Read more | …".
_LABEL_SEPARATORS = r"[:：|｜\-–—>›»·•]"
_TRIM_CHARS = " \t\r\n:：|｜>›»·•*#-–—…→▶►"
_SENTENCE_END = ".。;；:："
_HAN = regex.compile(r"\p{Han}")
_WORDS = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
_SEPARATOR = regex.compile(rf"\s*{_LABEL_SEPARATORS}\s*")
_COLON = regex.compile(r"\s*[:：]")


class Section(NamedTuple):
    """One residue section: a heading (or label) and the headline blocks it gathers.

    ``label_start``/``label_end`` delimit the heading words themselves (where the finding
    goes); ``start``/``end`` span the whole section; ``headlines`` are the (start, end) text
    spans of the gathered headlines; ``inline`` is True for "Label: headline" in one block.
    """

    label: str
    label_start: int
    label_end: int
    start: int
    end: int
    first_unit: int
    last_unit: int
    headlines: tuple[tuple[int, int], ...]
    inline: bool = False

    def covers(self, offset: int) -> bool:
        return self.start <= offset < self.end


class Tail(NamedTuple):
    """The trailing residue sections (see module docstring)."""

    sections: tuple[Section, ...]

    @property
    def start(self) -> int:
        return self.sections[0].start

    @property
    def end(self) -> int:
        return self.sections[-1].end

    def covers(self, offset: int) -> bool:
        return any(s.covers(offset) for s in self.sections)


class _Scan(NamedTuple):
    sections: tuple[Section, ...]
    tail: Tail | None
    body_end: int


_CACHE: weakref.WeakKeyDictionary[Any, _Scan] = weakref.WeakKeyDictionary()


def related_links_tail(article: Article, ctx: RuleContext) -> Tail | None:
    """The related-links residue glued after the article's end, or None."""
    return _scan(article, ctx).tail


def residue_sections(article: Article, ctx: RuleContext) -> list[Section]:
    """Every related-links residue section of the article, in text order."""
    return list(_scan(article, ctx).sections)


def body_end(article: Article, ctx: RuleContext) -> int:
    """Exclusive end offset of the article body: the last block before any residue tail."""
    return _scan(article, ctx).body_end


def in_residue(article: Article, ctx: RuleContext, offset: int) -> bool:
    """True when ``offset`` falls inside a related-links residue section."""
    return any(s.covers(offset) for s in _scan(article, ctx).sections)


# --------------------------------------------------------------------------- scanning


def _packs(ctx: RuleContext) -> list[LanguagePack]:
    """The article's pack first, then the others: syndicated copy often keeps an English
    "Read more" under a French story, and a heading must match a whole block, so looking in
    every language costs little precision."""
    seen = [ctx.pack]
    seen.extend(p for p in ctx.packs.values() if p is not ctx.pack)
    return seen


def _scan(article: Article, ctx: RuleContext) -> _Scan:
    cached = _CACHE.get(article)
    if cached is not None:
        return cached
    scan = _do_scan(article, ctx)
    _CACHE[article] = scan
    return scan


_LINE = regex.compile(r"[^\r\n]+")


def _units(article: Article) -> list[Block]:
    """Blocks, with multi-line blocks split into their lines.

    A reader may keep a run of short lines together as one hard-wrapped paragraph (feeds
    without sentence ends look exactly like that), so the residue is looked for line by line.
    """
    text = article.text
    units: list[Block] = []
    has_cr = "\r" in text
    find, append = text.find, units.append
    for block in article.blocks:
        kind, start, end = block
        if find("\n", start, end) < 0 and (not has_cr or find("\r", start, end) < 0):
            append(block)
            continue
        for m in _LINE.finditer(text, start, end):
            if m.group().strip():
                append(Block(kind, m.start(), m.end()))
    return units


def _do_scan(article: Article, ctx: RuleContext) -> _Scan:
    units = _units(article)
    headings = _headings(_packs(ctx))
    if headings.raw:
        # A raw heading whose literals the article lacks cannot match any of its lines.
        probe, tests = probe_of(article.text), headings.raw_tests
        live = tuple(item for item in headings.raw if holds(tests[item[0].source], probe))
        if len(live) != len(headings.raw):
            headings = headings._replace(raw=live)
    starts = _raw_starts(headings.raw)
    text = article.text
    first_words = headings.first_words
    traps = any(c in text for c in FOLD_TRAPS)
    sections: list[Section] = []
    # Only units that may be headings are looked at; a section also covers the units after
    # its heading, which are skipped as the unit-by-unit walk skipped them.
    if starts is None or traps:
        candidates = [
            j
            for j, unit in enumerate(units)
            if unit.kind != "headline" and _may_head(text, unit, first_words, starts, traps)
        ]
    else:
        # A unit's first two characters, case-folded, must begin a heading's first word or
        # a raw entry's leading literal (see _heads): most units stop at one set test.
        heads, singles = _heads(first_words, starts)
        trim = _TRIM_CHARS
        candidates = [
            j
            for j, unit in enumerate(units)
            if unit.kind != "headline"
            and unit.start < unit.end
            and (
                text[unit.start] in trim
                or (two := text[unit.start : unit.start + 2].casefold())[:2] in heads
                or two[:1] in singles
            )
            and _may_head(text, unit, first_words, starts, traps)
        ]
    i = 0
    for k in candidates:
        if k < i:
            continue
        section = _section_at(article, ctx, headings, units, k)
        if section is not None:
            sections.append(section)
            i = section.last_unit + 1
    tail = _trailing(article, ctx, units, sections)
    end = _body_end(article, units, tail)
    return _Scan(tuple(sections), tail, end)


_FOLD_EXACT = regex.compile(r"[\p{Latin}\p{N}\p{Han}]+")


class _Headings(NamedTuple):
    """Every pack's related-links headings, indexed for a fast whole-block test.

    A unit is a heading candidate only when its first word starts some phrase entry (one
    set lookup) or a raw ``{re:}`` entry matches. The entries are tried one by one, in the
    order of the alternation they used to form (longest source first), which gives the same
    first match, and only those whose first word can begin the unit's: trying a few hundred
    alternatives on every line of a long file, and compiling them, is what this avoids.
    """

    first_words: frozenset[str]
    #: Phrase entries by first word ("": always tried), with their alternation rank.
    by_word: dict[str, tuple[tuple[int, _Entry], ...]]
    #: Raw entries in order, with the literals a match needs (tested on the folded unit).
    raw: tuple[tuple[_Entry, tuple[tuple[str, ...], ...] | None], ...]
    #: The same literals by entry source, ready for ``_lexicon_probe.holds`` on an article.
    raw_tests: dict[str, Tests]

    def candidates(self, first: str) -> list[_Entry]:
        """Phrase entries that can match a unit whose first word is ``first``, in order.

        An entry's first word is matched literally, so it begins the unit's first word
        (equals it, unless a Han phrase, which has no word boundary, is a prefix of it).
        """
        if first not in self.first_words:
            return []
        found = list(self.by_word.get("", ()))
        for k in range(1, len(first) + 1):
            found.extend(self.by_word.get(first[:k], ()))
        found.sort(key=lambda item: item[0])
        return [entry for _rank, entry in found]


_HEADINGS: dict[tuple[int, ...], tuple[list[LanguagePack], _Headings]] = {}
#: The packs of the last call, in order, and their headings (the usual case: every article
#: of a run has the same packs). Holding the packs keeps their ids from being reused.
_LAST_HEADINGS: list[Any] = []


def _order(sources: dict[str, str]) -> list[str]:
    """The order of the alternation the entries used to form: longest source first."""
    return sorted(sources, key=lambda src: (-len(src), src))


def _headings(packs: list[LanguagePack]) -> _Headings:
    # The same heading entries serve whichever pack comes first: key on the set of packs.
    last = _LAST_HEADINGS
    if last and len(last[0]) == len(packs) and all(map(operator.is_, last[0], packs)):
        return last[1]  # the same packs in the same order as the last article: no sorting
    key = tuple(sorted(id(p) for p in packs))
    hit = _HEADINGS.get(key)
    if hit is not None and {id(p) for p in hit[0]} == {id(p) for p in packs}:
        _LAST_HEADINGS[:] = [tuple(packs), hit[1]]
        return hit[1]
    words: set[str] = set()
    phrases: dict[str, str] = {}
    raw: dict[str, Any] = {}
    for pack in packs:
        for entry in pack.entries("related-links-headings"):
            first = FIRST_WORD.match(entry) if isinstance(entry, str) else None
            if first is not None:
                word = first.group().casefold()
                words.add(word)
                # Only a word in scripts whose case folding keeps letters letters can rule
                # a unit out by its first word; any other is always tried.
                phrases.setdefault(
                    entry_to_regex(entry), word if _FOLD_EXACT.fullmatch(word) else ""
                )
            else:
                raw.setdefault(entry_to_regex(entry), literal_clauses(entry))
    by_word: dict[str, list[tuple[int, _Entry]]] = {}
    for rank, src in enumerate(_order(phrases)):
        by_word.setdefault(phrases[src], []).append((rank, _Entry(src, src, None)))
    built = _Headings(
        frozenset(words),
        {w: tuple(items) for w, items in by_word.items()},
        tuple((_Entry(src, src, None), raw[src]) for src in _order(raw)),
        {src: word_tests(clauses) for src, clauses in raw.items()},
    )
    _HEADINGS[key] = (list(packs), built)
    _LAST_HEADINGS[:] = [tuple(packs), built]
    return built


#: A unit's start as :func:`_section_at` sees it: trimmed characters, then the first word.
_HEAD = regex.compile(rf"[{regex.escape(_TRIM_CHARS)}]*+([\p{{L}}\p{{N}}]*)")
#: Characters read at a unit's start for the raw entries' leading literals.
_LEAD_PEEK = 24


def _raw_starts(raw: tuple[tuple[_Entry, Any], ...]) -> tuple[str, ...] | None:
    """Case-folded literals one of which starts every match of the raw entries (empty when
    there are none), or None when some raw entry may start otherwise."""
    out: list[str] = []
    for entry, _clauses in raw:
        leads = _RAW_LEADS.get(entry.source)
        if leads is None:
            leads = _RAW_LEADS[entry.source] = _entry_leads(entry.source)
        if not leads:
            return None
        out.extend(leads)
    return tuple(out)


_RAW_LEADS: dict[str, tuple[str, ...]] = {}
_HEADS: dict[tuple[frozenset[str], tuple[str, ...]], tuple[frozenset[str], frozenset[str]]] = {}


def _heads(
    first_words: frozenset[str], starts: tuple[str, ...]
) -> tuple[frozenset[str], frozenset[str]]:
    """The first two characters of the headings' first words and of the raw leading
    literals, and those of one character.

    :func:`_may_head` accepts a unit not opening with a trimmed character only when its
    first word, case-folded, is one of ``first_words`` or it (or the unit's start, folded)
    starts with one of ``starts``. ``str.casefold`` folds character by character, so the
    fold of the unit's first two characters begins with the same two characters as any of
    those (or with the one-character word or literal itself). Valid when the text holds no
    fold trap (then :func:`_may_head` may accept a unit on other grounds).
    """
    key = (first_words, starts)
    known = _HEADS.get(key)
    if known is None:
        every = [w for w in (*first_words, *starts) if w]
        known = _HEADS[key] = (
            frozenset(w[:2] for w in every if len(w) >= 2),
            frozenset(w for w in every if len(w) == 1),
        )
    return known


_ALL_WORDS: dict[tuple[str, ...], bool] = {}


def _all_words(leads: tuple[str, ...]) -> bool:
    known = _ALL_WORDS.get(leads)
    if known is None:
        known = _ALL_WORDS[leads] = all(FIRST_WORD.fullmatch(lead) for lead in leads)
    return known


def _entry_leads(source: str) -> tuple[str, ...]:
    """Case-folded literals starting every match of ``source`` (empty: unknown)."""
    tree = tree_of(source)
    starts = None if tree is None else leading_literals(tree)
    folded = {lead.casefold() for lead in starts or ()}
    if not folded or not all(folded) or any(len(f) > _LEAD_PEEK for f in folded):
        return ()
    return tuple(sorted(folded))


def _may_head(
    text: str,
    unit: Block,
    first_words: frozenset[str],
    starts: tuple[str, ...] | None,
    traps: bool = True,
) -> bool:
    """False when no heading entry can match the unit, whole or as a label opening it.

    Looks at the unit's start only, trimmed as :func:`_section_at` trims it: a phrase
    entry needs the unit's first word to be one of theirs, a raw entry one of its leading
    literals (see :func:`_raw_starts`) at the start. Units longer than a heading can be
    are rejected first. ``traps``: the text may hold a
    letter whose fold is not the one ``regex`` pairs it with (``_lexicon.fold_aligned``).
    """
    if (
        unit.end - unit.start > HEADLINE_MAX_CHARS
        and text[unit.start] not in _TRIM_CHARS
        and text[unit.end - 1] not in _TRIM_CHARS
    ):
        return False  # too long for a heading once trimmed, whatever it says
    m = _HEAD.match(text, unit.start, unit.end)
    start = m.start(1)
    if start == unit.end:
        return False  # nothing but trimmed characters
    word = m.group(1).casefold()
    if word in first_words:
        return True
    if starts is None:
        return True
    if not starts:
        return False
    if not traps and _all_words(starts):
        # Literals of letters and digits at the start lie inside the first word.
        return word.startswith(starts)
    peek = text[start : min(unit.end, start + _LEAD_PEEK)]
    if traps and any(c in peek for c in FOLD_TRAPS):
        return True
    return peek.casefold().startswith(starts)


def _first_word(chunk: str) -> str:
    m = FIRST_WORD.match(chunk)
    return m.group().casefold() if m else ""


def _heading_match(ctx: RuleContext, index: _Headings, chunk: str, first: str) -> bool:
    for entry in index.candidates(first):
        if entry.pattern.fullmatch(chunk, timeout=ctx.timeout):
            return True
    folded = chunk.casefold()
    return any(
        clauses_hold(clauses, folded) and e.pattern.fullmatch(chunk, timeout=ctx.timeout)
        for e, clauses in index.raw
    )


def _label_prefix(
    ctx: RuleContext, index: _Headings, chunk: str, first: str
) -> regex.Match[str] | None:
    for entry in index.candidates(first):
        m = entry.pattern.match(chunk, timeout=ctx.timeout)
        if m is not None:
            return m
    folded = chunk.casefold()
    for entry, clauses in index.raw:
        if not clauses_hold(clauses, folded):
            continue
        m = entry.pattern.match(chunk, timeout=ctx.timeout)
        if m is not None:
            return m
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    return start, end


def _section_at(
    article: Article,
    ctx: RuleContext,
    headings: _Headings,
    units: list[Block],
    index: int,
) -> Section | None:
    text = article.text
    block = units[index]
    s, e = _trim(text, block.start, block.end)
    if e <= s or e - s > HEADLINE_MAX_CHARS:
        return None
    chunk = text[s:e]
    first = _first_word(chunk)
    if _heading_match(ctx, headings, chunk, first):
        headlines: list[tuple[int, int]] = []
        j = index + 1
        while j < len(units) and len(headlines) < MAX_HEADLINES:
            nxt = units[j]
            if not headline_like(article, ctx, nxt):
                break
            headlines.append((nxt.start, nxt.end))
            j += 1
        at_end = j >= len(units) and not headlines
        if not headlines and not at_end:
            return None
        last = j - 1 if headlines else index
        return Section(chunk, s, e, block.start, units[last].end, index, last, tuple(headlines))
    # Inline form: "Lire aussi : <headline>" / "Read more | <headline>" in one block.
    m = _label_prefix(ctx, headings, chunk, first)
    if m is None:
        return None
    rest = text[s + m.end() : e]
    sep = _SEPARATOR.match(rest)
    if sep is None:
        return None
    h_start = s + m.end() + sep.end()
    if not _headline_text(text[h_start:e]):
        return None
    return Section(
        text[s : s + m.end()],
        s,
        s + m.end(),
        block.start,
        block.end,
        index,
        index,
        ((h_start, e),),
        inline=True,
    )


def _headline_text(chunk: str) -> bool:
    chunk = chunk.strip()
    if not chunk:
        return False
    cjk = len(_HAN.findall(chunk))
    if cjk * 3 >= len(chunk):
        if not 4 <= len(chunk) <= HEADLINE_MAX_CHARS_CJK:
            return False
    else:
        words = _WORDS.findall(chunk)
        if len(words) < 2 or len(chunk) > HEADLINE_MAX_CHARS or len(words) > 30:
            return False
        if chunk[0].islower():
            return False
    return chunk[-1] not in _SENTENCE_END


def headline_like(article: Article, ctx: RuleContext, block: Block) -> bool:
    """A short block that reads like another story's title (no final full stop), and is not a
    credit or disclaimer line (those often sit after the residue and must stay visible)."""
    if block.kind == "headline":
        return False
    chunk = article.text[block.start : block.end].strip()
    if not _headline_text(chunk):
        return False
    return not _is_closing_line(ctx, chunk)


_CLOSING_SECTIONS = ("editor-labels", "editor-by", "reporter-labels", "disclaimer-labels")


def _is_closing_line(ctx: RuleContext, chunk: str) -> bool:
    """A credit or disclaimer line: a multi-word label ("Reporting by", "Édité par") or a
    label followed by a colon ("Editor:", "Avertissement :"). A bare word such as "Por" or
    "Von" is not enough: "Por qué sube el pan" is a headline."""
    head = chunk[:60].lstrip("(（[【*_ ")
    for section in _CLOSING_SECTIONS:
        pattern = compiled_section(ctx.pack, section)  # .match: anchored at the start
        m = pattern.match(head, timeout=ctx.timeout) if pattern is not None else None
        if m is None:
            continue
        if len(m.group().split()) > 1 or _COLON.match(head, m.end()):
            return True
    return False


def _trailing(
    article: Article, ctx: RuleContext, units: list[Block], sections: list[Section]
) -> Tail | None:
    """The sections after which only residue, headline-like or closing lines follow."""
    if not sections:
        return None
    in_section = {b for s in sections for b in range(s.first_unit, s.last_unit + 1)}
    blocks = units
    # Walk backwards: the tail starts at the earliest section with no prose after it.
    last_prose = -1
    for bi in range(len(blocks) - 1, -1, -1):
        if bi in in_section or blocks[bi].kind == "headline":
            continue
        chunk = article.text[blocks[bi].start : blocks[bi].end].strip()
        if not chunk or headline_like(article, ctx, blocks[bi]) or _is_closing_line(ctx, chunk):
            continue
        last_prose = bi
        break
    trailing = tuple(s for s in sections if s.first_unit > last_prose)
    return Tail(trailing) if trailing else None


def _body_end(article: Article, units: list[Block], tail: Tail | None) -> int:
    limit = tail.sections[0].first_unit if tail is not None else len(units)
    for bi in range(limit - 1, -1, -1):
        block = units[bi]
        if block.end > block.start:
            return block.end
    if tail is not None:
        return tail.start
    return len(article.text.rstrip())
