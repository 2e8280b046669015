"""The formatters through the real CLI (``python -m newslint check``), on several files.

Findings come from the test probe plugin (``-p fmt_probe_plugin``: marker words ALPHA, BRAVO,
CHARLIE; EXPLODE makes a rule fail) and from a YAML house rule, so these tests do not depend
on what the built-in rules flag.
"""

from __future__ import annotations

import json
from pathlib import Path

import regex
from fmt_helpers import CliRunner, check_sarif, report_validator, sarif_validator

MD = (
    "---\ntitle: Zoë’s café\nlang: en\n---\n"
    "# Héadline 😀 ALPHA\n\n"
    "Prices — ünïcode 漢字 BRAVO rose.\n\n"
    "CHARLIE said nothing, ALPHA did.\n"
)
HTML = (
    "<!doctype html>\r\n<html><head><title>t</title><style>p{}</style></head>\r\n"
    "<body><h1>Wörld</h1>\r\n<p>Ça va — <b>BRAVO</b> und ALPHA</p>\r\n</body></html>\r\n"
)
TXT = "Plain headline\n\nA paragraph with CHARLIE in it.\rOld Mac line with BRAVO.\n"


def _write_articles(root: Path, *, broken: bool = False) -> None:
    (root / "news").mkdir()
    (root / "news" / "café story.md").write_text(MD, encoding="utf-8")
    (root / "news" / "b.html").write_bytes(HTML.encode("utf-8"))
    (root / "c.txt").write_bytes(TXT.encode("utf-8"))
    if broken:
        (root / "d.txt").write_text("EXPLODE\n\nALPHA once more.\n", encoding="utf-8")
        (root / "e.txt").write_bytes(b"Latin-1 caf\xe9 ALPHA\n")


