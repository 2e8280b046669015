"""The ``newslint`` command: check · rules · explain · test-rules · validate-config · lsp ·
audit.

argparse keeps start-up cheap; heavy modules load only for the sub-command that needs them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from newslint import __version__
from newslint.errors import ConfigError, ExitCode, NewslintError, UsageError
from newslint.i18n import CHOICES as MESSAGE_CHOICES

FAIL_ON = ("error", "warning", "info", "never")


class _Parser(argparse.ArgumentParser):
    """argparse with newslint's usage errors: the sub-command's usage, one "usage error"
    line with a "did you mean" for a mistyped option or choice, and exit 2."""

    commands: dict[str, argparse.ArgumentParser]

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"newslint: usage error: {_with_hint(self, message)}\n")
        raise SystemExit(ExitCode.USAGE)

    def parse_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def,override]
        # argparse reports options a sub-command does not know from the top parser, with
        # the top usage; report them from the sub-command, whose options they resemble.
        ns, extras = self.parse_known_args(args, namespace)
        if extras:
            sub = getattr(self, "commands", {}).get(getattr(ns, "command", None), self)
            options = [e for e in extras if e.startswith("-") and e != "-"]
            if options:
                sub.error(f"unrecognized option {options[0].split('=', 1)[0]!r}")
            sub.error(f"unexpected argument(s): {' '.join(extras)}")
        return ns


def _add_plugin_option(parser: argparse.ArgumentParser) -> None:
    """``-p MODULE``: load a plugin by import name, the same for every command."""
    parser.add_argument(
        "-p",
        "--plugin",
        action="append",
        default=[],
        metavar="MODULE",
        help="also load this plugin module by import name (repeatable)",
    )


def _with_hint(parser: argparse.ArgumentParser, message: str) -> str:
    """``message`` plus the closest option or choice, as ``(did you mean '--format'?)``."""
    import difflib

    m = re.match(r"unrecognized option '--?(.*)'$", message)
    if m:  # compare without the dashes every option shares
        known = {o.lstrip("-"): o for o in parser._option_string_actions if o.startswith("--")}
        close = difflib.get_close_matches(m.group(1), known, n=1, cutoff=0.6)
        return message + (f" (did you mean {known[close[0]]!r}?)" if close else "")
    m = re.search(r"invalid choice: '(.*?)' \(choose from (.*)\)$", message)
    if m:
        choices = re.findall(r"'([^']*)'", m.group(2))
        close = difflib.get_close_matches(m.group(1), choices, n=1, cutoff=0.6)
        return message + (f" (did you mean {close[0]!r}?)" if close else "")
    return message


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="newslint", description="Content-compliance linter for news articles.")
    p.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    c = sub.add_parser("check", help="lint articles (files, folders or - for stdin)")
    c.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    c.add_argument(
        "--format",
        action="append",
        metavar="FORMAT[=FILE]",
        help="text, json, sarif, github, ... ; repeat with =FILE to write several",
    )
    c.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically)")
    c.add_argument("--config", metavar="FILE", help="use this config file instead of discovery")
    c.add_argument("--isolated", action="store_true", help="ignore all config files")
    _add_plugin_option(c)
    c.add_argument(
        "--select",
        metavar="RULES",
        action="append",
        help="only these rules (codes, names or code prefixes; comma-separated)",
    )
    c.add_argument("--ignore", metavar="RULES", action="append", help="skip these rules")
    c.add_argument(
        "--fail-on", choices=FAIL_ON, help="lowest severity that fails (default: warning)"
    )
    c.add_argument("--lang", metavar="XX", help="force the language (en, fr, zh, de, es, ...)")
    _add_message_lang(c)
    c.add_argument("--jobs", "-j", type=int, metavar="N", help="lint N files in parallel")
    c.add_argument("--stdin-filename", metavar="PATH", help="path to report for - (stdin)")
    c.add_argument("--show-files", action="store_true", help="list the files that would be linted")
    c.add_argument(
        "--show-config",
        action="store_true",
        help="print the merged config and where each value came from",
    )
    c.add_argument("--show-suppressed", action="store_true", help="show suppressed findings too")
    c.add_argument(
        "--explain",
        action="store_true",
        help="print each rule's evidence for passes as well as findings",
    )
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    c.add_argument("--no-gitignore", action="store_true", help="do not skip .gitignore'd files")
    c.add_argument(
        "--force-exclude",
        action="store_true",
        help="skip README, LICENSE, ... (the default exclude) even when named on the command "
        "line, as the pre-commit hook does",
    )
    # -- fixes (README "Fixing") --
    c.add_argument(
        "--fix",
        action="store_true",
        help="apply safe fixes to the files (with --unsafe-fixes: unsafe ones too), "
        "then report what remains",
    )
    c.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff: also apply unsafe fixes (house disclaimer, credit line, "
        "residue removal); alone: say how many are available",
    )
    c.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff and write nothing (exit 1 if there are any)",
    )
    # -- pipelines (docs/pipelines.md) --
    c.add_argument(
        "--changed-since",
        metavar="REF",
        help="only files added/modified/renamed since the merge base of REF and HEAD",
    )
    c.add_argument(
        "--changed-lines",
        action="store_true",
        help="with --changed-since: drop findings on lines the change did not touch "
        "(article-level findings stay)",
    )
    c.add_argument(
        "--baseline", metavar="FILE", help="report only findings not recorded in this baseline file"
    )
    c.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record the current findings in FILE (then exit 0 unless incomplete)",
    )
    c.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    c.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="cache folder (default: $NEWSLINT_CACHE_DIR or .newslint_cache in the config root)",
    )

    r = sub.add_parser("rules", help="list every rule")
    r.add_argument("--format", choices=("text", "json"), default="text")
    r.add_argument("--config", metavar="FILE", help="include house rules from this config")
    _add_plugin_option(r)

    e = sub.add_parser("explain", help="print a rule's documentation")
    e.add_argument("rule", metavar="RULE", help="code or name, e.g. NL101 or missing-disclaimer")
    e.add_argument("--config", metavar="FILE", help="include house rules from this config")
    _add_plugin_option(e)

    t = sub.add_parser("test-rules", help="run the examples of YAML house-rule files")
    t.add_argument("files", nargs="+", metavar="FILE")

    v = sub.add_parser(
        "validate-config",
        help="load config files and their house rules; exit 2 with the error if one is broken",
    )
    v.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="config or house-rule files (default: the config newslint check would use here)",
    )
    a = sub.add_parser(
        "audit",
        help="audit an archive (folders, JSON Lines, CSV, Parquet) on Dask (docs/audit.md)",
    )
    _add_audit_options(a)
    ls = sub.add_parser(
        "lsp", help="run the language server on standard input/output (docs/editors.md)"
    )
    _add_plugin_option(ls)
    p.commands = {"check": c, "rules": r, "explain": e, "test-rules": t, "validate-config": v}
    p.commands["lsp"] = ls
    p.commands["audit"] = a
    return p


def _add_audit_options(a: argparse.ArgumentParser) -> None:
    """``newslint audit``'s options (docs/audit.md); parsed here, run by newslint.audit."""
    a.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="folder of articles, .jsonl, .jsonl.gz, .csv or .parquet file, or a glob of them",
    )
    a.add_argument("--out", required=True, metavar="DIR", help="folder for the results")
    a.add_argument("--id-column", default="id", metavar="COL", help="article id (default: id)")
    a.add_argument("--text-column", default="text", metavar="COL", help="body (default: text)")
    a.add_argument("--lang-column", metavar="COL", help="article language (default: detect)")
    a.add_argument("--date-column", metavar="COL", help="publication date, for time charts")
    a.add_argument(
        "--group-by", nargs="+", action="extend", metavar="COL", help="metadata columns to compare"
    )
    a.add_argument("--format-column", metavar="COL", help="each row's body format")
    a.add_argument(
        "--body-format",
        choices=("text", "markdown", "html"),
        default="text",
        help="body format when no --format-column says (default: text)",
    )
    a.add_argument(
        "--partition-size",
        type=int,
        default=500,
        metavar="N",
        help="articles per Dask task (default: 500)",
    )
    a.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="Dask scheduler address (default: $DASK_SCHEDULER_ADDRESS, else "
        "Dask's local process scheduler)",
    )
    a.add_argument(
        "--workers", type=int, metavar="N", help="local worker processes (default: CPU count)"
    )
    a.add_argument("--resume", action="store_true", help="continue the audit in --out")
    a.add_argument("--sample", type=int, metavar="N", help="audit a random sample of N articles")
    a.add_argument("--seed", type=int, default=0, help="the sample's random seed (default: 0)")
    a.add_argument(
        "--fail-on",
        action="append",
        metavar="RULE[=RATE]",
        help="exit 1 when more than RATE (0.05 or 5%%; default 0) of the articles have a "
        "finding of RULE (repeatable)",
    )
    a.add_argument("--no-report", action="store_true", help="write the Parquet files only")
    a.add_argument(
        "--progress",
        choices=("auto", "bar", "lines", "none"),
        default="auto",
        help="a bar on a terminal, periodic lines otherwise (default: auto)",
    )
    a.add_argument("--config", metavar="FILE", help="use this config file instead of discovery")
    a.add_argument("--isolated", action="store_true", help="ignore all config files")
    _add_plugin_option(a)
    a.add_argument("--select", metavar="RULES", action="append", help="only these rules")
    a.add_argument("--ignore", metavar="RULES", action="append", help="skip these rules")
    a.add_argument("--lang", metavar="XX", help="force the language of every article")
    _add_message_lang(a)


