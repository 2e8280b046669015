"""Attribution of a partial quote: a fragment woven into the grammar of its sentence.

Reported speech often quotes only a phrase, and the sentence around it says whose words they
are without a speech verb next to the marks:

* the sentence's own subject is the speaker: "Frank Weber würdigte ihn als „einen großen
  Gewerkschafter der alten Schule“", "Smith called the plan “a gift to our competitors”";
* the fragment is reported speech (it starts in lower case, or German puts its sentence in
  Konjunktiv I: "Er habe „nicht den Eindruck, dass …“", "Damit seien „die Linien …“") right
  after a sentence by or about a named person in the same paragraph.

Mixed into the quote analysis of :mod:`._quotes` (it supplies ``masked``, ``sentence``,
``_tie``, ``_person_subject`` and ``_has_words``); kept apart so that module stays readable.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

import regex

_Verdict = tuple[str | None, str | None, str | None]
_LETTER = regex.compile(r"\p{L}")
_WORD = regex.compile(r"\p{L}+")


class PartialMixin:
    """Partial-quote attribution (see the module docstring)."""

    text: str
    masked: str
    ctx: Any
    sent_starts: list[int]
    sents: list[tuple[int, int]]
    sent_blocks: list[int]

    if TYPE_CHECKING:  # supplied by the quote analysis this is mixed into

        def sentence(self, offset: int) -> tuple[int, int]: ...

        def _has_words(self, a: int, b: int) -> bool: ...

        def _person_subject(self, p_start: int, p_end: int) -> tuple[str, str] | None: ...

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
        found = self._tie(max(p_start, p_end - 400), p_end, p_end, p_end, cue_only=True)
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
