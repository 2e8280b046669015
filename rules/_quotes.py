"""Direct quotations in an article and who, if anyone, they are attributed to.

Shared by ``unattributed-quote`` (which reports quotes nobody is tied to) and
``unsourced-figure`` (a figure inside an attributed quote is sourced). Public API::

    find_quotes(article, ctx) -> list[Quote]      # every top-level quote, cached per article
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
bounded window around one quote, and name lookups are bisections into sorted lists.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

import regex
from newslint.rules._people import (
    ANTECEDENT_WINDOW,
    NAME,
    PREV_WORD,
    PeopleMixin,
    role_word,
    words,
)
from newslint.rules._quote_leads import LeadMixin
from newslint.rules._quote_partial import PartialMixin
from newslint.rules._quote_patterns import pack_patterns
from newslint.rules._quote_pieces import PiecesMixin
from newslint.segment import QuoteSpan, is_han, scan_quotes

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.rule import RuleContext


__all__ = ["ANTECEDENT_WINDOW", "Quote", "find_quotes", "quote_at"]

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


#: How far (characters) around a quote attribution is searched, inside its sentence.
CONTEXT_WINDOW = 400
_MASK = "\ufffc"
#: A capitalised, unpunctuated quote of at most this many words inside a sentence is a
#: title or slogan being mentioned, not speech to attribute.
MENTION_MAX_WORDS = 8
_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_PUNCT = regex.compile(r"[,.;:!?…，。；：！？]")
_PRO_DROP = {"es", "zh", "it", "pt"}

_PREPOSITIONS = words(
    "of at in on for from with to into by de d du des chez à au aux en pour avec par sur "
    "dans von vom bei mit für im aus zu zum zur nach über del a al con por para desde "
    "sobre"
)
_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*|\p{N}+")
_RELATIVE = regex.compile(
    r",\s*(?:qui|who|which|whose|der|die|das|welche[rs]?|que|quien|quienes|dont|où)\b[^,]{0,200},",
    regex.IGNORECASE,
)
_ZH_CLAUSE_BREAK = regex.compile(r"[，,。；;：:！？!?、“”「」『』\s]")
_ZH_CLAUSE_BREAK_BACK = regex.compile(_ZH_CLAUSE_BREAK.pattern, regex.REVERSE)
#: An article inside a capitalised run makes it a German noun phrase ("Zur Frage der
#: Sicherheit"), not a name ("Ursula von der Leyen" keeps its particle).
_NOUN_PHRASE = regex.compile(r"(?<!\b(?:von|van|zu|vom))[ \u00a0](?:der|des|dem|den)[ \u00a0]")
#: A transcript's dialogue tag between two sides ("记者VS.现场人员说：").
_VERSUS = regex.compile(r"(?i)(?<![a-z])(?:vs|ｖｓ)(?![a-z])[.．]?")
_ZH_SOURCE_NAME = regex.compile(r"[^，,。；;：:]{1,15}")
_HAN = regex.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")  # what is_han() accepts
_LATIN_RUN = regex.compile(r"[A-Za-z\p{N}]+")


class Quote(NamedTuple):
    """One direct quotation and its attribution verdict (see the module docstring).

    A ``NamedTuple``, not a dataclass: defining a dataclass costs import time on every
    ``newslint`` call."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    open_mark: str
    close_mark: str | None
    first_block: int
    last_block: int
    words: int
    han: bool
    in_headline: bool
    mention: bool
    attributed: bool
    speaker: str | None
    speaker_kind: str | None
    cue: str | None
    how: str | None
    reason: str
    #: Unattributed, but the text is ambiguous: a cue whose subject could only be an
    #: organisation, or reported speech of a pronoun's in the paragraph before.
    unsure: bool = False
    #: Attributed to someone left unnamed ("a neighbour said", "有分析师指出").
    anonymous: bool = False
    #: ... and that someone is a group or an indefinite "some" ("many parents said",
    #: "网友纷纷留言"): words nobody in particular can have said.
    crowd: bool = False
    #: Spans of this quote's paragraphs (it runs over several) that have no attribution of
    #: their own and follow the same speaker's words: carry-overs (see ``_quote_pieces``).
    pieces: tuple[tuple[int, int], ...] = ()

    @property
    def closed(self) -> bool:
        return self.close_mark is not None

    def is_short(self, min_words: int = 4, min_chars: int = 8) -> bool:
        """Too short to need attribution: a quoted term or scare quote."""
        return self.words < (min_chars if self.han else min_words)

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end

    def evidence(self, text: str) -> dict[str, Any]:
        """JSON-ready evidence of the verdict."""
        ev: dict[str, Any] = {
            "quote": _excerpt(text[self.inner_start : self.inner_end]),
            "size": self.words,
            "unit": "characters" if self.han else "words",
            "attributed": self.attributed,
            "closed": self.closed,
        }
        if self.speaker:
            ev["speaker"] = self.speaker
            ev["speaker_kind"] = self.speaker_kind
        if self.cue:
            ev["cue"] = self.cue
        if self.how:
            ev["how"] = self.how
        if self.reason:
            ev["reason"] = self.reason
        if self.unsure:
            ev["ambiguous"] = True
        if self.anonymous:
            ev["anonymous"] = "crowd" if self.crowd else True
        if self.mention:
            ev["mention"] = True
        if self.first_block != self.last_block:
            ev["paragraphs"] = self.last_block - self.first_block + 1
        return ev


