"""Sub-command implementations behind :mod:`newslint.cli`."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from newslint.errors import ExitCode, UsageError
from newslint.findings import Severity, count_findings, counts_fail
from newslint.render import Rendered, Replayable


def _parse_formats(args: argparse.Namespace, known: dict[str, Any]) -> list[tuple[str, str | None]]:
    specs = args.format or ["text"]
    out: list[tuple[str, str | None]] = []
    for spec in specs:
        name, _, dest = spec.partition("=")
        name = name.strip()
        if name not in known:
            from newslint.config import did_you_mean

            raise UsageError(
                f"unknown format {name!r}{did_you_mean(name, known)} "
                f"(available: {', '.join(sorted(known))})"
            )
        out.append((name, dest or None))
    stdout_users = [n for n, d in out if d is None]
    if args.output:
        if len(stdout_users) > 1:
            raise UsageError("--output takes one format; give the others as FORMAT=FILE")
        out = [(n, d if d is not None else args.output) for n, d in out]
    elif len(stdout_users) > 1:
        raise UsageError(
            "several formats would all write to standard output; give all but one as FORMAT=FILE"
        )
    return out


def _report_words(session: Any) -> dict[str, Any]:
    """The language of a report's own words (the HTML report's headings and labels), for
    every format's ``RunInfo.extra``: ``translate`` (picklable) and ``locale`` (its code,
    also in the cached fragments' key). Rule in :func:`newslint.i18n.report_language`."""
    from newslint.i18n import Words, report_language

    linter = session.linter
    lang = report_language(linter.message_lang or session.config.messages, linter.lang)
    return {"translate": Words(lang), "locale": lang}


