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
last. Gender and number are not checked. Everything is one linear pass over the text, and
only when a pronoun or description needs a person: the name mentions are collected in one
scan, and whether a word names a person is decided from all its mentions on first use (each
test is about one mention, so the answer is the same as deciding every word up front).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import regex
from newslint.lazy import lazy_regex
from newslint.rules._company_names import (
    COMPANY_AFTER,
    CORP_FIRST,
    CORP_WORDS,
    LowerWords,
    may_follow_company,
)

if TYPE_CHECKING:
    from newslint.rule import RuleContext


#: How far back (characters) a pronoun or description may look for the person it stands for.
ANTECEDENT_WINDOW = 4000

_NAME_TOKEN = r"\p{Lu}[\p{L}\p{M}'’\-]*"
#: A middle initial inside a name ("John R. Kline", "Mary J. Kline"): a capital and a full
#: stop, followed by another name word.
_INITIAL = r"\p{Lu}\.(?=[ \u00a0]\p{Lu})"
_PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|le|la|du|dos|das|bin|al|ibn|ben|zu|y)"
NAME = lazy_regex(
    rf"(?<![\p{{L}}\p{{N}}'’]){_NAME_TOKEN}"
    rf"(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])?(?:{_INITIAL}|{_NAME_TOKEN})){{0,4}}"
)
_TITLE_WORD = lazy_regex(r"(?:Mc|Mac|O['’]|D['’])?\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*", regex.V0)
#: The word just before an offset. Searched backwards (REVERSE): the same match as a forward
#: search, without trying every start position of the window.
PREV_WORD = lazy_regex(r"([\p{L}\p{M}]+)['’]?[ \u00a0]*$", regex.REVERSE)
#: The word after a name: "Microsoft shares", "Acme, the company".
_NOUN_AFTER = lazy_regex(r"(?:['’]s)?[ \u00a0,]+(?:the|le|la|l['’]|der|die|el)?\s*(\p{L}+)")
_HAN_NAME = lazy_regex(r"\p{Han}{2,3}")


#: A one-word Latin or mixed name inside Chinese text (A-Lin, JJ-Lin): a capital, and a
#: lower-case letter somewhere, so acronyms (IBM, CEO) are left out.
_ZH_LATIN_WORD = lazy_regex(r"(?<![A-Za-z0-9])[A-Z][A-Za-z\-]*[a-z][A-Za-z\-]*(?![A-Za-z0-9])")
_ZH_AFTER_NAME = frozenset("在表说說称稱指认認强強的等也还還对對向就则則和与與今近日于於将將曾已")
_ZH_AGE_NAME = lazy_regex(r"(?:\d+|[一二三四五六七八九十]+)[岁歲]的(\p{Han}{2,3})")
_ZH_NAME_ROLE = lazy_regex(r"(\p{Han}{2,3})(?=先生|女士|教授|博士)")


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


