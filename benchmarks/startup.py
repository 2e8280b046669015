"""Start-up of ``newslint check ONE_FILE`` against the stand-in, in one run.

    python benchmarks/startup.py [--bin OTHER_NEWSLINT ...] [--runs 21] [FILE]

Times, alternated round by round so that a busy machine slows every command alike:
``newslint check FILE`` (result cache warm), ``newslint check --no-cache FILE``, for this
environment's ``newslint`` and each ``--bin``, and ``python standin.py FILE`` (the issue's
reference: a plain script that imports ``regex`` and runs 20 patterns). Prints the medians,
each command's ratio to the stand-in, and the slowest imports of a ``--no-cache`` run
(``-X importtime``, cumulative). FILE defaults to the seed article. Each newslint gets a fresh
per-user cache folder, warmed by one run before timing, as a user's would be.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parent / "seeds" / "000_515427318ff19ac6.txt"
STANDIN = HERE.parent.parent / "shared" / "tools" / "standin.py"


def _newslint_here() -> str:
    exe = shutil.which("newslint", path=str(Path(sys.executable).parent))
    if exe is None:
        raise SystemExit("no newslint next to this Python: run it from newslint's environment")
    return exe


def _timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[:400]!r}")
    return elapsed


def import_times(exe: str, article: Path, env: dict[str, str], cwd: Path, top: int) -> list[str]:
    """The ``top`` slowest imports (cumulative) of one ``--no-cache`` run, as text lines."""
    proc = subprocess.run(
        [exe, "check", "--no-cache", str(article)],
        env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), int(parts[0].split(":")[1]), parts[2].rstrip()))
    rows.sort(reverse=True)
    return [f"{c / 1000:7.1f} ms cumulative {s / 1000:6.1f} ms self  {n}" for c, s, n in rows[:top]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=SEED)
    ap.add_argument("--bin", action="append", default=[], help="another newslint to time too")
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--standin", type=Path, default=STANDIN)
    ap.add_argument("--top", type=int, default=12, help="how many imports to list")
    args = ap.parse_args(argv)
    article = args.file.resolve()
    bins = [_newslint_here(), *(str(Path(b).resolve()) for b in args.bin)]
    with tempfile.TemporaryDirectory(prefix="newslint-startup-") as tmp:
        work = Path(tmp)
        base = {k: v for k, v in os.environ.items() if k != "NEWSLINT_CACHE_DIR"}
        base["NO_COLOR"] = "1"
        envs = {b: {**base, "XDG_CACHE_HOME": str(work / f"user-{i}")} for i, b in enumerate(bins)}
        commands: dict[str, tuple[list[str], dict[str, str]]] = {}
        for b in bins:
            commands[f"{b} check"] = ([b, "check", str(article)], envs[b])
            commands[f"{b} check --no-cache"] = ([b, "check", "--no-cache", str(article)], envs[b])
        if args.standin.is_file():
            commands["stand-in"] = ([sys.executable, str(args.standin), str(article)], base)
        for cmd, env in commands.values():  # warm: bytecode, per-user and result caches
            _timed(cmd, env, work)
        times: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(args.runs):
            for name, (cmd, env) in commands.items():
                times[name].append(_timed(cmd, env, work))
        medians = {k: statistics.median(v) for k, v in times.items()}
        ref = medians.get("stand-in")
        print(f"start-up, median of {args.runs} alternated runs on {article.name}:")
        for name, med in medians.items():
            ratio = f"  ×{med / ref:.2f} stand-in" if ref else ""
            print(f"  {med * 1000:6.1f} ms{ratio}  {name}")
        print(f"slowest imports of `{bins[0]} check --no-cache` (-X importtime):")
        for line in import_times(bins[0], article, envs[bins[0]], work, args.top):
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
