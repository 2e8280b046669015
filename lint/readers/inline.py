"""Markdown inline markup → prose pieces that map back to the source.

Emphasis, links, images, code-span backticks, autolinks, inline HTML, escapes and entities
are recognised in one left-to-right regex scan (CommonMark's rules, simplified: delimiter
runs use its flanking rules and a bounded opener search, so unmatched markup stays text and
time stays linear). The result only *drops* or *replaces* stretches of the source, so every
remaining character maps to the character the author typed.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata

import regex
from newslint.lazy import lazy_regex
from newslint.plain import Plain
from newslint.readers.html import decode_entity
from newslint.readers.text import Piece

_SPECIAL = lazy_regex(r"[\\`*_~\[\]<&!]")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BACKTICKS = lazy_regex(r"`+")
_DELIMS = lazy_regex(r"\*+|_+|~+")
_AUTOLINK = lazy_regex(
    r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9.\-]{0,251}[A-Za-z0-9])?)>"
)
_INLINE_TAG = lazy_regex(
    r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s+[A-Za-z_:][\w.:-]*"
    r"(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
)
_LINK_TAIL = lazy_regex(
    r"\(\s*(?:<[^<>\r\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"
    r"(?:\s+(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*\)"
)
_REF_TAIL = lazy_regex(r"\[((?:[^\]\[\\]|\\.){0,999})\]")
_ENTITY_MD = lazy_regex(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MAX_OPENER_SEARCH = 64


@functools.lru_cache(maxsize=16)
def _backtick_closer(length: int) -> regex.Pattern[str]:
    return regex.compile(rf"(?<!`)`{{{length}}}(?!`)")


def normalize_label(label: str) -> str:
    """Link labels match case-insensitively with whitespace collapsed."""
    return " ".join(label.split()).casefold()


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


class _Delim(Plain):
    __slots__ = ("can_close", "can_open", "char", "length", "pos")
    _fields = ("pos", "length", "char", "can_open", "can_close")

    def __init__(self, pos: int, length: int, char: str, can_open: bool, can_close: bool) -> None:
        self.pos = pos
        self.length = length
        self.char = char
        self.can_open = can_open
        self.can_close = can_close


def _delimiter(s: str, i: int, j: int) -> _Delim:
    """A run of ``*``/``_``/``~`` with CommonMark's flanking rules (``_`` never intraword)."""
    before = s[i - 1] if i > 0 else " "
    after = s[j] if j < len(s) else " "
    left = not after.isspace() and (not _is_punct(after) or before.isspace() or _is_punct(before))
    right = not before.isspace() and (not _is_punct(before) or after.isspace() or _is_punct(after))
    ch = s[i]
    if ch == "_":
        can_open = left and (not right or _is_punct(before))
        can_close = right and (not left or _is_punct(after))
    else:
        can_open, can_close = left, right
    return _Delim(i, j - i, ch, can_open, can_close)