def _zh_latin_single(masked: str, m: regex.Match[str]) -> bool:
    """A one-word Latin or mixed stage name glued into Chinese text as a subject ("歌手A-Lin曾
    …", "B-Ray在台上"): Han text right before it, a word that follows a name right after it,
    and a lower-case letter in it (IBM, CEO and NBA are not people)."""
    start, end = m.span()
    return (
        start > 0
        and end < len(masked)
        and "\u4e00" <= masked[start - 1] <= "\u9fff"
        and masked[end] in _ZH_AFTER_NAME
    )


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
    _company_words: dict[str, bool]  # per-pack memo: word → whole company noun
    finditer: Callable[..., Iterator[regex.Match[str]]]  # ctx.finditer, or the same untimed
    search: Callable[..., regex.Match[str] | None]

    def _sentence_initial(self, offset: int) -> bool:  # pragma: no cover - provided
        raise NotImplementedError

    def _is_lexicon_word(self, word: str) -> bool:  # pragma: no cover - provided
        raise NotImplementedError

    def _zh_speaker(
        self, lo: int, cue_start: int, cue: regex.Match[str] | None
    ) -> tuple[str, str] | None:  # pragma: no cover - provided
        raise NotImplementedError

    def _verb_matches(self, a: int, b: int) -> list[regex.Match[str]]:  # pragma: no cover
        raise NotImplementedError

    def _people(self) -> None:
        """Build the person registry on first use: only pronoun and description
        attributions need it, and many articles have none."""
        if getattr(self, "_people_done", False):
            return
        self._people_done = True
        self._names()

    def _names(self) -> None:
        """Register capitalised names; decide which are people and which are companies."""
        masked = self.masked
        self.person_pos: list[int] = []  # Chinese: every name found is a person's
        self.person_name: list[str] = []
        if self.cjk:
            self._zh_names()
            return
        in_lower = LowerWords(masked)
        stop = self.ctx.pack.stopwords if hasattr(self.ctx.pack, "stopwords") else frozenset()
        is_lexicon_word = self._is_lexicon_word
        sentence_initial = self._sentence_initial
        # Name text → its tokens and how many of them lead as possible function words: the
        # same names recur all through an article, so each is split and looked up once.
        seen: dict[str, tuple[list[str], int]] = {}
        m_start: list[int] = []
        m_end: list[int] = []
        m_tokens: list[list[str]] = []
        by_key: dict[str, list[int]] = {}
        for m in NAME.finditer(masked):
            name = m.group()
            info = seen.get(name)
            if info is None:
                tokens = (name.replace("\u00a0", " ") if "\u00a0" in name else name).split(" ")
                if "" in tokens:
                    tokens = [t for t in tokens if t]
                # How many leading tokens may be function words ("But", "Selon", "Il"):
                # a property of the name, tested once (the tests are pure and memoised).
                lead = 0
                for token in tokens:
                    low = token.lower()
                    if not (low in stop or is_lexicon_word(token) or in_lower(low)):
                        break
                    lead += 1
                info = seen[name] = (tokens, lead)
            tokens, lead = info
            start, end = m.span()
            if lead:
                # Sentence-initial function words are not names.
                k = 0
                while k < lead and sentence_initial(start):
                    start += len(tokens[k]) + 1
                    k += 1
                if k:
                    tokens = tokens[k:]
                    if not tokens:
                        continue
            keyed = by_key.get(tokens[-1])
            if keyed is None:
                by_key[tokens[-1]] = [len(m_start)]
            else:
                keyed.append(len(m_start))
            m_start.append(start)
            m_end.append(end)
            m_tokens.append(tokens)
        self._m_start, self._m_end, self._m_tokens = m_start, m_end, m_tokens
        self._m_role: dict[int, str] = {}
        self._m_prev_person: list[int | None] = [None] * len(m_start)
        self._by_key = by_key
        self._key_person: dict[str, bool] = {}

    def _is_person(self, i: int) -> bool:
        """Whether mention ``i`` names a person (its last word is a person's, not a
        company's), decided once per word on first use."""
        key = self._m_tokens[i][-1]
        hit = self._key_person.get(key)
        if hit is None:
            hit = self._key_person[key] = self._person_key(key)
        return hit

    def _person_key(self, key: str) -> bool:
        """A word is a person's when one of its mentions has a person's form (first and
        last name in title case, a role word before the name) or follows an honorific,
        and none of its mentions looks like a company. Every test is about one mention,
        so the answer does not depend on the order they are made in."""
        if not _titled(key):
            return False  # brand style: OpenAI, IBM, DeepMind
        masked = self.masked
        starts, ends, all_tokens = self._m_start, self._m_end, self._m_tokens
        mentions = self._by_key[key]
        person = False
        undecided: list[int] = []
        plain: set[int] = set()  # token lists (shared by repeated names) of no person form
        for i in mentions:
            tokens = all_tokens[i]
            if id(tokens) in plain:
                undecided.append(i)
                continue
            titled = [_titled(t) for t in tokens]
            if not all(titled):
                # "EZB-Präsidentin Christine Lagarde", "CEO Smith": a role before a name.
                if not any(titled[: titled.index(True)]):
                    person = True
                    break
            elif len(tokens) >= 2:
                person = True
                break
            plain.add(id(tokens))
            undecided.append(i)
        if not person:
            honor_tail = self.honor_tail  # "Mr. Smith", "Mme Martin", "Herr Frey"
            if honor_tail is None:
                return False
            if not any(
                honor_tail.search(masked[max(0, starts[i] - 40) : starts[i]]) for i in undecided
            ):
                return False
        # Any mention that looks like a company's decides: the cheap tests first.
        corp_word = key.rstrip(".") in CORP_WORDS
        for i in mentions:
            tokens, end = all_tokens[i], ends[i]
            if (len(tokens) > 1 and (corp_word or tokens[0] in CORP_FIRST)) or (
                may_follow_company(masked, end) and COMPANY_AFTER.match(masked, end)
            ):
                return False
        return not any(self._company_context(masked, starts[i], ends[i]) for i in mentions)

    def _company_context(self, masked: str, start: int, end: int) -> bool:
        """A company noun of the pack just before or after a name ("chez Microsoft",
        "Microsoft shares", "Acme, the company")."""
        company_nouns = self.patterns["company-nouns"]
        if company_nouns is None:
            return False
        memo = self._company_words

        def is_company_noun(word: str) -> bool:
            hit = memo.get(word)
            if hit is None:
                if len(memo) > 100_000:
                    memo.clear()
                hit = memo[word] = company_nouns.fullmatch(word) is not None
            return hit

        pw = PREV_WORD.search(masked[max(0, start - 40) : start])
        prev_word = pw.group(1) if pw else ""
        if prev_word and is_company_noun(prev_word):
            return True
        am = _NOUN_AFTER.match(masked[end : end + 30])
        noun = am.group(1) if am else ""
        return bool(
            noun[:1].islower()
            and is_company_noun(noun)
            and noun not in ("spokesperson", "spokesman", "spokeswoman")
        )

    def _role_of(self, i: int) -> str:
        """The role of mention ``i``, looked up once on first use."""
        role = self._m_role.get(i)
        if role is None:
            role = self._m_role[i] = self._role_near(self._m_start[i], self._m_end[i])
        return role

    def _role_near(self, start: int, end: int) -> str:
        """The role given to a person in apposition ("la presidenta del BCE, Christine
        Lagarde", "Jane Doe, the chief executive"), so "la presidenta" finds her later."""
        epithets = self.patterns["speaker-epithets"]
        if epithets is None:
            return ""
        for m in self.finditer(epithets, self.masked, max(0, start - 60), start):
            gap = self.masked[m.end() : start]
            if len(gap) <= 30 and "." not in gap:
                return role_word(m.group())
        m = self.search(epithets, self.masked, end, min(len(self.masked), end + 60))
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
        for m in _ZH_LATIN_WORD.finditer(masked):
            if _zh_latin_single(masked, m):
                found.append((m.start(), m.group()))
        if "岁" in masked or "歲" in masked:
            for m in _ZH_AGE_NAME.finditer(masked):  # 60岁的王建国
                found.append((m.start(1), _zh_name(m.group(1))))
        # The subject of a speech verb outside any quote: "院士潘建华介绍，…".
        verbs = self.patterns["speech-verbs"]
        companies = self.patterns["company-nouns"]
        if verbs is not None:
            for m in self._verb_matches(0, len(masked)):
                if m.group() in ("据", "據", "援引", "引述"):
                    continue  # "according to": names a source, not a speaker
                who = self._zh_speaker(max(0, m.start() - 30), m.start(), m)
                if (
                    who is not None
                    and who[1] == "name"
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
        self._people()
        if self.cjk:
            i = bisect.bisect_left(self.person_pos, offset) - 1
            if i < 0 or offset - self.person_pos[i] > ANTECEDENT_WINDOW:
                return None
            return self.person_name[i]
        starts = self._m_start
        i = self._person_up_to(bisect.bisect_left(starts, offset) - 1)
        if i < 0 or offset - starts[i] > ANTECEDENT_WINDOW:
            return None
        if role:
            j, seen = i, 0
            while j >= 0 and seen < 60 and offset - starts[j] <= ANTECEDENT_WINDOW:
                if self._role_of(j) == role:
                    return " ".join(self._m_tokens[j])
                seen += 1
                j = self._person_up_to(j - 1)
        return " ".join(self._m_tokens[i])

    def _person_up_to(self, i: int) -> int:
        """The last person mention at or before mention ``i`` (-1: none). Memoised along the
        way, so all the look-ups of an article walk each mention once: linear however many
        pronouns look back over however many company names."""
        memo = self._m_prev_person
        path: list[int] = []
        found = -1
        while i >= 0:
            known = memo[i]
            if known is not None:
                found = known
                break
            if self._is_person(i):
                found = i
                break
            path.append(i)
            i -= 1
        if i >= 0:
            memo[i] = found
        for k in path:
            memo[k] = found
        return found

    def person_at(self, offset: int) -> bool:
        """Whether a person mention starts at ``offset`` (not a company or a place)."""
        self._people()
        if self.cjk:
            i = bisect.bisect_left(self.person_pos, offset)
            return i < len(self.person_pos) and self.person_pos[i] == offset
        i = bisect.bisect_left(self._m_start, offset)
        return i < len(self._m_start) and self._m_start[i] == offset and self._is_person(i)
