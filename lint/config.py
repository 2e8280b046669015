"""Configuration: discovery, validation and per-file rule settings.

``newslint.yaml``, ``.newslint.yaml`` or ``[tool.newslint]`` in ``pyproject.toml`` (in that
order within one folder); the nearest one found walking up from the working directory wins.
Validation is strict because a silently ignored typo in a compliance gate is a rule that never
runs: every problem is a :class:`ConfigError` naming the file, key path, line:col and what was
expected, and an unknown key or rule gets a "did you mean".
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import regex
from newslint.errors import ConfigError
from newslint.findings import Severity
from newslint.lazy import lazy_regex
from newslint.plain import Plain
from newslint.rule import Rule

CONFIG_FILES = ("newslint.yaml", ".newslint.yaml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
#: A newsroom repository's own documents, not articles: skipped by folder walks and by the
#: pre-commit hook (``--force-exclude``) unless ``default-exclude: false``. Upper case only,
#: so articles such as ``security-breach.txt`` or ``license-fees.md`` are still linted.
DEFAULT_EXCLUDE = (
    "README*",
    "CONTRIBUTING*",
    "CHANGELOG*",
    "LICENSE*",
    "LICENCE*",
    "CODE_OF_CONDUCT*",
    "SECURITY*",
)
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
SEVERITY_WORDS = ("error", "warning", "info", "off", "on")
FAIL_ON_WORDS = ("error", "warning", "info", "never")
TOP_KEYS = (
    "language",
    "include",
    "exclude",
    "default-exclude",
    "fail-on",
    "max-file-size",
    "rules",
    "overrides",
    "house-rules",
    "unsuppressible",
    "require-suppression-reason",
    "ambiguous-severity",
    "messages",
)
#: The meta rule that ``require-suppression-reason: true`` turns on.
NO_REASON_RULE = "suppression-without-reason"
OVERRIDE_KEYS = ("files", "match", "language", "rules", "suppress", "description")
_SIZE = lazy_regex(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]i?B|B)?\s*$", regex.IGNORECASE)
_UNITS = {
    "": 1,
    "b": 1,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
}


class RuleSetting(NamedTuple):
    """A rule's severity (None = off) and option values after config and overrides."""

    severity: Severity | None
    options: dict[str, Any]


class RuleConf(Plain):
    """One entry of a ``rules:`` mapping. ``severity`` is a Severity, None (off), "on"
    (the rule's own default) or "unset" (only options given)."""

    __slots__ = ("options", "origin", "severity")
    _fields = ("severity", "options", "origin")

    def __init__(
        self,
        severity: Severity | str | None = "unset",
        options: dict[str, Any] | None = None,
        origin: str = "default",
    ) -> None:
        self.severity = severity
        self.options: dict[str, Any] = {} if options is None else options
        self.origin = origin


class Override(Plain):
    """Rules applied to files matching ``files`` globs, front-matter ``match`` values and/or
    the article's effective ``language`` (declared or detected), all of which must hold.

    ``suppress`` maps rule code -> reason: findings stay in the report, marked suppressed
    with the reason (the way plain-text articles, which have no comment syntax, get
    suppressions).
    """

    __slots__ = ("files", "languages", "match", "origin", "rules", "suppress")
    _fields = ("files", "match", "rules", "origin", "suppress", "languages")

    def __init__(
        self,
        files: list[str],
        match: dict[str, list[Any]],
        rules: dict[str, RuleConf],
        origin: str,
        suppress: dict[str, str] | None = None,
        languages: list[str] | None = None,
    ) -> None:
        self.files = files
        self.match = match
        self.rules = rules
        self.origin = origin
        self.suppress: dict[str, str] = {} if suppress is None else suppress
        self.languages: list[str] = [] if languages is None else languages

    def applies(self, relpath: str, metadata: Mapping[str, Any], lang: str | None = None) -> bool:
        """True when the file matches; ``lang`` is the article's effective language (an
        override selecting on ``language`` never applies while it is unknown)."""
        from newslint.globs import glob_match

        if self.languages and lang not in self.languages:
            return False
        if self.files and not any(glob_match(g, relpath) for g in self.files):
            return False
        return all(_meta_matches(metadata.get(k), wanted) for k, wanted in self.match.items())


