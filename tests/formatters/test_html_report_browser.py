"""The HTML report in a real headless Chromium (Debian's ``/usr/bin/chromium``, driven by
Playwright; no browser is ever downloaded): highlights, filters, keys, no console error or
policy violation, and a screenshot whose path is printed.

Skipped where Chromium or Playwright is missing, except under ``CI=true``, where that fails:
CI installs both (``.ci/run``, the ``test`` extra).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from browser import ARGS, CHROMIUM, browser_or_skip
from fmt_helpers import CliRunner
from html_helpers import HTML_PROBE, offset

ARTICLES = {
    "news/evil.txt": (
        "Evil headline <script>window.__pwned = 'text'</script>\n\n"
        'A caption "><img src=x onerror="window.__pwned=1"> and a closing </script> too.\n\n'
        "A line with NEST inside and OVER LAP ZONE after it.\n"
        "Then MISSING at the end.\n"
    ),
    "news/nest.md": "# A NEST headline\n\nSome text with OVER LAP ZONE and NEST again.\n",
    "calm/quiet.txt": "Quiet headline\n\nNothing to see in this calm paragraph at all.\n",
}


def _until(condition: Any, seconds: float = 5.0) -> None:
    """Poll from Python: the page's policy forbids the eval that wait_for_function uses."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the page did not get there in time"
        time.sleep(0.05)


@pytest.fixture
def report(cli: CliRunner, tmp_path: Path) -> Path:
    """The report (``report.html``) and the same run's findings as JSON (``report.json``)."""
    for name, text in ARTICLES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    proc = cli(
        "check",
        "-p",
        HTML_PROBE,
        "--select",
        "XH",  # the probe's rules only: findings the test controls
        "--no-cache",
        "--format",
        "html=report.html",
        "--format",
        "json=report.json",
        "news",
        "calm",
    )
    assert proc.returncode == 1, proc.stderr
    return tmp_path / "report.html"


# Per finding of every article: its index and the text of all marks naming it.
MARKED = """() => Array.from(document.querySelectorAll("section.art")).map(sec => {
  const marked = {};
  for (const m of sec.querySelectorAll("pre mark[data-f]")) {
    for (const id of m.dataset.f.split(" ")) marked[id] = (marked[id] || "") + m.textContent;
  }
  return {path: sec.dataset.p, codes: (sec.dataset.c || "").split(" ").filter(Boolean), marked};
})"""

SHOWN = """() => Array.from(document.querySelectorAll("section.art"))
  .filter(s => !s.hidden).map(s => s.dataset.p)"""

LIT = """() => Array.from(document.querySelectorAll("pre mark[data-f]:not(.off)"))
  .map(m => m.closest("section").dataset.c.split(" ")[+m.dataset.f.split(" ")[0]])"""


