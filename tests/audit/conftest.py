"""Generated articles in every source format, and ``newslint audit`` run as a subprocess."""

from __future__ import annotations

import csv
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FORMATS = {".txt": "text", ".md": "markdown", ".html": "html"}
DESKS = ("markets", "politics", "tech")


def generated(folder: Path, count: int, seed: int = 7) -> list[dict[str, Any]]:
    """``count`` generated articles (benchmarks/gen_corpus.py) as rows with metadata."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from gen_corpus import generate
    finally:
        sys.path.pop(0)
    rows = []
    for i, path in enumerate(sorted(generate(folder, count, seed=seed))):
        rows.append(
            {
                "id": path.stem,
                "text": path.read_text(encoding="utf-8"),
                "format": FORMATS[path.suffix],
                "desk": DESKS[i % 3],
                "date": f"2025-{i % 12 + 1:02d}-15",
            }
        )
    return rows


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if path.name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write(lines)
    else:
        path.write_text(lines, encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_parquet(path: Path, rows: list[dict[str, Any]], group: int = 1000) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=group, compression="zstd")
    return path


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """24 generated articles: their folder (as files, for check) and their rows."""
    folder = tmp_path_factory.mktemp("corpus")
    rows = generated(folder / "articles", 24)
    return folder, rows


def audit(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120):
    """``newslint audit ARGS`` as a user runs it."""
    full = {k: v for k, v in os.environ.items() if k != "DASK_SCHEDULER_ADDRESS"}
    full.update({"NO_COLOR": "1", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "newslint", "audit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=full,
        timeout=timeout,
        check=False,
    )


def table(out: Path, folder: str) -> list[dict[str, Any]]:
    """The rows of one result folder, completed partitions only, in partition order."""
    import pyarrow.parquet as pq

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    for i in manifest["completed"]:
        rows += pq.read_table(out / folder / f"part-{i:05d}.parquet").to_pylist()
    return rows
