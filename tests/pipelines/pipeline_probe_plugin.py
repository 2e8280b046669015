"""Deterministic probe rules for the pipeline tests (loaded with ``-p pipeline_probe_plugin``).

The pipeline features (baseline, changed lines, cache, CI formats) must be tested whatever
the built-in rules decide about a text, so these rules flag things no article contains:

- PP001 ``probe-word`` (warning): every occurrence of the word ``FLAGME``.
- PP002 ``probe-note`` (info): every occurrence of the word ``NOTEME``.
- PP003 ``probe-odd`` (warning): ``ODDME``, with a message full of characters to escape.
- PP101 ``probe-signoff`` (error, article-level): the article lacks the word ``SIGNED-OFF``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex
from newslint.findings import Hit, Severity
from newslint.hookspecs import hookimpl
from newslint.rule import Rule, RuleContext


class ProbeWord(Rule):
    code = "PP001"
    name = "probe-word"
    summary = "Flags the word FLAGME."
    severity = Severity.WARNING

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        for m in regex.finditer(r"\bFLAGME\b", article.text):
            yield Hit(m.start(), m.end(), "the probe word FLAGME is here", {"word": m.group()})


class ProbeNote(Rule):
    code = "PP002"
    name = "probe-note"
    summary = "Notes the word NOTEME."
    severity = Severity.INFO

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        for m in regex.finditer(r"\bNOTEME\b", article.text):
            yield Hit(m.start(), m.end(), "the probe word NOTEME is here")


class ProbeOdd(Rule):
    code = "PP003"
    name = "probe-odd"
    summary = "Flags ODDME with a message full of characters CI formats must escape."
    severity = Severity.WARNING

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        for m in regex.finditer(r"\bODDME\b", article.text):
            yield Hit(m.start(), m.end(), '100% odd: <here> & "there",\nsecond line\r')


class ProbeSignoff(Rule):
    code = "PP101"
    name = "probe-signoff"
    summary = "The article must carry SIGNED-OFF."
    severity = Severity.ERROR
    article_level = True

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        if "SIGNED-OFF" not in article.text:
            end = len(article.text.rstrip())
            yield Hit(end, end, "no SIGNED-OFF line", {"scope": "article"})


@hookimpl
def newslint_rules() -> list[Any]:
    return [ProbeWord, ProbeNote, ProbeOdd, ProbeSignoff]