def test_report_in_chromium(report: Path, tmp_path: Path) -> None:
    sync_playwright = browser_or_skip()
    data = json.loads(report.with_name("report.json").read_text(encoding="utf-8"))
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on(
                "console",
                lambda m: (
                    problems.append(f"console {m.type}: {m.text}")
                    if m.type in ("error", "warning")
                    else None
                ),
            )
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.add_init_script(
                """document.addEventListener("securitypolicyviolation",
                     e => console.error("CSP violation: " + e.violatedDirective))"""
            )
            page.goto(report.as_uri(), wait_until="load")

            # Articles are made as they come into view: bring each one there.
            for i in range(len(ARTICLES)):
                page.evaluate(f"document.querySelectorAll('section.art')[{i}].scrollIntoView()")
            _until(
                lambda: page.evaluate("document.querySelectorAll('.art:not(.ready)').length") == 0
            )
            page.evaluate("window.scrollTo(0, 0)")

            # Every finding's marks spell exactly the text it flags.
            articles = page.evaluate(MARKED)
            assert [a["path"] for a in articles] == sorted(ARTICLES)  # discovery order
            for art in articles:
                findings = [f for f in data["findings"] if f["path"] == art["path"]]
                assert art["codes"] == [f["code"] for f in findings]
                source = ARTICLES[art["path"]]
                for i, f in enumerate(findings):
                    got = art["marked"].get(str(i))
                    assert got is not None, f
                    start = offset(source, f["line"], f["column"])
                    end = offset(source, f["end_line"], f["end_column"])
                    assert got == source[start:end], (got, f)
                    assert " ".join(got.split()) == f["excerpt"], (got, f)
            assert page.evaluate("window.__pwned") is None
            assert page.evaluate("document.querySelectorAll('img, pre script').length") == 0
            evil_text = page.evaluate(
                "document.querySelector('section.art[data-p$=\"evil.txt\"] pre').textContent"
            )
            assert evil_text == ARTICLES["news/evil.txt"]  # hostile markup shown as text
            assert "window.__pwned" in ARTICLES["news/evil.txt"]

            # The summary's table of files and list of passed ones (made by the script).
            rows = page.evaluate(
                "Array.from(document.querySelectorAll('table.files tbody tr'))"
                ".map(r => Array.from(r.cells).map(c => c.textContent))"
            )
            assert rows == [
                ["calm/quiet.txt", "en", "0", "0", "0", "0"],
                ["news/evil.txt", "en", "2", "4", "1", "0"],
                ["news/nest.md", "en", "0", "6", "0", "0"],
            ]
            assert page.inner_text("ul.passed") == "calm/quiet.txt"

            # Filters: one rule, then one severity, then a file; then everything again.
            page.select_option("#nl-rule", "XH202")
            assert page.evaluate(SHOWN) == ["news/evil.txt", "news/nest.md"]
            assert set(page.evaluate(LIT)) <= {"XH202", "XH201"}  # nested marks stay lit
            assert "XH101" not in page.evaluate(LIT)
            page.select_option("#nl-rule", "")
            page.uncheck("input.nl-sev[value='w']")
            assert page.evaluate(SHOWN) == ["news/evil.txt"]  # error + info live there only
            page.check("input.nl-sev[value='w']")
            page.fill("#nl-file", "nest")
            _until(lambda: page.evaluate(SHOWN) == ["news/nest.md"])  # typing is debounced
            page.fill("#nl-file", "")
            _until(lambda: len(page.evaluate(SHOWN)) == 3)

            # Keys: j moves focus to the first finding's mark, j again to the next, k back.
            page.locator("body").click(position={"x": 5, "y": 300})
            page.keyboard.press("j")
            first = page.evaluate("document.activeElement.dataset.f")
            assert first is not None and "0" in first.split()
            page.keyboard.press("j")
            page.keyboard.press("n")
            third = page.evaluate(
                "[document.activeElement.closest('section').dataset.p,"
                " document.activeElement.dataset.f]"
            )
            page.keyboard.press("k")
            page.keyboard.press("p")
            assert page.evaluate("document.activeElement.dataset.f") == first
            assert third[1] != first
            page.wait_for_selector("#nl-detail:not([hidden])")
            assert "markup" in page.inner_text("#nl-detail")
            status = page.inner_text("#nl-status")
            assert status.startswith("Finding 1 of ")
            # The details of the hostile finding show its evidence as text.
            page.keyboard.press("j")
            page.keyboard.press("k")
            detail = page.inner_text("#nl-detail")
            assert "window.__pwned = 'evidence'" in detail and "Suggested fix" in detail

            shot = tmp_path / "html-report.png"
            page.screenshot(path=str(shot))
            print(f"\nHTML report screenshot: {shot}")
            assert shot.stat().st_size > 10_000
            page.wait_for_timeout(100)
        finally:
            browser.close()
    assert problems == []


def test_policy_blocks_a_script_the_page_did_not_bring(report: Path, tmp_path: Path) -> None:
    """The policy is in force (our own script runs only because its hash is listed)."""
    sync_playwright = browser_or_skip()
    tampered = tmp_path / "tampered.html"
    text = report.read_text(encoding="utf-8")
    tampered.write_text(
        text.replace("</main>", "<script>window.__pwned = 'injected'</script></main>", 1),
        encoding="utf-8",
    )
    messages: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.on("console", lambda m: messages.append(m.text))
            page.goto(tampered.as_uri(), wait_until="load")
            assert page.evaluate("window.__pwned") is None
            assert page.evaluate("document.querySelectorAll('img, pre script').length") == 0
            evil_text = page.evaluate(
                "document.querySelector('section.art[data-p$=\"evil.txt\"] pre').textContent"
            )
            assert evil_text == ARTICLES["news/evil.txt"]  # hostile markup shown as text
            assert page.inner_text("#nl-status")  # the page's own script did run
        finally:
            browser.close()
    assert any("Content Security Policy" in m for m in messages), messages


def test_script_words_follow_the_message_language(cli: CliRunner, tmp_path: Path) -> None:
    """The words the page's script writes (status, finding panel) come translated from the
    page's data, not from the script: a French report says them in French."""
    sync_playwright = browser_or_skip()
    (tmp_path / "a.txt").write_text("Titre\n\nUn passage avec NEST dedans.\n", encoding="utf-8")
    args = ("-p", HTML_PROBE, "--select", "XH", "--no-cache", "--message-lang", "fr")
    proc = cli("check", *args, "--format", "html=r.html", "a.txt")
    assert proc.returncode == 1, proc.stderr
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.goto((tmp_path / "r.html").as_uri(), wait_until="load")
            assert page.evaluate("document.documentElement.lang") == "fr"
            page.keyboard.press("j")
            page.wait_for_selector("#nl-detail:not([hidden])")
            assert page.inner_text("#nl-status").startswith("Signalement 1 sur ")
            assert "ligne 3, colonne " in page.inner_text("#nl-detail")
        finally:
            browser.close()
