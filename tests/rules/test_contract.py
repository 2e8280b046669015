"""Every built-in rule documents itself with the fixed headings, and its examples hold."""

from __future__ import annotations

import newslint
import pytest
from newslint.plugins import get_registry
from newslint.ruledoc import HEADINGS, parse_sections

RULES = [r for r in get_registry(builtin_only=True).rules]


def _path_for(example: str) -> str:
    return "example.md" if "<!--" in example else "example.txt"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_docstring_has_every_heading(rule) -> None:
    sections = parse_sections(rule.docs)
    missing = [h for h in HEADINGS if not sections.get(h)]
    assert not missing, f"{rule.name}: docstring lacks {missing}"
    assert rule.summary and not rule.summary.startswith("TODO")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_example_fails_and_use_instead_passes(rule) -> None:
    sections = parse_sections(rule.docs)
    # Every other rule off; this one on even if it is off by default.
    config = {"rules": {r.name: "off" if r is not rule else "on" for r in RULES}}
    bad = sections["Example"]
    good = sections["Use instead"]
    hits = [
        f
        for f in newslint.lint_text(bad, path=_path_for(bad), config=config)
        if f.code == rule.code and not f.suppressed
    ]
    assert hits, f"{rule.name}: its Example produced no finding"
    clean = [
        f
        for f in newslint.lint_text(good, path=_path_for(good), config=config)
        if f.code == rule.code and not f.suppressed
    ]
    assert not clean, f"{rule.name}: its 'Use instead' example produced {clean}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_code_family_and_kebab_name(rule) -> None:
    assert rule.code[:2] == "NL" and rule.code[2] in "12349"
    assert rule.name == rule.name.lower() and " " not in rule.name and "_" not in rule.name
