"""The lexicon patterns of the quote analysis, built once per language pack from its entries.

The quote analysis searches the speech verbs, speaker pronouns and epithets thousands of
times per article; the pack's own pattern (``LanguagePack.pattern``: every entry's regex, one
alternative each) makes the regex engine try each of hundreds of verbs at every position.
:func:`pack_patterns` builds each of those sections from its entries instead, with the same
alternatives in the same order (longest first, as ``ordered_alternatives`` orders them), so
leftmost-first matching finds the same match everywhere:

- a run of consecutive phrase entries becomes a prefix tree built from their characters
  (:func:`newslint.language.phrase_pieces`): the shared word-start lookbehind is tested once
  (``(?<![\\p{L}\\p{N}])(?:said|says|…)``), and phrases are grouped by first character and
  share prefixes (``sa(?:id|ys)``). Phrases whose first characters differ never match at the
  same position, so grouping them reorders nothing that matters; phrases sharing a first
  character keep their order.
- raw ``{re:}`` entries are used as written. Those that declare ``starts:`` in the pack (the
  literals one of which opens every match) are guarded by a lookahead for those literals,
  so the engine skips them in one test wherever none opens: each run of them alone, or,
  in a section of mostly raw entries, the whole section under one guard.

Nothing reads regex text: phrases are data, raw entries are opaque, the guards are their
declared literals. Company nouns and honorifics (matched against single words, or rarely)
are the pack's own patterns. Each section compiles on its first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any

import regex
from newslint.language import (
    LanguagePack,
    _is_cjk,
    entry_to_regex,
    ordered_alternatives,
    phrase_bounds,
    phrase_pieces,
)
from newslint.rules._automaton import FOLD_TRAPS

if TYPE_CHECKING:
    from newslint.rule import RuleContext

__all__ = ["SECTIONS", "build_section", "pack_patterns"]

SECTIONS = ("speech-verbs", "speaker-pronouns", "speaker-epithets", "honorifics", "company-nouns")
#: Sections built by :func:`build_section`; the others are the pack's own patterns.
_BUILT = frozenset({"speech-verbs", "speaker-pronouns", "speaker-epithets"})
_FLAGS = regex.IGNORECASE | regex.V0
#: Flags (a raw entry may set them for the whole pattern) under which alternatives may not be
#: regrouped: the pack's own pattern is used then.
_AS_WRITTEN_FLAGS = regex.REVERSE | regex.POSIX | regex.FULLCASE | regex.V1

#: A piece of an alternative: (regex, key). The key of a piece that consumes one character
#: (or a run of whitespace) is :func:`_key` of its text; "" for the word-start lookbehind,
#: which is zero-width and stands before a letter or digit; None for anything else
#: zero-width (the word-end lookahead), which nothing may be moved across.
_Piece = tuple[str, str | None]


def _key(ch: str) -> str:
    """The dispatch key of a piece's character: two characters the engine may match to the
    same text character case-insensitively have the same key. An ASCII letter or digit, or a
    letter that folds to ASCII (the Kelvin sign, long s, dotted İ), is keyed by that fold; a
    CJK character (no case) by itself; every other character (accented letters, which newer
    Unicode versions than Python's may pair with others, whitespace, apostrophes, signs)
    shares one key, keeping the order it is written in."""
    folded = FOLD_TRAPS.get(ch, ch).upper().casefold()
    if folded.isascii() and folded.isalnum():
        return folded
    return ch if _is_cjk(ch) else "\x00"


def _phrase_item(phrase: str) -> tuple[_Piece, ...]:
    before, after = phrase_bounds(phrase)
    pieces: list[_Piece] = [(rx, _key(text)) for text, rx in phrase_pieces(phrase)]
    if before:
        pieces.insert(0, (before, ""))
    if after:
        pieces.append((after, None))
    return tuple(pieces)


def _first_key(item: tuple[_Piece, ...]) -> str | None:
    """The key of the first character ``item`` consumes (None: it may consume none first)."""
    for _, key in item:
        if key != "":
            return key
    return None  # empty: it matches anywhere, nothing may be moved before it


def _alternation(items: Sequence[tuple[_Piece, ...]]) -> str:
    """The regex of ``items`` tried in order, as a prefix tree.

    Items whose first consumed characters have different keys never match at the same
    position: they are grouped by key (groups in any order, items in order within one), then
    consecutive items sharing their first pieces share them: ``p(?:a|b)`` tries ``pa`` then
    ``pb`` like ``pa|pb`` (a piece matches one character, or a whitespace run that the next
    piece, never whitespace, makes as long as it can be)."""
    keys = [_first_key(item) for item in items]
    if None not in keys and len(set(keys)) > 1:
        groups: dict[str | None, list[tuple[_Piece, ...]]] = {}
        for key, item in zip(keys, items, strict=True):
            groups.setdefault(key, []).append(item)
        # Groups opening with the same piece (the word-start lookbehind) side by side.
        ordered = sorted(groups.values(), key=lambda group: group[0][0][0])
        items = [item for group in ordered for item in group]
    out: list[str] = []
    i = 0
    while i < len(items):
        first = items[i][:1]
        j = i + 1
        while first and j < len(items) and items[j][:1] == first:
            j += 1
        if j - i == 1:
            out.append("".join(rx for rx, _ in items[i]))
        else:
            run = items[i:j]
            shared = 1
            while all(len(item) > shared and item[shared] == run[0][shared] for item in run):
                shared += 1
            head = "".join(rx for rx, _ in run[0][:shared])
            out.append(head + "(?:" + _alternation([item[shared:] for item in run]) + ")")
        i = j
    return "|".join(out)


def _guard(literals: Iterable[str]) -> str:
    """A lookahead that holds where one of ``literals`` (read like phrases) opens."""
    items = sorted({tuple((rx, _key(text)) for text, rx in phrase_pieces(lit)) for lit in literals})
    # A literal that another one opens adds nothing: the shorter one holds wherever it would.
    # Sorted, the literals a kept one opens come right after it.
    kept: list[tuple[_Piece, ...]] = []
    for item in items:
        if not kept or item[: len(kept[-1])] != kept[-1]:
            kept.append(item)
    return "(?=" + _alternation(kept) + ")"


def _declared(entry: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key)
    return tuple(value) if isinstance(value, list) else ()


def _alternatives(entries: Iterable[Any]) -> list[tuple[str, Any]]:
    """(regex, entry) per distinct regex, in the pack pattern's order; a raw entry written
    twice keeps its ``starts:`` only if both copies declare some (then all of them)."""
    seen: dict[str, Any] = {}
    for entry in entries:
        source = entry_to_regex(entry)
        kept = seen.setdefault(source, entry)
        if kept is not entry and isinstance(entry, Mapping):
            a, b = _declared(kept, "starts"), _declared(entry, "starts")
            seen[source] = {"re": entry["re"], "starts": [*a, *b] if a and b else []}
    return sorted(seen.items(), key=lambda kv: (-len(kv[0]), kv[0]))


def build_source(entries: Iterable[Any]) -> str:
    """The regex of a section: its entries' alternatives in the pack pattern's order, phrase
    runs as prefix trees, raw entries guarded by their ``starts:`` (see the module docstring).

    A section of mostly raw entries that all declare ``starts:`` gets one guard for the whole
    pattern, the phrases' text among its literals: one test per position instead of one per
    run. Mostly phrases, the word-start lookbehind of the phrase runs costs less than
    testing every phrase's text everywhere: each run of raw entries is guarded alone."""
    alternatives = _alternatives(entries)
    raws = [entry for _, entry in alternatives if not isinstance(entry, str)]
    whole = 2 * len(raws) >= len(alternatives) and all(_declared(e, "starts") for e in raws)
    out: list[str] = []
    for phrases, group in groupby(alternatives, key=lambda alt: isinstance(alt[1], str)):
        run = list(group)
        if phrases:
            out.append(_alternation([_phrase_item(entry) for _, entry in run]))
            continue
        for guarded, raw_part in groupby(run, key=lambda alt: _guarded(alt[1], whole)):
            part = list(raw_part)
            sources = "|".join(source for source, _ in part)
            if guarded:
                out.append(_guard(_literals(part)) + "(?:" + sources + ")")
            else:
                out.append(sources)
    if raws and whole:
        return _guard(_literals(alternatives)) + "(?:" + "|".join(out) + ")"
    return "|".join(out)


def _guarded(entry: Mapping[str, Any], whole: bool) -> bool:
    return not whole and bool(_declared(entry, "starts"))


def _literals(alternatives: Iterable[tuple[str, Any]]) -> list[str]:
    """What opens a match of one of ``alternatives``: a phrase, or a raw entry's ``starts:``."""
    out: list[str] = []
    for _, entry in alternatives:
        out.extend((entry,) if isinstance(entry, str) else _declared(entry, "starts"))
    return out


def build_section(pack: LanguagePack, section: str) -> regex.Pattern[str] | None:
    """``pack.pattern(section)``'s matches, from a pattern built for speed (None when the
    section is empty). A raw entry that switches the whole pattern to reverse, POSIX or full
    case-folding matching leaves the pack's own pattern in use."""
    entries = pack.entries(section)
    if not entries:
        return None
    pattern = regex.compile(build_source(entries), _FLAGS)
    if pattern.flags & _AS_WRITTEN_FLAGS:
        return pack.pattern(section)
    return pattern


def _consumes(entries: Iterable[Any]) -> bool:
    """Whether every match of the section holds a character: each phrase is not empty and
    each raw entry declares literals its matches contain or open with (``needs:``,
    ``starts:``). Then a window of zero characters need not be searched."""
    return all(
        bool(entry) if isinstance(entry, str) else bool(entry.get("needs") or entry.get("starts"))
        for entry in entries
    )


class _Sections(dict[str, "regex.Pattern[str] | None"]):
    """section → pattern, each made on first use (an article may never need some)."""

    def __init__(self, make: Callable[[str], regex.Pattern[str] | None]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, section: str) -> regex.Pattern[str] | None:
        pattern = self[section] = self._make(section)
        return pattern


class _PackPatterns:
    """The lexicon patterns one (pack, English fallback) pair gives the analysis, built
    once per process: compiling or even looking patterns up per article dominated the run."""

    __slots__ = (
        "company_words",
        "consuming",
        "cue_pronouns",
        "fallback",
        "honor_tail",
        "lexicon_words",
        "owners",
        "pack",
        "patterns",
        "trusted",
    )

    def __init__(self, pack: Any, fallback: Any) -> None:
        self.pack = pack
        self.fallback = fallback
        #: section → the pack whose entries it uses: the article's, else English's.
        self.owners: dict[str, Any] = {}
        for section in SECTIONS:
            if pack.entries(section):
                self.owners[section] = pack
            elif fallback is not None and fallback is not pack and fallback.entries(section):
                self.owners[section] = fallback
        self.patterns = _Sections(self._make)
        #: Every section is the built-in pack's own: searched without a timeout. Only those
        #: are reviewed and growth-tested (``LanguagePack.is_shipped``).
        self.trusted = all(
            getattr(owner, "is_shipped", None) is not None and owner.is_shipped(section)
            for section, owner in self.owners.items()
        )
        verbs = self.owners.get("speech-verbs")
        #: section → whether its matches are never empty (only the speech verbs are searched
        #: in windows that may be empty).
        self.consuming = {
            "speech-verbs": verbs is not None and _consumes(verbs.entries("speech-verbs"))
        }
        honor = self.owners.get("honorifics")
        # Only ever asked whether it matches, so searching backwards gives the same answer
        # without trying every start position.
        self.honor_tail = (
            regex.compile(
                "(?:" + "|".join(ordered_alternatives(honor.entries("honorifics"))) + ")"
                "[ \u00a0]*$",
                regex.IGNORECASE | regex.REVERSE,
            )
            if honor is not None
            else None
        )
        #: word → whether it is a whole speaker pronoun or speech verb (memo).
        self.lexicon_words: dict[str, bool] = {}
        #: speech cue → the pronoun inside it, if any (memo).
        self.cue_pronouns: dict[str, str | None] = {}
        #: word → whether it is a whole company noun (memo).
        self.company_words: dict[str, bool] = {}

    def _make(self, section: str) -> regex.Pattern[str] | None:
        owner = self.owners.get(section)
        if owner is None:
            return None
        if section in _BUILT:
            return build_section(owner, section)
        return owner.pattern(section)  # type: ignore[no-any-return]


_PACK_PATTERNS: dict[tuple[int, int], _PackPatterns] = {}


def pack_patterns(ctx: RuleContext) -> _PackPatterns:
    """The compiled patterns and memo tables for the article's pack (English fills gaps)."""
    pack, fallback = ctx.pack, ctx.packs.get("en")
    key = (id(pack), id(fallback))
    hit = _PACK_PATTERNS.get(key)
    if hit is None or hit.pack is not pack or hit.fallback is not fallback:
        if len(_PACK_PATTERNS) > 64:
            _PACK_PATTERNS.clear()
        hit = _PACK_PATTERNS[key] = _PackPatterns(pack, fallback)
    return hit
