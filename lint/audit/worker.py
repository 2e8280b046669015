"""One partition's audit, where it runs (a local worker process or a cluster's worker).

Each article goes through the same steps as ``newslint check`` on a file (decode, the
reader its name picks, :meth:`Linter.lint_article`), with the linter ``check`` would build
from the same options, so verdicts are the same. The partition comes back as three Parquet
files' bytes, deterministic for its input: rows in record order, no timestamps; the driver
only renames them into place, so any scheduler or worker count writes the same bytes.
"""

from __future__ import annotations

import copy
import io
import json
import pickle
from typing import Any, NamedTuple

from newslint.audit.manifest import FINDING_FIELDS
from newslint.audit.sources import Columns, Record

#: Body formats: the option/column value → the file extension whose reader reads it.
FORMATS = {
    "text": ".txt",
    "txt": ".txt",
    "plain": ".txt",
    "markdown": ".md",
    "md": ".md",
    "html": ".html",
    "htm": ".html",
}


class Job(NamedTuple):
    """What every partition of one audit shares: the pickled linter (built once by the
    driver from the config and options, unpickled once per worker process) and columns."""

    key: str  # digest of ``linter``: a worker keeps one linter per audit
    linter: bytes
    columns: Columns
    body_format: str  # the reader's extension for rows whose format is not given
    forced_lang: bool  # --lang given: it beats the language column, as it beats front matter
    rules: tuple[str, ...]  # names of the rules that run, for the rule.<name> columns


class PartitionResult(NamedTuple):
    partition: int
    findings: bytes
    articles: bytes
    errors: bytes
    articles_count: int
    findings_count: int
    errors_count: int


_LINTERS: dict[str, dict[str | None, Any]] = {}


def _linter(job: Job, lang: str | None) -> Any:
    """The job's linter for an article in ``lang`` (None: detect), built once per process."""
    by_lang = _LINTERS.get(job.key)
    if by_lang is None:
        from newslint.engine import tune_gc

        tune_gc()
        _LINTERS.clear()  # one audit at a time per worker: do not keep old configs
        by_lang = _LINTERS[job.key] = {None: pickle.loads(job.linter)}
    if job.forced_lang:
        lang = None
    linter = by_lang.get(lang)
    if linter is None:
        linter = copy.copy(by_lang[None])
        linter.lang = lang
        by_lang[lang] = linter
    return linter


def _text_value(value: Any) -> str | None:
    """A metadata value as text: str as is, dates ISO, structures as JSON, None stays None."""
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _lint(linter: Any, data: Any, display: str) -> tuple[Any, Any]:
    """``linter.lint_bytes(data, display)`` keeping the article's metadata (front matter)."""
    from newslint.readers.decode import decode_bytes

    try:
        source = data if isinstance(data, str) else decode_bytes(data)
        reader = linter.registry.reader_for(display) or linter._sniff_reader(source)
        article = reader.read(display, source)
    except Exception:  # lint_bytes words the same failure as check does
        return linter.lint_bytes(data, display), {}
    return linter.lint_article(article), article.metadata


