"""A test-only plugin whose rules flag marker words, so the formatters can be driven through
the real CLI while the built-in rules are still being written.

    ALPHA → XP101 probe-error (error)    BRAVO → XP201 probe-warning (warning)
    CHARLIE → XP301 probe-info (info)    EXPLODE makes XP901 probe-crash raise (a rule error)

Each marker rule records a pass note (``ctx.note``) when it finds nothing, for ``--explain``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex
from newslint.findings import Hit, Severity
from newslint.hookspecs import hookimpl
from newslint.rule import Rule, RuleContext


class _Marker(Rule):
    word = ""

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        found = 0
        for m in ctx.finditer(regex.compile(rf"\b{self.word}\b"), article.text):
            found += 1
            yield Hit(
                m.start(),
                m.end(),
                f"marker {self.word} found, see: a, b",
                evidence={"marker": self.word, "count_so_far": found},
            )
        if not found:
            ctx.note({"looked_for": self.word, "found": False})


class ProbeError(_Marker):
    """Flags ALPHA.

    What it checks
        The marker word ALPHA.

    Why it matters
        Tests need findings of every severity.

    Example
        An ALPHA here.

    Use instead
        Nothing here.
    """

    code, name, word = "XP101", "probe-error", "ALPHA"
    summary = "Marker ALPHA (test probe)."
    severity = Severity.ERROR


class ProbeWarning(_Marker):
    code, name, word = "XP201", "probe-warning", "BRAVO"
    summary = "Marker BRAVO (test probe)."
    severity = Severity.WARNING


class ProbeInfo(_Marker):
    code, name, word = "XP301", "probe-info", "CHARLIE"
    summary = "Marker CHARLIE (test probe)."
    severity = Severity.INFO


class ProbeCrash(Rule):
    code, name = "XP901", "probe-crash"
    summary = "Raises on EXPLODE (test probe)."

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        if "EXPLODE" in article.text:
            raise RuntimeError("probe exploded")
        return iter(())


@hookimpl
def newslint_rules() -> list[type[Rule]]:
    return [ProbeError, ProbeWarning, ProbeInfo, ProbeCrash]
