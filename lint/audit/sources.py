"""What an audit reads: sources named on the command line, expanded, checked and streamed.

The driver (the ``newslint audit`` process) reads the sources and ships raw records to the
workers, so a cluster's workers need no access to the driver's files: a JSON line travels as
its bytes (parsed, and judged malformed or not, on the worker), a CSV or Parquet row as the
few columns the audit uses, a folder's article as its file's bytes. The driver's work per
article is splitting, not parsing or linting; its memory holds only the partitions in flight.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from newslint.errors import UsageError

#: Source kinds by file name ending (longest first).
SUFFIXES = (
    (".jsonl.gz", "jsonl"),
    (".ndjson.gz", "jsonl"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".csv", "csv"),
    (".parquet", "parquet"),
)
GLOB_CHARS = frozenset("*?[")


class Columns(NamedTuple):
    """The column options: which fields hold the id, text, language, date, body format and
    the metadata to group by. ``wanted`` lists each field the audit reads once."""

    id: str = "id"
    text: str = "text"
    lang: str | None = None
    date: str | None = None
    format: str | None = None
    group_by: tuple[str, ...] = ()

    @property
    def meta(self) -> tuple[str, ...]:
        """Metadata columns kept as ``meta.<column>``: the group-by columns, then the date."""
        extra = (self.date,) if self.date and self.date not in self.group_by else ()
        return (*self.group_by, *extra)

    @property
    def wanted(self) -> list[str]:
        names = [self.id, self.text, self.lang, self.format, *self.meta]
        return list(dict.fromkeys(n for n in names if n))


class Source(NamedTuple):
    """One input: ``kind`` is jsonl, csv, parquet or folder; ``display`` is how rows name it."""

    path: Path
    display: str
    kind: str
    files: tuple[tuple[Path, str], ...] = ()  # a folder's articles, as discovery lists them

    def fingerprint(self) -> list[Any]:
        """What resume compares: a changed export must not be resumed as if it were the same."""
        if self.kind == "folder":
            return [self.display, len(self.files)]
        st = self.path.stat()
        return [self.display, st.st_size, st.st_mtime_ns]

    def size(self) -> int:
        if self.kind == "folder":
            return len(self.files)
        return self.path.stat().st_size


#: A record shipped to a worker: (source display, kind, row number, payload). The payload is
#: a JSON line's bytes, a dict of a table row's columns, a file's bytes, or a ``str`` reason
#: why the row could not be read at all.
Record = tuple[str, str, int, Any]


def kind_of(name: str) -> str | None:
    lower = name.lower()
    for suffix, kind in SUFFIXES:
        if lower.endswith(suffix):
            return kind
    return None


def _display(path: Path, cwd: Path) -> str:
    from newslint.discover import display_path

    return display_path(path, cwd)


def expand(specs: Sequence[str], cwd: Path, session: Any) -> list[Source]:
    """The sources named on the command line; a missing one, a glob matching nothing or a
    file of unknown kind is a usage error (exit 2) before anything is audited."""
    out: list[Source] = []
    for spec in specs:
        path = Path(spec) if Path(spec).is_absolute() else cwd / spec
        if path.is_dir():
            files = tuple(session.discover([spec]))
            out.append(Source(path, _display(path, cwd), "folder", files))
            continue
        if path.exists():
            paths = [path]
        elif GLOB_CHARS & set(spec):
            paths = [Path(p) for p in sorted(glob.glob(str(path), recursive=True))]
            paths = [p for p in paths if p.is_file()]
            if not paths:
                raise UsageError(f"{spec}: no file matches this pattern")
        else:
            raise UsageError(f"{spec}: no such file or folder")
        for p in paths:
            kind = kind_of(p.name)
            if kind is None:
                raise UsageError(
                    f"{_display(p, cwd)}: not an audit source (expected a folder, .jsonl, "
                    ".jsonl.gz, .csv or .parquet)"
                )
            out.append(Source(p, _display(p, cwd), kind))
    return out


def check_columns(sources: Sequence[Source], cols: Columns) -> None:
    """Stop at once (exit 2) when a CSV header or Parquet schema lacks a named column, or when
    a JSON Lines export's first record lacks the text field: a mistyped option, not bad rows."""
    for src in sources:
        if src.kind == "folder":
            continue
        names = _columns_of(src)
        if names is None:
            continue
        required = [c for c in (cols.text, cols.lang, cols.format, *cols.meta) if c]
        if src.kind != "jsonl" and cols.id != "id":
            required.append(cols.id)
        if src.kind == "jsonl":
            required = [cols.text]
        missing = [c for c in required if c not in names]
        if missing:
            shown = ", ".join(sorted(names)[:20]) or "none"
            raise UsageError(
                f"{src.display}: no column {missing[0]!r} (columns: {shown}); "
                "name the right one with --text-column/--id-column/..."
            )


def _columns_of(src: Source) -> set[str] | None:
    """The source's column names, or None when they cannot be known up front."""
    if src.kind == "csv":
        try:
            with open(src.path, encoding="utf-8", errors="replace", newline="") as fh:
                header = next(csv.reader(fh), None)
        except (OSError, csv.Error) as exc:
            raise UsageError(f"{src.display}: cannot read: {exc}") from None
        if header is None:
            raise UsageError(f"{src.display}: empty CSV file (no header row)")
        return set(header)
    if src.kind == "parquet":
        import pyarrow.parquet as pq

        try:
            return set(pq.ParquetFile(src.path).schema_arrow.names)
        except Exception as exc:
            raise UsageError(f"{src.display}: not a readable Parquet file: {exc}") from None
    import json

    try:
        for _, _, _, payload in _jsonl(src, 0):
            if isinstance(payload, bytes):
                try:
                    obj = json.loads(payload)
                except ValueError:
                    continue
                return set(obj) if isinstance(obj, dict) else None
    except OSError as exc:
        raise UsageError(f"{src.display}: cannot read: {exc}") from None
    return None


