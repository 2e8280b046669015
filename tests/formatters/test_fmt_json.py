"""JSON report: every field documented by the shipped schema, deterministic bytes."""

from __future__ import annotations

import json
from importlib import resources

import pytest
import regex
from fmt_helpers import REPORT_SCHEMA, finding, render, report_validator
from newslint.findings import FileResult
from newslint.formatters.json import SCHEMA_ID, SCHEMA_VERSION, JsonFormatter


def test_report_matches_schema_and_contract() -> None:
    out = render(JsonFormatter)
    data = json.loads(out)
    errors = sorted(report_validator().iter_errors(data), key=str)
    assert not errors, [e.message for e in errors]
    assert data["version"] == SCHEMA_VERSION
    assert data["tool"] == {
        "name": "newslint",
        "version": "9.8.7",
        "language_packs": {"en": "1.0.0", "fr": "1.2.0"},
        "config_hash": "0123456789abcdef",
    }
    first = data["findings"][1]
    assert first["path"] == "articles/café #1.md"
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (
        4,
        12,
        4,
        17,
    )
    assert first["fix"] == {
        "title": "Replace it",
        "applicability": "safe",
        "edits": [{"start": 10, "end": 15, "replacement": "bravo"}],
    }
    suppressed = data["findings"][3]
    assert suppressed["suppressed"] is True
    assert suppressed["suppression_reason"] == "from our own survey"
    assert "suppressed" not in first
    assert data["errors"] == [
        {"path": "broken.md", "kind": "input", "message": "not UTF-8 (at byte 3)"},
        {
            "path": "c.html",
            "kind": "rule",
            "message": "RuntimeError: probe exploded",
            "rule": "probe-crash",
            "plugin": "fmt_probe_plugin",
        },
    ]
    assert data["summary"] == {
        "files_linted": 3,
        "files_in_error": 2,
        "findings": {"error": 1, "warning": 3, "info": 1},
        "suppressed": 1,
    }
    assert "notes" not in data
    assert out.endswith("}\n") and "café" in out  # UTF-8, not \u escapes


def test_explain_adds_notes_and_stays_valid() -> None:
    data = json.loads(render(JsonFormatter, explain=True))
    assert not list(report_validator().iter_errors(data))
    assert data["notes"] == [
        {
            "path": "articles/café #1.md",
            "rule": "probe-crash",
            "code": "XP901",
            "evidence": {"exploded": False},
        }
    ]


def test_empty_run_is_valid() -> None:
    out = render(JsonFormatter, [])
    data = json.loads(out)
    assert data["findings"] == [] and data["errors"] == []
    assert not list(report_validator().iter_errors(data))


def test_same_input_gives_identical_bytes() -> None:
    assert render(JsonFormatter) == render(JsonFormatter)


def test_odd_evidence_values_do_not_crash() -> None:
    f = finding("a.md", 1, 1, evidence={"seen": {"b", "a"}, "span": (1, 2)})
    data = json.loads(render(JsonFormatter, [FileResult("a.md", findings=[f])]))
    assert data["findings"][0]["evidence"] == {"seen": ["a", "b"], "span": [1, 2]}


@pytest.mark.parametrize(
    "broken",
    [
        {"line": 0},
        {"severity": "fatal"},
        {"excerpt": "x" * 81},
        {"fingerprint": "nope"},
        {"suppressed": False},
        {"extra": 1},
    ],
)
def test_schema_rejects_malformed_findings(broken: dict) -> None:
    """The schema is strict enough to catch a formatter regression."""
    data = json.loads(render(JsonFormatter))
    data["findings"][1].update(broken)
    assert list(report_validator().iter_errors(data))


def test_schema_ships_as_package_data() -> None:
    shipped = resources.files("newslint") / "schemas" / "report.schema.json"
    schema = json.loads(shipped.read_text(encoding="utf-8"))
    assert schema == json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == SCHEMA_ID


def test_docs_describe_every_report_field() -> None:
    docs = (REPORT_SCHEMA.parents[2] / "docs" / "output-formats.md").read_text(encoding="utf-8")
    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    fields = set(schema["properties"])
    for name in ("finding", "error", "note", "summary", "fix"):
        fields |= set(schema["$defs"][name]["properties"])
    fields |= set(schema["properties"]["tool"]["properties"])

    # each field is named as code: `field`, `.field`, `field[]`, `tool.field` or `{field, ...}`
    def named(field: str) -> bool:
        return bool(regex.search(r"(?:`|\.|\{|, )" + field + r"(?:`|\[|\.|,|\}|:| )", docs))

    missing = sorted(f for f in fields if not named(f))
    assert not missing
