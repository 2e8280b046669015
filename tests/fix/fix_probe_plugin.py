"""Rules for the fix tests (loaded with ``newslint check -p fix_probe_plugin``).

``touch-on-read`` stands in for an editor who saves the file while newslint is fixing it:
linting an article that holds the word TOUCHME appends a line to the file on disk, once.
``ping-pong`` has a fix that never settles: "ping" becomes "pong" and "pong" "ping".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex
from newslint.findings import Edit, Fix, Hit, Severity
from newslint.hookspecs import hookimpl
from newslint.rule import Rule, RuleContext

SAVED = "A line another editor saved meanwhile.\n"


class TouchOnRead(Rule):
    """Appends a line to the article's file on disk (a concurrent save)."""

    code = "FXP001"
    name = "touch-on-read"
    summary = "Simulates a save by another editor."
    severity = Severity.INFO

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        if "TOUCHME" in article.text:
            path = Path(article.path)
            if SAVED not in path.read_text(encoding="utf-8"):
                with path.open("a", encoding="utf-8") as fh:
                    fh.write(SAVED)
        return iter(())


class PingPong(Rule):
    """Flags ping and pong, each with a safe fix to the other word."""

    code = "FXP002"
    name = "ping-pong"
    summary = "A fix that never settles."
    severity = Severity.WARNING

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        for m in regex.finditer(r"\b(?:ping|pong)\b", article.text):
            other = "pong" if m.group() == "ping" else "ping"
            s, e = article.source_span(m.start(), m.end())
            yield Hit(
                m.start(), m.end(), "ping-pong", fix=Fix("swap", (Edit(s, e, other),), "safe")
            )


@hookimpl
def newslint_rules() -> list[type[Rule]]:
    return [TouchOnRead, PingPong]
