r"""Where a raw lexicon entry's matches can start, found with ``str.find``.

Raw entries that open with an alternation of words (``(?:does|do|is)\s+not…``) or with a
run of letters (``\p{L}*aktie…``) are slow to ``finditer``: the engine tries them at every
position. For those, where a match can start is found with ``str.find`` on the case-folded
text (whose offsets are the text's, see ``_lexicon_probe.fold_aligned``) and the regex is
only tried there, anchored, in order, which gives exactly ``finditer``'s matches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import regex
from newslint.rules._lexicon_probe import HAN, fold_aligned
from newslint.rules._lexicon_syntax import leads, tree_of

if TYPE_CHECKING:
    from newslint.rules._lexicon import _Entry
    from newslint.rules._lexicon_probe import Probe

__all__ = [
    "LEAD",
    "LEAD_SPACING",
    "LEAD_WORD",
    "PLAIN",
    "WORD_RUN",
    "finder",
    "found",
    "lead_starts",
    "lead_word_starts",
]

_FLAGS = regex.IGNORECASE | regex.V0

#: Finder kinds. PLAIN: ``finditer``. WORD_RUN: ``\p{L}*LIT…`` (a word containing LIT): a
#: match starts where the run of letters holding an occurrence of LIT starts, found on the
#: case-folded text. LEAD: every match starts with one of a few literals
#: (``(?:does|do|is)\s+not…``): the regex is tried where they occur, when they are rare
#: enough in the range (a regex that opens with an alternation is tried at every position,
#: which is slow).
PLAIN, WORD_RUN, LEAD, LEAD_WORD = 0, 1, 2, 3
#: LEAD is used when its literals occur at most once per this many characters of the range.
LEAD_SPACING = 48
#: LEAD_WORD: ``(?:does|do|is)\s+not…`` or ``(?:la\s+acción|el\s+valor)…``: a match opens
#: with a word, spaces and a second word; it starts where the first word ends right before
#: the spaces before an occurrence of the (rarer) second one.
_LEAD_WORD_SOURCE = regex.compile(r"\(\?:\(\?:(\p{L}+(?:\|\p{L}+)+)\)\\s\+(\p{L}{3,})(?![*?+{])")
_WORD_PAIRS_SOURCE = regex.compile(
    r"\(\?:\(\?:(\p{L}+\\s\+\p{L}{3,}(?:\|\p{L}+\\s\+\p{L}{3,})+)\)(?![*?+{])"
)
#: LEAD_WORD too: ``(?:ne\s+constitue…``, one first word (it opens every match).
_ONE_WORD_SOURCE = regex.compile(r"\(\?:(\p{L}+)\\s\+(\p{L}{3,})(?![*?+{])")
_SPACES_BACK = regex.compile(r"(?r)\s+", _FLAGS)
_WORD_RUN_SOURCE = regex.compile(r"\(\?:\\p\{L\}\*(\p{L}+)")
_RUN_BACK = regex.compile(r"(?r)\p{L}*", _FLAGS)


def finder(entry: Any, source: str, inner: Any = None) -> tuple[int, str]:
    """(kind, literal) for an entry; PLAIN when no literal tells where its matches start.

    ``inner``: the parse tree of the entry's ``re`` when known (``source`` wraps it in a
    group, whose tree is the same sequence of one item: no second parse).
    """
    if isinstance(entry, str):
        return PLAIN, ""  # a phrase starts with a literal: finditer is as fast (measured)
    tree = ("seq", [inner]) if inner is not None else tree_of(source)
    if tree is None:
        return PLAIN, ""
    # One group holding a sequence, no top-level alternative: what opens it opens a match.
    one_sequence = tree[0] == "seq" and len(tree[1]) == 1 and tree[1][0][0] == "seq"
    pairs = _word_pairs(source) if one_sequence else None
    if pairs:
        return LEAD_WORD, pairs
    run = _WORD_RUN_SOURCE.match(source)
    if run is None:
        return _lead_finder(tree)
    # The repetition, then the literal's letters, unquantified.
    lit = run.group(1)
    want = [("rep", ("any",), 0), *(("lit", ch) for ch in lit)]
    if not one_sequence or tree[1][0][1][: len(want)] != want:
        return PLAIN, ""
    folded = fold_aligned(lit)
    return (WORD_RUN, folded) if folded else (PLAIN, "")


def _word_pairs(source: str) -> str | None:
    """LEAD_WORD's literal: "first\\1second" pairs joined by NUL, or None."""
    w = _LEAD_WORD_SOURCE.match(source)
    if w is not None:
        pairs = [(lead, w.group(2)) for lead in w.group(1).split("|")]
    elif (w := _WORD_PAIRS_SOURCE.match(source)) is not None:
        pairs = [(b.split("\\s+")[0], b.split("\\s+")[1]) for b in w.group(1).split("|")]
    elif (w := _ONE_WORD_SOURCE.match(source)) is not None:
        pairs = [(w.group(1), w.group(2))]
    else:
        return None
    out = []
    for first, second in pairs:
        a, b = fold_aligned(first), fold_aligned(second)
        if not a or not b:
            return None
        out.append(f"{a}\1{b}")
    return "\0".join(out)


