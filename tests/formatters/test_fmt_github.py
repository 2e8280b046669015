"""GitHub workflow-command annotations and their escaping."""

from __future__ import annotations

from fmt_helpers import finding, render
from newslint.findings import FileResult, Severity
from newslint.formatters.github import GithubFormatter, escape_data, escape_property


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("100% sure\r\nnext, a: b") == "100%25 sure%0D%0Anext, a: b"
    assert escape_property("a,b: 50%\n") == "a%2Cb%3A 50%25%0A"
    # % first, so an escape sequence in the input is not decoded by the runner
    assert escape_data("%0A") == "%250A"


def test_one_line_per_unsuppressed_finding_with_levels() -> None:
    lines = render(GithubFormatter).splitlines()
    assert lines[0] == (
        "::error file=articles/café #1.md,line=1,col=1,endLine=1,endColumn=2,"
        "title=XP101 probe-error::article-level"
    )
    assert lines[1] == (
        "::warning file=articles/café #1.md,line=4,col=12,endLine=4,"
        "endColumn=17,title=XP201 probe-warning::line one%0Aline two, 100%25 "
        "sure: yes"
    )
    # multi-line region: no endColumn (GitHub uses it only on one line)
    assert lines[2] == (
        "::notice file=articles/café #1.md,line=6,col=2,endLine=7,"
        "title=XP301 probe-info::info finding"
    )
    assert not any("line=9," in ln for ln in lines)  # suppressed
    assert "::error file=broken.md,title=newslint input error::not UTF-8 (at byte 3)" in lines
    assert (
        "::error file=c.html,title=newslint rule error (probe-crash)::RuntimeError: probe exploded"
    ) in lines
    assert len(lines) == 7


def test_property_values_are_escaped() -> None:
    f = finding("news/a,b:c.md", 2, 1, severity=Severity.INFO, message="50%")
    out = render(GithubFormatter, [FileResult("news/a,b:c.md", findings=[f])])
    assert out == (
        "::notice file=news/a%2Cb%3Ac.md,line=2,col=1,endLine=2,endColumn=6,"
        "title=XP201 probe-warning::50%25\n"
    )
