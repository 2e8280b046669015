"""``newslint check --fix / --unsafe-fixes / --diff``, run as users run it (a subprocess)."""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HOUSE_EN = "This article is for information only and is not investment advice."
HOUSE_FR = "Cet article ne constitue pas un conseil en investissement."
CONFIG = f"""\
house-rules: [house.yaml]
rules:
  missing-disclaimer:
    position: end
    text:
      en: "{HOUSE_EN}"
      fr: "{HOUSE_FR}"
  missing-editor-credit:
    template: {{en: "Edited by {{editor}}", fr: "Édité par {{editor}}"}}
"""
HOUSE_RULES = """\
version: 1
rules:
  - kind: replace
    code: HR003
    name: percent-spelling
    summary: House style writes "percent", one word.
    message: "house style: write '{replacement}', not '{match}'"
    severity: warning
    languages: [en]
    replacements:
      per cent: percent
"""
EN = (
    "Shares of Northwind rise after upgrade\n\n"
    "Shares of Northwind Traders rose 8 per cent on Tuesday after analysts raised their price "
    "target, and investors bet the dividend will grow next year, according to Reuters.\n"
)
EN_CREDITED = EN + "\nEditing by Jane Smith\n"
FR = (
    "Les actions de Northwind bondissent\n\n"
    "Les actions de Northwind ont bondi mardi après que les analystes ont relevé leur objectif "
    "de cours, et les investisseurs parient sur une hausse du dividende, selon Reuters.\n"
)
RESIDUE = (
    "\nYou might also like\n\nTen walks along the northern coast\n\nWhy ferry fares are rising\n"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "newslint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "house.yaml").write_text(HOUSE_RULES, encoding="utf-8")
    return tmp_path


def _check(run_cli, site: Path, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return run_cli("check", "--no-cache", *args, cwd=site, stdin=stdin)


def test_fix_applies_safe_fixes_only(run_cli, site: Path) -> None:
    (site / "a.txt").write_text(EN_CREDITED, encoding="utf-8")
    proc = _check(run_cli, site, "--fix", "a.txt")
    fixed = (site / "a.txt").read_text(encoding="utf-8")
    assert fixed == EN_CREDITED.replace("per cent", "percent")  # no disclaimer: unsafe
    assert "HR003" not in proc.stdout  # fixed findings are not reported as remaining
    assert "NL101" in proc.stdout and proc.returncode == 1  # what remains sets the exit code
    assert (
        "newslint: applied 1 fix to 1 file; 1 finding remaining "
        "(1 more fixable with --unsafe-fixes)." in proc.stderr
    )


def test_unsafe_fixes_add_the_house_disclaimer_and_credit_in_the_article_language(
    run_cli, site: Path
) -> None:
    (site / "en.txt").write_text(EN, encoding="utf-8")
    (site / "fr.txt").write_text(FR, encoding="utf-8")
    proc = _check(run_cli, site, "--fix", "--unsafe-fixes", "en.txt", "fr.txt")
    en = (site / "en.txt").read_text(encoding="utf-8")
    fr = (site / "fr.txt").read_text(encoding="utf-8")
    # The disclaimer (NL101) goes before the credit line (NL102), both after the body.
    assert en == EN.replace("per cent", "percent") + f"\n{HOUSE_EN}\n\nEdited by {{editor}}\n"
    assert fr == FR + f"\n{HOUSE_FR}\n\nÉdité par {{editor}}\n"
    # The placeholder is for a person to fill in: the credit finding stays, and says why.
    assert proc.stdout.count("NL102") == 2 and "NL101" not in proc.stdout
    assert "'Edited by {editor}' does not count" in proc.stdout
    assert "applied 5 fixes to 2 files; 2 findings remaining." in proc.stderr


def test_a_second_fix_run_changes_nothing(run_cli, site: Path) -> None:
    (site / "a.txt").write_text(EN + RESIDUE, encoding="utf-8")
    _check(run_cli, site, "--fix", "--unsafe-fixes", "a.txt")
    once = (site / "a.txt").read_bytes()
    os.utime(site / "a.txt", ns=(1_000_000_000, 1_000_000_000))
    proc = _check(run_cli, site, "--fix", "--unsafe-fixes", "a.txt")
    assert (site / "a.txt").read_bytes() == once
    assert (site / "a.txt").stat().st_mtime_ns == 1_000_000_000  # not even rewritten
    assert "applied 0 fixes to 0 files; 1 finding remaining." in proc.stderr
    diff = _check(run_cli, site, "--diff", "--unsafe-fixes", "a.txt")
    assert diff.stdout == "" and diff.returncode == 0


def test_no_disclaimer_is_invented_without_a_house_text(run_cli, site: Path) -> None:
    (site / "newslint.yaml").write_text("rules: {}\n", encoding="utf-8")
    (site / "a.txt").write_text(EN_CREDITED, encoding="utf-8")
    proc = _check(run_cli, site, "--fix", "--unsafe-fixes", "a.txt")
    assert (site / "a.txt").read_text(encoding="utf-8") == EN_CREDITED
    assert "NL101" in proc.stdout and "e.g." in proc.stdout  # a suggestion, not a fix
    assert "applied 0 fixes" in proc.stderr


def test_figures_and_quotes_get_suggestions_never_fixes(run_cli, site: Path) -> None:
    text = (
        "Harbour fees rise\n\nHarbour fees rose 12 percent this year.\n\n"
        "“We will not back down.”\n\nEditing by Jane Smith\n"
    )
    (site / "a.txt").write_text(text, encoding="utf-8")
    proc = _check(run_cli, site, "--fix", "--unsafe-fixes", "--select", "NL2,NL3", "a.txt")
    assert (site / "a.txt").read_text(encoding="utf-8") == text
    assert "NL201" in proc.stdout and "NL301" in proc.stdout


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.txt", EN_CREDITED.replace("per cent", "percent") + RESIDUE, None),
        (
            "a.md",
            "---\ntitle: Harbour\neditor: Jane Smith\n---\n\n# Harbour reopens\n\n"
            "The harbour reopened to ferries on Monday.\n\n## You might also like\n\n"
            "- [Ten walks along the northern coast](https://example.org/walks)\n"
            "- [Why ferry fares are rising](https://example.org/fares)\n",
            "---\ntitle: Harbour\neditor: Jane Smith\n---\n\n# Harbour reopens\n\n"
            "The harbour reopened to ferries on Monday.\n",
        ),
    ],
)
def test_unsafe_fix_removes_related_links_residue(
    run_cli, site: Path, name: str, text: str, expected: str | None
) -> None:
    (site / name).write_text(text, encoding="utf-8")
    proc = _check(run_cli, site, "--fix", "--unsafe-fixes", "--select", "NL401", name)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    want = expected if expected is not None else EN_CREDITED.replace("per cent", "percent")
    assert (site / name).read_text(encoding="utf-8") == want


