"""Build step: the wheel ships each built-in language pack compiled (``rules/packs/<lang>.pack``).

Everything else about the build is in pyproject.toml. The compiled form and its format live
in ``rules/packs/__init__.py`` (standard library only, loaded here by path since newslint is
not installed yet); the YAML is read as newslint reads it (``newslint.yamlio``: UTF-8 with an
optional BOM, ruamel's safe loader, duplicate keys refused). An install without these files
(an editable one) compiles packs into the per-user cache on first use instead.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
PACKS = HERE / "rules" / "packs"


def _packs_module() -> Any:
    spec = importlib.util.spec_from_file_location("_newslint_packs", PACKS / "__init__.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compile_packs(out_dir: Path) -> list[Path]:
    """Write ``<lang>.pack`` into ``out_dir`` for every ``rules/packs/<lang>.yaml``."""
    from ruamel.yaml import YAML

    packs = _packs_module()
    written = []
    for source in sorted(PACKS.glob("*.yaml")):
        yaml = YAML(typ="safe", pure=False)
        yaml.allow_duplicate_keys = False
        data = yaml.load(source.read_text(encoding="utf-8-sig"))
        if not isinstance(data, dict):
            raise SystemExit(f"{source}: a language pack must be a mapping")
        target = out_dir / f"{source.stem}{packs.COMPILED_SUFFIX}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(packs.dump_compiled(data, source.read_bytes()))
        written.append(target)
    return written


class BuildPy(build_py):  # type: ignore[misc]
    """``build_py``, then the compiled packs beside the copied YAML."""

    def run(self) -> None:
        super().run()
        if not getattr(self, "editable_mode", False):
            compile_packs(Path(self.build_lib) / "newslint" / "rules" / "packs")


setup(cmdclass={"build_py": BuildPy})