def run_check(args: argparse.Namespace) -> int:
    from newslint.api import Session

    cwd = Path.cwd()
    session = Session.create(
        cwd=cwd,
        config_path=args.config,
        isolated=args.isolated,
        select=_split_opt(args.select),
        ignore=_split_opt(args.ignore) or [],
        lang=args.lang,
        plugins=args.plugin,
        message_lang=args.message_lang,
    )
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    _check_fix_options(args)
    session.linter.explain = bool(args.explain)
    if args.show_config:
        sys.stdout.write(
            session.config.describe(
                cli={
                    "language": args.lang,
                    "messages": args.message_lang,
                    "fail-on": args.fail_on,
                    "select": _split_opt(args.select),
                    "ignore": _split_opt(args.ignore),
                }
            )
        )
        return ExitCode.OK
    paths = args.paths or ["."]
    stdin_mode = paths == ["-"]
    if "-" in paths and not stdin_mode:
        raise UsageError("'-' (standard input) cannot be combined with other paths")
    files = (
        []
        if stdin_mode
        else session.discover(
            paths, respect_gitignore=not args.no_gitignore, force_exclude=args.force_exclude
        )
    )
    post: list[Any] = []  # per-result steps of pipeline mode (docs/pipelines.md)
    if args.changed_since and not stdin_mode:
        from newslint.changed import ChangedLinesFilter, restrict_to_changed

        files, line_table = restrict_to_changed(args.changed_since, cwd, files, args.changed_lines)
        if line_table is not None:
            codes = [r.code for r in session.linter.rules if r.article_level]
            post.append(ChangedLinesFilter(line_table, cwd, codes))
    elif args.changed_lines:
        raise UsageError("--changed-lines needs --changed-since REF")
    files = _without_reports(files, args)
    if args.show_files:
        for _, display in files:
            sys.stdout.write(display + "\n")
        return ExitCode.OK

    fixing = args.fix or args.diff
    # --diff prints the diff, not a report; --fix on standard input prints the fixed text
    # on standard output, so the report goes to standard error (as ruff does).
    formats = [] if args.diff else _parse_formats(args, session.registry.formatters)
    report_out = sys.stderr if stdin_mode and args.fix and not args.diff else sys.stdout
    fix_stats = None
    if fixing or args.unsafe_fixes:
        from newslint.fixer import FixStats

        fix_stats = FixStats(unsafe=args.unsafe_fixes)
    fail_on = _fail_on(args.fail_on, session.config.fail_on)
    from newslint.formatters import Summary

    baseline_writer = None
    if args.write_baseline:
        from newslint.baseline import BaselineWriter

        baseline_writer = BaselineWriter(args.write_baseline, cwd)
        post.append(baseline_writer.record)
    baseline = None
    if args.baseline:
        from newslint.baseline import Baseline

        baseline = Baseline.load(args.baseline, cwd)
        post.append(baseline.filter)
    cache = None
    summary = Summary()
    incomplete = False
    failing = False
    words = _report_words(session)
    with contextlib.ExitStack() as stack:
        formatters = []
        for name, dest in formats:
            stream: TextIO = report_out if dest is None else stack.enter_context(_open_output(dest))
            info = session.run_info(
                color=dest is None and _use_color(args.color, report_out),
                show_suppressed=args.show_suppressed,
                explain=args.explain,
                fail_on=fail_on,
                extra=words,
            )
            formatters.append(session.registry.formatters[name](stream, info))
        for fmt in formatters:
            fmt.begin()
        keep_source = any(getattr(fmt, "needs_source", False) for fmt in formatters)
        session.linter.keep_source = keep_source
        # Formats whose text for a file can be made from that file alone: the workers
        # render it and the cache replays it. Not when results are post-processed here (a
        # baseline or changed-lines filter needs the findings and is not in the cache key).
        keys = [None if post else _fragment_key(fmt) for fmt in formatters]
        renderable = not stdin_mode and fix_stats is None and all(k is not None for k in keys)
        # The cache keeps findings, not articles: a format that shows the article can use a
        # hit only as its replayed fragment, so without fragments there is nothing to reuse.
        if not (stdin_mode or args.no_cache or fix_stats is not None) and (
            renderable or not keep_source
        ):
            cache = _open_cache(session, args, cwd)
        renderer = None
        if renderable:
            from newslint.render import Renderer

            renderer = Renderer(
                [
                    (n, k, fmt.info)
                    for (n, _), k, fmt in zip(formats, keys, formatters, strict=True)
                ],
                payload=cache is not None,
            )
        if fixing:
            from newslint.fixer import fix_files

            assert fix_stats is not None
            stdin = (sys.stdin.buffer.read(), args.stdin_filename or "-") if stdin_mode else None
            results = fix_files(session.linter, files, fix_stats, args.diff, stdin)
        elif stdin_mode:
            display = args.stdin_filename or "-"
            data = sys.stdin.buffer.read()
            results = iter([_lint_stdin(session, data, display)])
        elif cache is not None:
            from newslint.cache import lint_with_cache

            results = lint_with_cache(
                cache, files, lambda fs: session.lint_files(fs, jobs=args.jobs, finish=renderer)
            )
        else:
            results = session.lint_files(files, jobs=args.jobs, finish=renderer)
        for item in results:
            if isinstance(item, Replayable):  # rendered by a worker, or a cache hit
                if all(item.has_fragment(k) for k in keys) and _replay(item, formatters, keys):
                    summary.add_counts(item.counts)
                    failing = failing or item.fails(fail_on)
                    continue
                if isinstance(item, Rendered):  # not expected: workers render every format
                    result = session.linter.lint_path(Path(item.path), item.path)
                else:  # a cache hit without this format's text, or a post-processed run
                    # (the cache keeps no article text: a format showing it lints again)
                    cached = None if keep_source else item.result()
                    result = cached or session.linter.lint_path(item.file, item.path)
            else:
                result = item
            for step in post:
                result = step(result)
            if fix_stats is not None and not fixing:
                fix_stats.count(result)
            summary.add(result)
            if result.errors:
                incomplete = True
            failing = failing or counts_fail(count_findings(result.findings), fail_on)
            entry = None
            if cache is not None and not post and not result.errors:
                entry = cache.cached(result.path)
            for fmt, key in zip(formatters, keys, strict=True):
                if key is None or result.errors:
                    fmt.file(result)
                    continue
                fragment = fmt.render(result)
                fmt.emit(fragment, len(result.findings))
                if entry is not None:
                    entry.add_fragment(key, fragment)
        for fmt in formatters:
            fmt.end(summary)
    sys.stdout.flush()
    if cache is not None:
        cache.save(keep_only=[d for _, d in files])
    if baseline is not None:
        sys.stderr.write(baseline.report())
    if baseline_writer is not None:
        n = baseline_writer.write()
        sys.stderr.write(f"newslint: wrote {n} finding(s) to baseline {args.write_baseline}\n")
        failing = False
    if fix_stats is not None:
        sys.stderr.write(fix_stats.report(args.fix, args.diff))
    if incomplete:
        return ExitCode.INCOMPLETE
    if args.diff:
        return ExitCode.FINDINGS if fix_stats is not None and fix_stats.fixed else ExitCode.OK
    return ExitCode.FINDINGS if failing else ExitCode.OK


def _without_reports(files: list[Any], args: argparse.Namespace) -> list[Any]:
    """``files`` less the reports this run writes: an HTML report saved among the articles
    would otherwise be linted as one on the next run (and a stale one, on this run)."""
    dests = [d for spec in args.format or () for d in [spec.partition("=")[2]] if d]
    if args.output:
        dests.append(args.output)
    if not dests:
        return files
    names = {Path(d).name for d in dests}
    targets = {Path(d).resolve() for d in dests}
    return [f for f in files if f[0].name not in names or f[0].resolve() not in targets]


