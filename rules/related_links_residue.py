"""Reports a block of other articles' headlines left after (or inside) the article.

What it checks
    A heading such as "You might also like", "Related articles", "Read more", "More from …",
    "Vous pourriez également aimer", "À lire aussi", "相关阅读", "推荐阅读", "相關閱讀",
    "Das könnte Sie auch interessieren", "Mehr zum Thema", "Lesen Sie auch", "También te
    puede interesar", "Noticias relacionadas" … standing alone as a block and followed by
    short headline-like blocks (or standing last in the article), and the inline form
    "Lire aussi : <titre>" / "Read more: <headline>" on a line of its own. A sentence that
    merely says "Read more about X in our guide." is not residue.

Why it matters
    The block is residue of scraping or syndication: other stories' titles glued after the
    article's end. Published as is, it looks broken and advertises unrelated (sometimes
    competitors') content under the newsroom's name.

Example
    Harbour reopens after storm repairs

    The harbour reopened to ferries on Monday after six weeks of repairs.

    You might also like

    Ten walks along the northern coast

    Why ferry fares are rising this summer

Use instead
    Harbour reopens after storm repairs

    The harbour reopened to ferries on Monday after six weeks of repairs.

Options
    None.

Fix
    Delete the heading and the headlines under it before publishing. ``newslint check --fix
    --unsafe-fixes`` deletes the lines of the block (in Markdown with their markup and links)
    and the blank lines around it, in plain text and Markdown, when no prose of the article
    shares those lines. Unsafe: a person should check that only other stories' headlines go.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from newslint.findings import Hit, Severity
from newslint.rule import Rule, RuleContext
from newslint.rules._house import delete_lines, unsafe_fix

if TYPE_CHECKING:
    from newslint.article import Article


class RelatedLinksResidue(Rule):
    code = "NL401"
    name = "related-links-residue"
    summary = (
        "A 'You might also like' / 'À lire aussi' block of other headlines left in the article."
    )
    severity = Severity.WARNING

    def check(self, article: Article, ctx: RuleContext) -> Iterator[Hit]:
        tail = ctx.analysis.residue.tail
        for section in ctx.analysis.residue.sections:
            text = article.text
            headlines = [" ".join(text[s:e].split()) for s, e in section.headlines]
            trailing = tail is not None and section in tail.sections
            t = ctx.t
            where = t("after the end of the article") if trailing else t("inside the article")
            if len(headlines) > 1:  # no plural forms needed: never fewer than one headline
                what = t("{label} block with {count} headlines of other articles")
            elif headlines:
                what = t("{label} block with 1 headline of other articles")
            else:
                what = t("{label} heading with nothing of the article's own after it")
            what = what.format(label=f"'{section.label}'", count=len(headlines))
            yield Hit(
                section.label_start,
                section.label_end,
                t("Related-links residue {where}: {what}; delete it before publishing.").format(
                    where=where, what=what
                ),
                {
                    "heading": section.label,
                    "headlines": headlines[:10],
                    "trailing": trailing,
                    "inline": section.inline,
                },
                unsafe_fix(
                    article,
                    t("Delete the related-links block"),
                    delete_lines(article, section.start, section.end),
                ),
            )
