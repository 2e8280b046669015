"""``newslint audit``: an archive audit on Dask, and its report (docs/audit.md).

Only this command imports Dask and pyarrow, which come with the ``audit`` extra; without
them it says what to install instead of failing on an import deep inside.
"""

from __future__ import annotations

import argparse
import importlib.util

from newslint.errors import UsageError

#: The modules the audit needs, with the distribution each comes from.
NEEDS = (
    ("dask", "dask"),
    ("distributed", "distributed"),
    ("pyarrow", "pyarrow"),
    ("matplotlib", "matplotlib"),
)


def missing_extra() -> list[str]:
    """Distributions of the ``audit`` extra that cannot be imported here."""
    missing = []
    for module, dist in NEEDS:
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):  # sys.modules[module] = None, or a broken install
            found = False
        if not found:
            missing.append(dist)
    return missing


def run_audit(args: argparse.Namespace) -> int:
    """Run the audit the command line describes; returns the exit code."""
    missing = missing_extra()
    if missing:
        raise UsageError(
            f"newslint audit needs {', '.join(missing)}, which come with the audit extra: "
            "pip install 'newslint[audit]'"
        )
    from newslint.audit.run import run_audit as run

    return run(args)


__all__ = ["missing_extra", "run_audit"]
