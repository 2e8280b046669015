"""``--format gitlab`` and ``--format junit`` read by what reads them in CI.

GitLab's Code Quality docs list the fields a report issue must have; JUnit reports are parsed
with ``junitparser`` (the parser many CI plugins use) and with ``xml.etree``.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pipeline_helpers import PROBE, RunCli, write

GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    write(tmp_path / "news" / "a.txt", 'Headline\n\nA FLAGME line & <tag> "q".\n\nFLAGME\n')
    write(tmp_path / "news" / "b.txt", "Headline\n\nNOTEME here.\n\nSIGNED-OFF\n")
    write(tmp_path / "c.txt", "Headline\n\nAll clean.\n\nSIGNED-OFF\n")
    return tmp_path


def test_gitlab_report_has_every_documented_field(run_cli: RunCli, articles: Path) -> None:
    proc = run_cli("check", *PROBE, "--no-cache", "--format", "gitlab", ".", cwd=articles)
    assert proc.returncode == 1, proc.stderr
    issues = json.loads(proc.stdout)
    assert isinstance(issues, list)
    assert len(issues) == 4  # two FLAGME + one signoff in a.txt, one NOTEME in b.txt
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in GITLAB_SEVERITIES
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    by_check = {
        (i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]): i for i in issues
    }
    assert by_check[("PP001", "news/a.txt", 3)]["severity"] == "major"
    assert by_check[("PP001", "news/a.txt", 5)]["severity"] == "major"
    assert by_check[("PP101", "news/a.txt", 5)]["severity"] == "critical"
    assert by_check[("PP002", "news/b.txt", 3)]["severity"] == "minor"
    assert by_check[("PP001", "news/a.txt", 3)]["description"].startswith("probe-word: ")


def test_gitlab_fingerprint_survives_lines_added_above(run_cli: RunCli, tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", "Headline\n\nA FLAGME line.\n")
    before = json.loads(
        run_cli("check", *PROBE, "--no-cache", "--format", "gitlab", "a.txt", cwd=tmp_path).stdout
    )
    f.write_text("Headline\n\nA new paragraph.\n\nAnother one.\n\nA FLAGME line.\n")
    after = json.loads(
        run_cli("check", *PROBE, "--no-cache", "--format", "gitlab", "a.txt", cwd=tmp_path).stdout
    )
    line = {i["check_name"]: i for i in before}["PP001"]
    moved = {i["check_name"]: i for i in after}["PP001"]
    assert moved["location"]["lines"]["begin"] == line["location"]["lines"]["begin"] + 4
    assert moved["fingerprint"] == line["fingerprint"]


def test_gitlab_paths_relative_to_ci_project_dir(run_cli: RunCli, articles: Path) -> None:
    proc = run_cli(
        "check",
        *PROBE,
        "--no-cache",
        "--format",
        "gitlab",
        ".",
        cwd=articles / "news",
        env={"CI_PROJECT_DIR": str(articles)},
    )
    paths = {i["location"]["path"] for i in json.loads(proc.stdout)}
    assert paths == {"news/a.txt", "news/b.txt"}


def test_gitlab_empty_report_is_an_empty_array(run_cli: RunCli, articles: Path) -> None:
    proc = run_cli("check", *PROBE, "--no-cache", "--format", "gitlab", "c.txt", cwd=articles)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def test_junit_parsed_by_junitparser(run_cli: RunCli, articles: Path) -> None:
    junitparser = pytest.importorskip("junitparser")
    proc = run_cli(
        "check",
        *PROBE,
        "--no-cache",
        "--format",
        "junit=report.xml",
        "--format",
        "text",
        ".",
        cwd=articles,
    )
    assert proc.returncode == 1, proc.stderr
    xml = junitparser.JUnitXml.fromfile(str(articles / "report.xml"))
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    assert len(suites) == 1
    suite = suites[0]
    assert suite.name == "newslint"
    cases = {case.name: case for case in suite}
    assert set(cases) == {"c.txt", "news/a.txt", "news/b.txt"}
    assert suite.tests == 3
    a_results = cases["news/a.txt"].result
    failures = [r for r in a_results if isinstance(r, junitparser.Failure)]
    assert len(failures) == 3  # a failure per finding at or above --fail-on (warning)
    assert any("news/a.txt:3:" in f.message and "PP001" in f.type for f in failures)
    assert cases["c.txt"].is_passed
    # NOTEME is info, below the default --fail-on warning: reported, not failed
    assert cases["news/b.txt"].is_passed
    assert "PP002" in (cases["news/b.txt"].system_out or "")
    assert suite.failures == 3


def test_junit_with_fail_on_info_fails_info_findings(run_cli: RunCli, articles: Path) -> None:
    proc = run_cli(
        "check", *PROBE, "--no-cache", "--fail-on", "info", "--format", "junit", ".", cwd=articles
    )
    root = ET.fromstring(proc.stdout)
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("failures") == "4"
    b = next(tc for tc in suite.iter("testcase") if tc.get("name") == "news/b.txt")
    assert [f.get("type") for f in b.findall("failure")] == ["PP002 probe-note"]


def test_junit_escapes_markup_and_reports_unreadable_files(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path / "r&d <1>.txt", "Headline\n\nFLAGME \x07 bell.\n")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\xd8 broken utf-16")
    proc = run_cli(
        "check",
        *PROBE,
        "--no-cache",
        "--format",
        "junit",
        "r&d <1>.txt",
        "bad.txt",
        "missing.txt",
        cwd=tmp_path,
    )
    root = ET.fromstring(proc.stdout)  # parses: markup escaped, control characters replaced
    suite = root.find("testsuite")
    assert suite is not None
    cases = {tc.get("name"): tc for tc in suite.iter("testcase")}
    assert cases["missing.txt"].find("error") is not None
    failure = cases["r&d <1>.txt"].find("failure")
    assert failure is not None and "r&d <1>.txt:3:1: PP001" in (failure.text or "")
    assert (failure.get("message") or "").startswith("r&d <1>.txt:3:1:")
    assert int(suite.get("errors", "0")) >= 1
    assert proc.returncode == 3


def test_junit_spills_large_reports_to_disk_unchanged(tmp_path: Path) -> None:
    """Test cases past the in-memory limit go to a temporary file; the XML is the same."""
    import io

    from newslint.api import Session
    from newslint.formatters import Summary
    from newslint.formatters.junit import JunitFormatter

    session = Session.create(cwd=tmp_path, config={})
    results = []
    for i in range(40):
        p = write(
            tmp_path / f"a{i}.txt", f"Titre {i}\n\nLe CAC 40 a perdu {i} % « sans raison ».\n"
        )
        results.append(session.linter.lint_path(p, p.name))
    info = session.run_info()

    def render(limit: int) -> str:
        out = io.StringIO()
        fmt = JunitFormatter(out, info)
        fmt.SPOOL_BYTES = limit
        fmt.begin()
        for r in results:
            fmt.file(r)
        fmt.end(Summary())
        return out.getvalue()

    small, large = render(200), render(10**7)
    assert small == large
    assert small.count("<testcase ") == 40
    ET.fromstring(small)
