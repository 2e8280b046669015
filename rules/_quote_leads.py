"""Attribution that comes from the layout around a quote rather than from its sentence.

Real copy credits quotes in ways a sentence-by-sentence reading misses:

* a **lead** that names the source and ends with a colon, then a heading such as "Key
  quotes" and one quote paragraph after another ("Strategists at ACME said in a note:" /
  "Key quotes" / "“…”" / "“…”"), or a lead sentence with a source phrase followed by a
  heading that ends with a colon ("In the opinion of analysts at ACME, …" / "Key quotes:");
* a **dash credit** under a pull-quote: "“…”" then a line "— Jane Doe, chief executive";
* an **incise** inside the marks, as French and Spanish copy writes it: "« Ça ne tient pas,
  s’oppose le procureur. Il a… »", "«No lo sé —dijo García—, pero…»";
* a **reported-speech paragraph** right before a quote paragraph: "Ben Laidler, strategist at
  ACME, says the rally has room to run." / "“…”" (a paragraph that ends with an attributed
  *quote* is a carry-over instead: see the rule's ``carry-over`` option);
* a **possessive** before a colon: "Sa réaction en conférence de presse :" / "« … »".

Mixed into the quote analysis of :mod:`._quotes` (it supplies ``text``, ``masked``,
``article``, ``sentence`` and ``_tie``); kept apart so that module stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newslint.lazy import lazy_regex
from newslint.rules._people import NAME

if TYPE_CHECKING:
    from newslint.article import Block

#: How many blocks (headings, quote paragraphs) may stand between a lead and its quote.
LEAD_REACH = 8
#: A heading: a short block with no sentence punctuation at its end ("Key quotes").
HEADING_MAX_WORDS = 6
_TERMINAL = (".", "!", "?", "…", "。", "！", "？", '"', "”", "»", "“", "」")
_OPENING_MARKS = '«»“„"‘‚‹「『'
#: "— Jane Doe, chief executive" on the line under a quote (not the ASCII hyphen of a list).
_DASH_CREDIT = lazy_regex(r"[ \t\u00a0]*(?:\r?\n[ \t\u00a0>]*)?[—–―][ \t\u00a0]*(?=\p{Lu})")
_LINE_END = lazy_regex(r"[^\n]{0,120}(?:\n|$)")
#: Where an incise starts inside a quote: a comma or a dash, then the tag.
_INCISE_START = lazy_regex(r"(?:,|—|–)[ \u00a0]*")
#: A pronominal verb as a tag ("s’oppose", "se désole"): any verb, the subject follows.
_PRONOMINAL = lazy_regex(r"(?:s['’]|se[ \u00a0]+)\p{Ll}+")
#: The subject of an incise after its verb, then the punctuation that closes the incise.
_INCISE_SUBJECT = lazy_regex(
    r"[ \u00a0]+((?:(?:le|la|les|l['’]|el|los|las|un|une|una|der|die|das)[ \u00a0]+)?"
    r"(?:\p{Lu}[\p{L}'’-]+(?:[ \u00a0]+\p{Lu}[\p{L}'’-]+){0,3}|\p{Ll}[\p{L}'’-]+"
    r"(?:[ \u00a0]+\p{Lu}[\p{L}'’-]+){0,3}))[ \u00a0]*[.,;:!?—–]"
)
_HAN = lazy_regex(r"\p{Han}")
#: A name in subject position: a lower-case word (its verb) right after it.
_SUBJECT_VERB = lazy_regex(r"[ \u00a0]+\p{Ll}")
_INCISE_LANGS = frozenset({"fr", "es", "pt", "it"})
#: Possessives that point back to a person before a colon ("Sa réaction :", "His verdict:").
_POSSESSIVES = {
    "en": ("his", "her", "their"),
    "fr": ("sa", "son", "ses", "leur", "leurs"),
    "de": ("sein", "seine", "seiner", "seinem", "ihr", "ihre", "ihrer", "ihrem"),
    "es": ("su", "sus"),
}
_Verdict = tuple[str | None, str | None, str | None]


class LeadMixin:
    """Lead-and-list and dash-credit attribution (see the module docstring)."""

    text: str
    masked: str
    article: Any
    lang: str
    patterns: dict[str, Any]
    quote_blocks: set[int]
    sent_starts: list[int]
    sents: list[tuple[int, int]]

    if TYPE_CHECKING:  # supplied by the quote analysis this is mixed into

        def _tie(
            self, lo: int, q_start: int, q_end: int, hi: int, **kw: bool
        ) -> _Verdict | None: ...

        def sentence(self, offset: int) -> tuple[int, int]: ...

        def person_before(self, offset: int, role: str = "") -> str | None: ...

        def person_at(self, offset: int) -> bool: ...

    def _heading_like(self, block: Block) -> bool:
        body = self.text[block.start : block.end].strip()
        if block.kind == "heading":
            return True
        if not body or body[0] in _OPENING_MARKS or body.endswith(_TERMINAL):
            return False
        return len(body.split()) <= HEADING_MAX_WORDS

    def _lead(self, first_block: int) -> _Verdict | None:
        """A colon lead above a run of headings and quote paragraphs: the quote opening
        block ``first_block`` is credited to the source the lead names."""
        blocks = self.article.blocks
        colon_heading = False
        for k in range(first_block - 1, max(-1, first_block - 1 - LEAD_REACH), -1):
            block = blocks[k]
            if block.kind == "headline":
                return self._headline_speaker(block)
            if k in self.quote_blocks:
                continue  # an earlier quote of the same list
            body = self.text[block.start : block.end].rstrip()
            if self._heading_like(block) or (
                body.endswith((":", "：")) and len(body.split()) <= HEADING_MAX_WORDS
            ):
                if body.endswith((":", "：")):
                    colon_heading = True
                continue
            if body.endswith((":", "：")):
                end = block.start + len(body)
                s_start, _ = self.sentence(end - 1)
                return self._tie(s_start, end, end, end, colon=True)
            if colon_heading:  # "In the opinion of analysts at ACME, …" / "Key quotes:"
                s_start, _ = self.sentence(max(block.start, block.start + len(body) - 1))
                end = block.start + len(body)
                return self._tie(s_start, end, end, end, cue_only=True)
            return None
        return None

    def _headline_speaker(self, block: Block) -> _Verdict | None:
        """A headline that reports a named person's words ("What Jane Doe said after the
        game") over nothing but headings and quote paragraphs: the quotes are hers."""
        end = block.start + len(self.text[block.start : block.end].rstrip())
        found = self._tie(block.start, end, end, end, cue_only=True)
        if found is None or found[1] != "name" or found[2] is None:
            return None
        return found

    def _dash_credit(self, start: int, end: int, closed: bool) -> _Verdict | None:
        """“…” then "— Jane Doe, chief executive" at the start of the next line (or right
        after the quote on its line): a pull-quote and its credit."""
        if not closed:
            return None
        m = _DASH_CREDIT.match(self.text, end)
        if m is None:
            return None
        name = NAME.match(self.masked, m.end())
        line = _LINE_END.match(self.text, m.end())
        if name is None or line is None:
            return None
        return (name.group(), "name", "—")

    def _incise(self, inner_start: int, inner_end: int) -> _Verdict | None:
        """A speech tag set inside the marks: ", s’oppose le procureur." / "—dijo García—"."""
        if self.lang not in _INCISE_LANGS:
            return None
        verbs = self.patterns["speech-verbs"]
        text = self.text
        for m in _INCISE_START.finditer(text, inner_start, inner_end):
            at = m.end()
            verb = verbs.match(text, at, inner_end) if verbs is not None else None
            if verb is None and self.lang == "fr":
                verb = _PRONOMINAL.match(text, at, inner_end)
            if verb is None:
                continue
            subject = _INCISE_SUBJECT.match(text, verb.end(), inner_end + 1)
            if subject is not None:
                return (subject.group(1), "description", verb.group())
            bare = "-" in verb.group() or self.lang in ("es", "pt", "it")  # "dit-il", "—dijo—"
            if bare and text[verb.end() : verb.end() + 1] in (".", ",", ";", "—", "–", ""):
                who = self.person_before(inner_start)
                if who is not None:
                    return (who, "pronoun", verb.group())
        return None

    def _previous_paragraph(self, first_block: int) -> tuple[_Verdict | None, str | None]:
        """A quote paragraph right after a paragraph that ends in reported speech ("X says
        the rally has room to run."): the quote is X's when X is a named person or a named
        organisation ("the Bank of America analysts had to say"). Returns that credit, or
        else who the paragraph reports when it is only a pronoun or a description ("He added
        that…"): not enough to credit the quote, enough to call it ambiguous. Not after a
        paragraph whose last sentence holds a quote: that is a carry-over (house style)."""
        blocks = self.article.blocks
        if first_block == 0 or blocks[first_block - 1].kind == "headline":
            return None, None
        prev = blocks[first_block - 1]
        if prev.end <= prev.start:
            return None, None
        p_start, p_end = self.sentence(prev.end - 1)
        p_start = max(p_start, prev.start)
        if "\ufffc" in self.masked[p_start:p_end]:
            return None, None  # the sentence quotes someone: a carry-over
        lo = max(p_start, p_end - 400)
        found = self._tie(lo, p_end, p_end, p_end, cue_only=True)
        if found is None or found[2] is None:
            return None, None  # "Le chantier reprend.": nobody behind the cue
        who, kind = found[0] or "", found[1]
        # (The cheap test first: a Latin-script name is a person's or an organisation's,
        # both of which count; only a Chinese subject needs the person registry.)
        if kind == "name" and (
            _names_organisation(f"_ {who}") or self._named_person(who, lo, p_end)
        ):
            return found, None
        if kind == "description" and _names_organisation(who):
            return found, None
        if kind == "pronoun" and "→" in who:
            # "X se veut rassurante, comme elle l’expliquait.": the sentence names the
            # person its pronoun stands for, as good as naming the speaker.
            person = who.rsplit("→", 1)[-1].strip()
            at = self.masked.rfind(person, p_start, p_end) if person else -1
            if at >= 0 and _SUBJECT_VERB.match(self.masked, at + len(person)):
                return found, None
        return None, (who if kind != "name" and who else None)

    def _possessive_colon(self, lo: int, q_start: int) -> _Verdict | None:
        """A possessive names the speaker: "Sa réaction en conférence de presse :"."""
        owners = _POSSESSIVES.get(self.lang)
        if not owners:
            return None
        words = self.masked[lo:q_start].split()
        if not words or words[0].lower() not in owners:
            return None
        who = self.person_before(lo)
        return None if who is None else (f"{words[0]} → {who}", "pronoun", None)

    def _named_person(self, name: str, lo: int, hi: int) -> bool:
        """Whether ``name``, found in masked text[lo:hi], is a person's (not a company's or
        a description such as 街道工作人员)."""
        at = self.masked.find(name, lo, hi)
        if at < 0 or not self.person_at(at):
            return False
        # A Chinese subject is taken whole ("街道工作人员介绍"): a personal name is 2-4 Han
        # characters, or ends in an honorific.
        if _HAN.search(name):
            return len(name) <= 4 or name.endswith(("先生", "女士", "教授", "博士"))
        return True


def _names_organisation(description: str) -> bool:
    """A description with a capitalised name after its first word: "the Bank of America
    analysts", "les analystes de Natixis" (Latin script only: a Chinese subject is judged
    by its length, see ``_named_person``)."""
    words = description.split()
    return not _HAN.search(description) and any(w[:1].isupper() for w in words[1:])
