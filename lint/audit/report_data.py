"""What the audit report shows, read from an audit's output folder (see docs/audit.md).

Only completed partitions count (``manifest.json``'s ``completed``): a partition still being
written, or left over from an interrupted run, is never half-counted. Every Parquet file is
read in record batches and only the columns a figure needs, and each batch is folded into
small per-group counters at once, so memory stays flat however many millions of rows the
audit has; the sample of findings needs a second, targeted read of only the files it picks.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from newslint.audit.manifest import FINDING_FIELDS

BATCH = 65_536
#: Grouped counts waiting to be summed (per dimension) before they are summed in Arrow.
COMPACT_ROWS = 262_144
#: Findings shown per rule, and rows of the "could not audit" table.
SAMPLES_PER_RULE = 5
ERRORS_SHOWN = 200
#: The bucket of articles whose date column is empty or not an ISO date.
NO_DATE = "no date"
NO_VALUE = "(none)"
#: The findings' columns a sample finding shows (where it is, what it says, its evidence).
SAMPLE_COLUMNS = tuple(
    f for f in FINDING_FIELDS if f not in ("partition", "end_line", "end_column")
)


class ReportError(Exception):
    """The output folder cannot be reported on: names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass
class Rule:
    name: str
    code: str
    summary: str


@dataclass
class Tally:
    """Counts for one group of articles: ``ran``/``ok``/``found`` per rule, by rule index."""

    articles: int = 0
    clean: int = 0  # articles with no finding of any rule
    ran: list[int] = field(default_factory=list)
    ok: list[int] = field(default_factory=list)
    found: list[int] = field(default_factory=list)

    def widen(self, n: int) -> None:
        for counts in (self.ran, self.ok, self.found):
            counts.extend([0] * (n - len(counts)))

    def merge(self, other: Tally) -> None:
        self.widen(len(other.ran))
        self.articles += other.articles
        self.clean += other.clean
        for mine, theirs in ((self.ran, other.ran), (self.ok, other.ok), (self.found, other.found)):
            for i, n in enumerate(theirs):
                mine[i] += n


@dataclass
class Audit:
    """Everything the page shows, aggregated."""

    manifest: dict[str, Any]
    rules: list[Rule]
    date_column: str | None
    group_by: list[str]
    total: Tally = field(default_factory=Tally)
    #: dimension ("month", "lang" or a group-by column) -> group value -> counts
    dims: dict[str, dict[str, Tally]] = field(default_factory=dict)
    findings: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    samples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    errors: int = 0
    error_rows: list[dict[str, Any]] = field(default_factory=list)


def _manifest(out: Path) -> dict[str, Any]:
    path = out / "manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(path, "missing: this folder holds no audit") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ReportError(path, f"unreadable: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("completed", []), list):
        raise ReportError(path, "not an audit manifest (no list of completed partitions)")
    return data


def _parts(out: Path, folder: str, completed: list[int]) -> Iterator[Path]:
    for index in completed:
        path = out / folder / f"part-{index:05d}.parquet"
        if not path.is_file():
            raise ReportError(path, "missing, though the manifest lists its partition as completed")
        yield path


def _open(path: Path) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise ReportError(path, f"not a readable Parquet file: {exc}") from None


@contextmanager
def _reading(path: Path, required: tuple[str, ...] = ()) -> Iterator[list[str]]:
    """The file's column names; any surprise in its content becomes a :class:`ReportError`
    naming the file (a column of the wrong type, say), never a traceback."""
    names = _open(path).schema_arrow.names
    missing = [c for c in required if c not in names]
    if missing:
        raise ReportError(path, f"has no column {', '.join(missing)} (see docs/audit.md)")
    try:
        yield names
    except (OSError, pa.ArrowException, KeyError, TypeError, ValueError) as exc:
        raise ReportError(path, f"cannot be read as audit output: {exc}") from None


def _batches(path: Path, columns: list[str]) -> Iterator[pa.RecordBatch]:
    pf = _open(path)
    try:
        yield from pf.iter_batches(batch_size=BATCH, columns=columns)
    except (OSError, pa.ArrowException) as exc:
        raise ReportError(path, f"cannot be read: {exc}") from None


def _rules(manifest: dict[str, Any]) -> list[Rule]:
    rules = []
    for item in manifest.get("rules") or []:
        if isinstance(item, dict) and item.get("name"):
            rules.append(
                Rule(str(item["name"]), str(item.get("code", "")), str(item.get("summary", "")))
            )
    return rules


