"""The lexicon patterns of the quote analysis, compiled once per language pack.

Compiling a pattern, or even looking it up in a pack, for every article dominated the quote
rule's run time; so did the large speech-verb alternations, which the regex engine tries at
every position. :func:`pack_patterns` returns, per (pack, English fallback) pair, the
patterns with the word-start lookbehind factored out of runs of phrases (same matches,
several times faster on the German and Spanish lexicons) and every alternation grouped by
first character (see "first-character dispatch" below), which sections never match an
empty string (so empty windows are not searched at all), plus per-pack memo tables.
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
        return _dispatched(pattern, source)
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
    return _dispatched(pattern, "|".join(out))


def _dispatched(pattern: regex.Pattern[str], source: str) -> regex.Pattern[str]:
    """``source`` (equivalent to ``pattern``) compiled with its alternations dispatched by
    first character, when it has no capturing group or unscoped flag to disturb."""
    if pattern.groups == 0 and not _FLAG_GROUP.search(source):
        source = _dispatch(source)
    if source == pattern.pattern:
        return pattern
    return regex.compile(source, pattern.flags)


# ---- first-character dispatch ------------------------------------------------------------
# The regex engine tries the alternatives of a group one after the other at every position:
# on a 50-verb alternation that is 50 failed comparisons per character of text. Grouping the
# alternatives by their first (literal) character, ``d(?:éclare|it)|a(?:ffirme|joute)``
# instead of ``déclare|affirme|ajoute|dit``, gives the same matches: alternatives with
# different first characters never match at the same position, and those sharing one keep
# their order. Only non-capturing groups whose every alternative starts with a plain literal
# are regrouped; anything else (classes, escapes, lookarounds, flags) is left as written.

_SPECIAL = frozenset("\\.^$*+?{}[]|()#")
_QUANTIFIERS = frozenset("?*+{")
#: A flag group that is not scoped (``(?i)``): moving text around it could change its reach.
_FLAG_GROUP = regex.compile(r"\(\?[a-zA-Z-]+\)")


def _closing_paren(source: str, i: int) -> int:
    """Index of the ")" closing the "(" at ``i`` (escapes and sets skipped), or -1."""
    depth, j, in_set = 0, i, False
    while j < len(source):
        ch = source[j]
        if ch == "\\":
            j += 2
            continue
        if in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
            if source[j + 1 : j + 2] == "^":
                j += 1
            if source[j + 1 : j + 2] == "]":
                j += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def _regroup_inside(alternative: str) -> str:
    """``alternative`` with each top-level ``(?:…)`` group's content dispatched."""
    out: list[str] = []
    i, in_set = 0, False
    while i < len(alternative):
        ch = alternative[i]
        if ch == "\\":
            out.append(alternative[i : i + 2])
            i += 2
            continue
        if in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
            k = i + 1
            if alternative[k : k + 1] == "^":
                k += 1
            if alternative[k : k + 1] == "]":
                k += 1
            out.append(alternative[i:k])
            i = k
            continue
        elif ch == "(":
            j = _closing_paren(alternative, i)
            if j < 0:
                raise ValueError("unbalanced group")
            if alternative.startswith("(?:", i):
                out.append("(?:" + _dispatch(alternative[i + 3 : j]) + ")")
            else:
                out.append(alternative[i : j + 1])  # lookaround, flags…: as written
            i = j + 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _first_key(alternative: str) -> str | None:
    """The dispatch key of an alternative: its first character if it is a plain literal
    (lower-cased: the pattern may ignore case), one shared key for non-ASCII letters that
    no ASCII letter matches case-insensitively, None when it cannot be told."""
    if not alternative:
        return None
    ch = alternative[0]
    if ch in _SPECIAL or ch.isspace() or alternative[1:2] in _QUANTIFIERS:
        return None
    if ch.isascii():
        return ch.lower()
    if any(c.isascii() for c in ch.lower() + ch.upper() + ch.casefold()):
        return None  # K (Kelvin) or ſ would match k or s: keep the order as written
    return "\x00"


def _dispatch(source: str) -> str:
    """An alternation regrouped by first character (see above); same matches."""
    alternatives = [_regroup_inside(a) for a in _top_level_alternatives(source)]
    if len(alternatives) < 3:
        return "|".join(alternatives)
    keys = [_first_key(a) for a in alternatives]
    if None in keys or len(set(keys)) == len(keys):
        return "|".join(alternatives)
    buckets: dict[str | None, list[str]] = {}
    for key, alternative in zip(keys, alternatives, strict=True):
        buckets.setdefault(key, []).append(alternative)
    out: list[str] = []
    for group in buckets.values():
        if len(group) == 1:
            out.append(group[0])
        elif all(a[0] == group[0][0] for a in group):
            out.append(group[0][0] + "(?:" + _dispatch("|".join(a[1:] for a in group)) + ")")
        else:
            out.append("(?:" + "|".join(group) + ")")
    return "|".join(out)


