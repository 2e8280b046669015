"""Literal words that every match of a raw lexicon regex must contain.

A phrase entry's needle is its longest word (see ``_figures._needle``). A raw ``{re: …}``
entry had none, so it was searched in every sentence. Most raw entries are a fixed frame
around a group of words ("(?:after|before|since)\\s[^,;]{1,150}", "teilten?\\b…\\bmit\\b",
"(?:之后|以后|后)"), and any match must contain one of those words. This module reads that
off the pattern with a small, conservative parser of the regex syntax: any construct it does
not know (other escapes, conditionals, verbose or other inline flags, back-references,
nested sets) makes it give up, and the entry keeps being searched everywhere.

The result is sound for the search the caller does: the words are casefolded, made of
characters that ``_figures._needle_safe`` accepts, and the caller checks them against the
casefolded text, which every case-insensitive match of those characters survives.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["required_literals"]

# One-letter escapes that match no literal letter of their own (classes and anchors).
_CLASS_ESCAPES = frozenset("sSdDwWbBAZ")
_PROPERTY_ESCAPES = frozenset("pP")
_QUANT_START = frozenset("?*+{")
# A requirement: words one of which every match contains, or None (nothing known).
_Req = frozenset[str] | None


class _GiveUp(Exception):
    pass


class _Parser:
    """Recursive descent over a regex source, computing requirements instead of a tree."""

    def __init__(self, source: str, safe: Callable[[str], bool], fold: Callable[[str], str]):
        self.s = source
        self.i = 0
        self.safe = safe
        self.fold = fold
        self._quantified = False

    def parse(self) -> _Req:
        req = self._alternation()
        if self.i != len(self.s):
            raise _GiveUp
        return req

    def _alternation(self) -> _Req:
        branches = [self._sequence()]
        while self.i < len(self.s) and self.s[self.i] == "|":
            self.i += 1
            branches.append(self._sequence())
        if any(b is None for b in branches):
            return None
        out: set[str] = set()
        for b in branches:
            assert b is not None
            out |= b
        return frozenset(out)

    def _sequence(self) -> _Req:
        """Items up to ``|`` or ``)``: the best requirement of any mandatory item, where a
        run of mandatory literal word characters is one item (a word)."""
        s = self.s
        reqs: list[frozenset[str]] = []
        word: list[str] = []

        def flush() -> None:
            if word:
                reqs.append(frozenset({self.fold("".join(word))}))
                word.clear()

        while self.i < len(s) and s[self.i] not in "|)":
            item_req, literal = self._atom()
            low = self._quantifier()
            if literal is not None and not self._quantified:
                if literal.isalnum() and self.safe(literal):
                    word.append(literal)
                    continue
                flush()
                continue
            flush()
            if item_req is not None and low >= 1:
                reqs.append(item_req)
        flush()
        if not reqs:
            return None
        # The most selective: longest shortest word, then fewest words.
        return max(reqs, key=lambda r: (min(len(w) for w in r), -len(r)))

    def _quantifier(self) -> int:
        """Consume a quantifier after an atom; its minimum count (1 if none)."""
        s = self.s
        self._quantified = False
        if self.i >= len(s) or s[self.i] not in _QUANT_START:
            return 1
        ch = s[self.i]
        if ch == "{":
            j = s.find("}", self.i)
            if j < 0:
                raise _GiveUp
            body = s[self.i + 1 : j]
            lo, _, hi = body.partition(",")
            if not (lo.isdigit() or lo == "") or not (hi.isdigit() or hi == ""):
                raise _GiveUp
            if not lo and not hi:
                raise _GiveUp
            low = int(lo) if lo else 0
            self.i = j + 1
        else:
            low = 1 if ch == "+" else 0
            self.i += 1
        if self.i < len(s) and s[self.i] in "?+":
            self.i += 1  # lazy or possessive: the same strings
        if self.i < len(s) and s[self.i] in _QUANT_START:
            raise _GiveUp
        self._quantified = True
        return low

    def _atom(self) -> tuple[_Req, str | None]:
        """(requirement, literal character or None) of one atom."""
        s = self.s
        ch = s[self.i]
        if ch == "\\":
            self._escape()
            return None, None
        if ch == "[":
            self._set()
            return None, None
        if ch == "(":
            return self._group(), None
        self.i += 1
        if ch in ".^$":
            return None, None
        if ch in "*+?{}]":
            raise _GiveUp
        return None, ch

    def _escape(self) -> None:
        s = self.s
        if self.i + 1 >= len(s):
            raise _GiveUp
        nxt = s[self.i + 1]
        if nxt in _PROPERTY_ESCAPES:
            if self.i + 2 < len(s) and s[self.i + 2] == "{":
                j = s.find("}", self.i)
                if j < 0:
                    raise _GiveUp
                self.i = j + 1
                return None
            raise _GiveUp
        if nxt in _CLASS_ESCAPES or not nxt.isalnum():
            self.i += 2  # a class, an anchor or an escaped punctuation mark
            return None
        raise _GiveUp

    def _set(self) -> None:
        s = self.s
        j = self.i + 1
        if j < len(s) and s[j] == "^":
            j += 1
        if j < len(s) and s[j] == "]":
            j += 1
        while j < len(s) and s[j] != "]":
            if s[j] == "[":
                raise _GiveUp  # nested sets or POSIX classes: not worth knowing
            if s[j] == "\\":
                j += 1
            j += 1
        if j >= len(s):
            raise _GiveUp
        self.i = j + 1

    def _group(self) -> _Req:
        s = self.s
        self.i += 1
        zero_width = False
        if s.startswith("?", self.i):
            rest = s[self.i + 1 :]
            if rest.startswith((":", ">")):
                self.i += 2
            elif rest.startswith(("=", "!")):
                self.i += 2
                zero_width = True
            elif rest.startswith(("<=", "<!")):
                self.i += 3
                zero_width = True
            elif rest.startswith(("i:", "-i:")):
                self.i += 1 + rest.index(":") + 1
            elif rest.startswith(("P<", "<")):
                j = s.find(">", self.i)
                if j < 0:
                    raise _GiveUp
                self.i = j + 1
            else:
                raise _GiveUp
        req = self._alternation()
        if self.i >= len(s) or s[self.i] != ")":
            raise _GiveUp
        self.i += 1
        return None if zero_width else req


def required_literals(
    source: str, safe: Callable[[str], bool], fold: Callable[[str], str]
) -> tuple[str, ...] | None:
    """Words (folded with ``fold``, of characters ``safe`` accepts) one of which every match
    of the regex ``source`` contains, sorted; None when none can be read off safely."""
    try:
        req = _Parser(source, safe, fold).parse()
    except (_GiveUp, IndexError, ValueError):
        return None
    if not req or any(not w for w in req):
        return None
    return tuple(sorted(req))
