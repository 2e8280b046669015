"""The shared analysis (``ctx.analysis``): one per article, read alike by built-in and plugin
rules, and a failing part is never remembered as a result."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from newslint.api import Session
from newslint.language import LanguagePack
from newslint.plugins import get_registry
from newslint.readers.text import TextReader
from newslint.rule import RuleContext

ARTICLE = (
    "Harbour reopens after repairs\n\n"
    "“The quays are safe again,” the mayor said on Tuesday.\n\n"
    "“Nobody told us anything,” one line in the notice read. “We waited for weeks.”\n\n"
    "Read more\n\n"
    "“Best walks” along the northern coast\n"
)

PLUGIN = '''
from newslint.findings import Hit
from newslint.hookspecs import hookimpl
from newslint.rule import Rule

SEEN = []


class QuoteEcho(Rule):
    """Echo every unattributed quote outside the residue, as the plugins guide shows."""

    code = "XQ001"
    name = "quote-echo"
    languages = ("*",)

    def check(self, article, ctx):
        SEEN.append(ctx.analysis)
        for quote in ctx.analysis.quotes:
            if not quote.attributed and not ctx.analysis.residue.covers(quote.start):
                yield Hit(quote.start, quote.end, "who said this?")


class QuoteEchoAgain(QuoteEcho):
    """The same, under another code: a second rule reading the same article."""

    code = "XQ002"
    name = "quote-echo-again"


@hookimpl
def newslint_rules():
    return [QuoteEcho(), QuoteEchoAgain()]
'''


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    name = f"echo_rules_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


def test_a_plugin_reads_the_quotes_the_built_in_rule_judged(tmp_path: Path, plugin: str) -> None:
    session = Session.create(cwd=tmp_path, isolated=True, plugins=[plugin], lang="en")
    found = session.linter.lint_bytes(ARTICLE, "a.txt").findings
    builtin = [(f.line, f.column, f.end_column) for f in found if f.name == "unattributed-quote"]
    echoed = [(f.line, f.column, f.end_column) for f in found if f.code == "XQ001"]
    assert builtin and echoed == builtin


def test_every_rule_of_one_article_shares_one_analysis(tmp_path: Path, plugin: str) -> None:
    import importlib

    module = importlib.import_module(plugin)
    session = Session.create(cwd=tmp_path, isolated=True, plugins=[plugin], lang="en")
    session.linter.lint_bytes(ARTICLE, "a.txt")
    session.linter.lint_bytes(ARTICLE, "b.txt")
    a1, a2, b1, b2 = module.SEEN
    assert a1 is a2 and b1 is b2  # both rules of one article read one analysis
    assert a1 is not b1  # a new article, a new analysis


def test_a_failing_part_is_not_remembered() -> None:
    packs = get_registry(builtin_only=True).packs
    lexicons = dict(packs["en"].lexicons)
    lexicons["speech-verbs"] = ["said", {"re": "(?:a+)+b", "needs": ["a"]}]
    slow = LanguagePack({"lang": "en", "lexicons": lexicons})
    text = "A headline\n\n“Words here,” " + "a" * 40 + "c said.\n"
    article = TextReader().read("a.txt", text)
    ctx = RuleContext({}, "en", slow, {**packs, "en": slow}, article, timeout=1e-4)
    for _ in range(2):
        with pytest.raises(TimeoutError):
            ctx.analysis.quotes  # noqa: B018 - reading the part runs it
