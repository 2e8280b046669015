"""Financial figures must say where they come from.

What it checks
    Every financial figure in the body — an amount with a currency sign, code or word and any
    scale word ("$135 billion", "3 000 milliards de dollars", "1,2 Mrd. Euro", "135亿美元",
    "1.200 millones de euros", "deux milliards de dollars"), a percentage ("13 %", "13 percent",
    "sieben Prozent", "百分之十三"), basis or percentage points, and index points and levels
    ("the Dow fell 475 points") — must have a source or reporting act governing its clause:
    a source named with a reporting verb ("according to", "said", "data from", "a filing
    showed"; « selon », « d'après », « a annoncé »; 据, 根据, 数据显示, 公告; "laut", "zufolge",
    "teilte mit"; "según", "informó"), or the figure must sit inside an attributed quote.
    A semicolon or a contrasting clause ("but", « mais », "aber", "pero", 但) ends that scope;
    a coordinated clause (", and the shares gained 3%") is out of reach of a reporting
    clause before it, not after it; a lead ("According to LSEG, …", 记者从…获悉，) covers
    its whole sentence; a reporting verb inside a time clause dates the figure without
    sourcing it ("shares fell 5% after the company reported a loss", 财报发布后). French and
    Spanish participles report only with their auxiliary (« a annoncé », "ha informado"), not
    as adjectives.
    Verbs that are a source only with a named subject ("expects", « prévoit », "erwartet",
    "prevé", 预计) count when a company, institution, person or pronoun is their subject:
    « Microsoft prévoit que… » is sourced, « la loi prévoit une amende » is not. Verbs of
    feeling ("investors fear", « craignent ») are not reporting, nor is a capitalised function
    word a subject ("As expected", « Le chiffre d'affaires »), a move verb before a number
    ("Acme added 2%"), an adjective ("Reported net income", "previously announced") or a
    reporter's byline in brackets (【记者…报道】). A passive with its agent sources only the
    figure next to it ("$2.18, against the $2.10 expected by LSEG": only $2.10).
    Years, dates, times, ages, durations and head counts are not figures, nor is a 100%
    ownership ("a 100%-owned subsidiary", « détenue à 100 % »; pack ``figure-ownership``)
    or the "1" of an exchange rate ("US$1 = 1.26 New Zealand dollars").
    A valuation or leverage multiple counts in a sentence about such a ratio ("a P/E of
    9.3 times", 实际杠杆6.5倍), "three times a week" does not. Index points and levels count
    once an index is named in the sentence ("the Dow fell 475 points to 39,512.84",
    沪指报3215.42点).
    A headline states its figures as fact, so they are checked like the body's (option
    ``headlines``); related-links tails are exempt.

Why it matters
    A market-moving number with no source cannot be checked by readers or defended by the
    newsroom; wire style and financial-promotion rules require that valuations, forecasts and
    price moves be attributed to the filing, data provider, analyst or official behind them.

Example
    The company is now valued at $135 billion after its shares rose 13% in a month.

Use instead
    The company is now valued at $135 billion, according to LSEG data, after its shares rose
    13% in a month, the exchange said.

Options
    ``window`` (integer, default 0): how many sentences before the figure's own may hold the
    source. With 0, "Reuters reported on Monday. Revenue rose 5%." leaves 5% unsourced; with 1
    the previous sentence's source counts.

    ``consensus`` (boolean, default true): the analysts' consensus named as such is a source
    ("3 % anticipés par le consensus", "consensus: $40.2M", "El consenso fija…"). A
    newsroom that wants the firm or data provider behind a consensus sets it to false: then
    a figure whose source is only a consensus (the cue, or a consensus word just before the
    figure) is flagged.

    ``press-release`` (boolean, default true): a press release's figures are the issuer's
    own, so they are sourced. An article is a press release when a wire dateline
    ("(GLOBE NEWSWIRE) --", "/PRNewswire/", "(BUSINESS WIRE)--") or a release label
    (« Communiqué de presse », "Pressemitteilung", "Nota de prensa", 新闻稿) stands in the
    first 600 characters of its body (pack section ``press-release-markers``). Set it to
    false to check a release's figures like a news story's.

    ``headlines`` (boolean, default true): check the headline's figures. A headline has no
    room for a source, but its figure is stated as fact like any other; a newsroom whose
    style sources headline figures in the body sets it to false.

Figures set out as a list are sourced by what introduces them: a label with a colon
    ("Q3 guidance: revenue, $36M to $40M", « Objectifs 2025 : »; pack section
    ``source-labels``) or a line ending with a colon that reports ("The company reported:"),
    with only list rows (lines not ending like a sentence) in between.

Fix
    None automatic: name the source (the filing, data provider, analyst or official the
    figure comes from) in the figure's clause ("according to …", « selon … »,
    "laut …", "según …", 据……). Each finding's evidence lists the figure's kind and why no cue
    counted (none in the clause, a verb of feeling, an ambiguous verb without a subject, a
    source cut off by a semicolon or in another sentence).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import regex
from newslint.findings import Hit, Severity
from newslint.lazy import lazy_regex
from newslint.rule import Option, Rule, RuleContext
from newslint.rules._figure_labels import Layout, consensus_only, layout_verdict
from newslint.rules._figure_scope import Scope, scope_of
from newslint.rules._figures import Figure, figure_finder

if TYPE_CHECKING:
    from newslint.article import Article, Sentence


class UnsourcedFigure(Rule):
    code = "NL301"
    name = "unsourced-figure"
    summary = "A financial figure (amount, percentage, points) has no source in its clause."
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Option]] = {
        "window": Option(
            0,
            int,
            minimum=0,
            help="sentences before the figure's own that may hold its source (0: none)",
        ),
        "headlines": Option(
            True, bool, help="check figures in the headline too (false: a headline is exempt)"
        ),
        "consensus": Option(
            True,
            bool,
            help="the analysts' consensus named as such sources a figure (false: it does not)",
        ),
        "press-release": Option(
            True,
            bool,
            help="a press release's figures are sourced by its issuer (false: check them)",
        ),
    }

    def check(self, article: Article, ctx: RuleContext) -> Iterator[Hit]:
        finder = figure_finder(ctx.pack)
        exempt = _exemption(article, ctx)
        figures: list[Figure] = []
        headlines = bool(ctx.options.get("headlines", True))
        ranges = [(b.start, b.end) for b in article.blocks if headlines or b.kind != "headline"]
        for found in finder.find_ranges(article.text, ranges, ctx.timeout):
            if exempt is None:
                figures.extend(found)
                continue
            for fig in found:
                why = exempt(fig.start)
                if why:
                    ctx.note({"figure": fig.text, "kind": fig.kind, "exempt": why})
                else:
                    figures.append(fig)
        if not figures:
            return
        if ctx.options.get("press-release", True):
            issuer = _press_release(article, ctx)
            if issuer is not None:
                for fig in figures:
                    where = "a press release: the issuer's own figures"
                    ctx.note(
                        {
                            "figure": fig.text,
                            "kind": fig.kind,
                            "sourced": True,
                            "cue": issuer,
                            "where": where,
                        }
                    )
                return
        sentences = article.sentences
        starts = [s.start for s in sentences]
        quotes = _Quotes(article, ctx)
        window = int(ctx.options.get("window", 0) or 0)
        consensus = bool(ctx.options.get("consensus", True))
        scopes: dict[int, Scope] = {}
        layouts: dict[int, Layout] = {}
        suggestion: list[str] = []
        owned = ctx.pattern("figure-ownership")
        for fig in figures:
            si = bisect.bisect_right(starts, fig.start) - 1
            if si < 0:
                continue
            if "1" in fig.text:  # 100% or the 1 of a rate: most figures are neither
                why = ""
                if owned is not None and _full_ownership(article.text, fig, owned, ctx.timeout):
                    why = "100% ownership"
                elif _unit_of_exchange(article.text, fig):
                    why = "unit of a rate"
                if why:
                    ctx.note({"figure": fig.text, "kind": fig.kind, "exempt": why})
                    continue
            # A figure inside an attributed quote needs no clause analysis: build it lazily.
            verdict = quotes.verdict(fig)
            scope = None
            if verdict is None and not (
                article.text.startswith(")", fig.end) and _stock_move(article.text, fig)
            ):
                scope = scope_of(scopes, article, ctx, si)
                verdict = scope.verdict(fig)
            if verdict is None:
                verdict = layout_verdict(article, ctx, scopes, layouts, si, fig, consensus)
            if verdict is None and window:
                verdict = _previous(article, ctx, sentences, si, window, scopes)
            if verdict is not None and not consensus and consensus_only(article, ctx, fig, verdict):
                verdict = None
            if verdict is not None:
                ctx.note({"figure": fig.text, "kind": fig.kind, "sourced": True, **verdict})
                continue
            if scope is None:
                scope = scope_of(scopes, article, ctx, si)
            if not suggestion:
                suggestion.append((ctx.lexicon("figure-suggestion") or ["according to …"])[0])
            reasons = scope.reasons(fig)
            yield _hit(ctx, fig, reasons, window, si, sentences, article, scopes, suggestion[0])


_HUNDRED = lazy_regex(r"100(?:[.,]0+)?\s*(?:%|％|\p{L})")
#: How far from "100%" an ownership word may stand ("a 100%-owned unit", « détenue à 100 % »).
_OWNED_REACH = 25


def _full_ownership(text: str, fig: Figure, owned: Any, timeout: float | None) -> bool:
    """Whether ``fig`` is "100%" of an ownership ("a 100% owned subsidiary", « détenue à
    100 % », 持有100%股权): a structure, not a financial figure."""
    if fig.kind != "percentage" or "100" not in fig.text or not _HUNDRED.match(fig.text):
        return False
    lo, hi = max(0, fig.start - _OWNED_REACH), min(len(text), fig.end + _OWNED_REACH)
    return owned.search(text, lo, hi, timeout=timeout) is not None


_ONE = lazy_regex(r"\D*1(?:[.,]0+)?\D*")
_EQUALS = lazy_regex(
    r"\s*\)?\s*(?:=|(?:was|is)\s+equivalent\s+to|equals|équivaut|entspricht|equivale)",
    regex.IGNORECASE,
)


def _unit_of_exchange(text: str, fig: Figure) -> bool:
    """Whether ``fig`` is the "1" of an exchange rate ("($1 = 1.2641 New Zealand dollars)",
    "US$1 was equivalent to 3.38 ringgits"): the rate's other side is the figure."""
    return (
        fig.kind == "amount"
        and len(fig.text) < 12
        and _ONE.fullmatch(fig.text) is not None
        and _EQUALS.match(text, fig.end, min(len(text), fig.end + 30)) is not None
    )


