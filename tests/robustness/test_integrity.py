"""Nothing altered, atomic outputs, determinism across runs and --jobs, clean SIGINT."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_corpus import generate  # noqa: E402


def _digests(folder: Path) -> dict[str, tuple[str, int]]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink():
            st = p.stat()
            out[str(p)] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_mtime_ns)
    return out


def test_no_input_file_is_modified(tmp_path: Path, cli) -> None:
    """Run over every fixture in the repository (good and bad) and check checksums and mtimes."""
    fixtures = ROOT / "tests" / "fixtures"
    seeds = ROOT / "seeds"
    before = {**_digests(fixtures), **_digests(seeds)}
    proc = cli(
        "check",
        "--no-cache",
        "--format",
        "json",
        "-o",
        str(tmp_path / "r.json"),
        str(fixtures),
        str(seeds),
        cwd=tmp_path,
    )
    assert proc.returncode in (0, 1, 3), proc.stderr
    after = {**_digests(fixtures), **_digests(seeds)}
    assert before == after


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate(root, 300, seed=3)
    return root


def test_byte_identical_across_runs_and_jobs(corpus: Path, cli) -> None:
    outputs = {}
    for fmt in ("json", "sarif"):
        for jobs in ("1", "2"):
            proc = cli(
                "check",
                "--no-cache",
                "--isolated",
                "--jobs",
                jobs,
                "--format",
                fmt,
                ".",
                cwd=corpus,
            )
            assert proc.returncode in (0, 1), proc.stderr
            outputs[(fmt, jobs)] = proc.stdout
        again = cli(
            "check", "--no-cache", "--isolated", "--jobs", "2", "--format", fmt, ".", cwd=corpus
        )
        assert again.stdout == outputs[(fmt, "2")] == outputs[(fmt, "1")]
    assert json.loads(outputs[("json", "1")])["summary"]["files_linted"] == 300


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to find worker processes")
def test_sigint_stops_parallel_run_without_leftover_workers(tmp_path: Path) -> None:
    generate(tmp_path, 1500, seed=5)
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newslint",
            "check",
            "--no-cache",
            "--isolated",
            "--jobs",
            "2",
            "--format",
            "json",
            "-o",
            "report.json",
            ".",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be interrupted")
    assert workers, "no worker processes were started"
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)
    assert proc.returncode == 130
    time.sleep(0.2)
    alive = [
        w
        for w in workers
        if Path(f"/proc/{w}").exists() and "zombie" not in Path(f"/proc/{w}/status").read_text()
    ]
    assert alive == []
    assert not (tmp_path / "report.json").exists()  # no half-written report
    assert not list(tmp_path.glob(".report.json.*"))
