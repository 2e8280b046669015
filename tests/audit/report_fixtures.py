"""Audit output folders built directly with pyarrow, column for column as
AUDIT-INTERFACE.md (docs/audit.md) defines them, so the report is tested without the engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

RULES = [
    {
        "name": "missing-disclaimer",
        "code": "NL101",
        "summary": "Markets stories carry a disclaimer",
    },
    {"name": "missing-editor-credit", "code": "NL102", "summary": "An editor is credited"},
]
FINDING_TYPES = {
    "article_id": pa.string(),
    "partition": pa.int32(),
    "row": pa.int64(),
    "source": pa.string(),
    "lang": pa.string(),
    "rule": pa.string(),
    "code": pa.string(),
    "severity": pa.string(),
    "line": pa.int32(),
    "column": pa.int32(),
    "end_line": pa.int32(),
    "end_column": pa.int32(),
    "message": pa.string(),
    "excerpt": pa.string(),
    "evidence": pa.string(),
}
ARTICLE_TYPES = {
    "article_id": pa.string(),
    "partition": pa.int32(),
    "row": pa.int64(),
    "source": pa.string(),
    "lang": pa.string(),
    "chars": pa.int64(),
}
ERROR_TYPES = {
    "source": pa.string(),
    "row": pa.int64(),
    "partition": pa.int32(),
    "reason": pa.string(),
}


def _table(types: dict[str, pa.DataType], rows: list[dict[str, Any]]) -> pa.Table:
    return pa.table({k: pa.array([r.get(k) for r in rows], type=t) for k, t in types.items()})


def write_audit(
    out: Path,
    partitions: list[dict[str, list[dict[str, Any]]]],
    *,
    rules: list[dict[str, str]] = RULES,
    meta: tuple[str, ...] = (),
    group_by: tuple[str, ...] = (),
    date_column: str | None = None,
    completed: list[int] | None = None,
    finished: str | None = "2026-01-02T03:04:05+00:00",
) -> Path:
    """Write OUT: each partition is ``{"articles": [...], "findings": [...], "errors": [...]}``
    of row dicts; ``meta.<c>`` and ``rule.<name>`` keys as in the interface."""
    for folder in ("findings", "articles", "errors"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    meta_types = {f"meta.{c}": pa.string() for c in meta}
    rule_types = {f"rule.{r['name']}": pa.int32() for r in rules}
    for i, part in enumerate(partitions):
        name = f"part-{i:05d}.parquet"
        pq.write_table(
            _table({**FINDING_TYPES, **meta_types}, part.get("findings", [])),
            out / "findings" / name,
        )
        pq.write_table(
            _table({**ARTICLE_TYPES, **meta_types, **rule_types}, part.get("articles", [])),
            out / "articles" / name,
        )
        pq.write_table(_table(ERROR_TYPES, part.get("errors", [])), out / "errors" / name)
    manifest = {
        "version": 1,
        "sources": ["export.jsonl.gz"],
        "options": {
            "id_column": "id",
            "text_column": "body",
            "group_by": list(group_by),
            "date_column": date_column,
            "sample": None,
        },
        "partitions": len(partitions),
        "completed": list(range(len(partitions))) if completed is None else completed,
        "rules": rules,
        "newslint_version": "0.0-test",
        "started": "2026-01-02T03:00:00+00:00",
        "finished": finished,
    }
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return out


def synthetic(out: Path, articles: int, partitions: int, seed: int = 7) -> Path:
    """A big audit fast: numpy columns, three metadata columns, about a tenth of articles
    with a finding of each rule (worse on one desk and in later months)."""
    rng = np.random.default_rng(seed)
    desks = np.array([f"desk-{i:02d}" for i in range(30)])
    authors = np.array([f"author {i}" for i in range(5000)])
    langs = np.array(["en", "fr", "de", "es", "zh"])
    months = np.array([f"{2020 + m // 12}-{m % 12 + 1:02d}-15" for m in range(48)])
    names = [r["name"] for r in RULES]
    meta = ("desk", "author", "published")
    write_audit(out, [], group_by=("desk", "author"), date_column="published", meta=meta)
    per = -(-articles // partitions)
    for p in range(partitions):
        n = min(per, articles - p * per)
        if n <= 0:
            break
        ids = np.arange(p * per, p * per + n)
        desk = rng.integers(0, len(desks), n)
        month = rng.integers(0, len(months), n)
        cols: dict[str, Any] = {
            "article_id": pa.array(ids.astype(str)),
            "partition": pa.array(np.full(n, p, dtype=np.int32)),
            "row": pa.array(ids + 1),
            "source": pa.array(np.full(n, "archive.jsonl.gz")),
            "lang": pa.array(langs[rng.integers(0, len(langs), n)]),
            "chars": pa.array(rng.integers(500, 6000, n)),
            "meta.desk": pa.array(desks[desk]),
            "meta.author": pa.array(authors[rng.integers(0, len(authors), n)]),
            "meta.published": pa.array(months[month]),
        }
        finding_rows: list[np.ndarray] = []
        for r, name in enumerate(names):
            chance = 0.05 + 0.25 * (desk == 3) + 0.002 * month * (r == 0)
            count = (rng.random(n) < chance).astype(np.int32)
            cols[f"rule.{name}"] = pa.array(count)
            finding_rows.append(np.nonzero(count)[0])
        pq.write_table(pa.table(cols), out / "articles" / f"part-{p:05d}.parquet")
        idx = np.concatenate(finding_rows)
        rule_of = np.concatenate([np.full(len(x), r) for r, x in enumerate(finding_rows)])
        k = len(idx)
        f: dict[str, Any] = {
            "article_id": pa.array(ids[idx].astype(str)),
            "partition": pa.array(np.full(k, p, dtype=np.int32)),
            "row": pa.array(ids[idx] + 1),
            "source": pa.array(np.full(k, "archive.jsonl.gz")),
            "lang": cols["lang"].take(pa.array(idx)),
            "rule": pa.array(np.array(names)[rule_of]),
            "code": pa.array(np.array([r["code"] for r in RULES])[rule_of]),
            "severity": pa.array(np.full(k, "warning")),
            "line": pa.array(np.full(k, 3, dtype=np.int32)),
            "column": pa.array(np.full(k, 1, dtype=np.int32)),
            "end_line": pa.array(np.full(k, 3, dtype=np.int32)),
            "end_column": pa.array(np.full(k, 20, dtype=np.int32)),
            "message": pa.array(np.full(k, "a synthetic finding")),
            "excerpt": pa.array(np.char.add("synthetic excerpt ", ids[idx].astype(str))),
            "evidence": pa.array(np.full(k, '{"synthetic": true}')),
            "meta.desk": cols["meta.desk"].take(pa.array(idx)),
            "meta.author": cols["meta.author"].take(pa.array(idx)),
            "meta.published": cols["meta.published"].take(pa.array(idx)),
        }
        pq.write_table(pa.table(f), out / "findings" / f"part-{p:05d}.parquet")
        bad = (
            [
                {
                    "source": "archive.jsonl.gz",
                    "row": int(ids[0]) + 1,
                    "partition": p,
                    "reason": "malformed JSON line",
                }
            ]
            if p % 7 == 0
            else []
        )
        pq.write_table(_table(ERROR_TYPES, bad), out / "errors" / f"part-{p:05d}.parquet")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["partitions"] = partitions
    manifest["completed"] = list(range(partitions))
    manifest["sources"] = ["archive.jsonl.gz"]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return out
