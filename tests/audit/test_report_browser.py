"""The audit's report.html in a real headless Chromium (Debian's ``/usr/bin/chromium``, driven
by Playwright; no browser is downloaded): no console error or policy violation, every chart
drawn and coloured under the policy, hostile metadata inert; a screenshot's path is printed.

Skipped where Chromium or Playwright is missing, except under ``CI=true``, where that fails
(CI installs both), as in tests/formatters/test_html_report_browser.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser import ARGS, CHROMIUM, browser_or_skip
from newslint.audit.report import write_report
from report_fixtures import synthetic

HOSTILE = '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">'

CHARTS = """() => Array.from(document.querySelectorAll("svg.chart")).map(s => {
  const r = s.getBoundingClientRect();
  const fills = new Set(Array.from(s.querySelectorAll("path")).flatMap(p => {
    const c = getComputedStyle(p);
    return [c.fill, c.stroke];
  }).filter(f => f !== "none"));
  return {w: r.width, h: r.height, label: s.getAttribute("aria-label"),
          fills: fills.size, visible: s.checkVisibility()};
})"""


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """A synthetic audit of 3,000 articles, one desk named with hostile markup."""
    out = synthetic(tmp_path / "out", 3000, 3)
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    for folder in ("articles", "findings"):
        for part in (out / folder).glob("part-*.parquet"):
            table = pq.read_table(part)
            i = table.schema.get_field_index("meta.desk")
            desk = pc.replace_substring(table.column(i), "desk-03", HOSTILE)
            pq.write_table(table.set_column(i, pa.field("meta.desk", pa.string()), desk), part)
    return write_report(out)


def _open(p: Any, path: Path, problems: list[str]) -> Any:
    browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.add_init_script(
        """document.addEventListener("securitypolicyviolation",
             e => console.error("CSP violation: " + e.violatedDirective))"""
    )
    page.goto(path.as_uri(), wait_until="load")
    return browser, page


def test_report_in_chromium(report: Path, tmp_path: Path) -> None:
    sync_playwright = browser_or_skip()
    problems: list[str] = []
    with sync_playwright() as p:
        browser, page = _open(p, report, problems)
        try:
            charts = page.evaluate(CHARTS)
            assert [c["label"] for c in charts] == [
                "Compliance by rule",
                "Compliance by month",
                "Compliance by language",
                "Compliance by desk",
                "Compliance by author",
            ]
            for c in charts:
                assert c["visible"] and c["w"] > 300 and c["h"] > 100, c
                # Styles moved to classes do apply: bars, cells and lines in several colours.
                assert c["fills"] >= 3, c
            assert page.evaluate("window.__pwned") is None
            assert page.evaluate("document.querySelectorAll('img, script').length") == 0
            assert HOSTILE in page.inner_text("body")  # shown as text
            shot = tmp_path / "audit-report.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"\naudit report screenshot: {shot}")
            assert shot.stat().st_size > 20_000
        finally:
            browser.close()
    assert problems == []


def test_policy_blocks_inline_styles(report: Path, tmp_path: Path) -> None:
    """Why charts carry classes, not matplotlib's style attributes: the policy drops those."""
    sync_playwright = browser_or_skip()
    tampered = tmp_path / "tampered.html"
    text = report.read_text(encoding="utf-8")
    probe = '<svg id="probe"><rect width="9" height="9" style="fill: rgb(255, 0, 0)"/></svg>'
    tampered.write_text(text.replace("</main>", probe + "</main>", 1), encoding="utf-8")
    problems: list[str] = []
    with sync_playwright() as p:
        browser, page = _open(p, tampered, problems)
        try:
            fill = page.evaluate("getComputedStyle(document.querySelector('#probe rect')).fill")
            assert fill != "rgb(255, 0, 0)"
        finally:
            browser.close()
    assert any("CSP violation: style-src" in m for m in problems), problems
