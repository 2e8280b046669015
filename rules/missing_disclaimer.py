"""Reports a financial article that carries no investment disclaimer.

What it checks
    Whether an article that discusses markets, stocks, companies' finances or investing
    carries a disclaimer such as "This article does not constitute investment advice",
    "Avertissement : … ne constitue pas un conseil en investissement", "免责声明：…不构成投资建议",
    "Keine Anlageberatung" or "No constituye asesoramiento de inversión". "Financial" is judged
    from weighted evidence in the language pack (shares, investors, valuation, price targets,
    ratings, dividends, bond yields, tickers such as "Salesforce (CRM)" or "(NASDAQ: AAPL)"),
    counting each distinct term once, so one "market" in a sports story is not enough. The
    packs cover the genres of market copy, with or without tickers: market wraps (index,
    sector and commodity moves), central-bank rate decisions, FX and bond notes, crypto price
    stories and company-results briefs (net profit, EBITDA, "chiffre d'affaires", 净利). A
    heading such as "Disclaimer:" (on its own line or run in after a sentence) counts only
    when what follows it talks about investing, so "the views expressed are the author's own"
    does not. A notice inside quotation marks is the story's reporting, not a notice to
    readers; so is a risk sentence ("investing involves risk", "past performance…") in the
    body rather than among the last four blocks, or whose sentence has a reporting verb
    ("…, the regulator said"). Holdings disclosures ("did not
    have any positions in the securities mentioned") and warnings addressed to the reader
    ("if you are considering investing…") count.
    Related-links residue after the article is ignored both as evidence and as a disclaimer.

    A missing disclaimer is reported at the end of the body (the excerpt shows the last
    line there) with the house text, or an example, quoted in full. A disclaimer that is
    there but before the end, when ``position: end`` asks for the end, is reported where it
    stands: "The house disclaimer "…" is at line 3; house style puts it at the end of the
    article." One worded differently from ``text``: "The disclaimer here differs from the
    house wording: "…"".

Why it matters
    Readers act on market coverage. Publishers in most jurisdictions must make clear that an
    article is not personal investment advice; a missing notice is a regulatory exposure.

Example
    Shares of Northwind rise after upgrade

    Shares of Northwind Traders rose 8 percent on Tuesday after analysts raised their price
    target, and investors bet the dividend will grow next year.

    Editing by Jane Smith

Use instead
    Shares of Northwind rise after upgrade

    Shares of Northwind Traders rose 8 percent on Tuesday after analysts raised their price
    target, and investors bet the dividend will grow next year.

    This article is for informational purposes only and does not constitute investment advice.

    Editing by Jane Smith

Options
    ``when``: ``financial`` (default) requires a disclaimer when the article is financial,
    ``always`` on every article, ``never`` turns the check off (useful in overrides).
    ``text``: a house disclaimer that must appear (case-, whitespace- and apostrophe-
    insensitive); when set, other disclaimers no longer satisfy the rule. One text for every
    language, or one per language: ``{en: "…", fr: "…", de: "…", default: "…"}``. The
    article's effective language (``--lang``, front matter ``lang:``, config ``language``,
    else detection) picks its entry; a language without one uses ``default``, and without
    ``default`` any investment disclaimer counts for it (as with no ``text``).
    ``position``: ``anywhere`` (default) or ``end`` (within the last three blocks of the
    body, or after it).
    ``threshold``: the financial score an article needs (strong term 2, company-finance term 1,
    ticker 3, general economy terms 0.5 up to 1); default 4, i.e. two distinct strong terms.
    ``central-bank``: how central-bank talk (rate decisions and minutes, key rates, monetary
    policy, "the ECB") weighs, a newsroom policy choice: ``markets`` (default) counts it as
    market talk, so a rate-decision story needs a disclaimer; ``economy`` counts it as general
    economy talk, so such a story needs one only when it also discusses markets (bond yields,
    index moves, investors).

Fix
    Add the disclaimer at the end of the article body. ``newslint check --fix
    --unsafe-fixes`` (and the JSON/SARIF fix) inserts the ``text`` for the article's language
    after the body, before a credit line added in the same run, or moves a misplaced house
    disclaimer or "Disclaimer: …" paragraph to the end. Without a ``text`` for the language
    nothing is inserted: newslint never words a disclaimer for the newsroom, the message only
    suggests one. Unsafe: the wording and its place need an editor's look. Plain text and
    Markdown (HTML needs markup).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import regex
from newslint.findings import Hit, Severity
from newslint.language import LanguagePack, phrase_to_regex
from newslint.lazy import lazy_regex
from newslint.rule import Option, PerLanguage, Rule, RuleContext
from newslint.rules._disclaimer_context import after_sentence, reading
from newslint.rules._house import differing, misplaced, missing, wrong_place_or_wording
from newslint.rules._lexicon import candidates, scan_hits, scan_section
from newslint.rules._tickers import _TICKERS as _TICKERS  # re-exported for the speed tests
from newslint.rules._tickers import is_acronym, ticker_matches

if TYPE_CHECKING:
    from newslint.article import Article

WEIGHTS = {"financial-strong": 2.0, "financial-medium": 1.0, "financial-weak": 0.5}
#: Central-bank talk (rate decisions, minutes, monetary policy) weighs as market talk or as
#: general economy talk, as the ``central-bank`` option says.
CENTRAL_BANK = "financial-central-bank"
CENTRAL_BANK_WEIGHT = {"markets": "financial-strong", "economy": "financial-weak"}
WEAK_CAP = 1.0
TICKER_WEIGHT = 3.0
END_BLOCKS = 3

EXAMPLE_DISCLAIMER = {
    "en": "This article is for informational purposes only and does not constitute investment "
    "advice.",
    "fr": "Avertissement : cet article ne constitue pas un conseil en investissement.",
    "zh": "免责声明：本文仅供参考，不构成投资建议。",
    "de": "Hinweis: Dieser Artikel dient nur der Information und stellt keine Anlageberatung dar.",
    "es": "Aviso legal: este artículo no constituye asesoramiento de inversión.",
}

_COLON = lazy_regex(r"\s*[:：]")


class MissingDisclaimer(Rule):
    code = "NL101"
    name = "missing-disclaimer"
    summary = "A financial article (markets, stocks, investing) without an investment disclaimer."
    severity = Severity.ERROR
    article_level = True
    options: ClassVar[dict[str, Option]] = {
        "when": Option(
            "financial",
            choices=("financial", "always", "never"),
            help="When a disclaimer is required.",
        ),
        "text": Option(
            "",
            PerLanguage,
            help="A house disclaimer that must appear, or one per language (empty: any).",
        ),
        "position": Option(
            "anywhere", choices=("anywhere", "end"), help="Where the disclaimer must be."
        ),
        "threshold": Option(
            4.0,
            (int, float),
            minimum=0.5,
            help="Financial score that makes a disclaimer necessary.",
        ),
        "central-bank": Option(
            "markets",
            choices=tuple(CENTRAL_BANK_WEIGHT),
            help="Central-bank talk (rates, monetary policy) weighs as markets or as economy.",
        ),
    }

    def check(self, article: Article, ctx: RuleContext) -> Iterator[Hit]:
        when = ctx.options.get("when", "financial")
        if not article.text.strip():
            return  # an empty file has no article to disclaim
        if when == "never":
            ctx.note({"scope": "article", "verdict": "not required", "reason": "when: never"})
            return
        candidates = find_disclaimers(article, ctx)
        excluded = [(s.start, s.end) for s in ctx.analysis.residue.sections]
        excluded += [(c["block_start"], c["block_end"]) for c in candidates]
        financial = financial_evidence(article, ctx, excluded)
        threshold = float(ctx.options.get("threshold", 4.0))
        is_financial = financial["score"] >= threshold
        public = [_public(c) for c in candidates]
        if when == "financial" and not is_financial:
            ctx.note(
                {
                    "scope": "article",
                    "verdict": "not financial",
                    "financial": financial,
                    "threshold": threshold,
                    "candidates": public,
                }
            )
            return
        accepted = [c for c in candidates if c["accepted"]]
        if accepted:
            ctx.note(
                {
                    "scope": "article",
                    "verdict": "disclaimer found",
                    "disclaimer": accepted[0]["text"],
                    "financial": financial,
                    "candidates": public,
                }
            )
            return
        end = ctx.analysis.residue.body_end
        house = ctx.for_language("text").strip()
        evidence: dict[str, Any] = {
            "scope": "article",
            "when": when,
            "financial": financial,
            "threshold": threshold,
            "candidates": public,
        }
        if house:
            evidence["required_text"] = house
        wrong = misplaced(candidates, house) or differing(candidates, house)
        if wrong is not None:
            zone = _end_zone(article, ctx) if ctx.options.get("position") == "end" else 0
            at_end = wrong["block_start"] >= zone
            yield wrong_place_or_wording(article, wrong, house, end, evidence, at_end, ctx.t)
            return
        yield missing(article, financial, when, house, _example(ctx), end, evidence, ctx.t)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _example(ctx: RuleContext) -> str:
    return EXAMPLE_DISCLAIMER.get(ctx.lang, EXAMPLE_DISCLAIMER["en"])


_INTERNAL = ("block_start", "block_end", "start", "end", "problem")


def _public(candidate: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in candidate.items() if k not in _INTERNAL}


# --------------------------------------------------------------------------- evidence


def _excluded(pos: int, ranges: list[tuple[int, int]]) -> bool:
    for s, e in ranges:  # noqa: SIM110 - a loop, not any() over a generator: hot path
        if s <= pos < e:
            return True
    return False


def financial_evidence(
    article: Article, ctx: RuleContext, excluded: list[tuple[int, int]]
) -> dict[str, Any]:
    """Distinct financial terms and tickers found outside ``excluded`` and the score they make.

    Counting distinct terms rather than occurrences is deliberate: ten "market"s in a sports
    story are still not market coverage, while "investors" plus "valuation" is.
    """
    text = article.text
    terms: Counter[str] = Counter()
    strength: dict[str, str] = {}
    # Excluded ranges (residue, disclaimer blocks) sit together, mostly at the end: one
    # comparison with their span clears most matches before the range-by-range test.
    lo = min((s for s, _e in excluded), default=0)
    hi = max((e for _s, e in excluded), default=0)
    central = CENTRAL_BANK_WEIGHT.get(str(ctx.options.get("central-bank", "markets")))
    for section in (*WEIGHTS, CENTRAL_BANK):
        weight = central or "financial-strong" if section == CENTRAL_BANK else section
        for start, _neg_end, label, _m in scan_hits(ctx, ctx.pack, section, text):
            if lo <= start < hi and _excluded(start, excluded):
                continue
            if label not in strength:
                strength[label] = weight
            terms[label] += 1
    tickers: Counter[str] = Counter()
    for m in ticker_matches(text, ctx.timeout):
        if _excluded(m.start(), excluded):
            continue
        if m.group("named") and is_acronym(text, m.start("sym") - 1, m.group("sym")):
            continue
        tickers[" ".join(m.group().split())] += 1
    local = ctx.pattern("financial-tickers")
    if local is not None and candidates(ctx, ctx.pack, "financial-tickers", text):
        for m in ctx.finditer(local, text):
            if not _excluded(m.start(), excluded):
                tickers[" ".join(m.group().split())] += 1
    score = sum(WEIGHTS[s] for lab, s in strength.items() if s != "financial-weak")
    score += min(WEAK_CAP, sum(WEIGHTS[s] for s in strength.values() if s == "financial-weak"))
    if tickers:
        score += TICKER_WEIGHT
    ordered = sorted(terms, key=lambda t: (-WEIGHTS[strength[t]], -terms[t], t))
    return {
        "score": round(score, 2),
        "terms": {t: terms[t] for t in ordered},
        "strength": {t: strength[t].removeprefix("financial-") for t in ordered},
        "tickers": dict(tickers),
    }


# --------------------------------------------------------------------------- candidates


#: Blocks at each end of the article where a notice in another language is looked for.
EDGE_HEAD, EDGE_TAIL = 2, 6


def _ranges(article: Article, ctx: RuleContext, pack: LanguagePack) -> list[tuple[int, int]]:
    """Where to look for a pack's disclaimers: everywhere in the article's own language; only
    the first and last blocks in other languages, where syndicated boilerplate sits."""
    blocks = article.blocks
    if pack is ctx.pack or len(blocks) <= EDGE_HEAD + EDGE_TAIL:
        return [(0, len(article.text))]
    return [(0, blocks[EDGE_HEAD - 1].end), (blocks[-EDGE_TAIL].start, len(article.text))]


def _scan(
    article: Article, ctx: RuleContext, pack: LanguagePack, section: str
) -> list[regex.Match[str]]:
    return [
        m
        for lo, hi in _ranges(article, ctx, pack)
        for _label, m in scan_section(ctx, pack, section, article.text, lo, hi)
    ]


def _phrase_scans(ctx: RuleContext) -> list[tuple[LanguagePack, str]]:
    """Disclaimer phrases of every pack (syndicated copy keeps its original notice), then
    the article language's risk sentences."""
    return [(p, "disclaimer-phrases") for p in ctx.analysis.packs_in_order] + [
        (ctx.pack, "disclaimer-risk-phrases")
    ]


