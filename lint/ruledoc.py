"""Rule documentation: the fixed headings of a rule module's docstring, parsed.

Docs follow yamllint/ruff: *What it checks*, *Why it matters*, *Example* (fails), *Use
instead* (passes), *Options*, *Fix*. ``newslint explain`` prints them and a contract test runs
the two examples, so documentation cannot drift from behaviour.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

HEADINGS = ("What it checks", "Why it matters", "Example", "Use instead", "Options", "Fix")


def parse_sections(doc: str) -> dict[str, str]:
    """Map heading → dedented body; text before the first heading is the ``summary``."""
    sections: dict[str, list[str]] = {"summary": []}
    current = "summary"
    for line in doc.splitlines():
        stripped = line.strip()
        if stripped in HEADINGS and not line.startswith((" ", "\t")):
            current = stripped
            sections[current] = []
        else:
            sections[current].append(line)
    return {k: textwrap.dedent("\n".join(v)).strip("\n") for k, v in sections.items()}


def first_paragraph(doc: str) -> str:
    """The summary paragraph, or the body of *What it checks* when there is none."""
    sections = parse_sections(doc)
    text = sections.get("summary") or sections.get("What it checks", "")
    return " ".join(text.split("\n\n")[0].split())


def explain_text(rule: Any, pack_langs: Sequence[str]) -> str:
    """What ``newslint explain RULE`` prints (the language server's hover shows it too):
    identity, severity, languages (``pack_langs`` when the rule applies to every one), policy,
    options, then the docstring."""
    langs = ", ".join(rule.languages if "*" not in rule.languages else pack_langs)
    out = [
        f"{rule.code} {rule.name}",
        "",
        f"Severity: {rule.severity.label}    Languages: {langs}    Plugin: {rule.plugin}",
    ]
    if rule.policy is not None:
        out.append(
            f"Policy: {rule.policy.title}" + (f" <{rule.policy.url}>" if rule.policy.url else "")
        )
    if rule.options:
        out.append(
            "Options: " + ", ".join(f"{k} (default {o.default!r})" for k, o in rule.options.items())
        )
    out += ["", rule.docs.strip(), ""]
    return "\n".join(out)
