"""Helpers for config tests: run the CLI in a folder, build a registry with option-rich rules."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from newslint.findings import Hit, Severity
from newslint.plugins import Registry
from newslint.rule import Option, Rule


class Disclaimer(Rule):
    """A stand-in with options, so option validation and overrides are tested on their own."""

    code = "XT101"
    name = "fake-disclaimer"
    summary = "test rule"
    severity = Severity.ERROR
    options: ClassVar[dict[str, Option]] = {
        "when": Option("auto", choices=("auto", "always", "never")),
        "min-words": Option(50, int, minimum=1),
    }

    def check(self, article, ctx) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        yield Hit(0, 0, f"when={ctx.options['when']}", {"scope": "article"})


@pytest.fixture
def registry() -> Registry:
    reg = Registry()
    reg.add_rule(Disclaimer())
    return reg


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "NEWSLINT_CACHE_DIR": str(cwd / ".cache")}
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
