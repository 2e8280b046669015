"""OUT/manifest.json and the partition files: what an audit has completed, kept atomically.

A partition's three Parquet files are written under temporary names and renamed; only then
is it listed in ``completed``. The manifest itself is replaced atomically, at most twice a
second (rewriting a list of 100,000 partitions after each one would cost more than the
audit): a partition finished but not yet listed is simply audited again by ``--resume``,
its files replaced, so nothing is lost and nothing is counted twice.
"""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newslint.errors import UsageError

#: The columns of a ``findings/part-NNNNN.parquet`` file before its ``meta.<column>`` ones,
#: in order (docs/audit.md "Outputs"): the workers write them, the report reads them.
FINDING_FIELDS = (
    "article_id",
    "partition",
    "row",
    "source",
    "lang",
    "rule",
    "code",
    "severity",
    "line",
    "column",
    "end_line",
    "end_column",
    "message",
    "excerpt",
    "evidence",
)

FOLDERS = ("findings", "articles", "errors")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


class Manifest:
    """The audit's record in OUT; :meth:`start` begins or resumes one."""

    def __init__(self, out: Path, data: dict[str, Any]) -> None:
        self.out = out
        self.data = data
        self.completed: set[int] = set(data.get("completed", ()))
        self._saved = 0.0

    @classmethod
    def start(cls, out: Path, fresh: dict[str, Any], resume: bool) -> Manifest:
        """A new audit in ``out``, or with ``resume`` the one there, whose sources and
        options must be those of ``fresh`` (usage error otherwise: exit 2)."""
        path = out / "manifest.json"
        if resume:
            if not path.is_file():
                raise UsageError(f"--resume: {out} holds no audit (no manifest.json)")
            try:
                old = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise UsageError(f"--resume: cannot read {path}: {exc}") from None
            for key in ("sources", "inputs", "options", "rules"):
                if old.get(key) != fresh[key]:
                    detail = _difference(old.get(key), fresh[key])
                    raise UsageError(
                        f"--resume: the {key} differ from the interrupted audit's{detail}; "
                        "give the same ones, or audit into a new --out folder"
                    )
            old["finished"] = None
            manifest = cls(out, old)
        else:
            if path.exists() or any(
                (out / f).is_dir() and any((out / f).iterdir()) for f in FOLDERS
            ):
                raise UsageError(
                    f"{out} already holds an audit: continue it with --resume, "
                    "or choose a new --out folder"
                )
            manifest = cls(out, {**fresh, "started": _now(), "finished": None})
        for folder in FOLDERS:
            (out / folder).mkdir(parents=True, exist_ok=True)
        manifest.save()
        return manifest

    def save(self, force: bool = True) -> None:
        now = time.monotonic()
        if not force and now - self._saved < 0.5:
            return
        self._saved = now
        self.data["completed"] = sorted(self.completed)
        text = json.dumps(self.data, ensure_ascii=False, indent=1)
        atomic_write(self.out / "manifest.json", text.encode("utf-8"))

    def write_partition(self, index: int, findings: bytes, articles: bytes, errors: bytes) -> None:
        name = f"part-{index:05d}.parquet"
        for folder, data in zip(FOLDERS, (findings, articles, errors), strict=True):
            atomic_write(self.out / folder / name, data)
        self.completed.add(index)
        self.save(force=False)

    def finish(self, partitions: int) -> None:
        self.data["partitions"] = partitions
        self.data["finished"] = _now()
        self.save()

    def files(self, folder: str) -> list[Path]:
        return [self.out / folder / f"part-{i:05d}.parquet" for i in sorted(self.completed)]


def _difference(old: Any, new: Any) -> str:
    if isinstance(old, dict) and isinstance(new, dict):
        keys = sorted(k for k in {*old, *new} if old.get(k) != new.get(k))
        if keys:
            k = keys[0]
            return f" ({k}: was {old.get(k)!r}, now {new.get(k)!r})"
    return ""
