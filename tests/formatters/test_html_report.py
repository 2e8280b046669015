"""``--format html``: escaping, policy, highlights, errors, size, words — through the real CLI
where a user would see it, in process where only the formatter is under test."""

from __future__ import annotations

import ast
import io
import json
from pathlib import Path

import pytest
from fmt_helpers import CliRunner, finding, run_info
from html_helpers import HTML_PROBE, as_parsed, offset, parse, sha256_source
from newslint.findings import FileResult
from newslint.formatters import FileTally, Summary
from newslint.formatters.html import HtmlFormatter
from newslint.formatters.html_article import DATA_TYPE, segments

EVIL = (
    "Evil headline <script>alert(1)</script>\n\n"
    'A caption "><img src=x onerror=alert(2)> sits here, and a closing </script> too.\n\n'
    "A line with NEST inside and OVER LAP ZONE after it.\r\n"
    "Windows line, then MISSING at the end & more <!-- a comment opener\n"
)
PLAIN = "Quiet headline\n\nNothing to see in this calm paragraph about the weather.\n"


def _run(cli: CliRunner, tmp_path: Path, *args: str) -> tuple[str, dict]:
    proc = cli(
        "check",
        "-p",
        HTML_PROBE,
        "--isolated",
        "--no-cache",
        "--format",
        "html=report.html",
        "--format",
        "json=report.json",
        *args,
    )
    assert proc.returncode in (0, 1, 3), proc.stderr
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    return html, json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))


@pytest.fixture
def evil(cli: CliRunner, tmp_path: Path) -> tuple[str, dict]:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "evil.txt").write_bytes(EVIL.encode())
    (tmp_path / "news" / "calm.txt").write_text(PLAIN, encoding="utf-8")
    return _run(cli, tmp_path, "news")


def test_article_text_never_becomes_markup(evil: tuple[str, dict]) -> None:
    html, data = evil
    report = parse(html)
    # The page's own elements only: no <img>, and scripts are the data blocks plus ours.
    assert "img" not in report.tags
    assert "<img" not in html
    kinds = [a.get("type", "") for a, _ in report.scripts]
    assert kinds.count("") == 1  # the page's one script
    assert kinds.count("application/json") == 2  # its words, the table of files
    assert kinds.count(DATA_TYPE) == len(report.articles) == 2
    # Each raw-text block ends where it should: no </script> or <!-- inside any of them.
    assert html.count("</script>") == len(report.scripts)
    for _, text in report.scripts:
        assert "<" not in text or text.startswith("(function")  # JSON/base64 carry none
        assert "\u2028" not in text and "\u2029" not in text
    evil_article = next(a for a in report.articles if a.attrs["data-p"].endswith("evil.txt"))
    assert evil_article.text == as_parsed(EVIL)  # shown as text, character for character
    # The hostile evidence and fix arrive intact as data, for the script to show as text.
    probe = [f for f in data["findings"] if f["code"] == "XH101"]
    assert evil_article.data is not None
    shown = [row for row in evil_article.data if row[0] == "XH101"]
    assert [row[6] for row in shown] == [f["evidence"] for f in probe]
    assert "</script><script>window.__pwned" in shown[0][6]["closing"]
    assert shown[0][7][2][0][2] == "<img src=x onerror=alert(4)>"
    assert shown[0][7][2][0][3] == "<script>alert(1)</script>"  # the text it replaces


def test_policy_allows_only_this_script_and_style(evil: tuple[str, dict]) -> None:
    html, _ = evil
    report = parse(html)
    policy = dict(
        (part.split()[0], part.split()[1:]) for part in report.csp.split(";") if part.strip()
    )
    assert policy["default-src"] == ["'none'"]
    (page_script,) = [text for a, text in report.scripts if not a.get("type")]
    assert policy["script-src"] == [sha256_source(page_script)]
    assert policy["style-src"] == [sha256_source(report.styles[0])]
    assert len(report.styles) == 1
    assert "'unsafe-inline'" not in report.csp and "'unsafe-eval'" not in report.csp
    assert policy["require-trusted-types-for"] == ["'script'"]
    # The policy comes before anything it governs.
    assert html.index("Content-Security-Policy") < html.index("<style>")
    # Nothing on the page reaches out (these articles hold no address): in-page anchors only.
    assert "://" not in html
    assert 'style="' not in html  # inline style attributes would need 'unsafe-inline'


