r"""Lexicon sections compiled for the disclosure rules: anchored patterns and fast scans.

``LanguagePack.pattern(name)`` compiles a section as one alternation, which is right for a
handful of entries. The disclosure lexicons hold a hundred entries with word-boundary
lookarounds, which the regex engine must try at every position of the article; searching
each entry on its own, and only when the literal text it cannot match without occurs in the
article at all (a few substring tests on the case-folded text), is much faster: most entries
of most sections never reach the regex engine.

Raw entries that open with an alternation of words (``(?:does|do|is)\s+not…``) or with a
run of letters (``\p{L}*aktie…``) are still slow to ``finditer``: the engine tries them at
every position. For those, where a match can start is found with ``str.find`` on the
case-folded text (whose offsets are the text's, see :func:`fold_aligned`) and the regex is
only tried there, anchored, in order, which gives exactly ``finditer``'s matches. Built-in
and phrase entries run without the per-call regex timeout, which costs about 2 µs a call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
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
    "text_holds",
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


#: Every Han character is at U+2E80 or above: a quick test before the exact one.
_CJK_OR_ABOVE = regex.compile("[\u2e80-\U0010ffff]")
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
    #: ``clauses`` and ``clauses_no_han`` with each literal paired with whether it is made
    #: of letters and digits only (looked up in ``_Probe.vocab``, else in the folded text).
    tests: tuple[tuple[tuple[str, bool], ...], ...] = ()
    tests_no_han: tuple[tuple[tuple[str, bool], ...], ...] = ()


def _tests(clauses: _Clauses | None) -> tuple[tuple[tuple[str, bool], ...], ...]:
    return tuple(tuple((n, FIRST_WORD.fullmatch(n) is not None) for n in c) for c in clauses or ())


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

    with_han = order(list(clauses)) if clauses else None
    without = order(no_han) if clauses and not never else None
    return _Gate(words, with_han, without, never, _tests(with_han), _tests(without))


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


def text_holds(clauses: _Clauses | None, text: str) -> bool:
    """:func:`clauses_hold` on an article's case-folded text, looking literals made of
    letters and digits up in its words (see ``_Probe.vocab``): much faster."""
    probe = _probe(text)
    folded, vocab = probe.folded, probe.vocab
    for clause in clauses or ():
        for needle in clause:
            if needle in (vocab if _is_word(needle) else folded):
                break
        else:
            return False
    return True


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
    of most sections are never needed for a given run, and compiling costs start-up).

    ``lit``/``kind`` let :func:`scan_section` find where a match can start with ``str.find``
    instead of running the regex at every position (see :func:`_finder`).
    """

    __slots__ = ("_pattern", "gate", "kind", "label", "lit", "simple", "source", "trusted")

    def __init__(
        self,
        label: str,
        source: str,
        gate: _Gate | None,
        kind: int = 0,
        lit: str = "",
        trusted: bool = False,
    ) -> None:
        self.label, self.source, self.gate = label, source, gate
        self.kind, self.lit = kind, lit
        #: Runs without a regex timeout (see :func:`_trusted`).
        self.trusted = trusted
        #: The gate is one word, already tested by the section's key index.
        self.simple = gate is not None and gate.clauses is None and len(gate.words or ()) == 1
        self._pattern: regex.Pattern[str] | None = None

    @property
    def pattern(self) -> regex.Pattern[str]:
        if self._pattern is None:
            self._pattern = regex.compile(self.source, _FLAGS)
        return self._pattern


