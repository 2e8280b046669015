"""What an editor reads: finding messages of the built-in rules and the engine's meta rules
say what is wrong in words, without rule codes or option names, and stay short.

Run through the CLI on the test corpus (every language) and on an article with suppression
comments. missing-disclaimer's wording is checked by its own tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import regex
from newslint.plugins import get_registry

ROOT = Path(__file__).resolve().parents[2]
RULES = get_registry(builtin_only=True).rules
OPTION_NAMES = sorted({name for r in RULES for name in r.options})
CODE = regex.compile(r"\b(?:NL|HR)\d{3}\b")


def _findings(*args: str, cwd: Path) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--no-cache", "--format", "json", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
        timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["findings"]


def _assert_editor_wording(finding: dict) -> None:
    message = finding["message"]
    assert not CODE.search(message), f"rule code in {finding['code']} message: {message}"
    for option in OPTION_NAMES:
        assert not regex.search(rf"\b{option}\b\s*[:=]", message), (
            f"option {option!r} in {finding['code']} message: {message}"
        )
    assert "\n" not in message


def test_corpus_messages_speak_to_editors() -> None:
    findings = [
        f
        for f in _findings("--isolated", str(ROOT / "tests/corpus"), cwd=ROOT)
        if f["code"] != "NL101"
    ]
    assert {f["code"] for f in findings} >= {"NL102", "NL201", "NL301", "NL401"}
    for f in findings:
        _assert_editor_wording(f)


def test_unsourced_figure_advice_is_short() -> None:
    """Ten figures make ten findings: the advice is one short clause, not a paragraph."""
    findings = _findings("--isolated", str(ROOT / "tests/corpus"), cwd=ROOT)
    figures = [f for f in findings if f["code"] == "NL301"]
    assert len(figures) > 20
    for f in figures:
        advice = f["message"].replace(f["evidence"]["figure"], "")
        assert len(advice) <= 90, f["message"]


def test_suppression_messages_speak_to_editors(tmp_path: Path) -> None:
    (tmp_path / "newslint.yaml").write_text(
        "require-suppression-reason: true\nunsuppressible: [missing-editor-credit]\n",
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text(
        "# Council\n\n"
        "<!-- newslint-disable-next-line NL301 -->\n"
        "The council met on Tuesday.\n\n"
        "<!-- newslint-disable-next-line unsourced-figur, NL102 -- our survey -->\n"
        "The council met again.\n\n"
        "<!-- newslint-disable NL3 -- our survey -->\n"
        "Edited by Jane Doe.\n",
        encoding="utf-8",
    )
    findings = _findings("a.md", cwd=tmp_path)
    meta = [f for f in findings if f["code"] in ("NL901", "NL902")]
    assert [f["code"] for f in meta] == ["NL901", "NL902", "NL901", "NL901"]
    for f in meta:
        _assert_editor_wording(f)
    assert (
        meta[0]["message"] == "suppression of unsourced-figure suppresses nothing here: remove it"
    )
