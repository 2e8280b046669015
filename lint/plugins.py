"""Plugin discovery and the registry of everything plugins provide.

Built-in rules, readers and formatters register through the ``newslint`` entry-point group
exactly like third-party plugins. The registry is built once per process.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import Any

import pluggy
from newslint import hookspecs
from newslint.errors import PluginError
from newslint.language import LanguagePack, build_packs
from newslint.plain import Plain
from newslint.rule import Rule

GROUP = "newslint"
#: The built-in plugins, in the order pyproject.toml declares them.
BUILTIN = {
    "builtin": "newslint.rules",
    "builtin-readers": "newslint.readers",
    "builtin-formatters": "newslint.formatters",
}


class Registry(Plain):
    """Everything the loaded plugins provide, looked up by code, name, extension or id."""

    _fields = ("rules", "readers", "formatters", "packs", "rule_kinds", "plugins")

    def __init__(
        self,
        rules: list[Rule] | None = None,
        readers: dict[str, Any] | None = None,
        formatters: dict[str, Any] | None = None,
        packs: dict[str, LanguagePack] | None = None,
        rule_kinds: dict[str, Any] | None = None,
        plugins: list[str] | None = None,
    ) -> None:
        self.rules: list[Rule] = [] if rules is None else rules
        self.readers: dict[str, Any] = {} if readers is None else readers
        self.formatters: dict[str, Any] = {} if formatters is None else formatters
        self.packs: dict[str, LanguagePack] = {} if packs is None else packs
        self.rule_kinds: dict[str, Any] = {} if rule_kinds is None else rule_kinds
        self.plugins: list[str] = [] if plugins is None else plugins
        self._by_key: dict[str, Rule] = {}

    def add_rule(self, rule: Rule) -> None:
        for key in (rule.code, rule.name):
            if not key:
                raise PluginError(f"plugin {rule.plugin!r}: a rule has no code or name ({rule!r})")
            other = self._by_key.get(key)
            if other is not None and other is not rule:
                raise PluginError(
                    f"plugin {rule.plugin!r}: rule {key!r} is already provided by plugin "
                    f"{other.plugin!r}"
                )
            self._by_key[key] = rule
        self.rules.append(rule)
        self.rules.sort(key=lambda r: r.code)

    def rule(self, key: str) -> Rule | None:
        """A rule by code (``NL101``) or name (``missing-disclaimer``)."""
        return self._by_key.get(key) or self._by_key.get(key.upper())

    def rule_keys(self) -> list[str]:
        return sorted(self._by_key)

    def reader_for(self, path: str) -> Any | None:
        lower = path.lower()
        for ext in sorted(self.readers, key=len, reverse=True):
            if lower.endswith(ext):
                return self.readers[ext]
        return None

    def pack_versions(self) -> dict[str, str]:
        return {lang: p.version for lang, p in sorted(self.packs.items())}


def _loader(value: str) -> Any:
    module, _, attr = value.partition(":")

    def load() -> Any:
        obj = importlib.import_module(module.strip())
        for part in filter(None, attr.strip().split(".")):
            obj = getattr(obj, part)
        return obj

    return load


def _entry_points(builtin_only: bool) -> list[tuple[str, Any]]:
    """(name, loader) pairs for the ``newslint`` group, sorted by name.

    The built-ins come from :data:`BUILTIN`, never from the installed entry points or their
    cache: nothing on disk can remove or replace newslint's own rules (and a source tree that
    was never installed still gets them). Other entry points can only add plugins.
    """
    found: dict[str, Any] = {name: _loader(module) for name, module in BUILTIN.items()}
    if not builtin_only:
        from newslint.entrypoints import cached_entry_points

        for name, value in cached_entry_points(GROUP, skip=BUILTIN):
            found.setdefault(name, _loader(value))
    return sorted(found.items())


def load_registry(*, builtin_only: bool = False, extra: Iterable[Any] = ()) -> Registry:
    """Load plugins and collect what they provide. Raises :class:`PluginError`."""
    pm = pluggy.PluginManager(GROUP)
    pm.add_hookspecs(hookspecs)
    names: list[str] = []
    for name, load in _entry_points(builtin_only):
        try:
            plugin = load()
        except Exception as exc:
            raise PluginError(
                f"plugin {name!r} failed to load: {type(exc).__name__}: {exc}"
            ) from None
        try:
            pm.register(plugin, name=name)
        except ValueError as exc:
            raise PluginError(f"plugin {name!r} could not register: {exc}") from None
        names.append(name)
    for i, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", f"extra-{i}")
        pm.register(plugin, name=name)
        names.append(name)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"plugin {exc.plugin!r}: {exc}") from None
    reg = Registry(plugins=names)
    _collect(pm, reg)
    return reg


def _impls(pm: pluggy.PluginManager, hook_name: str) -> list[tuple[str, Any]]:
    """Call one hook per plugin (sorted by plugin name) so each result knows its plugin."""
    out: list[tuple[str, Any]] = []
    hook = getattr(pm.hook, hook_name)
    for impl in sorted(hook.get_hookimpls(), key=lambda i: i.plugin_name):
        try:
            result = impl.function()
        except Exception as exc:
            raise PluginError(
                f"plugin {impl.plugin_name!r}: {hook_name}() raised {type(exc).__name__}: {exc}"
            ) from None
        if result is not None:
            out.append((impl.plugin_name, result))
    return out


def _collect(pm: pluggy.PluginManager, reg: Registry) -> None:
    for plugin, rules in _impls(pm, "newslint_rules"):
        for item in rules:
            rule = item() if isinstance(item, type) else item
            if not isinstance(rule, Rule):
                raise PluginError(f"plugin {plugin!r}: {item!r} is not a newslint Rule")
            if "plugin" not in vars(rule):
                rule.plugin = plugin
            reg.add_rule(rule)
    for plugin, readers in _impls(pm, "newslint_readers"):
        for reader in readers:
            for ext in reader.extensions:
                reg.readers[ext.lower()] = reader
            reader.plugin = plugin
    for plugin, formatters in _impls(pm, "newslint_formatters"):
        for fmt in formatters:
            fmt.plugin = plugin
            reg.formatters[fmt.name] = fmt
    for plugin, kinds in _impls(pm, "newslint_rule_kinds"):
        if not isinstance(kinds, Mapping):
            raise PluginError(f"plugin {plugin!r}: newslint_rule_kinds must return a mapping")
        reg.rule_kinds.update(kinds)
    pack_items: list[Any] = []
    shipped: list[Any] = []
    own = pm.get_plugin("builtin")
    for plugin, packs in _impls(pm, "newslint_language_packs"):
        pack_items.extend(packs)
        if plugin == "builtin" and getattr(own, "__name__", "") == BUILTIN["builtin"]:
            shipped.extend(packs)  # newslint's own packs (see LanguagePack.is_shipped)
    reg.packs = build_packs(pack_items, shipped=shipped)


_REGISTRY: dict[tuple[bool, tuple[str, ...]], Registry] = {}


def get_registry(*, builtin_only: bool = False, modules: tuple[str, ...] = ()) -> Registry:
    """The process-wide registry (loaded on first use).

    ``modules`` are extra plugin modules by import name (``newslint check -p my_rules``), for
    trying a plugin before packaging it.
    """
    key = (builtin_only, tuple(modules))
    if key not in _REGISTRY:
        extra = []
        for name in modules:
            try:
                extra.append(importlib.import_module(name))
            except Exception as exc:
                raise PluginError(
                    f"plugin module {name!r} could not be imported: {type(exc).__name__}: {exc}"
                ) from None
        _REGISTRY[key] = load_registry(builtin_only=builtin_only, extra=extra)
    return _REGISTRY[key]