#: Finder kinds. PLAIN: ``finditer``. WORD_RUN: ``\p{L}*LIT…`` (a word containing LIT): a
#: match starts where the run of letters holding an occurrence of LIT starts, found on the
#: case-folded text. LEAD: every match starts with one of a few literals
#: (``(?:does|do|is)\s+not…``): the regex is tried where they occur, when they are rare
#: enough in the range (a regex that opens with an alternation is tried at every position,
#: which is slow).
PLAIN, WORD_RUN, LEAD, LEAD_WORD = 0, 1, 2, 3
#: LEAD is used when its literals occur at most once per this many characters of the range.
LEAD_SPACING = 48
#: LEAD_WORD: ``(?:does|do|is)\s+not…`` or ``(?:la\s+acción|el\s+valor)…``: a match opens
#: with a word, spaces and a second word; it starts where the first word ends right before
#: the spaces before an occurrence of the (rarer) second one.
_LEAD_WORD_SOURCE = regex.compile(r"\(\?:\(\?:(\p{L}+(?:\|\p{L}+)+)\)\\s\+(\p{L}{3,})(?![*?+{])")
_WORD_PAIRS_SOURCE = regex.compile(
    r"\(\?:\(\?:(\p{L}+\\s\+\p{L}{3,}(?:\|\p{L}+\\s\+\p{L}{3,})+)\)(?![*?+{])"
)
_SPACES_BACK = regex.compile(r"(?r)\s+", _FLAGS)
_WORD_RUN_SOURCE = regex.compile(r"\(\?:\\p\{L\}\*(\p{L}+)")
_RUN_BACK = regex.compile(r"(?r)\p{L}*", _FLAGS)


def _leads(node: Any) -> set[str] | None:
    """Literal strings one of which starts every match of a parsed pattern, or None when
    the analysis cannot tell (a class, an optional part or a bare repetition comes first)."""
    kind = node[0]
    if kind == "lit":
        return {node[1]}
    if kind == "rep":
        return _leads(node[1]) if node[2] >= 1 else None
    if kind == "alt":
        out: set[str] = set()
        for branch in node[1]:
            sub = _leads(branch)
            if not sub:
                return None
            out |= sub
        return out
    if kind != "seq":
        return None
    items = node[1]
    i = 0
    while i < len(items) and items[i][0] == "zero":
        i += 1  # lookarounds and anchors consume nothing
    if i == len(items):
        return None
    if items[i][0] != "lit":
        return _leads(items[i])
    run = ""
    while i < len(items) and items[i][0] == "lit":
        run += items[i][1]
        i += 1
    return {run}


def _finder(entry: Any, source: str) -> tuple[int, str]:
    """(kind, literal) for an entry; PLAIN when no literal tells where its matches start."""
    if isinstance(entry, str):
        return PLAIN, ""  # a phrase starts with a literal: finditer is as fast (measured)
    try:
        tree = _parse(source)
    except (_Unsupported, IndexError):
        return PLAIN, ""
    # One group holding a sequence, no top-level alternative: what opens it opens a match.
    one_sequence = tree[0] == "seq" and len(tree[1]) == 1 and tree[1][0][0] == "seq"
    pairs = _word_pairs(source) if one_sequence else None
    if pairs:
        return LEAD_WORD, pairs
    run = _WORD_RUN_SOURCE.match(source)
    if run is None:
        return _lead_finder(tree)
    # The repetition, then the literal's letters, unquantified.
    lit = run.group(1)
    want = [("rep", ("any",), 0), *(("lit", ch) for ch in lit)]
    if not one_sequence or tree[1][0][1][: len(want)] != want:
        return PLAIN, ""
    folded = fold_aligned(lit)
    return (WORD_RUN, folded) if folded else (PLAIN, "")


def _word_pairs(source: str) -> str | None:
    """LEAD_WORD's literal: "first\\1second" pairs joined by NUL, or None."""
    w = _LEAD_WORD_SOURCE.match(source)
    if w is not None:
        pairs = [(lead, w.group(2)) for lead in w.group(1).split("|")]
    elif (w := _WORD_PAIRS_SOURCE.match(source)) is not None:
        pairs = [(b.split("\\s+")[0], b.split("\\s+")[1]) for b in w.group(1).split("|")]
    else:
        return None
    out = []
    for first, second in pairs:
        a, b = fold_aligned(first), fold_aligned(second)
        if not a or not b:
            return None
        out.append(f"{a}\1{b}")
    return "\0".join(out)