def _block_of(article: Article, offset: int) -> tuple[int, int, int]:
    index = article.block_index_at(offset)
    if index is None:
        return -1, offset, offset
    block = article.blocks[index]
    return index, block.start, block.end


def _at_line_start(text: str, pos: int, block_start: int) -> bool:
    line_start = max(block_start, text.rfind("\n", 0, pos) + 1)
    prefix = text[line_start:pos]
    return not prefix.strip(" \t*_#>([（【-–—•")


def find_disclaimers(article: Article, ctx: RuleContext) -> list[dict[str, Any]]:
    """Every disclaimer candidate with whether it counts and why not.

    Candidates: a disclaimer phrase from any pack (syndicated copy keeps the original
    language's notice), a disclaimer heading judged by what follows it, and the house text.
    """
    text = article.text
    house = ctx.for_language("text").strip()
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    for pack, section in _phrase_scans(ctx):
        if section == "disclaimer-risk-phrases" and any(c["accepted"] for c in out):
            break  # risk sentences matter only when no plain notice is there
        for m in _scan(article, ctx, pack, section):
            if m.start() in seen:
                continue
            seen.add(m.start())
            index, bs, be = _block_of(article, m.start())
            why = reading(article, ctx, pack, section, m, bs)
            cand = {
                "text": _short(m.group()),
                "kind": "phrase",
                "lang": pack.lang,
                "accepted": why is None,
                "block": index,
                "block_start": bs,
                "block_end": be,
                "start": m.start(),
                "end": m.end(),
            }
            if why is not None:
                cand["reason"] = why
            out.append(cand)
    for pack in ctx.analysis.packs_in_order:
        for m in _scan(article, ctx, pack, "disclaimer-labels"):
            if m.start() in seen:
                continue
            seen.add(m.start())
            index, bs, be = _block_of(article, m.start())
            if index < 0 or not (
                _at_line_start(text, m.start(), bs) or after_sentence(text, m.start(), bs)
            ):
                continue
            after = _COLON.match(text[m.end() : be])
            rest_start = m.end() + (after.end() if after else 0)
            heading_only = not text[rest_start:be].strip(" \t:：.-–—")
            if not after and not heading_only:
                continue  # "Disclosure of the deal…" is prose, not a heading
            c_start, c_end = rest_start, be
            if heading_only and index + 1 < len(article.blocks):
                c_start, c_end = article.blocks[index + 1].start, article.blocks[index + 1].end
                be = c_end
            if any(c["block"] == index and c["kind"] == "phrase" and c["accepted"] for c in out):
                continue
            content = pack.pattern("disclaimer-content")  # only when a label shows
            ok = content is not None and ctx.search(content, text, c_start, c_end) is not None
            cand = {
                "text": _short(text[m.start() : c_end].strip()),
                "kind": "label",
                "label": m.group(),
                "lang": pack.lang,
                "accepted": ok,
                "block": index,
                "block_start": bs,
                "block_end": be,
                "start": m.start(),
                "end": max(m.end(), len(text[:c_end].rstrip())),
            }
            if not ok:
                cand["reason"] = "the notice says nothing about investing or financial advice"
            out.append(cand)
    if house:
        house_re = regex.compile(phrase_to_regex(house), regex.IGNORECASE | regex.V0)
        m = ctx.search(house_re, text)
        for cand in out:
            if cand["accepted"]:
                cand["accepted"] = False
                cand["reason"] = "not the house disclaimer: the wording differs"
                cand["problem"] = "wording"
        if m is not None:
            for cand in out:  # a stock phrase inside the house text is that text
                if m.start() <= cand["start"] and cand["end"] <= m.end():
                    cand["reason"] = "part of the house disclaimer"
                    cand.pop("problem", None)
            index, bs, be = _block_of(article, m.start())
            out.append(
                {
                    "text": _short(m.group()),
                    "kind": "house",
                    "accepted": True,
                    "block": index,
                    "block_start": bs,
                    "block_end": be,
                    "start": m.start(),
                    "end": m.end(),
                }
            )
    if ctx.options.get("position") == "end":
        _require_end(article, ctx, out)
    out.sort(key=lambda c: c["block_start"])
    return out


def _end_zone(article: Article, ctx: RuleContext) -> int:
    """Where "the end of the article" starts: the last few blocks of the body."""
    tail = ctx.analysis.residue.tail
    limit = tail.start if tail is not None else len(article.text)
    body = [i for i, b in enumerate(article.blocks) if b.kind != "headline" and b.start < limit]
    zone = body[-END_BLOCKS:]
    return article.blocks[zone[0]].start if zone else 0


def _require_end(article: Article, ctx: RuleContext, candidates: list[dict[str, Any]]) -> None:
    zone_start = _end_zone(article, ctx)
    for cand in candidates:
        if cand["accepted"] and cand["block_start"] < zone_start:
            cand["accepted"] = False
            cand["reason"] = "not at the end of the article, where house style puts it"
            cand["problem"] = "position"