def _excerpt(s: str, limit: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def quote_at(quotes: list[Quote], offset: int) -> Quote | None:
    """The quote whose span (marks included) holds ``offset``, by bisection."""
    i = bisect.bisect_right([q.start for q in quotes], offset) - 1
    if i >= 0 and quotes[i].contains(offset):
        return quotes[i]
    return None


_CACHE: weakref.WeakKeyDictionary[Article, list[Quote]] = weakref.WeakKeyDictionary()


def find_quotes(article: Article, ctx: RuleContext) -> list[Quote]:
    """Every top-level direct quotation of the article, in order, with its attribution."""
    cached = _CACHE.get(article)
    if cached is not None:
        return cached
    quotes = _Analysis(article, ctx).run()
    _CACHE[article] = quotes
    return quotes


class _Raw:
    """A quote's marks while paired (mutable: a quote running over paragraphs grows)."""

    __slots__ = ("close", "end", "first_block", "last_block", "open", "start")

    def __init__(
        self, start: int, end: int, open: str, close: str | None, first_block: int, last_block: int
    ) -> None:
        self.start = start
        self.end = end
        self.open = open
        self.close = close
        self.first_block = first_block
        self.last_block = last_block


class _Analysis(PeopleMixin, LeadMixin, PartialMixin, PiecesMixin):
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

    # ---- step 1: pair marks, merge multi-paragraph quotes ------------------------------
    def _raw_quotes(self) -> list[_Raw]:
        text = self.text
        raws: list[_Raw] = []
        pending: _Raw | None = None
        for bi, block in enumerate(self.article.blocks):
            carried: str | None = None
            scan_from = block.start
            if pending is not None:
                first = text[block.start] if block.end > block.start else ""
                if first == pending.open or (pending.open == "«" and first == "»"):
                    if first != pending.open:
                        carried, scan_from = pending.open, block.start + 1
                else:
                    raws.append(pending)  # never closed
                    pending = None
            spans: list[QuoteSpan] = scan_quotes(text, scan_from, block.end, carried=carried)
            for k, sp in enumerate(spans):
                if k == 0 and pending is not None and sp.start <= block.start + 1:
                    pending.end, pending.close, pending.last_block = sp.end, sp.close, bi
                    if sp.close is not None:
                        raws.append(pending)
                        pending = None
                    continue
                raw = _Raw(sp.start, sp.end, sp.open, sp.close, bi, bi)
                if sp.close is None:
                    if pending is not None:
                        raws.append(pending)
                    pending = raw
                else:
                    raws.append(raw)
            if pending is not None and pending.last_block != bi:
                raws.append(pending)
                pending = None
        if pending is not None:
            raws.append(pending)
        raws.sort(key=lambda r: r.start)
        return raws

    # ---- step 2: masked text, sentences, names -----------------------------------------
    def _prepare(self, raws: list[_Raw]) -> None:
        text = self.text
        parts: list[str] = []
        pos = 0
        self.inner: list[tuple[int, int]] = []
        for r in raws:
            s, e = _inner(text, r)
            self.inner.append((s, e))
            if s < pos:
                continue
            parts.append(text[pos:s])
            parts.append(_MASK * (e - s))
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

    def _anonymous(self, speaker: str | None, kind: str | None, r: _Raw) -> str | None:
        """Whether the speaker is left unnamed: an indefinite or counting determiner before
        a common noun ("ein Nachbar erzählt", "dijo un vecino", "有分析师指出"): "person", or
        "crowd" for a group ("many parents", "einige Anwohner", "网友纷纷"). An official role
        ("a spokeswoman") or a named organisation ("an analyst at Acme") is not."""
        if not speaker or kind not in ("description", "name") or not self._anon_words:
            return None
        if self.cjk:  # a short subject: "有分析师", not "某券商首席分析师王磊在…时"
            if (
                len(speaker) > 8
                or not speaker.startswith(self._anon_prefixes)
                or speaker.startswith(("有关", "有關"))  # "the authorities concerned"
            ):
                return None
            return "crowd" if speaker.startswith(self._crowd_prefixes or ("\0",)) else "person"
        det = self._determiner(speaker, r)
        if det is None:
            return None
        return "crowd" if det in self._crowd_words else "person"

    def _determiner(self, speaker: str, r: _Raw) -> str | None:
        """The indefinite determiner that leaves a non-Chinese speaker unnamed, or None."""
        words = speaker.split()
        s_start, _ = self.sentence(r.start)
        _, s_end = self.sentence(max(r.start, r.end - 1))
        at = self.masked.find(speaker, s_start, max(s_end, r.end + CONTEXT_WINDOW))
        if words[0].lower() in self._anon_words:
            det = words[0].lower()
            tail = words[1:]
            if not tail and at >= 0:  # the determiner alone was taken: "A spokesman said"
                tail = _WORD.findall(self.masked, at + len(speaker), at + len(speaker) + 40)[:3]
        else:  # the determiner stands just before the name: "erzählt ein Nachbar"
            pw = PREV_WORD.search(self.masked, max(0, at - 30), at) if at > 0 else None
            if pw is None or pw.group(1).lower() not in self._anon_words:
                return None
            det, tail = pw.group(1).lower(), words
        if any(w.lower().startswith(_OFFICIAL_ROLES) for w in tail):
            return None
        # A capitalised word after the noun names an organisation ("an analyst at Acme");
        # German capitalises every noun, so there the noun itself does not count.
        return None if any(w[:1].isupper() for w in tail[1:]) else det

    def _continue_previous(
        self, pronoun: str, q_start: int, cue: str | None
    ) -> tuple[str | None, str | None, str | None] | None:
        """ "«…», dijo el Banco de México. / «…», agregó.", "…, a tweeté le député. / Il serre
        les dents : « … »": a bare verb or a pronoun right after another attributed quote
        (same or previous paragraph) continues that quote's speaker, person or not."""
        prev = self._prev_quote
        if (
            prev is None
            or not prev.attributed
            or not prev.speaker
            or self._block_of(q_start) - prev.last_block > 1
        ):
            return None
        who = prev.speaker.split("→")[-1].strip()
        return (f"{pronoun} → {who}" if pronoun else who, "pronoun", cue)

    def _block_of(self, offset: int) -> int:
        """The index of the block holding ``offset`` (its sentence's block)."""
        i = bisect.bisect_right(self.sent_starts, offset) - 1
        return self.sent_blocks[i] if i >= 0 else 0

    def _stands_alone(self, r: _Raw) -> bool:
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
        raws = self._raw_quotes()
        self._prepare(raws)
        headline = self.article.headline
        quotes: list[Quote] = []
        last_by_block: dict[int, Quote] = {}
        self._prev_quote: Quote | None = None
        for r, (inner_s, inner_e) in zip(raws, self.inner, strict=True):
            words, han = _size(self.text, inner_s, inner_e)
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
                kept, self._prev_quote = self._prev_quote, q  # "he added" continues q
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
        self, r: _Raw
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
        inner_s, inner_e = _inner(self.text, r)
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

    def _previous_sentence(
        self, r: _Raw
    ) -> tuple[str | None, str | None, str | None, str | None, str] | None:
        """A quote right after a reported-speech sentence of the same paragraph continues
        that speaker ("He also said policy would stay prudent. “We will…”", "他同时指出，…。
        “我们将…”"). A line break in between (a new paragraph) ends the credit."""
        s_start, _ = self.sentence(r.start)
        if self._has_words(s_start, r.start):
            return None  # the quote does not open its sentence
        i = bisect.bisect_right(self.sent_starts, s_start - 1) - 1
        if i < 0:
            return None
        p_start, p_end = self.sents[i]
        if p_end > s_start or self.sent_blocks[i] != self.sent_blocks[i + 1]:
            return None  # the sentence before is in another paragraph
        lo = max(p_start, p_end - CONTEXT_WINDOW)
        found = self._tie(lo, p_end, p_end, p_end, cue_only=True)
        if found is not None and found[2] is not None:
            return (*found, "previous-sentence", "")
        found = self._speech_two_back(i)
        if found is not None:
            return (*found, "previous-sentence", "")
        # No cue, but the sentence before is about a named person and the quote stands
        # alone right after it in the same paragraph ("Oettinger will die Fächer straffen.
        # „Nicht jede Formel …“"): readers take the quote as that person's.
        subject = self._person_subject(p_start, p_end)
        if subject is None or self._has_words(r.end, self.sentence(max(r.start, r.end - 1))[1]):
            return None  # the quote is not a sentence of its own
        return (*subject, None, "previous-sentence-subject", "")

    def _person_subject(self, p_start: int, p_end: int) -> tuple[str, str] | None:
        """The person a sentence is about: a person named among its first words (or a
        pronoun or description standing for one), before its verb."""
        if self.cjk:
            return None
        head = min(p_end, p_start + 100)
        stop = self.ctx.pack.stopwords
        cands = self._candidates(p_start, head)
        for k, (pos, who, kind) in enumerate(cands):
            lower = [w for w in _WORD.findall(self.masked, p_start, pos) if w[:1].islower()]
            if sum(1 for w in lower if w not in stop) > 1:
                return None  # "The police arrested Mary Kline" (not "La ministre Dupont")
            nxt_c = cands[k + 1] if k + 1 < len(cands) else None
            if (
                kind == "epithet"
                and nxt_c is not None
                and nxt_c[2] == "name"
                and nxt_c[0] - (pos + len(who)) <= 2
                and self.person_at(nxt_c[0])
            ):
                return (nxt_c[1], "name")  # "La ministre Marie Dupont veut …"
            if kind == "name":
                if self.person_at(pos) and not _NOUN_PHRASE.search(who):
                    return (who, "name")
                nxt = _WORD.match(self.masked, pos + len(who) + 1)
                if nxt is not None and nxt.group()[:1].islower():
                    return None  # "Die Polizei nahm …": the subject is not a person
                continue  # a place or a German noun before the subject
            resolved, kind2 = self._resolve((who, kind), pos)
            return None if resolved is None else (resolved, kind2)
        return None

    def _speech_tag(self, r: _Raw, hi: int) -> tuple[str | None, str | None, str | None] | None:
        """A speech tag right after the quote, whatever its verb: "« … », promet Anne Le
        Bihan", "»…«, lacht Frey", "«…», cuenta Herranz", "“…,” Smith laughed".

        Only when the quote ends like quoted speech does (a comma, ! or ? at its end, or a
        comma right after the closing mark) and the tag is at most two lower-case words
        before a speaker (or the speaker then a lower-case word)."""
        if self.cjk or r.close is None:
            return None
        _, inner_e = _inner(self.text, r)
        after = self.masked[r.end : min(hi, r.end + 80)]
        ends_like_speech = (inner_e > r.start and self.text[inner_e - 1] in ",!?…") or (
            after.lstrip().startswith(",")
        )
        if not ends_like_speech:
            return None
        cands = self._candidates(r.end, min(hi, r.end + 80))
        if not cands:
            return None
        pos, who, kind = cands[0]
        between = _WORD.findall(self.masked[r.end : pos])
        if 1 <= len(between) <= 2 and all(w[0].islower() for w in between):
            pass  # verb then subject
        elif not between:
            nxt = _WORD.match(self.masked, pos + len(who) + 1) if pos + len(who) < hi else None
            if nxt is None or not nxt.group()[0].islower():
                return None  # subject then verb
        else:
            return None
        if kind in ("pronoun", "epithet"):
            resolved, kind2 = self._resolve((who, kind), r.start)
            return None if resolved is None else (resolved, kind2, None)
        return (who, kind, None)

    def _resolve(self, speaker: tuple[str, str], offset: int) -> tuple[str | None, str]:
        role = role_word(speaker[0]) if speaker[1] == "epithet" else ""
        person = self.person_before(offset, role)
        if person is None:
            return (None, speaker[1])
        label = f"{speaker[0]} → {person}" if speaker[0] else person
        return (label, speaker[1])

    def _speaker(
        self, lo: int, cue_start: int, cue: regex.Match[str] | None, *, limit: int
    ) -> tuple[str, str] | None:
        """The subject nearest to the cue: (text, kind), kind one of name, pronoun, epithet
        or description."""
        pron = self.patterns["speaker-pronouns"]
        if cue is not None and pron is not None:
            inside = self._pronoun_in_cue(pron, cue.group())
            if inside is not None:  # "a-t-il déclaré", "dit-elle"
                return (inside, "pronoun")
        if self.cjk:
            return self._zh_speaker(lo, cue_start, cue)
        # Between the context start (or the quote's end) and the cue: "Smith said", "“…,”
        # Smith said"; then right after the cue: "said Smith", "selon X", "sagte er".
        windows: list[tuple[int, int]] = [(lo, cue_start)]
        if cue is not None and not _clause_follows(self.masked, cue.end()):
            # (After "said that", "ha criticado que" comes what was said, not who said it.)
            windows.append((cue.end(), min(cue.end() + 60, limit)))
            if (
                " " in cue.group()
                and any(ch.isupper() for ch in cue.group()[1:])
                and cue.group()[-1:].islower()
                and cue.group().rsplit(" ", 1)[-1][:1].islower()
            ):
                # A separable verb holds its subject: "stellte der Abgeordnete X fest".
                windows.insert(0, (cue.start() + 1, cue.end()))
        for a, b in windows:
            if b <= a:
                continue
            cands = self._candidates(a, b)
            if not cands:
                continue
            # Before the cue the nearest subject is the last; after it (inversion), the first.
            after_cue = (a, b) != (lo, cue_start)
            pick = cands[0] if after_cue else cands[-1]
            if pick[2] == "epithet" and after_cue:
                # "afirmó la presidenta del BCE, Christine Lagarde": the name, not the role.
                named = [
                    c
                    for c in cands
                    if c[2] == "name" and c[0] - pick[0] <= 50 and self.person_at(c[0])
                ]
                if named:
                    pick = named[0]
            return pick[1], pick[2]
        # A description: "a spokeswoman said", "said one analyst".
        if cue is not None:
            near = self.masked[max(lo, cue_start - 40) : cue_start]
            after = self.masked[cue.end() : min(cue.end() + 40, limit)]
            for after_cue, chunk in ((False, near.split(",")[-1]), (True, after.split(",")[0])):
                words = _WORD.findall(chunk.replace(_MASK, " "))
                # A clause after the cue is what was said, not who said it ("ha criticado
                # que…", "said that…"); a preposition there starts an addressee ("explicó a
                # Movistar").
                first = words[0].lower() if words else ""
                if not words or first in _COMPLEMENTIZERS:
                    continue
                if after_cue and first in _PREPOSITIONS:
                    continue
                return (" ".join(words[:4]), "description")
        return None

    def _pronoun_in_cue(self, pron: regex.Pattern[str], cue: str) -> str | None:
        """A pronoun inside a speech verb after its start ("a-t-il déclaré"), memoised
        per pack: cues are a handful of phrases repeated all over the corpus."""
        memo = self._cue_pronouns
        if cue in memo:
            return memo[cue]
        inside = self.search(pron, cue)
        found = inside.group() if inside is not None and inside.start() > 0 else None
        if len(memo) > 10_000:
            memo.clear()
        memo[cue] = found
        return found

    def _candidates(self, a: int, b: int) -> list[tuple[int, str, str]]:
        masked = self.masked
        excluded = (  # a relative clause starts with a comma
            [(m.start(), m.end()) for m in _RELATIVE.finditer(masked, a, b)]
            if masked.find(",", a, b) != -1
            else []
        )
        out: list[tuple[int, str, str]] = []
        for kind, pat in (
            ("pronoun", self.patterns["speaker-pronouns"]),
            ("epithet", self.patterns["speaker-epithets"]),
        ):
            if pat is None:
                continue
            for m in self.finditer(pat, masked, a, b):
                out.append((m.start(), m.group(), kind))
        for m in NAME.finditer(masked, a, b):
            start = m.start()
            name = m.group()
            if " " not in name and "\u00a0" not in name:  # one word
                if self._is_lexicon_word(name):
                    continue
                if name.lower() in self.ctx.pack.stopwords and self._sentence_initial(start):
                    continue
            if _after_preposition(masked, start):
                continue  # "chez Microsoft", "of Google", "de la U": not a subject
            out.append((start, name, "name"))
        out = [c for c in out if not any(s <= c[0] < e for s, e in excluded)]
        out.sort()
        return out

    def _name_not_position(self, name: str, lo: int, hi: int) -> bool:
        """Whether a one-word name found in masked text[lo:hi] is a name and not a common
        noun capitalised by its place: it opens its sentence, is no known person, and is
        written capitalised nowhere else in the article ("Sensaciones tras el partido:")."""
        if " " in name or "\u00a0" in name:
            return True
        at = self.masked.rfind(name, lo, hi)
        if at < 0 or not self._sentence_initial(at) or self.person_at(at):
            return True
        name = regex.sub(r"['’]s?$", "", name)  # "Clinton’s response was:" names Clinton
        if self.masked[at + len(name) : hi].strip() in (":", "："):
            return True  # "Sergio: «…»": a speaker's name as an interview writes it
        if regex.match(r"\p{L}['’]\p{Ll}", name):
            return False  # "L’objectif": an elided article, then a common noun
        if name.isupper():
            return True  # an acronym: "UBS"
        memo = self._mid_sentence
        if name not in memo:  # one scan per distinct word: linear however many quotes
            word = regex.compile(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(name)}(?![\p{{L}}\p{{N}}])")
            memo[name] = any(
                not self._sentence_initial(m.start()) for m in word.finditer(self.masked)
            )
        return memo[name]

    def _is_lexicon_word(self, word: str) -> bool:
        memo = self._lexicon_words
        hit = memo.get(word)
        if hit is not None:
            return hit
        found = False
        for section in ("speaker-pronouns", "speech-verbs"):
            pat = self.patterns[section]
            if pat is not None and pat.fullmatch(word):
                found = True
                break
        if len(memo) > 100_000:
            memo.clear()
        memo[word] = found
        return found

    def _zh_speaker(
        self, lo: int, cue_start: int, cue: regex.Match[str] | None
    ) -> tuple[str, str] | None:
        masked = self.masked
        if cue is not None and cue.group() in ("据", "據", "援引", "引述"):
            after = masked[cue.end() : cue.end() + 20]
            m = _ZH_SOURCE_NAME.match(after)
            return (m.group(), "name") if m else None
        # The clause the cue ends: back to the last clause break before it (one backwards
        # search instead of a character-by-character walk).
        seg_start = cue_start
        if cue_start > lo:
            brk = _ZH_CLAUSE_BREAK_BACK.search(masked, lo, cue_start)
            seg_start = brk.end() if brk is not None else lo
        subject = masked[seg_start:cue_start].strip()
        if not subject:
            return None
        if _VERSUS.search(subject):
            # A transcript's tag "记者VS.屋主说：「(问题)回答」": the second side answers.
            side = _VERSUS.split(subject)[-1].strip()
            return (side, "name") if side else None
        pron = self.patterns["speaker-pronouns"]
        pm = pron.match(subject) if pron is not None else None
        follow = subject[pm.end() : pm.end() + 1] if pm is not None else ""
        if pm is not None and (not follow or follow not in "他它中实實余餘次"):
            return (pm.group(), "pronoun")  # 他表示, 她在会上说 (not 其他人, 其中)
        epi = self.patterns["speaker-epithets"]
        em = epi.match(subject) if epi is not None else None
        if em is not None:
            return (em.group(), "epithet")
        return (subject, "name")

    def _is_mention(self, r: _Raw, inner_s: int, inner_e: int, words: int, han: bool) -> bool:
        """A title, slogan or quoted line named inside a sentence, not speech reported:
        it starts with a capital, has no punctuation, is short, and the sentence goes on
        on both sides ("le film « La Maison des sept portes », premier long métrage",
        "wenn sie den Satz „Ich bin eine Möwe“ wiederholt"); in Chinese, an unpunctuated
        quote glued to Han characters on both sides."""
        if r.close is None:
            return False
        inner = self.text[inner_s:inner_e]
        if han:
            # 提出了“绿水青山就是金山银山”的理念: glued to Han text on both sides, no
            # punctuation inside: a slogan or a name, not reported speech.
            before = self.text[r.start - 1] if r.start > 0 else ""
            after = self.text[r.end] if r.end < len(self.text) else ""
            if words > 2 * MENTION_MAX_WORDS or _PUNCT.search(inner):
                return False
            # An item of a list of names: "夺得“最佳新人”、“年度专辑”与“最佳歌曲”", "包括
            # 某地“某某文化节”、某某展".
            in_list = before == "、" or (
                before in "与與和及或" and r.start > 1 and self.text[r.start - 2] in "”」』"
            )
            if not ((in_list or is_han(before)) and (in_list or after == "、" or is_han(after))):
                return False
            # ... unless a speech verb introduces the list: "纷纷留言夸赞“…”、“…”".
            return not (in_list or after == "、") or not self._cue_before_list(r.start)
        if words > MENTION_MAX_WORDS:
            return False
        if not inner[:1].isupper() or _PUNCT.search(inner):
            return False
        s_start, s_end = self.sentence(r.start)
        return self._has_words(s_start, r.start) and self._has_words(r.end, s_end)

    def _why_not(self, r: _Raw) -> str:
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


#: Roles that speak for an organisation by office: an indefinite one is still a source.
_OFFICIAL_ROLES = ("spokes", "porte-parole", "portavoz", "vocero", "sprecher", "pressesprecher")

#: How the reason for an unattributed quote with a cue but nobody behind it begins.
_CUE_WITHOUT_PERSON = "the speech verb "

_COMPLEMENTIZERS = words("que qu that dass ob whether if si como comme wie how")

_DEMONSTRATIVES = words(
    "ce cet cette ces this that these those dieser diese dieses jener jene este esta "
    "estos estas dicho dicha"
)


_ARTICLES = words(
    "the a an le la les l un une el los las una der die das dem den des ein eine einem einer"
)
#: Prepositions that hold their article: "del exazul Luis Marín", "du PDG Jean Dupont".
_CONTRACTED = words("del al du des au aux zum zur vom im beim della dello")


def _gives_words(q: Quote) -> bool:
    """Whether a short quote is plainly someone's words: a speech verb in its sentence
    gives it to a name or to a description of two words or more ("le bureau d'études")."""
    if not q.attributed or q.cue is None or q.how != "same-sentence" or not q.speaker:
        return False
    return q.speaker_kind == "name" or len(q.speaker.split()) >= 2


def _after_preposition(masked: str, start: int) -> bool:
    """Whether the name at ``start`` is the object of a preposition, directly ("chez
    Microsoft") or after an article or one modifier ("de la U", "del exazul Luis Marín")."""
    pw = PREV_WORD.search(masked, max(0, start - 30), start)
    if pw is None:
        return False
    w1 = pw.group(1).lower()
    if w1 in _PREPOSITIONS:
        return True
    if not pw.group(1).islower():
        return False
    pw2 = PREV_WORD.search(masked, max(0, pw.start() - 30), pw.start())
    if pw2 is None:
        return False
    w2 = pw2.group(1).lower()
    return (w1 in _ARTICLES and w2 in _PREPOSITIONS) or (w1 not in _ARTICLES and w2 in _CONTRACTED)


def _clause_follows(masked: str, at: int) -> bool:
    """Whether a complementizer ("that", "que", "dass") opens the words after ``at``."""
    m = _WORD.search(masked, at, at + 30)
    if m is None or masked[at : m.start()].strip():
        return False
    return m.group().lower() in _COMPLEMENTIZERS


def _is_anaphoric(epithet: str) -> bool:
    """A demonstrative or an age ("ce cofondateur", "the 61-year-old") points back."""
    first = epithet.split()[0].lower() if epithet.split() else ""
    return (
        first in _DEMONSTRATIVES
        or any(ch.isdigit() for ch in epithet)
        or (epithet[:1] in "该該这這此")
    )


def _inner(text: str, r: _Raw) -> tuple[int, int]:
    s = r.start + 1
    e = r.end - 1 if r.close is not None else r.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _size(text: str, start: int, end: int) -> tuple[int, bool]:
    """Words in a quote; for Chinese, Han characters (plus any Latin words)."""
    chunk = text[start:end]
    han = 0 if chunk.isascii() else len(_HAN.findall(chunk))
    words = len(_WORD.findall(chunk))
    if han and han * 2 >= words:
        latin = len(_LATIN_RUN.findall(chunk))
        return han + latin, True
    return words, False
