"""Ticker notations ("Salesforce (CRM)", "(NASDAQ: AAPL)", "$TSLA", "贵州茅台(600519)") and
acronyms in brackets ("World Health Organization (WHO)"), which are not tickers.

missing-disclaimer counts tickers as financial evidence; missing-editor-credit uses the
acronym test to tell a desk sign-off "(DS)" from an organisation's initials.
"""

from __future__ import annotations

import regex
from newslint.lazy import lazy_regex

_EXCHANGES = (
    r"NASDAQ|Nasdaq|NYSE(?:\s+American)?|AMEX|LSE|TSX|ASX|HKEX|SEHK|SSE|SZSE|Euronext|Xetra|"
    r"ETR|FRA|BME|TYO|BIT|SIX|OTC|OTCQX|BMV|KRX|NSE|BSE"
)
#: Ticker notations shared by every language; case-sensitive on purpose.
_TICKERS = lazy_regex(
    rf"(?P<exchange>(?:{_EXCHANGES})\s*[:：]\s*[A-Z][A-Z0-9.]{{0,9}}\b)"
    r"|(?P<suffixed>[(（]\s*(?:\d{4,6}|[A-Z]{1,5})\.(?:SH|SZ|SS|HK|T|KS|DE|PA|L|MC|AS|MI)\s*[)）])"
    r"|(?P<cashtag>(?<![\w$])\$[A-Z]{2,5}\b(?![\d.,]))"
    r"|(?P<isin>ISIN\s*[:：]?\s*[A-Z]{2}[A-Z0-9]{9}\d)"
    r"|(?P<han>\p{Han}{2,8}[(（]\d{6}[)）])"
    r"|(?P<named>(?P<name>\p{Lu}[\p{L}\p{N}&.'’-]*)\s*[(（](?P<sym>[A-Z]{2,5})[)）])",
    regex.V0,
)
_WORD = lazy_regex(r"[\p{L}\p{N}]+")
#: Every ticker match holds an anchor: "$", "ISIN" (its colon is optional), or a bracket or
#: a colon followed by what the notations put after them (a symbol, digits).
_AFTER_BRACKET = lazy_regex(r"\s*[\dA-Z]", regex.V0)
_AFTER_COLON = lazy_regex(r"\s*[A-Z]", regex.V0)
#: Anchors a notation may start before (the one or two words before them are tried), with
#: what must follow them, and whether they are colons (only an exchange name precedes one).
_WINDOW_ANCHORS = (
    ("(", _AFTER_BRACKET, False),
    ("（", _AFTER_BRACKET, False),
    (":", _AFTER_COLON, True),
    ("：", _AFTER_COLON, True),
)
#: The name part before an anchor: the run of "named" characters, read backwards.
_TOKEN_BACK = lazy_regex(r"(?r)[\p{L}\p{N}&.'’-]*", regex.V0)
_SPACE_BACK = lazy_regex(r"(?r)\s*", regex.V0)
#: Longer name runs before an anchor are left to the plain scan (it is exact, just slower).
_MAX_WINDOW = 80


def ticker_matches(text: str, timeout: float | None = None) -> list[regex.Match[str]]:
    """Exactly ``list(_TICKERS.finditer(text))``, without trying the pattern everywhere.

    Every ticker notation holds an anchor (a bracket, a colon, a dollar sign or "ISIN") and
    starts at the anchor or inside the one or two words just before it (an exchange name
    such as "NYSE American", a company name, Han characters): only those positions are
    tried, in order, each with an anchored match, which is what ``finditer`` would find.
    A cashtag and an ISIN start at their anchor (any other notation holding a "$" or "ISIN"
    holds a bracket or a colon too); a colon only follows an exchange name, which starts
    with a capital A-Z; other notations start with a capital letter, a Han character or a
    bracket, never with a lower-case letter, a space or a digit.
    """
    starts: set[int] = set()
    for anchor in ("$", "ISIN"):
        i = text.find(anchor)
        while i >= 0:
            if anchor == "ISIN" or "A" <= text[i + 1 : i + 2] <= "Z":  # "$" + symbol
                starts.add(i)
            i = text.find(anchor, i + 1)
    anchors: list[tuple[int, bool]] = []
    for anchor, after, colon in _WINDOW_ANCHORS:
        i = text.find(anchor)
        while i >= 0:
            if after.match(text, i + 1) is not None:
                anchors.append((i, colon))
            i = text.find(anchor, i + 1)
    if not anchors and not starts:
        return []
    for a, colon in anchors:
        if colon:
            prev = text[a - 1] if a else ""
            if not (prev.isspace() or "A" <= prev <= "Z" or "a" <= prev <= "z"):
                continue  # an exchange name ends with a letter A-Z, then maybe spaces
        lo = a
        for _ in range(2):  # the word before the anchor, and the one before that
            lo = _SPACE_BACK.match(text, 0, lo).start()
            lo = _TOKEN_BACK.match(text, 0, lo).start()
        if a - lo > _MAX_WINDOW:
            return list(_TICKERS.finditer(text, timeout=timeout))
        if colon:
            starts.update(p for p in range(lo, a) if "A" <= text[p] <= "Z")
            continue
        starts.add(a)
        for p in range(lo, a):
            c = text[p]
            if not (c.islower() or c.isspace() or c.isdigit()):
                starts.add(p)
    # No timeout for these anchored matches (it costs 2 µs a call): from a start inside a
    # window, every part of the pattern stops within the window or a few characters after
    # the anchor. The plain scan above, over any text, keeps it.
    out: list[regex.Match[str]] = []
    cursor = 0
    for p in sorted(starts):
        if p < cursor:
            continue
        m = _TICKERS.match(text, p)
        if m is not None:
            out.append(m)
            cursor = m.end() if m.end() > m.start() else m.end() + 1
    return out


def is_acronym(text: str, paren: int, sym: str) -> bool:
    """ "World Health Organization (WHO)" is an acronym, "Salesforce (CRM)" a ticker: the
    symbol's letters are the initials of the words before it, ending with the last one."""
    words = _WORD.findall(text[max(0, paren - 120) : paren])[-8:]
    initials = [w[0].upper() for w in words if w]
    if not initials or initials[-1] != sym[-1]:
        return False
    i = len(initials) - 1
    for ch in reversed(sym):
        while i >= 0 and initials[i] != ch:
            i -= 1
        if i < 0:
            return False
        i -= 1
    return True