def test_residue_inside_the_article_keeps_the_paragraphs_around_it(run_cli, site: Path) -> None:
    text = (
        "Harbour reopens\n\nThe harbour reopened on Monday.\n\nYou might also like\n\n"
        "Ten walks along the northern coast\n\nWhy ferry fares are rising\n\n"
        "The ferry company said timetables return to normal next week, and it added two "
        "evening crossings for the summer season.\n"
    )
    (site / "a.txt").write_text(text, encoding="utf-8")
    _check(run_cli, site, "--fix", "--unsafe-fixes", "--select", "NL401", "a.txt")
    assert (site / "a.txt").read_text(encoding="utf-8") == (
        "Harbour reopens\n\nThe harbour reopened on Monday.\n\n"
        "The ferry company said timetables return to normal next week, and it added two "
        "evening crossings for the summer season.\n"
    )


def test_diff_prints_a_unified_diff_and_writes_nothing(run_cli, site: Path) -> None:
    (site / "a.txt").write_text(EN + RESIDUE, encoding="utf-8")
    before = (site / "a.txt").read_bytes()
    proc = _check(run_cli, site, "--diff", "--unsafe-fixes", "a.txt")
    assert proc.returncode == 1
    assert (site / "a.txt").read_bytes() == before
    assert proc.stdout.startswith("--- a/a.txt\n+++ b/a.txt\n@@ ")
    assert f"+{HOUSE_EN}\n" in proc.stdout and "-You might also like\n" in proc.stdout
    assert "NL101" not in proc.stdout  # a diff, not a report
    assert "would apply 4 fixes to 1 file." in proc.stderr
    # The diff is what --fix writes: git applies it to the same bytes.
    if shutil.which("git"):
        (site / "a.patch").write_text(proc.stdout, encoding="utf-8")
        subprocess.run(["git", "apply", "a.patch"], cwd=site, check=True)
        applied = (site / "a.txt").read_bytes()
        (site / "a.txt").write_bytes(before)
        _check(run_cli, site, "--fix", "--unsafe-fixes", "a.txt")
        assert (site / "a.txt").read_bytes() == applied


