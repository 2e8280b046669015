"""What the article-level house rules (disclaimer, editor credit) show an editor.

Their findings point either at the end of the body (where a missing line goes) or at a line
that is there but wrong (a misplaced or reworded disclaimer). An editor reads the message and
the excerpt, not the rule's options: these helpers say *where* in words (a line number, the
text of the last line) and quote house wording in full.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newslint.findings import Edit

if TYPE_CHECKING:
    from newslint.article import Article

#: Longest excerpt the engine keeps (``newslint.engine.EXCERPT_MAX``).
_EXCERPT_MAX = 80


def line_of(article: Article, offset: int) -> int:
    """The 1-based line of the original file holding text offset ``offset``."""
    return article.lines.position(article.smap.to_source(offset))[0]


def end_excerpt(article: Article, end: int) -> str:
    """The last line of the body up to ``end``, as the excerpt of a finding anchored there.

    A long last line (a closing paragraph) keeps its *end*, where the addition goes:
    "…does not constitute investment advice." rather than the paragraph's first words.
    """
    text = article.text
    start = text.rfind("\n", 0, end) + 1
    line = " ".join(text[start:end].split())
    if len(line) > _EXCERPT_MAX:
        line = "…" + line[-(_EXCERPT_MAX - 1) :].lstrip()
    return line


def quote(text: str) -> str:
    """House wording in full, on one line, between double quotes (never cut: the editor
    must be able to copy it)."""
    return '"' + " ".join(text.split()) + '"'


def insert_after_body(article: Article, end: int, text: str) -> Edit:
    """An edit adding ``text`` as a new paragraph (or line) after text offset ``end``."""
    src = article.smap.to_source(end, is_end=True)
    return Edit(src, src, separator(article) + text)


def separator(article: Article) -> str:
    """A blank line where the article separates paragraphs with one, else a line break; in
    the article's own line endings."""
    newline = "\r\n" if "\r\n" in article.source else "\n"
    return newline * 2 if newline * 2 in article.source else newline


def move_block(article: Article, start: int, end: int, body_end: int) -> tuple[Edit, ...]:
    """Edits moving the block(s) at text ``start``..``end`` after ``body_end``: cut the
    block's source lines up to the next block's (the blank line goes with it), paste them
    (Markdown markup kept) as the last paragraph. Empty when no block follows before the
    end (then there is nothing to move past)."""
    following = [b for b in article.blocks if b.start >= end]
    if not following or following[0].start >= body_end:
        return ()
    source = article.source
    # Whole source lines: Markdown markup ("**", "> ", "# ") sits before the block's text.
    cut_start = source.rfind("\n", 0, article.smap.to_source(start)) + 1
    cut_end = source.rfind("\n", 0, article.smap.to_source(following[0].start)) + 1
    last = article.smap.to_source(end, is_end=True)
    line_end = source.find("\n", last)
    moved = source[cut_start : len(source) if line_end < 0 else line_end].strip()
    if cut_end <= cut_start or not moved:
        return ()
    return (Edit(cut_start, cut_end, ""), insert_after_body(article, body_end, moved))
