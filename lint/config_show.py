"""``--show-config``: the merged config as YAML, each value commented with its origin."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from newslint.config import DEFAULT_EXCLUDE, NO_REASON_RULE, Config, RuleConf
from newslint.findings import Severity
from newslint.rule import Rule


def _v(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _sev(conf: RuleConf, rule: Rule) -> str:
    s = conf.severity
    if s == "on":
        return rule.severity.label
    return "off" if s is None else (s.label if isinstance(s, Severity) else str(s))


def describe(cfg: Config, cli: Mapping[str, Any]) -> str:
    """``--show-config``: the merged config as YAML, with ``# origin`` comments."""
    out = [
        f"# config file: {cfg.path or 'none (defaults)'}",
        f"# root (globs are relative to it): {cfg.root.as_posix()}",
    ]

    def line(key: str, value: Any, attr_default: Any) -> None:
        if key in cli and cli[key] is not None:
            out.append(f"{key}: {_v(cli[key])}  # command line")
        else:
            origin = cfg.origins.get(key, "default")
            out.append(f"{key}: {_v(value if key in cfg.origins else attr_default)}  # {origin}")

    fail = cfg.fail_on.label if isinstance(cfg.fail_on, Severity) else (cfg.fail_on or "warning")
    line("language", cfg.language or "auto", "auto")
    line("include", cfg.include, cfg.include)
    line("exclude", cfg.exclude, cfg.exclude)
    line("default-exclude", cfg.default_exclude, True)
    out[-1] += f" ({', '.join(DEFAULT_EXCLUDE)})"
    line("fail-on", fail, "warning")
    line("max-file-size", cfg.max_file_size, cfg.max_file_size)
    line("house-rules", cfg.house_rule_files, [])
    names = {r.code: r.name for r in cfg.known_rules}
    line("unsuppressible", sorted(names.get(c, c) for c in cfg.unsuppressible), [])
    line("require-suppression-reason", cfg.require_suppression_reason, False)
    ambiguous = cfg.ambiguous_severity.label if cfg.ambiguous_severity else "unchanged"
    line("ambiguous-severity", ambiguous, "unchanged")
    line("messages", cfg.messages or "auto", "auto")
    for key in ("select", "ignore"):
        if cli.get(key):
            out.append(f"{key}: {_v(cli[key])}  # command line")
    out.append("rules:")
    for rule in cfg.known_rules or sorted(cfg.house_rules, key=lambda r: r.code):
        conf = cfg.rules.get(rule.code)
        enabled = getattr(rule, "default_enabled", True) or (
            cfg.require_suppression_reason and rule.name == NO_REASON_RULE
        )
        default_sev = rule.severity.label if enabled else "off"
        sev = _sev(conf, rule) if conf and conf.severity != "unset" else default_sev
        sev_origin = conf.origin if conf and conf.severity != "unset" else "default"
        out.append(f"  {rule.code}:  # {rule.name}")
        out.append(f"    severity: {sev}  # {sev_origin}")
        for name, opt in rule.options.items():
            if conf and name in conf.options:
                out.append(f"    {name}: {_v(conf.options[name])}  # {conf.origin}")
            else:
                out.append(f"    {name}: {_v(opt.default)}  # default")
    if cfg.overrides:
        out.append("overrides:")
        for ov in cfg.overrides:
            out.append(f"  # {ov.origin}")
            first = "  - "
            if ov.files:
                out.append(f"{first}files: {_v(ov.files)}")
                first = "    "
            if ov.match:
                out.append(f"{first}match: {_v(ov.match)}")
                first = "    "
            if ov.languages:
                out.append(f"{first}language: {_v(ov.languages)}")
            out.append("    rules:")
            for code, conf in ov.rules.items():
                rule = next((r for r in cfg.known_rules if r.code == code), None)
                body: dict[str, Any] = dict(conf.options)
                if conf.severity != "unset" and rule is not None:
                    body = {"severity": _sev(conf, rule), **body}
                out.append(
                    f"      {code}: {_v(body)}  # {conf.origin}"
                    + (f" ({rule.name})" if rule else "")
                )
            if ov.suppress:
                out.append("    suppress:")
                out.extend(f"      {code}: {_v(reason)}" for code, reason in ov.suppress.items())
    out.append(f"# digest: {cfg.digest()}")
    return "\n".join(out) + "\n"
