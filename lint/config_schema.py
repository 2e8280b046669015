"""Validation of a parsed config into a :class:`newslint.config.Config`, and ``--show-config``.

Kept apart from :mod:`newslint.config` so discovery stays small; both YAML (ruamel nodes with
positions) and ``[tool.newslint]`` tables (plain dicts; lines found by key) go through here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import regex
from newslint.config import (
    FAIL_ON_WORDS,
    SEVERITY_WORDS,
    TOP_KEYS,
    Config,
    RuleConf,
    did_you_mean,
    parse_size,
)
from newslint.config_overrides import OverridesReader, kind
from newslint.errors import ConfigError
from newslint.findings import Severity
from newslint.i18n import check_choice
from newslint.lazy import lazy_regex
from newslint.rule import OptionError, Rule
from newslint.yamlio import position, to_plain, value_position

_LANG = lazy_regex(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


class ConfigReader(OverridesReader):
    """Turns one parsed config document into a Config, raising on the first problem."""

    def __init__(self, origin: str, root: Path, registry: Any, toml_text: str | None) -> None:
        self.origin = origin
        self.root = root
        self.registry = registry
        self.toml_lines = toml_text.splitlines() if toml_text is not None else None
        self.by_key: dict[str, Rule] = {}
        self.refused: frozenset[str] = frozenset()  # codes listed in ``unsuppressible``

    # -- positions and errors ---------------------------------------------------------------
    def where(self, node: Any, key: Any, at_value: bool = False) -> tuple[int | None, int | None]:
        if self.toml_lines is None:
            return value_position(node, key) if at_value else position(node, key)
        if not isinstance(key, str):
            return None, None
        k = regex.escape(key)
        pat = regex.compile(
            rf"""^\s*(?:(["']?){k}\1\s*=|\[+\s*tool\.newslint(?:\.\S+)?\.{k}\s*\])"""
        )
        started = False
        for i, line in enumerate(self.toml_lines):
            if regex.match(r"\s*\[+\s*tool\.newslint", line):
                started = True
            if started and pat.match(line):
                return i + 1, line.find(key) + 1
        return None, None

    def error(
        self, reason: str, keypath: str, node: Any = None, key: Any = None, at_value: bool = False
    ) -> ConfigError:
        """An error at ``node[key]``; ``at_value`` points at a scalar value rather than its key."""
        line, col = self.where(node, key, at_value) if node is not None else (None, None)
        return ConfigError(reason, path=self.origin, line=line, column=col, key=keypath)

    def origin_of(self, node: Any, key: Any) -> str:
        line, _ = self.where(node, key)
        return f"{self.origin}:{line}" if line else self.origin

    # -- the document -------------------------------------------------------------------------
    def read(self, data: Any) -> Config:
        if data is None:
            data = {}
        if not isinstance(data, Mapping):
            raise self.error(
                "the config must be a mapping of settings (language, rules, ...)", "", data, None
            )
        cfg = Config(root=self.root, path=self.origin, raw=to_plain(dict(data)))
        for key in data:
            if key not in TOP_KEYS:
                raise self.error(
                    f"unknown key {key!r}{did_you_mean(key, TOP_KEYS)} (valid keys: "
                    f"{', '.join(TOP_KEYS)})",
                    str(key),
                    data,
                    key,
                )
            cfg.origins[key] = self.origin_of(data, key)
        if "language" in data:
            cfg.language = self.language(data["language"], data)
        for key in ("include", "exclude"):
            if key in data:
                setattr(cfg, key, self.globs(data[key], key, data, key))
        if "default-exclude" in data:
            if not isinstance(data["default-exclude"], bool):
                raise self.error(
                    f"expected true or false, got {kind(data['default-exclude'])}",
                    "default-exclude",
                    data,
                    "default-exclude",
                    at_value=True,
                )
            cfg.default_exclude = data["default-exclude"]
        if "fail-on" in data:
            value = data["fail-on"]
            if not isinstance(value, str) or value.strip().lower() not in FAIL_ON_WORDS:
                raise self.error(
                    f"expected one of {', '.join(FAIL_ON_WORDS)}"
                    f"{did_you_mean(str(value), FAIL_ON_WORDS)}",
                    "fail-on",
                    data,
                    "fail-on",
                    at_value=True,
                )
            word = value.strip().lower()
            cfg.fail_on = "never" if word == "never" else Severity.parse(word)
        if "max-file-size" in data:
            try:
                cfg.max_file_size = parse_size(data["max-file-size"])
            except ValueError as exc:
                raise self.error(
                    str(exc), "max-file-size", data, "max-file-size", at_value=True
                ) from None
        if "house-rules" in data:
            cfg.house_rules, cfg.house_rule_files = self.house_rules(data["house-rules"], data)
        all_rules = sorted([*self.registry.rules, *cfg.house_rules], key=lambda r: r.code)
        for r in all_rules:
            self.by_key.setdefault(r.code, r)
            self.by_key.setdefault(r.name, r)
        cfg.known_rules = all_rules
        if "unsuppressible" in data:
            cfg.unsuppressible = self.unsuppressible(data["unsuppressible"], data)
        if "require-suppression-reason" in data:
            value = data["require-suppression-reason"]
            if not isinstance(value, bool):
                raise self.error(
                    f"expected true or false, got {kind(value)}",
                    "require-suppression-reason",
                    data,
                    "require-suppression-reason",
                    at_value=True,
                )
            cfg.require_suppression_reason = value
        if "ambiguous-severity" in data:
            value = data["ambiguous-severity"]
            words = ("error", "warning", "info")
            if not isinstance(value, str) or value.strip().lower() not in words:
                raise self.error(
                    f"expected one of {', '.join(words)}{did_you_mean(str(value), words)}",
                    "ambiguous-severity",
                    data,
                    "ambiguous-severity",
                    at_value=True,
                )
            cfg.ambiguous_severity = Severity.parse(value.strip().lower())
        if "messages" in data:
            try:
                word = check_choice(data["messages"])
            except ValueError as exc:
                raise self.error(str(exc), "messages", data, "messages", at_value=True) from None
            cfg.messages = None if word == "auto" else word
        self.refused = cfg.unsuppressible
        if "rules" in data:
            cfg.rules = self.rules_map(data["rules"], "rules", data, "rules")
        if "overrides" in data:
            cfg.overrides = self.overrides(data["overrides"], data)
        return cfg

    def language(self, value: Any, parent: Any) -> str | None:
        if not isinstance(value, str) or not (value == "auto" or _LANG.match(value)):
            raise self.error(
                "expected 'auto' or a language code such as en, fr, zh",
                "language",
                parent,
                "language",
                at_value=True,
            )
        if value == "auto":
            return None
        packs = sorted(self.registry.packs)
        base = value.replace("_", "-").split("-")[0].lower()
        if packs and value not in packs and base not in packs:
            raise self.error(
                f"no language pack for {value!r}{did_you_mean(base, packs)} "
                f"(available: auto, {', '.join(packs)})",
                "language",
                parent,
                "language",
                at_value=True,
            )
        return value

    def globs(self, value: Any, keypath: str, parent: Any, key: Any) -> list[str]:
        from newslint.globs import glob_regex

        if not isinstance(value, list):
            raise self.error(
                f"expected a list of glob patterns, got {kind(value)}", keypath, parent, key
            )
        out = []
        for i, g in enumerate(value):
            if not isinstance(g, str) or not g.strip():
                raise self.error(
                    f"expected a glob pattern string, got {kind(g)}", f"{keypath}[{i}]", value, i
                )
            try:
                glob_regex(g)
            except regex.error as exc:
                raise self.error(f"bad glob pattern: {exc}", f"{keypath}[{i}]", value, i) from None
            out.append(g)
        return out

    def house_rules(self, value: Any, parent: Any) -> tuple[list[Rule], list[str]]:
        from newslint.yamlrules import BUILTIN_KINDS, load_rule_file

        if not isinstance(value, list):
            raise self.error(
                f"expected a list of house-rule file paths, got {kind(value)}",
                "house-rules",
                parent,
                "house-rules",
            )
        kinds = {**BUILTIN_KINDS, **(self.registry.rule_kinds or {})}
        rules: list[Rule] = []
        files: list[str] = []
        owners: dict[str, str] = {}
        for r in self.registry.rules:
            owners[r.code] = owners[r.name] = f"plugin {r.plugin!r}"
        for i, item in enumerate(value):
            keypath = f"house-rules[{i}]"
            if not isinstance(item, str) or not item.strip():
                raise self.error(f"expected a file path, got {kind(item)}", keypath, value, i)
            file = self.root / item
            display = (
                item
                if Path(item).is_absolute() or self.origin.startswith("<")
                else os.path.normpath(os.path.join(os.path.dirname(self.origin), item))
            )
            if not file.is_file():
                raise self.error(
                    f"house-rules file {item!r} not found (looked for {file})", keypath, value, i
                )
            for rule in load_rule_file(file, kinds, Path(display).as_posix()):
                for key in (rule.code, rule.name):
                    if key in owners:
                        line, col = getattr(rule, "line", None), getattr(rule, "column", None)
                        raise ConfigError(
                            f"rule {key!r} clashes with {owners[key]}; choose another code or name",
                            path=Path(display).as_posix(),
                            line=line,
                            column=col,
                        )
                    owners[key] = f"house rule in {Path(display).as_posix()}"
                rules.append(rule)
            files.append(Path(display).as_posix())
        return rules, files

    def rule(self, rkey: Any, keypath: str, parent: Any, key: Any = None) -> Rule:
        """The rule ``rkey`` names (code or name), or an error at ``parent[key]`` (default:
        ``parent[rkey]``) with a "did you mean"."""
        rule = self.by_key.get(str(rkey)) or self.by_key.get(str(rkey).upper())
        if rule is None:
            raise self.error(
                f"unknown rule {rkey!r}{did_you_mean(rkey, self.by_key)} (see `newslint rules`)",
                keypath,
                parent,
                rkey if key is None else key,
            )
        return rule

    def unsuppressible(self, value: Any, parent: Any) -> frozenset[str]:
        """``unsuppressible: [rule, ...]``: rules no comment or override may silence."""
        if not isinstance(value, list):
            raise self.error(
                f"expected a list of rule codes or names, got {kind(value)}",
                "unsuppressible",
                parent,
                "unsuppressible",
            )
        codes = set()
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise self.error(
                    f"expected a rule code or name, got {kind(item)}",
                    f"unsuppressible[{i}]",
                    value,
                    i,
                )
            codes.add(self.rule(item, f"unsuppressible[{i}]", value, i).code)
        return frozenset(codes)

    def rules_map(self, value: Any, keypath: str, parent: Any, key: Any) -> dict[str, RuleConf]:
        if not isinstance(value, Mapping):
            raise self.error(
                "expected a mapping of rule code or name to a severity or settings",
                keypath,
                parent,
                key,
            )
        out: dict[str, RuleConf] = {}
        for rkey, setting in value.items():
            kp = f"{keypath}.{rkey}"
            rule = self.rule(rkey, kp, value)
            if rule.code in out:
                raise self.error(
                    f"rule {rule.code} {rule.name} is configured twice", kp, value, rkey
                )
            out[rule.code] = self.rule_conf(rule, setting, value, rkey, kp)
        return out

    def rule_conf(self, rule: Rule, value: Any, parent: Any, key: Any, kp: str) -> RuleConf:
        origin = self.origin_of(parent, key)
        if isinstance(value, str):
            return RuleConf(self.severity(value, kp, parent, key), {}, origin)
        if not isinstance(value, Mapping):
            raise self.error(
                "expected a severity (error, warning, info, off) or a mapping "
                "{severity: ..., OPTION: VALUE}",
                kp,
                parent,
                key,
            )
        conf = RuleConf("unset", {}, origin)
        for opt, v in value.items():
            if opt == "severity":
                conf.severity = self.severity(v, f"{kp}.severity", value, opt)
            elif opt in rule.options:
                try:
                    conf.options[opt] = rule.options[opt].validate(
                        to_plain(v), self.registry.packs or None
                    )
                except OptionError as exc:
                    if exc.key is None or not isinstance(v, Mapping):
                        raise self.error(
                            f"bad value for option {opt!r} of {rule.name}: {exc}",
                            f"{kp}.{opt}",
                            value,
                            opt,
                            at_value=True,
                        ) from None
                    line, col = self.where(v, exc.key)
                    if line is None:  # TOML inline table: the option's line at least
                        line, col = self.where(value, opt, at_value=True)
                    raise ConfigError(
                        f"bad value for option {opt!r} of {rule.name}: {exc}",
                        path=self.origin,
                        line=line,
                        column=col,
                        key=f"{kp}.{opt}.{exc.key}",
                    ) from None
                except ValueError as exc:
                    raise self.error(
                        f"bad value for option {opt!r} of {rule.name}: {exc}",
                        f"{kp}.{opt}",
                        value,
                        opt,
                        at_value=True,
                    ) from None
            else:
                names = ["severity", *rule.options]
                have = (
                    f"options: {', '.join(rule.options)}"
                    if rule.options
                    else "this rule has no options"
                )
                raise self.error(
                    f"unknown option {opt!r} for {rule.name}{did_you_mean(opt, names)} ({have})",
                    f"{kp}.{opt}",
                    value,
                    opt,
                )
        return conf

    def severity(self, value: Any, kp: str, parent: Any, key: Any) -> Severity | str | None:
        word = value.strip().lower() if isinstance(value, str) else None
        if word not in SEVERITY_WORDS:
            raise self.error(
                f"bad severity {value!r}{did_you_mean(str(value), SEVERITY_WORDS)}: "
                "expected error, warning, info, off or on",
                kp,
                parent,
                key,
                at_value=True,
            )
        if word == "off":
            return None
        return "on" if word == "on" else Severity.parse(word)
