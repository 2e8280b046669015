"""The paragraphs of a quote that runs over several paragraphs, each judged on its own.

Newsroom copy writes a long quote over paragraphs by leaving each paragraph's quote open and
reopening the mark at the start of the next one (“… ⏎ “… ⏎ “…”). The pairing in
:mod:`._quotes` reads that as one quote, and its attribution as the whole quote's. Readers
meet each paragraph on its own, though, and strict newsroom style asks the same of each
reopened paragraph as of a quote paragraph closed and reopened: a paragraph that carries no
attribution of its own and follows the same speaker's words is a *carry-over* (the rule
flags it under ``carry-over: strict`` and accepts it under ``paragraph``).

* A later paragraph (the mark reopened) is a carry-over unless its own sentence ties it to
  a speaker ("“…,” he added.").
* The first paragraph is one only when it stands alone right after a paragraph whose last
  quote is attributed, and its own sentence ties it to nobody: the speaker named at the
  end of the last paragraph ("says Foster") then comes late, after a paragraph of the same
  speaker's words went by unattributed.

Mixed into the quote analysis of :mod:`._quotes` (it supplies ``article``, ``text``,
``_attribute`` and ``_has_words``); kept apart so that module stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newslint.rules._quote_marks import Raw

if TYPE_CHECKING:
    from newslint.rules._quotes import Quote

#: How a quote is tied to its speaker by words outside it that may stand after its first
#: paragraph: only these can leave the first paragraph without a tie of its own.
_TIES_AFTER = frozenset({"same-sentence", "speech-tag", "dash-credit", "incise"})
_Span = tuple[int, int]


class PiecesMixin:
    """Carry-over paragraphs inside one multi-paragraph quote (see the module docstring)."""

    article: Any
    text: str

    if TYPE_CHECKING:  # supplied by the quote analysis this is mixed into

        def _attribute(self, r: Raw) -> tuple[Any, ...] | None: ...

        def _has_words(self, a: int, b: int) -> bool: ...

    def _carried_pieces(self, r: Raw, q: Quote, before: Quote | None) -> tuple[_Span, ...]:
        """The spans of ``q``'s paragraphs that carry no attribution of their own and follow
        the same speaker's words; ``before`` is the last quote of the paragraph before."""
        if r.first_block == r.last_block or not q.attributed:
            return ()
        blocks = self.article.blocks
        out: list[_Span] = []
        for b in range(r.first_block, r.last_block + 1):
            last = b == r.last_block
            start = r.start if b == r.first_block else blocks[b].start
            end = r.end if last else blocks[b].end
            while end > start and self.text[end - 1].isspace():
                end -= 1
            piece = Raw(start, end, r.open, r.close if last else None, b, b)
            if b == r.first_block:
                if q.how not in _TIES_AFTER or not _follows_attributed(before, b):
                    continue  # tied before the quote, or nobody spoke just before
                if self._has_words(blocks[b].start, start):
                    continue  # the quote does not open its paragraph
            if self._attribute(piece) is None:
                out.append((start, end))
        return tuple(out)


def _follows_attributed(before: Quote | None, block: int) -> bool:
    """Whether the paragraph before ``block`` ends with an attributed quote."""
    return (
        before is not None
        and before.attributed
        and bool(before.speaker)
        and before.last_block == block - 1
    )