def _lead_finder(tree: Any) -> tuple[int, str]:
    leads = _leads(tree)
    if not leads:
        return PLAIN, ""
    folded = {fold_aligned(lead) or "" for lead in leads}
    # A literal that starts with another one adds no start the other does not find.
    kept = sorted(f for f in folded if not any(o != f and f.startswith(o) for o in folded))
    # One literal first: finditer is as fast (measured). Han alternatives are rare
    # characters, which it also skips fast.
    if len(kept) < 2 or not all(kept) or any(_HAN.search(k) for k in kept):
        return PLAIN, ""
    return LEAD, "\0".join(kept)


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
    #: Entries that cannot match a text without Han characters (their gate says so).
    han_others: tuple[int, ...] = ()


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
        source = entry_to_regex(entry)
        trusted = _trusted(pack.lang, section, entry)
        entries.append(_Entry(label, source, gate, *_finder(entry, source), trusted=trusted))
    by_key: dict[str, list[int]] = {}
    others: list[int] = []
    han_others: list[int] = []
    for i, e in enumerate(entries):
        if e.gate is not None and e.gate.words:
            word = max(e.gate.words, key=lambda w: (len(w), w))
            by_key.setdefault(word, []).append(i)
        elif e.gate is not None and e.gate.never_without_han:
            han_others.append(i)
        else:
            others.append(i)
    built = _Section(
        tuple(entries),
        frozenset(by_key),
        {k: tuple(v) for k, v in by_key.items()},
        tuple(others),
        tuple(han_others),
    )
    _SECTION_CACHE[key] = (pack, built)
    return built


_SHIPPED: dict[str, dict[str, Any]] = {}


def _trusted(lang: str, section: str, entry: Any) -> bool:
    """Whether an entry may run without the per-call regex timeout, which costs about 2 µs
    a call (three times an anchored match): a phrase (literals, runs of spaces and
    lookarounds: linear whatever the text) or a raw regex shipped in newslint's own pack
    for the language. A raw regex from a plugin or a user pack keeps the timeout."""
    if isinstance(entry, str):
        return True
    if lang not in _SHIPPED:
        from pathlib import Path

        from newslint.language import load_pack_file

        path = Path(__file__).resolve().parent / "packs" / f"{lang}.yaml"
        try:
            data = load_pack_file(path) if path.is_file() else {}
        except Exception:  # an unreadable shipped pack trusts nothing
            data = {}
        _SHIPPED[lang] = dict(data.get("lexicons") or {})
    return any(
        isinstance(e, dict) and e.get("re") == entry.get("re")
        for e in _SHIPPED[lang].get(section) or ()
    )


def _section_entries(pack: LanguagePack, section: str) -> list[_Entry]:
    return list(_section(pack, section).entries)


def _candidates(sec: _Section, probe: _Probe) -> list[_Entry]:
    """The section's entries that pass their gate on the article, in section order."""
    cached = probe.candidates.get(id(sec))
    if cached is not None and cached[0] is sec:
        return cached[1]
    keys = sec.keys & probe.words
    out: list[_Entry] = []
    han = probe.has_han and sec.han_others
    if keys or sec.others or han:
        by_key, entries = sec.by_key, sec.entries
        picked = [i for k in keys for i in by_key[k]]
        picked.extend(sec.others)
        if han:
            picked.extend(sec.han_others)
        picked.sort()
        for i in picked:
            entry = entries[i]
            gate = entry.gate
            if gate is None or entry.simple or _passes(gate, probe):
                out.append(entry)
    probe.candidates[id(sec)] = (sec, out)
    return out


def section_may_match(pack: LanguagePack, section: str, text: str) -> bool:
    """False when no entry of the section can match anywhere in ``text`` (so neither can
    ``pack.pattern(section)``, their alternation): a cheap test before a full scan."""
    return bool(_candidates(_section(pack, section), _probe(text)))


@dataclass(frozen=True, slots=True)
class _Probe:
    """Per-article facts the gates test: the case-folded text, its words, any Han at all.

    ``aligned``: :func:`fold_aligned` of the text (None when it has none): offsets in it
    are offsets in ``text``. ``vocab``: where a literal made of letters and digits only is
    looked for: the article's words joined (a few times shorter than the text, and usually
    one byte per character) when they are exactly the runs of letters and digits of
    ``folded``, else ``folded`` itself.
    """

    text: str
    folded: str
    words: frozenset[str]
    has_han: bool
    aligned: str | None
    vocab: str
    #: Gate results per section, computed once per article however many scans ask.
    candidates: dict[int, tuple[_Section, list[_Entry]]] = field(default_factory=dict)


_PROBES: dict[int, _Probe] = {}
_FOLD_TRAPS = ("\u0130", "\u0131", "\U0001df95")


