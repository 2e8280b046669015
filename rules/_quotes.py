"""Direct quotations in an article and who, if anyone, they are attributed to.

Shared by ``unattributed-quote`` (which reports quotes nobody is tied to) and
``unsourced-figure`` (a figure inside an attributed quote is sourced). Public API::

    ctx.analysis.quotes -> list[Quote]             # every top-level quote, found once per article
    quote_at(quotes, offset) -> Quote | None       # the quote whose span holds an offset

A :class:`Quote` carries its span with the marks (``start``/``end``), the quoted words
(``inner_start``/``inner_end``), its size (``words``: words, or for Chinese Han characters
plus any Latin words, ``han`` says which), whether it ``closed``, the blocks it spans
(``first_block``/``last_block``), ``in_headline``, ``mention`` (a title or slogan named in a
sentence), and the verdict: ``attributed``, ``speaker`` (a name, "pronoun → antecedent",
or a description), ``speaker_kind`` (``name``, ``pronoun``, ``epithet``, ``description``,
``continuation``), ``cue`` (the speech verb or source phrase), ``how`` (``same-sentence``,
``speech-tag``, ``colon-introduction``, ``continuation``, ``previous-sentence``) and
``reason`` (why not, when not). ``Quote.evidence(text)`` gives the JSON-ready evidence.

How attribution is decided (pack sections ``speech-verbs``, ``speaker-pronouns``,
``speaker-epithets``, ``honorifics``, ``company-nouns``; the English pack fills gaps):

1. Same sentence. The sentence (the segmenter never splits inside a closed quote) with
   every quotation masked out is searched for the speech verbs or source phrases nearest to
   the quote, before it ("Il a déclaré : « … »") or after it ("“…,” said Smith", "„…“,
   sagte er"), nearest first. The speaker is the subject nearest to that cue: a name, a
   pronoun or a description ("the chief executive"); a name after a preposition ("chez
   Microsoft", "of Google") or inside a relative clause (", qui a rejoint Microsoft,") is
   not a subject. A cue with a noun phrase but no name ("a spokeswoman said", "the company
   said") is attributed to that description.
2. Speech tag. Right after a quote that ends like speech (a comma, ! or ?), at most two
   lower-case words then a speaker, whatever the verb: "« … », promet Anne Le Bihan",
   "»…«, lacht Frey", "“…,” Smith laughed".
3. An introducing sentence ending with a colon just before the quote (the quote opening the
   next paragraph), or a colon after a named speaker ("Ella lo resume así: «…»").
4. Continuation: a later quote in the same paragraph as an attributed one, or a quote that
   opens a sentence right after a reported-speech sentence of the same paragraph ("He also
   said policy would stay prudent. “We will…”"). A line break in between ends the credit:
   a quote paragraph standing on its own needs its own attribution.

A pronoun or an anaphoric description ("ce cofondateur", "the 61-year-old"; or a bare verb
in pro-drop Spanish and Chinese) needs a *person* named within ``ANTECEDENT_WINDOW``
characters before. A description with a definite article and no person ("le responsable de
l'IA chez X a dit") still names a role and counts as attributed to it. A description is
matched to the person who was given that role in apposition ("la presidenta del BCE,
Christine Lagarde"), else to the last person named.

Which names are people (and which are companies) is decided in :mod:`._people`; in short,
a person is a first-and-last name in title case or a name after an honorific or role, and a
company never counts: only a pronoun with no person at all before it ("Microsoft said … He
said") stays unattributed.

Everything is linear: marks are paired in one scan per block, every search runs on a
bounded window around one quote, and name lookups are bisections into sorted lists. The
pairing and the record live in :mod:`._quote_marks`, who a cue names in
:mod:`._quote_speakers`, the sentences around a quote in :mod:`._quote_partial`.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import regex
from newslint.lazy import lazy_regex
from newslint.rules._company_names import words
from newslint.rules._people import ANTECEDENT_WINDOW, PeopleMixin
from newslint.rules._quote_leads import LeadMixin
from newslint.rules._quote_marks import (
    CONTEXT_WINDOW,
    MASK,
    Quote,
    Raw,
    inner_span,
    pair_marks,
    quote_size,
)
from newslint.rules._quote_partial import PartialMixin
from newslint.rules._quote_patterns import pack_patterns
from newslint.rules._quote_pieces import PiecesMixin
from newslint.rules._quote_speakers import SpeakerMixin

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.rule import RuleContext


__all__ = ["ANTECEDENT_WINDOW", "Quote", "analyse_quotes", "quote_at"]

_FindIter = Callable[..., Iterator["regex.Match[str]"]]
_Search = Callable[..., "regex.Match[str] | None"]


def _finditer(
    pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[regex.Match[str]]:
    """``RuleContext.finditer`` without the timeout, for the built-in pack sections."""
    return pattern.finditer(text, pos, len(text) if endpos is None else endpos)


def _search(
    pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> regex.Match[str] | None:
    """``RuleContext.search`` without the timeout, for the built-in pack sections."""
    return pattern.search(text, pos, len(text) if endpos is None else endpos)


_ALNUM = lazy_regex(r"[\p{L}\p{N}]")
_PRO_DROP = {"es", "zh", "it", "pt"}


def quote_at(quotes: list[Quote], offset: int) -> Quote | None:
    """The quote whose span (marks included) holds ``offset``, by bisection."""
    i = bisect.bisect_right([q.start for q in quotes], offset) - 1
    if i >= 0 and quotes[i].contains(offset):
        return quotes[i]
    return None


def analyse_quotes(article: Article, ctx: RuleContext) -> list[Quote]:
    """Every top-level direct quotation of the article, in order, with its attribution.
    Rules read it as ``ctx.analysis.quotes``, which runs this once per article."""
    return _QuoteAnalysis(article, ctx).run()


class _QuoteAnalysis(SpeakerMixin, PeopleMixin, LeadMixin, PartialMixin, PiecesMixin):
    """One article's quote analysis; holds the masked text and the name registry."""

    def __init__(self, article: Article, ctx: RuleContext) -> None:
        self.article = article
        self.ctx = ctx
        self.text = article.text
        self.lang = ctx.lang
        self.cjk = ctx.pack.script == "Han" if hasattr(ctx.pack, "script") else False
        compiled = pack_patterns(ctx)
        self.patterns: dict[str, regex.Pattern[str] | None] = compiled.patterns
        self.honor_tail = compiled.honor_tail
        self._lexicon_words = compiled.lexicon_words
        self._cue_pronouns = compiled.cue_pronouns
        self._company_words = compiled.company_words
        self._verbs_consume = compiled.consuming["speech-verbs"]
        # The built-in sections run without the engine's timeout (about 2 µs a call, a
        # third of a short search); anything a user pack adds or replaces keeps it.
        self.finditer: _FindIter = _finditer if compiled.trusted else ctx.finditer
        self.search: _Search = _search if compiled.trusted else ctx.search
        self._first_cues: dict[tuple[int, int, int, int], regex.Match[str] | None] = {}
        self._mid_sentence: dict[str, bool] = {}
        anon = [w for w in ctx.lexicon("anonymous-speakers") if isinstance(w, str)]
        self._anon_words = frozenset(w.lower() for w in anon)
        self._anon_prefixes = tuple(anon)
        crowd = [w for w in ctx.lexicon("crowd-speakers") if isinstance(w, str)]
        self._crowd_words = frozenset(w.lower() for w in crowd)
        self._crowd_prefixes = tuple(crowd)

    # ---- step 2: masked text, sentences, names -----------------------------------------
    def _prepare(self, raws: list[Raw]) -> None:
        text = self.text
        parts: list[str] = []
        pos = 0
        self.inner: list[tuple[int, int]] = []
        for r in raws:
            s, e = inner_span(text, r)
            self.inner.append((s, e))
            if s < pos:
                continue
            parts.append(text[pos:s])
            parts.append(MASK * (e - s))
            pos = e
        parts.append(text[pos:])
        self.masked = "".join(parts)
        # The article's own sentences (cached, shared with other rules): the same
        # split_block per block with the article's abbreviations.
        sents = [(sent.start, sent.end) for sent in self.article.sentences]
        self.sent_blocks = [sent.block for sent in self.article.sentences]
        # Blocks made of one quote alone: a list of quotes under a lead (``_lead``).
        blocks = self.article.blocks
        self.quote_blocks = {
            r.first_block
            for r in raws
            if r.first_block == r.last_block
            and not _ALNUM.search(self.text, blocks[r.first_block].start, r.start)
            and not _ALNUM.search(self.text, r.end, blocks[r.first_block].end)
        }
        self.sent_starts = [s for s, _ in sents]
        self.sents = sents
        # The name registry (``_people``) is built on first use.

    def _verb_matches(self, a: int, b: int) -> list[regex.Match[str]]:
        """The speech verbs in masked text[a:b]."""
        verbs = self.patterns["speech-verbs"]
        return [] if verbs is None else list(self.finditer(verbs, self.masked, a, b))

    def sentence(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, offset) - 1
        if i < 0:
            return (0, 0)
        return self.sents[i]

    def _block_of(self, offset: int) -> int:
        """The index of the block holding ``offset`` (its sentence's block)."""
        i = bisect.bisect_right(self.sent_starts, offset) - 1
        return self.sent_blocks[i] if i >= 0 else 0

    def _stands_alone(self, r: Raw) -> bool:
        """The quote is its paragraph's first words and its sentence has no words outside
        it (no cue of its own that failed to name anyone)."""
        s_start, _ = self.sentence(r.start)
        _, s_end = self.sentence(max(r.start, r.end - 1))
        block_start = self.article.blocks[r.first_block].start
        return not self._has_words(min(block_start, s_start), r.start) and not self._has_words(
            r.end, s_end
        )

    def _sentence_initial(self, offset: int) -> bool:
        s, _ = self.sentence(offset)
        return not self._has_words(s, offset)

    def _has_words(self, a: int, b: int) -> bool:
        """Whether masked text[a:b] holds a letter or digit; looks at most at both ends'
        ``CONTEXT_WINDOW`` characters, so a huge sentence full of quotes stays linear."""
        if b <= a:
            return False
        if _ALNUM.search(self.masked, max(a, b - CONTEXT_WINDOW), b):
            return True
        if b - a <= CONTEXT_WINDOW:
            return False
        return bool(_ALNUM.search(self.masked, a, min(b, a + CONTEXT_WINDOW))) or (
            b - a > 2 * CONTEXT_WINDOW
        )

    # ---- step 3: attribution ----------------------------------------------------------
    def run(self) -> list[Quote]:
        raws = pair_marks(self.article)
        self._prepare(raws)
        headline = self.article.headline
        quotes: list[Quote] = []
        last_by_block: dict[int, Quote] = {}
        self._prev_quote: Quote | None = None
        for r, (inner_s, inner_e) in zip(raws, self.inner, strict=True):
            words, han = quote_size(self.text, inner_s, inner_e)
            in_headline = headline is not None and headline.start <= r.start < headline.end
            verdict = self._attribute(r)
            if verdict is None:
                # A soft line break inside a paragraph (Markdown, hard-wrapped text) is
                # not a new paragraph: the block, not the line, bounds a continuation.
                prev = last_by_block.get(r.first_block)
                if prev is not None and prev.attributed:
                    verdict = (
                        prev.speaker,
                        "continuation",
                        None,
                        "continuation",
                        "continues the attributed quote before it in the same paragraph",
                    )
            if verdict is None:
                verdict = self._previous_sentence(r)
            if verdict is None:
                part = self._partial(r.start, r.end, inner_s)
                if part is not None:
                    verdict = (*part[0], part[1], "")
            weak = None
            if verdict is None and self._stands_alone(r):
                found, weak = self._previous_paragraph(r.first_block)
                if found is not None:
                    verdict = (*found, "previous-paragraph", "")
            unsure = False
            if verdict is None:
                reason, unsure = self._why_not(r), False
                if weak is not None:
                    reason, unsure = (
                        f"the paragraph before reports what {weak} said, but this quote "
                        "paragraph does not say who is speaking",
                        True,
                    )
                elif reason.startswith(_CUE_WITHOUT_PERSON):
                    unsure = True
                verdict = (None, None, None, None, reason)
            speaker, kind, cue, how, reason = verdict
            if how == "continuation":
                prev_q = last_by_block.get(r.first_block)
                unnamed = None
                if prev_q is not None and prev_q.anonymous:
                    unnamed = "crowd" if prev_q.crowd else "person"
            else:
                unnamed = self._anonymous(speaker, kind, r) if how is not None else None
            q = Quote(
                r.start,
                r.end,
                inner_s,
                inner_e,
                r.open,
                r.close,
                r.first_block,
                r.last_block,
                words,
                han,
                in_headline,
                self._is_mention(r, inner_s, inner_e, words, han),
                how is not None,
                speaker,
                kind,
                cue,
                how,
                reason if how is None else "",
                unsure,
                unnamed is not None,
                unnamed == "crowd",
            )
            if r.first_block != r.last_block:
                before = last_by_block.get(r.first_block - 1)
                kept: Quote | None = self._prev_quote
                self._prev_quote = q  # a reopened paragraph's "he added" continues q
                q = q._replace(pieces=self._carried_pieces(r, q, before))
                self._prev_quote = kept
            quotes.append(q)
            last_by_block[r.last_block] = q
            if not q.is_short() or _gives_words(q):
                # A short quote counts when a speech verb gives it to someone: "le bureau
                # d'études se dit 'plus positif' … / '…', indique-t-il".
                self._prev_quote = q
        return quotes

    def _attribute(
        self, r: Raw
    ) -> tuple[str | None, str | None, str | None, str | None, str] | None:
        s_start, _ = self.sentence(r.start)
        _, s_end = self.sentence(max(r.start, r.end - 1))
        lo = max(s_start, r.start - CONTEXT_WINDOW)
        hi = min(max(s_end, r.end), r.end + CONTEXT_WINDOW)
        found = self._tie(lo, r.start, r.end, hi)
        if found is not None:
            return (*found, "same-sentence", "")
        found = self._speech_tag(r, hi)
        if found is not None:
            return (*found, "speech-tag", "")
        found = self._dash_credit(r.start, r.end, r.close is not None)
        if found is not None:
            return (*found, "dash-credit", "")
        inner_s, inner_e = inner_span(self.text, r)
        found = self._incise(inner_s, inner_e)
        if found is not None:
            return (*found, "incise", "")
        # An introducing sentence ending with a colon, just before the quote.
        if not self._has_words(s_start, r.start):
            prev_end = s_start
            while prev_end > 0 and (self.text[prev_end - 1].isspace()):
                prev_end -= 1
            if prev_end > 0 and self.text[prev_end - 1] in ":：":
                p_start, _ = self.sentence(prev_end - 1)
                p_lo = max(p_start, prev_end - CONTEXT_WINDOW)
                found = self._tie(p_lo, prev_end, prev_end, prev_end, colon=True)
                if found is not None:
                    return (*found, "colon-introduction", "")
            if not self._has_words(self.article.blocks[r.first_block].start, r.start):
                found = self._lead(r.first_block)
                if found is not None:
                    return (*found, "lead", "")
        return None

    def _tie(
        self,
        lo: int,
        q_start: int,
        q_end: int,
        hi: int,
        *,
        colon: bool = False,
        cue_only: bool = False,
    ) -> tuple[str | None, str | None, str | None] | None:
        """Speaker, kind and cue tying a quote at [q_start, q_end) to someone, or None.
        ``cue_only``: the caller wants only a tie by a cue (skip the colon test)."""
        verbs = self.patterns["speech-verbs"]
        cues: list[tuple[int, regex.Match[str]]] = []
        if verbs is not None:
            # (An empty window holds no cue when every cue is a character or more.)
            consume = self._verbs_consume
            masked = self.masked
            before = (
                list(self.finditer(verbs, masked, lo, q_start))
                if lo < q_start or not consume
                else []
            )
            if before:
                cues.append((q_start - before[-1].end(), before[-1]))
            after = self.search(verbs, masked, q_end, hi) if q_end < hi or not consume else None
            if after is not None:
                cues.append((after.start() - q_end, after))
            # The first cue on either side, for _why_not (a search from ``lo`` finds
            # exactly the first match of this finditer).
            self._first_cues[(lo, q_start, q_end, hi)] = before[0] if before else after
        cues.sort(key=lambda c: c[0])
        for _, cue_m in cues:  # the nearest cue first; the other if it names no one
            found = self._tie_cue(lo, q_start, q_end, hi, cue_m)
            if found is not None:
                return found
        if cues or cue_only:
            return None
        # "Smith, in an interview: « … »": a colon after a named speaker introduces.
        if colon or self.masked[lo:q_start].rstrip().endswith((":", "：")):
            speaker = self._speaker(lo, q_start, None, limit=q_start)
            if speaker is None:
                return self._possessive_colon(lo, q_start)
            if speaker[1] == "description":
                return None
            if speaker[1] == "name" and not self._name_not_position(speaker[0], lo, q_start):
                # "Sensaciones tras el partido: «…»", "L’objectif reste : « … »": a common
                # noun opens the sentence; "Her verdict:" may still name someone.
                return self._possessive_colon(lo, q_start)
            if speaker[1] in ("pronoun", "epithet"):
                who, kind = self._resolve(speaker, q_start)
                if who is None:
                    return self._continue_previous(speaker[0], q_start, None)
                return (who, kind, None)
            return (speaker[0], speaker[1], None)
        return None

    def _tie_cue(
        self, lo: int, q_start: int, q_end: int, hi: int, cue_m: regex.Match[str]
    ) -> tuple[str | None, str | None, str | None] | None:
        cue = cue_m.group()
        if cue_m.end() <= q_start:
            speaker = self._speaker(lo, cue_m.start(), cue_m, limit=q_start)
        else:
            speaker = self._speaker(q_end, cue_m.start(), cue_m, limit=hi)
        if speaker is None:
            if self.lang in _PRO_DROP or self.cjk:
                speaker = ("", "pronoun")
            else:
                return ("(unnamed)", "description", cue)
        if speaker[1] in ("pronoun", "epithet"):
            resolved = self._resolve(speaker, q_start)
            if resolved[0] is not None:
                return (*resolved, cue)
            if speaker[1] == "epithet" and not _is_anaphoric(speaker[0]):
                # "le responsable de l'IA chez X a dit": a role, not a reference back.
                return (speaker[0], "description", cue)
            return self._continue_previous(speaker[0], q_start, cue)
        return (speaker[0], speaker[1], cue)

    def _why_not(self, r: Raw) -> str:
        s_start, _ = self.sentence(r.start)
        _, s_end = self.sentence(max(r.start, r.end - 1))
        lo = max(s_start, r.start - CONTEXT_WINDOW)
        hi = min(max(s_end, r.end), r.end + CONTEXT_WINDOW)
        verbs = self.patterns["speech-verbs"]
        cue = None
        if verbs is not None:
            window = (lo, r.start, r.end, hi)
            if window in self._first_cues:  # _attribute searched this very window
                cue = self._first_cues[window]
            else:
                cue = self.search(verbs, self.masked, lo, r.start) or self.search(
                    verbs, self.masked, r.end, hi
                )
        if cue is not None:
            return (
                f"{_CUE_WITHOUT_PERSON}'{cue.group()}' has only a pronoun or description for a "
                "subject and no person is named before it"
            )
        if not self._has_words(s_start, r.start) and not self._has_words(r.end, s_end):
            return "the quote stands alone: no speech verb or source in its sentence"
        return "no speech verb or source phrase ties it to a speaker in its sentence"


#: How the reason for an unattributed quote with a cue but nobody behind it begins.
_CUE_WITHOUT_PERSON = "the speech verb "

_DEMONSTRATIVES = words(
    "ce cet cette ces this that these those dieser diese dieses jener jene este esta "
    "estos estas dicho dicha"
)


def _gives_words(q: Quote) -> bool:
    """Whether a short quote is plainly someone's words: a speech verb in its sentence
    gives it to a name or to a description of two words or more ("le bureau d'études")."""
    if not q.attributed or q.cue is None or q.how != "same-sentence" or not q.speaker:
        return False
    return q.speaker_kind == "name" or len(q.speaker.split()) >= 2


def _is_anaphoric(epithet: str) -> bool:
    """A demonstrative or an age ("ce cofondateur", "the 61-year-old") points back."""
    first = epithet.split()[0].lower() if epithet.split() else ""
    return (
        first in _DEMONSTRATIVES
        or any(ch.isdigit() for ch in epithet)
        or (epithet[:1] in "该該这這此")
    )
