"""One article's shared analysis: what several rules need, computed once, on first use.

Every rule that runs on an article gets the same :class:`Analysis` as ``ctx.analysis``.
The quote rule and the figure rule both need the article's quotes with their speakers; the
disclaimer, credit and residue rules all need to know where the related-links residue
begins; the figure and disclosure lexicons scan the same case-folded text. Each of those is
a part of the analysis, derived the first time a rule reads it and then shared, so no rule
re-derives what another already found and two rules can never disagree about a quote.

The parts depend on the article, its language pack and the other packs only, never on one
rule's options, which is what makes sharing them sound. A part that fails (a user pack's
pattern timing out) is not remembered: the rule reading it fails, and the next reader tries
again and fails the same way, each rule reported on its own.

Plugins read the same object; the parts and their types are documented in docs/plugins.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from newslint.rule import REGEX_TIMEOUT

if TYPE_CHECKING:
    from newslint.article import Article, Sentence
    from newslint.language import LanguagePack
    from newslint.rule import RuleContext
    from newslint.rules._quotes import Quote
    from newslint.rules._tail import ResidueScan

__all__ = ["Analysis"]


class Analysis:
    """The shared, lazily computed analysis of one article (see the module docstring)."""

    def __init__(
        self,
        article: Article,
        lang: str,
        pack: LanguagePack,
        packs: Mapping[str, LanguagePack],
        timeout: float = REGEX_TIMEOUT,
    ) -> None:
        self.article = article
        self.lang = lang
        self.pack = pack
        self.packs = packs
        self.timeout = timeout

    @cached_property
    def context(self) -> RuleContext:
        """A context without rule options, for the analysers: what they may use is the
        article's pack, the other packs and the timed regex calls, nothing a rule sets."""
        from newslint.rule import RuleContext

        return RuleContext(
            {}, self.lang, self.pack, self.packs, self.article, self.timeout, explain=False
        )

    @property
    def text(self) -> str:
        """The article's prose (``Article.text``); every offset below indexes it."""
        return self.article.text

    @property
    def sentences(self) -> list[Sentence]:
        """The article's sentences, split once per article with its pack's abbreviations."""
        return self.article.sentences

    @cached_property
    def packs_in_order(self) -> list[LanguagePack]:
        """The article's pack first, then every other pack: syndicated copy keeps an English
        "Read more" or disclaimer under a French story, so the page-furniture lexicons
        (disclaimers, credits, residue headings) look in every language."""
        return [self.pack, *(p for p in self.packs.values() if p is not self.pack)]

    @cached_property
    def quotes(self) -> list[Quote]:
        """Every top-level direct quotation, in text order, each with its attribution
        (speaker, cue, or why none was found)."""
        from newslint.rules._quotes import analyse_quotes

        return analyse_quotes(self.article, self.context)

    @cached_property
    def residue(self) -> ResidueScan:
        """The related-links residue (headings such as "Read more" and the headlines under
        them) and where the article's body ends before it."""
        from newslint.rules._tail import scan_residue

        return scan_residue(self.article, self.context)