def _position(source: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column; only \\n, \\r\\n and \\r end a line."""
    before = source[:offset]
    breaks = list(regex.finditer(r"\r\n|\r|\n", before))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - line_start + 1


def test_json_points_into_original_files(cli: CliRunner, tmp_path: Path) -> None:
    _write_articles(tmp_path)
    proc = cli("check", "--format", "json", ".")
    assert proc.returncode == 1, proc.stderr  # errors and warnings found
    data = json.loads(proc.stdout)
    assert not list(report_validator().iter_errors(data))
    sources = {"news/café story.md": MD, "news/b.html": HTML, "c.txt": TXT}
    seen = set()
    probe_findings = [f for f in data["findings"] if f["code"].startswith("XP")]
    for f in probe_findings:
        source = sources[f["path"]]
        offsets = [m.start() for m in regex.finditer(rf"\b{f['excerpt']}\b", source)]
        starts = [_position(source, o) for o in offsets]
        assert (f["line"], f["column"]) in starts, f
        assert (f["end_line"], f["end_column"]) == (f["line"], f["column"] + len(f["excerpt"]))
        seen.add((f["path"], f["code"]))
    assert {
        ("news/café story.md", "XP101"),
        ("news/café story.md", "XP201"),
        ("news/café story.md", "XP301"),
        ("news/b.html", "XP101"),
        ("news/b.html", "XP201"),
        ("c.txt", "XP201"),
        ("c.txt", "XP301"),
    } <= seen
    assert data["summary"]["files_linted"] == 3
    assert [f["path"] for f in data["findings"]] == sorted(f["path"] for f in data["findings"])


def test_sarif_file_passes_checker_with_errors_reported(cli: CliRunner, tmp_path: Path) -> None:
    _write_articles(tmp_path, broken=True)
    (tmp_path / "out").mkdir()
    proc = cli("check", "--format", "sarif", "--output", "out/report.sarif", ".")
    assert proc.returncode == 3, proc.stderr  # incomplete wins over 1
    report = tmp_path / "out" / "report.sarif"
    checked = check_sarif(report)
    assert checked.returncode == 0 and checked.stdout.strip() == "sarif ok", checked.stdout
    log = json.loads(report.read_text(encoding="utf-8"))
    assert not list(sarif_validator().iter_errors(log))
    run = log["runs"][0]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert {"news/caf%C3%A9%20story.md", "news/b.html", "c.txt", "d.txt"} <= uris
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    kinds = sorted(
        (n["descriptor"]["id"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for n in inv["toolExecutionNotifications"]
    )
    assert kinds == [("input", "e.txt"), ("rule", "d.txt")]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"XP101", "XP201", "XP301", "XP901"} <= set(ids)


def test_every_format_is_byte_identical_on_repeat(cli: CliRunner, tmp_path: Path) -> None:
    _write_articles(tmp_path, broken=True)
    formats = ("text", "json", "sarif", "github")
    reports = []
    for run, jobs in enumerate(("1", "2")):
        args = [a for fmt in formats for a in ("--format", f"{fmt}=out{run}.{fmt}")]
        # the reports are written beside the articles, so name the inputs explicitly
        proc = cli("check", *args, "--jobs", jobs, "news", "c.txt", "d.txt", "e.txt")
        assert proc.returncode == 3, proc.stderr
        reports.append([(tmp_path / f"out{run}.{fmt}").read_bytes() for fmt in formats])
    assert reports[0] == reports[1]
    for fmt, data in zip(formats, reports[0], strict=True):
        assert data and str(tmp_path).encode() not in data, fmt


def test_several_formats_in_one_run_agree(cli: CliRunner, tmp_path: Path) -> None:
    _write_articles(tmp_path)
    proc = cli("check", "--format", "json=r.json", "--format", "sarif=r.sarif", ".")
    assert proc.returncode == 1, proc.stderr
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    log = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    from_json = [(f["code"], f["line"], f["column"], f["fingerprint"]) for f in data["findings"]]
    from_sarif = [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["partialFingerprints"]["primaryLocationLineHash"],
        )
        for r in log["runs"][0]["results"]
    ]
    assert from_json == from_sarif
    assert data["tool"]["config_hash"] == log["runs"][0]["properties"]["configHash"]


def test_fingerprints_survive_lines_inserted_above(cli: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    body = "# Title\n\nThe ALPHA line.\n\nA BRAVO line.\n"
    article.write_text(body, encoding="utf-8")

    def probe_findings() -> list[dict]:
        report = json.loads(cli("check", "--format", "json", "a.md").stdout)
        return [f for f in report["findings"] if f["code"].startswith("XP")]

    before = probe_findings()
    assert len(before) == 2
    article.write_text(
        "# Title\n\nA new paragraph.\n\nAnother one.\n" + body[len("# Title\n") :], encoding="utf-8"
    )
    after = probe_findings()
    assert [f["line"] for f in after] == [f["line"] + 4 for f in before]
    assert [f["fingerprint"] for f in after] == [f["fingerprint"] for f in before]
    # ...but a change on the finding's own line gives a new fingerprint
    article.write_text(body.replace("The ALPHA line", "The ALPHA row"), encoding="utf-8")
    changed = probe_findings()
    assert changed[0]["fingerprint"] != before[0]["fingerprint"]
    assert changed[1]["fingerprint"] == before[1]["fingerprint"]


def test_github_annotations(cli: CliRunner, tmp_path: Path) -> None:
    _write_articles(tmp_path, broken=True)
    lines = cli("check", "--format", "github", ".").stdout.splitlines()
    assert all(ln.startswith(("::error ", "::warning ", "::notice ")) for ln in lines), lines
    assert (
        "::warning file=news/b.html,line=4,col=15,endLine=4,endColumn=20,"
        "title=XP201 probe-warning::marker BRAVO found, see: a, b"
    ) in lines
    assert any(ln.startswith("::notice file=c.txt,line=3,col=18,") for ln in lines)
    assert any(ln.startswith("::error file=e.txt,title=newslint input error::") for ln in lines)
    assert any(
        ln.startswith("::error file=d.txt,title=newslint rule error (probe-crash)::")
        for ln in lines
    )


def test_colour_follows_terminal_settings(cli: CliRunner, tmp_path: Path) -> None:
    _write_articles(tmp_path)
    esc = "\x1b["
    assert esc not in cli("check", ".").stdout  # a pipe is not a terminal
    assert esc in cli("check", "--color", "always", ".").stdout
    assert esc in cli("check", ".", env={"FORCE_COLOR": "1"}).stdout
    assert esc not in cli("check", ".", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert esc not in cli("check", "--color", "never", ".", env={"FORCE_COLOR": "1"}).stdout
    # a report written to a file is never coloured
    cli("check", "--color", "always", "--format", "text=report.txt", ".")
    assert esc not in (tmp_path / "report.txt").read_text(encoding="utf-8")


def test_explain_through_the_cli(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "quiet.txt").write_text("Nothing to see.\n\nBRAVO only.\n", encoding="utf-8")
    out = cli("check", "--explain", "quiet.txt").stdout
    assert (
        "quiet.txt:3:1: XP201 probe-warning: marker BRAVO found, see: a, b\n"
        "    | BRAVO\n    = marker: BRAVO; count_so_far: 1\n" in out
    )
    assert "quiet.txt: XP101 probe-error passed\n    = looked_for: ALPHA; found: false\n" in out
    data = json.loads(cli("check", "--explain", "--format", "json", "quiet.txt").stdout)
    assert not list(report_validator().iter_errors(data))
    assert {n["code"] for n in data["notes"]} >= {"XP101", "XP301"}


def test_house_rule_findings_in_sarif(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "newslint.yaml").write_text("house-rules: [house.yaml]\n", encoding="utf-8")
    (tmp_path / "house.yaml").write_text(
        "rules:\n"
        "  - kind: forbid\n"
        "    code: HR101\n"
        "    name: no-guaranteed-returns\n"
        "    message: \"Never promise '{match}'\"\n"
        "    severity: error\n"
        "    policy: {title: Standards 7.1, url: 'https://example.org/standards#7.1'}\n"
        "    patterns: [guaranteed returns]\n",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text(
        "Markets rose.\n\nThe fund offers Guaranteed  returns.\n", encoding="utf-8"
    )
    proc = cli("check", "--format", "sarif", "--output", "h.sarif", "a.txt", probe=False)
    assert proc.returncode == 1, proc.stderr
    assert check_sarif(tmp_path / "h.sarif").stdout.strip() == "sarif ok"
    run = json.loads((tmp_path / "h.sarif").read_text(encoding="utf-8"))["runs"][0]
    (result,) = [r for r in run["results"] if r["ruleId"] == "HR101"]
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == "HR101" and rule["name"] == "no-guaranteed-returns"
    assert rule["helpUri"] == "https://example.org/standards#7.1"
    assert rule["properties"]["tags"] == ["compliance", "house-rule"]
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_markdown_suppressions_reach_every_format(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "s.md").write_text(
        "# Title\n\nIntro.\n\n"
        "<!-- newslint-disable-next-line probe-warning -- from our own survey -->\n"
        "A BRAVO line.\n\n"
        "<!-- newslint-disable-next-line probe-info -->\nNothing here.\n",
        encoding="utf-8",
    )
    data = json.loads(cli("check", "--format", "json", "s.md").stdout)
    assert not list(report_validator().iter_errors(data))
    by_code = {f["code"]: f for f in data["findings"]}
    assert by_code["XP201"]["suppressed"] is True
    assert by_code["XP201"]["suppression_reason"] == "from our own survey"
    assert (by_code["XP201"]["line"], by_code["XP201"]["column"]) == (6, 3)
    assert (by_code["NL901"]["line"], by_code["NL901"]["column"]) == (8, 1)  # the comment
    assert data["summary"]["suppressed"] == 1

    cli("check", "--format", "sarif", "--output", "s.sarif", "s.md")
    assert check_sarif(tmp_path / "s.sarif").stdout.strip() == "sarif ok"
    results = json.loads((tmp_path / "s.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    (suppressed,) = [r for r in results if r["ruleId"] == "XP201"]
    assert suppressed["suppressions"] == [
        {"kind": "inSource", "justification": "from our own survey"}
    ]
    github = cli("check", "--format", "github", "s.md").stdout
    assert "XP201" not in github and "NL901" in github
    text = cli("check", "s.md").stdout
    assert "XP201" not in text and "1 suppressed" in text


def test_seed_with_builtin_rules_gives_valid_reports(cli: CliRunner, tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_515427318ff19ac6.txt"
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    proc = cli("check", "--format", "sarif=seed.sarif", "--format", "json", "seeds", probe=False)
    assert proc.returncode in (0, 1), proc.stderr
    assert not list(report_validator().iter_errors(json.loads(proc.stdout)))
    checked = check_sarif(tmp_path / "seed.sarif")
    assert checked.stdout.strip() == "sarif ok", checked.stdout
