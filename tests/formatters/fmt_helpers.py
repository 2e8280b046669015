"""Helpers for the formatter tests: hand-built results, renderers, validators.

(A module of its own, not conftest.py, so ``import`` cannot pick up another folder's conftest.)
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newslint.findings import Edit, FileError, FileResult, Finding, Fix, Severity
from newslint.formatters import FileTally, Formatter, RunInfo, Summary

HERE = Path(__file__).resolve().parent
ASSETS = HERE.parent / "assets"
SARIF_SCHEMA = ASSETS / "sarif-schema-2.1.0.json"
CHECK_SARIF = ASSETS / "check_sarif.py"
REPORT_SCHEMA = HERE.parent.parent / "lint" / "schemas" / "report.schema.json"
PROBE = "fmt_probe_plugin"


def run_info(**kwargs: Any) -> RunInfo:
    """A RunInfo with the built-in rules plus the probe rules."""
    # Rules are instantiated directly, not through the plugin registry, so these unit tests
    # do not depend on every reader and pack loading.
    from fmt_probe_plugin import newslint_rules
    from newslint.rules.unused_suppression import UnusedSuppression

    rules = sorted([cls() for cls in [*newslint_rules(), UnusedSuppression]], key=lambda r: r.code)
    base: dict[str, Any] = {
        "version": "9.8.7",
        "packs": {"fr": "1.2.0", "en": "1.0.0"},
        "config_hash": "0123456789abcdef",
        "rules": rules,
    }
    base.update(kwargs)
    return RunInfo(**base)


def finding(path: str = "articles/a.md", line: int = 3, col: int = 5, **kw: Any) -> Finding:
    data: dict[str, Any] = {
        "path": path,
        "line": line,
        "column": col,
        "end_line": line,
        "end_column": col + 5,
        "code": "XP201",
        "name": "probe-warning",
        "severity": Severity.WARNING,
        "message": "marker found",
        "excerpt": "BRAVO",
        "evidence": {"marker": "BRAVO"},
        "fingerprint": hashlib.sha256(f"{path}:{line}:{col}".encode()).hexdigest()[:16] + ":1",
    }
    data.update(kw)
    return Finding(**data)


def sample_results() -> list[FileResult]:
    """Several files, every severity, a suppression, a fix, an article-level finding, errors."""
    return [
        FileResult(
            "articles/café #1.md",
            findings=[
                finding(
                    "articles/café #1.md",
                    1,
                    1,
                    end_line=1,
                    end_column=2,
                    code="XP101",
                    name="probe-error",
                    severity=Severity.ERROR,
                    message="article-level",
                    excerpt="",
                    evidence={"scope": "article", "looked_for": ["A", "B"]},
                ),
                finding(
                    "articles/café #1.md",
                    4,
                    12,
                    message="line one\nline two, 100% sure: yes",
                    fix=Fix("Replace it", (Edit(10, 15, "bravo"),), "safe"),
                ),
                finding(
                    "articles/café #1.md",
                    6,
                    2,
                    end_line=7,
                    end_column=1,
                    code="XP301",
                    name="probe-info",
                    severity=Severity.INFO,
                    message="info finding",
                ),
                finding(
                    "articles/café #1.md",
                    9,
                    1,
                    suppressed=True,
                    suppression_reason="from our own survey",
                ),
            ],
            notes=[{"rule": "probe-crash", "code": "XP901", "evidence": {"exploded": False}}],
        ),
        FileResult("b.txt", findings=[finding("b.txt", 2, 3)]),
        FileResult(
            "broken.md",
            errors=[FileError("broken.md", "input", "not UTF-8 (at byte 3)")],
            linted=False,
        ),
        FileResult(
            "c.html",
            findings=[finding("c.html", 1, 1)],
            errors=[
                FileError(
                    "c.html",
                    "rule",
                    "RuntimeError: probe exploded",
                    rule="probe-crash",
                    plugin="fmt_probe_plugin",
                )
            ],
        ),
    ]


def render(
    fmt: type[Formatter], results: Sequence[FileResult] | None = None, **info_kw: Any
) -> str:
    """Drive a formatter through begin/render+emit/end and return what it wrote."""
    results = sample_results() if results is None else results
    stream = io.StringIO()
    formatter = fmt(stream, run_info(**info_kw))
    summary = Summary()
    formatter.begin()
    for r in results:
        tally = FileTally.of(r)
        summary.add(tally)
        formatter.emit(formatter.render(r), tally)
    formatter.end(summary)
    return stream.getvalue()


def check_sarif(path: Path) -> subprocess.CompletedProcess[str]:
    """The vendored GitHub/OASIS checker, as a subprocess (as CI would run it)."""
    return subprocess.run(
        [sys.executable, str(CHECK_SARIF), "--schema", str(SARIF_SCHEMA), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def sarif_validator() -> Any:
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def report_validator() -> Any:
    import jsonschema

    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


CliRunner = Callable[..., subprocess.CompletedProcess[str]]


def make_cli_runner(tmp_path: Path) -> CliRunner:
    """Run ``python -m newslint`` with the probe plugin (``-p``) in ``tmp_path``."""

    def run(
        *args: str, env: dict[str, str] | None = None, probe: bool = True, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        full_env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")
        }
        full_env["PYTHONPATH"] = os.pathsep.join(
            [str(HERE), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
        full_env.update(env or {})
        argv = list(args)
        if probe and argv and argv[0] == "check":
            argv[1:1] = ["-p", PROBE]
        return subprocess.run(
            [sys.executable, "-m", "newslint", *argv],
            cwd=cwd or tmp_path,
            env=full_env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )

    return run
