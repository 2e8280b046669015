"""Findings a rule is unsure of: marked ``ambiguous`` everywhere, lowered by config on demand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# The only candidate speaker is a company: "he" may be its spokesman, or nobody named.
ARTICLE = (
    "Port bid\n\nAcme Corp said on Monday it would bid for the old port.\n\n"
    "“We will build the bridge by next summer,” he said.\n\nEditing by Jane Roe\n"
)
SURE = (
    "Port bid\n\nThe works start soon. “We will build the bridge by next summer.”\n\n"
    "Editing by Jane Roe\n"
)


def _check(
    tmp_path: Path, text: str, *args: str, config: str = ""
) -> subprocess.CompletedProcess[str]:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text(
        "rules:\n  missing-disclaimer: off\n" + config, encoding="utf-8"
    )
    return subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--no-cache", "--lang", "en", *args, "a.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )


def _quotes(report: str) -> list[dict[str, object]]:
    return [f for f in json.loads(report)["findings"] if f["code"] == "NL201"]


def test_ambiguous_quote_is_marked_in_json_sarif_and_text(tmp_path: Path) -> None:
    proc = _check(tmp_path, ARTICLE, "--format", "json")
    data = json.loads(proc.stdout)
    assert data["version"] == "1.1"
    (finding,) = _quotes(proc.stdout)
    assert finding["ambiguous"] is True and finding["severity"] == "warning"
    assert finding["evidence"]["ambiguous"] is True
    sarif = json.loads(_check(tmp_path, ARTICLE, "--format", "sarif").stdout)
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "NL201"]
    assert result["properties"]["ambiguous"] is True
    text = _check(tmp_path, ARTICLE).stdout
    assert "(unsure: the text is ambiguous)" in text


def test_a_sure_finding_is_not_ambiguous(tmp_path: Path) -> None:
    proc = _check(tmp_path, SURE, "--format", "json")
    (finding,) = _quotes(proc.stdout)
    assert "ambiguous" not in finding


def test_ambiguous_severity_lowers_only_ambiguous_findings(tmp_path: Path) -> None:
    config = "ambiguous-severity: info\n"
    unsure = _check(tmp_path, ARTICLE, "--format", "json", config=config)
    (finding,) = _quotes(unsure.stdout)
    assert finding["severity"] == "info"
    assert unsure.returncode == 0  # fail-on: warning gates on the sure findings only
    sure = _check(tmp_path, SURE, "--format", "json", config=config)
    (finding,) = _quotes(sure.stdout)
    assert finding["severity"] == "warning" and sure.returncode == 1


def test_ambiguous_severity_is_validated(tmp_path: Path) -> None:
    proc = _check(tmp_path, ARTICLE, config="ambiguous-severity: infos\n")
    assert proc.returncode == 2
    assert "ambiguous-severity" in proc.stderr and "did you mean 'info'" in proc.stderr
