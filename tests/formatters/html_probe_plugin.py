"""A test-only plugin for the HTML report: hostile text in messages, evidence and fixes,
nested and overlapping spans, and findings that mark no text.

    XH101 markup-echo (error)    every ``<script>…</script>`` or ``<img …>`` in the text,
                                 echoed in the message, evidence (with ``</script>`` and
                                 U+2028) and an unsafe fix whose replacement is markup
    XH201 nest-probe (warning)   the word NEST, and the whole line holding it (nested spans)
    XH202 overlap-probe (warning) "OVER LAP" and "LAP ZONE" (overlapping spans)
    XH301 nothing-here (info)    an empty span at the end of an article containing MISSING
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex
from newslint.findings import Edit, Fix, Hit, Severity
from newslint.hookspecs import hookimpl
from newslint.rule import Rule, RuleContext

_MARKUP = regex.compile(r"<script>.*?</script>|<img[^>]*>|\"><img[^>]*>")


class MarkupEcho(Rule):
    """Echoes markup found in the text."""

    code, name = "XH101", "markup-echo"
    summary = "Markup in the text (test probe)."
    severity = Severity.ERROR

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        for m in ctx.finditer(_MARKUP, article.text):
            yield Hit(
                m.start(),
                m.end(),
                f"markup {m.group()} found",
                evidence={
                    "seen": m.group(),
                    "closing": "</script><script>window.__pwned = 'evidence'</script>",
                    "separators": "a\u2028b\u2029c",
                    "nested": {"tags": ["<b>", "</pre>", "<!--"], "ok": False},
                },
                fix=Fix(
                    "Drop the </script> markup",
                    (Edit(m.start(), m.end(), "<img src=x onerror=alert(4)>"),),
                    "unsafe",
                ),
            )


class NestProbe(Rule):
    """Flags NEST and its line."""

    code, name = "XH201", "nest-probe"
    summary = "NEST and its line (test probe)."
    severity = Severity.WARNING

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        for m in ctx.finditer(regex.compile(r"[^\n]*\bNEST\b[^\n]*"), article.text):
            word = m.group().index("NEST") + m.start()
            yield Hit(m.start(), m.end(), "a line holding NEST", evidence={"part": "line"})
            yield Hit(word, word + 4, "the word NEST", evidence={"part": "word"})


class OverlapProbe(Rule):
    """Flags OVER LAP and LAP ZONE."""

    code, name = "XH202", "overlap-probe"
    summary = "Overlapping spans (test probe)."
    severity = Severity.WARNING

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        for m in ctx.finditer(regex.compile(r"OVER LAP ZONE"), article.text):
            yield Hit(m.start(), m.start() + 8, "OVER LAP")
            yield Hit(m.start() + 5, m.end(), "LAP ZONE")


class NothingHere(Rule):
    """An empty span at the end when the text says MISSING."""

    code, name = "XH301", "nothing-here"
    summary = "Something is missing (test probe)."
    severity = Severity.INFO

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        if "MISSING" in article.text:
            end = len(article.text)
            yield Hit(end, end, "something is missing here", evidence={"scope": "article"})


@hookimpl
def newslint_rules() -> list[type[Rule]]:
    return [MarkupEcho, NestProbe, OverlapProbe, NothingHere]