#: How far into the body a press release's dateline or label may stand.
_RELEASE_REACH = 600


def _press_release(article: Article, ctx: RuleContext) -> str | None:
    """The marker that makes ``article`` a press release (a wire dateline such as
    "(GLOBE NEWSWIRE) --" or a « Communiqué de presse » label near the top), or None."""
    markers = ctx.pattern("press-release-markers")
    if markers is None:
        return None
    body = [b for b in article.blocks if b.kind != "headline"]
    if not body:
        return None
    start = body[0].start
    m = markers.search(article.text, start, min(len(article.text), start + _RELEASE_REACH))
    return m.group().strip() if m is not None else None


def _hit(
    ctx: RuleContext,
    fig: Figure,
    reasons: list[dict[str, str]],
    window: int,
    si: int,
    sentences: list[Sentence],
    article: Article,
    scopes: dict[int, Scope],
    suggestion: str,
) -> Hit:
    # Only a previous sentence of the same block is worth naming: check that before
    # analysing it (most findings open a paragraph, whose previous sentence is elsewhere).
    if not window and si > 0 and sentences[si - 1].block == sentences[si].block:
        cue = scope_of(scopes, article, ctx, si - 1).first_accepted()
        if cue is not None:
            reasons.append({"cue": cue.text, "why": "in the previous sentence (window: 0)"})
    # The pack's suggestion is in the article's language; glossed when messages are not.
    gloss = ctx.t("according to …")
    hint = f"'{suggestion}'" + ("" if suggestion == gloss else f" ({gloss})")
    # Short on purpose: an article with ten figures shows it ten times; who counts as a
    # source (filing, data provider, analyst, official) is in `newslint explain`.
    message = ctx.t("figure “{figure}” has no source: say where it comes from, e.g. {hint}")
    message = message.format(figure=fig.text, hint=hint)
    evidence: dict[str, Any] = {
        "figure": fig.text,
        "kind": fig.kind,
        "sourced": False,
        "reason": "no source or reporting verb governs its clause"
        + (f"; nearest candidate '{reasons[0]['cue']}': {reasons[0]['why']}" if reasons else ""),
        "rejected": reasons,
    }
    return Hit(fig.start, fig.end, message, evidence)


