"""The seed article runs end to end through the installed CLI."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/000_515427318ff19ac6.txt"


def test_cli_runs_on_seed() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", SEED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert "in 1 file" in proc.stdout
