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


FILTER = """() => {
  const t = performance.now(), rule = document.getElementById("nl-rule");
  rule.value = rule.options[1].value;
  rule.dispatchEvent(new Event("change"));
  const spent = performance.now() - t;
  rule.value = "";
  rule.dispatchEvent(new Event("change"));
  return spent;
}"""


def load_times(report: Path, runs: int) -> list[dict[str, float]]:
    """Per fresh page, in ms: response end, DOM parsed, load event end, the main thread's
    busy time up to then (CPU, so less sensitive to a shared machine), a rule filter over
    every article, and the first ``j`` until focus is on a marked finding."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.goto(report.as_uri(), wait_until="load", timeout=120_000)
                metrics = {
                    m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]
                }
                response, parsed, load = page.evaluate(TIMING)
                row = {
                    "response": response,
                    "parsed": parsed,
                    "load": load,
                    "main": metrics.get("TaskDuration", 0.0) * 1000,
                    "nodes": metrics.get("Nodes", 0.0),
                    "filter": page.evaluate(FILTER),
                }
                start = time.perf_counter()
                page.keyboard.press("j")
                while page.evaluate("document.activeElement.tagName") != "MARK":
                    if time.perf_counter() - start > 30:
                        raise SystemExit("j did not move focus to a finding")
                    time.sleep(0.01)
                row["next"] = (time.perf_counter() - start) * 1000
                out.append(row)
                if errors:
                    raise SystemExit(f"the page failed: {errors[0]}")
                page.close()
        finally:
            browser.close()
    return out


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
        loads = [t["load"] for t in times]

        def med(key: str) -> float:
            return statistics.median(t[key] for t in times)

        print(
            f"load event (ms, {args.runs} runs): median {med('load'):.0f}  "
            f"min {min(loads):.0f}  max {max(loads):.0f}  "
            f"(response end {med('response'):.0f}, DOM parsed {med('parsed'):.0f})"
        )
        print(
            f"main thread busy until load (CPU ms): median {med('main'):.0f}; "
            f"DOM nodes: {med('nodes'):,.0f}"
        )
        print(
            f"rule filter over every article: median {med('filter'):.0f} ms; "
            f"first j to a focused finding: median {med('next'):.0f} ms"
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