def month_of(dates: pa.Array) -> pa.Array:
    """``YYYY-MM`` of ISO dates (``2024-03-15``, ``2024-03-15T09:00Z``); other values, empty
    or missing, fall in :data:`NO_DATE` rather than a wrong month."""
    dates = pc.cast(dates, pa.string())
    iso = pc.fill_null(pc.match_substring_regex(dates, r"^\d{4}-(0[1-9]|1[0-2])(\D|$)"), False)
    return pc.if_else(iso, pc.utf8_slice_codeunits(dates, 0, 7), NO_DATE)


def _sum_by_key(tables: list[pa.Table]) -> pa.Table:
    """Sum every count column per ``key`` (columns missing from a table count as 0)."""
    table = pa.concat_tables(tables, promote_options="default")
    counts = [c for c in table.column_names if c != "key"]
    merged = table.group_by("key").aggregate([(c, "sum") for c in counts])
    return merged.rename_columns([c.removesuffix("_sum") for c in merged.column_names])


class Groups:
    """Per-group counts of one dimension, kept as Arrow tables: each batch's grouped counts
    wait in a list and are summed together in Arrow whenever they grow past the number of
    distinct groups seen, so the cost per batch does not depend on Python loops over groups
    (an author column can hold a million names)."""

    def __init__(self) -> None:
        self.pending: list[pa.Table] = []
        self.rows = 0
        self.limit = COMPACT_ROWS

    def add(self, table: pa.Table) -> None:
        self.pending.append(table)
        self.rows += table.num_rows
        if self.rows > self.limit and len(self.pending) > 1:
            merged = _sum_by_key(self.pending)
            self.pending, self.rows = [merged], merged.num_rows
            self.limit = max(COMPACT_ROWS, 2 * merged.num_rows)

    def tallies(self, width: int) -> dict[str, Tally]:
        if not self.pending:
            return {}
        merged = _sum_by_key(self.pending)
        names = set(merged.column_names)

        def column(name: str) -> list[int]:
            if name not in names:
                return [0] * merged.num_rows
            return [int(v or 0) for v in merged.column(name).to_pylist()]

        n, clean = column("n"), column("clean")
        per_rule = [[column(f"{p}{i}") for p in "rof"] for i in range(width)]
        out: dict[str, Tally] = {}
        for row, key in enumerate(merged.column("key").to_pylist()):
            out[str(key)] = Tally(
                articles=n[row],
                clean=clean[row],
                ran=[r[0][row] for r in per_rule],
                ok=[r[1][row] for r in per_rule],
                found=[r[2][row] for r in per_rule],
            )
        return out


def _fold(
    audit: Audit, groups: dict[str, Groups], batch: pa.RecordBatch, rule_cols: list[tuple[int, str]]
) -> None:
    """Add one batch of article verdicts to the totals and to every dimension's groups."""
    n = batch.num_rows
    if n == 0:
        return
    values: dict[str, pa.Array] = {"n": pa.repeat(1, n)}
    clean = pa.repeat(True, n)
    for i, name in rule_cols:
        col = batch.column(name)
        zero = pc.equal(col, 0)
        values[f"r{i}"] = pc.cast(pc.is_valid(col), pa.int64())
        values[f"o{i}"] = pc.cast(pc.fill_null(zero, False), pa.int64())
        values[f"f{i}"] = pc.cast(pc.fill_null(col, 0), pa.int64())
        clean = pc.and_(clean, pc.fill_null(zero, True))
    values["clean"] = pc.cast(clean, pa.int64())
    keys: dict[str, pa.Array] = {}
    names = batch.schema.names
    if "lang" in names:
        keys["lang"] = pc.fill_null(pc.cast(batch.column("lang"), pa.string()), "?")
    if audit.date_column and f"meta.{audit.date_column}" in names:
        keys["month"] = month_of(batch.column(f"meta.{audit.date_column}"))
    for column in audit.group_by:
        if f"meta.{column}" in names:
            raw = pc.cast(batch.column(f"meta.{column}"), pa.string())
            blank = pc.fill_null(pc.equal(pc.utf8_trim_whitespace(raw), ""), True)
            keys[f"g:{column}"] = pc.if_else(blank, NO_VALUE, raw)
    sums = [(c, "sum") for c in values]
    table = pa.table(values)
    whole = {k: int(pc.sum(v).as_py() or 0) for k, v in values.items()}
    total = audit.total
    total.articles += whole["n"]
    total.clean += whole["clean"]
    for i, _ in rule_cols:
        total.ran[i] += whole[f"r{i}"]
        total.ok[i] += whole[f"o{i}"]
        total.found[i] += whole[f"f{i}"]
    for dim, key in keys.items():
        grouped = table.append_column("key", key).group_by("key").aggregate(sums)
        renamed = grouped.rename_columns([c.removesuffix("_sum") for c in grouped.column_names])
        groups.setdefault(dim, Groups()).add(renamed)


