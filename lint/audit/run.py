"""``newslint audit``: the driver. Cut the sources into partitions, run each partition as one
Dask task, write each result into OUT as it completes, then the report.

One code path: every partition is ``dask.delayed(audit_partition)(...)``. Without
``--dask`` it runs on Dask's local process scheduler over a pool of worker processes kept
for the whole audit (one driver thread per worker keeps each busy and the partitions in
flight bounded); with ``--dask ADDRESS`` (or ``DASK_SCHEDULER_ADDRESS``) on that cluster,
a bounded window of futures at a time. Results are the same bytes either way
(:mod:`newslint.audit.worker`).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import random
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newslint.audit.manifest import Manifest
from newslint.audit.progress import Progress
from newslint.audit.sources import (
    Columns,
    Position,
    Record,
    check_columns,
    count_records,
    expand,
    partitions,
    records,
    total_bytes,
)
from newslint.audit.worker import FORMATS, Job, PartitionResult, audit_partition
from newslint.errors import ExitCode, UsageError

Partitions = Iterator[tuple[int, list[Record]]]
OnDone = Callable[[PartitionResult], None]


class PartitionFailed(Exception):
    """A partition could not be audited (its worker died repeatedly, or a bug)."""


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle


class LocalRunner:
    """Dask's local process scheduler on a pool kept for the whole audit."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = self._new_pool()

    def _new_pool(self) -> Any:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context("spawn")  # the driver has threads: no fork
        return ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_ignore_sigint)

    def run(self, parts: Partitions, job: Job, on_done: OnDone) -> None:
        from concurrent.futures.process import BrokenProcessPool

        import dask

        lock = threading.Lock()
        stop = threading.Event()
        failures: list[BaseException] = []

        def loop() -> None:
            while not stop.is_set():
                with lock:
                    item = next(parts, None)
                if item is None:
                    return
                task = dask.delayed(audit_partition, pure=False)(item[0], item[1], job)
                for _attempt in range(3):  # a killed worker process: a new pool, again
                    pool = self.pool
                    try:
                        (result,) = dask.compute(task, scheduler="processes", pool=pool)
                        break
                    except BrokenProcessPool:
                        if stop.is_set():
                            return
                        with lock:
                            if self.pool is pool:
                                pool.shutdown(wait=False, cancel_futures=True)
                                self.pool = self._new_pool()
                    except BaseException as exc:
                        failures.append(exc)
                        stop.set()
                        return
                else:
                    failures.append(
                        PartitionFailed(f"partition {item[0]}: its worker died 3 times")
                    )
                    stop.set()
                    return
                with lock:
                    if not stop.is_set():
                        on_done(result)

        threads = [threading.Thread(target=loop, daemon=True) for _ in range(self.workers)]
        for t in threads:
            t.start()
        try:
            for t in threads:
                while t.is_alive():
                    t.join(0.2)
        except BaseException:
            stop.set()
            raise
        if failures:
            raise PartitionFailed(str(failures[0])) from failures[0]

    def close(self) -> None:
        for proc in list(getattr(self.pool, "_processes", {}).values()):
            proc.kill()  # an interrupted audit must not wait for partitions in flight
        self.pool.shutdown(wait=True, cancel_futures=True)


