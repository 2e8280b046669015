"""Figures sourced by their layout: a list under a label, or introduced by a reporting line.

Results and guidance are often set out as lists rather than sentences: "Q3 guidance:
revenue, $36M to $40M (consensus: $40.2M)", a table after "The company reported:", rows of
« Objectifs 2025 : … ». The label or the introducing line names the source of every figure
under it, so the figure's own clause need not. A label is a pack word (``source-labels``,
``consensus-words``) followed by a colon; an introducing line is a sentence ending with a
colon that holds a source cue or a label, with nothing but list rows (lines not ending like a
sentence) between it and the figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newslint.lazy import lazy_regex
from newslint.rule import RuleContext
from newslint.rules._figure_scope import Scope, scope_of
from newslint.rules._figures import Figure

if TYPE_CHECKING:
    from newslint.article import Article

__all__ = ["Layout", "consensus_only", "layout_verdict"]

#: How far after a label word its colon may stand ("Q3 guidance for the group:").
_COLON_REACH = 30
_COLON = lazy_regex(rf"[^.;!?。；！？\n]{{0,{_COLON_REACH}}}?[:：]")
_SENTENCE_END = ".!?。！？"
#: How many list rows may stand between an introducing line and the figure.
_MAX_ROWS = 8
#: A line ending like a sentence with more words than this is prose, not a list row
#: (counted as spaces: cheap, and a list row is short either way).
_MAX_ROW_WORDS = 10
#: How far before a figure (half as far after) a consensus word makes it the consensus's.
_CONSENSUS_REACH = 60


def _labels(
    text: str, lo: int, hi: int, ctx: RuleContext, consensus: bool
) -> list[tuple[int, str]]:
    """(end of the colon, label word) of every label with its colon in ``text[lo:hi]``."""
    names = ("source-labels", "consensus-words") if consensus else ("source-labels",)
    found: list[tuple[int, str]] = []
    for name in names:
        pattern = ctx.pattern(name)
        if pattern is None:
            continue
        for m in pattern.finditer(text, lo, hi, timeout=ctx.timeout):
            colon = _COLON.match(text, m.end(), hi)
            if colon is not None:
                found.append((colon.end(), m.group()))
    found.sort()
    return found


class Layout:
    """The labels and introducing line of one sentence, found once for all its figures."""

    __slots__ = ("intro", "labels")

    def __init__(
        self,
        article: Article,
        ctx: RuleContext,
        scopes: dict[int, Scope],
        si: int,
        consensus: bool,
    ) -> None:
        text = article.text
        own = article.sentences[si]
        # A label needs its colon: most sentences have none, and need no search.
        has_colon = (
            text.find(":", own.start, own.end) >= 0 or text.find("：", own.start, own.end) >= 0
        )
        self.labels = _labels(text, own.start, own.end, ctx, consensus) if has_colon else []
        self.intro: dict[str, Any] | None = None
        mine = text[own.start : own.end].rstrip()
        if mine and mine[-1] in _SENTENCE_END and mine.count(" ") >= _MAX_ROW_WORDS:
            return  # prose, not a row of a list
        self.intro = _introduced(article, ctx, scopes, si, consensus)

    def verdict(self, fig: Figure) -> dict[str, Any] | None:
        if self.labels and self.labels[0][0] <= fig.start:
            return {"cue": self.labels[0][1], "where": "a list under a label"}
        return self.intro


def _introduced(
    article: Article, ctx: RuleContext, scopes: dict[int, Scope], si: int, consensus: bool
) -> dict[str, Any] | None:
    """The line ending with a colon that introduces the list row ``si``, if it reports."""
    text = article.text
    sentences = article.sentences
    headline = article.headline
    for back in range(1, _MAX_ROWS + 1):
        pi = si - back
        if pi < 0:
            return None
        prev = sentences[pi]
        if headline is not None and headline.start <= prev.start < headline.end:
            return None
        line = text[prev.start : prev.end].rstrip()
        if not line:
            continue
        if line[-1] in ":：":
            cue = scope_of(scopes, article, ctx, pi).first_accepted()
            if cue is not None:
                return {"cue": cue.text, "where": "a list introduced by a reporting line"}
            labels = _labels(text, prev.start, prev.end, ctx, consensus)
            if labels:
                return {"cue": labels[0][1], "where": "a list under a label"}
            return None
        if line[-1] in _SENTENCE_END and line.count(" ") >= _MAX_ROW_WORDS:
            return None  # prose between: the list, if any, ended
    return None


def layout_verdict(
    article: Article,
    ctx: RuleContext,
    scopes: dict[int, Scope],
    layouts: dict[int, Layout],
    si: int,
    fig: Figure,
    consensus: bool,
) -> dict[str, Any] | None:
    """How a label or an introducing line sources ``fig`` (in sentence ``si``), or None."""
    layout = layouts.get(si)
    if layout is None:
        layout = layouts[si] = Layout(article, ctx, scopes, si, consensus)
    return layout.verdict(fig)


def consensus_only(
    article: Article, ctx: RuleContext, fig: Figure, verdict: dict[str, Any]
) -> bool:
    """Whether the source found for ``fig`` is the analysts' consensus (option consensus):
    the cue, a consensus word just before the figure, or the agent after it ("$40.2M
    expected by the consensus")."""
    pattern = ctx.pattern("consensus-words")
    if pattern is None:
        return False
    if pattern.search(str(verdict.get("cue", "")), timeout=ctx.timeout):
        return True
    text = article.text
    lo = max(0, fig.start - _CONSENSUS_REACH)
    hi = fig.start
    if str(verdict.get("where", "")).startswith("passive agent"):
        hi = min(len(text), fig.end + _CONSENSUS_REACH // 2)
    return bool(pattern.search(text, lo, hi, timeout=ctx.timeout))
