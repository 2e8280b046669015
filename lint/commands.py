"""Sub-command implementations behind :mod:`newslint.cli`."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from newslint.errors import ExitCode, UsageError
from newslint.findings import FileResult, Severity


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


def session_from_args(args: argparse.Namespace) -> Any:
    """The :class:`newslint.api.Session` of a linting command line (check, audit): its
    config, plugins, rule selection, forced language and message language."""
    from newslint.api import Session

    return Session.create(
        cwd=Path.cwd(),
        config_path=args.config,
        isolated=args.isolated,
        select=_split_opt(args.select),
        ignore=_split_opt(args.ignore) or [],
        lang=args.lang,
        plugins=args.plugin,
        message_lang=args.message_lang,
    )


def run_check(args: argparse.Namespace) -> int:
    cwd = Path.cwd()
    session = session_from_args(args)
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
        # Formats that show the article (the HTML report) need its text on each result; the
        # cache keeps findings, not articles, so such a run keys its cache apart, re-lints a
        # hit that lacks that format's text, and uses no cache when results are post-processed.
        keep_source = any(getattr(fmt, "needs_source", False) for fmt in formatters)
        session.linter.keep_source = keep_source
        if not (stdin_mode or args.no_cache or fix_stats is not None or (keep_source and post)):
            from newslint.cache import ResultCache, default_cache_dir
            from newslint.cache_key import run_key

            root = session.config.root
            cache_dir = Path(args.cache_dir) if args.cache_dir else default_cache_dir(root)
            cache = ResultCache(cache_dir, run_key(session, args.lang, cwd))
        # Every file is rendered to text once per format and the text is emitted: by the
        # workers as they lint, by the cache for hits, here for results that must be seen
        # as findings first (post-processing, fixes, standard input).
        from newslint.render import Renderer

        keys = [fmt.fragment_key() for fmt in formatters]
        specs = [(n, k, fmt.info) for (n, _), k, fmt in zip(formats, keys, formatters, strict=True)]
        wants_results = bool(post) or fix_stats is not None
        renderer = Renderer(
            specs,
            payload=cache is not None and not wants_results,  # the cache stores the findings
            built=list(zip(keys, formatters, strict=True)),  # spawned workers build their own
        )
        in_workers = None if wants_results else renderer
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
                cache,
                files,
                lambda fs: session.lint_files(fs, jobs=args.jobs, finish=in_workers),
                keys=None if wants_results else keys,
                render=(lambda r: None) if keep_source else renderer,
            )
        else:
            results = session.lint_files(files, jobs=args.jobs, finish=in_workers)
        for item in results:
            if isinstance(item, FileResult):
                for step in post:
                    item = step(item)
                if fix_stats is not None and not fixing:
                    fix_stats.count(item)
                item = renderer(item)
            tally = item.tally
            summary.add(tally)
            incomplete = incomplete or bool(tally.errors)
            failing = failing or tally.fails(fail_on)
            for fmt, key in zip(formatters, keys, strict=True):
                fmt.emit(item.fragments[key], tally)
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
