"""Compare two newslint installs on the same files in one run (before/after a change).

    python benchmarks/compare.py BEFORE_BIN AFTER_BIN [--count 1000] [--rounds 3] [--jobs 2]

BEFORE_BIN and AFTER_BIN are ``newslint`` executables (e.g. two virtualenvs, one on the old
commit). The script generates one corpus with ``gen_corpus.py`` (seed 1), then alternates the
two installs (so a busy machine slows both alike) and prints, per install, the median
start-up of ``newslint check one.txt`` and the median throughput of
``newslint check --no-cache --jobs N --format json DIR``, with the after/before ratio.
Machines here vary by ±20% between runs: compare ratios from one run, not absolute figures
across runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.decode()[:400]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--startup-runs", type=int, default=10)
    ap.add_argument("--jobs", default="2")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        subprocess.run(
            [
                sys.executable,
                str(HERE / "gen_corpus.py"),
                str(corpus),
                "--count",
                str(args.count),
                "--seed",
                "1",
            ],
            check=True,
            capture_output=True,
        )
        files = sorted(p for p in corpus.rglob("*") if p.is_file())
        one = next(p for p in files if p.suffix == ".txt")
        bins = {"before": args.before, "after": args.after}
        startup: dict[str, list[float]] = {k: [] for k in bins}
        rate: dict[str, list[float]] = {k: [] for k in bins}
        for exe in bins.values():  # warm-up: bytecode, per-user caches
            _timed([str(exe), "check", "--no-cache", str(one)], work)
        for _ in range(args.startup_runs):
            for name, exe in bins.items():
                startup[name].append(_timed([str(exe), "check", "--no-cache", str(one)], work))
        for _ in range(args.rounds):
            for name, exe in bins.items():
                cmd = [str(exe), "check", "--no-cache", "--jobs", args.jobs, "--format", "json"]
                elapsed = _timed([*cmd, str(corpus)], work)
                rate[name].append(len(files) / elapsed)
        print(
            f"{len(files)} files from gen_corpus.py --count {args.count} --seed 1; "
            f"--jobs {args.jobs}; medians of {args.startup_runs} start-ups, {args.rounds} runs"
        )
        for name in bins:
            print(
                f"  {name:<7} start-up {1000 * statistics.median(startup[name]):6.0f} ms   "
                f"throughput {statistics.median(rate[name]):7.1f} articles/s"
            )
        s_ratio = statistics.median(startup["after"]) / statistics.median(startup["before"])
        r_ratio = statistics.median(rate["after"]) / statistics.median(rate["before"])
        print(f"  after/before: start-up ×{s_ratio:.2f}, throughput ×{r_ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