def test_diff_without_unsafe_fixes_shows_only_safe_ones(run_cli, site: Path) -> None:
    (site / "a.txt").write_text(EN, encoding="utf-8")
    proc = _check(run_cli, site, "--diff", "a.txt")
    assert "+Shares of Northwind Traders rose 8 percent" in proc.stdout
    assert HOUSE_EN not in proc.stdout
    assert "would apply 1 fix to 1 file (2 more fixable with --unsafe-fixes)." in proc.stderr


def test_unsafe_fixes_alone_says_what_is_available_and_writes_nothing(run_cli, site: Path) -> None:
    (site / "a.txt").write_text(EN, encoding="utf-8")
    proc = _check(run_cli, site, "--unsafe-fixes", "a.txt")
    assert (site / "a.txt").read_text(encoding="utf-8") == EN
    assert "HR003" in proc.stdout and proc.returncode == 1
    assert "3 findings fixable with --fix --unsafe-fixes (1 of them with --fix alone)" in (
        proc.stderr
    )


@pytest.mark.parametrize(
    ("bom", "codec", "newline"),
    [
        (b"", "utf-8", "\r\n"),
        (codecs.BOM_UTF8, "utf-8", "\n"),
        (codecs.BOM_UTF8, "utf-8", "\r\n"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "\r\n"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "\n"),
    ],
)
def test_fixed_files_keep_encoding_bom_and_line_endings(
    run_cli, site: Path, bom: bytes, codec: str, newline: str
) -> None:
    text = (FR + RESIDUE.replace("You might also like", "À lire aussi")).replace("\n", newline)
    (site / "a.txt").write_bytes(bom + text.encode(codec))
    proc = _check(run_cli, site, "--fix", "--unsafe-fixes", "a.txt")
    assert "applied 3 fixes to 1 file" in proc.stderr, proc.stdout + proc.stderr
    data = (site / "a.txt").read_bytes()
    assert data.startswith(bom) and not data[len(bom) :].startswith(codecs.BOM_UTF8)
    fixed = data[len(bom) :].decode(codec)
    want = FR + f"\n{HOUSE_FR}\n\nÉdité par {{editor}}\n"
    assert fixed == want.replace("\n", newline)


def test_file_changed_while_fixing_is_not_written(run_cli, site: Path) -> None:
    """Another editor saves the file between newslint's read and its write (the probe rule
    appends a line while the file is being linted): that file is left as they saved it, the
    run says so and is incomplete (exit 3), and the other file is still fixed."""
    (site / "a.txt").write_text(EN_CREDITED.replace("Tuesday", "Tuesday TOUCHME"), "utf-8")
    (site / "b.txt").write_text(EN_CREDITED, encoding="utf-8")
    proc = run_cli(
        "check", "--no-cache", "-p", "fix_probe_plugin", "--fix", "a.txt", "b.txt", cwd=site
    )
    assert proc.returncode == 3
    a = (site / "a.txt").read_text(encoding="utf-8")
    assert "per cent" in a and a.endswith("A line another editor saved meanwhile.\n")
    assert "percent" in (site / "b.txt").read_text(encoding="utf-8")
    assert (
        "a.txt: error: changed on disk since newslint read it: fixes not written "
        "(run --fix again)" in proc.stdout
    )
    assert "applied 1 fix to 1 file" in proc.stderr


def test_fixes_that_never_settle_leave_the_file_alone(run_cli, site: Path) -> None:
    text = "Table tennis\n\nThe ping of the ball.\n\nEditing by Jane Smith\n"
    (site / "a.txt").write_text(text, encoding="utf-8")
    args = ("-p", "fix_probe_plugin", "--select", "FXP002", "--fix", "a.txt")
    proc = _check(run_cli, site, *args)
    assert proc.returncode == 3
    assert (site / "a.txt").read_text(encoding="utf-8") == text
    assert "fixes did not settle after 10 passes (rules: ping-pong); nothing was changed" in (
        proc.stdout
    )


