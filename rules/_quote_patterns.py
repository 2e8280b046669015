"""The lexicon patterns of the quote analysis, compiled once per language pack.

Compiling a pattern, or even looking it up in a pack, for every article dominated the quote
rule's run time; so did the large speech-verb alternations, which the regex engine tries at
every position. :func:`pack_patterns` returns, per (pack, English fallback) pair, the
patterns with the word-start lookbehind factored out of runs of phrases (same matches,
several times faster on the German and Spanish lexicons) and every alternation grouped by
first character (see "first-character dispatch" below), whether the speech verbs never
match an empty string (so empty windows are not searched at all), whether every section
ships with newslint (then searched without the engine's per-call timeout), plus per-pack
memo tables. Company nouns and honorifics are used as the pack compiled them.

This runs when a process lints its first article of a language, so its cost is start-up
time for every pre-commit call: the pattern sources are read with one C-level scan for
their structure characters, and regrouping is memoised and recurses on word lists.
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


#: An escape, a character set (as the splitter reads one: an optional ``^`` and ``]`` first,
#: up to the first unescaped ``]``; never closed: the rest of the source), or ``(``/``)``/``|``.
_STRUCTURE = regex.compile(r"\\.?|\[(?>\^?)(?>\]?)(?:[^\]\\]++|\\.?)*+\]|\[.*|[()|]", regex.DOTALL)
_STRUCTURAL = frozenset("()|")


def _structure(source: str, start: int = 0) -> list[tuple[int, str]]:
    """(index, char) of every ``(``, ``)`` and ``|`` of ``source`` from ``start`` that is
    outside a character set and not escaped. Escapes and sets are skipped by one C-level
    scan instead of a Python step per character: these sources are kilobytes long and are
    analysed when a process lints its first article (start-up time)."""
    return [
        (m.start(), t)
        for m in _STRUCTURE.finditer(source, start)
        if (t := m.group()) in _STRUCTURAL
    ]


def _top_level_alternatives(source: str) -> list[str]:
    """``source`` split at its top-level ``|`` (outside groups, sets and escapes)."""
    parts: list[str] = []
    depth, begin = 0, 0
    for i, ch in _structure(source):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            parts.append(source[begin:i])
            begin = i + 1
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
    run: list[tuple[bool, str]] = []  # (no digit before either, the rest)
    for part in parts:
        if part is not None:
            split = _word_start_split(part)
            if split is not None:
                run.append(split)
                continue
        if run:
            out.append(_factored_run(run))
        run = []
        if part is not None:
            out.append(part)
    return _dispatched(pattern, "|".join(out))


#: The lookbehind of phrases that may follow a digit ("(?:(?<![\p{L}])ha dicho)"): the
#: word-start lookbehind is the same test plus ``_NO_DIGIT``.
_LETTER_START = r"(?<![\p{L}])"
_NO_DIGIT = r"(?<![\p{N}])"


def _word_start_split(part: str) -> tuple[bool, str] | None:
    r"""A top-level alternative that starts with a word-start lookbehind, split: (True, rest)
    for ``(?<![\p{L}\p{N}])rest``, (False, rest) for ``(?<![\p{L}])rest`` or a group
    ``(?:(?<![\p{L}])rest)`` around the whole alternative (rest without a top-level ``|``,
    so the lookbehind applies to all of it); None otherwise."""
    if part.startswith(_WORD_START):
        return True, part[len(_WORD_START) :]
    if part.startswith(_LETTER_START):
        return False, part[len(_LETTER_START) :]
    head = "(?:" + _LETTER_START
    if part.startswith(head) and _closing_paren(part, 0) == len(part) - 1:
        rest = part[len(head) : -1]
        if len(_top_level_alternatives(rest)) == 1:
            return False, "(?:" + rest + ")"
    return None


def _factored_run(run: list[tuple[bool, str]]) -> str:
    r"""Consecutive alternatives starting with a word-start lookbehind, under one lookbehind:
    ``(?<![\p{L}\p{N}])`` is ``(?<![\p{L}])(?<![\p{N}])``, so a run mixing both forms
    tests "no letter before" once, and "no digit before" once per stretch of the first form.
    Same alternatives, same order: the same matches."""
    if len(run) == 1:
        return (_WORD_START if run[0][0] else _LETTER_START) + run[0][1]
    if all(no_digit for no_digit, _ in run):
        return _WORD_START + "(?:" + "|".join(rest for _, rest in run) + ")"
    items: list[str] = []
    digits: list[str] = []  # a stretch of the ``_WORD_START`` form
    tail: list[tuple[bool, str | None]] = [*run, (False, None)]
    for no_digit, rest in tail:
        if no_digit and rest is not None:
            digits.append(rest)
            continue
        if len(digits) == 1:
            items.append(_NO_DIGIT + digits[0])
        elif digits:
            items.append(_NO_DIGIT + "(?:" + "|".join(digits) + ")")
        digits = []
        if rest is not None:
            items.append(rest)
    return _LETTER_START + "(?:" + "|".join(items) + ")"


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
    depth = 0
    for m in _STRUCTURE.finditer(source, i):  # lazily: stops at the closing parenthesis
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def _regroup_inside(alternative: str) -> str:
    """``alternative`` with each top-level ``(?:…)`` group's content dispatched."""
    hit = _REGROUPED.get(alternative)
    if hit is None:
        if len(_REGROUPED) > 20_000:
            _REGROUPED.clear()
        hit = _REGROUPED[alternative] = _regroup_uncached(alternative)
    return hit


