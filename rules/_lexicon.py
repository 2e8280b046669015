"""Lexicon sections compiled for the disclosure rules: anchored patterns and fast scans.

``LanguagePack.pattern(name)`` compiles a section as one alternation, which is right for a
handful of entries. The disclosure lexicons hold a hundred entries with word-boundary
lookarounds, which the regex engine must try at every position of the article; searching
each entry on its own, and only when the literal text it cannot match without occurs in the
article at all (a few substring tests on the case-folded text), is much faster: most entries
of most sections never reach the regex engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex
from newslint.language import LanguagePack, entry_to_regex

if TYPE_CHECKING:
    from newslint.rule import RuleContext

__all__ = [
    "FIRST_WORD",
    "clauses_hold",
    "compiled_section",
    "literal_clauses",
    "required_literals",
    "scan_section",
    "section_may_match",
]

_FLAGS = regex.IGNORECASE | regex.V0
_PATTERN_CACHE: dict[tuple[int, str, str], tuple[LanguagePack, regex.Pattern[str] | None]] = {}


def compiled_section(
    pack: LanguagePack, section: str, mode: str = "search"
) -> regex.Pattern[str] | None:
    """A lexicon section as one pattern for ``mode``: ``search``, ``full`` (whole string) or
    ``prefix`` (anchored at the start). Cached per pack object; None when the section is empty.

    Anchored matching is cheap whatever the size; for searching a long section through a
    whole article, :func:`scan_section` is much faster.
    """
    key = (id(pack), section, mode)
    hit = _PATTERN_CACHE.get(key)
    if hit is not None and hit[0] is pack:
        return hit[1]
    entries = pack.entries(section)
    pattern: regex.Pattern[str] | None = None
    if entries:
        # Longest first; ties by source, not by set order (which varies with the hash seed,
        # so between processes of one run).
        sources = {entry_to_regex(e) for e in entries}
        alts = "|".join(sorted(sources, key=lambda src: (-len(src), src)))
        if mode == "full":
            alts = rf"(?:{alts})"
        elif mode == "prefix":
            alts = rf"\A(?:{alts})"
        pattern = regex.compile(alts, _FLAGS)
    _PATTERN_CACHE[key] = (pack, pattern)
    return pattern


FIRST_WORD = regex.compile(r"[\p{L}\p{N}]+")

# --------------------------------------------------------------------------- literal gates
#
# A gate is a conjunction of clauses, each clause a tuple of case-folded strings of which at
# least one must occur in the case-folded article for the entry to possibly match. It must
# never reject an article the entry matches: a literal matched case-insensitively (simple
# folding) has the same full case fold as the text it matched, and ``str.casefold`` folds
# character by character, so the literal's fold is a substring of the article's fold.

_Clauses = tuple[tuple[str, ...], ...]
_QUANTIFIER = regex.compile(r"\{(\d*)(?:,(\d*))?\}")
_FLAG_GROUP = regex.compile(r"([aimsuLV01-]*)([:)])")
_ESCAPE_CLASSES = frozenset("sSdDwWpPXRhHvVN")
_ESCAPE_ZERO_WIDTH = frozenset("bBAZzGmM")
_ESCAPE_CHARS = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}
_APOSTROPHES = "'’ʼ`"
_SPACES = regex.compile(rf"[\s{_APOSTROPHES}]+")


class _Unsupported(Exception):
    """Syntax the analysis does not model: the entry simply gets no gate."""


def _parse(src: str) -> Any:
    """A small parse tree of ``src``: ("lit", ch) | ("any",) | ("zero",) | ("seq", items) |
    ("alt", branches) | ("rep", node, minimum). Raises _Unsupported on anything unusual."""
    pos = 0

    def alternation() -> Any:
        nonlocal pos
        branches = [sequence()]
        while pos < len(src) and src[pos] == "|":
            pos += 1
            branches.append(sequence())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def sequence() -> Any:
        items = []
        while pos < len(src) and src[pos] not in "|)":
            items.append(quantified(atom()))
        return ("seq", items)

    def quantified(node: Any) -> Any:
        nonlocal pos
        if pos >= len(src) or src[pos] not in "*?+{":
            return node
        if src[pos] == "{":
            m = _QUANTIFIER.match(src, pos)
            if m is None:
                raise _Unsupported("brace")
            low, pos = int(m.group(1) or 0), m.end()
        else:
            low, pos = (1 if src[pos] == "+" else 0), pos + 1
        if pos < len(src) and src[pos] in "?+":
            pos += 1  # lazy or possessive: the same text is required
        if pos < len(src) and src[pos] in "*?+{":
            raise _Unsupported("stacked quantifiers")
        return ("rep", node, low)

    def close() -> None:
        nonlocal pos
        if not src.startswith(")", pos):
            raise _Unsupported("unclosed group")
        pos += 1

    def atom() -> Any:
        nonlocal pos
        c = src[pos]
        if c == "(":
            pos += 1
            if src.startswith("?", pos):
                pos += 1
                if src.startswith(("=", "!"), pos) or src.startswith(("<=", "<!"), pos):
                    pos += 1 if src[pos] in "=!" else 2
                    alternation()
                    close()
                    return ("zero",)
                m = _FLAG_GROUP.match(src, pos)
                if m is None:
                    raise _Unsupported("group kind")
                pos = m.end()
                if m.group(2) == ")":
                    return ("zero",)
            inner = alternation()
            close()
            return inner
        if c == "[":
            pos += 1
            pos += src.startswith("^", pos)
            pos += src.startswith("]", pos)
            while pos < len(src) and src[pos] != "]":
                if src[pos] == "[":
                    raise _Unsupported("nested set")
                pos += 2 if src[pos] == "\\" else 1
            if pos >= len(src):
                raise _Unsupported("unclosed set")
            pos += 1
            return ("any",)
        if c == "\\":
            d = src[pos + 1 : pos + 2]
            pos += 2
            if d in ("p", "P", "N") and src.startswith("{", pos):
                end = src.find("}", pos)
                if end < 0:
                    raise _Unsupported("property")
                pos = end + 1
                return ("any",)
            if not d or d in _ESCAPE_CLASSES:
                if not d:
                    raise _Unsupported("trailing backslash")
                return ("any",)
            if d in _ESCAPE_ZERO_WIDTH:
                return ("zero",)
            if d in _ESCAPE_CHARS:
                return ("lit", _ESCAPE_CHARS[d])
            if d.isalnum():
                raise _Unsupported("escape")
            return ("lit", d)
        pos += 1
        if c == ".":
            return ("any",)
        if c in "^$":
            return ("zero",)
        if c in "*+?{}]":
            raise _Unsupported("stray metacharacter")
        return ("lit", c)

    tree = alternation()
    if pos != len(src):
        raise _Unsupported("unbalanced")
    return tree


def _clauses(node: Any) -> list[frozenset[str]]:
    kind = node[0]
    if kind == "lit":
        return [frozenset({node[1]})]
    if kind == "rep":
        return _clauses(node[1]) if node[2] >= 1 else []
    if kind == "alt":
        picks: list[frozenset[str]] = []
        for branch in node[1]:
            inner = _clauses(branch)
            if not inner:
                return []
            picks.append(max(inner, key=lambda c: (min(map(len, c)), -len(c))))
        return [frozenset().union(*picks)]
    if kind != "seq":
        return []
    out: list[frozenset[str]] = []
    run = ""
    for item in node[1]:
        if item[0] == "lit":
            run += item[1]
            continue
        if run:
            out.append(frozenset({run}))
            run = ""
        out.extend(_clauses(item))
    if run:
        out.append(frozenset({run}))
    return out


def required_literals(pattern: str) -> _Clauses | None:
    """Clauses of case-folded literals every match of ``pattern`` contains (one string per
    clause at least), or None when the pattern is beyond this small analysis."""
    try:
        tree = _parse(pattern)
    except (_Unsupported, IndexError):
        return None
    gate = {tuple(sorted({s.casefold() for s in c})) for c in _clauses(tree)}
    gate = {c for c in gate if c and all(c)}
    return tuple(sorted(gate)) or None


_LATIN_PHRASE = regex.compile(r"[\p{Latin}\p{N}\s'’ʼ`!-/:-@\[-`{-~]+")
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True, slots=True)
class _Gate:
    """What an entry needs from an article before the regex engine is worth starting.

    ``words``: case-folded words that must all be words of the article (a Latin-script
    phrase: each of its words is matched literally between non-letters, so it is a whole
    word of the text; one set test). ``clauses``: clauses of literals for substring tests on
    the case-folded text; ``clauses_no_han``: the same with Han-script literals dropped, for
    articles without any Han character (None: the entry cannot match there at all).
    """

    words: frozenset[str] | None
    clauses: _Clauses | None
    clauses_no_han: _Clauses | None
    never_without_han: bool


def _gate(words: frozenset[str] | None, clauses: _Clauses | None) -> _Gate | None:
    if words is None and clauses is None:
        return None
    no_han: list[tuple[str, ...]] = []
    never = False
    for clause in clauses or ():
        kept = tuple(n for n in clause if not _HAN.search(n))
        never = never or not kept
        no_han.append(kept)

    # Longer literals first: a rare literal rejects an article with fewer tests.
    def order(cs: list[tuple[str, ...]] | _Clauses) -> _Clauses:
        return tuple(sorted(cs, key=lambda c: (-min(map(len, c), default=0), c)))

    return _Gate(
        words,
        order(list(clauses)) if clauses else None,
        order(no_han) if clauses and not never else None,
        never,
    )


def _phrase_gate(phrase: str) -> _Gate | None:
    """A phrase matches its runs of non-space, non-apostrophe characters literally."""
    if _LATIN_PHRASE.fullmatch(phrase):
        words = frozenset(w.casefold() for w in FIRST_WORD.findall(phrase))
        return _gate(words or None, None)
    runs = _SPACES.split(phrase)
    return _gate(None, tuple(sorted({(r.casefold(),) for r in runs if r})) or None)


def literal_clauses(entry: Any) -> _Clauses | None:
    """Clauses of case-folded literals any match of a lexicon entry contains (see
    :func:`required_literals`; a phrase needs its runs between spaces and apostrophes)."""
    if isinstance(entry, str):
        runs = _SPACES.split(entry)
        return tuple(sorted({(r.casefold(),) for r in runs if r})) or None
    return required_literals(str(entry.get("re")))


def clauses_hold(clauses: _Clauses | None, folded: str) -> bool:
    """True when every clause has a literal in ``folded`` (a case-folded text)."""
    for clause in clauses or ():
        for needle in clause:
            if needle in folded:
                break
        else:
            return False
    return True


class _Entry:
    """One lexicon entry: its label, gate and regex, compiled on first use (most entries
    of most sections are never needed for a given run, and compiling costs start-up)."""

    __slots__ = ("_pattern", "gate", "label", "source")

    def __init__(self, label: str, source: str, gate: _Gate | None) -> None:
        self.label, self.source, self.gate = label, source, gate
        self._pattern: regex.Pattern[str] | None = None

    @property
    def pattern(self) -> regex.Pattern[str]:
        if self._pattern is None:
            self._pattern = regex.compile(self.source, _FLAGS)
        return self._pattern


@dataclass(frozen=True, slots=True)
class _Section:
    """A section's entries, with the phrase entries indexed by one of their words.

    Most entries are phrases whose words must all be words of the article: keyed by their
    longest word, the candidates come from one set intersection with the article's words
    instead of a test per entry.
    """

    entries: tuple[_Entry, ...]
    keys: frozenset[str]
    by_key: dict[str, tuple[int, ...]]
    others: tuple[int, ...]


_SECTION_CACHE: dict[tuple[int, str], tuple[LanguagePack, _Section]] = {}


def _section(pack: LanguagePack, section: str) -> _Section:
    key = (id(pack), section)
    hit = _SECTION_CACHE.get(key)
    if hit is not None and hit[0] is pack:
        return hit[1]
    entries: list[_Entry] = []
    for entry in pack.entries(section):
        if isinstance(entry, str):
            label, gate = entry, _phrase_gate(entry)
        else:
            label = str(entry.get("label") or entry.get("re"))
            gate = _gate(None, required_literals(str(entry.get("re"))))
        entries.append(_Entry(label, entry_to_regex(entry), gate))
    by_key: dict[str, list[int]] = {}
    others: list[int] = []
    for i, e in enumerate(entries):
        if e.gate is not None and e.gate.words:
            word = max(e.gate.words, key=lambda w: (len(w), w))
            by_key.setdefault(word, []).append(i)
        else:
            others.append(i)
    built = _Section(
        tuple(entries),
        frozenset(by_key),
        {k: tuple(v) for k, v in by_key.items()},
        tuple(others),
    )
    _SECTION_CACHE[key] = (pack, built)
    return built


def _section_entries(pack: LanguagePack, section: str) -> list[_Entry]:
    return list(_section(pack, section).entries)


def _candidates(sec: _Section, probe: _Probe) -> list[_Entry]:
    """The section's entries that pass their gate on the article, in section order."""
    cached = probe.candidates.get(id(sec))
    if cached is not None and cached[0] is sec:
        return cached[1]
    picked = [i for k in sec.keys & probe.words for i in sec.by_key[k]]
    picked.extend(sec.others)
    picked.sort()
    out = []
    for i in picked:
        entry = sec.entries[i]
        if entry.gate is None or _passes(entry.gate, probe):
            out.append(entry)
    probe.candidates[id(sec)] = (sec, out)
    return out