class Position:
    """How far the driver has read, in the units of :meth:`Source.size` (bytes of a file,
    articles of a folder): the progress display estimates the total article count from it
    without a counting pass over a compressed export."""

    def __init__(self) -> None:
        self.done = 0  # sources read to the end
        self.current = 0  # within the source being read

    @property
    def value(self) -> int:
        return self.done + self.current


def records(
    sources: Sequence[Source], cols: Columns, max_size: int, pos: Position | None = None
) -> Iterator[Record]:
    """Every record of every source, in order (the order partitions are cut from)."""
    pos = pos or Position()
    for src in sources:
        pos.current = 0
        if src.kind == "jsonl":
            yield from _jsonl(src, max_size, pos)
        elif src.kind == "csv":
            yield from _csv(src, cols, pos)
        elif src.kind == "parquet":
            yield from _parquet(src, cols, pos)
        else:
            yield from _folder(src, max_size, pos)
        pos.done += src.size()
        pos.current = 0


def _jsonl(src: Source, max_size: int, pos: Position | None = None) -> Iterator[Record]:
    gz = src.path.name.lower().endswith(".gz")
    row = 0
    try:
        with open(src.path, "rb") as raw, gzip.open(raw, "rb") if gz else raw as fh:
            for row, line in enumerate(fh, 1):
                if pos is not None and not row % 64:
                    pos.current = raw.tell()
                line = line.rstrip(b"\r\n")
                if not line.strip():
                    continue
                # JSON escapes may take 6 bytes a character (\uXXXX): the text's own limit
                # is checked once decoded; this only keeps absurd lines off the network.
                if max_size and len(line) > 6 * max_size + 4096:
                    yield (
                        src.display,
                        "jsonl",
                        row,
                        f"line is {len(line):,} bytes, far over the {max_size:,}-byte "
                        "max-file-size limit",
                    )
                    continue
                yield (src.display, "jsonl", row, line)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:  # a truncated or corrupt .gz
        yield (src.display, "jsonl", row + 1, f"the rest of the file is unreadable: {exc}")


def _csv(src: Source, cols: Columns, pos: Position) -> Iterator[Record]:
    csv.field_size_limit(sys.maxsize if sys.maxsize < 2**63 else 2**62)
    wanted = cols.wanted
    # Undecodable bytes survive as surrogates so that one bad row, not the file, is lost.
    with (
        open(src.path, "rb") as raw,
        io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="") as fh,
    ):
        reader = csv.reader(fh)
        header = next(reader, None) or []
        index = {name: i for i, name in enumerate(header)}
        while True:
            row = reader.line_num + 1  # the line the record starts on (the header is line 1)
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield (src.display, "csv", row, f"malformed CSV: {exc}")
                continue
            if not fields:
                continue
            if not row % 64:
                pos.current = raw.tell()
            if len(fields) != len(header):
                yield (
                    src.display,
                    "csv",
                    row,
                    f"row has {len(fields)} fields, the header has {len(header)}",
                )
                continue
            values = {n: fields[index[n]] for n in wanted if n in index}
            bad = [n for n, v in values.items() if _has_surrogates(v)]
            if bad:
                yield (src.display, "csv", row, f"column {bad[0]!r} is not valid UTF-8")
                continue
            yield (src.display, "csv", row, values)


def _has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _parquet(src: Source, cols: Columns, pos: Position) -> Iterator[Record]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(src.path)
    names = set(pf.schema_arrow.names)
    wanted = [n for n in cols.wanted if n in names]
    first = 0
    groups = pf.metadata.num_row_groups
    for group in range(groups):
        pos.current = src.size() * group // max(1, groups)
        count = pf.metadata.row_group(group).num_rows
        try:
            table = pf.read_row_group(group, columns=wanted)
            rows = table.to_pylist()
        except Exception as exc:  # a corrupt row group: report it, keep the others
            reason = (
                f"row group {group} (records {first}-{first + count - 1}) is unreadable: "
                f"{type(exc).__name__}: {exc}"
            )
            yield (src.display, "parquet", first, reason)
            first += count
            continue
        for i, values in enumerate(rows):
            yield (src.display, "parquet", first + i, values)
        del table, rows
        first += count


def _folder(src: Source, max_size: int, pos: Position) -> Iterator[Record]:
    from newslint.engine import read_input
    from newslint.errors import InputError

    for row, (path, display) in enumerate(src.files, 1):
        pos.current = row
        try:
            data: Any = read_input(path, display, max_size)
        except InputError as exc:
            data = exc.reason
        yield (src.display, "folder", row, (display, data))


def count_records(sources: Sequence[Source], cols: Columns) -> int:
    """How many records the sources hold (a pass over them: for ``--sample`` only)."""
    return sum(1 for _ in records(sources, cols, 0))


def partitions(
    stream: Iterator[Record], size: int, sample: set[int] | None = None
) -> Iterator[tuple[int, list[Record]]]:
    """Cut the stream into numbered partitions of ``size`` records (fewer in the last);
    with ``sample`` (global record indices), only those records, still in order."""
    batch: list[Record] = []
    index = 0
    for n, rec in enumerate(stream):
        if sample is not None and n not in sample:
            continue
        batch.append(rec)
        if len(batch) >= size:
            yield index, batch
            index += 1
            batch = []
    if batch:
        yield index, batch


def total_bytes(sources: Sequence[Source]) -> int:
    return sum(s.size() for s in sources)


__all__ = ["Columns", "Record", "Source", "check_columns", "expand", "partitions", "records"]
