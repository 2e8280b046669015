"""Fixtures for the formatter tests (helpers live in fmt_helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fmt_helpers import CliRunner, make_cli_runner


@pytest.fixture
def cli(tmp_path: Path) -> CliRunner:
    """Run the real CLI with the probe plugin in ``tmp_path``."""
    return make_cli_runner(tmp_path)
