"""``newslint audit`` on a .jsonl.gz against ``newslint check`` on the same articles as files.

    python benchmarks/audit_bench.py [--counts 10000,200000] [--work DIR] [--workers 2]

For each count N (the first N of one generated corpus: benchmarks/gen_corpus.py, five
languages, .txt/.md/.html, ~6 KB each), in the same run:

- ``newslint check --no-cache --jobs W --isolated`` over the N articles as files (report to
  /dev/null), and
- ``newslint audit export.jsonl.gz --workers W --isolated --no-report`` over the same N
  articles as one JSON Lines export (id, text, format columns),

each timed (wall clock) with the peak RSS of its driver process and of its largest worker
process (children sampled from /proc through psutil every 0.1 s). Prints articles/s for
both, the audit/check ratio, the peak memory, and per-article cost (µs of wall time per
article per worker) for the linearity check across counts. The audit's report.html is not
part of this measure (``--no-report``): it reads the results afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
FORMATS = {".txt": "text", ".md": "markdown", ".html": "html"}


def corpus(work: Path, count: int, seed: int) -> list[Path]:
    """The generated articles, kept between runs of the benchmark (same count and seed)."""
    folder = work / f"files-{seed}"
    stamp = folder / ".count"
    if stamp.exists() and int(stamp.read_text()) >= count:
        files = sorted(p for p in folder.rglob("a*") if p.is_file())
        return files[:count]
    sys.path.insert(0, str(HERE))
    from gen_corpus import generate

    shutil.rmtree(folder, ignore_errors=True)
    files = sorted(generate(folder, count, seed=seed))
    stamp.write_text(str(count))
    return files


def export(files: list[Path], dest: Path) -> Path:
    if dest.exists():
        return dest
    tmp = dest.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=6) as fh:
        for p in files:
            row = {"id": p.stem, "text": p.read_text(encoding="utf-8"), "format": FORMATS[p.suffix]}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.rename(dest)
    return dest


def measure(cmd: list[str], cwd: Path) -> dict[str, float]:
    """Wall time and peak RSS (MB) of the process and of its largest descendant."""
    start = time.perf_counter()
    with open(os.devnull, "w") as null:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=null, stderr=subprocess.PIPE, text=True)
        me = psutil.Process(proc.pid)
        driver = worker = 0
        while proc.poll() is None:
            try:
                driver = max(driver, me.memory_info().rss)
                for child in me.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        worker = max(worker, child.memory_info().rss)
            except psutil.Error:
                pass
            time.sleep(0.1)
        err = proc.stderr.read() if proc.stderr else ""
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return {"wall": wall, "driver_mb": driver / 2**20, "worker_mb": worker / 2**20}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counts", default="10000,200000", help="comma-separated article counts")
    ap.add_argument("--work", type=Path, default=Path("/tmp/newslint-audit-bench"))
    ap.add_argument("--workers", type=int, default=2, help="--jobs of check, --workers of audit")
    ap.add_argument("--partition-size", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin", default=str(Path(sys.executable).with_name("newslint")))
    a = ap.parse_args()
    counts = sorted(int(c) for c in a.counts.split(","))
    a.work.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    files = corpus(a.work, counts[-1], a.seed)
    print(f"corpus: {len(files):,} articles in {time.perf_counter() - t:.0f} s", flush=True)
    rows = []
    for n in counts:
        subset = files[:n]
        src = export(subset, a.work / f"export-{a.seed}-{n}.jsonl.gz")
        folders = sorted({str(p.parent) for p in subset})
        # check gets whole folders when the subset is whole folders (gen_corpus: 1,000 each)
        targets = folders if n % 1000 == 0 else [str(p) for p in subset]
        check = measure(
            [a.bin, "check", "--isolated", "--no-cache", "--jobs", str(a.workers), *targets],
            a.work,
        )
        out = a.work / f"out-{n}"
        shutil.rmtree(out, ignore_errors=True)
        audit = measure(
            [a.bin, "audit", str(src), "--out", str(out), "--isolated", "--no-report",
             "--workers", str(a.workers), "--format-column", "format", "--progress", "lines",
             "--partition-size", str(a.partition_size)],
            a.work,
        )  # fmt: skip
        manifest = json.loads((out / "manifest.json").read_text())
        assert len(manifest["completed"]) == manifest["partitions"], "audit incomplete"
        row = {
            "articles": n,
            "check_per_s": n / check["wall"],
            "audit_per_s": n / audit["wall"],
            "check_wall": check["wall"],
            "audit_wall": audit["wall"],
            "audit_driver_mb": audit["driver_mb"],
            "audit_worker_mb": audit["worker_mb"],
            "check_driver_mb": check["driver_mb"],
            "check_worker_mb": check["worker_mb"],
            "audit_us_per_article_worker": 1e6 * audit["wall"] * a.workers / n,
        }
        rows.append(row)
        print(
            f"{n:>8,} articles  check {row['check_per_s']:6.0f}/s ({check['wall']:.0f} s)  "
            f"audit {row['audit_per_s']:6.0f}/s ({audit['wall']:.0f} s)  "
            f"audit/check {row['audit_per_s'] / row['check_per_s']:.2f}  "
            f"audit RSS driver {audit['driver_mb']:.0f} MB, worker {audit['worker_mb']:.0f} MB  "
            f"check RSS driver {check['driver_mb']:.0f} MB, worker {check['worker_mb']:.0f} MB",
            flush=True,
        )
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
