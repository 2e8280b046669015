"""Scheduling, resume, sampling and exit codes of ``newslint audit``, run as users run it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import audit, generated, table, write_jsonl

ARGS = ("--isolated", "--progress", "none", "--no-report", "--format-column", "format")
FOLDERS = ("findings", "articles", "errors")


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A .jsonl.gz of 60 generated articles."""
    folder = tmp_path_factory.mktemp("export")
    return write_jsonl(folder / "export.jsonl.gz", generated(folder / "files", 60, seed=11))


@pytest.fixture(scope="module")
def long_export(export: Path) -> Path:
    """240 articles (the 60, four times over, with ids of their own): long enough, even on a
    fast machine, for a run to be killed while the manifest lists a partition or two."""
    import gzip

    with gzip.open(export, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    many = [{**r, "id": f"{r['id']}-{k}"} for k in range(4) for r in rows]
    return write_jsonl(export.with_name("long.jsonl.gz"), many)


def _parts(out: Path) -> dict[str, bytes]:
    return {
        f"{folder}/{p.name}": p.read_bytes()
        for folder in FOLDERS
        for p in sorted((out / folder).glob("part-*.parquet"))
    }


def test_local_scheduler_and_a_cluster_write_the_same_bytes(export: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    local = tmp_path / "local"
    proc = audit(str(export), "--out", str(local), "--partition-size", "8", *ARGS, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        remote = tmp_path / "remote"
        proc = audit(
            str(export),
            "--out",
            str(remote),
            "--partition-size",
            "8",
            "--dask",
            cluster.scheduler_address,
            *ARGS,
            cwd=tmp_path,
        )
        assert proc.returncode == 0, proc.stderr
        # The same cluster through the environment variable, as a job script would set it.
        env = tmp_path / "env"
        proc = audit(
            str(export),
            "--out",
            str(env),
            "--partition-size",
            "8",
            *ARGS,
            cwd=tmp_path,
            env={"DASK_SCHEDULER_ADDRESS": cluster.scheduler_address},
        )
        assert proc.returncode == 0, proc.stderr
    mine = _parts(local)
    assert len(mine) == 3 * 8 and mine == _parts(remote) == _parts(env)
    manifest = json.loads((remote / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["completed"] == list(range(8)) and manifest["partitions"] == 8


def _start(export: Path, out: Path, opts: tuple[str, ...], cwd: Path) -> subprocess.Popen[str]:
    """``newslint audit`` started in its own process group, so a test can kill it whole."""
    return subprocess.Popen(
        [sys.executable, "-m", "newslint", "audit", str(export), "--out", str(out), *opts],
        cwd=cwd,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_resume_after_a_killed_run_loses_and_repeats_nothing(
    long_export: Path, tmp_path: Path
) -> None:
    export = long_export
    opts = ("--partition-size", "4", "--workers", "1", *ARGS)
    full = tmp_path / "full"
    assert audit(str(export), "--out", str(full), *opts, cwd=tmp_path).returncode == 0
    killed = tmp_path / "killed"
    proc = _start(export, killed, opts, tmp_path)
    completed = _wait_for_completed(killed / "manifest.json", proc)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers, as a lost machine
    proc.wait()
    assert completed and len(completed) < 60, "the run was not interrupted mid-way"
    again = audit(str(export), "--out", str(killed), *opts, "--resume", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert table(killed, "articles") == table(full, "articles")
    assert table(killed, "findings") == table(full, "findings")
    ids = [a["article_id"] for a in table(killed, "articles")]
    assert len(ids) == len(set(ids)) == 240
    # Resuming with other options would mix two audits: refused.
    other = audit(
        str(export), "--out", str(killed), *opts, "--resume", "--group-by", "desk", cwd=tmp_path
    )
    assert other.returncode == 2 and "options differ" in other.stderr
    fresh = audit(str(export), "--out", str(killed), *opts, cwd=tmp_path)
    assert fresh.returncode == 2 and "--resume" in fresh.stderr

    # A worker process killed mid-audit (out of memory, say): replaced, nothing lost.
    lost = tmp_path / "lost-worker"
    proc = _start(export, lost, opts, tmp_path)
    assert _wait_for_completed(lost / "manifest.json", proc)
    import psutil

    workers = [
        c for c in psutil.Process(proc.pid).children() if "spawn_main" in " ".join(c.cmdline())
    ]
    assert workers
    workers[0].kill()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert table(lost, "articles") == table(full, "articles")
    assert table(lost, "findings") == table(full, "findings")


def _wait_for_completed(manifest: Path, proc: subprocess.Popen) -> list[int]:
    """The completed partitions once the manifest lists one (empty if the run ended first)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists():
            completed = json.loads(manifest.read_text(encoding="utf-8"))["completed"]
            if completed:
                return list(completed)
        time.sleep(0.05)
    return []


def test_sample_is_reproducible_and_fail_on_rates(export: Path, tmp_path: Path) -> None:
    def run(name: str, seed: str, *fail_on: str) -> tuple[int, str, list[int]]:
        out = tmp_path / name
        args = [a for spec in fail_on for a in ("--fail-on", spec)]
        proc = audit(
            str(export),
            "--out",
            str(out),
            "--sample",
            "12",
            "--seed",
            seed,
            "--workers",
            "1",
            *args,
            *ARGS,
            cwd=tmp_path,
        )
        assert proc.returncode in (0, 1), proc.stderr
        return proc.returncode, proc.stdout, [a["row"] for a in table(out, "articles")]

    # Any sampled article with an unsourced figure fails the audit.
    code, stdout, first = run("s1", "3", "unsourced-figure")
    assert len(first) == 12 and first == sorted(first)
    assert code == 1
    assert "--fail-on unsourced-figure: 12 of 12 article(s) (100.00%) over the 0% limit" in stdout
    code, stdout, again = run("s2", "3", "NL301=100%", "missing-disclaimer=0.99")
    assert again == first
    assert code == 0 and "within the 100% limit" in stdout
    code, _, other = run("s3", "4")
    assert other != first and code == 0


def test_without_the_extra_it_says_what_to_install(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": 1, "text": "Hello."}\n', encoding="utf-8")
    code = (
        "import sys; sys.modules['dask'] = None; sys.modules['pyarrow'] = None\n"
        "from newslint.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "audit", "a.jsonl", "--out", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "needs dask, pyarrow" in proc.stderr
    assert "pip install 'newslint[audit]'" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_check_never_imports_the_audit_stack(tmp_path: Path) -> None:
    """dask and pyarrow are for ``newslint audit`` only: ``check`` start-up must not pay."""
    (tmp_path / "a.txt").write_text("Markets rose.\n", encoding="utf-8")
    code = (
        "import sys\nfrom newslint.cli import main\nrc = main(['check', 'a.txt', '--no-cache'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('dask', 'distributed', 'pyarrow', 'matplotlib') or m.startswith('newslint.audit'))\n"
        "print(heavy)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert proc.stdout.splitlines()[-1] == "[]", proc.stderr
