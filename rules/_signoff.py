"""Wire sign-offs: the desk editor's initials that agencies put at the end of their copy.

Agency copy names its editor with initials rather than a credit line: ``…im Plus./jf/DP/edh``
(dpa-AFX), ``… (awp/mc/pg)``, ``ast/jla`` on the last line (EFE), ``(ky)`` after the last
sentence, ``News Desk (DS)``. These count as an editor credit when they have the shape of a
sign-off and sit where sign-offs sit, at the end of a paragraph or line in the last blocks:

- slash groups of initials (1-3 lower-case or 1-4 capital letters each, at least one group
  of two letters or more, not short words such as "she/her" or "and/or"): ``/ab/cd``
  glued after a sentence end, ``ab/cd`` or ``ab/`` alone on a line or glued after a
  sentence's full stop, ``(ab/cd)``, ``(ab)`` or ``(AB)`` in brackets after a sentence end,
  at the start of a line or after a short desk line (a lone bracketed tag of three or four
  capitals is an outlet's: ``(CNA)``);
- a lone group of 2-4 capitals alone on the article's last line (``MCM``).

Agency and desk tags name no editor and are not credits: ``(dpa)``, ``(Reuters)``,
``(APA/dpa)``, ``EFE``, ``(red)``; the ``agency-tags`` sections of the language packs list
them, and their groups are dropped before the initials are judged (``(awp/mc/pg)`` keeps
``mc`` and ``pg``). A bracket holding anything else (``(Reuters/jW)``, ``(Bloomberg/cash)``,
``(WHO)`` after "World Health Organization") is a source tag or an acronym, not a
sign-off. Traps that never match: dates and fractions (``12/05``, ``24/7``: digits), ``A/B``
and ``n/a`` (no group of two letters), a URL path (``example.com/ab/cd``: glued to a domain,
or after a letter or digit), and a lower-case tag after the last sentence (``… gesperrt.
sb``: a local author's initials).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from newslint.lazy import lazy_regex
from newslint.rules._tickers import is_acronym

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.rule import RuleContext

#: How many blocks from the end of the body a sign-off may sit in (trailers such as study
#: timestamps, "-----" rules and a "Quelle: dpa-AFX" line often follow it).
SIGNOFF_BLOCKS = 8

_GROUP = r"\p{L}{1,12}"
_GROUPS = rf"{_GROUP}(?:[ \t]*/[ \t]*{_GROUP})*"
#: "(ab/cd)", "(ky)", "(rp/)" at the end of a line; what precedes is judged separately.
_BRACKETED = lazy_regex(rf"[(（][ \t]*(?P<groups>{_GROUPS})[ \t]*/?[ \t]*[)）][ \t]*\Z")
#: "/ab/cd" at the end of a line, after a sentence end, a bracket, a quote or a space.
_SLASH_LED = lazy_regex(
    rf"(?<=[.!?。！？)）\"”»'’\s]|\A)/(?P<groups>{_GROUP}(?:/{_GROUP})+)/?[ \t]*\Z"
)
#: "ab/cd" or "ab/" alone on a line, or glued after a sentence's full stop.
_BARE = lazy_regex(rf"(?:\A|(?<=[.!?。！？]))(?P<groups>{_GROUP}(?:/{_GROUP})*)/?[ \t]*\Z")
_BARE_ALONE_SLASH = lazy_regex(rf"\A{_GROUP}/")
_LONE_CAPS = lazy_regex(r"\A(?-i:[A-Z]{2,4})\Z")
#: A trailing bracket that is a note or a dated agency tag, not a sign-off:
#: "(AWP / 12.04.2018 15h37)", "(港股報價延遲…)".
_TRAILING_NOTE = lazy_regex(r"[ \t]*[(（][^()（）\n]*[\d\p{Han}][^()（）\n]*[)）][ \t]*\Z")
_SENTENCE_END = lazy_regex(r"[.!?。！？…\"”»'’)）\]】][ \t]*\Z")
_SENTENCE_PUNCT = lazy_regex(r"[.!?。！？,;:，；：]")
_TOKEN_URL = lazy_regex(r"://|www\.|@")
#: First groups that make "x.com/ab/cd" a URL path, not "…end.ab/cd".
_DOMAINS = frozenset(
    {"com", "org", "net", "gov", "edu", "info", "biz", "io", "co", "de", "fr", "ch", "at"}
    | {"es", "it", "nl", "be", "eu", "uk", "us", "mx", "ar", "cn", "hk", "tw", "jp"}
    | {"html", "htm", "php", "asp", "aspx"}
)
#: Short words that slash groups are made of when they are not initials.
_SHORT_WORDS = frozenset(
    {"he", "him", "his", "she", "her", "hers", "they", "them", "ze", "zir", "xe", "xem"}
    | {"and", "or", "et", "ou", "und", "oder", "km", "mph", "kwh", "yes", "no"}
)
#: Capitals a last line may hold that are no one's initials.
_STOP_CAPS = frozenset(
    {"END", "ENDS", "ENDE", "FIN", "MORE", "TBC", "TBA", "LIVE", "NEW", "HOT", "TOP", "AD"}
    | {"PR", "FAQ", "READ", "SEE", "ALSO", "USA", "UK", "EU", "UN", "OTS", "PDF", "RSS"}
)
_LINE_BREAK = lazy_regex(r"\r\n|\r|\n")

_AGENCY_CACHE: weakref.WeakKeyDictionary[Any, frozenset[str]] = weakref.WeakKeyDictionary()


def agency_tags(ctx: RuleContext) -> frozenset[str]:
    """Every pack's ``agency-tags``, case-folded (wire copy crosses languages)."""
    key = ctx.pack
    cached = _AGENCY_CACHE.get(key)
    if cached is not None:
        return cached
    tags = frozenset(
        str(tag).casefold()
        for pack in ctx.packs.values()
        for tag in pack.entries("agency-tags")
        if isinstance(tag, str)
    )
    _AGENCY_CACHE[key] = tags
    return tags


