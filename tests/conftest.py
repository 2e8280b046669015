"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def run_cli(request: pytest.FixtureRequest):
    """Run ``python -m newslint`` as a user would, with the test's own folder importable (so
    its probe plugins load with ``-p``). A folder's conftest may define its own instead."""
    plugins = str(Path(request.node.path).resolve().parent)

    def run(*args: str, cwd: Path, stdin: str | None = None, env: dict[str, str] | None = None):
        full_env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": plugins}
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