def test_each_finding_is_marked_at_its_span(evil: tuple[str, dict], tmp_path: Path) -> None:
    html, data = evil
    report = parse(html)
    by_path: dict[str, list[dict]] = {}
    for f in data["findings"]:
        by_path.setdefault(f["path"], []).append(f)
    checked = 0
    for article in report.articles:
        path = article.attrs["data-p"]
        source = (tmp_path / path).read_bytes().decode()
        findings = by_path.get(path, [])
        assert article.data is not None and len(article.data) == len(findings)
        assert article.attrs["data-c"].split() == [f["code"] for f in findings]
        for i, f in enumerate(findings):
            start = offset(source, f["line"], f["column"])
            end = offset(source, f["end_line"], f["end_column"])
            assert i in article.marked, f  # every finding has a mark, even an empty span
            expected = source[start:end]
            if expected.endswith("\r") and source.startswith("\n", end):
                expected = expected[:-1]  # half a CR LF: the one line break follows the mark
            assert article.marked_text(i) == as_parsed(expected), f
            checked += 1
    assert checked == len(data["findings"]) >= 7
    evil_article = next(a for a in report.articles if a.attrs["data-p"].endswith("evil.txt"))
    nested = [ids for _, ids in evil_article.marks if len(ids) > 1]
    assert nested, "nested and overlapping spans share marks"
    points = [cls for cls, _ in evil_article.marks if cls.startswith("p ")]
    assert points == ["p i"]  # MISSING: an empty span, marked where it points


def test_segments_handle_nesting_overlap_and_edges() -> None:
    text = "abcdefghij"
    out = segments(text, [(0, 10, 0, "w"), (2, 5, 1, "e"), (4, 8, 2, "i"), (10, 10, 3, "i")])
    assert out == [
        ["ab", "0", "w"],
        ["cd", "0 1", "e m"],
        ["e", "0 1 2", "e m"],
        ["fgh", "0 2", "w m"],
        ["ij", "0", "w"],
        ["", "3", "p i"],
    ]
    # Spans past the text are clamped; a cut between CR and LF writes one line break.
    assert segments("a\r\nb\rc", [(0, 2, 0, "w"), (9, 12, 1, "e")]) == [
        ["a", "0", "w"],
        "\nb\nc",
        ["", "1", "p e"],
    ]
    assert segments("<&>", []) == ["<&>"]  # text stays text: the page never parses it