def _read_articles(audit: Audit, out: Path, completed: list[int]) -> None:
    known = {r.name for r in audit.rules}
    groups: dict[str, Groups] = {}
    for path in _parts(out, "articles", completed):
        with _reading(path) as names:
            for name in names:  # a rule the manifest did not list still counts
                if name.startswith("rule.") and name[5:] not in known:
                    audit.rules.append(Rule(name[5:], "", ""))
                    known.add(name[5:])
            audit.total.widen(len(audit.rules))
            index = {f"rule.{r.name}": i for i, r in enumerate(audit.rules)}
            rule_cols = [(index[n], n) for n in names if n in index]
            wanted = [n for n in names if n == "lang" or n.startswith(("meta.", "rule."))]
            for batch in _batches(path, wanted):
                _fold(audit, groups, batch, rule_cols)
    audit.total.widen(len(audit.rules))
    for dim, g in groups.items():
        audit.dims[dim] = g.tallies(len(audit.rules))


def _read_findings(audit: Audit, out: Path, completed: list[int]) -> None:
    """Count findings per rule and severity, then read a reproducible random sample of each
    rule's findings: positions drawn by a generator seeded with the rule's name, so the same
    audit always shows the same findings, whatever the partition sizes."""
    per_file: list[tuple[Path, dict[str, int]]] = []
    per_rule: dict[str, int] = {}
    for path in _parts(out, "findings", completed):
        counts: dict[str, int] = {}
        with _reading(path, ("rule", "severity")):
            for batch in _batches(path, ["rule", "severity"]):
                if batch.num_rows == 0:
                    continue
                table = pa.table({"rule": batch.column(0), "severity": batch.column(1)})
                grouped = table.group_by(["rule", "severity"]).aggregate([([], "count_all")])
                for row in grouped.to_pylist():
                    rule, n = str(row["rule"]), int(row["count_all"])
                    counts[rule] = counts.get(rule, 0) + n
                    sev = str(row["severity"])
                    audit.by_severity[sev] = audit.by_severity.get(sev, 0) + n
        per_file.append((path, counts))
        for rule, n in counts.items():
            per_rule[rule] = per_rule.get(rule, 0) + n
    audit.findings = sum(per_rule.values())
    # For each file: rule -> positions among that rule's rows in that file.
    wanted: dict[Path, dict[str, list[int]]] = {}
    for rule in sorted(per_rule):
        total = per_rule[rule]
        picks = sorted(
            random.Random(f"newslint-audit:{rule}").sample(
                range(total), min(total, SAMPLES_PER_RULE)
            )
        )
        start = 0
        for path, counts in per_file:
            n = counts.get(rule, 0)
            mine = [p - start for p in picks if start <= p < start + n]
            if mine:
                wanted.setdefault(path, {})[rule] = mine
            start += n
    meta = [f"meta.{c}" for c in [*audit.group_by, audit.date_column] if c]
    for path, rules in wanted.items():
        with _reading(path) as names:
            table = pq.read_table(path, columns=[c for c in (*SAMPLE_COLUMNS, *meta) if c in names])
            for rule, positions in rules.items():
                rows = table.filter(pc.equal(table.column("rule"), rule)).take(positions)
                audit.samples.setdefault(rule, []).extend(rows.to_pylist())


def _read_errors(audit: Audit, out: Path, completed: list[int]) -> None:
    for path in _parts(out, "errors", completed):
        rows = _open(path).metadata.num_rows
        audit.errors += rows
        if rows and len(audit.error_rows) < ERRORS_SHOWN:
            with _reading(path, ("source", "row", "reason")):
                for batch in _batches(path, ["source", "row", "reason"]):
                    need = ERRORS_SHOWN - len(audit.error_rows)
                    audit.error_rows.extend(batch.slice(0, need).to_pylist())
                    if len(audit.error_rows) >= ERRORS_SHOWN:
                        break


def read_audit(out: Path) -> Audit:
    """Aggregate an audit's output folder for its report."""
    manifest = _manifest(out)
    options: dict[str, Any] = manifest.get("options") or {}
    if not isinstance(options, dict):
        raise ReportError(out / "manifest.json", "its options are not an object")
    group_by = options.get("group_by") or []
    if isinstance(group_by, str):
        group_by = [group_by]
    date_column = options.get("date_column") or None
    try:
        completed = sorted({int(i) for i in manifest.get("completed", [])})
    except (TypeError, ValueError):
        raise ReportError(
            out / "manifest.json", "its completed partitions are not numbers"
        ) from None
    audit = Audit(
        manifest=manifest,
        rules=_rules(manifest),
        date_column=str(date_column) if date_column else None,
        group_by=[str(c) for c in group_by],
    )
    _read_articles(audit, out, completed)
    _read_findings(audit, out, completed)
    _read_errors(audit, out, completed)
    return audit
