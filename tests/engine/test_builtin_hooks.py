"""newslint's own plugins without pluggy: the same registry, and no pluggy import on a check."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest
from newslint import hookspecs
from newslint.errors import PluginError
from newslint.plugins import HOOKS, load_registry

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_515427318ff19ac6.txt"


def test_the_direct_path_knows_every_hook() -> None:
    specs = {n for n in vars(hookspecs) if n.startswith("newslint_")}
    assert set(HOOKS) == specs


def _summary(reg: object) -> tuple:
    return (
        [(r.code, r.name, r.plugin, type(r).__qualname__) for r in reg.rules],  # type: ignore[attr-defined]
        sorted((ext, r.name, r.plugin) for ext, r in reg.readers.items()),  # type: ignore[attr-defined]
        sorted((n, f.plugin) for n, f in reg.formatters.items()),  # type: ignore[attr-defined]
        sorted(reg.rule_kinds),  # type: ignore[attr-defined]
        {k: (p.version, p.origin, p.shipped_sections) for k, p in reg.packs.items()},  # type: ignore[attr-defined]
    )


def test_direct_and_pluggy_paths_build_the_same_registry() -> None:
    direct = load_registry()
    through_pluggy = load_registry(extra=[types.ModuleType("empty_plugin_for_test")])
    assert "pluggy" in sys.modules  # the second one did go through pluggy
    assert _summary(direct) == _summary(through_pluggy)
    assert direct.plugins == ["builtin", "builtin-formatters", "builtin-readers"]


def test_a_plain_check_does_not_import_pluggy(tmp_path: Path) -> None:
    """Nor ruamel.yaml (no config file; packs compiled: shipped, or cached by the first run)."""
    code = (
        "import sys; from newslint.cli import main;"
        f"rc = main(['check', '--no-cache', {str(SEED)!r}]);"
        "print(rc, 'pluggy' in sys.modules, 'ruamel' in sys.modules)"
    )
    env = {"NEWSLINT_CACHE_DIR": str(tmp_path / "user"), "PATH": "/usr/bin:/bin"}
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
    assert proc.stdout.splitlines()[-1] == "1 False False", proc.stderr


def test_a_failing_builtin_hook_is_a_plugin_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import newslint.readers

    def broken() -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(newslint.readers, "newslint_readers", broken)
    with pytest.raises(PluginError, match=r"'builtin-readers': newslint_readers\(\) raised"):
        load_registry()
