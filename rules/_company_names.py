"""Is a capitalised name a company? The signals the people registry rules names out by.

A corporate word ends or starts it ("Acme Group", "Banco Santander"), a legal suffix or a
ticker follows it ("Acme Inc.", "Salesforce (CRM)"), English calls it "which", or a company
noun of the pack stands next to it. ``_people`` reads these when it decides who is a person.
"""

from __future__ import annotations

import regex
from newslint.lazy import lazy_regex


def words(text: str) -> frozenset[str]:
    """A word list written as one string, as the packs write theirs."""
    return frozenset(text.split())


_CORP_SUFFIX = lazy_regex(
    r"[ \u00a0,]*(?:Inc|Corp|Corporation|Ltd|LLC|plc|PLC|SA|S\.A|AG|GmbH|SE|NV|N\.V|Co|Group|"
    r"Holdings|SpA|S\.p\.A|KGaA|SAS|Limited|Bank)\b"
)
#: Words that make a capitalised name a company or institution ("Brightwater Transit").
CORP_WORDS = words(
    "Inc Corp Corporation Ltd LLC plc PLC SA AG GmbH SE NV Co Group Holdings Bank Capital "
    "Partners Transit Airlines Airways Motors Energy Systems Technologies Media Pharma "
    "Pharmaceuticals Insurance Foods Industries Labs Ventures Logistics Telecom Networks "
    "Solutions Software Securities Investments Entertainment Brands Resources Mining "
    "Council Ministry Agency Authority Commission Committee University Institute "
    "Association Union Konzern Werke Bahn Versicherung Stadtwerke "
    # Sports clubs are organisations too ("Real Madrid said", "Manchester United"):
    "FC CF SC AFC United City Rovers Wanderers Athletic Hotspur Albion Club Sporting"
)
#: The same where the generic word comes first ("Banco Santander", "Groupe Renault").
CORP_FIRST = words(
    "Groupe Banque Société Compagnie Grupo Banco Construcciones Compañía Sociedad "
    "Ayuntamiento Ministerio Ministère University Université Universidad Bank "
    "Real Club Atlético Atletico Deportivo Racing Olympique Stade Borussia Eintracht "
    "Bayern Inter AC FC CF SC CD UD SD"
)
#: "X, which …": English uses "which" for things and companies, "who" for people.
_WHICH = lazy_regex(r"[ \u00a0]*,[ \u00a0]*which\b")
_TICKER = lazy_regex(r"[ \u00a0]*\((?:[A-Za-z]{2,8}\s*:\s*)?[A-Z0-9][A-Z0-9.]{0,6}\)")
#: Any of the three right after a name: one anchored match instead of three.
COMPANY_AFTER = lazy_regex(f"(?:{_CORP_SUFFIX.pattern})|(?:{_TICKER.pattern})|(?:{_WHICH.pattern})")

#: What can start ``COMPANY_AFTER`` once spaces and commas are skipped: a suffix's first
#: letter (Inc, Corp, Ltd, plc, SA, AG, NV, Group, Holdings, KGaA, Bank…), "(" or "which".
_COMPANY_AFTER_FIRST = frozenset("ICLpPSANGHKB(w")


def may_follow_company(masked: str, end: int) -> bool:
    """Whether ``COMPANY_AFTER`` can match at ``end`` (a necessary condition, cheap): most
    names are followed by a lower-case word or punctuation, and the regex call is skipped."""
    rest = masked[end : end + 16].lstrip(" \u00a0,")
    return not rest or rest[0] in _COMPANY_AFTER_FIRST


#: A character of a ``_LOWER_WORDS`` match; group 1 is set when it is a letter.
_WORD_CHAR = lazy_regex(r"(\p{L})|[\p{M}'’\-]")
#: The run of ``_LOWER_WORDS`` characters ending at an offset (searched backwards).
_WORD_RUN_BACK = lazy_regex(r"[\p{L}\p{M}'’\-]+$", regex.REVERSE)
#: Where a ``_LOWER_WORDS`` match can start.
_LOWER_START = lazy_regex(r"(?<![\p{L}])\p{Ll}")


#: Lower-case words (the vocabulary LowerWords asks about).
_LOWER_WORDS = lazy_regex(r"(?<![\p{L}])\p{Ll}[\p{L}\p{M}'’\-]*")


class LowerWords:
    """``low in {w.lower() for w in _LOWER_WORDS.findall(masked)}``, answered per word
    without tokenising the whole text: a lower-case word that does not occur in the
    lower-cased text cannot be one of them, and one that does is checked where it occurs.
    Falls back to the full set when lower-casing is not character by character (final
    sigma, characters that lower to two)."""

    __slots__ = ("lowered", "masked", "memo", "words")

    def __init__(self, masked: str) -> None:
        self.masked = masked
        self.lowered: str | None = None
        self.words: set[str] | None = None
        self.memo: dict[str, bool] = {}

    def __call__(self, low: str) -> bool:
        hit = self.memo.get(low)
        if hit is None:
            hit = self.memo[low] = self._check(low)
        return hit

    def _all(self) -> set[str]:
        if self.words is None:
            self.words = set(map(str.lower, _LOWER_WORDS.findall(self.masked)))
        return self.words

    def _check(self, low: str) -> bool:
        if self.words is not None or not low:
            return low in self._all()
        masked = self.masked
        if self.lowered is None:
            self.lowered = masked.lower()
        lowered = self.lowered
        if len(lowered) != len(masked) or "\u03a3" in masked:  # Σ lowers by context
            return low in self._all()
        i = lowered.find(low)
        while i != -1:
            if masked[i] != lowered[i]:  # a capital (most hits: the name itself)
                i = lowered.find(low, i + 1)
                continue
            prev = _WORD_CHAR.match(masked, i - 1) if i > 0 else None
            if prev is None:  # no word character before: a word starts here or nowhere
                m = _LOWER_WORDS.match(masked, i)
                if m is not None and m.end() == i + len(low):
                    return True
            elif prev.group(1) is None:  # after a mark, apostrophe or hyphen (l’entreprise)
                # A word starts here unless one started earlier in the same run of word
                # characters (its match would cover this offset).
                run = _WORD_RUN_BACK.search(masked, 0, i)
                q = run.start() if run is not None else i
                if _LOWER_START.search(masked, q, i) is None:
                    m = _LOWER_WORDS.match(masked, i)
                    if m is not None and m.end() == i + len(low):
                        return True
            i = lowered.find(low, i + 1)
        return False
