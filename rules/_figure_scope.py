"""The analysis of one sentence for the figure rule: its source cues and clause structure.

A figure is sourced by a cue that governs its clause: :class:`Scope` finds a sentence's cues
(plain ones, and verbs that need a named subject), its clause breaks (semicolons, contrasting
conjunctions) and its time clauses ("after the company reported…"), once per sentence
whichever figure asks first, and answers for each figure which cue sources it or why none
does. The rule itself, its findings and the quotes are in ``unsourced_figure``.
"""

from __future__ import annotations

import bisect
import functools
from typing import TYPE_CHECKING, Any, NamedTuple

import regex
from newslint.lazy import lazy_regex
from newslint.rule import RuleContext
from newslint.rules._figure_sections import scan, section_scanner
from newslint.rules._figure_trust import trusted
from newslint.rules._figures import Figure

if TYPE_CHECKING:
    from newslint.article import Article, Sentence
    from newslint.language import LanguagePack

__all__ = ["Cue", "Scope", "inside", "nearest", "scope_of"]

_SEMICOLON = lazy_regex(r"[;；]")
_LIST_ITEM = lazy_regex(r"\n[ \t]*(?:\*{1,2}|[-•·▪–])[ \t]")
# Words that may stand between a subject and its verb: "Microsoft also expects",
# "the group has forecast", « Microsoft a estimé », "Siemens hat … prognostiziert".
_BETWEEN = (
    r"also|too|now|still|currently|already|has|have|had|will|would|"
    r"aussi|également|désormais|toujours|déjà|a|ont|avait|avaient|"
    r"auch|nun|jetzt|noch|bereits|hat|haben|hatte|hatten|"
    r"también|ahora|ya|todavía|ha|han|había|habían"
)
_NAME_BEFORE = lazy_regex(
    rf"(?-i:(?P<name>\p{{Lu}}[\p{{L}}\p{{N}}&.'’-]*))[)\]»”\"]?,?"
    rf"(?:\s+(?i:{_BETWEEN}),?)*\s*\Z"
)
_NAME_AFTER = lazy_regex(r"\A\s+(?:(?:der|die|das|den|dem)\s+)?(?-i:\p{Lu}[\p{L}\p{N}&.-]+)")
#: Capitalised words that never name a source: impersonal pronouns.
_IMPERSONAL = frozenset({"on", "man", "one", "there", "se", "es", "this", "that", "ce", "cela"})
#: Languages whose main clauses may put the subject after the verb ("Für 2025 erwartet Siemens").
_SUBJECT_AFTER_VERB = frozenset({"de"})
_HAN_OR_WORD = lazy_regex(r"[\p{Han}\p{L}\p{N}]")
#: A possessive right before a target names its owner ("its price target", « son objectif »).
_POSSESSIVE_BEFORE = lazy_regex(
    r"(?<![\p{L}])(?:its|his|her|their|son|sa|ses|leur|leurs|sein|seine|seinen|seinem|ihr|ihre"
    r"|ihren|ihrem|su|sus)\s+(?:[\p{L}-]+\s+){0,2}\Z",
    regex.IGNORECASE,
)
_CAPITALISED = lazy_regex(r"(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}&.'’-]*")
#: Languages whose nouns are all capitalised: a capital letter names nobody there.
_NOUNS_CAPITALISED = frozenset({"de"})
#: A sentence's lead: a comma or colon within this many characters of its start.
_LEAD_END = lazy_regex(r"[,，:：、]")
_LEAD_LATIN = 60
_LEAD_HAN = 30
_DIGIT = lazy_regex(r"\d")
#: How far a passive agent may follow the figure it sources ("3 % attendus par").
_AGENT_GAP = 24
_DIGIT_OR_STOP = lazy_regex(r"[\d.;:!?,，。；]")
#: How far a byline bracket (【记者…报道】) may reach around a cue inside it.
_BYLINE_REACH = 40


class Cue(NamedTuple):
    """A cue found in a sentence (a tuple: built by the thousand, compared by value)."""

    start: int
    end: int
    text: str
    accepted: bool
    why: str = ""


def scope_of(scopes: dict[int, Scope], article: Article, ctx: RuleContext, si: int) -> Scope:
    """The analysis of sentence ``si``, computed once per article whoever asks first."""
    scope = scopes.get(si)
    if scope is None:
        scope = scopes[si] = Scope(article, ctx, article.sentences[si])
    return scope