def _exemption(article: Article, ctx: RuleContext) -> Any:
    """A function telling why an offset is exempt (related-links residue) or '', or None
    when nothing in the article is (no residue: most articles)."""
    if not ctx.analysis.residue.sections:
        return None

    def why(offset: int) -> str:
        return "related-links residue" if ctx.analysis.residue.covers(offset) else ""

    return why


def _previous(
    article: Article,
    ctx: RuleContext,
    sentences: list[Sentence],
    si: int,
    window: int,
    scopes: dict[int, Scope],
) -> dict[str, Any] | None:
    headline = article.headline
    for back in range(1, window + 1):
        pi = si - back
        if pi < 0:
            break
        sent = sentences[pi]
        if headline is not None and headline.start <= sent.start < headline.end:
            break
        cue = scope_of(scopes, article, ctx, pi).first_accepted()
        if cue is not None:
            return {"cue": cue.text, "where": f"{back} sentence(s) before (window: {window})"}
    return None


class _Quotes:
    """The quote rule's quotes of the article (``ctx.analysis.quotes``), so both rules agree on who
    said what: a figure inside an attributed quote is sourced by its speaker."""

    def __init__(self, article: Article, ctx: RuleContext) -> None:
        self.article = article
        self.ctx = ctx
        self._spans: list[tuple[int, int, str | None, str | None]] | None = None
        self._starts: list[int] = []

    def _shared(self) -> list[tuple[int, int, str | None, str | None]]:
        """(start, end, speaker label, cue) of every quote, found on first use."""
        if self._spans is None:
            spans = []
            for q in self.ctx.analysis.quotes:
                label = (q.speaker or "attributed quote") if q.attributed else None
                spans.append((q.start, q.end, label, q.cue))
            spans.sort()
            self._spans = spans
            self._starts = [sp[0] for sp in spans]
        return self._spans

    def verdict(self, fig: Figure) -> dict[str, Any] | None:
        """How a quote sources ``fig``, or None."""
        shared = self._shared()
        i = bisect.bisect_right(self._starts, fig.start) - 1
        if i < 0:
            return None
        start, end, speaker, cue = shared[i]
        if start <= fig.start and fig.end <= end and speaker:
            return {
                "cue": cue or speaker,
                "speaker": speaker,
                "where": "inside an attributed quote",
            }
        return None


_MOVE_IN_PARENS = lazy_regex(r"\p{Lu}[\p{L}\p{N}.&'’-]*[ \u00a0]?\([ \u00a0]?[-+−–]?\Z")


def _stock_move(text: str, fig: Figure) -> bool:
    """A percentage in brackets right after a name ("Roche (+0,3%)", "Acme (-3.9%)") is the
    writer's market data for that stock: the clause's reporting verb is about something
    else (« Roche (+0,3 %) a publié des résultats d'essai »)."""
    if fig.kind != "percentage" or not text.startswith(")", fig.end):
        return False
    return _MOVE_IN_PARENS.search(text, max(0, fig.start - 40), fig.start) is not None
