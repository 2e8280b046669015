r"""Regex-source analysis for lexicon entries: a small parser and what it tells.

Raw ``{re: …}`` entries of the disclosure lexicons are regular expressions; before an entry
is worth running on an article, the disclosure scans want to know which literal text every
match of it must hold (:func:`required_literals`, for gates) and which literals every match
starts with (:func:`leads`, for finders). Both come from one small parse tree
(:func:`parse`); anything the parser does not model raises :class:`Unsupported`, and the
entry then simply gets no gate or finder (it is always run, as before).
"""

from __future__ import annotations

from typing import Any

import regex

__all__ = [
    "Clauses",
    "Unsupported",
    "clauses_of",
    "leads",
    "literals_of",
    "parse",
    "required_literals",
    "tree_of",
]

# --------------------------------------------------------------------------- literal gates
#
# A gate is a conjunction of clauses, each clause a tuple of case-folded strings of which at
# least one must occur in the case-folded article for the entry to possibly match. It must
# never reject an article the entry matches: a literal matched case-insensitively (simple
# folding) has the same full case fold as the text it matched, and ``str.casefold`` folds
# character by character, so the literal's fold is a substring of the article's fold.

Clauses = tuple[tuple[str, ...], ...]
_QUANTIFIER = regex.compile(r"\{(\d*)(?:,(\d*))?\}")
_FLAG_GROUP = regex.compile(r"([aimsuLV01-]*)([:)])")
_ESCAPE_CLASSES = frozenset("sSdDwWpPXRhHvVN")
_ESCAPE_ZERO_WIDTH = frozenset("bBAZzGmMK")  # \K: the match starts after it
_ESCAPE_CHARS = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}


class Unsupported(Exception):
    """Syntax the analysis does not model: the entry simply gets no gate."""


def parse(src: str) -> Any:
    """A small parse tree of ``src``: ("lit", ch) | ("any",) | ("zero",) | ("seq", items) |
    ("alt", branches) | ("rep", node, minimum). Raises Unsupported on anything unusual."""
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
                raise Unsupported("brace")
            low, pos = int(m.group(1) or 0), m.end()
        else:
            low, pos = (1 if src[pos] == "+" else 0), pos + 1
        if pos < len(src) and src[pos] in "?+":
            pos += 1  # lazy or possessive: the same text is required
        if pos < len(src) and src[pos] in "*?+{":
            raise Unsupported("stacked quantifiers")
        return ("rep", node, low)

    def close() -> None:
        nonlocal pos
        if not src.startswith(")", pos):
            raise Unsupported("unclosed group")
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
                    raise Unsupported("group kind")
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
                    raise Unsupported("nested set")
                pos += 2 if src[pos] == "\\" else 1
            if pos >= len(src):
                raise Unsupported("unclosed set")
            pos += 1
            return ("any",)
        if c == "\\":
            d = src[pos + 1 : pos + 2]
            pos += 2
            if d in ("p", "P", "N") and src.startswith("{", pos):
                end = src.find("}", pos)
                if end < 0:
                    raise Unsupported("property")
                pos = end + 1
                return ("any",)
            if not d or d in _ESCAPE_CLASSES:
                if not d:
                    raise Unsupported("trailing backslash")
                return ("any",)
            if d in _ESCAPE_ZERO_WIDTH:
                return ("zero",)
            if d in _ESCAPE_CHARS:
                return ("lit", _ESCAPE_CHARS[d])
            if d.isalnum():
                raise Unsupported("escape")
            return ("lit", d)
        pos += 1
        if c == ".":
            return ("any",)
        if c in "^$":
            return ("zero",)
        if c in "*+?{}]":
            raise Unsupported("stray metacharacter")
        return ("lit", c)

    tree = alternation()
    if pos != len(src):
        raise Unsupported("unbalanced")
    return tree


def clauses_of(node: Any) -> list[frozenset[str]]:
    kind = node[0]
    if kind == "lit":
        return [frozenset({node[1]})]
    if kind == "rep":
        return clauses_of(node[1]) if node[2] >= 1 else []
    if kind == "alt":
        picks: list[frozenset[str]] = []
        for branch in node[1]:
            inner = clauses_of(branch)
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
        out.extend(clauses_of(item))
    if run:
        out.append(frozenset({run}))
    return out


_TREES: dict[str, Any] = {}


def tree_of(src: str) -> Any:
    """:func:`parse` memoised per source, None when unsupported: an entry's gate and its
    finder both need the tree, and it is parsed once per process."""
    try:
        return _TREES[src]
    except KeyError:
        pass
    try:
        tree = parse(src)
    except (Unsupported, IndexError):
        tree = None
    _TREES[src] = tree
    return tree


def literals_of(tree: Any) -> Clauses | None:
    """:func:`required_literals` of a parse tree."""
    gate = {tuple(sorted({s.casefold() for s in c})) for c in clauses_of(tree)}
    gate = {c for c in gate if c and all(c)}
    return tuple(sorted(gate)) or None


def required_literals(pattern: str) -> Clauses | None:
    """Clauses of case-folded literals every match of ``pattern`` contains (one string per
    clause at least), or None when the pattern is beyond this small analysis."""
    tree = tree_of(pattern)
    return None if tree is None else literals_of(tree)


def leads(node: Any) -> set[str] | None:
    """Literal strings one of which starts every match of a parsed pattern, or None when
    the analysis cannot tell (a class, an optional part or a bare repetition comes first)."""
    kind = node[0]
    if kind == "lit":
        return {node[1]}
    if kind == "rep":
        return leads(node[1]) if node[2] >= 1 else None
    if kind == "alt":
        out: set[str] = set()
        for branch in node[1]:
            sub = leads(branch)
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
        return leads(items[i])
    run = ""
    while i < len(items) and items[i][0] == "lit":
        run += items[i][1]
        i += 1
    return {run}
