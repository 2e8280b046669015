"""Fixtures for the pipeline tests: the CLI as a subprocess, and throw-away git repositories."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PROBE = ("-p", "pipeline_probe_plugin", "--select", "PP")


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(HERE)}
    for name in ("FORCE_COLOR", "GITHUB_ACTIONS", "CI_PROJECT_DIR", "NEWSLINT_CACHE_DIR"):
        env.pop(name, None)
    env.update(
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="t@example.org",
        GIT_CONFIG_NOSYSTEM="1",
        HOME=env.get("HOME", "/tmp"),
    )
    if extra:
        env.update(extra)
    return env


RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli() -> RunCli:
    """``python -m newslint ARGS`` in ``cwd`` with the probe plugin importable."""

    def run(
        *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newslint", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            text=True,
            env=_env(env),
            check=False,
            timeout=300,
        )

    return run


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd``; fail the test on error."""
    proc = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=_env(), check=False
    )
    assert proc.returncode == 0, f"git {' '.join(args)} failed: {proc.stderr}"
    return proc.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An empty git repository on branch main."""
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "commit.gpgsign", "false")
    return path


COPY_SKIP = {
    ".git",
    ".venv",
    "venv",
    "tmp",
    "build",
    "dist",
    ".newslint_cache",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    "node_modules",
}


def copy_project(dest: Path) -> Path:
    """Copy the working tree (uncommitted work included, no venv or caches) to ``dest``."""
    import shutil

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n in COPY_SKIP or n.endswith(".egg-info")}

    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    return dest


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
