"""Financial figures in each language's notation: amounts, percentages and points.

A figure is a number carrying money or market meaning: a currency sign, code or word
("$135 billion", "US$2.5bn", "3 000 milliards de dollars", "1,2 Mrd. Euro", "135亿美元"), a
percentage ("13 %", "13 percent", "13 Prozent", "百分之十三") or basis/percentage points. A bare
number never is: years, dates, times, ages, durations and head counts carry no unit that
makes them a financial claim, which is why detection is driven by the unit, not the number.

Numbers are found with one atomic, anchored token pattern and each token's unit is matched
right after it (or a currency sign right before it) in a bounded window, so the scan is
linear in the text length, whatever the digits look like. Words per language (currency
names, scale words, percent and point words) come from the pack's ``figure-*`` sections;
signs and ISO codes are universal and live here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex
from newslint.language import LanguagePack, entry_to_regex, ordered_alternatives

__all__ = ["Figure", "FigureFinder", "SplitPattern", "figure_finder", "scan", "scan_section"]

#: Timeout (seconds) for one regex call; the caller's context passes its own.
DEFAULT_TIMEOUT = 2.0

# One number: space/NBSP/narrow-NBSP/dot/comma/apostrophe grouped thousands, or a plain run
# of digits with an optional decimal part. Atomic, so a long run of digits is read once.
_NUMBER = regex.compile(
    r"(?<![\p{N}\p{Latin}])(?<!\d[.,])"
    r"(?>\d{1,3}(?:[ \u00a0\u202f\u2009.,'’]\d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?!\d)"
)
# Chinese numerals before a scale/currency ("三千亿美元") and "百分之十三".
_HAN_DIGITS = "零〇一二两兩三四五六七八九十百千"
_HAN_NUMBER = regex.compile(rf"[{_HAN_DIGITS}]+(?:[点點][{_HAN_DIGITS}]+)?")
_HAN_PERCENT = regex.compile(rf"百分之[{_HAN_DIGITS}\d]+(?:[点點.][{_HAN_DIGITS}\d]+)?")

_CODES = (
    "USD|EUR|GBP|JPY|CNY|RMB|HKD|CHF|CAD|AUD|NZD|INR|BRL|MXN|KRW|SEK|NOK|DKK|PLN|TRY|ZAR|"
    "SGD|TWD|ARS|CLP|COP|PEN|RUB"
)
_SIGNS_AFTER = rf"(?:€|\$|£|¥|₹|₩|₽|(?-i:(?:{_CODES}))(?!\p{{L}}))"
_SIGNS_BEFORE = rf"(?:(?-i:[A-Z]{{0,3}})\$|€|£|¥|₹|₩|₽|(?-i:(?:{_CODES})|Rs\.?))"
_RANGE = regex.compile(
    r"\s*(?:-|–|—|~|～|/|to|and|or|à|et|ou|bis|und|oder|a|y|o|至|到)\s*", regex.IGNORECASE
)
_GAP = r"[\s\u00a0\u202f\u2009]{0,2}"
_SPACES_SIGNS = " \u00a0\u202f\u2009\t\n-+−"
_SIGN_CHARS = "$€£¥₹₩₽"
_NEVER_UNIT = ",.;:!?)]}»”\"'/"


#: Long paragraphs are scanned in chunks so that one regex call stays well inside the
#: per-call timeout whatever the paragraph's length; matches are shorter than the overlap.
CHUNK = 20_000
OVERLAP = 400
# A word: letters and hyphenated letters, not right after a letter or digit. The first letter
# is matched before the lookbehind (which then also covers it) so the engine can skip ahead
# to letters: the same tokens as ``(?<![\p{L}\p{N}])\p{L}+(?:-\p{L}+)*``, a third faster.
_WORD = regex.compile(r"\p{L}(?<![\p{L}\p{N}]\p{L})\p{L}*(?:-\p{L}+)*")


def scan(
    pattern: regex.Pattern[str] | SplitPattern,
    text: str,
    start: int,
    end: int,
    timeout: float,
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` over ``text[start:end]`` in bounded chunks, without duplicates.

    A match starting in one chunk is searched with ``OVERLAP`` characters of the next one
    visible, so matches up to that length are found whole; the next chunk starts after it.
    Lookbehinds still see the text before a chunk, so results equal one unchunked pass.
    A range of one chunk or less (nearly every sentence and paragraph) is one plain
    ``finditer`` call: the chunking generator costs more than the match itself there.
    """
    if end - start <= CHUNK:
        if end <= start:
            return iter(())
        return pattern.finditer(text, start, end, timeout=timeout)
    return _chunked(pattern, text, start, end, timeout)


