"""The ``needs:`` the figure rule's raw pack entries declare hold for every match in our texts.

A raw ``{re: …}`` entry of the figure sections (``figure-*``, ``source-*``, ``clause-*``,
``subordinate-clauses``, ``press-release-markers``…) lists the literals one of which every
match contains; the rule skips the entry on a text holding none of them. A literal that some
match does without would make the rule miss that match, so each entry is run over the test
corpus, the fixtures and the seeds, and every match must contain one of its literals.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import regex
from newslint.rules import PACK_LANGS, shipped_lexicons
from newslint.rules._figure_chars import fold

ROOT = Path(__file__).resolve().parents[2]
TEXT_DIRS = ("tests/corpus", "tests/fixtures", "seeds")

#: The pack sections the figure rule reads (their raw entries declare ``needs:``).
FIGURE_SECTIONS = frozenset(
    {
        "clause-breaks",
        "clause-joins",
        "consensus-words",
        "feeling-verbs",
        "press-release-markers",
        "subordinate-clauses",
    }
)


def figure_section(name: str) -> bool:
    """Whether a pack section is one the figure rule reads."""
    return name.startswith(("figure-", "source-", "clause-")) or name in FIGURE_SECTIONS


@cache
def _texts() -> tuple[str, ...]:
    out = []
    for folder in TEXT_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".txt", ".md", ".html", ".json", ".yaml"}:
                out.append(path.read_text(encoding="utf-8", errors="replace"))
    return tuple(out)


def _declared() -> list[tuple[str, str, str, tuple[str, ...]]]:
    found = []
    for lang in PACK_LANGS:
        for section, entries in (shipped_lexicons(lang) or {}).items():
            if not figure_section(section):
                continue
            for entry in entries:
                if isinstance(entry, dict) and entry.get("needs"):
                    found.append((lang, section, entry["re"], tuple(entry["needs"])))
    return found


def test_the_figure_sections_declare_needs() -> None:
    assert len(_declared()) >= 40


@pytest.mark.parametrize(("lang", "section", "source", "needs"), _declared())
def test_every_match_contains_a_declared_literal(
    lang: str, section: str, source: str, needs: tuple[str, ...]
) -> None:
    pattern = regex.compile(source, regex.IGNORECASE | regex.V0)
    folded = [fold(n) for n in needs]
    for text in _texts():
        for m in pattern.finditer(text):
            if not m.group():
                continue
            hit = fold(m.group())
            assert any(n in hit for n in folded), (lang, section, m.group(), needs)
