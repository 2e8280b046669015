"""Financial figures must say where they come from.

What it checks
    Every financial figure in the body — an amount with a currency sign, code or word and any
    scale word ("$135 billion", "3 000 milliards de dollars", "1,2 Mrd. Euro", "135亿美元",
    "1.200 millones de euros", "deux milliards de dollars"), a percentage ("13 %", "13 percent",
    "sieben Prozent", "百分之十三"), basis or percentage points, and index points when an index
    moves ("the Dow fell 475 points") — must have a source or reporting act governing its clause:
    a source named with a reporting verb ("according to", "said", "data from", "a filing
    showed"; « selon », « d'après », « a annoncé »; 据, 根据, 数据显示, 公告; "laut", "zufolge",
    "teilte mit"; "según", "informó"), or the figure must sit inside an attributed quote.
    A semicolon or a contrasting clause ("but", « mais », "aber", "pero", 但) ends that scope,
    and a reporting verb inside a time clause dates the figure without sourcing it ("shares
    fell 5% after the company reported a loss", 财报发布后). French and Spanish participles
    report only with their auxiliary (« a annoncé », "ha informado"), not as adjectives.
    Verbs that are a source only with a named subject ("expects", « prévoit », "erwartet",
    "prevé", 预计) count when a company, institution, person or pronoun is their subject:
    « Microsoft prévoit que… » is sourced, « la loi prévoit une amende » is not. Verbs of
    feeling ("investors fear", « craignent ») are not reporting. Years, dates, times, ages,
    durations and head counts are not figures. Headlines and related-links tails are exempt:
    a headline figure is sourced in the body.

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

Fix
    None automatic: name the source in the figure's clause ("according to …", « selon … »,
    "laut …", "según …", 据……). Each finding's evidence lists the figure's kind and why no cue
    counted (none in the clause, a verb of feeling, an ambiguous verb without a subject, a
    source cut off by a semicolon or in another sentence).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

import regex
from newslint.findings import Hit, Severity
from newslint.rule import Option, Rule, RuleContext
from newslint.rules._figure_trust import trusted
from newslint.rules._figures import Figure, figure_finder, scan, section_scanner

if TYPE_CHECKING:
    from newslint.article import Article, Sentence
    from newslint.language import LanguagePack

_SEMICOLON = regex.compile(r"[;；]")
_QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“”", "「": "」", "『": "』", '"': '"', "‹": "›"}
_MAX_QUOTE = 3000
# Words that may stand between a subject and its verb: "Microsoft also expects",
# "the group has forecast", « Microsoft a estimé », "Siemens hat … prognostiziert".
_BETWEEN = (
    r"also|now|still|currently|already|has|have|had|will|would|"
    r"aussi|également|désormais|toujours|déjà|a|ont|avait|avaient|"
    r"auch|nun|jetzt|noch|bereits|hat|haben|hatte|hatten|"
    r"también|ahora|ya|todavía|ha|han|había|habían"
)
_NAME_BEFORE = regex.compile(
    rf"(?-i:(?P<name>\p{{Lu}}[\p{{L}}\p{{N}}&.'’-]*))[)\]»”\"]?,?"
    rf"(?:\s+(?i:{_BETWEEN}))*\s*\Z"
)
_NAME_AFTER = regex.compile(r"\A\s+(?:(?:der|die|das|den|dem)\s+)?(?-i:\p{Lu}[\p{L}\p{N}&.-]+)")
#: Capitalised words that never name a source: impersonal pronouns.
_IMPERSONAL = frozenset({"on", "man", "one", "there", "se", "es", "this", "that", "ce", "cela"})
#: Languages whose main clauses may put the subject after the verb ("Für 2025 erwartet Siemens").
_SUBJECT_AFTER_VERB = frozenset({"de"})
_HAN_OR_WORD = regex.compile(r"[\p{Han}\p{L}\p{N}]")


class _Cue(NamedTuple):
    """A cue found in a sentence (a tuple: built by the thousand, compared by value)."""

    start: int
    end: int
    text: str
    accepted: bool
    why: str = ""


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
        )
    }

    def check(self, article: Article, ctx: RuleContext) -> Iterator[Hit]:
        finder = figure_finder(ctx.pack)
        exempt = _exemption(article, ctx)
        figures: list[Figure] = []
        ranges = [(b.start, b.end) for b in article.blocks if b.kind != "headline"]
        for found in finder.find_ranges(article.text, ranges, ctx.timeout):
            for fig in found:
                why = exempt(fig.start)
                if why:
                    ctx.note({"figure": fig.text, "kind": fig.kind, "exempt": why})
                else:
                    figures.append(fig)
        if not figures:
            return
        sentences = article.sentences
        starts = [s.start for s in sentences]
        quotes = _Quotes(article, ctx)
        window = int(ctx.options.get("window", 0) or 0)
        scopes: dict[int, _Scope] = {}
        for fig in figures:
            si = bisect.bisect_right(starts, fig.start) - 1
            if si < 0:
                continue
            # A figure inside an attributed quote needs no clause analysis: build it lazily.
            verdict = quotes.verdict(fig, si, scopes)
            scope = None
            if verdict is None:
                scope = _scope(scopes, article, ctx, si)
                verdict = scope.verdict(fig)
            if verdict is None and window:
                verdict = _previous(article, ctx, sentences, si, window, scopes)
            if verdict is not None:
                ctx.note({"figure": fig.text, "kind": fig.kind, "sourced": True, **verdict})
                continue
            if scope is None:
                scope = _scope(scopes, article, ctx, si)
            yield _hit(ctx, fig, scope.reasons(fig), window, si, sentences, article, scopes)


def _scope(scopes: dict[int, _Scope], article: Article, ctx: RuleContext, si: int) -> _Scope:
    """The analysis of sentence ``si``, computed once per article whoever asks first."""
    scope = scopes.get(si)
    if scope is None:
        scope = scopes[si] = _Scope(article, ctx, article.sentences[si])
    return scope


def _hit(
    ctx: RuleContext,
    fig: Figure,
    reasons: list[dict[str, str]],
    window: int,
    si: int,
    sentences: list[Sentence],
    article: Article,
    scopes: dict[int, _Scope],
) -> Hit:
    if not window and si > 0:
        prev = _scope(scopes, article, ctx, si - 1)
        cue = prev.first_accepted()
        if cue is not None and sentences[si - 1].block == sentences[si].block:
            reasons.append({"cue": cue.text, "why": "in the previous sentence (window: 0)"})
    suggestion = (ctx.lexicon("figure-suggestion") or ["according to …"])[0]
    hint = f"'{suggestion}'" + ("" if suggestion == "according to …" else " (according to …)")
    message = (
        f"unsourced figure “{fig.text}”: name the source of this figure: {hint} — the filing, "
        "data provider, analyst or official it comes from"
    )
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
    """A function telling why an offset is exempt (related-links residue) or ''."""
    try:
        from newslint.rules._tail import in_residue
    except ImportError:  # pragma: no cover - the tail helper ships with the built-ins
        return lambda offset: ""

    def why(offset: int) -> str:
        return "related-links residue" if in_residue(article, ctx, offset) else ""

    return why


class _Scope:
    """Cues and clause breaks of one sentence, computed once for all its figures."""

    def __init__(self, article: Article, ctx: RuleContext, sentence: Sentence) -> None:
        self.article = article
        self.ctx = ctx
        self.start, self.end = sentence.start, sentence.end
        text = article.text
        scanners = _scanners(ctx.pack)
        start, end, timeout = self.start, self.end, ctx.timeout
        self.cues: list[_Cue] = [
            _Cue(m.start(), m.end(), m.group(), True)
            for m in scanners.cues.scan(text, start, end, timeout)
        ]
        # Plain cues are accepted; a verb needing a subject only when it has one.
        has_accepted = bool(self.cues)
        need = list(scanners.need_subject.scan(text, start, end, timeout))
        if need:
            plain_starts = [c.start for c in self.cues]
            plain = len(self.cues)
            for m in need:
                k = bisect.bisect_right(plain_starts, m.start()) - 1
                if k >= 0 and self.cues[k].start <= m.start() < self.cues[k].end:
                    continue
                ok = self._has_subject(m.start(), m.end())
                has_accepted = has_accepted or ok
                self.cues.append(
                    _Cue(m.start(), m.end(), m.group(), ok, "" if ok else "needs a named subject")
                )
            if len(self.cues) > plain:
                self.cues.sort(key=lambda c: c.start)
        self.cue_starts = [c.start for c in self.cues]
        self.has_accepted = has_accepted
        self._feelings: list[_Cue] | None = None
        # Clause breaks and time clauses matter only around cues: found on first use (a
        # sentence without any cue, or asked only for its first cue, never needs them).
        self._breaks: list[int] | None = None
        self.subs: list[tuple[int, int]] = []
        self.sub_starts: list[int] = []
        self.by_clause: dict[tuple[int, int], list[_Cue]] = {}

    def _clauses(self) -> list[int]:
        """Clause breaks, time clauses and accepted cues per clause, computed once."""
        if self._breaks is not None:
            return self._breaks
        text, start, end, timeout = self.article.text, self.start, self.end, self.ctx.timeout
        scanners = _scanners(self.ctx.pack)
        breaks = [m.start() for m in scanners.breaks.scan(text, start, end, timeout)]
        if text.find(";", start, end) >= 0 or text.find("；", start, end) >= 0:
            breaks.extend(m.start() for m in scan(_SEMICOLON, text, start, end, None))
            breaks.sort()
        self._breaks = breaks
        # Time clauses ("after the company reported…", « après l'annonce… », 财报发布后):
        # a cue inside one governs only figures inside the same one.
        if self.has_accepted:
            self.subs = [m.span() for m in scanners.subs.scan(text, start, end, timeout)]
        if self.subs and scanners.has_adverbials:
            # "since January according to LSEG": the adverbial ends the time clause.
            cut = [m.start() for m in scanners.adverbials.scan(text, start, end, timeout)]
            trimmed = []
            for s, e in self.subs:
                k = bisect.bisect_left(cut, s)
                if k < len(cut) and cut[k] < e:
                    e = cut[k]
                if e > s:
                    trimmed.append((s, e))
            self.subs = trimmed
        self.sub_starts = [sp[0] for sp in self.subs]
        # Accepted cues per (clause, time clause or -1): one lookup per figure keeps it linear.
        for cue in self.cues:
            if cue.accepted:
                key = (self.clause(cue.start), self.sub(cue.start))
                self.by_clause.setdefault(key, []).append(cue)
        return breaks

    def sub(self, offset: int) -> int:
        """Index of the time clause holding ``offset``, or -1 (only accepted cues and the
        figures they may govern ask: without accepted cues, none is looked for)."""
        self._clauses()
        i = bisect.bisect_right(self.sub_starts, offset) - 1
        return i if i >= 0 and offset < self.subs[i][1] else -1

    def clause(self, offset: int) -> int:
        return bisect.bisect_right(self._clauses(), offset)

    def _has_subject(self, start: int, end: int) -> bool:
        """Whether an ambiguous verb has a subject that can be a source."""
        text = self.article.text
        lo = self.start
        if self.ctx.pack.script == "Han":
            j = start - 1
            while j >= lo and text[j].isspace():
                j -= 1
            return j >= lo and bool(_HAN_OR_WORD.match(text[j]))
        before = text[max(lo, start - 80) : start]
        known = self.ctx.pattern("source-subjects")
        if known is not None:
            tail = _subject_tail(known.pattern)
            # The built-in section runs without a timeout (see rules/_figure_trust.py).
            timeout = None if trusted(self.ctx.pack, ("source-subjects",)) else self.ctx.timeout
            if tail.search(before, timeout=timeout):
                return True
        m = _NAME_BEFORE.search(before)
        if m is not None and m.group("name").lower() not in _IMPERSONAL:
            return True
        if self.ctx.lang in _SUBJECT_AFTER_VERB:
            after = text[end : min(self.end, end + 40)]
            return bool(_NAME_AFTER.match(after))
        return False

    def feelings(self) -> list[_Cue]:
        """Verbs of feeling ("investors fear"): only findings explain them, so scanned lazily."""
        if self._feelings is None:
            self._feelings = []
            found = _scanners(self.ctx.pack).feelings.scan(
                self.article.text, self.start, self.end, self.ctx.timeout
            )
            for m in found:
                self._feelings.append(
                    _Cue(m.start(), m.end(), m.group(), False, "a verb of feeling is not a source")
                )
        return self._feelings

    def first_accepted(self) -> _Cue | None:
        return next((c for c in self.cues if c.accepted), None)

    def verdict(self, fig: Figure) -> dict[str, Any] | None:
        if not self.has_accepted:
            return None
        offset = fig.start
        clause = bisect.bisect_right(self._clauses(), offset)
        i = bisect.bisect_right(self.sub_starts, offset) - 1
        sub = i if i >= 0 and offset < self.subs[i][1] else -1
        keys = [(clause, sub), (clause, -1)] if sub >= 0 else [(clause, -1)]
        for key in keys:
            for cue in self.by_clause.get(key, ())[:3]:
                if not _inside(cue, fig):
                    return {"cue": cue.text, "where": "same clause"}
        return None

    def reasons(self, fig: Figure) -> list[dict[str, str]]:
        """Why no cue counted, nearest first: what compliance staff need to defend a finding."""
        out: list[dict[str, str]] = []
        feelings = self.feelings()
        near = _near(self.cues, self.cue_starts, fig.start) + _near(
            feelings, [c.start for c in feelings], fig.start
        )
        if not near:
            return out
        clause = self.clause(fig.start)
        for cue in sorted(near, key=lambda c: abs(c.start - fig.start)):
            if cue in feelings:
                out.append({"cue": cue.text, "why": cue.why})
            elif cue.accepted and self.sub(cue.start) >= 0:
                out.append(
                    {
                        "cue": cue.text,
                        "why": "inside a time clause ('after …') that "
                        "dates the figure but does not source it",
                    }
                )
            elif self.clause(cue.start) != clause:
                out.append(
                    {
                        "cue": cue.text,
                        "why": "governs another clause (after a semicolon "
                        "or a contrasting conjunction)",
                    }
                )
            elif not cue.accepted:
                out.append({"cue": cue.text, "why": cue.why})
        return out


class _Scanners:
    """The pack sections a scope searches, looked up once per pack."""

    __slots__ = (
        "adverbials",
        "breaks",
        "cues",
        "feelings",
        "has_adverbials",
        "need_subject",
        "subs",
    )

    def __init__(self, pack: LanguagePack) -> None:
        self.breaks = section_scanner(pack, "clause-breaks")
        self.cues = section_scanner(pack, "source-cues")
        self.need_subject = section_scanner(pack, "source-cues-need-subject")
        self.subs = section_scanner(pack, "subordinate-clauses")
        self.adverbials = section_scanner(pack, "source-adverbials")
        self.has_adverbials = pack.pattern("source-adverbials") is not None
        self.feelings = section_scanner(pack, "feeling-verbs")


_SCANNERS: dict[int, tuple[LanguagePack, _Scanners]] = {}


def _scanners(pack: LanguagePack) -> _Scanners:
    hit = _SCANNERS.get(id(pack))
    if hit is not None and hit[0] is pack:
        return hit[1]
    scanners = _Scanners(pack)
    _SCANNERS[id(pack)] = (pack, scanners)
    return scanners


@functools.lru_cache(maxsize=32)
def _subject_tail(known: str) -> regex.Pattern[str]:
    """A known subject word ending the text before an ambiguous verb."""
    return regex.compile(
        rf"(?:{known})[)\]»”\"]?,?(?:\s+(?:{_BETWEEN}))*\s*\Z", regex.IGNORECASE | regex.V0
    )


def _near(cues: list[_Cue], starts: list[int], offset: int, k: int = 3) -> list[_Cue]:
    """Up to ``k`` cues on each side of ``offset`` (evidence needs the nearest, not all)."""
    i = bisect.bisect_left(starts, offset)
    return cues[max(0, i - k) : i + k]


def _inside(cue: _Cue, fig: Figure) -> bool:
    return fig.start <= cue.start < fig.end


def _previous(
    article: Article,
    ctx: RuleContext,
    sentences: list[Sentence],
    si: int,
    window: int,
    scopes: dict[int, _Scope],
) -> dict[str, Any] | None:
    headline = article.headline
    for back in range(1, window + 1):
        pi = si - back
        if pi < 0:
            break
        sent = sentences[pi]
        if headline is not None and headline.start <= sent.start < headline.end:
            break
        cue = _scope(scopes, article, ctx, pi).first_accepted()
        if cue is not None:
            return {"cue": cue.text, "where": f"{back} sentence(s) before (window: {window})"}
    return None


class _Quotes:
    """Quotes of the article and whether each is attributed.

    Uses the quote rule's ``find_quotes`` when present, so both rules agree on who said what;
    otherwise pairs quote marks in the figure's block and treats a quote as attributed when
    its sentence (outside the quote) or an introducing sentence ending with a colon holds a
    source cue.
    """

    def __init__(self, article: Article, ctx: RuleContext) -> None:
        self.article = article
        self.ctx = ctx
        self._spans: list[tuple[int, int, str | None, str | None]] | None = None
        self._starts: list[int] = []
        self._block_spans: dict[int, list[tuple[int, int]]] = {}

    def _shared(self) -> list[tuple[int, int, str | None, str | None]] | None:
        """(start, end, speaker label, cue) of every quote from the quote rule's analysis."""
        if self._spans is not None:
            return self._spans
        try:
            from newslint.rules._quotes import find_quotes
        except ImportError:  # pragma: no cover - the quote helper ships with the built-ins
            return None
        try:
            found = list(find_quotes(self.article, self.ctx))
        except Exception:
            return None
        spans: list[tuple[int, int, str | None, str | None]] = []
        for q in found:
            label = None
            if getattr(q, "attributed", False):
                label = getattr(q, "speaker", None) or "attributed quote"
            spans.append((int(q.start), int(q.end), label, getattr(q, "cue", None)))
        spans.sort()
        self._spans = spans
        self._starts = [sp[0] for sp in spans]
        return spans

    def verdict(self, fig: Figure, si: int, scopes: dict[int, _Scope]) -> dict[str, Any] | None:
        """How a quote sources ``fig`` (in sentence ``si``), or None."""
        shared = self._shared()
        if shared is None:
            return self._fallback(fig, si, scopes)
        i = bisect.bisect_right(self._starts, fig.start) - 1
        if i < 0:
            return None
        start, end, speaker, cue = shared[i]
        if start <= fig.start and fig.end <= end and speaker:
            verdict = {"cue": cue or speaker, "speaker": speaker}
            return {**verdict, "where": "inside an attributed quote"}
        return None

    def _fallback(self, fig: Figure, si: int, scopes: dict[int, _Scope]) -> dict[str, Any] | None:
        article = self.article
        sentence = article.sentences[si]
        bi = sentence.block
        spans = self._block_spans.get(bi)
        if spans is None:
            block = article.blocks[bi]
            spans = self._block_spans[bi] = _pair_quotes(article.text, block.start, block.end)
        k = bisect.bisect_right(spans, (fig.start, len(article.text) + 1)) - 1
        if k < 0 or not (spans[k][0] <= fig.start and fig.end <= spans[k][1]):
            return None
        quote = spans[k]
        scope = _scope(scopes, article, self.ctx, si)
        # The quote's attribution sits outside it: before the opening or after the closing mark.
        outside = _near(scope.cues, scope.cue_starts, quote[0]) + _near(
            scope.cues, scope.cue_starts, quote[1]
        )
        for cue in outside:
            if cue.accepted and not (quote[0] <= cue.start < quote[1]):
                return {"cue": cue.text, "where": "inside an attributed quote"}
        if si > 0 and quote[0] <= sentence.start + 1:
            prev = article.sentences[si - 1]
            if article.text[prev.start : prev.end].rstrip().endswith((":", "：")):
                intro = _scope(scopes, article, self.ctx, si - 1).first_accepted()
                if intro is not None:
                    return {"cue": intro.text, "where": "inside a quote introduced with a colon"}
        return None


def _pair_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quotations in ``text[start:end]`` (outermost only), in one linear pass."""
    spans: list[tuple[int, int]] = []
    opened: tuple[str, int] | None = None
    for i in range(start, end):
        ch = text[i]
        if opened is not None:
            if ch in opened[0]:
                spans.append((opened[1], i + 1))
                opened = None
            elif i - opened[1] > _MAX_QUOTE:
                opened = None
        elif ch in _QUOTE_PAIRS:
            opened = (_QUOTE_PAIRS[ch], i)
    if opened is not None:
        spans.append((opened[1], end))  # a quote left open runs to the end of its block
    return spans
