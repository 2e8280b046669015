"""Whether a disclaimer phrase speaks to the reader or belongs to the story's own reporting.

A risk sentence quoted from a regulator ("« Investir comporte des risques », a averti
l'autorité"), a past-performance line in an analyst's quote or a forward-looking-statements
note that the story reports are not the publisher's notice to its readers. Signs tell them
apart without a full quote analysis: the phrase sits inside quotation marks, or (for risk
and boilerplate sentences) it stands in the body rather than among the last blocks where
notices go, or its sentence carries a reporting verb of the pack ("said", "a déclaré",
"sagte", "表示").
Only disclaimer candidates are judged, so this costs nothing on articles without one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex
from newslint.lazy import lazy_regex

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.language import LanguagePack
    from newslint.rule import RuleContext

#: How many blocks at the end of the body a risk sentence may stand in to be a notice.
CLOSING_BLOCKS = 4

#: A run-in heading after the last sentence of a paragraph ("…。免责声明：…", "… end. Disclaimer:").
_SENTENCE_END_BACK = lazy_regex(r"(?r)[.!?。！？][ \t\u3000]*\Z")

_SENTENCE_BREAK = lazy_regex(r"[.!?。！？](?=\s|\Z)|[。！？]")
_SENTENCE_BREAK_BACK = lazy_regex(r"(?r)[.!?。！？](?=\s|\Z)|[。！？]")

#: Opening and closing marks; "“" opens in English and closes a German „…“ quote.
_OPENS = frozenset("«„「『‹")
_CLOSES = frozenset("»”」』›")


def in_quotation(text: str, start: int, pos: int) -> bool:
    """True when ``pos`` lies inside a quotation opened between ``start`` and ``pos``."""
    depth = 0
    german = False  # the last opening mark was „, so "“" closes it
    straight = False
    for ch in text[start:pos]:
        if ch in _OPENS:
            depth += 1
            german = ch == "„"
        elif ch == "“":
            if german and depth:
                depth -= 1
                german = False
            else:
                depth += 1
        elif ch in _CLOSES:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
    return depth > 0 or straight


def reported(
    article: Article, ctx: RuleContext, pack: LanguagePack, start: int, end: int
) -> str | None:
    """Why the phrase at ``start:end`` is a reported statement (None: a notice to readers)."""
    text = article.text
    verbs = pack.pattern("speech-verbs")
    if verbs is None:
        return None
    index = article.block_index_at(start)
    block = article.blocks[index] if index is not None else None
    b_lo, b_hi = (block.start, block.end) if block is not None else (0, len(text))
    # The phrase's sentence, found locally (splitting the whole article costs far more).
    before = _SENTENCE_BREAK_BACK.search(text, b_lo, start)
    after = _SENTENCE_BREAK.search(text, end, b_hi)
    lo = before.end() if before is not None else b_lo
    hi = after.end() if after is not None else b_hi
    for a, b in ((lo, start), (end, hi)):
        if b > a and ctx.search(verbs, text, a, b) is not None:
            return "a reported statement (its sentence has a reporting verb), not a notice"
    return None


def reading(
    article: Article,
    ctx: RuleContext,
    pack: LanguagePack,
    section: str,
    m: regex.Match[str],
    block_start: int,
) -> str | None:
    """Why a phrase candidate does not count (None: it does). Every phrase inside quotation
    marks is reporting; a risk or boilerplate phrase is also reporting when it sits in the
    story's body rather than among its last blocks (where notices go), or when its sentence
    has a reporting verb."""
    if in_quotation(article.text, max(block_start, 0), m.start()):
        return "inside a quotation: the story's reporting, not a notice to readers"
    if section != "disclaimer-risk-phrases":
        return None
    if not _in_closing_blocks(article, ctx, m.start()):
        return "a risk sentence in the story's body, not a notice at its end"
    return reported(article, ctx, pack, m.start(), m.end())


def _in_closing_blocks(article: Article, ctx: RuleContext, pos: int) -> bool:
    """True when ``pos`` lies in the last CLOSING_BLOCKS blocks of the body (before any
    related-links residue), or the article is that short."""
    end = ctx.analysis.residue.body_end
    body = [b for b in article.blocks if b.start < end]
    if len(body) <= CLOSING_BLOCKS:
        return True
    return pos >= body[-CLOSING_BLOCKS].start


def after_sentence(text: str, pos: int, block_start: int) -> bool:
    """True when ``pos`` follows a sentence end inside its paragraph (a run-in heading)."""
    return pos > block_start and _SENTENCE_END_BACK.search(text, block_start, pos) is not None
