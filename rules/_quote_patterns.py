"""The lexicon patterns of the quote analysis, compiled once per language pack.

Compiling a pattern, or even looking it up in a pack, for every article dominated the quote
rule's run time; so did the large speech-verb alternations, which the regex engine tries at
every position. :func:`pack_patterns` returns, per (pack, English fallback) pair, the
patterns with the word-start lookbehind factored out of runs of phrases (same matches,
several times faster on the German and Spanish lexicons) plus per-pack memo tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:
    from newslint.rule import RuleContext

__all__ = ["SECTIONS", "pack_patterns"]

SECTIONS = ("speech-verbs", "speaker-pronouns", "speaker-epithets", "honorifics", "company-nouns")

_WORD_START = r"(?<![\p{L}\p{N}])"
#: Syntax the alternative splitter does not parse: such patterns are kept as they are.
_UNSPLITTABLE = ("(?#", "[[:", "\\Q", "(?(")
_INLINE_VERBOSE_OR_V1 = regex.compile(r"\(\?[a-zA-Z0-9-]*[xV]")


def _top_level_alternatives(source: str) -> list[str]:
    """``source`` split at its top-level ``|`` (outside groups, sets and escapes)."""
    parts: list[str] = []
    depth, begin, i, in_set = 0, 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
            if source[i + 1 : i + 2] == "^":
                i += 1
            if source[i + 1 : i + 2] == "]":  # a literal ] first in a set
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[begin:i])
            begin = i + 1
        i += 1
    parts.append(source[begin:])
    return parts


def _factored(pattern: regex.Pattern[str] | None) -> regex.Pattern[str] | None:
    """The same pattern with the word-start lookbehind that pack phrases begin with pulled
    out of each run of consecutive alternatives: ``(?<!…)(?:a|b|c)`` instead of
    ``(?<!…)a|(?<!…)b|(?<!…)c``. Same matches (same alternatives, same order), but the regex
    engine rejects a position once instead of once per phrase: several times faster on the
    large German and Spanish speech-verb lexicons."""
    if pattern is None:
        return None
    source = pattern.pattern
    if (
        pattern.flags & (regex.VERBOSE | regex.V1)
        or any(s in source for s in _UNSPLITTABLE)
        or _INLINE_VERBOSE_OR_V1.search(source)
    ):
        return pattern  # comments, nested or POSIX sets: not worth parsing, keep it whole
    parts: list[str | None] = [*_top_level_alternatives(source), None]
    if len(parts) < 3:
        return pattern
    out: list[str] = []
    run: list[str] = []
    for part in parts:
        if part is not None and part.startswith(_WORD_START):
            run.append(part[len(_WORD_START) :])
            continue
        if len(run) == 1:
            out.append(_WORD_START + run[0])
        elif run:
            out.append(_WORD_START + "(?:" + "|".join(run) + ")")
        run = []
        if part is not None:
            out.append(part)
    return regex.compile("|".join(out), pattern.flags)


class _PackPatterns:
    """The lexicon patterns one (pack, English fallback) pair gives the analysis, built
    once per process: compiling or even looking patterns up per article dominated the run."""

    __slots__ = ("cue_pronouns", "fallback", "honor_tail", "lexicon_words", "pack", "patterns")

    def __init__(self, pack: Any, fallback: Any) -> None:
        self.pack = pack
        self.fallback = fallback
        self.patterns: dict[str, regex.Pattern[str] | None] = {}
        for section in SECTIONS:
            pat = pack.pattern(section)
            if pat is None and fallback is not None and fallback is not pack:
                pat = fallback.pattern(section)
            self.patterns[section] = _factored(pat)
        honor = pack.pattern("honorifics")
        if honor is None and fallback is not None and fallback is not pack:
            honor = fallback.pattern("honorifics")
        # Only ever asked whether it matches, so searching backwards gives the same answer
        # without trying every start position.
        self.honor_tail = (
            regex.compile(rf"(?:{honor.pattern})[ \u00a0]*$", regex.IGNORECASE | regex.REVERSE)
            if honor
            else None
        )
        #: word → whether it is a whole speaker pronoun or speech verb (memo).
        self.lexicon_words: dict[str, bool] = {}
        #: speech cue → the pronoun inside it, if any (memo).
        self.cue_pronouns: dict[str, str | None] = {}


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
