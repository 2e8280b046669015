"""Command-line polish through the CLI as a subprocess: usage errors, one-line messages,
standard input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["check", "--formt", "json", "a.md"],
            "unrecognized option '--formt' (did you mean '--format'?)",
        ),
        (
            ["check", "--show-suppresed", "a.md"],
            "unrecognized option '--show-suppresed' (did you mean '--show-suppressed'?)",
        ),
        (["rules", "--formt=json"], "unrecognized option '--formt' (did you mean '--format'?)"),
        (["check", "--fail-on", "eror", "a.md"], "(did you mean 'error'?)"),
    ],
)
def test_mistyped_option_gets_the_subcommand_usage_and_a_hint(
    run_cli, tmp_path: Path, args: list[str], expected: str
) -> None:
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert lines[0].startswith(f"usage: newslint {args[0]} ")
    assert lines[-1] == f"newslint: usage error: {lines[-1].split('usage error: ', 1)[1]}"
    assert expected in lines[-1]


def test_option_without_a_close_match_gets_no_hint(run_cli, tmp_path: Path) -> None:
    proc = run_cli("check", "--bogus", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == (
        "newslint: usage error: unrecognized option '--bogus'"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "--format", "jsn", "a.md"], "unknown format 'jsn' (did you mean 'json'?)"),
        (["check", "--jobs", "0", "a.md"], "--jobs must be at least 1"),
        (["check", "--changed-lines", "a.md"], "--changed-lines needs --changed-since REF"),
        (["check", "a.md", "-"], "'-' (standard input) cannot be combined"),
        (["check", "--select", "unsourced-figur", "a.md"], "unknown rule 'unsourced-figur'"),
        (["check", "--baseline", "nowhere.json", "a.md"], "baseline nowhere.json does not exist"),
        (["explain", "unsourced-figur"], "(did you mean 'unsourced-figure'?)"),
    ],
)
def test_command_line_mistakes_are_usage_errors(
    run_cli, tmp_path: Path, args: list[str], expected: str
) -> None:
    (tmp_path / "a.md").write_text("Headline\n\nBody.\n", encoding="utf-8")
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("newslint: usage error: ") and expected in line, line


def _house_project(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "docs/examples/house-rules.yaml", tmp_path / "house-rules.yaml")
    (tmp_path / "newslint.yaml").write_text(
        "house-rules: [house-rules.yaml]\n"
        "rules: {missing-disclaimer: 'off', missing-editor-credit: 'off',"
        " reporting-credit: 'off'}\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "gitlab", "sarif"])
def test_a_match_across_lines_never_breaks_a_message(run_cli, tmp_path: Path, fmt: str) -> None:
    cwd = _house_project(tmp_path)
    (cwd / "a.md").write_text(
        "# Fund\n\nThe new fund offers guaranteed\nreturns to savers.\n", encoding="utf-8"
    )
    proc = run_cli("check", "--no-cache", "--format", fmt, "a.md", cwd=cwd)
    assert proc.returncode == 1, proc.stderr
    message = "'guaranteed returns' promises a return: describe the product's terms instead"
    if fmt == "json":
        (finding,) = json.loads(proc.stdout)["findings"]
        assert finding["message"] == message
        assert finding["evidence"]["match"] == "guaranteed\nreturns"  # evidence: as written
    elif fmt == "sarif":
        (result,) = json.loads(proc.stdout)["runs"][0]["results"]
        assert result["message"]["text"] == message
    else:
        assert message in proc.stdout.replace("&apos;", "'").replace("&#x27;", "'")
        assert "guaranteed\nreturns" not in proc.stdout


def test_stdin_without_a_filename_reads_front_matter(run_cli, tmp_path: Path) -> None:
    (tmp_path / "newslint.yaml").write_text(
        "overrides:\n  - match: {section: sports}\n    rules: {missing-editor-credit: 'off'}\n",
        encoding="utf-8",
    )
    article = "---\nsection: sports\n---\n\nHeadline\n\nThe home team won on Sunday.\n"
    proc = run_cli("check", "--format", "json", "-", cwd=tmp_path, stdin=article)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["findings"] == []  # the override matched the front matter
    plain = "Headline\n\n---\n\nThe home team won on Sunday.\n"  # a rule, not front matter
    proc = run_cli("check", "--format", "json", "-", cwd=tmp_path, stdin=plain)
    codes = [f["code"] for f in json.loads(proc.stdout)["findings"]]
    assert codes == ["NL102"]


@pytest.mark.parametrize("stdin", ["", "\n  \n"])
def test_empty_stdin_is_reported(run_cli, tmp_path: Path, stdin: str) -> None:
    proc = run_cli("check", "--isolated", "-", cwd=tmp_path, stdin=stdin)
    assert proc.returncode == 3
    assert "-: error: standard input is empty: nothing to lint" in proc.stdout + proc.stderr
    proc = run_cli(
        "check", "--isolated", "--stdin-filename", "a.md", "-", cwd=tmp_path, stdin=stdin
    )
    assert proc.returncode == 3 and "a.md" in proc.stdout + proc.stderr