def _inline_edits(
    s: str, refs: set[str], comments: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Edits ``(start, end, replacement)`` that turn Markdown inline markup into prose."""
    edits: list[tuple[int, int, str]] = []
    delims: list[_Delim] = []
    brackets: list[tuple[int, bool]] = []  # (position, is image)
    n = len(s)
    pos = 0
    # Searches that failed once fail for every later start too: remember them, so that
    # many unclosed backtick runs or comments cost linear time, not quadratic.
    no_backtick_closer: set[int] = set()
    comments_close = True
    while True:
        m = _SPECIAL.search(s, pos)
        if m is None:
            break
        i = m.start()
        ch = s[i]
        pos = i + 1
        if ch == "\\":
            if i + 1 < n and (s[i + 1] in _ASCII_PUNCT or s[i + 1] in "\r\n"):
                # drop the backslash: keep the escaped char (a hard break keeps the line end)
                edits.append((i, i + 1, ""))
                pos = i + 2 if s[i + 1] in _ASCII_PUNCT else i + 1
        elif ch == "`":
            run = _BACKTICKS.match(s, i)
            length = run.end() - i  # type: ignore[union-attr]
            closer = None
            if length not in no_backtick_closer:
                closer = _backtick_closer(length).search(s, i + length)
            if closer is None:
                no_backtick_closer.add(length)
                pos = i + length  # a literal run of backticks
            else:
                edits.append((i, i + length, ""))
                edits.append((closer.start(), closer.end(), ""))
                pos = closer.end()
        elif ch == "<":
            if s.startswith("<!--", i):
                end = s.find("-->", i + 4) if comments_close else -1
                comments_close = end != -1
                if end != -1:
                    comments.append((i, end + 3, s[i + 4 : end]))  # joined offsets; mapped later
                    edits.append((i, end + 3, ""))
                    pos = end + 3
            elif am := _AUTOLINK.match(s, i):
                edits.append((i, i + 1, ""))
                edits.append((am.end() - 1, am.end(), ""))
                pos = am.end()
            elif tm := _INLINE_TAG.match(s, i):
                edits.append((i, tm.end(), "\n" if tm.group(1).lower() == "br" else ""))
                pos = tm.end()
        elif ch == "&":
            em = _ENTITY_MD.match(s, i)
            if em:
                decoded = decode_entity(em.group())
                if decoded is not None:
                    edits.append((i, em.end(), decoded))
                    pos = em.end()
        elif ch == "!":
            if s.startswith("[", i + 1):
                brackets.append((i, True))
                pos = i + 2
        elif ch == "[":
            brackets.append((i, False))
        elif ch == "]":
            pos = _close_bracket(s, i, brackets, refs, edits)
        else:
            run_end = _DELIMS.match(s, i).end()  # type: ignore[union-attr]
            delims.append(_delimiter(s, i, run_end))
            pos = run_end
    _match_emphasis(delims, edits)
    return edits


def _close_bracket(
    s: str,
    i: int,
    brackets: list[tuple[int, bool]],
    refs: set[str],
    edits: list[tuple[int, int, str]],
) -> int:
    if not brackets:
        return i + 1
    opener, image = brackets.pop()
    tail_end: int | None = None
    tail = _LINK_TAIL.match(s, i + 1)
    if tail:
        tail_end = tail.end()
    else:
        ref = _REF_TAIL.match(s, i + 1)
        label = ref.group(1) if ref and ref.group(1) else s[opener + (2 if image else 1) : i]
        if (ref and ref.group(1)) or normalize_label(label) in refs:
            tail_end = ref.end() if ref else i + 1
    if tail_end is None:
        return i + 1  # plain brackets stay as text
    if image:
        edits.append((opener, tail_end, ""))  # an image is not prose; covers edits inside it
    else:
        edits.append((opener, opener + 1, ""))
        edits.append((i, tail_end, ""))
    return tail_end


def _match_emphasis(delims: list[_Delim], edits: list[tuple[int, int, str]]) -> None:
    stack: list[_Delim] = []
    for d in delims:
        if d.can_close:
            for k in range(len(stack) - 1, max(-1, len(stack) - 1 - _MAX_OPENER_SEARCH), -1):
                o = stack[k]
                if o.char == d.char and (d.char != "~" or o.length == d.length):
                    used = min(o.length, d.length)
                    edits.append((o.pos + o.length - used, o.pos + o.length, ""))
                    edits.append((d.pos, d.pos + used, ""))
                    del stack[k:]
                    break
            else:
                if d.can_open:
                    stack.append(d)
                continue
            continue
        if d.can_open:
            stack.append(d)


def inline_pieces(
    source: str, ranges: list[tuple[int, int]], refs: set[str], comments: list[tuple[int, int, str]]
) -> list[Piece]:
    """Prose pieces of one Markdown leaf block given as source ranges (line contents)."""
    merged: list[tuple[int, int]] = []
    for s, e in ranges:
        if merged and merged[-1][1] == s:
            merged[-1] = (merged[-1][0], e)
        elif e > s:
            merged.append((s, e))
    if not merged:
        return []
    joined = "".join(source[s:e] for s, e in merged)
    if _SPECIAL.search(joined) is None:  # the common case: nothing to strip
        return [(s, e, None) for s, e in merged]
    bases = []
    total = 0
    for s, e in merged:
        bases.append(total)
        total += e - s

    first = merged[0][0]
    single = len(merged) == 1

    def to_src(j: int, is_end: bool = False) -> int:
        if single:
            return first + j
        k = bisect.bisect_right(bases, j - 1 if is_end and j > 0 else j) - 1
        k = max(k, 0)
        return merged[k][0] + j - bases[k]

    local_comments: list[tuple[int, int, str]] = []
    edits = _inline_edits(joined, refs, local_comments)
    for cs, ce, body in local_comments:
        comments.append((to_src(cs), to_src(ce, True), body))
    edits.sort(key=lambda t: (t[0], -t[1]))
    pieces: list[Piece] = []

    def copy(js: int, je: int) -> None:
        if single:
            if je > js:
                pieces.append((first + js, first + je, None))
            return
        while js < je:
            k = bisect.bisect_right(bases, js) - 1
            stop = min(je, bases[k] + merged[k][1] - merged[k][0])
            pieces.append((to_src(js), to_src(stop, True), None))
            js = stop

    cur = 0
    for es, ee, rep in edits:
        if es < cur:
            continue  # inside an image already dropped
        copy(cur, es)
        if rep:
            pieces.append((to_src(es), to_src(ee, True), rep))
        cur = ee
    copy(cur, total)
    return pieces