def _regroup_uncached(alternative: str) -> str:
    out: list[str] = []
    depth, begin, opened = 0, 0, 0
    for i, ch in _structure(alternative):
        if ch == "(":
            if depth == 0:
                opened = i
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
            if depth == 0 and alternative.startswith("(?:", opened):
                # (lookarounds, flags… stay as written)
                out.append(alternative[begin:opened])
                out.append("(?:" + _dispatch(alternative[opened + 3 : i]) + ")")
                begin = i + 1
    if depth > 0:
        raise ValueError("unbalanced group")
    out.append(alternative[begin:])
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


#: source → its dispatched form. Pure functions of their argument, and regrouping a run of
#: words sharing a prefix re-reads the same inner groups once per prefix character.
_DISPATCHED: dict[str, str] = {}
_REGROUPED: dict[str, str] = {}


def _dispatch(source: str) -> str:
    """An alternation regrouped by first character (see above); same matches."""
    hit = _DISPATCHED.get(source)
    if hit is None:
        if len(_DISPATCHED) > 20_000:
            _DISPATCHED.clear()
        hit = _DISPATCHED[source] = _dispatch_uncached(source)
    return hit


def _dispatch_uncached(source: str) -> str:
    return _dispatch_list([_regroup_inside(a) for a in _top_level_alternatives(source)])


#: Characters after which an alternative is no plain literal for :func:`_dispatch_list`.
_NOT_PLAIN = frozenset("\\[]()|")


def _dispatch_list(alternatives: list[str]) -> str:
    """:func:`_dispatch` of ``"|".join(alternatives)``, the alternatives already regrouped.

    A bucket whose alternatives are plain literals (no escape, set, group or bar) recurses
    on the list of their tails: joining them and splitting the join again gives the same
    list, so the result is the same string without re-reading it once per prefix letter."""
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
            tails = [a[1:] for a in group]
            if all(_NOT_PLAIN.isdisjoint(t) for t in tails):
                inner = _dispatch_list(tails)
            else:
                inner = _dispatch("|".join(tails))
            out.append(group[0][0] + "(?:" + inner + ")")
        else:
            out.append("(?:" + "|".join(group) + ")")
    return "|".join(out)


# ---- empty windows ------------------------------------------------------------------------
# A window of zero characters (a quote opening its sentence, the text after a quote that
# ends one) cannot hold a match of a pattern that always consumes a character; the call is
# then skipped. Whether it does is read from the pattern's source, conservatively: anything
# not understood counts as "may match empty", so the call is made.

_ZERO_WIDTH_ESCAPES = frozenset("bBAZGmM")
_REPEAT_BODY = regex.compile(r"\d*(?:,\d*)?")
_FLAGS_HEAD = regex.compile(r"\(\?[a-zA-Z-]*(:?)")


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
        if close == -1 or not _REPEAT_BODY.fullmatch(body) or not body:
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
                flags = _FLAGS_HEAD.match(seq, i)
                if flags is None:
                    return False  # named group, conditional…: not modelled
                consumes = bool(flags.group(1)) and _consumes(seq[flags.end() : j])
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


def _trusted(owners: list[tuple[Any, str]]) -> bool:
    """Whether each (pack, section) ships with newslint (``LanguagePack.is_shipped``): only
    those patterns are reviewed and growth-tested, so only they may run untimed."""
    for owner, section in owners:
        is_shipped = getattr(owner, "is_shipped", None)
        if is_shipped is None or not is_shipped(section):
            return False
    return True


#: Sections used as the pack compiled them (see ``_PackPatterns``).
_AS_WRITTEN = frozenset({"company-nouns", "honorifics"})


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
        "trusted",
    )

    def __init__(self, pack: Any, fallback: Any) -> None:
        self.pack = pack
        self.fallback = fallback
        self.patterns: dict[str, regex.Pattern[str] | None] = {}
        owners: list[tuple[Any, str]] = []
        for section in SECTIONS:
            pat, owner = pack.pattern(section), pack
            if pat is None and fallback is not None and fallback is not pack:
                pat, owner = fallback.pattern(section), fallback
            if pat is not None:
                owners.append((owner, section))
            # Company nouns and honorifics are only matched against single words (memoised)
            # or in Chinese text: regrouping them saves nothing and costs start-up time.
            self.patterns[section] = pat if section in _AS_WRITTEN else _factored(pat)
        #: Every section is the built-in pack's own: searched without a timeout.
        self.trusted = _trusted(owners)
        #: section → whether its pattern never matches an empty string (see _consumes);
        #: only the speech verbs are searched in windows that may be empty.
        verbs = self.patterns["speech-verbs"]
        self.consuming: dict[str, bool] = {
            "speech-verbs": verbs is not None
            and not verbs.flags & (regex.VERBOSE | regex.V1)
            and not any(x in verbs.pattern for x in _UNSPLITTABLE)
            and not _INLINE_VERBOSE_OR_V1.search(verbs.pattern)
            and _consumes(verbs.pattern)
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
