"""Language-aware sentence splitting that never splits inside a quotation.

Latin-script sentences end at ``. ! ? …`` followed by space and a capital, digit or opening
quote, unless the word before is a known abbreviation or an initial. Chinese sentences end at
``。！？`` (a closing quote right after belongs to the sentence). A quotation opened with « “
„ 「 『 " keeps the sentence open until it closes, so a quote holding several sentences plus
its "he said" stays one sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from newslint.article import Sentence

if TYPE_CHECKING:
    from newslint.article import Article

OPENERS = {"«": "»", "“": "”", "„": "“”", "「": "」", "『": "』", '"': '"', "»": "«", "‹": "›"}
_CJK_END = "。！？!?"
_LATIN_END = ".!?…"
_CLOSERS_AFTER_END = "»”\"’」』)]）›"
_WORD_BEFORE = regex.compile(r"([\p{L}\p{N}.]+)\s*$")
_NEXT_START = regex.compile(r"\s+([\p{Lu}\p{N}«“„\"'‘¿¡(\[「『—–-]|[\p{Han}])")
MAX_QUOTE_SPAN = 3000


def _is_abbreviation(text: str, end: int, abbreviations: frozenset[str]) -> bool:
    """True when the '.' at ``end`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, end - 30), end + 1)
    if not m:
        return False
    word = m.group(1)
    if len(word) <= 2 and word[:1].isupper():  # "J." initial, "U."
        return True
    if word.count(".") > 1:  # "U.S." style acronyms
        return True
    return word in abbreviations or word.lower() in abbreviations


def split_block(
    text: str, start: int, end: int, abbreviations: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]``."""
    spans: list[tuple[int, int]] = []
    sent_start = start
    stack: list[tuple[str, int]] = []  # (closers, opened at)
    i = start
    while i < end:
        ch = text[i]
        if stack and ch in stack[-1][0]:
            stack.pop()
            i += 1
            continue
        if stack and i - stack[-1][1] > MAX_QUOTE_SPAN:
            stack.clear()  # an unclosed quote must not swallow the rest of the block
        if ch in OPENERS and not (ch == "»" and not _guillemet_reversed(text, i)):
            if ch == '"' and stack and stack[-1][0] == '"':
                stack.pop()
            else:
                stack.append((OPENERS[ch], i))
            i += 1
            continue
        if not stack:
            if ch in "。！？" or (ch in "!?" and i + 1 < end and _is_han(text[i + 1])):
                j = i + 1
                while j < end and text[j] in _CLOSERS_AFTER_END:
                    j += 1
                spans.append((sent_start, j))
                while j < end and text[j].isspace():
                    j += 1
                sent_start = i = j
                continue
            if ch in _LATIN_END:
                j = i + 1
                while j < end and text[j] in _LATIN_END:
                    j += 1
                while j < end and text[j] in _CLOSERS_AFTER_END:
                    j += 1
                m = _NEXT_START.match(text, j, end)
                if (m or j >= end) and not (ch == "." and _is_abbreviation(text, i, abbreviations)):
                    spans.append((sent_start, j))
                    k = j
                    while k < end and text[k].isspace():
                        k += 1
                    sent_start = i = k
                    continue
        i += 1
    if sent_start < end:
        s, e = sent_start, end
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _guillemet_reversed(text: str, i: int) -> bool:
    """German style »quote« opens with »: true when » is followed by a letter."""
    return i + 1 < len(text) and text[i + 1].isalpha()


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def split_sentences(article: Article) -> list[Sentence]:
    out: list[Sentence] = []
    for bi, block in enumerate(article.blocks):
        for s, e in split_block(article.text, block.start, block.end, article.abbreviations):
            out.append(Sentence(s, e, bi))
    return out
