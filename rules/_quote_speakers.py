"""Who speaks: the subject a speech verb, a tag or a colon gives a quote.

Split from :mod:`._quotes` along its second seam (the pairing of marks is :mod:`._quote_marks`,
the order of attribution steps stays in :mod:`._quotes`): the candidates for a speaker near a
cue (names, pronouns, descriptions; a name after a preposition, its article or one modifier
is no subject; nothing after "said that"/"que"), pronouns resolved to people, Chinese
subjects, unnamed speakers and speech tags. Mixed into the analysis, which supplies
``text``, ``masked``, ``patterns``, ``sentence`` and the name registry of :mod:`._people`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import regex
from newslint.lazy import lazy_regex
from newslint.rules._company_names import words
from newslint.rules._people import NAME, PREV_WORD, role_word
from newslint.rules._quote_marks import CONTEXT_WINDOW, MASK, WORD, Raw, inner_span

if TYPE_CHECKING:
    from newslint.rules._quotes import Quote

_PREPOSITIONS = words(
    "of at in on for from with to into by de d du des chez à au aux en pour avec par sur "
    "dans von vom bei mit für im aus zu zum zur nach über del a al con por para desde "
    "sobre"
)
_RELATIVE = lazy_regex(
    r",\s*(?:qui|who|which|whose|der|die|das|welche[rs]?|que|quien|quienes|dont|où)\b[^,]{0,200},",
    regex.IGNORECASE,
)
_ZH_CLAUSE_BREAK = lazy_regex(r"[，,。；;：:！？!?、“”「」『』\s]")
_ZH_CLAUSE_BREAK_BACK = lazy_regex(_ZH_CLAUSE_BREAK.pattern, regex.REVERSE)
#: An article inside a capitalised run makes it a German noun phrase ("Zur Frage der
#: Sicherheit"), not a name ("Ursula von der Leyen" keeps its particle).
_NOUN_PHRASE = lazy_regex(r"(?<!\b(?:von|van|zu|vom))[ \u00a0](?:der|des|dem|den)[ \u00a0]")
#: A transcript's dialogue tag between two sides ("记者VS.现场人员说：").
_VERSUS = lazy_regex(r"(?i)(?<![a-z])(?:vs|ｖｓ)(?![a-z])[.．]?")
_ZH_SOURCE_NAME = lazy_regex(r"[^，,。；;：:]{1,15}")
#: Roles that speak for an organisation by office: an indefinite one is still a source.
_OFFICIAL_ROLES = ("spokes", "porte-parole", "portavoz", "vocero", "sprecher", "pressesprecher")

#: Between a quote that ends its sentence and a tag opening the next: spaces, no new line.
_TAG_GAP = lazy_regex(r"[ \t\u00a0]+(?=\S)")
_COMPLEMENTIZERS = words("que qu that dass ob whether if si como comme wie how")

_ARTICLES = words(
    "the a an le la les l un une el los las una der die das dem den des ein eine einem einer"
)
#: Prepositions that hold their article: "del exazul Luis Marín", "du PDG Jean Dupont".
_CONTRACTED = words("del al du des au aux zum zur vom im beim della dello")


class SpeakerMixin:
    """Speaker candidates and their resolution (see the module docstring)."""

    text: str
    masked: str
    lang: str
    cjk: bool
    ctx: Any
    patterns: dict[str, regex.Pattern[str] | None]
    finditer: Callable[..., Iterator[regex.Match[str]]]
    search: Callable[..., regex.Match[str] | None]
    _prev_quote: Quote | None
    _lexicon_words: dict[str, bool]
    _cue_pronouns: dict[str, str | None]
    _mid_sentence: dict[str, bool]
    _anon_words: frozenset[str]
    _anon_prefixes: tuple[str, ...]
    _crowd_words: frozenset[str]
    _crowd_prefixes: tuple[str, ...]

    if TYPE_CHECKING:  # supplied by the quote analysis and the name registry

        def sentence(self, offset: int) -> tuple[int, int]: ...

        def _sentence_initial(self, offset: int) -> bool: ...

        def _block_of(self, offset: int) -> int: ...

        def person_at(self, offset: int) -> bool: ...

        def person_before(self, offset: int, role: str = "") -> str | None: ...

    def _anonymous(self, speaker: str | None, kind: str | None, r: Raw) -> str | None:
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

    def _determiner(self, speaker: str, r: Raw) -> str | None:
        """The indefinite determiner that leaves a non-Chinese speaker unnamed, or None."""
        words = speaker.split()
        s_start, _ = self.sentence(r.start)
        _, s_end = self.sentence(max(r.start, r.end - 1))
        at = self.masked.find(speaker, s_start, max(s_end, r.end + CONTEXT_WINDOW))
        if words[0].lower() in self._anon_words:
            det = words[0].lower()
            tail = words[1:]
            if not tail and at >= 0:  # the determiner alone was taken: "A spokesman said"
                tail = WORD.findall(self.masked, at + len(speaker), at + len(speaker) + 40)[:3]
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

    def _person_subject(self, p_start: int, p_end: int) -> tuple[str, str] | None:
        """The person a sentence is about: a person named among its first words (or a
        pronoun or description standing for one), before its verb."""
        if self.cjk:
            return None
        head = min(p_end, p_start + 100)
        stop = self.ctx.pack.stopwords
        cands = self._candidates(p_start, head)
        for k, (pos, who, kind) in enumerate(cands):
            lower = [w for w in WORD.findall(self.masked, p_start, pos) if w[:1].islower()]
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
                nxt = WORD.match(self.masked, pos + len(who) + 1)
                if nxt is not None and nxt.group()[:1].islower():
                    return None  # "Die Polizei nahm …": the subject is not a person
                continue  # a place or a German noun before the subject
            resolved, kind2 = self._resolve((who, kind), pos)
            return None if resolved is None else (resolved, kind2)
        return None

    def _speech_tag(self, r: Raw, hi: int) -> tuple[str | None, str | None, str | None] | None:
        """A speech tag right after the quote, whatever its verb: "« … », promet Anne Le
        Bihan", "»…«, lacht Frey", "«…», cuenta Herranz", "“…,” Smith laughed".

        Only when the quote ends like quoted speech does (a comma, ! or ? at its end, or a
        comma right after the closing mark) and the tag is at most two lower-case words
        before a speaker (or the speaker then a lower-case word)."""
        if self.cjk or r.close is None:
            return None
        _, inner_e = inner_span(self.text, r)
        if hi <= r.end and self.text[inner_e - 1 : inner_e] in ("?", "!"):
            return self._tag_next_sentence(r.end)
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
        between = WORD.findall(self.masked[r.end : pos])
        if 1 <= len(between) <= 2 and all(w[0].islower() for w in between):
            pass  # verb then subject
        elif not between:
            nxt = WORD.match(self.masked, pos + len(who) + 1) if pos + len(who) < hi else None
            if nxt is None or not nxt.group()[0].islower():
                return None  # subject then verb
        else:
            return None
        if kind in ("pronoun", "epithet"):
            resolved, kind2 = self._resolve((who, kind), r.start)
            return None if resolved is None else (resolved, kind2, None)
        return (who, kind, None)

    def _tag_next_sentence(self, end: int) -> tuple[str | None, str | None, str | None] | None:
        """“Who do they think they are?” Trump said of Apple: a question or exclamation
        ends its sentence with the quote, and the tag opens the next one on the same line,
        a speaker and a speech verb next to each other ("Trump said", "asked Smith")."""
        verbs = self.patterns["speech-verbs"]
        m = _TAG_GAP.match(self.text, end)
        if verbs is None or m is None:
            return None
        at = m.end()
        _, s_end = self.sentence(at)
        cands = self._candidates(at, min(s_end, at + 60))
        if not cands:
            return None
        pos, who, kind = cands[0]
        verb = verbs.match(self.masked, pos + len(who) + 1) if pos == at else None
        if verb is None and pos > at:  # "asked Smith": the verb first
            verb = verbs.match(self.masked, at)
            if verb is None or self.masked[verb.end() : pos].strip():
                return None
        if verb is None or (pos == at and self.lang == "de"):
            return None  # German puts a tag's verb first ("fragte Müller")
        after = max(verb.end(), pos + len(who))
        rest = self.masked[after : after + 40].lstrip()
        if rest[:1] in (",", ":") or _clause_follows(rest, 0):
            return None  # "Struck sagte, die …": a new sentence of reported speech
        if kind in ("pronoun", "epithet"):
            resolved, kind2 = self._resolve((who, kind), end)
            return None if resolved is None else (resolved, kind2, verb.group())
        return (who, kind, verb.group())

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
                words = WORD.findall(chunk.replace(MASK, " "))
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
    m = WORD.search(masked, at, at + 30)
    if m is None or masked[at : m.start()].strip():
        return False
    return m.group().lower() in _COMPLEMENTIZERS