def test_suppressed_findings_are_not_fixed(run_cli, site: Path) -> None:
    text = EN_CREDITED.replace(
        "Shares of Northwind Traders",
        "<!-- newslint-disable-next-line HR003 -- quoting the filing -->\n"
        "Shares of Northwind Traders",
    )
    (site / "a.md").write_text(text, encoding="utf-8")
    proc = _check(run_cli, site, "--fix", "a.md")
    assert (site / "a.md").read_text(encoding="utf-8") == text
    assert "applied 0 fixes to 0 files" in proc.stderr


def test_stdin_fix_prints_the_fixed_text_and_reports_on_stderr(run_cli, site: Path) -> None:
    proc = _check(run_cli, site, "--fix", "--stdin-filename", "a.txt", "-", stdin=EN_CREDITED)
    assert proc.stdout == EN_CREDITED.replace("per cent", "percent")
    assert "a.txt:" in proc.stderr and "NL101" in proc.stderr and "HR003" not in proc.stderr
    assert proc.returncode == 1
    diff = _check(run_cli, site, "--diff", "-", stdin=EN_CREDITED)
    assert diff.stdout.startswith("--- a/-\n+++ b/-\n") and diff.returncode == 1


def test_fix_keeps_permissions_and_symbolic_links(run_cli, site: Path) -> None:
    real = site / "real.txt"
    real.write_text(EN_CREDITED, encoding="utf-8")
    real.chmod(0o640)
    (site / "link.txt").symlink_to("real.txt")
    _check(run_cli, site, "--fix", "link.txt")
    assert (site / "link.txt").is_symlink()
    assert "percent" in real.read_text(encoding="utf-8")
    assert real.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in site.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--fix", "--baseline", "b.json"), "--fix cannot be combined with --baseline"),
        (("--fix", "--write-baseline", "b.json"), "--fix cannot be combined with --write-baseline"),
        (("--diff", "--format", "json"), "--diff prints a diff instead of a report"),
    ],
)
def test_conflicting_options_are_usage_errors(
    run_cli, site: Path, args: tuple[str, ...], message: str
) -> None:
    (site / "a.txt").write_text(EN, encoding="utf-8")
    proc = _check(run_cli, site, *args, "a.txt")
    assert proc.returncode == 2
    assert f"newslint: usage error: {message}" in proc.stderr
    assert (site / "a.txt").read_text(encoding="utf-8") == EN


def test_html_gets_no_unsafe_fix_and_bad_input_stops_only_its_file(run_cli, site: Path) -> None:
    html = (
        "<html><body><h1>Harbour reopens</h1><p>The harbour reopened on Monday.</p>"
        "<h3>You might also like</h3><p>Ten walks along the northern coast</p>"
        "<p>Why ferry fares are rising</p></body></html>\n"
    )
    (site / "a.html").write_text(html, encoding="utf-8")
    (site / "b.txt").write_bytes(b"Caf\xe9 prices rose 3 per cent.\n")  # Latin-1: unreadable
    (site / "c.txt").write_text(EN_CREDITED, encoding="utf-8")
    proc = _check(run_cli, site, "--fix", "--unsafe-fixes", "a.html", "b.txt", "c.txt")
    assert proc.returncode == 3
    assert (site / "a.html").read_text(encoding="utf-8") == html
    assert "NL401" in proc.stdout  # still reported
    assert (site / "b.txt").read_bytes() == b"Caf\xe9 prices rose 3 per cent.\n"
    assert "b.txt: error: not valid UTF-8" in proc.stdout
    assert HOUSE_EN in (site / "c.txt").read_text(encoding="utf-8")


def test_insertions_go_after_closing_markdown_markup(run_cli, site: Path) -> None:
    """The body's last line is emphasised: the disclaimer goes after the closing ``*``, as a
    paragraph of its own, not inside the emphasis."""
    last = "*The author has no position in any of the stocks mentioned.*"
    text = EN_CREDITED.replace("per cent", "percent") + f"\n{last}\n"
    (site / "a.md").write_text(text, encoding="utf-8")
    _check(run_cli, site, "--fix", "--unsafe-fixes", "--select", "NL101", "a.md")
    assert (site / "a.md").read_text(encoding="utf-8") == text + f"\n{HOUSE_EN}\n"