def fold_aligned(text: str) -> str | None:
    """The case fold of ``text`` with ß and ẞ kept as one "ß", so that it has the text's
    offsets; None when another character folds to several, or is a letter ``regex``
    matches case-insensitively to one with another fold (dotted and dotless I, and a newer
    letter paired with ß).

    Literal ``L`` matched case-insensitively at offset ``q`` of the text means that
    ``fold_aligned(L)`` occurs at ``q`` of ``fold_aligned(text)``: ``regex`` pairs ß only
    with ẞ, and any other two letters it pairs have the same one-character fold.
    """
    if any(c in text for c in _FOLD_TRAPS):
        return None
    sharp = "ß" in text or "ẞ" in text
    folded = (text.replace("ß", "\ue000").replace("ẞ", "\ue000") if sharp else text).casefold()
    if len(folded) != len(text):
        return None
    return folded.replace("\ue000", "ß") if sharp else folded


#: The one character that folds to a letter without being a letter or a digit itself.
_YPOGEGRAMMENI = "\u0345"


def _words(text: str, fold: bool = True) -> frozenset[str]:
    r"""Case-folded maximal runs of letters and digits (``FIRST_WORD``) of ``text``.

    Whitespace-separated chunks made only of letters and digits are such runs already
    (``str.isalnum`` implies ``[\p{L}\p{N}]``); the others go through the regex, joined
    by spaces (which no run crosses), in one call. ``fold=False``: ``text`` is folded.
    """
    words = set(text.split())
    others = [w for w in words if not w.isalnum()]
    if others:
        words.difference_update(others)
        words.update(FIRST_WORD.findall(" ".join(others)))
    return frozenset(map(str.casefold, words)) if fold else frozenset(words)


def _probe(text: str) -> _Probe:
    hit = _PROBES.get(id(text))
    if hit is not None and hit.text is text:
        return hit
    if len(_PROBES) > 8:  # one article at a time: a few are plenty (they hold its text)
        _PROBES.clear()
    folded = text.casefold()
    if len(folded) == len(text) and not any(c in text for c in _FOLD_TRAPS):
        aligned: str | None = folded
    else:
        aligned = fold_aligned(text)
    if aligned is folded and _YPOGEGRAMMENI not in text:
        # Each character folds to one of the same kind (letter or digit, or neither): the
        # runs of letters and digits of ``folded`` are the text's, case-folded.
        words = _words(folded, fold=False)
        vocab = "\n".join(words)  # any order: no literal holds the separator
    else:
        words, vocab = _words(text), folded
    has_han = _CJK_OR_ABOVE.search(text) is not None and _HAN.search(text) is not None
    probe = _Probe(text, folded, words, has_han, aligned, vocab)
    _PROBES[id(text)] = probe
    return probe


def _folded(text: str) -> str:
    return _probe(text).folded


def _passes(gate: _Gate, probe: _Probe) -> bool:
    if gate.words is not None and not gate.words <= probe.words:
        return False
    if probe.has_han:
        tests = gate.tests
    elif gate.never_without_han:
        return False
    else:
        tests = gate.tests_no_han
    folded, vocab = probe.folded, probe.vocab
    for clause in tests:
        for needle, word in clause:
            if needle in (vocab if word else folded):
                break
        else:
            return False
    return True


_WORDLIKE: dict[str, bool] = {}


