"""Who the people in an article are: the name registry behind pronoun attribution.

A quote tied to "he", "elle", "他" or "the 61-year-old" is attributed only when a *person*
was named before it; a company does not count ("Microsoft said … He said" stays
unattributed). This module decides which capitalised names are people. The heuristic:

* a name written at least once as first-and-last name in title case ("Mustafa Suleyman";
  its last word then counts alone too), after a role word ("EZB-Präsidentin Christine
  Lagarde") or after an honorific from the pack (Mr., Mme, Herr, Sr.);
* for Chinese, a name next to a role or honorific (李明先生, 董事长王健), after an age
  (60岁的王建国), or the subject of a speech verb that is not an institution (院士潘建华介绍);
* never a company: a corporate word ends the name ("Acme Group", "Brightwater Transit") or
  starts it ("Banco Santander"), a suffix (Inc., AG, SA…) or a ticker "(CRM)" follows it, a
  company noun of the pack stands next to it ("the company", "chez", "Konzern", "Microsoft
  shares"), English calls it "which", or it is written in brand style (OpenAI, IBM).

Each person mention also records the role given to it in apposition ("la presidenta del
BCE, Christine Lagarde"), so a later "la presidenta" finds her rather than whoever was named
last. Gender and number are not checked. Everything is one linear pass over the text.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from newslint.rule import RuleContext


def words(text: str) -> frozenset[str]:
    """A word list written as one string, as the packs write theirs."""
    return frozenset(text.split())


#: How far back (characters) a pronoun or description may look for the person it stands for.
ANTECEDENT_WINDOW = 4000

_NAME_TOKEN = r"\p{Lu}[\p{L}\p{M}'’\-]*"
_PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|le|la|du|dos|das|bin|al|ibn|ben|zu|y)"
NAME = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}'’]){_NAME_TOKEN}"
    rf"(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])?{_NAME_TOKEN}){{0,4}}"
)
_TITLE_WORD = regex.compile(
    r"(?:Mc|Mac|O['’]|D['’])?\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*", regex.V0
)
_CORP_SUFFIX = regex.compile(
    r"[ \u00a0,]*(?:Inc|Corp|Corporation|Ltd|LLC|plc|PLC|SA|S\.A|AG|GmbH|SE|NV|N\.V|Co|Group|"
    r"Holdings|SpA|S\.p\.A|KGaA|SAS|Limited|Bank)\b"
)
#: Words that make a capitalised name a company or institution ("Brightwater Transit").
_CORP_WORDS = words(
    "Inc Corp Corporation Ltd LLC plc PLC SA AG GmbH SE NV Co Group Holdings Bank Capital "
    "Partners Transit Airlines Airways Motors Energy Systems Technologies Media Pharma "
    "Pharmaceuticals Insurance Foods Industries Labs Ventures Logistics Telecom Networks "
    "Solutions Software Securities Investments Entertainment Brands Resources Mining "
    "Council Ministry Agency Authority Commission Committee University Institute "
    "Association Union Konzern Werke Bahn Versicherung Stadtwerke"
)
#: The same where the generic word comes first ("Banco Santander", "Groupe Renault").
_CORP_FIRST = words(
    "Groupe Banque Société Compagnie Grupo Banco Construcciones Compañía Sociedad "
    "Ayuntamiento Ministerio Ministère University Université Universidad Bank"
)
#: "X, which …": English uses "which" for things and companies, "who" for people.
_WHICH = regex.compile(r"[ \u00a0]*,[ \u00a0]*which\b")
_TICKER = regex.compile(r"[ \u00a0]*\((?:[A-Za-z]{2,8}\s*:\s*)?[A-Z0-9][A-Z0-9.]{0,6}\)")
#: Any of the three right after a name: one anchored match instead of three.
_COMPANY_AFTER = regex.compile(
    f"(?:{_CORP_SUFFIX.pattern})|(?:{_TICKER.pattern})|(?:{_WHICH.pattern})"
)

#: The word just before an offset. Searched backwards (REVERSE): the same match as a forward
#: search, without trying every start position of the window.
PREV_WORD = regex.compile(r"([\p{L}\p{M}]+)['’]?[ \u00a0]*$", regex.REVERSE)
#: The word after a name: "Microsoft shares", "Acme, the company".
_NOUN_AFTER = regex.compile(r"(?:['’]s)?[ \u00a0,]+(?:the|le|la|l['’]|der|die|el)?\s*(\p{L}+)")
_HAN_NAME = regex.compile(r"\p{Han}{2,3}")

_LOWER_WORDS = regex.compile(r"(?<![\p{L}])\p{Ll}[\p{L}\p{M}'’\-]*")

_ZH_AFTER_NAME = frozenset("在表说說称稱指认認强強的等也还還对對向就则則和与與今近日于於将將曾已")
_ZH_AGE_NAME = regex.compile(r"(?:\d+|[一二三四五六七八九十]+)[岁歲]的(\p{Han}{2,3})")
_ZH_NAME_ROLE = regex.compile(r"(\p{Han}{2,3})(?=先生|女士|教授|博士)")


_ZH_ROLES = ("先生", "女士", "教授", "博士")


def _zh_name_roles(masked: str) -> list[regex.Match[str]]:
    """``_ZH_NAME_ROLE.finditer(masked)``, tried only where it can match: two or three
    characters before a role word (found by substring search), not at every Han character."""
    starts: set[int] = set()
    for role in _ZH_ROLES:
        i = masked.find(role)
        while i != -1:
            starts.update(p for p in (i - 3, i - 2) if p >= 0)
            i = masked.find(role, i + 1)
    out: list[regex.Match[str]] = []
    cursor = 0
    for p in sorted(starts):
        if p < cursor:
            continue
        m = _ZH_NAME_ROLE.match(masked, p)
        if m is not None:
            out.append(m)
            cursor = m.end()
    return out


_TITLED: dict[str, bool] = {}


def _titled(token: str) -> bool:
    """Whether a token is written in title case ("Smith", "McDonald", "Lagarde-Duval")."""
    hit = _TITLED.get(token)
    if hit is None:
        if len(_TITLED) > 50_000:
            _TITLED.clear()
        hit = _TITLED[token] = bool(_TITLE_WORD.fullmatch(token))
    return hit


def _zh_name(name: str) -> str:
    """Trim a three-character capture that swallowed the next word (张华在 → 张华)."""
    return name[:2] if len(name) == 3 and name[2] in _ZH_AFTER_NAME else name


def role_word(epithet: str) -> str:
    """The role noun of a description: its last word, lower-cased ("the chief executive" →
    "executive")."""
    words = epithet.split()
    return words[-1].lower() if words else ""


class PeopleMixin:
    """The person registry of one article; mixed into the quote analysis, which provides
    the masked text, the sentence lookup and the lexicon patterns."""

    masked: str
    cjk: bool
    ctx: RuleContext
    patterns: dict[str, regex.Pattern[str] | None]
    honor_tail: regex.Pattern[str] | None
    person_pos: list[int]
    person_name: list[str]
    person_role: list[str | None]  # None: not looked up yet (see _role_of)
    person_end: list[int]

    def _sentence_initial(self, offset: int) -> bool:  # pragma: no cover - provided
        raise NotImplementedError

    def _is_lexicon_word(self, word: str) -> bool:  # pragma: no cover - provided
        raise NotImplementedError

    def _zh_speaker(
        self, lo: int, cue_start: int, cue: regex.Match[str] | None
    ) -> tuple[str, str] | None:  # pragma: no cover - provided
        raise NotImplementedError

    def _names(self) -> None:
        """Register capitalised names; decide which are people and which are companies."""
        masked = self.masked
        self.person_pos: list[int] = []
        self.person_name: list[str] = []
        self.person_role: list[str | None] = []
        self.person_end: list[int] = []
        if self.cjk:
            self._zh_names()
            return
        lower = set(map(str.lower, _LOWER_WORDS.findall(masked)))
        stop = self.ctx.pack.stopwords if hasattr(self.ctx.pack, "stopwords") else frozenset()
        companies: set[str] = set()
        person_keys: set[str] = set()
        mentions: list[tuple[int, int, list[str]]] = []
        is_lexicon_word = self._is_lexicon_word
        for m in NAME.finditer(masked):
            name = m.group()
            tokens = (name.replace("\u00a0", " ") if "\u00a0" in name else name).split(" ")
            start = m.start()
            # Sentence-initial function words ("But", "Selon", "Il") are not names.
            while tokens:
                first = tokens[0]
                low = first.lower()
                if not (
                    (low in lower or low in stop or is_lexicon_word(first))
                    and self._sentence_initial(start)
                ):
                    break
                start += len(first) + 1
                tokens = tokens[1:]
            if "" in tokens:
                tokens = [t for t in tokens if t]
            if not tokens:
                continue
            mentions.append((start, m.end(), tokens))
        # Only ``person_keys - companies`` matters and both sets only grow, so: first the
        # person tests, then the company tests for the keys that made it a person only.
        # Each test stops being asked once its set holds the key (names repeat a lot).
        undecided: list[tuple[int, str]] = []
        for start, _end, tokens in mentions:
            key = tokens[-1]
            if key in person_keys or key in companies:
                continue
            titled = [_titled(t) for t in tokens]
            if not titled[-1]:
                companies.add(key)  # brand style: OpenAI, IBM, DeepMind
            elif not all(titled):
                # "EZB-Präsidentin Christine Lagarde", "CEO Smith": a role before a name.
                if not any(titled[: titled.index(True)]):
                    person_keys.add(key)
                    continue
            elif len(tokens) >= 2:
                person_keys.add(key)
                continue
            undecided.append((start, key))
        honor_tail = self.honor_tail  # "Mr. Smith", "Mme Martin", "Herr Frey"
        if honor_tail is not None:
            for start, key in undecided:
                if key in person_keys or key in companies:
                    continue
                if honor_tail.search(masked[max(0, start - 40) : start]):
                    person_keys.add(key)
        for start, end, tokens in mentions:
            key = tokens[-1]
            if key in companies or key not in person_keys:
                continue
            if (
                _COMPANY_AFTER.match(masked, end)
                or (len(tokens) > 1 and tokens[-1].rstrip(".") in _CORP_WORDS)
                or (len(tokens) > 1 and tokens[0] in _CORP_FIRST)
                or self._company_context(masked, start, end)
            ):
                companies.add(key)
        people = person_keys - companies
        for start, end, tokens in mentions:
            if tokens[-1] in people:
                self.person_pos.append(start)
                self.person_name.append(" ".join(tokens))
                self.person_role.append(None)  # looked up on first use: most never are
                self.person_end.append(end)

    def _company_context(self, masked: str, start: int, end: int) -> bool:
        """A company noun of the pack just before or after a name ("chez Microsoft",
        "Microsoft shares", "Acme, the company")."""
        company_nouns = self.patterns["company-nouns"]
        if company_nouns is None:
            return False
        pw = PREV_WORD.search(masked[max(0, start - 40) : start])
        prev_word = pw.group(1) if pw else ""
        if prev_word and company_nouns.fullmatch(prev_word):
            return True
        am = _NOUN_AFTER.match(masked[end : end + 30])
        noun = am.group(1) if am else ""
        return bool(
            noun[:1].islower()
            and company_nouns.fullmatch(noun)
            and noun not in ("spokesperson", "spokesman", "spokeswoman")
        )

    def _role_of(self, j: int) -> str:
        """The role of the ``j``-th person mention, looked up once on first use."""
        role = self.person_role[j]
        if role is None:
            role = self.person_role[j] = self._role_near(self.person_pos[j], self.person_end[j])
        return role

    def _role_near(self, start: int, end: int) -> str:
        """The role given to a person in apposition ("la presidenta del BCE, Christine
        Lagarde", "Jane Doe, the chief executive"), so "la presidenta" finds her later."""
        epithets = self.patterns["speaker-epithets"]
        if epithets is None:
            return ""
        for m in self.ctx.finditer(epithets, self.masked, max(0, start - 60), start):
            gap = self.masked[m.end() : start]
            if len(gap) <= 30 and "." not in gap:
                return role_word(m.group())
        m = self.ctx.search(epithets, self.masked, end, min(len(self.masked), end + 60))
        if m is not None and m.start() - end <= 8:
            return role_word(m.group())
        return ""

    def _zh_names(self) -> None:
        masked = self.masked
        found: list[tuple[int, str]] = []
        for m in _zh_name_roles(masked):
            found.append((m.start(1), m.group(1)))
        honor = self.patterns["honorifics"]
        if honor is not None:
            for m in honor.finditer(masked):
                nm = _HAN_NAME.match(masked, m.end(), m.end() + 3)
                if nm and m.group() not in ("先生", "女士", "教授", "博士"):
                    found.append((m.end(), _zh_name(nm.group())))
        for m in NAME.finditer(masked):  # Latin names in Chinese text
            if len(m.group().split()) >= 2:
                found.append((m.start(), m.group()))
        for m in _ZH_AGE_NAME.finditer(masked):  # 60岁的王建国
            found.append((m.start(1), _zh_name(m.group(1))))
        # The subject of a speech verb outside any quote: "院士潘建华介绍，…".
        verbs = self.patterns["speech-verbs"]
        companies = self.patterns["company-nouns"]
        if verbs is not None:
            for m in self.ctx.finditer(verbs, masked):
                who = self._zh_speaker(max(0, m.start() - 30), m.start(), m)
                if (
                    who is not None
                    and who[1] == "name"
                    and m.group() not in ("据", "據", "援引", "引述")
                    and 2 <= len(who[0]) <= 12
                    and not (companies is not None and companies.search(who[0]))
                ):
                    found.append((m.start() - len(who[0]), who[0]))
        found.sort()
        self.person_pos = [p for p, _ in found]
        self.person_name = [n for _, n in found]

    def person_before(self, offset: int, role: str = "") -> str | None:
        """The person named last before ``offset``; with a ``role``, the last one given
        that role in apposition, if any (a bounded look-back)."""
        i = bisect.bisect_left(self.person_pos, offset) - 1
        if i < 0 or offset - self.person_pos[i] > ANTECEDENT_WINDOW:
            return None
        if role and len(self.person_role) == len(self.person_pos):
            j = i
            while j >= 0 and i - j < 60 and offset - self.person_pos[j] <= ANTECEDENT_WINDOW:
                if self._role_of(j) == role:
                    return self.person_name[j]
                j -= 1
        return self.person_name[i]
