"""Rule documentation: the fixed headings of a rule module's docstring, parsed.

Docs follow yamllint/ruff: *What it checks*, *Why it matters*, *Example* (fails), *Use
instead* (passes), *Options*, *Fix*. ``newslint explain`` prints them and a contract test runs
the two examples, so documentation cannot drift from behaviour.
"""

from __future__ import annotations

import textwrap

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
