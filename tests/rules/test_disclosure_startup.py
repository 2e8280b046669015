"""Start-up and shortcut checks for the disclosure helpers (``_lexicon*``, ``_tail``).

Every pre-commit call pays what these modules do at import and on the first article, so
the work per lexicon entry is deferred until an article needs it; the shortcuts that make
that cheap (one parse per raw entry, the two-character heading filter) must give exactly
what the long way gives.
"""

from __future__ import annotations

import ast
import random
from pathlib import Path
from typing import Any

import pytest
from newslint.api import Session
from newslint.rules import _lexicon, _lexicon_find, _lexicon_syntax, _tail

RULES = Path(_lexicon.__file__).resolve().parent
MODULES = (
    "_lexicon.py",
    "_lexicon_find.py",
    "_lexicon_probe.py",
    "_lexicon_syntax.py",
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


def test_sections_defer_per_entry_work(packs) -> None:
    """A phrase's regex source and whether a raw entry ships with newslint wait for a scan."""
    pack = packs["en"]
    _lexicon._SECTION_CACHE.pop((id(pack), "financial-strong"), None)
    entries = _lexicon._section_entries(pack, "financial-strong")
    phrases = [e for e in entries if isinstance(e.entry, str)]
    raw = [e for e in entries if not isinstance(e.entry, str)]
    assert phrases and raw
    assert all(e._source is None and e._pattern is None for e in phrases)
    assert all(e._trusted is None for e in raw)
    assert all(e.trusted for e in phrases)
    assert all(e.trusted for e in raw)  # shipped in newslint's own pack: no timeout
    assert phrases[0].source.startswith("(?<!")  # built on demand, the pack's way


def test_user_raw_entries_keep_the_timeout() -> None:
    from newslint.language import LanguagePack

    pack = LanguagePack(
        {"lang": "en", "lexicons": {"financial-strong": [{"re": r"(?:zz\s+top)", "label": "z"}]}}
    )
    (entry,) = _lexicon._section_entries(pack, "financial-strong")
    assert entry.trusted is False


def test_one_parse_gives_the_same_finder(packs) -> None:
    """The finder of a raw entry from its ``re``'s tree equals the one from its wrapped
    source parsed again (``(?:RE)`` parses to a sequence holding RE's tree)."""
    checked = 0
    for pack in packs.values():
        for entries in pack.lexicons.values():
            for e in entries:
                if not isinstance(e, dict) or "re" not in e:
                    continue
                source = f"(?:{e['re']})"
                inner = _lexicon_syntax.tree_of(e["re"])
                if inner is None:
                    continue
                assert _lexicon_syntax.parse(source) == ("seq", [inner]), e
                assert _lexicon_find.finder(e, source, inner) == _lexicon_find.finder(e, source)
                checked += 1
    assert checked > 50


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


class _Ctx:
    timeout = None

    def __init__(self, pack: Any, packs: Any) -> None:
        self.pack, self.packs, self.lang = pack, packs, pack.lang


def _article(text: str) -> Any:
    from newslint.plugins import get_registry

    reg = get_registry(builtin_only=True)
    return reg.reader_for("a.txt").read("a.txt", text)


def test_heading_filter_never_drops_a_section(packs, monkeypatch) -> None:
    """The two-character filter in front of ``_may_head`` changes no scan result."""
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
    texts = []
    for _ in range(120):
        parts = [*rnd.sample(lines, 2), rnd.choice(heads), *rnd.sample(lines, 2)]
        if rnd.random() < 0.3:
            parts = [p.upper() if rnd.random() < 0.5 else p.lower() for p in parts]
        texts.append("\n\n".join(parts))
    found = 0
    for text in texts:
        article = _article(text)
        ctx = _Ctx(packs["en"], packs)
        fast = _tail._do_scan(article, ctx)  # type: ignore[arg-type]
        with monkeypatch.context() as m:
            m.setattr(_tail, "_heads", lambda *_a: (_Everything(), _Everything()))
            slow = _tail._do_scan(article, ctx)  # type: ignore[arg-type]
        assert fast == slow, text
        found += bool(fast.sections)
    assert found > 60