def _lead_finder(tree: Any) -> tuple[int, str]:
    starts = leads(tree)
    if not starts:
        return PLAIN, ""
    folded = {fold_aligned(lead) or "" for lead in starts}
    # A literal that starts with another one adds no start the other does not find.
    kept = sorted(f for f in folded if not any(o != f and f.startswith(o) for o in folded))
    # One literal first: finditer is as fast (measured). Han alternatives are rare
    # characters, which it also skips fast.
    if len(kept) < 2 or not all(kept) or any(HAN.search(k) for k in kept):
        return PLAIN, ""
    return LEAD, "\0".join(kept)


def lead_starts(entry: _Entry, folded: str, pos: int, end: int) -> list[int] | None:
    """Sorted offsets in ``[pos, end)`` where one of a LEAD entry's literals occurs, or
    None when they are too frequent for trying each to beat one ``finditer``.

    Every match starts with one of the literals, matched case-insensitively, so the folded
    literal occurs there in the (aligned) folded text: trying the regex at each such offset
    in order, skipping those inside the last match, finds what ``finditer`` finds.
    """
    literals = entry.lit.split("\0")
    budget = (end - pos) // LEAD_SPACING + 1
    starts: list[int] = []
    find = folded.find
    for lead in literals:
        i = find(lead, pos, end)
        while i >= 0:
            starts.append(i)
            if len(starts) > budget:
                return None
            i = find(lead, i + 1, end)
    if len(literals) > 1:
        starts.sort()
    return starts


def lead_word_starts(entry: _Entry, probe: Probe, pos: int, end: int) -> list[int]:
    """Sorted offsets in ``[pos, end)`` where a LEAD_WORD entry can match.

    A match opens with a first word, spaces, then a second word: the second occurs in the
    (aligned) folded text, the spaces before it are the whole run of spaces there (the
    first word ends with a letter), and the first word ends where the run starts.
    """
    hay, text = probe.aligned, probe.text
    assert hay is not None
    by_second: dict[str, list[str]] = {}
    for pair in entry.lit.split("\0"):
        first, second = pair.split("\1")
        by_second.setdefault(second, []).append(first)
    starts: set[int] = set()
    for second, firsts in by_second.items():
        i = hay.find(second, pos, end)
        while i >= 0:
            spaces = _SPACES_BACK.match(text, pos, i)
            if spaces is not None:
                for first in firsts:
                    start = spaces.start() - len(first)
                    if start >= pos and hay.startswith(first, start):
                        starts.add(start)
            i = hay.find(second, i + 1, end)
    return sorted(starts)


def found(
    entry: _Entry, probe: Probe, pos: int, end: int, timeout: float | None
) -> list[regex.Match[str]]:
    """``entry.pattern.finditer(text, pos, end)`` for a WORD_RUN entry: the regex is only
    tried where a match can start, in order, as ``finditer`` would.

    A match holds an occurrence
    of the literal, preceded by letters only, and starts at the leftmost position it can:
    the start of that run of letters, or the search position when the run began before it
    (from any later letter of the run the same match is found, so finditer never stops
    there first). Occurrences are looked up in the case-folded text, whose offsets are the
    text's (``probe.aligned``); every case-insensitive match of the literal folds to it.
    """
    text, lit, pattern = probe.text, entry.lit, entry.pattern
    hay = probe.aligned
    assert hay is not None
    out: list[regex.Match[str]] = []
    cursor, tried = pos, -1
    i = hay.find(lit, pos, end)
    while i >= 0:
        start = max(cursor, _RUN_BACK.match(text, 0, i).start())
        if start != tried:
            tried = start
            m = pattern.match(text, start, end, timeout=timeout)
            if m is not None and m.end() > m.start():
                out.append(m)
                cursor = m.end()
        i = hay.find(lit, max(i + 1, cursor), end)
    return out
