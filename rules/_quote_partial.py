"""Attribution from the sentences around a quote: the sentence just before, partial quotes,
speech two sentences back, quoted lists after a speech verb, and titles named in a sentence.

Reported speech often quotes only a phrase, and the sentence around it says whose words they
are without a speech verb next to the marks:

* the sentence's own subject is the speaker: "Frank Weber würdigte ihn als „einen großen
  Gewerkschafter der alten Schule“", "Smith called the plan “a gift to our competitors”";
* the fragment is reported speech (it starts in lower case, or German puts its sentence in
  Konjunktiv I: "Er habe „nicht den Eindruck, dass …“", "Damit seien „die Linien …“") right
  after a sentence by or about a named person in the same paragraph.

A quote sentence also stays with the speaker of a reported-speech sentence when one sentence
of plain narration stands between them in the paragraph ("张华认为，…。对手很强。“…”"), and a
list of unpunctuated Chinese quotes is speech, not a list of names, when a speech verb
introduces it ("网友留言夸赞“…”、“…”"). A short capitalised quote with no punctuation inside a
sentence that goes on around it is a title or slogan, not speech (``_is_mention``).

Mixed into the quote analysis of :mod:`._quotes` (it supplies ``masked``, ``sentence``,
``_tie``, ``_person_subject`` and ``_has_words``); kept apart so that module stays readable.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

import regex
from newslint.lazy import lazy_regex
from newslint.rules._quote_marks import CONTEXT_WINDOW, Raw
from newslint.segment import is_han

_Verdict = tuple[str | None, str | None, str | None]
#: How far back from a sentence's end its cue is looked for (the analysis's context window).
_REACH = 400
#: What may stand between a speech verb and a list of quotes it introduces.
_LIST_GAP = lazy_regex(r"[\ufffc“”「」『』、与與和及或：:\s]+")
_LETTER = lazy_regex(r"\p{L}")
_WORD = lazy_regex(r"\p{L}+")
#: A capitalised, unpunctuated quote of at most this many words inside a sentence is a
#: title or slogan being mentioned, not speech to attribute.
MENTION_MAX_WORDS = 8
_PUNCT = lazy_regex(r"[,.;:!?…，。；：！？]")


class PartialMixin:
    """Partial-quote attribution (see the module docstring)."""

    text: str
    masked: str
    ctx: Any
    cjk: bool
    sent_starts: list[int]
    sents: list[tuple[int, int]]
    sent_blocks: list[int]
    person_pos: list[int]
    person_name: list[str]

    if TYPE_CHECKING:  # supplied by the quote analysis this is mixed into

        def sentence(self, offset: int) -> tuple[int, int]: ...

        def _has_words(self, a: int, b: int) -> bool: ...

        def _person_subject(self, p_start: int, p_end: int) -> tuple[str, str] | None: ...

        def _people(self) -> None: ...

        def person_at(self, offset: int) -> bool: ...

        def _candidates(self, a: int, b: int) -> list[tuple[int, str, str]]: ...

        def _verb_matches(self, a: int, b: int) -> list[regex.Match[str]]: ...

        def _tie(
            self,
            lo: int,
            q_start: int,
            q_end: int,
            hi: int,
            *,
            colon: bool = False,
            cue_only: bool = False,
        ) -> _Verdict | None: ...

    def _partial(self, start: int, end: int, inner_start: int) -> tuple[_Verdict, str] | None:
        """The speaker of a partial quote at [start, end) and how it was found, or None."""
        s_start, s_end = self.sentence(start)
        if not self._has_words(s_start, start):
            return None  # the quote opens its sentence: not woven into it
        # A fragment of speech starts in lower case or sits in reported speech; a capital
        # start is as likely a title or a name ("die Auszeichnung „Commandeur de …“").
        first = _LETTER.search(self.text, inner_start, min(end, inner_start + 8))
        lower = first is not None and first.group().islower()
        if not lower and not self._reported_mood(s_start, s_end):
            return None
        # The subject speaks through a verb before the quote ("X würdigte ihn als „…“"), not
        # a bare apposition ("Jean Martin, du Crédit Agricole, « … »").
        stop = self.ctx.pack.stopwords
        if any(
            w[0].islower() and w not in stop for w in _WORD.findall(self.masked, s_start, start)
        ):
            subject = self._person_subject(s_start, start)
            if subject is not None:
                return (*subject, None), "partial-subject"
        i = bisect.bisect_right(self.sent_starts, s_start - 1) - 1
        if i < 0 or i + 1 >= len(self.sents) or self.sent_blocks[i] != self.sent_blocks[i + 1]:
            return None  # no sentence before it in the same paragraph
        p_start, p_end = self.sents[i]
        found = self._tie(max(p_start, p_end - _REACH), p_end, p_end, p_end, cue_only=True)
        if found is not None and found[2] is not None and found[1] != "description":
            return found, "partial-previous-sentence"
        subject = self._person_subject(p_start, p_end)
        if subject is not None:
            return (*subject, None), "partial-previous-sentence"
        return None

    def _reported_mood(self, a: int, b: int) -> bool:
        """Whether masked text[a:b] has a verb of the reported-speech mood (German
        Konjunktiv I: "sei", "habe", "könne"), which marks the sentence as someone's words."""
        wanted: frozenset[str] | None = getattr(self, "_mood_forms", None)
        if wanted is None:
            forms = self.ctx.lexicon("reported-speech-mood") or []
            wanted = self._mood_forms = frozenset(w for w in forms if isinstance(w, str))
        return bool(wanted) and any(w in wanted for w in _WORD.findall(self.masked, a, b))

    def _speech_two_back(self, i: int) -> tuple[str | None, str | None, str | None] | None:
        """The speaker of the sentence before sentence ``i``, in the same paragraph, when
        sentence ``i`` only narrates (no cue, no person of its own): "张华认为，…。对手很强。
        “…”" is still 张华's quote."""
        if i < 1 or self.sent_blocks[i - 1] != self.sent_blocks[i]:
            return None
        p_start, p_end = self.sents[i - 1]
        found = self._tie(max(p_start, p_end - _REACH), p_end, p_end, p_end, cue_only=True)
        if found is None or found[2] is None or found[1] == "description" or not found[0]:
            return None
        m_start, m_end = self.sents[i]
        if self._names_other_person(m_start, m_end, found[0]):
            return None
        return found

    def _names_other_person(self, a: int, b: int, speaker: str) -> bool:
        """Whether masked text[a:b] names a person other than ``speaker``."""
        if self.cjk:
            self._people()
            k = bisect.bisect_left(self.person_pos, a)
            while k < len(self.person_pos) and self.person_pos[k] < b:
                if self.person_name[k] not in speaker:
                    return True
                k += 1
            return False
        return any(
            kind == "name" and self.person_at(pos) and who.split()[-1] not in speaker
            for pos, who, kind in self._candidates(a, b)
        )

    def _cue_before_list(self, q_start: int) -> bool:
        """Whether a speech verb ends right before the list of quotes ``q_start`` is in
        (only marks, masked quotes and list joiners between them)."""
        s_start, _ = self.sentence(q_start)
        cues = self._verb_matches(max(s_start, q_start - 200), q_start)
        return bool(cues) and not _LIST_GAP.sub("", self.masked[cues[-1].end() : q_start])

    def _previous_sentence(
        self, r: Raw
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

    def _is_mention(self, r: Raw, inner_s: int, inner_e: int, words: int, han: bool) -> bool:
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
