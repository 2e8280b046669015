"""SARIF 2.1.0: valid against the OASIS schema and GitHub's upload rules, full rule metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fmt_helpers import check_sarif, finding, render, sarif_validator
from newslint.findings import FileResult, Severity
from newslint.formatters import sarif as sarif_mod
from newslint.formatters.sarif import (
    SarifFormatter,
    artifact_location,
    docs_to_markdown,
    rule_descriptor,
)
from newslint.rule import Policy, Rule


def _log(results: list[FileResult] | None = None, **kw: Any) -> dict[str, Any]:
    return json.loads(render(SarifFormatter, results, **kw))


def _assert_valid(text: str, tmp_path: Path) -> None:
    errors = sorted(sarif_validator().iter_errors(json.loads(text)), key=str)
    assert not errors, [e.message for e in errors]
    path = tmp_path / "report.sarif"
    path.write_text(text, encoding="utf-8")
    proc = check_sarif(path)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("sarif ok"), proc.stdout


def test_valid_against_official_schema_and_github_checks(tmp_path: Path) -> None:
    _assert_valid(render(SarifFormatter), tmp_path)
    _assert_valid(render(SarifFormatter, []), tmp_path)  # a clean run


def test_checker_catches_a_broken_log(tmp_path: Path) -> None:
    """The check can fail: a result pointing at an unknown rule is rejected."""
    log = _log()
    log["runs"][0]["results"][0]["ruleId"] = "XX999"
    path = tmp_path / "bad.sarif"
    path.write_text(json.dumps(log), encoding="utf-8")
    proc = check_sarif(path)
    assert proc.returncode == 1 and "XX999" in proc.stdout


def test_run_level_fields() -> None:
    log = _log()
    assert log["$schema"] and log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == (
        "newslint",
        "9.8.7",
        "9.8.7",
    )
    assert driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    assert run["properties"]["languagePacks"] == {"en": "1.0.0", "fr": "1.2.0"}
    assert run["properties"]["configHash"] == "0123456789abcdef"


def test_rule_descriptors_carry_full_metadata() -> None:
    driver = _log()["runs"][0]["tool"]["driver"]
    by_id = {r["id"]: r for r in driver["rules"]}
    assert [r["id"] for r in driver["rules"]] == sorted(by_id)
    nl901 = by_id["NL901"]
    assert nl901["name"] == "unused-suppression"
    assert nl901["shortDescription"]["text"].startswith("A suppression comment")
    assert (
        nl901["fullDescription"]["text"]
        == "Reports suppression comments that no longer suppress anything."
    )
    assert "Why it matters" in nl901["help"]["text"]
    assert "## Why it matters" in nl901["help"]["markdown"]
    assert nl901["helpUri"] == "https://newslint.dev/rules/unused-suppression"
    assert nl901["properties"]["tags"] == ["compliance", "meta"]
    assert nl901["properties"]["languages"] == ["*"]
    levels = {i: by_id[i]["defaultConfiguration"]["level"] for i in ("XP101", "XP201", "XP301")}
    assert levels == {"XP101": "error", "XP201": "warning", "XP301": "note"}


def test_policy_and_long_docs() -> None:
    class Cited(Rule):
        code, name, summary = "HR001", "reporting-credit", "Must credit the reporter."
        severity = Severity.INFO
        languages = ("fr", "en")
        policy = Policy("House style 4.2", "https://example.org/style#4.2")

        @property
        def docs(self) -> str:
            return "word " * 400 + "\n\nSecond paragraph."

    desc = rule_descriptor(Cited())
    assert desc["helpUri"] == "https://example.org/style#4.2"
    assert desc["properties"]["policy"] == {
        "title": "House style 4.2",
        "url": "https://example.org/style#4.2",
    }
    assert desc["properties"]["languages"] == ["en", "fr"]
    assert desc["properties"]["tags"] == ["compliance", "custom"]
    assert len(desc["fullDescription"]["text"]) <= 1024
    assert "Second paragraph" not in desc["fullDescription"]["text"]
    assert desc["defaultConfiguration"]["level"] == "note"


def test_results_map_findings() -> None:
    run = _log()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == 6  # suppressed ones included, marked
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    warn = results[1]
    assert warn["level"] == "warning"
    assert warn["message"]["text"] == "line one\nline two, 100% sure: yes"
    loc = warn["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {
        "uri": "articles/caf%C3%A9%20%231.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert loc["region"] == {"startLine": 4, "startColumn": 12, "endLine": 4, "endColumn": 17}
    assert warn["partialFingerprints"]["primaryLocationLineHash"]
    assert warn["properties"]["evidence"] == {"marker": "BRAVO"}
    assert warn["fixes"][0]["artifactChanges"][0]["replacements"][0] == {
        "deletedRegion": {"charOffset": 10, "charLength": 5},
        "insertedContent": {"text": "bravo"},
    }
    assert results[2]["level"] == "note"
    assert "suppressions" not in warn
    assert results[3]["suppressions"] == [
        {"kind": "inSource", "justification": "from our own survey"}
    ]


def test_invocation_reports_errors_as_notifications() -> None:
    inv = _log()["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    notes = inv["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["input", "rule"]
    assert all(n["level"] == "error" for n in notes)
    assert notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "c.html"
    assert notes[1]["properties"] == {"rule": "probe-crash", "plugin": "fmt_probe_plugin"}
    clean = _log([FileResult("a.md")])["runs"][0]["invocations"][0]
    assert clean == {"executionSuccessful": True}


def test_result_limit_adds_a_notification(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sarif_mod, "GITHUB_MAX_RESULTS", 3)
    many = [FileResult(f"f{i}.md", findings=[finding(f"f{i}.md", 1, 1)]) for i in range(4)]
    text = render(SarifFormatter, many)
    run = json.loads(text)["runs"][0]
    assert len(run["results"]) == 4  # all written anyway
    note = run["invocations"][0]["toolExecutionNotifications"][-1]
    assert note["descriptor"]["id"] == "github-result-limit"
    assert "category" in note["message"]["text"]
    assert run["invocations"][0]["executionSuccessful"] is True
    _assert_valid(text, tmp_path)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("news/2026/été.md", {"uri": "news/2026/%C3%A9t%C3%A9.md", "uriBaseId": "%SRCROOT%"}),
        ("a b?#.md", {"uri": "a%20b%3F%23.md", "uriBaseId": "%SRCROOT%"}),
        ("/srv/news/x y.md", {"uri": "file:///srv/news/x%20y.md"}),
        ("C:/news/x.md", {"uri": "file:///C:/news/x.md"}),
        ("../other/a.md", {"uri": "file:///work/other/a.md"}),
        ("-", {"uri": "-", "uriBaseId": "%SRCROOT%"}),
    ],
)
def test_artifact_locations(path: str, expected: dict[str, str]) -> None:
    assert artifact_location(path, Path("/work/here")) == expected


def test_docs_to_markdown_fences_examples() -> None:
    docs = (
        "Flags X.\n\nWhat it checks\n    The X.\n\nExample\n    A line.\n\n    Another.\n\n"
        "Options\n    ``when``: always.\n"
    )
    assert docs_to_markdown(docs) == (
        "Flags X.\n\n## What it checks\n\nThe X.\n\n## Example\n\n```text\nA line.\n\n"
        "Another.\n```\n\n## Options\n\n``when``: always.\n"
    )


def test_same_input_gives_identical_bytes() -> None:
    assert render(SarifFormatter) == render(SarifFormatter)