def _is_word(needle: str) -> bool:
    """True when ``needle`` is letters and digits only: each occurrence of it in a folded
    text lies inside one of the text's words, so ``probe.vocab`` holds it too."""
    known = _WORDLIKE.get(needle)
    if known is None:
        known = _WORDLIKE[needle] = FIRST_WORD.fullmatch(needle) is not None
    return known


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
    entries = _candidates(_section(pack, section), probe)
    if not entries:
        return []
    found: list[tuple[int, int, str, regex.Match[str]]] = []
    for entry in entries:
        label = entry.label
        timeout = None if entry.trusted else ctx.timeout
        kind = entry.kind
        if kind == WORD_RUN and probe.aligned is not None:
            for m in _found(entry, probe, pos, end, timeout):
                found.append((m.start(), -m.end(), label, m))
            continue
        starts: list[int] | None
        if kind == LEAD_WORD and probe.aligned is not None:
            starts = _lead_word_starts(entry, probe, pos, end)
        elif kind == LEAD and probe.aligned is not None:
            starts = _lead_starts(entry, probe.aligned, pos, end)
        else:
            starts = None
        if starts is not None:
            cursor = pos
            pattern = entry.pattern
            for p in starts:
                if p < cursor:
                    continue
                m = pattern.match(text, p, end, timeout=timeout)
                if m is not None and m.end() > m.start():
                    found.append((p, -m.end(), label, m))
                    cursor = m.end()
            continue
        for m in entry.pattern.finditer(text, pos, end, timeout=timeout):
            if m.end() > m.start():
                found.append((m.start(), -m.end(), label, m))
    if len(entries) == 1:
        return [(label, m) for _s, _e, label, m in found]  # finditer: ordered, disjoint
    found.sort(key=_POSITION)
    out: list[tuple[str, regex.Match[str]]] = []
    last_end = -1
    for start, neg_end, label, m in found:
        if start >= last_end:
            out.append((label, m))
            last_end = -neg_end
    return out


_POSITION = itemgetter(0, 1)


def _lead_starts(entry: _Entry, folded: str, pos: int, end: int) -> list[int] | None:
    """Sorted offsets in ``[pos, end)`` where one of a LEAD entry's literals occurs, or
    None when they are too frequent for trying each to beat one ``finditer``.

    Every match starts with one of the literals, matched case-insensitively, so the folded
    literal occurs there in the (aligned) folded text: trying the regex at each such offset
    in order, skipping those inside the last match, finds what ``finditer`` finds.
    """
    leads = entry.lit.split("\0")
    budget = (end - pos) // LEAD_SPACING + 1
    starts: list[int] = []
    find = folded.find
    for lead in leads:
        i = find(lead, pos, end)
        while i >= 0:
            starts.append(i)
            if len(starts) > budget:
                return None
            i = find(lead, i + 1, end)
    if len(leads) > 1:
        starts.sort()
    return starts


def _lead_word_starts(entry: _Entry, probe: _Probe, pos: int, end: int) -> list[int]:
    """Sorted offsets in ``[pos, end)`` where a LEAD_WORD entry can match.

    A match opens with a first word, spaces, then a second word: the second occurs in the
    (aligned) folded text, the spaces before it are the whole run of spaces there (the
    first word ends with a letter), and the first word ends where the run starts.
    """
    hay, text = probe.aligned, probe.text
    assert hay is not None
    by_second: dict[str, list[str]] = {}
    for pair in entry.lit.split("\0"):
        first, second = pair.split("\1")
        by_second.setdefault(second, []).append(first)
    starts: set[int] = set()
    for second, firsts in by_second.items():
        i = hay.find(second, pos, end)
        while i >= 0:
            spaces = _SPACES_BACK.match(text, pos, i)
            if spaces is not None:
                for first in firsts:
                    start = spaces.start() - len(first)
                    if start >= pos and hay.startswith(first, start):
                        starts.add(start)
            i = hay.find(second, i + 1, end)
    return sorted(starts)


def _found(
    entry: _Entry, probe: _Probe, pos: int, end: int, timeout: float | None
) -> list[regex.Match[str]]:
    """``entry.pattern.finditer(text, pos, end)`` for a WORD_RUN entry: the regex is only
    tried where a match can start, in order, as ``finditer`` would.

    A match holds an occurrence
    of the literal, preceded by letters only, and starts at the leftmost position it can:
    the start of that run of letters, or the search position when the run began before it
    (from any later letter of the run the same match is found, so finditer never stops
    there first). Occurrences are looked up in the case-folded text, whose offsets are the
    text's (``probe.aligned``); every case-insensitive match of the literal folds to it.
    """
    text, lit, pattern = probe.text, entry.lit, entry.pattern
    hay = probe.aligned
    assert hay is not None
    out: list[regex.Match[str]] = []
    cursor, tried = pos, -1
    i = hay.find(lit, pos, end)
    while i >= 0:
        start = max(cursor, _RUN_BACK.match(text, 0, i).start())
        if start != tried:
            tried = start
            m = pattern.match(text, start, end, timeout=timeout)
            if m is not None and m.end() > m.start():
                out.append(m)
                cursor = m.end()
        i = hay.find(lit, max(i + 1, cursor), end)
    return out