def _norm(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().casefold()


def _meta_matches(actual: Any, wanted: list[Any]) -> bool:
    if actual is None:
        return False
    values = actual if isinstance(actual, list | tuple | set) else [actual]
    want = {_norm(w) for w in wanted}
    return any(_norm(v) in want for v in values)


class Config(Plain):
    """The effective configuration of a run (see ``docs/configuration.md``)."""

    _fields = (
        "root",
        "path",
        "language",
        "include",
        "exclude",
        "fail_on",
        "max_file_size",
        "rules",
        "house_rules",
        "raw",
        "overrides",
        "origins",
        "known_rules",
        "cwd",
        "house_rule_files",
        "unsuppressible",
        "require_suppression_reason",
        "ambiguous_severity",
        "default_exclude",
        "messages",
    )

    def __init__(
        self,
        root: Path | None = None,
        path: str | None = None,
        language: str | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        fail_on: Severity | str | None = None,  # "never", a Severity, or None when unset
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
        rules: dict[str, RuleConf] | None = None,
        house_rules: list[Rule] | None = None,
        raw: dict[str, Any] | None = None,
        overrides: list[Override] | None = None,
        origins: dict[str, str] | None = None,
        known_rules: list[Rule] | None = None,
        cwd: Path | None = None,
        house_rule_files: list[str] | None = None,
        unsuppressible: frozenset[str] = frozenset(),
        require_suppression_reason: bool = False,
        ambiguous_severity: Severity | None = None,
        default_exclude: bool = True,
        messages: str | None = None,
    ) -> None:
        self.root = Path.cwd() if root is None else root
        self.path = path
        self.language = language
        self.include: list[str] = list(DEFAULT_INCLUDE) if include is None else include
        self.exclude: list[str] = [] if exclude is None else exclude
        self.fail_on = fail_on
        self.max_file_size = max_file_size
        self.rules: dict[str, RuleConf] = {} if rules is None else rules
        self.house_rules: list[Rule] = [] if house_rules is None else house_rules
        self.raw: dict[str, Any] = {} if raw is None else raw
        self.overrides: list[Override] = [] if overrides is None else overrides
        self.origins: dict[str, str] = {} if origins is None else origins
        self.known_rules: list[Rule] = [] if known_rules is None else known_rules
        self.cwd = Path.cwd() if cwd is None else cwd
        self.house_rule_files: list[str] = [] if house_rule_files is None else house_rule_files
        #: Codes of rules no inline comment or override may suppress.
        self.unsuppressible = unsuppressible
        self.require_suppression_reason = require_suppression_reason
        #: The severity an ambiguous finding is lowered to (``ambiguous-severity``), or None.
        self.ambiguous_severity = ambiguous_severity
        #: Whether :data:`DEFAULT_EXCLUDE` applies (``default-exclude``).
        self.default_exclude = default_exclude
        #: The language of built-in messages (``messages:``), or None for ``auto``.
        self.messages = messages

    @property
    def default_excludes(self) -> list[str]:
        """The default exclude globs in effect (none with ``default-exclude: false``)."""
        return list(DEFAULT_EXCLUDE) if self.default_exclude else []

    def digest(self) -> str:
        """A stable hash of the effective settings (not of file layout or comments)."""
        blob = json.dumps(self._effective(), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def _effective(self) -> dict[str, Any]:
        def conf(c: RuleConf) -> dict[str, Any]:
            sev = (
                c.severity.label
                if isinstance(c.severity, Severity)
                else ("off" if c.severity is None else c.severity)
            )
            return {"severity": sev, "options": c.options}

        house = []
        for r in self.house_rules:
            spec = {
                k: v
                for k, v in vars(r).items()
                if not k.startswith("_") and k not in ("source", "plugin", "line", "column")
            }
            spec["docs"] = r.docs
            house.append(json.dumps(spec, sort_keys=True, default=repr))
        return {
            "language": self.language or "auto",
            "include": self.include,
            "exclude": self.exclude,
            "default-exclude": self.default_exclude,
            "fail-on": self.fail_on.label if isinstance(self.fail_on, Severity) else self.fail_on,
            "max-file-size": self.max_file_size,
            "rules": {k: conf(v) for k, v in sorted(self.rules.items())},
            "overrides": [
                {
                    "files": o.files,
                    "match": o.match,
                    # only when set: configs without it keep their digest (and caches)
                    **({"language": o.languages} if o.languages else {}),
                    "rules": {k: conf(v) for k, v in sorted(o.rules.items())},
                    "suppress": dict(sorted(o.suppress.items())),
                }
                for o in self.overrides
            ],
            "house-rules": house,
            "unsuppressible": sorted(self.unsuppressible),
            "require-suppression-reason": self.require_suppression_reason,
            # only when set: configs without it keep their digest (and caches)
            **(
                {"ambiguous-severity": self.ambiguous_severity.label}
                if self.ambiguous_severity is not None
                else {}
            ),
            **({"messages": self.messages} if self.messages is not None else {}),
        }

    def settings_for(
        self, rule: Rule, relpath: str, metadata: Mapping[str, Any], lang: str | None = None
    ) -> RuleSetting:
        """Severity and options of ``rule`` for one file: defaults, ``rules:``, then every
        matching override in order (later wins). ``lang``: the article's effective language,
        known before any rule runs (the engine resolves it first), for ``language`` overrides.
        """
        enabled = getattr(rule, "default_enabled", True) or (
            self.require_suppression_reason and rule.name == NO_REASON_RULE
        )
        severity: Severity | None = rule.severity if enabled else None
        options = {k: o.default for k, o in rule.options.items()}
        confs = [self.rules.get(rule.code)]
        if self.overrides:
            rel = self._root_relative(relpath)
            confs += [
                o.rules.get(rule.code)
                for o in self.overrides
                if rule.code in o.rules and o.applies(rel, metadata or {}, lang)
            ]
        for c in confs:
            if c is None:
                continue
            if c.severity == "on":
                severity = rule.severity
            elif c.severity != "unset":
                severity = c.severity  # type: ignore[assignment]
            options.update(c.options)
        return RuleSetting(severity, options)

    def suppressions_for(
        self, relpath: str, metadata: Mapping[str, Any], lang: str | None = None
    ) -> dict[str, str]:
        """Rule code -> reason for the ``suppress:`` entries of overrides matching this file."""
        out: dict[str, str] = {}
        if self.overrides:
            rel = self._root_relative(relpath)
            for o in self.overrides:
                if o.suppress and o.applies(rel, metadata or {}, lang):
                    out.update(o.suppress)
        return out

    def _root_relative(self, relpath: str) -> str:
        """A display path (relative to the cwd) as a path relative to the config root."""
        if relpath in ("-", "<text>"):
            return relpath
        full = os.path.normpath(os.path.join(self.cwd, relpath))
        try:
            return Path(full).relative_to(self.root.absolute()).as_posix()
        except ValueError:
            return Path(relpath).as_posix()

    def describe(self, cli: Mapping[str, Any] | None = None) -> str:
        """The merged config as YAML, each value commented with where it came from."""
        from newslint.config_show import describe

        return describe(self, cli or {})


def did_you_mean(word: str, choices: Iterable[Any]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    import difflib

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def parse_size(value: Any) -> int:
    """Bytes from an integer or a string like ``10MB``, ``512 KiB``; raises ValueError."""
    if isinstance(value, bool):
        raise ValueError("expected a size such as 10MB or a number of bytes")
    if isinstance(value, int):
        number, unit = float(value), ""
    elif isinstance(value, str) and (m := _SIZE.match(value)):
        number, unit = float(m.group(1)), (m.group(2) or "").lower()
    else:
        raise ValueError("expected a size such as 10MB or a number of bytes")
    size = int(number * _UNITS[unit])
    if size < 1:
        raise ValueError("the size must be at least 1 byte")
    return size


def find_config(start: Path) -> Path | None:
    """The nearest config file in ``start`` or a parent folder (pyproject only with a
    ``[tool.newslint]`` table)."""
    folder = start.absolute()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            p = candidate / name
            if not p.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_table(p):
                continue
            return p
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return bool(regex.search(r"(?m)^\s*\[\s*tool\s*\.\s*newslint\s*[\].]", text))


def load_config(
    path: str | None = None, cwd: Path | None = None, registry: Any = None, isolated: bool = False
) -> Config:
    """The config for a run: ``path`` if given, else discovery from ``cwd``; raises
    :class:`ConfigError`."""
    cwd = cwd or Path.cwd()
    if isolated:
        return Config(root=cwd, cwd=cwd)
    if path is not None:
        file = Path(path) if Path(path).is_absolute() else cwd / path
        if not file.is_file():
            raise ConfigError(
                "config file not found" if not file.exists() else "config path is not a file",
                path=path,
            )
    else:
        found = find_config(cwd)
        if found is None:
            return Config(root=cwd, cwd=cwd)
        file = found
    from newslint.discover import display_path

    display = display_path(file, cwd)
    if file.name == "pyproject.toml" or file.suffix == ".toml":
        data, text = _read_toml(file, display)
    else:
        from newslint.yamlio import load_yaml_file

        try:
            data = load_yaml_file(file, positions=True)
        except ConfigError as exc:
            raise ConfigError(exc.reason, display, exc.line, exc.column, exc.key) from None
        text = None
        if data is None:
            data = {}
    cfg = config_from_mapping(
        data, registry=registry, origin=display, root=file.parent, toml_text=text
    )
    cfg.path = display
    cfg.cwd = cwd
    return cfg


def _read_toml(file: Path, display: str) -> tuple[dict[str, Any], str]:
    import tomllib

    try:
        text = file.read_text(encoding="utf-8")
        doc = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=display) from None
    except OSError as exc:
        raise ConfigError(f"cannot read file: {exc.strerror or exc}", path=display) from None
    except tomllib.TOMLDecodeError as exc:
        m = regex.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        reason = regex.sub(r"\s*\(at line.*\)$", "", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        raise ConfigError(f"invalid TOML: {reason}", display, line, col) from None
    table = doc.get("tool", {}).get("newslint")
    if table is None:
        raise ConfigError("no [tool.newslint] table", path=display)
    if not isinstance(table, dict):
        raise ConfigError("tool.newslint must be a table", path=display)
    return table, text


def config_from_mapping(
    data: Mapping[str, Any],
    *,
    registry: Any = None,
    origin: str = "<api>",
    root: Path | None = None,
    toml_text: str | None = None,
) -> Config:
    """Validate a parsed config (ruamel nodes keep positions; plain dicts work too)."""
    from newslint.config_schema import ConfigReader

    if registry is None:
        from newslint.plugins import get_registry

        registry = get_registry()
    return ConfigReader(origin, root or Path.cwd(), registry, toml_text).read(data)
