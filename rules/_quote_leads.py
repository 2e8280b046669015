"""Attribution that comes from the layout around a quote rather than from its sentence.

Real copy credits quotes in ways a sentence-by-sentence reading misses:

* a **lead** that names the source and ends with a colon, then a heading such as "Key
  quotes" and one quote paragraph after another ("Strategists at ACME said in a note:" /
  "Key quotes" / "“…”" / "“…”"), or a lead sentence with a source phrase followed by a
  heading that ends with a colon ("In the opinion of analysts at ACME, …" / "Key quotes:");
* a **dash credit** under a pull-quote: "“…”" then a line "— Jane Doe, chief executive".

Mixed into the quote analysis of :mod:`._quotes` (it supplies ``text``, ``masked``,
``article``, ``sentence`` and ``_tie``); kept apart so that module stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import regex
from newslint.rules._people import NAME

if TYPE_CHECKING:
    from newslint.article import Block

#: How many blocks (headings, quote paragraphs) may stand between a lead and its quote.
LEAD_REACH = 8
#: A heading: a short block with no sentence punctuation at its end ("Key quotes").
HEADING_MAX_WORDS = 6
_TERMINAL = (".", "!", "?", "…", "。", "！", "？", '"', "”", "»", "“", "」")
_OPENING_MARKS = '«»“„"‘‚‹「『'
#: "— Jane Doe, chief executive" on the line under a quote (not the ASCII hyphen of a list).
_DASH_CREDIT = regex.compile(r"[ \t\u00a0]*(?:\r?\n[ \t\u00a0>]*)?[—–―][ \t\u00a0]*(?=\p{Lu})")
_LINE_END = regex.compile(r"[^\n]{0,120}(?:\n|$)")
_Verdict = tuple[str | None, str | None, str | None]


class LeadMixin:
    """Lead-and-list and dash-credit attribution (see the module docstring)."""

    text: str
    masked: str
    article: Any
    quote_blocks: set[int]

    if TYPE_CHECKING:  # supplied by the quote analysis this is mixed into

        def _tie(
            self, lo: int, q_start: int, q_end: int, hi: int, **kw: bool
        ) -> _Verdict | None: ...

        def sentence(self, offset: int) -> tuple[int, int]: ...

    def _heading_like(self, block: Block) -> bool:
        body = self.text[block.start : block.end].strip()
        if block.kind == "heading":
            return True
        if not body or body[0] in _OPENING_MARKS or body.endswith(_TERMINAL):
            return False
        return len(body.split()) <= HEADING_MAX_WORDS

    def _lead(self, first_block: int) -> _Verdict | None:
        """A colon lead above a run of headings and quote paragraphs: the quote opening
        block ``first_block`` is credited to the source the lead names."""
        blocks = self.article.blocks
        colon_heading = False
        for k in range(first_block - 1, max(-1, first_block - 1 - LEAD_REACH), -1):
            block = blocks[k]
            if block.kind == "headline":
                return None
            if k in self.quote_blocks:
                continue  # an earlier quote of the same list
            body = self.text[block.start : block.end].rstrip()
            if self._heading_like(block) or (
                body.endswith((":", "：")) and len(body.split()) <= HEADING_MAX_WORDS
            ):
                if body.endswith((":", "：")):
                    colon_heading = True
                continue
            if body.endswith((":", "：")):
                end = block.start + len(body)
                s_start, _ = self.sentence(end - 1)
                return self._tie(s_start, end, end, end, colon=True)
            if colon_heading:  # "In the opinion of analysts at ACME, …" / "Key quotes:"
                s_start, _ = self.sentence(max(block.start, block.start + len(body) - 1))
                end = block.start + len(body)
                return self._tie(s_start, end, end, end, cue_only=True)
            return None
        return None

    def _dash_credit(self, start: int, end: int, closed: bool) -> _Verdict | None:
        """“…” then "— Jane Doe, chief executive" at the start of the next line (or right
        after the quote on its line): a pull-quote and its credit."""
        if not closed:
            return None
        m = _DASH_CREDIT.match(self.text, end)
        if m is None:
            return None
        name = NAME.match(self.masked, m.end())
        line = _LINE_END.match(self.text, m.end())
        if name is None or line is None:
            return None
        return (name.group(), "name", "—")