def _initials(groups: str, agencies: frozenset[str]) -> list[str] | None:
    """The initials among slash groups, agency names dropped; None when a group is neither
    (a word, a mixed-case tag) or no group of two letters or more remains."""
    out: list[str] = []
    for raw in groups.split("/"):
        group = raw.strip()
        if group.casefold() in agencies:
            continue
        if not ((group.islower() and len(group) <= 3) or (group.isupper() and len(group) <= 4)):
            return None  # a word ("cash"), a mixed-case tag ("jW"), a Han note
        if group.casefold() in _SHORT_WORDS:
            return None  # "(she/her)", "and/or": words, not initials
        out.append(group)
    if not any(len(g) >= 2 for g in out):
        return None
    return out


def _credit(text: str, start: int, groups: list[str], shown: str) -> dict[str, Any]:
    return {
        "text": shown,
        "names": groups,
        "name_start": start,
        "name_end": start + len(shown),
        "kind": "sign-off",
    }


def _judge_line(
    line: str, offset: int, last_line: bool, agencies: frozenset[str]
) -> dict[str, Any] | None:
    """A sign-off at the end of one line (``offset``: where the line starts in the text)."""
    body = line.rstrip()
    for _ in range(2):  # a dated agency tag or a note may follow the sign-off
        note = _TRAILING_NOTE.search(body)
        if note is None or note.start() == 0:
            break
        body = body[: note.start()]
    m = _BRACKETED.search(body)
    if m is not None:
        before = body[: m.start()].rstrip()
        groups = _initials(m.group("groups"), agencies)
        words = before.split()
        desk_line = 0 < len(words) <= 5 and not _SENTENCE_PUNCT.search(before)
        lone = groups is not None and len(groups) == 1 and "/" not in m.group()
        if (
            groups is not None
            and (not before or _SENTENCE_END.search(before) or desk_line)
            # A lone bracketed tag of three or four capitals is an outlet's ("(CNA)", "(MTI)"),
            # and one spelling out the words before it an acronym ("… Organization (WHO)").
            and not (lone and groups[0].isupper() and len(groups[0]) > 2)
            and not (len(groups) == 1 and is_acronym(body, m.start(), groups[0].upper()))
        ):
            return _credit(line, offset + m.start(), groups, m.group().strip())
        return None
    m = _SLASH_LED.search(body)
    if m is not None:
        groups = _initials(m.group("groups"), agencies)
        if groups is not None:
            return _credit(line, offset + m.start(), groups, m.group().strip())
        return None
    m = _BARE.search(body)
    if m is not None:
        raw = m.group("groups")
        alone = m.start() == 0
        slashed = "/" in m.group().rstrip()
        token = body[body.rfind(" ", 0, m.start()) + 1 : m.end()]
        if (
            slashed
            and (alone or raw.split("/")[0].casefold() not in _DOMAINS)
            and not _TOKEN_URL.search(token)
            and ("/" in raw or (alone and _BARE_ALONE_SLASH.match(body)))
        ):
            groups = _initials(raw, agencies)
            if groups is not None:
                return _credit(line, offset + m.start(), groups, m.group().strip())
    stripped = body.strip()
    if (
        last_line
        and _LONE_CAPS.match(stripped)
        and stripped.casefold() not in agencies
        and stripped not in _STOP_CAPS
    ):
        start = offset + line.find(stripped)
        return _credit(line, start, [stripped], stripped)
    return None


def wire_signoffs(article: Article, ctx: RuleContext, end: int) -> list[dict[str, Any]]:
    """The sign-off closest to the end of the body (``end``), as a credit; [] when none."""
    blocks = [b for b in article.blocks if b.start < end]
    if not blocks:
        return []
    text = article.text
    lo = blocks[-SIGNOFF_BLOCKS:][0].start
    agencies = agency_tags(ctx)
    lines: list[tuple[int, str]] = []
    pos = lo
    for m in _LINE_BREAK.finditer(text, lo, end):
        lines.append((pos, text[pos : m.start()]))
        pos = m.end()
    lines.append((pos, text[pos:end]))
    lines = [(p, s) for p, s in lines if s.strip()]
    for i in range(len(lines) - 1, -1, -1):
        offset, line = lines[i]
        found = _judge_line(line, offset, i == len(lines) - 1, agencies)
        if found is not None:
            return [found]
    return []
