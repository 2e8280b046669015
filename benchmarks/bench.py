"""newslint's speed benchmark: start-up, throughput, scaling, memory, cache, worst cases.

    python benchmarks/bench.py [--sizes 100,1000,10000] [--jobs 2] [--work DIR] [--full]

Prints, for the same machine and the same run: start-up time of ``newslint check one.txt``
(median of N), articles/s and MB/s per corpus size, peak RSS of the largest process, a
second (cached) run, the adversarial articles, and the references: a plain Python read loop
over the same files, ripgrep with 20 patterns (when ``rg`` is installed) and the stand-in
(``standin.py``: a plain Python script running 20 ``regex`` patterns over the .txt/.md files,
kept beside the project in ``../shared/tools``; ``--standin PATH`` names another copy), the
reference the speed targets are ratios to.

``--bin NEWSLINT`` (repeatable) benchmarks other installs in the same run, e.g. the code
before a change, so that before and after meet the same machine load.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import adversarial, generate  # noqa: E402

# The console script, as pre-commit and users run it (``python -m`` adds runpy's imports).
_SCRIPT = Path(sys.executable).parent / ("newslint.exe" if os.name == "nt" else "newslint")
NEWSLINT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "newslint"]
_STANDIN = HERE.parent.parent / "shared" / "tools" / "standin.py"
RG_PATTERNS = [
    r"\$\d",
    r"\d+ ?%",
    "milliards",
    "Mrd",
    "亿",
    "said",
    "a déclaré",
    "sagte",
    "dijo",
    "表示",
    "Editing by",
    "Éditeur",
    "Redaktion",
    "责任编辑",
    "Editado",
    "investment advice",
    "conseil en investissement",
    "Anlageberatung",
    "asesoramiento",
    "投资建议",
]


class PeakRss:
    """Samples VmRSS of a process tree; keeps the largest single process's peak (VmHWM)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _tree(self) -> list[int]:
        pids, frontier = [self.pid], [self.pid]
        while frontier:
            p = frontier.pop()
            try:
                kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
            except OSError:
                continue
            for k in map(int, kids):
                pids.append(k)
                frontier.append(k)
        return pids

    def _run(self) -> None:
        while not self._stop.is_set():
            for p in self._tree():
                try:
                    for line in Path(f"/proc/{p}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            self.peak_kb = max(self.peak_kb, int(line.split()[1]))
                except OSError:
                    pass
            time.sleep(0.02)

    def stop(self) -> int:
        self._stop.set()
        self._t.join()
        return self.peak_kb


#: newslint's per-user caches (parsed packs, entry points) for this
#: benchmark alone, as a user's machine has them: not a developer's, full of test patterns.
_USER_CACHE: dict[str, str] = {}


def run_newslint(
    args: list[str], cwd: Path, binary: list[str] | None = None
) -> tuple[float, int, int]:
    """(wall seconds, exit code, peak RSS KB of the largest process)."""
    env = {**os.environ, "NO_COLOR": "1", **_USER_CACHE}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [*(binary or NEWSLINT), *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    sampler = PeakRss(proc.pid)
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    peak = sampler.stop()
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return wall, proc.returncode, peak


def import_times(article: Path, cwd: Path, top: int = 8) -> str:
    """The top-level imports of one ``newslint check`` run, slowest first (``-X importtime``)."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1", "NO_COLOR": "1", **_USER_CACHE}
    proc = subprocess.run(
        [*NEWSLINT, "check", str(article), "--no-cache"],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    rows = []
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and line.startswith("import time:") and parts[1].strip().isdigit():
            name = parts[2]
            if len(name) - len(name.lstrip()) == 1:  # imported by the script itself
                rows.append((int(parts[1]) / 1000, name.strip()))
    rows.sort(reverse=True)
    return ", ".join(f"{name} {ms:.0f}" for ms, name in rows[:top])


def read_loop(files: list[Path]) -> float:
    t0 = time.perf_counter()
    total = 0
    for f in files:
        with open(f, "rb") as fh:
            total += len(fh.read().decode("utf-8"))
    return time.perf_counter() - t0


def ripgrep(root: Path) -> float | None:
    rg = shutil.which("rg")
    if rg is None:
        return None
    args = [rg, "-c", "--no-messages"]
    for p in RG_PATTERNS:
        args += ["-e", p]
    t0 = time.perf_counter()
    subprocess.run([*args, str(root)], stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def standin(script: Path | None, target: Path, jobs: str) -> float | None:
    """Wall seconds of the stand-in over ``target`` (None when it is not available)."""
    if script is None or not script.is_file():
        return None
    return _timed([sys.executable, str(script), "-j", jobs, str(target)], quiet=True)


def fmt_rate(n: int, secs: float) -> str:
    return f"{n / secs:,.0f}/s" if secs > 0 else "inf"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--full", action="store_true", help="also 100,000 articles")
    ap.add_argument("--jobs", default=str(os.cpu_count() or 2))
    ap.add_argument("--startup-runs", type=int, default=15)
    ap.add_argument("--work", type=Path, help="folder for generated corpora (default: temp)")
    ap.add_argument("--extra", default="", help="extra arguments for newslint check")
    ap.add_argument("--standin", type=Path, default=_STANDIN, help="the stand-in script")
    ap.add_argument(
        "--bin", action="append", default=[], help="another newslint executable to compare"
    )
    a = ap.parse_args()
    others = [[str(Path(b).resolve())] for b in a.bin]
    sizes = [int(s) for s in a.sizes.split(",")] + ([100_000] if a.full else [])
    work = a.work or Path(tempfile.mkdtemp(prefix="newslint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(work / "user-cache", ignore_errors=True)
    _USER_CACHE["XDG_CACHE_HOME"] = str(work / "user-cache")
    os.environ.pop("NEWSLINT_CACHE_DIR", None)
    extra = a.extra.split()
    # Measure an installed newslint: bytecode compiled (pip does this when it installs a
    # wheel; an editable checkout under PYTHONDONTWRITEBYTECODE would never have it).
    import newslint
    import newslint.rules

    for pkg in (newslint, newslint.rules):
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(Path(pkg.__file__).parent)],
            stdout=subprocess.DEVNULL,
            check=False,
        )
    python = sys.version.split()[0]
    print(f"newslint benchmark — {os.cpu_count()} CPUs, Python {python}, jobs {a.jobs}")

    # Start-up: one article, median of N.
    one = work / "one"
    if not one.exists():
        generate(one, 1, seed=7)
    [single] = sorted(one.rglob("*.txt")) or sorted(one.rglob("*.*"))
    run_newslint(["check", str(single), *extra], work)  # warm caches (packs, .pyc)
    for b in others:
        run_newslint(["check", str(single), *extra], work, b)
    rounds: list[list[float]] = [[] for _ in range(1 + len(others))]
    stand: list[float] = []
    for _ in range(a.startup_runs):  # alternated, so that load hits every command alike
        for i, b in enumerate([None, *others]):
            rounds[i].append(run_newslint(["check", str(single), *extra], work, b)[0])
        s_one = standin(a.standin, single, "1")
        if s_one is not None:
            stand.append(s_one)
    bare = statistics.median(_timed([sys.executable, "-c", "pass"]) for _ in range(a.startup_runs))
    times = rounds[0]
    ref = f"; stand-in {statistics.median(stand) * 1000:.0f} ms" if stand else ""
    print(
        f"\nstart-up  newslint check one article: median {statistics.median(times) * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f} ms); bare interpreter {bare * 1000:.0f} ms{ref}"
    )
    for b, t in zip(others, rounds[1:], strict=True):
        print(f"          {b[0]}: median {statistics.median(t) * 1000:.0f} ms")
    print("          slowest imports (-X importtime, cumulative ms): " + import_times(single, work))

    print("\nthroughput (all rules, default config, no cache)")
    print(
        f"{'articles':>9} {'MB':>7} {'wall s':>8} {'art/s':>9} {'MB/s':>7} {'peak RSS':>9}"
        f" {'read loop':>10} {'rg 20 pat':>10} {'× rg':>6} {'stand-in':>9} {'÷ stand-in':>10}"
    )
    for n in sizes:
        root = work / f"c{n}"
        if not root.exists():
            generate(root, n, seed=1)
        files = sorted(p for p in root.rglob("*") if p.is_file())
        mb = sum(p.stat().st_size for p in files) / 1e6
        check = ["check", str(root), "--no-cache", "--jobs", a.jobs]
        check += ["--format", "json", "-o", os.devnull, *extra]
        wall, rc, peak = run_newslint(check, work)
        loop = read_loop(files)
        rg = ripgrep(root)
        rg_s = f"{rg:.2f}" if rg is not None else "n/a"
        ratio = f"{wall / rg:.1f}" if rg else "n/a"
        st = standin(a.standin, root, a.jobs)
        # The stand-in reads only .txt/.md: compare articles per second, not wall time.
        st_files = sum(1 for p in files if p.suffix in (".txt", ".md"))
        st_s = fmt_rate(st_files, st) if st else "n/a"
        # The first install's row also carries the size and the baselines; the others' rows
        # leave those columns blank and name the install. chain() keeps each row printed as
        # soon as its run ends.
        first = (f"{n:>9,} {mb:>7.1f}", f"{loop:>10.2f} {rg_s:>10} {ratio:>6} {st_s:>9}", "")
        blank = (f"{'':>9} {'':>7}", f"{'':>10} {'':>10} {'':>6} {'':>9}")
        rows = itertools.chain(
            [(first, (wall, rc, peak))],
            (((*blank, f"{b[0]} "), run_newslint(check, work, b)) for b in others),
        )
        for (head, mid, label), (w, code, pk) in rows:
            st_ratio = f"{(n / w) / (st_files / st):.2f}×" if st else "n/a"
            print(
                f"{head} {w:>8.2f} {fmt_rate(n, w):>9} {mb / w:>7.1f} "
                f"{pk / 1024:>7.0f}MB {mid} {st_ratio:>10}  {label}(exit {code})"
            )

    # The cache target is for 10,000 articles; a 100,000 run would only repeat it.
    cache_n = 10_000 if 10_000 in sizes else sizes[-1]
    biggest = work / f"c{cache_n}"
    cache_dir = work / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    args = [
        "check",
        str(biggest),
        "--cache-dir",
        str(cache_dir),
        "--jobs",
        a.jobs,
        "--format",
        "json",
        "-o",
        os.devnull,
        *extra,
    ]
    first, _, _ = run_newslint(args, work)
    again = [run_newslint(args, work)[0] for _ in range(3)]
    print(
        f"\ncache     {cache_n:,} articles: first run {first:.2f} s, second run "
        f"{statistics.median(again):.2f} s (median of 3; min {min(again):.2f} s)"
    )

    adv = work / "adversarial"
    if not adv.exists():
        adv.mkdir()
        adversarial(adv)
    print("\nworst cases (one file each)")
    for p in sorted(adv.iterdir()):
        wall, rc, peak = run_newslint(["check", str(p), "--no-cache", *extra], work)
        print(
            f"  {p.name:<28} {p.stat().st_size / 1e6:>6.2f} MB  {wall:>6.2f} s  exit {rc}  "
            f"peak {peak / 1024:.0f} MB"
        )
    return 0


def _timed(cmd: list[str], quiet: bool = False) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL if quiet else None)
    return time.perf_counter() - t0


if __name__ == "__main__":
    raise SystemExit(main())
