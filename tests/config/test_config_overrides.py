"""Per-rule settings: defaults, ``rules:``, then overrides by glob and front-matter (later wins);
``--show-config`` says where each value came from."""

from __future__ import annotations

from pathlib import Path

from config_helpers import Disclaimer, run_cli
from newslint.article import Article, Block, SourceMap
from newslint.config import config_from_mapping, load_config, parse_size
from newslint.engine import Linter
from newslint.findings import Severity
from newslint.plugins import Registry

RULE = Disclaimer()
CONFIG = {
    "rules": {"fake-disclaimer": {"severity": "warning", "min-words": 80}},
    "overrides": [
        {"files": ["sports/**"], "rules": {"XT101": "off"}},
        {"match": {"section": "markets"}, "rules": {"XT101": {"when": "always"}}},
        {
            "match": {"section": ["markets", "business"], "sponsored": True},
            "rules": {"XT101": "error"},
        },
        {"files": ["sports/sponsored/*.md"], "rules": {"XT101": "on"}},
    ],
}


def settings(registry: Registry, relpath: str, meta: dict | None = None):  # type: ignore[no-untyped-def]
    cfg = config_from_mapping(CONFIG, registry=registry, origin="<test>", root=Path.cwd())
    return cfg.settings_for(RULE, relpath, meta or {})


def test_defaults_then_rules(registry: Registry) -> None:
    empty = config_from_mapping({}, registry=registry, origin="<t>", root=Path.cwd())
    s = empty.settings_for(RULE, "a.md", {})
    assert (s.severity, s.options) == (Severity.ERROR, {"when": "auto", "min-words": 50})
    s = settings(registry, "news/a.md")
    assert (s.severity, s.options) == (Severity.WARNING, {"when": "auto", "min-words": 80})


def test_glob_override_turns_rule_off(registry: Registry) -> None:
    assert settings(registry, "sports/football/match.md").severity is None
    assert settings(registry, "news/sports.md").severity is Severity.WARNING


def test_front_matter_override_sets_option(registry: Registry) -> None:
    s = settings(registry, "news/a.md", {"section": "markets"})
    assert (s.severity, s.options["when"], s.options["min-words"]) == (
        Severity.WARNING,
        "always",
        80,
    )
    assert settings(registry, "news/a.md", {"section": "politics"}).options["when"] == "auto"
    # front-matter values compare case-insensitively, lists match any element
    assert settings(registry, "a.md", {"section": "Markets"}).options["when"] == "always"
    assert settings(registry, "a.md", {"section": ["tech", "markets"]}).options["when"] == "always"


def test_all_match_keys_must_hold_and_later_wins(registry: Registry) -> None:
    assert settings(registry, "a.md", {"section": "business"}).severity is Severity.WARNING
    s = settings(registry, "a.md", {"section": "business", "sponsored": True})
    assert s.severity is Severity.ERROR
    assert (
        settings(registry, "a.md", {"section": "business", "sponsored": "true"}).severity
        is Severity.ERROR
    )
    # sports/** says off, a later override says on (the rule's own default severity)
    assert settings(registry, "sports/sponsored/x.md").severity is Severity.ERROR


def test_globs_are_relative_to_the_config_root(tmp_path: Path, registry: Registry) -> None:
    (tmp_path / "newslint.yaml").write_text(
        "overrides:\n  - files: ['sports/**']\n    rules: {XT101: 'off'}\n", encoding="utf-8"
    )
    sub = tmp_path / "sports"
    sub.mkdir()
    cfg = load_config(None, cwd=sub, registry=registry)
    # the engine passes paths relative to the working directory
    assert cfg.settings_for(RULE, "game.md", {}).severity is None
    assert cfg.settings_for(RULE, "../news/game.md", {}).severity is Severity.ERROR


def test_engine_applies_front_matter_override(registry: Registry) -> None:
    cfg = config_from_mapping(CONFIG, registry=registry, origin="<t>", root=Path.cwd())
    linter = Linter(registry, cfg, lang="en")
    text = "Stocks rally\n\nShares rose."

    def article(meta: dict) -> Article:
        return Article(
            "news/a.md",
            text,
            text,
            SourceMap.identity(len(text)),
            [Block("headline", 0, 12), Block("paragraph", 14, len(text))],
            meta,
        )

    found = linter.lint_article(article({"section": "markets"})).findings
    assert [f.message for f in found if f.code == "XT101"] == ["when=always"]
    found = linter.lint_article(article({})).findings
    assert [f.message for f in found if f.code == "XT101"] == ["when=auto"]


def test_sponsored_switches_on_a_default_off_house_rule(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        "rules:\n  - kind: require\n    code: HR010\n    name: sponsorship-disclosure\n"
        "    severity: 'off'\n    patterns: [sponsored by]\n",
        encoding="utf-8",
    )
    (tmp_path / "newslint.yaml").write_text(
        "house-rules: [house.yaml]\noverrides:\n  - match: {sponsored: true}\n"
        "    rules: {sponsorship-disclosure: error}\n",
        encoding="utf-8",
    )
    cfg = load_config(None, cwd=tmp_path)
    rule = cfg.house_rules[0]
    assert cfg.settings_for(rule, "a.md", {}).severity is None
    assert cfg.settings_for(rule, "a.md", {"sponsored": True}).severity is Severity.ERROR
    assert cfg.settings_for(rule, "a.md", {"sponsored": False}).severity is None


