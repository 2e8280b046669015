# mypy: disable-error-code="empty-body"
"""The whole extension surface of newslint: one documented hook per kind of plugin.

A plugin is any module or object with ``@hookimpl``-decorated functions, registered through
the ``newslint`` entry-point group. The built-ins register exactly the same way. Hooks are
called once per process to *collect* things; none is called per article or per finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("newslint")
hookimpl = pluggy.HookimplMarker("newslint")


@hookspec
def newslint_rules() -> Iterable[Any]:
    """Return rules: :class:`newslint.rule.Rule` subclasses or instances."""


@hookspec
def newslint_rule_kinds() -> Mapping[str, Any]:
    """Return YAML rule kinds: ``{kind-name: factory(spec: dict, source: str) -> Rule}``."""


@hookspec
def newslint_readers() -> Iterable[Any]:
    """Return readers: objects with ``name``, ``extensions`` and ``read(path, source, ...)``."""


@hookspec
def newslint_formatters() -> Iterable[Any]:
    """Return formatter classes with a ``name`` (see :mod:`newslint.formatters`)."""


@hookspec
def newslint_language_packs() -> Iterable[Any]:
    """Return language packs: paths to pack YAML files (or mappings already parsed)."""
