"""Suppressions with reasons, end to end through the CLI on Markdown and HTML articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pipeline_helpers import RunCli, write

SELECT = ("-p", "pipeline_probe_plugin", "--select", "PP,unused-suppression", "--no-cache")

ARTICLES = {
    "a.md": (
        "# Headline\n\n"
        "<!-- newslint-disable-next-line probe-word -- figure from our own survey -->\n"
        "FLAGME in a suppressed line.\n\n"
        "<!-- newslint-disable-next-line probe-note -- nothing to suppress below -->\n"
        "A plain line.\n\n"
        "SIGNED-OFF\n"
    ),
    "a.html": (
        "<html><body><h1>Headline</h1>\n"
        "<!-- newslint-disable-next-line probe-word -- figure from our own survey -->\n"
        "<p>FLAGME in a suppressed line.</p>\n"
        "<!-- newslint-disable-next-line probe-note -- nothing to suppress below -->\n"
        "<p>A plain line.</p>\n"
        "<p>SIGNED-OFF</p>\n</body></html>\n"
    ),
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_reason_in_json_and_exit_code(run_cli: RunCli, tmp_path: Path, name: str) -> None:
    write(tmp_path / name, ARTICLES[name])
    proc = run_cli("check", *SELECT, "--fail-on", "error", "--format", "json", name, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # suppressed never fails
    findings = json.loads(proc.stdout)["findings"]
    suppressed = [f for f in findings if f.get("suppressed")]
    assert [(f["code"], f["line"], f["suppression_reason"]) for f in suppressed] == [
        ("PP001", 4 if name == "a.md" else 3, "figure from our own survey")
    ]
    unused = [f for f in findings if f["name"] == "unused-suppression"]
    assert len(unused) == 1 and unused[0]["line"] == (6 if name == "a.md" else 4)


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_text_hides_suppressed_unless_asked(run_cli: RunCli, tmp_path: Path, name: str) -> None:
    write(tmp_path / name, ARTICLES[name])
    proc = run_cli("check", *SELECT, name, cwd=tmp_path)
    assert "PP001" not in proc.stdout
    proc = run_cli("check", *SELECT, "--show-suppressed", name, cwd=tmp_path)
    assert "PP001" in proc.stdout and "figure from our own survey" in proc.stdout


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_sarif_carries_the_justification(run_cli: RunCli, tmp_path: Path, name: str) -> None:
    write(tmp_path / name, ARTICLES[name])
    proc = run_cli("check", *SELECT, "--format", "sarif", name, cwd=tmp_path)
    results = json.loads(proc.stdout)["runs"][0]["results"]
    flagged = [r for r in results if r["ruleId"] == "PP001"]
    assert len(flagged) == 1
    suppressions = flagged[0].get("suppressions")
    assert suppressions and suppressions[0]["kind"] == "inSource"
    assert suppressions[0]["justification"] == "figure from our own survey"


@pytest.mark.parametrize("fmt", ["gitlab", "junit", "github"])
def test_ci_formats_leave_suppressed_out(run_cli: RunCli, tmp_path: Path, fmt: str) -> None:
    write(tmp_path / "a.md", ARTICLES["a.md"])
    proc = run_cli("check", *SELECT, "--format", fmt, "a.md", cwd=tmp_path)
    assert "PP001" not in proc.stdout
    assert "NL901" in proc.stdout or "unused-suppression" in proc.stdout