def _open_cache(session: Any, args: argparse.Namespace, cwd: Path) -> Any:
    """The result cache for this run (see :mod:`newslint.cache`)."""
    from newslint.cache import ResultCache, default_cache_dir
    from newslint.cache_key import run_key

    root = session.config.root
    cache_dir = Path(args.cache_dir) if args.cache_dir else default_cache_dir(root)
    return ResultCache(cache_dir, run_key(session, args.lang, cwd))


def _check_fix_options(args: argparse.Namespace) -> None:
    """Refuse combinations whose meaning would be a guess (exit 2)."""
    mode = "--diff" if args.diff else "--fix" if args.fix else None
    if mode is None:
        return
    if args.diff and (args.format or args.output):
        raise UsageError("--diff prints a diff instead of a report: drop --format/--output")
    for option, given in (
        ("--baseline", args.baseline),
        ("--write-baseline", args.write_baseline),
        ("--changed-lines", args.changed_lines),
    ):
        if given:
            raise UsageError(
                f"{mode} cannot be combined with {option}: fix first, then run with {option}"
            )


def _lint_stdin(session: Any, data: bytes, display: str) -> Any:
    """Lint standard input; empty input is an input error (exit 3), not a clean article:
    it is nearly always a broken pipe upstream (a wrong ref, a failed export)."""
    if not data.strip():
        from newslint.findings import FileError, FileResult

        reason = "standard input is empty: nothing to lint"
        return FileResult(display, errors=[FileError(display, "input", reason)], linted=False)
    return session.linter.lint_bytes(data, display)


def _fragment_key(fmt: Any) -> str | None:
    """The formatter's cache key for its per-file output, if it offers one."""
    method = getattr(fmt, "fragment_key", None)
    return method() if callable(method) else None


def _replay(item: Any, formatters: list[Any], keys: list[str | None]) -> bool:
    """Write a cache hit's stored output to every format; False if any piece is unreadable."""
    fragments = [item.fragment(k) for k in keys]
    if any(f is None for f in fragments):
        return False
    for fmt, fragment in zip(formatters, fragments, strict=True):
        fmt.emit(fragment, item.finding_count)
    return True


def _split_opt(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _fail_on(cli: str | None, config: Severity | str | None) -> Severity | None:
    value = cli if cli is not None else config
    if value is None:
        return Severity.WARNING
    if isinstance(value, Severity):
        return value
    if value == "never":
        return None
    return Severity.parse(value)


def _use_color(mode: str, stream: TextIO | None = None) -> bool:
    from newslint.cli import _use_color as use

    return use(mode, sys.stdout if stream is None else stream)


@contextlib.contextmanager
def _open_output(dest: str):  # type: ignore[no-untyped-def]
    from newslint.output import atomic_text_writer

    parent = Path(dest).parent
    if str(parent) and not parent.is_dir():
        raise UsageError(f"cannot write {dest}: folder {parent} does not exist")
    with atomic_text_writer(dest) as fh:
        yield fh


def run_rules(args: argparse.Namespace) -> int:
    from newslint.api import Session

    session = Session.create(cwd=Path.cwd(), config_path=args.config, plugins=args.plugin)
    rules = session.linter.all_rules()
    if args.format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.label,
                "languages": list(r.languages),
                "summary": r.summary,
                "plugin": r.plugin,
            }
            for r in rules
        ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return ExitCode.OK
    width = max((len(r.name) for r in rules), default=10)
    for r in rules:
        # A rule for every language works in each language that has a pack.
        langs = ",".join(r.languages if "*" not in r.languages else sorted(session.registry.packs))
        sys.stdout.write(
            f"{r.code:<7} {r.name:<{width}}  {r.severity.label:<7}  {langs:<14}  {r.summary}\n"
        )
    return ExitCode.OK


def run_explain(args: argparse.Namespace) -> int:
    from newslint.api import Session

    session = Session.create(cwd=Path.cwd(), config_path=args.config, plugins=args.plugin)
    rule = session.find_rule(args.rule)
    if rule is None:
        from newslint.config import did_you_mean

        keys = [k for r in session.linter.all_rules() for k in (r.code, r.name)]
        raise UsageError(f"unknown rule {args.rule!r}{did_you_mean(args.rule, keys)}")
    from newslint.ruledoc import explain_text

    sys.stdout.write(explain_text(rule, sorted(session.registry.packs)))
    return ExitCode.OK


def run_test_rules(args: argparse.Namespace) -> int:
    from newslint.yamlrules import test_rule_files

    ok = test_rule_files([Path(f) for f in args.files], sys.stdout)
    return ExitCode.OK if ok else ExitCode.FINDINGS


__all__ = ["run_check", "run_explain", "run_rules", "run_test_rules"]
