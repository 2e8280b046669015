"""``newslint validate-config [FILE...]``: load configs and house rules, report every problem.

Behind the ``newslint-config`` pre-commit hook, so a broken ``newslint.yaml`` or house-rule
file cannot be committed unnoticed (a broken config stops every later ``newslint check``
with exit 2, which pre-commit users would only see on their next article). Each file is
checked the way ``newslint check`` would use it:

- a config file (``newslint.yaml``, ``.newslint.yaml``, ``pyproject.toml`` with a
  ``[tool.newslint]`` table) is loaded with the house-rule files it names;
- any other file is checked through the config that governs its folder (the nearest one
  above it) when that config names it in ``house-rules``; other files are not newslint's and
  are skipped.

Without files, the config ``newslint check`` would use here is checked.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from newslint.config import CONFIG_FILES, _has_tool_table, find_config, load_config
from newslint.discover import display_path
from newslint.errors import ConfigError, ExitCode


def _is_config(path: Path) -> bool:
    if path.name not in CONFIG_FILES:
        return False
    return path.name != "pyproject.toml" or _has_tool_table(path)


def _configs_for(files: Sequence[str], cwd: Path) -> tuple[list[Path], list[str]]:
    """The config files to load for ``files``, and the files that are not newslint's."""
    configs: list[Path] = []
    skipped: list[str] = []
    for name in files:
        path = (cwd / name).absolute()
        if path.name in CONFIG_FILES:
            if _is_config(path) or not path.exists():
                configs.append(path)  # a missing file is reported by load_config
            else:
                skipped.append(name)  # a pyproject.toml without [tool.newslint]
            continue
        governing = find_config(path.parent)
        if governing is None or not _names_house_file(governing, path):
            skipped.append(name)
            continue
        configs.append(governing)
    return list(dict.fromkeys(configs)), skipped


def _names_house_file(config: Path, path: Path) -> bool:
    """Whether ``config`` lists ``path`` under ``house-rules`` (read without validating)."""
    from newslint.yamlio import load_yaml_file

    try:
        if config.name == "pyproject.toml":
            import tomllib

            table = tomllib.loads(config.read_text(encoding="utf-8"))
            data = table.get("tool", {}).get("newslint", {})
        else:
            data = load_yaml_file(config)
    except (ConfigError, OSError, ValueError):
        return True  # the config itself is broken: loading it reports why
    listed = data.get("house-rules") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return False
    target = os.path.normpath(path)
    return any(
        isinstance(item, str) and os.path.normpath(config.parent / item) == target
        for item in listed
    )


def validate_config(files: Sequence[str], cwd: Path, out: TextIO, err: TextIO) -> int:
    """Check configs (see the module docstring): exit 0 when all load, 2 on any error."""
    from newslint.plugins import get_registry

    if files:
        configs, skipped = _configs_for(files, cwd)
    else:
        found = find_config(cwd)
        configs, skipped = ([found] if found else []), []
        if found is None:
            out.write("newslint: no config file here (newslint check uses the defaults)\n")
    registry = get_registry()
    failed = 0
    for config in configs:
        shown = display_path(config, cwd)
        try:
            cfg = load_config(shown, cwd=cwd, registry=registry)
        except ConfigError as exc:
            err.write(f"newslint: config error: {exc}\n")
            failed += 1
            continue
        rules = len(cfg.house_rules)
        house = f"; house rules: {rules} from {', '.join(cfg.house_rule_files)}" if rules else ""
        out.write(f"{shown}: ok{house}\n")
    for name in skipped:
        out.write(f"{name}: skipped (not a newslint config or house-rule file)\n")
    return ExitCode.USAGE if failed else ExitCode.OK


__all__ = ["validate_config"]
