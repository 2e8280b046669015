"""The HTML report at archive scale: how big it is and how fast Chromium loads it.

    python benchmarks/html_report.py [--count 5000] [--runs 5] [--work DIR] [--keep]

Generates ``--count`` articles with ``gen_corpus.py``, writes ``newslint check --format
html=report.html`` (timed), then opens the report ``--runs`` times in headless Chromium
(Debian's ``/usr/bin/chromium`` through Playwright; no browser is downloaded) and prints
the time from navigation start to the end of the load event (median, min, max), when
parsing ended (``domInteractive``), the size in bytes per article and per finding, and the
load average: the machine is often shared, and load time follows the CPU it gets. Goal:
under 2 s at 5,000 articles.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import generate  # noqa: E402

CHROMIUM = os.environ.get("NEWSLINT_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMING = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  return [n.responseEnd, n.domInteractive, n.loadEventEnd];
}"""


def load_times(report: Path, runs: int) -> list[tuple[float, float, float]]:
    """(response end, DOM interactive, load event end) in ms, one per fresh page."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.goto(report.as_uri(), wait_until="load", timeout=120_000)
                out.append(tuple(page.evaluate(TIMING)))
                if errors:
                    raise SystemExit(f"the page failed: {errors[0]}")
                page.close()
        finally:
            browser.close()
    return out  # type: ignore[return-value]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--work", type=Path, default=None, help="folder to work in (kept)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="newslint-html-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = work / "corpus"
        if not corpus.is_dir():
            generate(corpus, args.count)
        report = work / "report.html"
        cmd = [sys.executable, "-m", "newslint", "check", "--no-cache", "--isolated"]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        cmd += ["--format", f"html={report}", "--format", f"json={work / 'report.json'}"]
        start = time.perf_counter()
        proc = subprocess.run([*cmd, str(corpus)], capture_output=True, text=True, check=False)
        lint_s = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            print(proc.stderr, file=sys.stderr)
            return 2
        findings = len(json.loads((work / "report.json").read_text(encoding="utf-8"))["findings"])
        size = report.stat().st_size
        source = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
        print(f"articles: {args.count}  findings: {findings}  article text: {source / 1e6:.1f} MB")
        print(f"lint + html + json: {lint_s:.1f} s")
        print(
            f"report size: {size / 1e6:.1f} MB  ({size / args.count:,.0f} B/article, "
            f"{size / max(findings, 1):,.0f} B/finding, {size / source:.2f}× the text)"
        )
        if not os.access(CHROMIUM, os.X_OK):
            print(f"no Chromium at {CHROMIUM}: load time not measured")
            return 0
        times = load_times(report, args.runs)
        loads = [t[2] for t in times]
        parsed = [t[1] for t in times]
        print(
            f"load event (ms, {args.runs} runs): median {statistics.median(loads):.0f}  "
            f"min {min(loads):.0f}  max {max(loads):.0f}  "
            f"(DOM parsed: median {statistics.median(parsed):.0f})"
        )
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        verdict = "met" if statistics.median(loads) < 2000 else "NOT met"
        print(f"goal (< 2000 ms at 5,000 articles): {verdict}")
        return 0
    finally:
        if not (args.keep or args.work):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