class Scope:
    """Cues and clause breaks of one sentence, computed once for all its figures."""

    def __init__(self, article: Article, ctx: RuleContext, sentence: Sentence) -> None:
        self.article = article
        self.ctx = ctx
        self.start, self.end = sentence.start, sentence.end
        text = article.text
        self.scanners = scanners = _scanners(ctx.pack)
        start, end, timeout = self.start, self.end, ctx.timeout
        self._agents: list[tuple[int, int, str]] | None = None
        self.cues: list[Cue] = [
            Cue(m.start(), m.end(), m.group(), True)
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
                named = any(c.accepted and c.start < m.start() for c in self.cues)
                ok = self._has_subject(m.start(), m.end(), named)
                if ok and scanners.has_agents:
                    spans = self._agent_spans()
                    if any(a <= m.start() < b for a, b, _ in spans):
                        continue  # a passive with its agent ("erwartet von …"): see agent()
                has_accepted = has_accepted or ok
                self.cues.append(
                    Cue(m.start(), m.end(), m.group(), ok, "" if ok else "needs a named subject")
                )
            if len(self.cues) > plain:
                self.cues.sort(key=lambda c: c.start)
        if self.cues and ctx.pack.script == "Han" and text.find("【", start, end) >= 0:
            self.cues = [_in_byline(text, c, start) for c in self.cues]
            has_accepted = any(c.accepted for c in self.cues)
        self.cue_starts = [c.start for c in self.cues]
        self.has_accepted = has_accepted
        self._feelings: list[Cue] | None = None
        self._targets: list[tuple[int, int]] | None = None
        self._joins: list[int] | None = None
        self._lead_cue: Cue | None = None
        self._lead_done = False
        # Clause breaks and time clauses matter only around cues: found on first use (a
        # sentence without any cue, or asked only for its first cue, never needs them).
        self._breaks: list[int] | None = None
        self.subs: list[tuple[int, int]] = []
        self.sub_starts: list[int] = []
        self.by_clause: dict[tuple[int, int], list[Cue]] = {}

    def _clauses(self) -> list[int]:
        """Clause breaks, time clauses and accepted cues per clause, computed once."""
        if self._breaks is not None:
            return self._breaks
        text, start, end, timeout = self.article.text, self.start, self.end, self.ctx.timeout
        scanners = self.scanners
        breaks = [m.start() for m in scanners.breaks.scan(text, start, end, timeout)]
        if text.find("\n", start, end) >= 0:
            # A list item on its own line ("** JPMorgan raised…") starts a new clause even
            # when the line before it does not end like a sentence.
            breaks.extend(m.start() for m in _LIST_ITEM.finditer(text, start, end))
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
        # The same lookups as clause() and sub(), made here on the lists just built.
        subs, sub_starts = self.subs, self.sub_starts
        for cue in self.cues:
            if cue.accepted:
                offset = cue.start
                i = bisect.bisect_right(sub_starts, offset) - 1
                sub = i if i >= 0 and offset < subs[i][1] else -1
                key = (bisect.bisect_right(breaks, offset), sub)
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

    def _has_subject(self, start: int, end: int, named: bool = False) -> bool:
        """Whether an ambiguous verb has a subject that can be a source (``named``: a source
        was already named earlier in the sentence, whose forecasts a passive continues)."""
        text = self.article.text
        lo = self.start
        if self.ctx.pack.script == "Han":
            j = start - 1
            while j >= lo and text[j].isspace():
                j -= 1
            if j < lo or not _HAN_OR_WORD.match(text[j]):
                return False
            # A metric right before the verb is what is forecast, not who forecasts:
            # 净利润预计为5亿元 ("net profit is expected to be…").
            metric = self.ctx.pattern("figure-money-nouns")
            if named or metric is None:
                return True
            return not metric.search(text, max(lo, j - 5), j + 1)
        before = text[max(lo, start - 80) : start]
        known = self.ctx.pattern("source-subjects")
        if known is not None:
            tail = _subject_tail(known.pattern)
            # The built-in section runs without a timeout (see rules/_figure_trust.py).
            timeout = None if trusted(self.ctx.pack, ("source-subjects",)) else self.ctx.timeout
            if tail.search(before, timeout=timeout):
                return True
        m = _NAME_BEFORE.search(before)
        if m is not None:
            name = m.group("name").lower()
            # A capitalised function word opens the sentence ("As expected", « Le chiffre
            # d'affaires », "El precio"): it names nobody.
            if name not in _IMPERSONAL and name not in self.ctx.pack.stopwords:
                return True
        if self.ctx.lang in _SUBJECT_AFTER_VERB:
            after = text[end : min(self.end, end + 40)]
            return bool(_NAME_AFTER.match(after))
        return False

    def _target_owner(self, start: int) -> bool:
        """Whether a price target has an owner named before it in the sentence: a firm or
        person ("Citi raised its price target", « Jefferies remonte son objectif »), a
        source noun (analysts, consensus) or a possessive ("his target", « son objectif »)."""
        text, lo = self.article.text, self.start
        if _POSSESSIVE_BEFORE.search(text, max(lo, start - 30), start):
            return True
        known = self.ctx.pattern("source-subjects")
        if known is not None and known.search(text, lo, start, timeout=self.ctx.timeout):
            return True
        if self.ctx.lang in _NOUNS_CAPITALISED:
            return False
        stop = self.ctx.pack.stopwords
        for m in _CAPITALISED.finditer(text, lo, start):
            word = m.group().lower()
            if len(word) > 1 and word not in stop and word not in _IMPERSONAL:
                return True
        return False

    def feelings(self) -> list[Cue]:
        """Verbs of feeling ("investors fear"): only findings explain them, so scanned lazily."""
        if self._feelings is None:
            self._feelings = []
            found = self.scanners.feelings.scan(
                self.article.text, self.start, self.end, self.ctx.timeout
            )
            for m in found:
                self._feelings.append(
                    Cue(m.start(), m.end(), m.group(), False, "a verb of feeling is not a source")
                )
        return self._feelings

    def first_accepted(self) -> Cue | None:
        return next((c for c in self.cues if c.accepted), None)

    def _agent_spans(self) -> list[tuple[int, int, str]]:
        if self._agents is None:
            self._agents = [
                (m.start(), m.end(), m.group())
                for m in self.scanners.agents.scan(
                    self.article.text, self.start, self.end, self.ctx.timeout
                )
            ]
        return self._agents

    def agent(self, fig: Figure) -> dict[str, Any] | None:
        """A passive with its agent right next to the figure: after it ("the $2.10 expected
        by LSEG") or, as an attribute, before it ("die von Analysten erwarteten 0,9 Prozent")."""
        text = self.article.text
        for start, end, words in self._agent_spans():
            if fig.end <= start <= fig.end + _AGENT_GAP:
                lo, hi = fig.end, start
            elif fig.start - _AGENT_GAP <= end <= fig.start:
                lo, hi = end, fig.start
            else:
                continue
            if not _DIGIT_OR_STOP.search(text, lo, hi):
                return {"cue": words.strip(), "where": "passive agent next to the figure"}
        return None

    def target(self, fig: Figure) -> dict[str, Any] | None:
        """A price target whose owner is named, in the figure's clause (found on first use:
        only figures no other cue sources ask)."""
        if self._targets is None:
            self._targets = [
                m.span()
                for m in self.scanners.targets.scan(
                    self.article.text, self.start, self.end, self.ctx.timeout
                )
                if self._target_owner(m.start())
            ]
        if self._targets:
            clause = self.clause(fig.start)
            for start, end in self._targets:
                if self.clause(start) == clause and not fig.start <= start < fig.end:
                    words = self.article.text[start:end]
                    return {"cue": words, "where": "a price target of the firm named"}
        return None

    def verdict(self, fig: Figure) -> dict[str, Any] | None:
        """Which cue sources ``fig``: one in its clause, the sentence's lead, a passive agent
        next to it or a price target of a named firm; None when none does."""
        found = self._clause_verdict(fig) if self.has_accepted else None
        if found is None:
            # Passive agents and price targets are rare: most articles hold none of their
            # words. Asked only here, for the figures no clause cue sources.
            scanners, text = self.scanners, self.article.text
            if scanners.has_agents and scanners.agents.present(text):
                found = self.agent(fig)
            if found is None and scanners.has_targets and scanners.targets.present(text):
                found = self.target(fig)
        return found

    def _clause_verdict(self, fig: Figure) -> dict[str, Any] | None:
        offset = fig.start
        clause = bisect.bisect_right(self._clauses(), offset)
        i = bisect.bisect_right(self.sub_starts, offset) - 1
        sub = i if i >= 0 and offset < self.subs[i][1] else -1
        keys = [(clause, sub), (clause, -1)] if sub >= 0 else [(clause, -1)]
        for key in keys:
            for cue in self.by_clause.get(key, ())[:3]:
                if inside(cue, fig):
                    continue
                if cue.end <= fig.start and self._joined(cue.end, fig.start):
                    continue  # "…40%, his agent said, and shares gained 3%": not the 3%
                return {"cue": cue.text, "where": "same clause"}
        lead = self._lead()
        if lead is not None and lead.end <= fig.start:
            return {"cue": lead.text, "where": "the sentence's lead"}
        return None

    def _joined(self, lo: int, hi: int) -> bool:
        """Whether a coordinated clause starts between ``lo`` and ``hi`` (", and …"): a
        reporting clause before it does not reach the figures after it."""
        text = self.article.text
        if self.scanners.joins_comma and text.find(",", lo, hi) < 0 and text.find("，", lo, hi) < 0:
            return False  # every built-in join starts with a comma
        if self._joins is None:
            scanner = self.scanners.joins
            self._joins = [m.start() for m in scanner.scan(text, self.start, self.end, None)]
        k = bisect.bisect_left(self._joins, lo)
        return k < len(self._joins) and self._joins[k] < hi

    def _lead(self) -> Cue | None:
        """An accepted cue in a short introductory phrase ending with a comma or colon
        ("According to LSEG data, …", « Selon l'Insee, … », 记者从统计局获悉，…): it governs
        the whole sentence, across semicolons and coordinated clauses."""
        if self._lead_done:
            return self._lead_cue
        self._lead_done = True
        text = self.article.text
        reach = _LEAD_HAN if self.ctx.pack.script == "Han" else _LEAD_LATIN
        m = _LEAD_END.search(text, self.start, min(self.end, self.start + reach))
        if m is None or _DIGIT.search(text, self.start, m.start()):
            return None
        for cue in self.cues:
            if cue.start >= m.start():
                break
            if cue.accepted and self.sub(cue.start) < 0:
                self._lead_cue = cue
                return cue
        return None

    def reasons(self, fig: Figure) -> list[dict[str, str]]:
        """Why no cue counted, nearest first: what compliance staff need to defend a finding."""
        out: list[dict[str, str]] = []
        feelings = self.feelings()
        near = nearest(self.cues, self.cue_starts, fig.start) + nearest(
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
        "agents",
        "breaks",
        "cues",
        "feelings",
        "has_adverbials",
        "has_agents",
        "has_targets",
        "joins",
        "joins_comma",
        "need_subject",
        "subs",
        "targets",
    )

    def __init__(self, pack: LanguagePack) -> None:
        self.breaks = section_scanner(pack, "clause-breaks")
        self.cues = section_scanner(pack, "source-cues")
        self.need_subject = section_scanner(pack, "source-cues-need-subject")
        self.subs = section_scanner(pack, "subordinate-clauses")
        self.adverbials = section_scanner(pack, "source-adverbials")
        self.has_adverbials = pack.pattern("source-adverbials") is not None
        self.feelings = section_scanner(pack, "feeling-verbs")
        self.agents = section_scanner(pack, "source-agents")
        self.targets = section_scanner(pack, "source-targets")
        self.joins = section_scanner(pack, "clause-joins")
        self.joins_comma = trusted(pack, ("clause-joins",))
        self.has_targets = pack.pattern("source-targets") is not None
        self.has_agents = pack.pattern("source-agents") is not None


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


def _in_byline(text: str, cue: Cue, floor: int) -> Cue:
    """``cue``, rejected when it sits in a bracketed byline or tag (【记者…/综合报道】): the
    reporter's credit reports nothing about the figures."""
    if not cue.accepted:
        return cue
    lo = max(floor, cue.start - _BYLINE_REACH)
    opened = text.rfind("【", lo, cue.start)
    if opened < 0 or text.find("】", opened, cue.start) >= 0:
        return cue
    closed = text.find("】", cue.end, cue.end + _BYLINE_REACH)
    if closed < 0:
        return cue
    return cue._replace(accepted=False, why="inside a bracketed byline or tag")


def nearest(cues: list[Cue], starts: list[int], offset: int, k: int = 3) -> list[Cue]:
    """Up to ``k`` cues on each side of ``offset`` (evidence needs the nearest, not all)."""
    i = bisect.bisect_left(starts, offset)
    return cues[max(0, i - k) : i + k]


def inside(cue: Cue, fig: Figure) -> bool:
    return fig.start <= cue.start < fig.end
