"""Configuration: discovery, validation and per-file rule settings.

(First form: defaults only; discovery, validation and overrides are filled in next.)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint.findings import Severity
from newslint.rule import Rule


@dataclass(frozen=True)
class RuleSetting:
    """A rule's severity (None = off) and option values after config and overrides."""

    severity: Severity | None
    options: dict[str, Any]


@dataclass
class Config:
    root: Path = field(default_factory=Path.cwd)
    path: str | None = None
    language: str | None = None
    include: list[str] = field(default_factory=lambda: ["*.txt", "*.md", "*.markdown", "*.html", "*.htm"])
    exclude: list[str] = field(default_factory=list)
    fail_on: Severity | None = None
    max_file_size: int = 10 * 1024 * 1024
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    house_rules: list[Rule] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def digest(self) -> str:
        blob = json.dumps(self.raw, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def settings_for(self, rule: Rule, relpath: str, metadata: dict[str, Any]) -> RuleSetting:
        opts = {k: o.default for k, o in rule.options.items()}
        return RuleSetting(rule.severity, opts)


    def describe(self) -> str:
        return json.dumps(self.raw, indent=2, ensure_ascii=False) + "\n"


def did_you_mean(word: str, choices: Any) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def config_from_mapping(data: dict[str, Any], *, registry: Any, origin: str, root: Path) -> Config:
    return Config(root=root, raw=data)


def load_config(path: str | None = None, cwd: Path | None = None, registry: Any = None,
                isolated: bool = False) -> Config:
    return Config(root=cwd or Path.cwd())
