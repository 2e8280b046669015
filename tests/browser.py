"""The headless browser the report tests drive: Debian's Chromium through Playwright.

The same Chromium and flags as the load-time benchmark (benchmarks/html_report.py), so the
tests and the benchmark run one browser. Without it a test skips, except under CI=true,
where .ci/run installs it and a missing browser must fail rather than pass unseen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from html_report import ARGS, CHROMIUM

__all__ = ["ARGS", "CHROMIUM", "browser_or_skip"]


def browser_or_skip() -> Any:
    """Playwright's ``sync_playwright``, or skip (fail under CI=true) saying what is missing."""
    reason = None
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        reason = f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            reason = "Playwright for Python is not installed (pip install -e '.[test]')"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true needs the browser test: {reason}")
        pytest.skip(reason)
    return sync_playwright