def _chunked(
    pattern: regex.Pattern[str] | SplitPattern,
    text: str,
    start: int,
    end: int,
    timeout: float,
) -> Iterator[regex.Match[str]]:
    pos, last_end = start, start
    while pos < end:
        chunk_end = min(end, pos + CHUNK)
        limit = min(end, chunk_end + OVERLAP)
        for m in pattern.finditer(text, pos, limit, timeout=timeout):
            if m.start() >= chunk_end:
                break  # the next chunk finds it, with its own overlap
            last_end = m.end()
            yield m
        pos = max(chunk_end, last_end)


_FLAGS = regex.IGNORECASE | regex.V0
# Sources whose meaning depends on the whole alternation or on where the search starts:
# global inline flags, numbered or named back-references, recursion and \G.
_UNSPLITTABLE = regex.compile(
    r"\(\?[a-zA-Z]*(?:-[a-zA-Z]+)?\)|\\[1-9G]|\\g<|\(\?P[=>]|\(\?[+-]?[0-9]|\(\?[R&]"
)


class SplitPattern:
    """An alternation searched as separate patterns (groups of its alternatives, in its
    order), with the very same matches.

    The leftmost match wins and, at the same position, the earlier group, which is what the
    alternation does. A match at a position does not depend on where the search started
    (there is no ``\\G``), so a group's match ahead of the scan stays valid until passed:
    each group is searched about once over the range.
    """

    __slots__ = ("groups", "original", "pattern")

    def __init__(self, original: regex.Pattern[str], groups: list[regex.Pattern[str]]) -> None:
        self.original = original
        self.pattern = original.pattern
        self.groups = groups

    def finditer(
        self, text: str, pos: int, endpos: int, timeout: float = DEFAULT_TIMEOUT
    ) -> Iterator[regex.Match[str]]:
        """Matches of the original alternation in ``text[pos:endpos]``, in order."""
        groups = self.groups
        ahead: list[regex.Match[str] | None] = [None] * len(groups)
        done = [False] * len(groups)
        out: list[regex.Match[str]] = []
        cur = pos
        while True:
            best: regex.Match[str] | None = None
            for gi, group in enumerate(groups):
                if done[gi]:
                    continue
                m = ahead[gi]
                if m is None or m.start() < cur:
                    m = ahead[gi] = group.search(text, cur, endpos, timeout=timeout)
                    if m is None:
                        done[gi] = True
                        continue
                if best is None or m.start() < best.start():
                    best = m
            if best is None:
                return iter(out)
            if best.end() == best.start():
                # Empty matches follow finditer's own stepping rules: let the original decide.
                return self.original.finditer(text, pos, endpos, timeout=timeout)
            out.append(best)
            cur = best.end()


_WORD_RUN = regex.compile(r"[\p{L}\p{N}]+")


@dataclass(frozen=True, slots=True)
class _Alternatives:
    """A section's alternatives in the pack's order, each compiled alone, with the word a
    phrase's match must contain (casefolded) or None for raw ``{re: …}`` entries."""

    original: regex.Pattern[str]
    patterns: tuple[regex.Pattern[str], ...]
    needles: tuple[str | None, ...]


_ALTERNATIVES: dict[tuple[int, str], tuple[LanguagePack, _Alternatives | None]] = {}
_Alt = tuple[regex.Pattern[str], str | None]
_LIVE: dict[tuple[int, str], tuple[str, LanguagePack, list[_Alt]]] = {}
# One-entry caches (the last article, the last range): each slot holds one tuple, read once,
# so concurrent callers at worst recompute.
_FOLDED: list[tuple[str, str]] = [("", "")]
_RANGE_FOLD: list[tuple[str, int, int, str]] = [("", 0, 0, "")]