# ---- empty windows ------------------------------------------------------------------------
# A window of zero characters (a quote opening its sentence, the text after a quote that
# ends one) cannot hold a match of a pattern that always consumes a character; the call is
# then skipped. Whether it does is read from the pattern's source, conservatively: anything
# not understood counts as "may match empty", so the call is made.

_ZERO_WIDTH_ESCAPES = frozenset("bBAZGmM")


def _zero_quantifier(source: str, i: int) -> tuple[bool, int]:
    """Whether a quantifier at ``source[i]`` allows zero repetitions, and where it ends."""
    ch = source[i : i + 1]
    if ch in ("?", "*"):
        end = i + 1
        zero = True
    elif ch == "+":
        end, zero = i + 1, False
    elif ch == "{":
        close = source.find("}", i)
        body = source[i + 1 : close] if close != -1 else ""
        if close == -1 or not regex.fullmatch(r"\d*(?:,\d*)?", body) or not body:
            return False, i  # a literal brace, not a quantifier
        low = body.split(",")[0]
        end, zero = close + 1, (not low or int(low) == 0)
    else:
        return False, i
    if source[end : end + 1] in ("?", "+"):  # lazy or possessive
        end += 1
    return zero, end


def _consumes(source: str) -> bool:
    """Whether every match of ``source`` is at least one character long (False when in
    doubt)."""
    return all(_sequence_consumes(a) for a in _top_level_alternatives(source))


def _sequence_consumes(seq: str) -> bool:
    i = 0
    while i < len(seq):
        ch = seq[i]
        consumes: bool
        if ch == "\\":
            nxt = seq[i + 1 : i + 2]
            if not nxt:
                return False
            consumes = nxt not in _ZERO_WIDTH_ESCAPES
            if nxt in "pPNx" and seq[i + 2 : i + 3] == "{":  # \p{L}, \N{…}, \x{…}
                end = seq.find("}", i)
                if end == -1:
                    return False
                i = end + 1
            elif nxt in "xuU":
                i += {"x": 4, "u": 6, "U": 10}[nxt]
            elif nxt.isdigit() or nxt == "g":
                return False  # backreference: may be empty
            else:
                i += 2
        elif ch == "[":
            j = i + 1
            if seq[j : j + 1] == "^":
                j += 1
            if seq[j : j + 1] == "]":
                j += 1
            while j < len(seq) and seq[j] != "]":
                j += 2 if seq[j] == "\\" else 1
            if j >= len(seq):
                return False
            consumes, i = True, j + 1
        elif ch == "(":
            j = _closing_paren(seq, i)
            if j < 0:
                return False
            head = seq[i : i + 4]
            if head.startswith(("(?=", "(?!", "(?<=", "(?<!")):
                consumes = False
            elif head.startswith("(?:") or head.startswith("(?>"):
                consumes = _consumes(seq[i + 3 : j])
            elif head.startswith("(?"):
                flags = regex.match(r"\(\?[a-zA-Z-]*(:?)", seq[i:])
                if flags is None:
                    return False  # named group, conditional…: not modelled
                consumes = bool(flags.group(1)) and _consumes(seq[i + flags.end() : j])
            else:
                consumes = _consumes(seq[i + 1 : j])  # a capturing group
            i = j + 1
        elif ch in "^$":
            consumes, i = False, i + 1
        elif ch in ")|*+?{":
            return False  # not expected here: give up
        else:
            consumes, i = True, i + 1
        zero, i = _zero_quantifier(seq, i)
        if consumes and not zero:
            return True
    return False


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
        "pack",
        "patterns",
    )

    def __init__(self, pack: Any, fallback: Any) -> None:
        self.pack = pack
        self.fallback = fallback
        self.patterns: dict[str, regex.Pattern[str] | None] = {}
        for section in SECTIONS:
            pat = pack.pattern(section)
            if pat is None and fallback is not None and fallback is not pack:
                pat = fallback.pattern(section)
            self.patterns[section] = _factored(pat)
        #: section → whether its pattern never matches an empty string (see _consumes).
        self.consuming: dict[str, bool] = {
            section: pat is not None
            and not pat.flags & (regex.VERBOSE | regex.V1)
            and not any(x in pat.pattern for x in _UNSPLITTABLE)
            and not _INLINE_VERBOSE_OR_V1.search(pat.pattern)
            and _consumes(pat.pattern)
            for section, pat in self.patterns.items()
        }
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
        #: word → whether it is a whole company noun (memo).
        self.company_words: dict[str, bool] = {}


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
