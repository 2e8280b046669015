"""The suppression gate through the CLI: a mistyped, unknown or refused name never opens it.

Each article has an error-level house-rule finding (HR002 promised-returns, from the shipped
example house rules) under a suppression comment; ``--fail-on error`` is the commit gate.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pipeline_helpers import ROOT, RunCli, write

CONFIG = (
    "house-rules: [house-rules.yaml]\n"
    "rules:\n  missing-disclaimer: 'off'\n  missing-editor-credit: 'off'\n"
)
LINE = "The new fund offers guaranteed returns to savers."


def _project(tmp_path: Path, directive: str, extra_config: str = "") -> Path:
    shutil.copy(ROOT / "docs/examples/house-rules.yaml", tmp_path / "house-rules.yaml")
    write(tmp_path / "newslint.yaml", CONFIG + extra_config)
    write(
        tmp_path / "story.md",
        f"---\ntitle: Fund\n---\n\n{directive}\n{LINE}\n\nReporting by A. Writer.\n",
    )
    return tmp_path


def _check(run_cli: RunCli, cwd: Path, *extra: str) -> tuple[int, list[dict], str]:
    proc = run_cli(
        "check", "--no-cache", "--fail-on", "error", "--format", "json", *extra, "story.md", cwd=cwd
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)["findings"], proc.stderr


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("promised-return", "unknown rule 'promised-return' (did you mean 'promised-returns'?)"),
        ("foo", "unknown rule 'foo'"),
        ("NL3", "'NL3' is only the start of a rule code: name the rule (unsourced-figure)"),
        ("unsourced-figur", "unknown rule 'unsourced-figur' (did you mean 'unsourced-figure'?)"),
    ],
)
def test_unknown_name_suppresses_nothing(
    run_cli: RunCli, tmp_path: Path, name: str, hint: str
) -> None:
    cwd = _project(tmp_path, f"<!-- newslint-disable-next-line {name} -- typo -->")
    code, findings, _ = _check(run_cli, cwd)
    assert code == 1
    hr = [f for f in findings if f["code"] == "HR002"]
    assert len(hr) == 1 and not hr[0].get("suppressed")
    (meta,) = [f for f in findings if f["code"] == "NL901"]
    assert meta["message"] == f"this suppression silences nothing: {hint}"
    assert meta["evidence"]["unknown"] == [name]
    text = run_cli("check", "--no-cache", "--fail-on", "error", "story.md", cwd=cwd)
    assert text.returncode == 1 and "HR002 promised-returns" in text.stdout
    assert hint in text.stdout


def test_unknown_name_beside_a_known_one_leaves_the_known_one(
    run_cli: RunCli, tmp_path: Path
) -> None:
    cwd = _project(tmp_path, "<!-- newslint-disable-next-line promised-returns, foo -- ours -->")
    code, findings, _ = _check(run_cli, cwd)
    (hr,) = [f for f in findings if f["code"] == "HR002"]
    assert hr["suppressed"] and hr["suppression_reason"] == "ours"
    (meta,) = [f for f in findings if f["code"] == "NL901"]
    assert meta["message"] == "unknown rule 'foo'" and meta["severity"] == "warning"
    assert code == 0  # the warning does not fail --fail-on error; the error is excused


@pytest.mark.parametrize("name", ["HR002", "hr002", "Promised-Returns"])
def test_codes_and_names_match_case_insensitively(
    run_cli: RunCli, tmp_path: Path, name: str
) -> None:
    cwd = _project(tmp_path, f"<!-- newslint-disable-next-line {name} -- ours -->")
    code, findings, _ = _check(run_cli, cwd)
    assert code == 0 and [f["code"] for f in findings if not f.get("suppressed")] == []


def test_bare_directive_covers_every_rule_but_the_unsuppressible(
    run_cli: RunCli, tmp_path: Path
) -> None:
    cwd = _project(tmp_path, "<!-- newslint-disable-next-line -- legal cleared it -->")
    code, findings, _ = _check(run_cli, cwd)
    assert code == 0 and [(f["code"], f.get("suppressed")) for f in findings] == [("HR002", True)]
    cwd = _project(
        tmp_path,
        "<!-- newslint-disable-next-line -- legal cleared it -->",
        "unsuppressible: [HR002]\n",
    )
    code, findings, _ = _check(run_cli, cwd)
    assert code == 1
    assert [(f["code"], f.get("suppressed", False)) for f in findings] == [
        ("NL901", False),
        ("HR002", False),
    ]
    assert findings[0]["message"] == "suppression of any rule suppresses nothing here: remove it"


def test_naming_an_unsuppressible_rule_is_reported_and_silences_nothing(
    run_cli: RunCli, tmp_path: Path
) -> None:
    cwd = _project(
        tmp_path,
        "<!-- newslint-disable-next-line promised-returns -- marketing asked -->",
        "unsuppressible: [promised-returns]\n",
    )
    code, findings, _ = _check(run_cli, cwd)
    assert code == 1
    (hr,) = [f for f in findings if f["code"] == "HR002"]
    assert not hr.get("suppressed")
    (meta,) = [f for f in findings if f["code"] == "NL901"]
    assert meta["message"] == (
        "this suppression silences nothing: "
        "promised-returns may not be suppressed in this newsroom (fix the article instead)"
    )


def test_an_override_may_not_suppress_an_unsuppressible_rule(
    run_cli: RunCli, tmp_path: Path
) -> None:
    cwd = _project(
        tmp_path,
        "",
        "unsuppressible: [HR002]\noverrides:\n  - files: ['*.md']\n"
        "    suppress: {promised-returns: marketing asked}\n",
    )
    proc = run_cli("check", "--no-cache", "story.md", cwd=cwd)
    assert proc.returncode == 2, proc.stdout
    assert proc.stderr.startswith("newslint: config error: newslint.yaml:")
    assert "rule promised-returns is listed in 'unsuppressible'" in proc.stderr


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("unsuppressible: [missing-disclaimr]\n", "did you mean 'missing-disclaimer'?"),
        ("unsuppressible: missing-disclaimer\n", "expected a list of rule codes or names"),
        ("require-suppression-reason: yes please\n", "expected true or false"),
    ],
)
def test_bad_values_are_config_errors(
    run_cli: RunCli, tmp_path: Path, config: str, message: str
) -> None:
    cwd = _project(tmp_path, "", config)
    proc = run_cli("check", "--no-cache", "story.md", cwd=cwd)
    assert proc.returncode == 2 and message in proc.stderr, proc.stderr


def test_require_suppression_reason(run_cli: RunCli, tmp_path: Path) -> None:
    directive = "<!-- newslint-disable-next-line promised-returns -->"
    cwd = _project(tmp_path, directive)
    code, findings, _ = _check(run_cli, cwd)
    assert code == 0 and [f["code"] for f in findings] == ["HR002"]  # off by default
    cwd = _project(tmp_path, directive, "require-suppression-reason: true\n")
    code, findings, _ = _check(run_cli, cwd)
    assert [(f["code"], f.get("suppressed", False)) for f in findings] == [
        ("NL902", False),
        ("HR002", True),  # still suppresses, like ruff: the missing reason is the finding
    ]
    assert findings[0]["name"] == "suppression-without-reason"
    assert findings[0]["severity"] == "warning" and code == 0
    # Its severity is set like any rule's (here under CONFIG's `rules:` mapping).
    write(
        cwd / "newslint.yaml",
        CONFIG + "  suppression-without-reason: error\nrequire-suppression-reason: true\n",
    )
    code, findings, _ = _check(run_cli, cwd)
    assert code == 1 and findings[0]["severity"] == "error"
    cwd = _project(
        tmp_path, directive.replace(" -->", " -- ours -->"), "require-suppression-reason: true\n"
    )
    code, findings, _ = _check(run_cli, cwd)
    assert [f["code"] for f in findings] == ["HR002"]


def test_show_config_lists_the_gate_options(run_cli: RunCli, tmp_path: Path) -> None:
    cwd = _project(
        tmp_path, "", "unsuppressible: [HR002, NL101]\nrequire-suppression-reason: true\n"
    )
    out = run_cli("check", "--show-config", cwd=cwd).stdout
    assert 'unsuppressible: ["missing-disclaimer", "promised-returns"]  # newslint.yaml:' in out
    assert "require-suppression-reason: true  # newslint.yaml:" in out
    assert "  NL902:  # suppression-without-reason\n    severity: warning  # default" in out