def _alternatives(pack: LanguagePack, name: str) -> _Alternatives | None:
    """The section split into alternatives, or None to use the pack's pattern as it is.

    The alternatives are rebuilt exactly as the pack orders them and checked against its
    pattern: on any doubt (a different order, inline global flags, back-references) None.
    """
    key = (id(pack), name)
    hit = _ALTERNATIVES.get(key)
    if hit is not None and hit[0] is pack:
        return hit[1]
    original = pack.pattern(name)
    result = None
    if original is not None and original.flags & _FLAGS == _FLAGS:
        entries = pack.entries(name)
        parts = ordered_alternatives(entries)
        needles: dict[str, str | None] = {}
        for entry in entries:
            needle = _needle(entry) if isinstance(entry, str) else None
            part = entry_to_regex(entry)
            needles[part] = needle if needles.get(part, needle) == needle else None
        if "|".join(parts) == original.pattern and not any(
            _UNSPLITTABLE.search(part) for part in parts
        ):
            patterns = tuple(regex.compile(part, _FLAGS) for part in parts)
            if all(p.flags == original.flags for p in patterns):
                result = _Alternatives(original, patterns, tuple(needles[p] for p in parts))
    _ALTERNATIVES[key] = (pack, result)
    return result


def _needle_safe(ch: str) -> bool:
    """Whether every character the regex engine matches to ``ch`` case-insensitively folds
    like it under :func:`_fold`: checked against the whole of Unicode for Latin letters up to
    Latin Extended-A and for uncased Han (newer Unicode versions in ``regex`` pair some rarer
    letters that Python's tables do not know)."""
    return ch < "\u0180" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _needle(phrase: str) -> str | None:
    """The longest word of a phrase (rarest in practice), folded, or None if none is safe.
    Every word of a phrase is matched literally, so any match of it contains that word."""
    words = [w for w in _WORD_RUN.findall(phrase) if all(_needle_safe(c) for c in w)]
    return _fold(max(words, key=len)) if words else None


#: Letters that ``regex`` matches case-insensitively to a letter they do not casefold to:
#: dotted and dotless I, and a newer letter paired with ß.
_FOLD_FIRST = str.maketrans({"\u0130": "i", "\u0131": "i", "\U0001df95": "ß"})


def _fold(text: str) -> str:
    if "\u0130" in text or "\u0131" in text or "\U0001df95" in text:
        text = text.translate(_FOLD_FIRST)
    return text.casefold()


def _folded(text: str) -> str:
    """:func:`_fold` of an article's text, remembered for the last article."""
    hit = _FOLDED[0]
    if hit[0] is text:
        return hit[1]
    folded = _fold(text)
    _FOLDED[0] = (text, folded)
    return folded


def _live(pack: LanguagePack, name: str, alts: _Alternatives, text: str) -> list[_Alt]:
    """The alternatives of a section that can match somewhere in ``text`` (article-wide)."""
    key = (id(pack), name)
    hit = _LIVE.get(key)
    if hit is not None and hit[0] is text and hit[1] is pack:
        return hit[2]
    folded = _folded(text)
    live = [
        (p, n) for p, n in zip(alts.patterns, alts.needles, strict=True) if n is None or n in folded
    ]
    _LIVE[key] = (text, pack, live)
    return live