def audit_partition(index: int, batch: list[Record], job: Job) -> PartitionResult:
    """Lint a partition's records; bad rows become error rows, never exceptions."""
    cols = job.columns
    meta_names = cols.meta
    finds: dict[str, list[Any]] = {k: [] for k in FINDING_FIELDS}
    arts: dict[str, list[Any]] = {k: [] for k in _ARTICLE_FIELDS}
    for name in meta_names:
        finds[f"meta.{name}"] = []
        arts[f"meta.{name}"] = []
    for rule in job.rules:
        arts[f"rule.{rule}"] = []
    errs: dict[str, list[Any]] = {"source": [], "row": [], "partition": [], "reason": []}

    def error(source: str, row: int, reason: str) -> None:
        errs["source"].append(source)
        errs["row"].append(row)
        errs["partition"].append(index)
        errs["reason"].append(reason)

    max_size = None
    for source, kind, row, payload in batch:
        if isinstance(payload, str):
            error(source, row, payload)
            continue
        meta: dict[str, Any] = {}
        lang = None
        if kind == "folder":
            display, data = payload
            if isinstance(data, str):
                error(source, row, f"{display}: {data}")
                continue
            article_id = display
        else:
            fields = payload
            if kind == "jsonl":
                try:
                    fields = json.loads(payload)
                except ValueError as exc:
                    error(source, row, f"malformed JSON: {exc}")
                    continue
                if not isinstance(fields, dict):
                    error(source, row, f"not a JSON object but {type(fields).__name__}")
                    continue
            data = fields.get(cols.text)
            if data is None:
                error(source, row, f"no {cols.text!r} value (the --text-column)")
                continue
            if not isinstance(data, str):
                error(source, row, f"{cols.text!r} is {type(data).__name__}, not text")
                continue
            if max_size is None:
                max_size = _linter(job, None).config.max_file_size
            if len(data) * 4 > max_size and len(data.encode("utf-8")) > max_size:
                error(source, row, f"text is over the {max_size:,}-byte max-file-size limit")
                continue
            raw_id = fields.get(cols.id)
            article_id = f"{source}:{row}" if raw_id is None else str(_text_value(raw_id))
            fmt = fields.get(cols.format) if cols.format else None
            ext = FORMATS.get(str(fmt).strip().lower()) if fmt else job.body_format
            if ext is None:
                error(source, row, f"unknown body format {fmt!r} (text, markdown or html)")
                continue
            lang = _text_value(fields.get(cols.lang)) if cols.lang else None
            display = article_id if article_id.lower().endswith(ext) else article_id + ext
            meta = {n: _text_value(fields.get(n)) for n in meta_names}
        linter = _linter(job, lang or None)
        result, front = _lint(linter, data, display)
        if kind == "folder":
            meta = {n: _text_value(front.get(n)) for n in meta_names} if front else {}
        if not result.linted:
            reasons = "; ".join(e.message for e in result.errors) or "could not be read"
            error(source, row, reasons)
            continue
        for e in result.errors:  # a failing rule: the article is audited without it
            error(source, row, f"{e.kind} {e.rule or ''} failed: {e.message}".replace("  ", " "))
        # A rule for other languages has no verdict on this article: null, not compliant.
        counts: dict[str, int | None] = {
            r.name: 0 if r.applies_to(result.lang) else None for r in linter.rules
        }
        for f in result.findings:
            if f.suppressed:
                continue
            counts[f.name] = (counts.get(f.name) or 0) + 1
            for k, v in (
                ("article_id", article_id),
                ("partition", index),
                ("row", row),
                ("source", source),
                ("lang", result.lang),
                ("rule", f.name),
                ("code", f.code),
                ("severity", f.severity.label),
                ("line", f.line),
                ("column", f.column),
                ("end_line", f.end_line),
                ("end_column", f.end_column),
                ("message", f.message),
                ("excerpt", f.excerpt),
            ):
                finds[k].append(v)
            finds["evidence"].append(
                json.dumps(dict(f.evidence), ensure_ascii=False, sort_keys=True, default=str)
            )
            for n in meta_names:
                finds[f"meta.{n}"].append(meta.get(n))
        for k, v in (
            ("article_id", article_id),
            ("partition", index),
            ("row", row),
            ("source", source),
            ("lang", result.lang),
            ("chars", len(data if isinstance(data, str) else data.decode("utf-8", "replace"))),
        ):
            arts[k].append(v)
        for n in meta_names:
            arts[f"meta.{n}"].append(meta.get(n))
        for rule in job.rules:
            arts[f"rule.{rule}"].append(counts.get(rule))
    return PartitionResult(
        index,
        _parquet(finds, findings_schema(cols, job.rules)),
        _parquet(arts, articles_schema(cols, job.rules)),
        _parquet(errs, errors_schema()),
        len(arts["article_id"]),
        len(finds["rule"]),
        len(errs["row"]),
    )


_ARTICLE_FIELDS = ("article_id", "partition", "row", "source", "lang", "chars")


def _types() -> dict[str, Any]:
    import pyarrow as pa

    return {
        "partition": pa.int32(),
        "row": pa.int64(),
        "line": pa.int32(),
        "column": pa.int32(),
        "end_line": pa.int32(),
        "end_column": pa.int32(),
        "chars": pa.int64(),
    }


def findings_schema(cols: Columns, rules: tuple[str, ...]) -> Any:
    import pyarrow as pa

    types = _types()
    fields = [pa.field(n, types.get(n, pa.string())) for n in FINDING_FIELDS]
    return pa.schema(fields + [pa.field(f"meta.{n}", pa.string()) for n in cols.meta])


def articles_schema(cols: Columns, rules: tuple[str, ...]) -> Any:
    import pyarrow as pa

    types = _types()
    fields = [pa.field(n, types.get(n, pa.string())) for n in _ARTICLE_FIELDS]
    fields += [pa.field(f"meta.{n}", pa.string()) for n in cols.meta]
    return pa.schema(fields + [pa.field(f"rule.{r}", pa.int32()) for r in rules])


def errors_schema() -> Any:
    import pyarrow as pa

    names = {"source": pa.string(), "row": pa.int64(), "partition": pa.int32()}
    return pa.schema([*(pa.field(n, t) for n, t in names.items()), pa.field("reason", pa.string())])


def _parquet(columns: dict[str, list[Any]], schema: Any) -> bytes:
    """One Parquet file's bytes; the same table always gives the same bytes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pydict(columns, schema=schema)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


__all__ = ["FORMATS", "Job", "PartitionResult", "audit_partition"]
