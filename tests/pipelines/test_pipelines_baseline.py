"""``--write-baseline`` / ``--baseline``: adopt newslint on an archive, report new findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pipeline_helpers import PROBE, RunCli, write


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    write(tmp_path / "archive" / "one.txt", "One\n\nFLAGME old finding.\n\nSIGNED-OFF\n")
    write(tmp_path / "archive" / "two.txt", "Two\n\nFLAGME twice. FLAGME\n")
    write(tmp_path / "archive" / "clean.txt", "Clean\n\nNothing.\n\nSIGNED-OFF\n")
    return tmp_path


def _check(run_cli: RunCli, cwd: Path, *args: str):
    return run_cli("check", *PROBE, "--no-cache", *args, cwd=cwd)


def test_round_trip_survives_edits_above_findings(run_cli: RunCli, archive: Path) -> None:
    proc = _check(run_cli, archive, "--write-baseline", "baseline.json", "archive")
    assert proc.returncode == 0, proc.stderr  # writing a baseline is not a failing run
    assert "wrote 4 finding(s)" in proc.stderr
    data = json.loads((archive / "baseline.json").read_text())
    assert data["version"] == 1
    keys = sorted((e["path"], e["code"], e["line"]) for e in data["findings"])
    assert keys == [
        ("archive/one.txt", "PP001", 3),
        ("archive/two.txt", "PP001", 3),
        ("archive/two.txt", "PP001", 3),
        ("archive/two.txt", "PP101", 3),
    ]
    assert all(e["fingerprint"] for e in data["findings"])

    # Nothing new: exit 0, nothing reported.
    proc = _check(run_cli, archive, "--baseline", "baseline.json", "--format", "json", "archive")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["findings"] == []
    assert "4 known finding(s) hidden" in proc.stderr

    # Edit above the old findings (they move down) and add one new finding.
    one = archive / "archive" / "one.txt"
    one.write_text(
        "One\n\nA new first paragraph.\n\nAnd a second.\n\nFLAGME old finding.\n\n"
        "FLAGME a new finding.\n\nSIGNED-OFF\n"
    )
    proc = _check(run_cli, archive, "--baseline", "baseline.json", "--format", "json", "archive")
    assert proc.returncode == 1
    findings = json.loads(proc.stdout)["findings"]
    assert [(f["path"], f["code"], f["line"]) for f in findings] == [
        ("archive/one.txt", "PP001", 9)
    ]
    assert "no longer occur" not in proc.stderr


def test_lists_entries_that_no_longer_occur(run_cli: RunCli, archive: Path) -> None:
    _check(run_cli, archive, "--write-baseline", "baseline.json", "archive")
    (archive / "archive" / "two.txt").write_text("Two\n\nFLAGME once.\n\nSIGNED-OFF\n")
    proc = _check(run_cli, archive, "--baseline", "baseline.json", "archive")
    # "FLAGME once." is a different line: a new finding; the two old ones and the
    # missing sign-off no longer occur.
    assert proc.returncode == 1
    assert "3 baseline entries no longer occur" in proc.stderr
    assert "archive/two.txt:3: PP101 probe-signoff" in proc.stderr
    assert "--write-baseline baseline.json" in proc.stderr


def test_stale_entries_only_for_files_linted(run_cli: RunCli, archive: Path) -> None:
    _check(run_cli, archive, "--write-baseline", "baseline.json", "archive")
    proc = _check(run_cli, archive, "--baseline", "baseline.json", "archive/one.txt")
    assert proc.returncode == 0, proc.stderr
    assert "no longer occur" not in proc.stderr


def test_baseline_paths_do_not_depend_on_working_directory(run_cli: RunCli, archive: Path) -> None:
    _check(run_cli, archive, "--write-baseline", "baseline.json", "archive")
    proc = _check(run_cli, archive / "archive", "--baseline", "../baseline.json", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "4 known finding(s) hidden" in proc.stderr


def test_suppressed_findings_stay_out_of_the_baseline_and_count_nothing(
    run_cli: RunCli, tmp_path: Path
) -> None:
    write(
        tmp_path / "a.md",
        "# Head\n\n<!-- newslint-disable-next-line probe-word -- our own "
        "survey -->\nFLAGME here.\n\nSIGNED-OFF\n",
    )
    proc = _check(run_cli, tmp_path, "--write-baseline", "b.json", "a.md")
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "b.json").read_text())["findings"] == []


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "does not exist"),
        ("{not json", "not a newslint baseline"),
        ('{"version": 99, "findings": []}', "format version 99"),
        ('{"version": 1, "findings": [{"path": "a"}]}', "needs path, code and fingerprint"),
    ],
)
def test_bad_baseline_is_a_usage_error(
    run_cli: RunCli, archive: Path, content: str | None, message: str
) -> None:
    if content is not None:
        (archive / "b.json").write_text(content)
    proc = _check(run_cli, archive, "--baseline", "b.json", "archive")
    assert proc.returncode == 2
    assert message in proc.stderr


def test_baseline_file_is_deterministic(run_cli: RunCli, archive: Path) -> None:
    _check(run_cli, archive, "--write-baseline", "b1.json", "archive")
    _check(run_cli, archive, "--write-baseline", "b2.json", "-j", "2", "archive")
    assert (archive / "b1.json").read_bytes() == (archive / "b2.json").read_bytes()