class DistributedRunner:
    """A Dask cluster: its scheduler's address, a window of futures twice its threads."""

    def __init__(self, address: str) -> None:
        from distributed import Client

        try:
            self.client = Client(address, timeout="20s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"--dask {address}: cannot reach the scheduler: {exc}") from None

    def run(self, parts: Partitions, job: Job, on_done: OnDone) -> None:
        import warnings

        import dask
        from distributed import as_completed

        # A partition's records are its task's argument: a few MB, as intended.
        warnings.filterwarnings("ignore", message=".*large graph.*")

        def submit(item: tuple[int, list[Record]]) -> Any:
            # The job (the pickled linter, ~100 KB) rides along: small beside the records.
            return self.client.compute(dask.delayed(audit_partition, pure=False)(*item, job))

        window = max(4, 2 * sum(self.client.nthreads().values()))
        pending = as_completed()
        for _ in range(window):
            item = next(parts, None)
            if item is None:
                break
            pending.add(submit(item))
        for future in pending:
            try:
                result = future.result()
            except Exception as exc:
                raise PartitionFailed(f"{type(exc).__name__}: {exc}") from exc
            future.release()
            on_done(result)
            item = next(parts, None)
            if item is not None:
                pending.add(submit(item))

    def close(self) -> None:
        self.client.close()


def _options(args: argparse.Namespace) -> tuple[Columns, str]:
    cols = Columns(
        id=args.id_column,
        text=args.text_column,
        lang=args.lang_column,
        date=args.date_column,
        format=args.format_column,
        group_by=tuple(dict.fromkeys(c for g in args.group_by or () for c in g.split(",") if c)),
    )
    if args.partition_size < 1:
        raise UsageError("--partition-size must be at least 1")
    if args.sample is not None and args.sample < 1:
        raise UsageError("--sample must be at least 1")
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    return cols, FORMATS[args.body_format]


def parse_fail_on(specs: list[str] | None, rules: list[Any]) -> list[tuple[str, float]]:
    """``RULE[=RATE]`` → (rule name, rate): fail when more than RATE of the audited articles
    have a finding of RULE (RATE: 0.05 or 5%; none given: any article at all)."""
    out: list[tuple[str, float]] = []
    for spec in specs or ():
        key, _, rate_text = spec.partition("=")
        key = key.strip()
        rule = next((r for r in rules if key in (r.name, r.code) or key.upper() == r.code), None)
        if rule is None:
            from newslint.config import did_you_mean

            known = [k for r in rules for k in (r.code, r.name)]
            raise UsageError(f"--fail-on: no rule {key!r} runs{did_you_mean(key, known)}")
        rate = 0.0
        if rate_text.strip():
            text = rate_text.strip()
            try:
                rate = float(text[:-1]) / 100 if text.endswith("%") else float(text)
            except ValueError:
                rate = -1
            if not 0 <= rate <= 1:
                raise UsageError(
                    f"--fail-on {spec}: the rate is a fraction (0.05) or a percentage (5%)"
                )
        out.append((rule.name, rate))
    return out


def run_audit(args: argparse.Namespace) -> int:
    from newslint import __version__
    from newslint.commands import session_from_args

    cols, ext = _options(args)
    cwd = Path.cwd()
    session = session_from_args(args)
    linter = session.linter
    linter.explain = False  # as check without --explain: pass notes are not audited
    fail_on = parse_fail_on(args.fail_on, linter.rules)
    sources = expand(args.sources, cwd, session)
    check_columns(sources, cols)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {args.out}: exists and is not a folder")
    address = args.dask or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
    blob = pickle.dumps(linter)
    rules = tuple(r.name for r in linter.rules)
    job = Job(hashlib.sha256(blob).hexdigest(), blob, cols, ext, args.lang is not None, rules)
    fresh = {
        "version": 1,
        "sources": [s.display for s in sources],
        "inputs": [s.fingerprint() for s in sources],
        "options": {
            "id_column": cols.id,
            "text_column": cols.text,
            "lang_column": cols.lang,
            "date_column": cols.date,
            "format_column": cols.format,
            "group_by": list(cols.group_by),
            "body_format": args.body_format,
            "partition_size": args.partition_size,
            "sample": args.sample,
            "seed": args.seed,
            "lang": args.lang,
            "message_lang": args.message_lang,
            "config": session.config.digest(),
        },
        "partitions": None,
        "completed": [],
        "rules": [{"name": r.name, "code": r.code, "summary": r.summary} for r in linter.rules],
        "newslint_version": __version__,
    }
    runner: Any = (
        DistributedRunner(address) if address else LocalRunner(args.workers or os.cpu_count() or 1)
    )
    try:
        out.mkdir(parents=True, exist_ok=True)
        manifest = Manifest.start(out, fresh, args.resume)
        return _audit(args, session, sources, cols, job, runner, manifest, fail_on)
    finally:
        runner.close()


def _audit(
    args: argparse.Namespace,
    session: Any,
    sources: list[Any],
    cols: Columns,
    job: Job,
    runner: Any,
    manifest: Manifest,
    fail_on: list[tuple[str, float]],
) -> int:
    """Run the partitions not yet completed, then conclude (see :func:`run_audit`)."""
    out = manifest.out
    max_size = session.config.max_file_size
    sample = None
    if args.sample is not None:
        total = count_records(sources, cols)
        chosen = random.Random(args.seed).sample(range(total), min(args.sample, total))
        sample = set(chosen)
    pos = Position()
    stream = records(sources, cols, max_size, pos)
    state = {"articles": 0, "read": 0}
    all_parts = partitions(stream, args.partition_size, sample)
    done_before = set(manifest.completed)
    count_total = {"partitions": 0}

    def todo() -> Partitions:
        for index, batch in all_parts:
            count_total["partitions"] = index + 1
            state["read"] += len(batch)
            if index in done_before:
                progress.skipped += len(batch)
                state["articles"] += len(batch)
                continue
            yield index, batch

    progress = Progress(args.progress)
    size = total_bytes(sources)

    def estimate() -> int | None:
        if sample is not None:
            return len(sample)
        if pos.value <= 0:
            return None
        return max(state["read"], int(state["read"] * size / pos.value))

    def on_done(result: PartitionResult) -> None:
        manifest.write_partition(result.partition, result.findings, result.articles, result.errors)
        state["articles"] += result.articles_count + result.errors_count
        progress.update(state["articles"], estimate())

    try:
        runner.run(todo(), job, on_done)
    except KeyboardInterrupt:
        manifest.save()
        sys.stderr.write(
            f"\nnewslint: interrupted; {len(manifest.completed)} partition(s) are kept in "
            f"{out}: continue with the same command and --resume\n"
        )
        return 130
    except PartitionFailed as exc:
        manifest.save()
        sys.stderr.write(
            f"newslint: error: {exc}\nnewslint: {len(manifest.completed)} partition(s) are "
            f"kept in {out}: continue with the same command and --resume\n"
        )
        return ExitCode.INCOMPLETE
    manifest.finish(count_total["partitions"])
    progress.update(state["articles"], state["articles"], final=True)
    return _conclude(manifest, args, fail_on)


def _conclude(
    manifest: Manifest, args: argparse.Namespace, fail_on: list[tuple[str, float]]
) -> int:
    """Write the report, print the summary, and choose the exit code."""
    import pyarrow.parquet as pq

    articles = errors = findings = 0
    flagged = dict.fromkeys((name for name, _ in fail_on), 0)
    in_scope = dict.fromkeys(flagged, 0)
    for path in manifest.files("articles"):
        table = pq.read_table(path, columns=[f"rule.{n}" for n in flagged])
        articles += pq.ParquetFile(path).metadata.num_rows
        for name in flagged:
            col = table.column(f"rule.{name}").to_pylist()
            in_scope[name] += sum(1 for v in col if v is not None)
            flagged[name] += sum(1 for v in col if v)
    for path in manifest.files("errors"):
        errors += pq.ParquetFile(path).metadata.num_rows
    for path in manifest.files("findings"):
        findings += pq.ParquetFile(path).metadata.num_rows
    report = None
    if not args.no_report:
        from newslint.audit.report import write_report

        report = write_report(manifest.out)
    sys.stdout.write(
        f"newslint audit: {articles:,} article(s) audited, {findings:,} finding(s), "
        f"{errors:,} row(s) could not be audited; results in {manifest.out}"
        + (f", report {report}" if report else "")
        + "\n"
    )
    failing = False
    for name, limit in fail_on:
        share = flagged[name] / in_scope[name] if in_scope[name] else 0.0
        over = share > limit
        failing = failing or over
        sys.stdout.write(
            f"--fail-on {name}: {flagged[name]:,} of {in_scope[name]:,} article(s) "
            f"({100 * share:.2f}%) {'over' if over else 'within'} the {100 * limit:g}% limit\n"
        )
    if errors:
        return ExitCode.INCOMPLETE
    return ExitCode.FINDINGS if failing else ExitCode.OK
