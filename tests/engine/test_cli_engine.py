"""The engine through the CLI: exit codes, selection, stdin, faults, --jobs determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

P = ("-p", "testplugins", "--isolated")
ONLY_FLAG = ("--select", "flag-word,note-word")


def write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_exit_0_when_clean(tmp_path: Path, run_cli) -> None:
    write(tmp_path, "a.txt", "Headline\n\nNothing to see here.\n")
    proc = run_cli("check", *P, *ONLY_FLAG, "a.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Found 0 findings" in proc.stdout


def test_exit_1_on_findings_with_position_and_excerpt(tmp_path: Path, run_cli) -> None:
    write(tmp_path, "a.txt", "Headline\n\nLine with FLAG here.\n")
    proc = run_cli("check", *P, *ONLY_FLAG, "a.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert "a.txt:3:11: TST001 flag-word: remove FLAG" in proc.stdout
    assert "    | FLAG" in proc.stdout


@pytest.mark.parametrize(
    ("fail_on", "expected"), [("warning", 0), ("info", 1), ("never", 0), ("error", 0)]
)
def test_fail_on_threshold(tmp_path: Path, run_cli, fail_on: str, expected: int) -> None:
    write(tmp_path, "a.txt", "Headline\n\nA NOTE only.\n")
    proc = run_cli("check", *P, *ONLY_FLAG, "--fail-on", fail_on, "a.txt", cwd=tmp_path)
    assert proc.returncode == expected, proc.stdout + proc.stderr


def test_select_and_ignore_by_code_or_name(tmp_path: Path, run_cli) -> None:
    write(tmp_path, "a.txt", "Headline\n\nFLAG and NOTE.\n")
    proc = run_cli("check", *P, "--select", "TST001", "--format", "json", "a.txt", cwd=tmp_path)
    codes = [f["code"] for f in json.loads(proc.stdout)["findings"]]
    assert codes == ["TST001"]
    proc = run_cli(
        "check", *P, *ONLY_FLAG, "--ignore", "flag-word", "--format", "json", "a.txt", cwd=tmp_path
    )
    assert [f["code"] for f in json.loads(proc.stdout)["findings"]] == ["TST002"]


def test_unknown_rule_is_usage_error_with_suggestion(tmp_path: Path, run_cli) -> None:
    write(tmp_path, "a.txt", "x\n")
    proc = run_cli("check", *P, "--select", "flag-wrd", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "unknown rule 'flag-wrd'" in proc.stderr and "flag-word" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "args", [["--format", "nope"], ["--fail-on", "sometimes"], ["--jobs", "0"], ["--bogus-flag"]]
)
def test_bad_command_line_exits_2(tmp_path: Path, run_cli, args: list[str]) -> None:
    write(tmp_path, "a.txt", "x\n")
    proc = run_cli("check", *P, *args, "a.txt", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_stdin_with_filename(tmp_path: Path, run_cli) -> None:
    proc = run_cli(
        "check",
        *P,
        *ONLY_FLAG,
        "--stdin-filename",
        "desk/story.txt",
        "-",
        cwd=tmp_path,
        stdin="Headline\n\nA FLAG.\n",
    )
    assert proc.returncode == 1
    assert "desk/story.txt:3:3: TST001" in proc.stdout


@pytest.mark.parametrize(
    ("marker", "rule", "fragment"),
    [
        ("BOOM", "raises", "ValueError: kaboom"),
        ("RANGE", "out-of-range", "outside the text"),
        ("GARBAGE", "garbage", "not a Hit"),
        ("a" * 5000 + "!", "slow-regex", "timed out"),
    ],
)
def test_failing_rule_is_incomplete_run_and_others_still_report(
    tmp_path: Path, run_cli, marker: str, rule: str, fragment: str
) -> None:
    write(tmp_path, "bad.txt", f"Headline\n\nFLAG {marker}\n")
    write(tmp_path, "good.txt", "Headline\n\nAnother FLAG.\n")
    proc = run_cli(
        "check", *P, "--select", f"flag-word,{rule}", "--format", "json", ".", cwd=tmp_path
    )
    assert proc.returncode == 3, proc.stderr
    report = json.loads(proc.stdout)
    assert {f["path"] for f in report["findings"]} == {"bad.txt", "good.txt"}
    [err] = report["errors"]
    assert err["path"] == "bad.txt" and err["kind"] == "rule" and err["rule"] == rule
    assert err["plugin"] == "testplugins"
    assert fragment in err["message"]


def test_unreadable_input_is_incomplete_but_others_linted(tmp_path: Path, run_cli) -> None:
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 FLAG\n".encode("latin-1"))
    write(tmp_path, "ok.txt", "Headline\n\nFLAG\n")
    proc = run_cli("check", *P, *ONLY_FLAG, "latin1.txt", "ok.txt", "missing.txt", cwd=tmp_path)
    assert proc.returncode == 3
    assert "latin1.txt: error: not valid UTF-8" in proc.stdout
    assert "missing.txt: error: no such file or directory" in proc.stdout
    assert "ok.txt:3:1: TST001" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_jobs_output_is_identical(tmp_path: Path, run_cli) -> None:
    for i in range(40):
        write(tmp_path, f"d{i % 4}/a{i:03}.txt", f"Head {i}\n\n" + "FLAG NOTE. " * (i % 5) + "\n")
    outs = []
    for jobs in ("1", "2", "3"):
        proc = run_cli(
            "check", *P, *ONLY_FLAG, "--jobs", jobs, "--format", "json", ".", cwd=tmp_path
        )
        assert proc.returncode == 1
        outs.append(proc.stdout)
    assert outs[0] == outs[1] == outs[2]
    assert json.loads(outs[0])["summary"]["files_linted"] == 40


def test_several_formats_in_one_run(tmp_path: Path, run_cli) -> None:
    write(tmp_path, "a.txt", "Headline\n\nFLAG\n")
    proc = run_cli(
        "check",
        *P,
        *ONLY_FLAG,
        "--format",
        "json=out/report.json",
        "--format",
        "text",
        "a.txt",
        cwd=tmp_path,
    )
    assert proc.returncode == 2  # folder out/ does not exist: refused before linting
    (tmp_path / "out").mkdir()
    proc = run_cli(
        "check",
        *P,
        *ONLY_FLAG,
        "--format",
        "json=out/report.json",
        "--format",
        "text",
        "a.txt",
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert "TST001" in proc.stdout
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert data["findings"][0]["line"] == 3


def test_output_file_written_and_no_temp_left(tmp_path: Path, run_cli) -> None:
    write(tmp_path, "a.txt", "Headline\n\nFLAG\n")
    proc = run_cli(
        "check", *P, *ONLY_FLAG, "--format", "json", "-o", "r.json", "a.txt", cwd=tmp_path
    )
    assert proc.returncode == 1 and proc.stdout == ""
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["files_linted"] == 1
    # The result cache (.newslint_cache, self-ignoring) is the only other thing allowed.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".newslint_cache") == [
        "a.txt",
        "r.json",
    ]


def test_rules_and_explain_and_version(tmp_path: Path, run_cli) -> None:
    proc = run_cli("rules", "-p", "testplugins", cwd=tmp_path)
    assert proc.returncode == 0
    for name in (
        "missing-disclaimer",
        "missing-editor-credit",
        "unattributed-quote",
        "unsourced-figure",
        "related-links-residue",
        "flag-word",
    ):
        assert name in proc.stdout
    proc = run_cli("explain", "NL101", cwd=tmp_path)
    assert proc.returncode == 0 and "missing-disclaimer" in proc.stdout
    proc = run_cli("explain", "missing-disclamer", cwd=tmp_path)
    assert proc.returncode == 2 and "did you mean 'missing-disclaimer'" in proc.stderr
    proc = run_cli("--version", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("newslint ")