def test_errors_are_listed_first_and_the_page_still_renders(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine headline\n\nNEST in a fine line.\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "huge.txt").write_text("Big headline\n\n" + "word " * 400, encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text("max-file-size: 1000\n", encoding="utf-8")
    proc = cli("check", "-p", HTML_PROBE, "--no-cache", "--format", "html", "-o", "r.html", ".")
    assert proc.returncode == 3, proc.stderr  # incomplete: some files could not be linted
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>")
    errors = html.index('id="nl-errors"')
    assert errors < html.index('id="nl-summary"') < html.index('class="art"')
    section = html[errors : html.index("</section>", errors)]
    assert "binary.txt" in section and "NUL" in section
    assert "huge.txt" in section and "1,000-byte limit" in section
    report = parse(html)
    assert [a.attrs["data-p"] for a in report.articles] == ["ok.txt"]


def test_stdout_and_output_option(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A headline\n\nNEST here.\n", encoding="utf-8")
    proc = cli("check", "-p", HTML_PROBE, "--no-cache", "--format", "html", "a.txt")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("<!DOCTYPE html>")
    assert "NEST" in parse(proc.stdout).articles[0].text
    assert cli("check", "--format", "html", "-o", "o.html", "a.txt").returncode in (0, 1)
    assert (tmp_path / "o.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cached_rerun_writes_the_same_page(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    for i in range(3):
        (tmp_path / "news" / f"a{i}.txt").write_text(f"Head {i}\n\nNEST {i}.\n", encoding="utf-8")
    args = ("check", "-p", HTML_PROBE, "--format", "html=news/report.html", "news")
    first = cli(*args)
    page = (tmp_path / "news" / "report.html").read_text(encoding="utf-8")
    second = cli(*args)  # every article a cache hit; the old report is not an article
    assert first.returncode == second.returncode == 1, second.stderr
    assert (tmp_path / "news" / "report.html").read_text(encoding="utf-8") == page
    assert len(parse(page).articles) == 3


def _page(results: list[FileResult], **extra: object) -> str:
    stream = io.StringIO()
    fmt = HtmlFormatter(stream, run_info(extra=extra))
    summary = Summary()
    fmt.begin()
    for r in results:
        summary.add(FileTally.of(r))
        fmt.file(r)
    fmt.end(summary)
    return stream.getvalue()


def _article(i: int) -> FileResult:
    source = f"Headline {i}\n\nBody with BRAVO in it and more words after.\n"
    start = source.index("BRAVO")
    f = finding(f"a{i}.txt", 3, 11, offset=start, end_offset=start + 5)
    return FileResult(f"a{i}.txt", findings=[f], lang="en", source=source)


def test_size_grows_linearly_with_articles() -> None:
    sizes = [len(_page([_article(i) for i in range(n)]).encode()) for n in (400, 800, 1600)]
    per_article = [(sizes[1] - sizes[0]) / 400, (sizes[2] - sizes[1]) / 800]
    assert per_article[0] == pytest.approx(per_article[1], rel=0.02)
    assert per_article[1] < 1200  # ~60 characters of text: markup stays compact


def test_every_word_goes_through_t() -> None:
    seen: list[str] = []

    def t(msgid: str) -> str:
        seen.append(msgid)
        return f"\u27e6{msgid}\u27e7"

    page = _page([_article(0), FileResult("gone.txt", errors=[], linted=False)], translate=t)
    assert "\u27e6newslint report\u27e7" in page
    assert "\u27e6Findings by rule\u27e7" in page and "\u27e6Next\u27e7" in page
    words = json.loads(page.split('id="nl-words">')[1].split("</script>")[0])
    assert all(v.startswith("\u27e6") for v in words.values())
    assert {"Evidence", "Suggested fix", "error", "warning"} <= set(seen)


@pytest.mark.parametrize("module", ["html_page", "html_article"])
def test_words_are_literal_t_arguments(module: str) -> None:
    """A catalog extractor finds a word only in ``t("literal")``."""
    path = Path(__file__).parents[2] / "lint" / "formatters" / f"{module}.py"
    calls = [
        node
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"
    ]
    assert calls
    for call in calls:
        assert len(call.args) == 1 and isinstance(call.args[0], ast.Constant), ast.dump(call)
        assert isinstance(call.args[0].value, str)


def test_a_result_without_its_text_still_renders() -> None:
    """Library users may hand the formatter results linted without ``keep_source``."""
    result = _article(1)
    result.source = None
    report = parse(_page([result]))
    (article,) = report.articles
    assert article.text == "" and article.data is not None and len(article.data) == 1


def test_cache_hits_without_this_page_are_linted_again(cli: CliRunner, tmp_path: Path) -> None:
    """The cache keeps no article text: a hit that lacks the page's part (cached by a run
    with other formats) is linted again, never shown without its text."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Head\n\nNEST and OVER LAP ZONE.\n", encoding="utf-8")
    base = ("check", "-p", HTML_PROBE, "--cache-dir", "cache", "--format", "html=one.html")
    assert cli(*base, "news").returncode == 1
    # Same run key (a format that shows articles), but now a second format joins: the
    # hits have no json part, so the article is linted again and both reports are whole.
    proc = cli(*base, "--format", "json=one.json", "news")
    assert proc.returncode == 1, proc.stderr
    assert "NEST" in parse((tmp_path / "one.html").read_text(encoding="utf-8")).articles[0].text
    codes = [f["code"] for f in json.loads((tmp_path / "one.json").read_text())["findings"]]
    assert "XH201" in codes and "XH202" in codes
    # With a baseline the results are post-processed: no cache, still the article's text.
    proc = cli(*base, "--write-baseline", "base.json", "news")
    assert proc.returncode == 0, proc.stderr
    proc = cli(*base, "--baseline", "base.json", "news")
    assert proc.returncode == 0, proc.stderr
    (article,) = parse((tmp_path / "one.html").read_text(encoding="utf-8")).articles
    assert "NEST" in article.text and article.data == []
