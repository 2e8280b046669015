"""Text output: one line per finding, excerpt, grouping, colour, --explain, summary."""

from __future__ import annotations

import regex
from fmt_helpers import finding, render
from newslint.findings import FileResult, Severity
from newslint.formatters.text import TextFormatter, format_evidence

ANSI = regex.compile(r"\x1b\[[0-9;]*m")


def test_findings_are_grouped_by_file_with_excerpt_and_summary() -> None:
    out = render(TextFormatter)
    blocks = out.rstrip("\n").split("\n\n")
    assert blocks[0].startswith("articles/café #1.md:1:1: XP101 probe-error: article-level")
    assert (
        "articles/café #1.md:4:12: XP201 probe-warning: line one line two, 100% sure: yes\n"
        "    | BRAVO" in blocks[0]
    )
    assert blocks[1] == "b.txt:2:3: XP201 probe-warning: marker found\n    | BRAVO"
    assert blocks[2] == "broken.md: error: not UTF-8 (at byte 3)"
    assert blocks[3].startswith("c.html: error [probe-crash]: RuntimeError: probe exploded\n")
    assert blocks[-1] == (
        "Found 5 findings (1 error, 3 warnings, 1 info) in 3 files; "
        "1 suppressed; 2 files could not be fully linted."
    )


def test_suppressed_hidden_unless_asked() -> None:
    assert "suppressed:" not in render(TextFormatter)
    shown = render(TextFormatter, show_suppressed=True)
    assert (
        "articles/café #1.md:9:1: XP201 probe-warning: marker found "
        "(suppressed: from our own survey)" in shown
    )


def test_no_colour_unless_info_color() -> None:
    assert not ANSI.search(render(TextFormatter))
    coloured = render(TextFormatter, color=True)
    assert "\x1b[31;1mXP101\x1b[0m" in coloured  # errors red
    assert "\x1b[33;1mXP201\x1b[0m" in coloured  # warnings yellow
    assert ANSI.sub("", coloured) == render(TextFormatter)


def test_clean_run_prints_only_the_summary() -> None:
    out = render(TextFormatter, [FileResult("a.txt"), FileResult("b.txt")])
    assert out == "Found 0 findings (0 errors, 0 warnings, 0 info) in 2 files.\n"


def test_explain_shows_evidence_for_findings_and_passes() -> None:
    plain = render(TextFormatter)
    assert "= " not in plain and "passed" not in plain
    out = render(TextFormatter, explain=True)
    assert "    | BRAVO\n    = marker: BRAVO\n" in out
    assert "articles/café #1.md: XP901 probe-crash passed\n    = exploded: false\n" in out
    assert '= scope: article; looked_for: ["A", "B"]' in out


def test_explain_prints_files_that_only_have_passes() -> None:
    result = FileResult(
        "quiet.md",
        notes=[
            {
                "rule": "missing-disclaimer",
                "code": "NL101",
                "evidence": {"found": "Not investment advice; see below", "position": "end"},
            }
        ],
    )
    assert render(TextFormatter, [result]).startswith("Found 0 findings")
    out = render(TextFormatter, [result], explain=True)
    assert out.startswith(
        "quiet.md: NL101 missing-disclaimer passed\n"
        '    = found: "Not investment advice; see below"; position: end\n\n'
    )


def test_note_of_a_rule_that_also_flagged_is_not_called_a_pass() -> None:
    result = FileResult(
        "a.md",
        findings=[
            finding("a.md", 1, 1, code="NL101", name="missing-disclaimer", severity=Severity.ERROR)
        ],
        notes=[{"rule": "missing-disclaimer", "code": "NL101", "evidence": {"checked": 3}}],
    )
    out = render(TextFormatter, [result], explain=True)
    assert "a.md: NL101 missing-disclaimer note\n" in out
    assert "passed" not in out


def test_long_evidence_values_are_cut() -> None:
    text = format_evidence({"terms": ["x" * 50] * 10, "n": 2})
    assert len(text) < 160 and text.endswith("; n: 2") and "…" in text
