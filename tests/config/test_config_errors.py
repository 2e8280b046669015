"""Every way a config can be wrong gives one ConfigError with file, key path, line:col and
what was expected; through the CLI that is exit 2, one message, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from config_helpers import run_cli
from newslint.config import load_config
from newslint.errors import ConfigError
from newslint.plugins import Registry


def load(tmp_path: Path, text: str, registry: Registry | None = None) -> ConfigError:
    (tmp_path / "newslint.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(None, cwd=tmp_path, registry=registry)
    return info.value


BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)

CASES = [
    # (config text, line, column, key path, words the message must contain)
    ("rules: [1\n", 2, 1, None, ["invalid YAML"]),
    ("language: en\nlanguage: fr\n", 2, 1, None, ["duplicate key"]),
    ("lang: en\n", 1, 1, "lang", ["unknown key", "did you mean 'language'"]),
    (
        "rules:\n  missing-disclaimr: off\n",
        2,
        3,
        "rules.missing-disclaimr",
        ["unknown rule", "did you mean 'missing-disclaimer'"],
    ),
    ("rules:\n  NL101: warn\n", 2, 10, "rules.NL101", ["bad severity", "did you mean 'warning'"]),
    ("rules:\n  NL101: [error]\n", 2, 3, "rules.NL101", ["expected a severity"]),
    ("exclude: drafts/**\n", 1, 1, "exclude", ["expected a list of glob patterns"]),
    ("exclude:\n  - drafts/**\n  - 42\n", 3, 5, "exclude[1]", ["expected a glob pattern"]),
    ("fail-on: sometimes\n", 1, 10, "fail-on", ["error, warning, info, never"]),
    ("max-file-size: huge\n", 1, 16, "max-file-size", ["10MB"]),
    ("language: 12\n", 1, 11, "language", ["language code"]),
    ("language: xx\n", 1, 11, "language", ["no language pack"]),
    ("house-rules: [nowhere.yaml]\n", 1, 15, "house-rules[0]", ["not found", "nowhere.yaml"]),
    ("overrides:\n  - rules: {NL101: off}\n", 2, 5, "overrides[0]", ["needs 'files'"]),
    (
        "overrides:\n  - files: [a/**]\n    rule: {NL101: off}\n",
        3,
        5,
        "overrides[0].rule",
        ["did you mean 'rules'"],
    ),
    (
        "overrides:\n  - match: {sponsored: {a: 1}}\n",
        2,
        13,
        "overrides[0].match.sponsored",
        ["expected a value"],
    ),
    ("language: !!python/object/apply:os.system [echo hacked]\n", 1, 1, None, ["tag"]),
    ("rules: !custom {NL101: off}\n", 1, 1, None, ["tag"]),
    ("- just\n- a list\n", None, None, None, ["must be a mapping"]),
    (BILLION_LAUGHS, None, None, None, ["expands to more than"]),
]


@pytest.mark.parametrize(("text", "line", "column", "key", "words"), CASES)
def test_error_paths(
    tmp_path: Path,
    text: str,
    line: int | None,
    column: int | None,
    key: str | None,
    words: list[str],
) -> None:
    err = load(tmp_path, text)
    assert err.path == "newslint.yaml"
    if line is not None:
        assert (err.line, err.column) == (line, column), str(err)
    if key is not None:
        assert err.key == key
    for w in words:
        assert w in str(err)


def test_bad_option_value_and_unknown_option(tmp_path: Path, registry: Registry) -> None:
    err = load(tmp_path, "rules:\n  fake-disclaimer:\n    when: sometimes\n", registry)
    assert (err.line, err.column, err.key) == (3, 11, "rules.fake-disclaimer.when")
    assert "expected one of auto, always, never" in str(err)
    err = load(tmp_path, "rules:\n  XT101:\n    min-words: 0\n", registry)
    assert "at least 1" in str(err)
    err = load(tmp_path, "rules:\n  XT101:\n    min-word: 3\n", registry)
    assert "did you mean 'min-words'" in str(err)


def test_house_rule_errors_point_into_the_rule_file(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        "rules:\n  - kind: forbid\n    code: HR001\n    name: bad-regex\n"
        "    patterns:\n      - ok phrase\n      - {re: '(unclosed'}\n",
        encoding="utf-8",
    )
    err = load(tmp_path, "house-rules: [house.yaml]\n")
    assert (err.path, err.line, err.column) == ("house.yaml", 7, 9)
    assert err.key == "rules[0].patterns[1]"
    assert "bad regular expression" in str(err)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (
            "kind: forbidd\n    code: HR001\n    name: a-b\n    patterns: [x]",
            ["unknown rule kind", "did you mean 'forbid'"],
        ),
        (
            "kind: forbid\n    code: HR001\n    name: a-b\n    pattern: [x]",
            ["unknown key 'pattern'", "did you mean 'patterns'"],
        ),
        ("kind: forbid\n    code: NL777\n    name: a-b\n    patterns: [x]", ["reserved"]),
        ("kind: forbid\n    code: HR001\n    name: Not_Kebab\n    patterns: [x]", ["kebab-case"]),
        (
            "kind: forbid\n    code: HR001\n    name: missing-disclaimer\n    patterns: [x]",
            ["clashes with plugin 'builtin'"],
        ),
        (
            "kind: forbid\n    code: HR001\n    name: a-b\n    severity: loud\n    patterns: [x]",
            ["expected error, warning, info or off"],
        ),
        ("kind: require\n    code: HR001\n    name: a-b", ["missing required key 'patterns'"]),
        (
            "kind: replace\n    code: HR001\n    name: a-b\n    replacements: {per cent: 5}",
            ["replacement must be a string"],
        ),
        (
            "kind: forbid\n    code: HR001\n    name: a-b\n    patterns: {english: [x]}",
            ["not a language code"],
        ),
    ],
)
def test_house_rule_validation(tmp_path: Path, rule: str, words: list[str]) -> None:
    (tmp_path / "house.yaml").write_text(f"rules:\n  - {rule}\n", encoding="utf-8")
    err = load(tmp_path, "house-rules: [house.yaml]\n")
    assert err.path == "house.yaml" and err.line is not None
    for w in words:
        assert w in str(err)


def test_two_house_files_with_the_same_code_clash(tmp_path: Path) -> None:
    body = "rules:\n  - {kind: forbid, code: HR001, name: NAME, patterns: [x]}\n"
    (tmp_path / "a.yaml").write_text(body.replace("NAME", "one"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(body.replace("NAME", "two"), encoding="utf-8")
    err = load(tmp_path, "house-rules: [a.yaml, b.yaml]\n")
    assert err.path == "b.yaml" and "'HR001' clashes with house rule in a.yaml" in str(err)


def test_pyproject_errors_have_lines(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.newslint]\nlanguage = "en"\nfail-onn = "error"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_config(None, cwd=tmp_path)
    err = info.value
    assert (err.path, err.line, err.key) == ("pyproject.toml", 6, "fail-onn")
    assert "did you mean 'fail-on'" in str(err)
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nlanguage = "en\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject.toml:2:\d+: invalid TOML"):
        load_config(None, cwd=tmp_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rules: [1\n", "newslint.yaml:2:1: invalid YAML"),
        ("rules:\n  missing-disclaimr: off\n", "did you mean 'missing-disclaimer'"),
        ("language: !!python/object/apply:os.system [touch PWNED]\n", "not allowed"),
        (BILLION_LAUGHS, "expands to more than"),
        ("house-rules: [nowhere.yaml]\n", "newslint.yaml:1:15 at 'house-rules[0]'"),
    ],
)
def test_cli_exits_2_with_one_message(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "newslint.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Headline\n\nBody.\n", encoding="utf-8")
    proc = run_cli(tmp_path, "check", "a.txt")
    assert proc.returncode == 2
    assert proc.stdout == ""  # nothing linted
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newslint: config error: ")
    assert expected in lines[0]
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "PWNED").exists()