def _add_message_lang(parser: argparse.ArgumentParser) -> None:
    """``--message-lang``, the same for every command that words findings (check, audit)."""
    parser.add_argument(
        "--message-lang",
        choices=MESSAGE_CHOICES,
        metavar="LANG",
        help="language of newslint's messages: en, fr, de, es, zh, or auto (default: each "
        "article's language, English when it is none of these)",
    )


def _use_color(mode: str, stream: TextIO) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help(sys.stderr)
        return ExitCode.USAGE
    try:
        if args.command == "check":
            from newslint.commands import run_check
            from newslint.engine import tune_gc

            tune_gc()
            return run_check(args)
        if args.command == "rules":
            from newslint.commands import run_rules

            return run_rules(args)
        if args.command == "explain":
            from newslint.commands import run_explain

            return run_explain(args)
        if args.command == "test-rules":
            from newslint.commands import run_test_rules

            return run_test_rules(args)
        if args.command == "audit":
            from newslint.audit import run_audit

            return run_audit(args)
        if args.command == "lsp":
            from newslint.lsp import serve

            return serve(args.plugin)
        if args.command == "validate-config":
            from newslint.validate_config import validate_config

            return validate_config(args.files, Path.cwd(), sys.stdout, sys.stderr)
    except UsageError as exc:
        sys.stderr.write(f"newslint: usage error: {exc}\n")
        return ExitCode.USAGE
    except ConfigError as exc:
        sys.stderr.write(f"newslint: config error: {exc}\n")
        return ExitCode.USAGE
    except NewslintError as exc:
        sys.stderr.write(f"newslint: error: {exc}\n")
        return ExitCode.USAGE
    except KeyboardInterrupt:
        sys.stderr.write("newslint: interrupted\n")
        return 130
    except BrokenPipeError:
        # Python would report the broken pipe again when flushing stdout at exit.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return ExitCode.OK
    parser.error(f"unknown command {args.command!r}")
    return ExitCode.USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