def scan_section(
    pack: LanguagePack, name: str, text: str, start: int, end: int, timeout: float
) -> Iterator[regex.Match[str]]:
    """The matches of ``pack.pattern(name)`` in ``text[start:end]``, as :func:`scan` finds
    them, found faster.

    A large alternation of word-bounded phrases is tried alternative by alternative at every
    position (about 1.5 ms for a 6 KB article); each phrase alone is found by a fast literal
    search, and only a phrase whose longest word occurs in the article, then in the range
    (casefolded, which every case-insensitive match of that word survives), can match at
    all. The alternatives left are merged back in the pack's order by :class:`SplitPattern`.
    """
    alts = _alternatives(pack, name)
    if alts is None:
        pattern = pack.pattern(name)
        return iter(()) if pattern is None else scan(pattern, text, start, end, timeout)
    live = _live(pack, name, alts, text)
    if not live or end <= start:
        return iter(())
    if end - start > CHUNK:
        merged = SplitPattern(alts.original, [p for p, _ in live])
        return scan(merged, text, start, end, timeout)
    last = _RANGE_FOLD[0]
    if last[0] is text and last[1] == start and last[2] == end:
        sub = last[3]
    else:
        sub = _fold(text[start:end])
        _RANGE_FOLD[0] = (text, start, end, sub)
    patterns = [p for p, n in live if n is None or n in sub]
    if not patterns:
        return iter(())
    if len(patterns) == 1:
        return patterns[0].finditer(text, start, end, timeout=timeout)
    return SplitPattern(alts.original, patterns).finditer(text, start, end, timeout)


@dataclass(frozen=True, slots=True)
class Figure:
    """A financial figure: text offsets, its kind and its text as written.

    ``kind`` is ``amount``, ``percentage``, ``basis-points``, ``percentage-points`` or
    ``index-points`` (a market move: "the Dow fell 475 points").
    """

    start: int
    end: int
    kind: str
    text: str


def _section_source(pack: LanguagePack, name: str) -> str | None:
    """A pack section's regex source without leading word boundaries: units follow a number
    directly ("50bps", "2.5bn"), so a boundary before them would only miss figures."""
    pattern = pack.pattern(name)
    if pattern is None:
        return None
    return pattern.pattern.replace(r"(?<![\p{L}\p{N}])", "")