def test_language_selector_needs_the_effective_language(registry: Registry) -> None:
    cfg = config_from_mapping(
        {
            "overrides": [
                {"language": ["fr", "de"], "rules": {"XT101": "off"}},
                {"language": "de", "files": ["wire/**"], "suppress": {"XT101": "agency copy"}},
            ]
        },
        registry=registry,
        origin="<t>",
        root=Path.cwd(),
    )
    assert cfg.settings_for(RULE, "a.md", {}, "fr").severity is None
    assert cfg.settings_for(RULE, "a.md", {}, "en").severity is Severity.ERROR
    assert cfg.settings_for(RULE, "a.md", {}).severity is Severity.ERROR  # language unknown
    # a front-matter field called `language` is not the selector
    assert cfg.settings_for(RULE, "a.md", {"language": "fr"}, "en").severity is Severity.ERROR
    assert cfg.suppressions_for("wire/a.txt", {}, "de") == {"XT101": "agency copy"}
    assert cfg.suppressions_for("wire/a.txt", {}, "fr") == {}
    assert cfg.suppressions_for("news/a.txt", {}, "de") == {}
    plain = config_from_mapping({"overrides": CONFIG["overrides"]}, registry=registry)
    # Configs that do not use `language` keep the digest they had before it existed (a new
    # digest would throw away every user's result cache).
    assert plain.digest() == PLAIN_DIGEST, plain.digest()
    assert (
        cfg.digest()
        != config_from_mapping(
            {"overrides": [{"language": "en", "rules": {"XT101": "off"}}]}, registry=registry
        ).digest()
    )


PLAIN_DIGEST = "e73583f4e013476c"


def test_sizes() -> None:
    assert parse_size(2048) == 2048
    assert parse_size("10MB") == 10_000_000
    assert parse_size("1.5 MiB") == 1_572_864
    assert parse_size("512kb") == 512_000


def test_digest_tracks_effective_settings(registry: Registry) -> None:
    a = config_from_mapping(
        {"rules": {"XT101": "info"}}, registry=registry, origin="x", root=Path()
    )
    b = config_from_mapping(
        {"rules": {"fake-disclaimer": "info"}}, registry=registry, origin="y", root=Path()
    )
    c = config_from_mapping(
        {"rules": {"XT101": "error"}}, registry=registry, origin="x", root=Path()
    )
    assert a.digest() == b.digest() != c.digest()


def test_show_config_provenance(tmp_path: Path) -> None:
    (tmp_path / "newslint.yaml").write_text(
        "language: fr\nexclude: ['drafts/**']\nrules:\n  unsourced-figure: info\n"
        "overrides:\n  - files: ['sports/**']\n    rules: {missing-disclaimer: 'off'}\n",
        encoding="utf-8",
    )
    proc = run_cli(tmp_path, "check", "--show-config", "--fail-on", "error")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert 'language: "fr"  # newslint.yaml:1' in out
    assert 'exclude: ["drafts/**"]  # newslint.yaml:2' in out
    assert 'fail-on: "error"  # command line' in out
    assert "max-file-size: 10485760  # default" in out
    assert "  NL301:  # unsourced-figure\n    severity: info  # newslint.yaml:4" in out
    assert "  NL101:  # missing-disclaimer\n    severity: error  # default" in out
    assert '- files: ["sports/**"]' in out and "newslint.yaml:7 (missing-disclaimer)" in out


def test_override_suppress_with_reason_for_plain_text(tmp_path: Path) -> None:
    """Plain text has no comment syntax: an override suppresses by glob, with a reason."""
    import json
    import os
    import subprocess
    import sys

    (tmp_path / "newslint.yaml").write_text(
        "overrides:\n"
        "  - files: ['surveys/**']\n"
        "    suppress:\n"
        "      unsourced-figure: figures from our own reader survey\n",
        encoding="utf-8",
    )
    body = (
        "Headline\n\nThe share of readers who pay rose 13 % this year.\n\nEditing by Jane Smith\n"
    )
    (tmp_path / "surveys").mkdir()
    (tmp_path / "surveys" / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "b.txt").write_text(body, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    run = [sys.executable, "-m", "newslint", "check", "--no-cache", "--select", "NL301"]
    proc = subprocess.run(
        [*run, "--format", "json", "."],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = {f["path"]: f for f in json.loads(proc.stdout)["findings"]}
    assert found["surveys/a.txt"]["suppressed"] is True
    assert found["surveys/a.txt"]["suppression_reason"] == "figures from our own reader survey"
    assert "suppressed" not in found["b.txt"]
    only = subprocess.run(
        [*run, "surveys/a.txt"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert only.returncode == 0 and "1 suppressed" in only.stdout  # never counts for the exit code
    (tmp_path / "newslint.yaml").write_text(
        "overrides:\n  - files: ['x/**']\n    suppress: {unsourced-figure: ''}\n", encoding="utf-8"
    )
    bad = subprocess.run(
        [*run, "b.txt"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert bad.returncode == 2 and "expected the reason for the suppression" in bad.stderr
