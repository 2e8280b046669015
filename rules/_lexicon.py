"""Lexicon sections compiled for the disclosure rules: anchored patterns and fast scans.

``LanguagePack.pattern(name)`` compiles a section as one alternation, which is right for a
handful of entries. The disclosure lexicons hold a hundred entries with word-boundary
lookarounds, which the regex engine must try at every position of the article; searching
each entry on its own, and only when its first word occurs at all, is several times faster.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex
from newslint.language import LanguagePack, entry_to_regex

if TYPE_CHECKING:
    from newslint.rule import RuleContext

__all__ = ["FIRST_WORD", "compiled_section", "scan_section"]

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
        alts = "|".join(sorted({entry_to_regex(e) for e in entries}, key=len, reverse=True))
        if mode == "full":
            alts = rf"(?:{alts})"
        elif mode == "prefix":
            alts = rf"\A(?:{alts})"
        pattern = regex.compile(alts, regex.IGNORECASE | regex.V0)
    _PATTERN_CACHE[key] = (pack, pattern)
    return pattern


FIRST_WORD = regex.compile(r"[\p{L}\p{N}]+")
_Entry = tuple[str, regex.Pattern[str], str | None]
_ENTRY_CACHE: dict[tuple[int, str], tuple[LanguagePack, list[_Entry]]] = {}
_FOLDED: dict[int, tuple[str, str]] = {}


def _section_entries(pack: LanguagePack, section: str) -> list[_Entry]:
    key = (id(pack), section)
    hit = _ENTRY_CACHE.get(key)
    if hit is not None and hit[0] is pack:
        return hit[1]
    out: list[_Entry] = []
    for entry in pack.entries(section):
        if isinstance(entry, str):
            label, first = entry, FIRST_WORD.match(entry)
            needle = first.group().casefold() if first else None
        else:
            label, needle = str(entry.get("label") or entry.get("re")), None
        out.append(
            (label, regex.compile(entry_to_regex(entry), regex.IGNORECASE | regex.V0), needle)
        )
    _ENTRY_CACHE[key] = (pack, out)
    return out


def _folded(text: str) -> str:
    hit = _FOLDED.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    if len(_FOLDED) > 64:
        _FOLDED.clear()
    folded = text.casefold()
    _FOLDED[id(text)] = (text, folded)
    return folded


def scan_section(
    ctx: RuleContext,
    pack: LanguagePack,
    section: str,
    text: str,
    pos: int = 0,
    endpos: int | None = None,
) -> list[tuple[str, regex.Match[str]]]:
    """Non-overlapping matches of a lexicon section as ``(entry label, match)``, in order.

    Each entry is searched on its own, and a phrase only when its first word occurs in the
    text at all (one substring test): with a hundred-entry lexicon this is several times
    faster than one big alternation, which the regex engine must try at every position.
    Overlaps keep the leftmost, then longest match, as an alternation would.
    """
    end = len(text) if endpos is None else endpos
    folded = _folded(text)
    found: list[tuple[int, int, str, regex.Match[str]]] = []
    for label, pattern, needle in _section_entries(pack, section):
        if needle is not None and needle not in folded:
            continue
        for m in pattern.finditer(text, pos, end, timeout=ctx.timeout):
            if m.end() > m.start():
                found.append((m.start(), -m.end(), label, m))
    found.sort(key=lambda f: (f[0], f[1]))
    out: list[tuple[str, regex.Match[str]]] = []
    last_end = -1
    for start, neg_end, label, m in found:
        if start >= last_end:
            out.append((label, m))
            last_end = -neg_end
    return out
