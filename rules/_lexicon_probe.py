"""Per-article facts the lexicon gates test: the case-folded text, its words, any Han.

Built once per article text (a few are kept: one article is linted at a time) and shared by
every section scan of every disclosure rule: see ``_lexicon.scan_section``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import regex

__all__ = [
    "FIRST_WORD",
    "FOLD_TRAPS",
    "HAN",
    "Probe",
    "clauses_hold",
    "fold_aligned",
    "holds",
    "is_word",
    "probe_of",
    "text_holds",
    "word_tests",
]

FIRST_WORD = regex.compile(r"[\p{L}\p{N}]+")
#: Every Han character is at U+2E80 or above: a quick test before the exact one.
_CJK_OR_ABOVE = regex.compile("[\u2e80-\U0010ffff]")
HAN = regex.compile(r"\p{Han}")
#: Case-folded literals' clauses (see ``_lexicon_syntax.Clauses``).
_Clauses = tuple[tuple[str, ...], ...]
#: The same with each literal paired with whether it is made of letters and digits only.
Tests = tuple[tuple[tuple[str, bool], ...], ...]


class Probe(NamedTuple):
    """Per-article facts the gates test: the case-folded text, its words, any Han at all.

    ``aligned``: :func:`fold_aligned` of the text (None when it has none): offsets in it
    are offsets in ``text``. ``vocab``: where a literal made of letters and digits only is
    looked for: the article's words joined (a few times shorter than the text, and usually
    one byte per character) when they are exactly the runs of letters and digits of
    ``folded``, else ``folded`` itself.
    """

    text: str
    folded: str
    #: Not frozen: copying a thousand words costs more than the trust it buys.
    words: set[str]
    has_han: bool
    aligned: str | None
    vocab: str
    #: Gate results per section, computed once per article however many scans ask.
    candidates: dict[int, tuple[Any, list[Any]]]


_PROBES: dict[int, Probe] = {}
FOLD_TRAPS = ("\u0130", "\u0131", "\U0001df95")


def fold_aligned(text: str) -> str | None:
    """The case fold of ``text`` with ß and ẞ kept as one "ß", so that it has the text's
    offsets; None when another character folds to several, or is a letter ``regex``
    matches case-insensitively to one with another fold (dotted and dotless I, and a newer
    letter paired with ß).

    Literal ``L`` matched case-insensitively at offset ``q`` of the text means that
    ``fold_aligned(L)`` occurs at ``q`` of ``fold_aligned(text)``: ``regex`` pairs ß only
    with ẞ, and any other two letters it pairs have the same one-character fold.
    """
    if any(c in text for c in FOLD_TRAPS):
        return None
    sharp = "ß" in text or "ẞ" in text
    folded = (text.replace("ß", "\ue000").replace("ẞ", "\ue000") if sharp else text).casefold()
    if len(folded) != len(text):
        return None
    return folded.replace("\ue000", "ß") if sharp else folded


#: The one character that folds to a letter without being a letter or a digit itself.
_YPOGEGRAMMENI = "\u0345"


def _words(text: str, fold: bool = True) -> set[str]:
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
    return set(map(str.casefold, words)) if fold else words


def probe_of(text: str) -> Probe:
    """The probe of an article's text, built on its first scan and shared by every later
    one (of every disclosure rule) while the text lives."""
    hit = _PROBES.get(id(text))
    if hit is not None and hit.text is text:
        return hit
    if len(_PROBES) > 8:  # one article at a time: a few are plenty (they hold its text)
        _PROBES.clear()
    folded = text.casefold()
    if len(folded) == len(text) and not any(c in text for c in FOLD_TRAPS):
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
    has_han = _CJK_OR_ABOVE.search(text) is not None and HAN.search(text) is not None
    probe = Probe(text, folded, words, has_han, aligned, vocab, {})
    _PROBES[id(text)] = probe
    return probe


_WORDLIKE: dict[str, bool] = {}


def is_word(needle: str) -> bool:
    """True when ``needle`` is letters and digits only: each occurrence of it in a folded
    text lies inside one of the text's words, so ``probe.vocab`` holds it too."""
    known = _WORDLIKE.get(needle)
    if known is None:
        known = _WORDLIKE[needle] = FIRST_WORD.fullmatch(needle) is not None
    return known


def text_holds(clauses: _Clauses | None, text: str) -> bool:
    """:func:`clauses_hold` on an article's case-folded text, looking literals made of
    letters and digits up in its words (see ``Probe.vocab``): much faster."""
    probe = probe_of(text)
    folded, vocab = probe.folded, probe.vocab
    for clause in clauses or ():
        for needle in clause:
            if needle in (vocab if is_word(needle) else folded):
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


def word_tests(clauses: _Clauses | None) -> Tests:
    """Clauses ready for :func:`holds`: each literal with :func:`is_word` of it."""
    return tuple(tuple((n, is_word(n)) for n in c) for c in clauses or ())


def holds(tests: Tests, probe: Probe) -> bool:
    """:func:`text_holds` of clauses prepared by :func:`word_tests`, on a probe."""
    folded, vocab = probe.folded, probe.vocab
    for clause in tests:
        for needle, word in clause:
            if needle in (vocab if word else folded):
                break
        else:
            return False
    return True
