"""The default exclude: a newsroom's README, LICENSE, ... are not articles (item 4 of the
first-install issue), and ``newslint validate-config`` behind the ``newslint-config`` hook."""

from __future__ import annotations

from pathlib import Path

from config_helpers import run_cli

REPO_DOCS = (
    "README.md",
    "CONTRIBUTING.md",
    "CHANGELOG.txt",
    "LICENSE.txt",
    "desk/README.md",
    "CODE_OF_CONDUCT.md",
    "SECURITY.md",
)
ARTICLES = ("story.md", "desk/security-breach.txt", "desk/license-fees.md")


def _room(tmp_path: Path, config: str | None = None) -> Path:
    for name in (*REPO_DOCS, *ARTICLES):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("A headline\n\nShares rose 12% on Tuesday.\n", encoding="utf-8")
    if config is not None:
        (tmp_path / "newslint.yaml").write_text(config, encoding="utf-8")
    return tmp_path


def _files(tmp_path: Path, *args: str) -> list[str]:
    proc = run_cli(tmp_path, "check", "--show-files", *args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_folder_walks_skip_the_repository_documents(tmp_path: Path) -> None:
    _room(tmp_path)
    assert _files(tmp_path) == sorted(ARTICLES)  # lower-case article names are kept


def test_named_files_are_linted_unless_force_exclude(tmp_path: Path) -> None:
    _room(tmp_path)
    named = ["README.md", "desk/README.md", "story.md"]
    assert _files(tmp_path, *named) == sorted(named)  # the user named them: linted
    assert _files(tmp_path, "--force-exclude", *named) == ["story.md"]  # as the hook runs


def test_default_exclude_can_be_turned_off(tmp_path: Path) -> None:
    _room(tmp_path, "default-exclude: false\n")
    everything = sorted((*REPO_DOCS, *ARTICLES))
    assert _files(tmp_path) == everything
    assert _files(tmp_path, "--force-exclude", *REPO_DOCS) == sorted(REPO_DOCS)


def test_the_user_exclude_still_applies_to_named_files(tmp_path: Path) -> None:
    _room(tmp_path, 'exclude: ["desk/license-*"]\n')
    assert _files(tmp_path, "desk/license-fees.md", "story.md") == ["story.md"]


def test_show_config_shows_the_default_exclude(tmp_path: Path) -> None:
    proc = run_cli(_room(tmp_path), "check", "--show-config")
    assert "default-exclude: true  # default (README*, CONTRIBUTING*, CHANGELOG*" in proc.stdout
    (tmp_path / "newslint.yaml").write_text("default-exclude: false\n", encoding="utf-8")
    proc = run_cli(tmp_path, "check", "--show-config")
    assert "default-exclude: false  # newslint.yaml:1" in proc.stdout


def test_default_exclude_must_be_a_boolean(tmp_path: Path) -> None:
    proc = run_cli(_room(tmp_path, "default-exclude: [README*]\n"), "check")
    assert proc.returncode == 2
    assert proc.stderr == (
        "newslint: config error: newslint.yaml:1:18 at 'default-exclude': "
        "expected true or false, got a list\n"
    )


# -- newslint validate-config -------------------------------------------------------------
HOUSE = """rules:
  - kind: forbid
    code: HR001
    name: no-shouting
    message: do not shout
    patterns:
      - {re: "[A-Z]{10,}"}
"""


def test_validate_config_checks_the_config_and_its_house_rules(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yaml").write_text(HOUSE, encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text("house-rules: [rules/house.yaml]\n")
    (tmp_path / "other.yaml").write_text("not: newslint's\n")
    proc = run_cli(tmp_path, "validate-config", "newslint.yaml", "rules/house.yaml", "other.yaml")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (
        "newslint.yaml: ok; house rules: 1 from rules/house.yaml\n"
        "other.yaml: skipped (not a newslint config or house-rule file)\n"
    )
    assert run_cli(tmp_path, "validate-config").returncode == 0  # the discovered config

    (tmp_path / "rules" / "house.yaml").write_text(HOUSE.replace("[A-Z]", "([A-Z]"))
    proc = run_cli(tmp_path, "validate-config", "rules/house.yaml")
    assert proc.returncode == 2
    assert proc.stderr == (
        "newslint: config error: rules/house.yaml:7:9 at 'rules[0].patterns[0]': "
        "bad regular expression: missing ) at position 15\n"
    )

    (tmp_path / "newslint.yaml").write_text("rules:\n  missing-disclaimr: off\n")
    proc = run_cli(tmp_path, "validate-config", "newslint.yaml")
    assert proc.returncode == 2
    assert proc.stderr == (
        "newslint: config error: newslint.yaml:2:3 at 'rules.missing-disclaimr': unknown rule "
        "'missing-disclaimr' (did you mean 'missing-disclaimer'?) (see `newslint rules`)\n"
    )


def test_validate_config_skips_a_pyproject_without_newslint(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    proc = run_cli(tmp_path, "validate-config", "pyproject.toml")
    assert proc.returncode == 0 and "skipped" in proc.stdout
    (tmp_path / "pyproject.toml").write_text("[tool.newslint]\nfail-on = 'sometimes'\n")
    proc = run_cli(tmp_path, "validate-config", "pyproject.toml")
    assert proc.returncode == 2 and proc.stderr.startswith("newslint: config error: pyproject")
