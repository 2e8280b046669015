"""Which config file a run uses: order within a folder, walking up, pyproject, --config."""

from __future__ import annotations

from pathlib import Path

import pytest
from config_helpers import run_cli
from newslint.config import find_config, load_config
from newslint.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_order_within_one_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.newslint]\nlanguage = "de"\n')
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    write(tmp_path / ".newslint.yaml", "language: fr\n")
    assert find_config(tmp_path) == tmp_path / ".newslint.yaml"
    write(tmp_path / "newslint.yaml", "language: en\n")
    assert find_config(tmp_path) == tmp_path / "newslint.yaml"


def test_nearest_wins_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "newslint.yaml", "language: en\n")
    deep = tmp_path / "desk" / "2024" / "may"
    deep.mkdir(parents=True)
    cfg = load_config(None, cwd=deep)
    assert cfg.language == "en"
    assert cfg.root == tmp_path
    assert cfg.path == (tmp_path / "newslint.yaml").as_posix()
    write(tmp_path / "desk" / ".newslint.yaml", "language: fr\n")
    assert load_config(None, cwd=deep).language == "fr"


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "newslint.yaml", "language: es\n")
    sub = tmp_path / "pkg"
    write(sub / "pyproject.toml", "[project]\nname = 'x'\n")
    assert load_config(None, cwd=sub).language == "es"


def test_pyproject_table(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        (
            '[tool.newslint]\nlanguage = "fr"\nexclude = ["drafts/**"]\nfail-on = "error"\n'
            '[tool.newslint.rules]\nunsourced-figure = "off"\n'
        ),
    )
    cfg = load_config(None, cwd=tmp_path)
    assert (cfg.language, cfg.exclude, cfg.fail_on.label) == ("fr", ["drafts/**"], "error")
    rule = next(r for r in cfg.known_rules if r.name == "unsourced-figure")
    assert cfg.settings_for(rule, "a.txt", {}).severity is None


def test_explicit_config_and_isolated(tmp_path: Path) -> None:
    write(tmp_path / "newslint.yaml", "language: en\n")
    write(tmp_path / "other" / "cfg.yaml", "language: zh\n")
    assert load_config("other/cfg.yaml", cwd=tmp_path).language == "zh"
    assert load_config("other/cfg.yaml", cwd=tmp_path).root == tmp_path / "other"
    assert load_config(None, cwd=tmp_path, isolated=True).language is None
    with pytest.raises(ConfigError, match="not found"):
        load_config("missing.yaml", cwd=tmp_path)


def test_no_config_gives_defaults(tmp_path: Path) -> None:
    cfg = load_config(None, cwd=tmp_path)
    assert cfg.path is None and cfg.language is None and cfg.max_file_size == 10 * 1024 * 1024


def test_empty_yaml_is_defaults(tmp_path: Path) -> None:
    write(tmp_path / "newslint.yaml", "# nothing yet\n")
    assert load_config(None, cwd=tmp_path).exclude == []


def test_cli_uses_discovered_config(tmp_path: Path) -> None:
    write(tmp_path / "newslint.yaml", "exclude: [skip.txt]\n")
    write(tmp_path / "skip.txt", "Headline\n\nText.\n")
    write(tmp_path / "keep.txt", "Headline\n\nText.\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    proc = run_cli(sub, "check", "--show-files", "..")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["../keep.txt"]
    iso = run_cli(sub, "check", "--show-files", "--isolated", "..")
    assert iso.stdout.split() == ["../keep.txt", "../skip.txt"]


def test_pyproject_overrides_and_house_rules(tmp_path: Path) -> None:
    write(
        tmp_path / "rules" / "house.yaml",
        "rules:\n  - {kind: forbid, code: HR001, name: no-hype, patterns: [game changer]}\n",
    )
    write(
        tmp_path / "pyproject.toml",
        (
            '[tool.newslint]\nhouse-rules = ["rules/house.yaml"]\n'
            '[[tool.newslint.overrides]]\nfiles = ["opinion/**"]\nrules = {no-hype = "off"}\n'
        ),
    )
    cfg = load_config(None, cwd=tmp_path)
    (rule,) = cfg.house_rules
    assert cfg.house_rule_files == ["rules/house.yaml"]
    assert cfg.settings_for(rule, "opinion/a.md", {}).severity is None
    assert cfg.settings_for(rule, "news/a.md", {}).severity is not None