def section_may_match(pack: LanguagePack, section: str, text: str) -> bool:
    """False when no entry of the section can match anywhere in ``text`` (so neither can
    ``pack.pattern(section)``, their alternation): a cheap test before a full scan."""
    return bool(_candidates(_section(pack, section), _probe(text)))


@dataclass(frozen=True, slots=True)
class _Probe:
    """Per-article facts the gates test: the case-folded text, its words, any Han at all."""

    text: str
    folded: str
    words: frozenset[str]
    has_han: bool
    #: Gate results per section, computed once per article however many scans ask.
    candidates: dict[int, tuple[_Section, list[_Entry]]] = field(default_factory=dict)


_PROBES: dict[int, _Probe] = {}


_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’«»„‚‹›–—-…/*_#%$€£¥&"


def _words(text: str) -> frozenset[str]:
    r"""Case-folded maximal runs of letters and digits (``FIRST_WORD``) of ``text``.

    Whitespace-separated chunks made only of letters and digits are such runs already
    (``str.isalnum`` implies ``[\p{L}\p{N}]``); only the others need the regex.
    """
    out: set[str] = set()
    for chunk in set(text.split()):
        word = chunk.strip(_EDGE_PUNCTUATION)  # strips no letter or digit
        if word.isalnum():
            out.add(word)
        elif word:
            out.update(FIRST_WORD.findall(word))
    return frozenset(w.casefold() for w in out)


def _probe(text: str) -> _Probe:
    hit = _PROBES.get(id(text))
    if hit is not None and hit.text is text:
        return hit
    if len(_PROBES) > 64:
        _PROBES.clear()
    probe = _Probe(text, text.casefold(), _words(text), _HAN.search(text) is not None)
    _PROBES[id(text)] = probe
    return probe


def _folded(text: str) -> str:
    return _probe(text).folded


def _passes(gate: _Gate, probe: _Probe) -> bool:
    if gate.words is not None and not gate.words <= probe.words:
        return False
    if probe.has_han:
        clauses = gate.clauses
    elif gate.never_without_han:
        return False
    else:
        clauses = gate.clauses_no_han
    folded = probe.folded
    for clause in clauses or ():
        for needle in clause:
            if needle in folded:
                break
        else:
            return False
    return True


def scan_section(
    ctx: RuleContext,
    pack: LanguagePack,
    section: str,
    text: str,
    pos: int = 0,
    endpos: int | None = None,
) -> list[tuple[str, regex.Match[str]]]:
    """Non-overlapping matches of a lexicon section as ``(entry label, match)``, in order.

    Each entry is searched on its own, and only when the words and literals it needs occur
    in the text at all (set and substring tests): with a hundred-entry lexicon this is many
    times faster than one big alternation, which the regex engine must try at every position.
    Overlaps keep the leftmost, then longest match, as an alternation would.
    """
    end = len(text) if endpos is None else endpos
    probe = _probe(text)
    found: list[tuple[int, int, str, regex.Match[str]]] = []
    timeout = ctx.timeout
    for entry in _candidates(_section(pack, section), probe):
        for m in entry.pattern.finditer(text, pos, end, timeout=timeout):
            if m.end() > m.start():
                found.append((m.start(), -m.end(), entry.label, m))
    if not found:
        return []
    found.sort(key=lambda f: (f[0], f[1]))
    out: list[tuple[str, regex.Match[str]]] = []
    last_end = -1
    for start, neg_end, label, m in found:
        if start >= last_end:
            out.append((label, m))
            last_end = -neg_end
    return out
