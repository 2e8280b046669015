"""YAML house rules: the four kinds, their findings and fixes, timeouts, and test-rules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from newslint import lint_text
from newslint.config import Config, load_config

ROOT = Path(__file__).resolve().parent.parent

HOUSE = r"""
rules:
  - kind: require
    code: HR001
    name: reporting-credit
    message: "no credit line"
    scope: body
    patterns:
      en: [Reporting by]
      fr: [Reportage de]
  - kind: forbid
    code: HR002
    name: promised-returns
    message: "never promise '{match}'"
    patterns: ["guaranteed returns", {re: 'risk[- ]free profits?'}]
    policy: {title: "Compliance manual 4.2", url: "https://example.org/manual#4.2"}
  - kind: require-when
    code: HR003
    name: tip-needs-disclaimer
    when: [price target]
    then: [not investment advice]
  - kind: replace
    code: HR004
    name: percent-spelling
    languages: [en]
    replacements:
      - {phrase: per cent, with: percent}
      - {re: '(\d+)\s?pc\b', with: '\1 percent'}
"""


@pytest.fixture
def config(tmp_path: Path) -> Config:
    (tmp_path / "house.yaml").write_text(HOUSE, encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text("house-rules: [house.yaml]\n", encoding="utf-8")
    return load_config(None, cwd=tmp_path)


def lint(config: Config, text: str, lang: str = "en", code: str | None = None) -> list:  # type: ignore[type-arg]
    found = lint_text(text, lang=lang, config=config)
    return [f for f in found if f.code.startswith("HR") and (code is None or f.code == code)]


def test_require(config: Config) -> None:
    missing = lint(config, "Port strike ends\n\nDock workers returned.\n", code="HR001")
    assert len(missing) == 1
    f = missing[0]
    assert (f.line, f.column, f.message) == (1, 1, "no credit line")
    assert f.evidence["scope"] == "article" and f.evidence["expected"] == ["Reporting by"]
    ok = "Port strike ends\n\nDock workers returned.\n\nReporting by Ana Lima\n"
    assert lint(config, ok, code="HR001") == []
    # scope: body — a credit in the headline does not count
    assert len(lint(config, "Reporting by the sea\n\nA story.\n", code="HR001")) == 1


def test_require_uses_the_article_language(config: Config) -> None:
    fr = "Grève\n\nLes dockers ont repris le travail.\n\nReportage de Ana Lima\n"
    assert lint(config, fr, lang="fr", code="HR001") == []
    assert len(lint(config, fr.replace("Reportage de", "Par"), lang="fr", code="HR001")) == 1
    # no German patterns: the rule does not apply to German articles at all
    assert lint(config, "Streik\n\nDie Arbeiter kehrten zurück.\n", lang="de", code="HR001") == []


def test_forbid_every_occurrence_with_positions(config: Config) -> None:
    text = "Fund\n\nIt offers Guaranteed\n  Returns and risk-free profit.\nguaranteed returnsx\n"
    found = lint(config, text, code="HR002")
    assert [(f.line, f.column, f.excerpt) for f in found] == [
        (3, 11, "Guaranteed Returns"),
        (4, 15, "risk-free profit"),
    ]
    # The match spans a line break: the message gets it on one line (evidence keeps it).
    assert found[0].message == "never promise 'Guaranteed Returns'"
    assert found[0].evidence["policy"] == {
        "title": "Compliance manual 4.2",
        "url": "https://example.org/manual#4.2",
    }


def test_require_when(config: Config) -> None:
    trig = "Chips\n\nAnalysts set a price target of $140.\n"
    found = lint(config, trig, code="HR003")
    assert [(f.line, f.column, f.excerpt) for f in found] == [(3, 16, "price target")]
    assert "not investment advice" in found[0].message
    assert lint(config, trig + "\nThis is not investment advice.\n", code="HR003") == []
    assert lint(config, "Chips\n\nShares rose.\n", code="HR003") == []


def test_replace_with_safe_fix(config: Config) -> None:
    text = "Prices\n\nPer cent rises: 5 per cent, then 7pc.\n"
    found = lint(config, text, code="HR004")
    assert [f.message for f in found] == [
        "use 'Percent' instead of 'Per cent'",
        "use 'percent' instead of 'per cent'",
        "use '7 percent' instead of '7pc'",
    ]
    for f in found:
        assert f.fix is not None and f.fix.applicability == "safe"
        (edit,) = f.fix.edits
        assert text[edit.start : edit.end] == f.excerpt
    fixed = text
    for f in sorted(found, key=lambda f: -f.fix.edits[0].start):
        e = f.fix.edits[0]
        fixed = fixed[: e.start] + e.replacement + fixed[e.end :]
    assert fixed == "Prices\n\nPercent rises: 5 percent, then 7 percent.\n"
    assert lint(config, "Prices\n\nPrices rose.\n", lang="fr", code="HR004") == []


def test_house_rules_listed_and_explained(tmp_path: Path, config: Config) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "explain", "HR002"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "HR002 promised-returns" in proc.stdout
    assert "Policy: Compliance manual 4.2 <https://example.org/manual#4.2>" in proc.stdout


def test_catastrophic_regex_times_out_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        "rules:\n  - kind: forbid\n    code: HR100\n    name: slow-pattern\n"
        "    patterns: [{re: '(a|aa)+$'}, {re: '(a+)+$'}, {re: 'forbidden'}]\n",
        encoding="utf-8",
    )
    (tmp_path / "newslint.yaml").write_text("house-rules: [house.yaml]\n", encoding="utf-8")
    (tmp_path / "long.txt").write_text("Title\n\n" + "a" * 5000 + "b\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("Title\n\nA forbidden word.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--select", "HR100", "--format", "json", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 3, proc.stderr
    import json

    report = json.loads(proc.stdout)
    assert [(e["path"], e["kind"], e["rule"]) for e in report["errors"]] == [
        ("long.txt", "rule", "slow-pattern")
    ]
    assert "timed out" in report["errors"][0]["message"]
    assert [(f["path"], f["excerpt"]) for f in report["findings"]] == [("other.txt", "forbidden")]


def run_test_rules(tmp_path: Path, *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newslint", "test-rules", *files],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )


def test_test_rules_pass_and_fail(tmp_path: Path) -> None:
    good = (
        "rules:\n  - kind: forbid\n    code: HR001\n    name: no-hype\n"
        "    patterns: [game changer]\n"
        "    examples:\n      fail: ['Title\\n\\nA game changer for banks.']\n"
        "      pass: ['Title\\n\\nA change for banks.']\n"
    )
    (tmp_path / "good.yaml").write_text(good, encoding="utf-8")
    proc = run_test_rules(tmp_path, "good.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok   HR001 no-hype fail example 1" in proc.stdout
    assert proc.stdout.strip().endswith("2 example(s), 0 failed")
    (tmp_path / "bad.yaml").write_text(
        good.replace("A change for", "A game changer for"), encoding="utf-8"
    )
    proc = run_test_rules(tmp_path, "good.yaml", "bad.yaml")
    assert proc.returncode == 1
    assert "FAIL HR001 no-hype pass example 1: expected no finding, got 1 finding(s)" in proc.stdout
    assert proc.stdout.strip().endswith("4 example(s), 1 failed")
    (tmp_path / "broken.yaml").write_text("rules: [\n", encoding="utf-8")
    proc = run_test_rules(tmp_path, "broken.yaml")
    assert proc.returncode == 2 and "broken.yaml:2:1: invalid YAML" in proc.stderr


def test_documented_house_rules_prove_themselves() -> None:
    proc = run_test_rules(ROOT, "docs/examples/house-rules.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 failed" in proc.stdout
    text = (ROOT / "docs/examples/house-rules.yaml").read_text(encoding="utf-8")
    for needed in (
        "Reporting by",
        "guaranteed returns",
        "per cent: percent",
        "sponsorship-disclosure",
        "kind: require-when",
    ):
        assert needed in text
    for kind in ("require", "forbid", "require-when", "replace"):
        assert f"kind: {kind}\n" in text


def test_documented_config_loads() -> None:
    cfg = load_config("docs/examples/newslint.yaml", cwd=ROOT)
    names = {r.name for r in cfg.house_rules}
    assert {"reporting-credit", "promised-returns", "sponsorship-disclosure"} <= names
    sponsor = next(r for r in cfg.house_rules if r.name == "sponsorship-disclosure")
    assert cfg.settings_for(sponsor, "docs/examples/a.md", {}).severity is None
    assert cfg.settings_for(sponsor, "docs/examples/a.md", {"sponsored": True}).severity is not None


def test_plugin_kinds_use_the_hookspec_signature() -> None:
    from newslint.errors import ConfigError
    from newslint.yamlio import parse_yaml
    from newslint.yamlrules import BUILTIN_KINDS, compile_rules

    made = []

    def shout(spec, source):  # type: ignore[no-untyped-def]
        made.append((spec["code"], source))
        return BUILTIN_KINDS["forbid"]({**spec, "kind": "forbid", "patterns": ["!!!"]}, source)

    def broken(spec, source):  # type: ignore[no-untyped-def]
        raise ValueError("needs a 'volume'")

    kinds = {**BUILTIN_KINDS, "shout": shout, "broken": broken}
    doc = parse_yaml("rules:\n  - {kind: shout, code: HR009, name: no-shouting}\n", "p.yaml")
    (rule,) = compile_rules(doc, "p.yaml", kinds)
    assert (rule.code, made) == ("HR009", [("HR009", "p.yaml")])
    doc = parse_yaml("rules:\n  - x: 1\n  - {kind: broken, code: HR010, name: b}\n", "p.yaml")
    with pytest.raises(ConfigError, match=r"p.yaml:2:5 at 'rules\[0\].kind': unknown rule kind"):
        compile_rules(doc, "p.yaml", kinds)
    doc = parse_yaml("rules:\n  - {kind: broken, code: HR010, name: b}\n", "p.yaml")
    with pytest.raises(ConfigError, match=r"p.yaml:2:5 .*rejected this rule: ValueError"):
        compile_rules(doc, "p.yaml", kinds)
