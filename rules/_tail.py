"""Where an article's body ends: the related-links residue tail and the "body end" offset.

Scraped or syndicated articles often carry a block of other stories' headlines after the
real end ("You might also like", "Vous pourriez également aimer", "相关阅读" …). Several rules
need to know about it: related-links-residue reports it, quote and figure rules exempt it
(the headlines there are not the article's claims), and missing-disclaimer /
missing-editor-credit point their article-level findings at the end of the body, *before* it.

The scan runs once per article, as the ``residue`` part of the shared analysis
(``ctx.analysis.residue``, a :class:`ResidueScan`): ``sections`` holds every residue section,
trailing or not (an inline "Lire aussi : <titre>" line can sit mid-article); ``tail`` the
trailing residue, every section from the first one after which no prose paragraph follows
(``tail.covers(offset)`` is False for a credit line between two sections); ``body_end`` the
exclusive offset of the last body block before the tail; ``covers(offset)`` whether an offset
lies in any section, which is what exempting rules ask.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any, NamedTuple

import regex
from newslint.article import Block
from newslint.language import LanguagePack
from newslint.lazy import lazy_regex
from newslint.rules._automaton import FOLD_TRAPS
from newslint.rules._lexicon import LexiconEntry, candidates, entries_of

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.rule import RuleContext

__all__ = ["ResidueScan", "Section", "Tail", "scan_residue"]

#: How many headline-like blocks one residue heading may gather.
MAX_HEADLINES = 20
#: Characters, code points: the longest block that can pass for a headline.
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_CHARS_CJK = 80
#: Characters that close a heading label before its headline: "Lire aussi : …", "Read more | …".
_LABEL_SEPARATORS = r"[:：|｜\-–—>›»·•]"
_TRIM_CHARS = " \t\r\n:：|｜>›»·•*#-–—…→▶►"
_SENTENCE_END = ".。;；:："
_HAN = lazy_regex(r"\p{Han}")
_WORDS = lazy_regex(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
_SEPARATOR = lazy_regex(rf"\s*{_LABEL_SEPARATORS}\s*")
_COLON = lazy_regex(r"\s*[:：]")


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


class ResidueScan(NamedTuple):
    """An article's related-links residue (see the module docstring)."""

    sections: tuple[Section, ...]
    tail: Tail | None
    body_end: int

    def covers(self, offset: int) -> bool:
        """True when ``offset`` falls inside any residue section."""
        return any(s.covers(offset) for s in self.sections)


# --------------------------------------------------------------------------- scanning


_LINE = lazy_regex(r"[^\r\n]+")


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


def scan_residue(article: Article, ctx: RuleContext) -> ResidueScan:
    """The residue of ``article``: read it as ``ctx.analysis.residue``, which scans once."""
    units = _units(article)
    live = _live(ctx, article.text)
    sections: list[Section] = []
    if live:
        text = article.text
        # A heading entry matches inside one unit, so the unit holds one of its needles
        # (case-folded): other units are not looked at. A fold trap in the text: all are.
        needles = {_literal(n) for e in live for n in e.needles}
        every = "" in needles or any(c in text for c in FOLD_TRAPS)
        i = 0
        for k, unit in enumerate(units):
            if k < i or unit.kind == "headline":
                continue
            if (
                unit.end - unit.start > HEADLINE_MAX_CHARS
                and text[unit.start] not in _TRIM_CHARS
                and text[unit.end - 1] not in _TRIM_CHARS
            ):
                continue  # too long for a heading once trimmed, whatever it says
            if not every:
                chunk = text[unit.start : unit.end].casefold()
                if not any(n in chunk for n in needles):
                    continue
            section = _section_at(article, ctx, live, units, k)
            if section is not None:
                sections.append(section)
                i = section.last_unit + 1
    tail = _trailing(article, ctx, units, sections)
    end = _body_end(article, units, tail)
    return ResidueScan(tuple(sections), tail, end)


_SECTION = "related-links-headings"
_WORD_START = lazy_regex(r"[\p{L}\p{N}]")
_HEADINGS: dict[tuple[int, ...], tuple[list[LanguagePack], tuple[LexiconEntry, ...]]] = {}


def _literal(needle: Any) -> str:
    return (needle if isinstance(needle, str) else needle[0]).casefold()


def _headings(packs: list[LanguagePack]) -> tuple[LexiconEntry, ...]:
    """Every pack's heading entries, one per regex source, in the order of the alternation
    they used to form: phrases opening with a letter or digit first, then the others, each
    group longest source first. The first entry that matches a unit's start is its label,
    as with that alternation."""
    key = tuple(sorted(id(p) for p in packs))
    hit = _HEADINGS.get(key)
    if hit is not None and all(map(operator.is_, hit[0], sorted(packs, key=id))):
        return hit[1]
    words: dict[str, LexiconEntry] = {}
    others: dict[str, LexiconEntry] = {}
    for pack in packs:
        for entry in entries_of(pack, _SECTION):
            phrase = isinstance(entry.entry, str) and _WORD_START.match(entry.entry)
            (words if phrase else others).setdefault(entry.source, entry)
    order = sorted(words, key=_BY_LENGTH) + sorted(others, key=_BY_LENGTH)
    built = tuple((words.get(src) or others[src]) for src in order)
    _HEADINGS[key] = (sorted(packs, key=id), built)
    return built


def _BY_LENGTH(src: str) -> tuple[int, str]:
    return (-len(src), src)


def _live(ctx: RuleContext, text: str) -> tuple[LexiconEntry, ...]:
    """The heading entries whose needles occur in ``text`` (those of any pack with the same
    source count: a plugin's copy may declare other needles), in :func:`_headings` order."""
    packs = ctx.analysis.packs_in_order
    sources = {e.source for pack in packs for e in candidates(ctx, pack, _SECTION, text)}
    if not sources:
        return ()
    return tuple(e for e in _headings(packs) if e.source in sources)


def _heading_match(ctx: RuleContext, live: tuple[LexiconEntry, ...], chunk: str) -> bool:
    return any(e.pattern.fullmatch(chunk, timeout=ctx.timeout) for e in live)


def _label_prefix(
    ctx: RuleContext, live: tuple[LexiconEntry, ...], chunk: str
) -> regex.Match[str] | None:
    for entry in live:
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
    live: tuple[LexiconEntry, ...],
    units: list[Block],
    index: int,
) -> Section | None:
    text = article.text
    block = units[index]
    s, e = _trim(text, block.start, block.end)
    if e <= s or e - s > HEADLINE_MAX_CHARS:
        return None
    chunk = text[s:e]
    if _heading_match(ctx, live, chunk):
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
    m = _label_prefix(ctx, live, chunk)
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
        pattern = ctx.pack.pattern(section)  # .match: anchored at the start
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
