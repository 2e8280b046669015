"""Fixtures for the fix tests: the CLI as a subprocess, with the probe plugin importable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture
def run_cli():
    """Run ``python -m newslint`` as a user would, with the test plugins importable."""

    def run(*args: str, cwd: Path, stdin: str | None = None, env: dict[str, str] | None = None):
        full_env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(HERE)}
        full_env.pop("FORCE_COLOR", None)
        if env:
            full_env.update(env)
        return subprocess.run(
            [sys.executable, "-m", "newslint", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            text=True,
            env=full_env,
            check=False,
            timeout=120,
        )

    return run