class FigureFinder:
    """Figure detection compiled for one language pack."""

    def __init__(self, pack: LanguagePack) -> None:
        self.han = pack.script == "Han"
        scale = _section_source(pack, "figure-scale")
        cur_words = _section_source(pack, "figure-currency-after")
        percent = _section_source(pack, "figure-percent")
        points = _section_source(pack, "figure-points")
        cur_after = _SIGNS_AFTER + (f"|{cur_words}" if cur_words else "")
        link = r"(?:(?:de|d['’]|of)\s*)?"
        alts = []
        if points:
            alts.append(f"(?P<points>{points})")
        alts.append(r"(?P<percent>%|％|‰" + (f"|{percent}" if percent else "") + ")")
        if scale:
            after_scale = _section_source(pack, "figure-currency-after-scale")
            cur_scaled = cur_after + (f"|{after_scale}" if after_scale else "")
            alts.append(f"(?P<scale>{scale}){_GAP}{link}(?P<cur>{cur_scaled})")
        alts.append(f"{link}(?P<cur2>{cur_after})")
        if scale:
            alts.append(f"(?P<bare_scale>{scale})")
        self.after = regex.compile(_GAP + "(?:" + "|".join(alts) + ")", regex.IGNORECASE | regex.V0)
        index_points = _section_source(pack, "figure-index-points")
        self.index_points = (
            regex.compile(f"{_GAP}(?:{index_points})", regex.IGNORECASE | regex.V0)
            if index_points
            else None
        )
        self.index_names = pack.pattern("figure-index-names")
        moves = pack.pattern("figure-move-words")
        # The move word must lead straight to the number ("fell 475", « a perdu 80 »,
        # "stieg um 200", 下跌30): nothing between but a few words, no digits, no sentence end.
        gap = r"[^\d]{0,2}" if self.han else r"[^\d.;:!?,]{0,16}"
        self.moves = moves
        self.moves_before = (
            regex.compile(f"(?:{moves.pattern})(?![\\p{{L}}]){gap}\\Z", regex.IGNORECASE | regex.V0)
            if moves
            else None
        )
        after = _section_source(pack, "figure-move-after")
        self.moves_after = (
            regex.compile(f"{_GAP}(?:{after})", regex.IGNORECASE | regex.V0) if after else None
        )
        words = pack.pattern("figure-number-words")
        self.words = regex.compile(words.pattern, regex.IGNORECASE | regex.V0) if words else None
        self._number_words: dict[str, bool] = {}
        before_words = _section_source(pack, "figure-currency-before")
        before = _SIGNS_BEFORE + (f"|{before_words}" if before_words else "")
        self.before = regex.compile(
            rf"(?:{before})[\s\u00a0\u202f]?[-+−]?\Z", regex.IGNORECASE | regex.V0
        )
        if self.han:
            han_cur = cur_words or r"元"
            self.han_amount = regex.compile(
                rf"(?:{scale})?(?:{han_cur})" if scale else rf"(?:{han_cur})",
                regex.IGNORECASE | regex.V0,
            )

    def _unit(self, text: str, pos: int, end: int, timeout: float) -> tuple[str | None, int, bool]:
        """(kind, end offset, has_bare_scale) of the unit right after a number at ``pos``."""
        j = pos
        while j < end and j < pos + 2 and text[j] in _SPACES_SIGNS:
            j += 1
        if j >= end or text[j].isdigit() or text[j] in _NEVER_UNIT:
            return None, pos, False  # cheap pre-check: punctuation or a digit never starts a unit
        m = self.after.match(text, pos, end, timeout=timeout)
        if m is None:
            return None, pos, False
        if m.group("points"):
            word = m.group("points").lower()
            basis = any(k in word for k in ("bas", "bás", "bp", "pb", "基"))
            return ("basis-points" if basis else "percentage-points"), m.end(), False
        if m.group("percent"):
            return "percentage", m.end(), False
        if m.groupdict().get("cur") or m.group("cur2"):
            return "amount", m.end(), False
        return None, m.end(), True  # a scale word alone: money only with a sign before

    def _has_sign_before(self, text: str, start: int, floor: int, timeout: float) -> int | None:
        j = start - 1
        while j >= floor and j >= start - 2 and text[j] in _SPACES_SIGNS:
            j -= 1
        if j < floor or not (
            text[j] in _SIGN_CHARS or text[j].isupper() or text[j] == "." or text[j] > "\u2e80"
        ):
            return None  # cheap pre-check: nothing sign-like right before the number
        lo = max(floor, start - 8)
        m = self.before.search(text, lo, start, timeout=timeout)
        return m.start() if m is not None else None

    def find(
        self, text: str, start: int, end: int, timeout: float = DEFAULT_TIMEOUT
    ) -> list[Figure]:
        """Every figure in ``text[start:end]``, in order, non-overlapping."""
        out: list[Figure] = []
        tokens = self._tokens(text, start, end, timeout)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            fig_start = tok.start()
            spelled = not tok.group()[:1].isdigit()
            sign_at = None if spelled else self._has_sign_before(text, tok.start(), start, timeout)
            kind, unit_end, bare_scale = self._unit(text, tok.end(), end, timeout)
            consumed = i + 1
            if kind is None and i + 1 < len(tokens):
                # A range shares the unit of its upper bound: "10 to 12 %", "5-6 milliards €".
                link = _RANGE.match(text, tok.end(), end, timeout=timeout)
                nxt = tokens[i + 1]
                if link is not None and link.end() == nxt.start():
                    kind2, end2, bare2 = self._unit(text, nxt.end(), end, timeout)
                    if kind2 is not None or (bare2 and sign_at is not None):
                        kind, unit_end, bare_scale = kind2, end2, bare2
                        consumed = i + 2
            if kind is None and not spelled and self.index_points is not None:
                moved = self._index_move(text, tok.start(), tok.end(), start, end, timeout)
                if moved is not None:
                    kind, unit_end = "index-points", moved
            if kind is None and sign_at is not None:
                kind = "amount"
                if not bare_scale:
                    unit_end = tokens[consumed - 1].end()
            if kind is not None:
                if sign_at is not None:
                    fig_start = sign_at
                out.append(Figure(fig_start, unit_end, kind, text[fig_start:unit_end]))
                i = consumed
                while i < len(tokens) and tokens[i].start() < unit_end:
                    i += 1
                continue
            i += 1
        if self.han:
            out.extend(self._han_figures(text, start, end, timeout, out))
            out.sort(key=lambda f: f.start)
        return out

    def _index_move(
        self, text: str, s: int, e: int, floor: int, end: int, timeout: float
    ) -> int | None:
        """End of "475 points" when it is a market move: an index named shortly before, and a
        move word ("fell", « a perdu », "verlor", 下跌) just before the number or a direction
        ("higher") just after."""
        assert self.index_points is not None
        m = self.index_points.match(text, e, end, timeout=timeout)
        if m is None or self.moves_before is None or self.index_names is None:
            return None
        # Points are a market figure only when an index moved: "the Dow fell 475 points",
        # not "Betis suma 28 puntos".
        lo = max(floor, s - 150)
        window = text[lo:s]
        cut = max(window.rfind(p) for p in (". ", "! ", "? ", "。", "！", "？", "; ", "；"))
        if cut >= 0:
            lo += cut + 1  # the index must be named in the figure's own sentence
        if not self.index_names.search(text, lo, s, timeout=timeout):
            return None
        if self.moves_before.search(text, lo, s, timeout=timeout):
            return m.end()
        after = self.moves_after
        if after is not None and after.match(
            text, m.end(), min(end, m.end() + 14), timeout=timeout
        ):
            return m.end()
        return None

    def _tokens(self, text: str, start: int, end: int, timeout: float) -> list[regex.Match[str]]:
        """Digit numbers, plus spelled-out ones ("drei Prozent", "deux milliards de dollars")
        which count only with a unit after them."""
        tokens = list(scan(_NUMBER, text, start, end, timeout))
        if self.words is None:
            return tokens
        # Tokenise words once and test each against the pack's number words: far cheaper than
        # letting a large case-insensitive alternation try every position of a long paragraph.
        # Whether a word is a number word depends on the word alone: remember each verdict.
        words, known = self.words, self._number_words
        if len(known) > 50_000:
            known.clear()
        spelled = []
        for m in scan(_WORD, text, start, end, timeout):
            word = m.group()
            hit = known.get(word)
            if hit is None:
                hit = known[word] = words.fullmatch(word, timeout=timeout) is not None
            if hit:
                spelled.append(m)
        if not spelled:
            return tokens
        merged = sorted(tokens + spelled, key=lambda m: m.start())
        out: list[regex.Match[str]] = []
        for m in merged:
            if out and m.start() < out[-1].end():
                continue
            out.append(m)
        return out

    def _han_figures(
        self, text: str, start: int, end: int, timeout: float, seen: list[Figure]
    ) -> list[Figure]:
        """Figures written in Chinese numerals: "百分之十三", "三千亿美元"."""
        taken = [(f.start, f.end) for f in seen]
        extra: list[Figure] = []
        for m in scan(_HAN_PERCENT, text, start, end, timeout):
            extra.append(Figure(m.start(), m.end(), "percentage", m.group()))
        for m in scan(_HAN_NUMBER, text, start, end, timeout):
            if text[max(start, m.start() - 3) : m.start()].endswith("百分之"):
                continue
            u = self.han_amount.match(text, m.end(), end, timeout=timeout)
            # One numeral before 元 is usually a word (二元结构, 一元化), not money: need a
            # scale (三千亿美元) or a longer numeral (五十元).
            if u is not None and (m.end() - m.start() > 1 or u.end() - m.end() > 1):
                extra.append(Figure(m.start(), u.end(), "amount", text[m.start() : u.end()]))
        return [f for f in extra if not any(s < f.end and f.start < e for s, e in taken)]


_FINDERS: dict[int, tuple[LanguagePack, FigureFinder]] = {}


def figure_finder(pack: LanguagePack) -> FigureFinder:
    """The finder for a pack, compiled once per pack object."""
    hit = _FINDERS.get(id(pack))
    if hit is not None and hit[0] is pack:
        return hit[1]
    finder = FigureFinder(pack)
    _FINDERS[id(pack)] = (pack, finder)
    return finder
