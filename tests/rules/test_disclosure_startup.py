"""Start-up and shortcut checks for the disclosure helpers (``_lexicon``, ``_automaton``,
``_tail``).

Every pre-commit call pays what these modules do at import and on the first article, so
they stay free of costly imports; the shortcuts that make a scan cheap (skipping units
that hold no heading's needle, running shipped entries without the regex timeout) must
give exactly what the long way gives.
"""

from __future__ import annotations

import ast
import random
from pathlib import Path
from typing import Any

import pytest
import regex
from newslint.api import Session
from newslint.language import LanguagePack
from newslint.rule import RuleContext
from newslint.rules import _lexicon, _tail

RULES = Path(_lexicon.__file__).resolve().parent
MODULES = (
    "_automaton.py",
    "_lexicon.py",
    "_tail.py",
    "missing_disclaimer.py",
    "missing_editor_credit.py",
    "related_links_residue.py",
)


@pytest.fixture(scope="module")
def packs():
    return Session.create(config={}).linter.registry.packs


def test_no_dataclasses() -> None:
    """Defining a dataclass costs ~0.8 ms at import, importing the module ~10 ms."""
    for name in MODULES:
        tree = ast.parse((RULES / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(a.name != "dataclasses" for a in node.names), name
            if isinstance(node, ast.ImportFrom):
                assert node.module != "dataclasses", name


class _Ctx:
    def __init__(self, pack: Any = None, packs: Any = None, timeout: float | None = None):
        self.pack, self.packs, self.timeout = pack, packs or {}, timeout
        self.lang = getattr(pack, "lang", "en")


def test_user_raw_entries_keep_the_timeout() -> None:
    """A raw entry from a user's pack runs with the regex timeout: a catastrophic pattern
    stops with a timeout instead of hanging the run."""
    slow = {"re": r"(?:a|aa)+b", "label": "slow", "needs": ["aaa"]}
    pack = LanguagePack({"lang": "en", "lexicons": {"financial-strong": [slow]}})
    text = "a" * 40 + "!"
    with pytest.raises(TimeoutError):
        _lexicon.scan_section(_Ctx(timeout=0.05), pack, "financial-strong", text)  # type: ignore[arg-type]


def test_shipped_entries_run_without_the_timeout(packs) -> None:
    """newslint's own phrases and raw entries are reviewed: no timeout, even a tiny one."""
    text = "Shares of Northwind rose after analysts upgraded the stock to buy. " * 200
    hits = _lexicon.scan_section(_Ctx(timeout=1e-9), packs["en"], "financial-strong", text)  # type: ignore[arg-type]
    assert len(hits) > 200


def _article(text: str) -> Any:
    from newslint.plugins import get_registry

    reg = get_registry(builtin_only=True)
    return reg.reader_for("a.txt").read("a.txt", text)


def _every_unit(article: Any, ctx: Any) -> tuple[_tail.Section, ...]:
    """The residue sections found by trying every unit with every heading entry."""
    units = _tail._units(article)
    every = _tail._headings(ctx.analysis.packs_in_order)
    out, i = [], 0
    for k, unit in enumerate(units):
        if k < i or unit.kind == "headline":
            continue
        section = _tail._section_at(article, ctx, every, units, k)
        if section is not None:
            out.append(section)
            i = section.last_unit + 1
    return tuple(out)


def test_heading_filter_never_drops_a_section(packs) -> None:
    """Looking only at units that hold a live heading's needle finds every section."""
    heads = [str(e) for p in packs.values() for e in p.entries("related-links-headings")]
    heads += ["More from the coast", "MORE ON Berlin", "** Read more: Ten walks", "更多：", "x"]
    heads += ["ẞtraße news", "À LIRE AUSSI : Les quais", "Ǆungla reads", "ﬁve more things"]
    lines = [
        "Harbour reopens after storm repairs",
        "Ten walks along the northern coast",
        "Why ferry fares are rising this summer",
        "The council voted on Tuesday to add four kilometres of cycle lanes.",
    ]
    rnd = random.Random(11)
    found = 0
    for _ in range(120):
        parts = [*rnd.sample(lines, 2), rnd.choice(heads), *rnd.sample(lines, 2)]
        if rnd.random() < 0.3:
            parts = [p.upper() if rnd.random() < 0.5 else p.lower() for p in parts]
        text = "\n\n".join(parts)
        article = _article(text)
        ctx = RuleContext({}, "en", packs["en"], packs, article)
        fast = ctx.analysis.residue
        assert fast.sections == _every_unit(article, ctx), text
        found += bool(fast.sections)
    assert found > 60


def test_a_phrase_needle_is_its_longest_whole_word() -> None:
    """A phrase's needle is its longest run between spaces and apostrophes, with the word
    boundaries its regex gives it; its whole words are all needed."""
    needle, words = _lexicon.phrase_needle("does not constitute advice")
    assert (needle, words) == (("constitute", True, True), {"does", "not", "constitute", "advice"})
    assert _lexicon.phrase_needle("l'indice") == (("indice", False, True), frozenset())
    assert _lexicon.phrase_needle("相关阅读") == (("相关阅读", False, False), frozenset())
    assert _lexicon.phrase_needle("Read more:")[1] == {"read"}
    assert regex.fullmatch(r"[\p{L}]+", "ʼ")  # why an apostrophe is no word boundary
