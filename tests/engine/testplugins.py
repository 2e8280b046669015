"""Plugins used by the engine tests (loaded with ``newslint check -p testplugins``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import regex
from newslint.findings import Hit, Severity
from newslint.hookspecs import hookimpl
from newslint.rule import Option, Rule, RuleContext

_WORD = regex.compile(r"\bFLAG\b")
_NOTE = regex.compile(r"\bNOTE\b")


class FlagWord(Rule):
    """Flags the word FLAG: a predictable rule for engine tests."""

    code = "TST001"
    name = "flag-word"
    summary = "The word FLAG."
    severity = Severity.WARNING
    options: ClassVar[dict[str, Option]] = {"message": Option("remove FLAG", str)}

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        for m in ctx.finditer(_WORD, article.text):
            yield Hit(m.start(), m.end(), ctx.options["message"])


class NoteWord(Rule):
    """Flags the word NOTE at info severity."""

    code = "TST002"
    name = "note-word"
    summary = "The word NOTE."
    severity = Severity.INFO

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        for m in ctx.finditer(_NOTE, article.text):
            yield Hit(m.start(), m.end(), "a note")


class Raises(Rule):
    code = "TST901"
    name = "raises"
    summary = "Raises on files containing BOOM."

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        if "BOOM" in article.text:
            raise ValueError("kaboom")
        return iter(())


class OutOfRange(Rule):
    code = "TST902"
    name = "out-of-range"
    summary = "Yields offsets past the end on files containing RANGE."

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        if "RANGE" in article.text:
            yield Hit(0, len(article.text) + 10, "bad")


class Garbage(Rule):
    code = "TST903"
    name = "garbage"
    summary = "Yields a non-Hit on files containing GARBAGE."

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        if "GARBAGE" in article.text:
            yield ("not", "a", "hit")  # type: ignore[misc]


class Slow(Rule):
    code = "TST904"
    name = "slow-regex"
    summary = "Catastrophic backtracking on files containing aaaa…!"

    _PAT = regex.compile(r"(a+)+$")

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        ctx.timeout = 0.2
        for m in ctx.finditer(self._PAT, article.text):
            yield Hit(m.start(), m.end(), "slow")


@hookimpl
def newslint_rules() -> list[Any]:
    return [FlagWord, NoteWord, Raises, OutOfRange, Garbage, Slow]
