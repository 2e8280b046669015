"""The ``overrides:`` list of a config: per-folder, per-front-matter and per-language settings.

A part of :class:`newslint.config_schema.ConfigReader` (which supplies the positions, the
errors and the readers of globs and rule settings it shares with the top of the document).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from newslint.config import OVERRIDE_KEYS, Override, did_you_mean
from newslint.yamlio import to_plain

if TYPE_CHECKING:
    from newslint.config import RuleConf
    from newslint.errors import ConfigError
    from newslint.rule import Rule

_SCALAR = (str, int, float, bool)


class OverridesReader:
    """Reads ``overrides:``; mixed into :class:`newslint.config_schema.ConfigReader`."""

    if TYPE_CHECKING:  # provided by ConfigReader
        registry: Any
        refused: frozenset[str]

        def error(
            self,
            reason: str,
            keypath: str,
            node: Any = None,
            key: Any = None,
            at_value: bool = False,
        ) -> ConfigError: ...
        def origin_of(self, node: Any, key: Any) -> str: ...
        def globs(self, value: Any, keypath: str, parent: Any, key: Any) -> list[str]: ...
        def rule(self, rkey: Any, keypath: str, parent: Any, key: Any = None) -> Rule: ...
        def rules_map(
            self, value: Any, keypath: str, parent: Any, key: Any
        ) -> dict[str, RuleConf]: ...

    def overrides(self, value: Any, parent: Any) -> list[Override]:
        if not isinstance(value, list):
            raise self.error(
                f"expected a list of overrides, got {kind(value)}",
                "overrides",
                parent,
                "overrides",
            )
        out = []
        for i, ov in enumerate(value):
            kp = f"overrides[{i}]"
            if not isinstance(ov, Mapping):
                raise self.error("expected a mapping {files, match, rules}", kp, value, i)
            for k in ov:
                if k not in OVERRIDE_KEYS:
                    raise self.error(
                        f"unknown key {k!r}{did_you_mean(k, OVERRIDE_KEYS)} "
                        f"(valid keys: {', '.join(OVERRIDE_KEYS)})",
                        f"{kp}.{k}",
                        ov,
                        k,
                    )
            if not any(k in ov for k in ("files", "match", "language")):
                raise self.error(
                    "an override needs 'files' globs, a front-matter 'match', an article "
                    "'language', or several of them",
                    kp,
                    value,
                    i,
                )
            files = self.globs(ov["files"], f"{kp}.files", ov, "files") if "files" in ov else []
            match = self.match(ov["match"], f"{kp}.match", ov) if "match" in ov else {}
            langs = (
                self.override_languages(ov["language"], f"{kp}.language", ov)
                if "language" in ov
                else []
            )
            rules = self.rules_map(ov.get("rules", {}), f"{kp}.rules", ov, "rules")
            suppress = (
                self.suppress_map(ov["suppress"], f"{kp}.suppress", ov) if "suppress" in ov else {}
            )
            out.append(Override(files, match, rules, self.origin_of(value, i), suppress, langs))
        return out

    def override_languages(self, value: Any, kp: str, parent: Any) -> list[str]:
        """``language: fr`` or ``[fr, de]``: codes of installed packs, the only languages an
        article's effective language is compared by (``fr-CA`` articles are ``fr``)."""
        listed = isinstance(value, list)
        values = value if listed else [value]
        packs = sorted(self.registry.packs)
        out: list[str] = []
        for i, code in enumerate(values):
            at_node, at_key = (value, i) if listed else (parent, "language")
            key = f"{kp}[{i}]" if listed else kp
            if not isinstance(code, str) or not code.strip():
                raise self.error(
                    f"expected a language code such as en, fr, zh, or a list of them, got "
                    f"{kind(code)}",
                    key,
                    at_node,
                    at_key,
                    at_value=not listed,
                )
            if packs and code not in packs:
                base = code.replace("_", "-").split("-")[0].lower()
                hint = (
                    f" (use {base!r}: articles are matched on the base language code)"
                    if base in packs
                    else did_you_mean(code, packs)
                )
                raise self.error(
                    f"no language pack for {code!r}{hint} (available: {', '.join(packs)})",
                    key,
                    at_node,
                    at_key,
                    at_value=not listed,
                )
            out.append(code)
        if not out:
            raise self.error("expected at least one language code", kp, parent, "language")
        return out

    def suppress_map(self, value: Any, kp: str, parent: Any) -> dict[str, str]:
        """``suppress: {rule: reason}``: every suppression must say why."""
        if not isinstance(value, Mapping) or not value:
            raise self.error(
                "expected a mapping of rule code or name to the reason for suppressing it",
                kp,
                parent,
                "suppress",
            )
        out: dict[str, str] = {}
        for rkey, reason in value.items():
            rule = self.rule(rkey, f"{kp}.{rkey}", value)
            if rule.code in self.refused:
                raise self.error(
                    f"rule {rule.name} is listed in 'unsuppressible': an override cannot "
                    "suppress it",
                    f"{kp}.{rkey}",
                    value,
                    rkey,
                )
            if not isinstance(reason, str) or not reason.strip():
                raise self.error(
                    "expected the reason for the suppression (a non-empty text)",
                    f"{kp}.{rkey}",
                    value,
                    rkey,
                )
            out[rule.code] = " ".join(reason.split())
        return out

    def match(self, value: Any, kp: str, parent: Any) -> dict[str, list[Any]]:
        if not isinstance(value, Mapping) or not value:
            raise self.error(
                "expected a mapping of front-matter key to a value or list of values",
                kp,
                parent,
                "match",
            )
        out: dict[str, list[Any]] = {}
        for k, v in value.items():
            values = v if isinstance(v, list) else [v]
            if not values or not all(isinstance(x, _SCALAR) for x in values):
                raise self.error(
                    "expected a value (text, number, true/false) or a list of them",
                    f"{kp}.{k}",
                    value,
                    k,
                )
            out[str(k)] = [to_plain(x) for x in values]
        return out


def kind(value: Any) -> str:
    """How a config value is described in an error ("a list", "str 'x'", …)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"
