"""Plugin objects that import their implementation on first use.

Every built-in reader and formatter is registered at start-up, but a run needs one reader per
file type and usually one formatter; importing the rest (their regexes, ``xml``, ``urllib``)
would cost tens of milliseconds on every pre-commit call. Third-party plugins may use these too.
"""

from __future__ import annotations

import importlib
from typing import Any


def _resolve(target: str) -> Any:
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


class LazyReader:
    """A reader named ``target`` (``"pkg.module:Class"``), instantiated when first used."""

    def __init__(self, name: str, extensions: tuple[str, ...], target: str) -> None:
        self.name = name
        self.extensions = extensions
        self.target = target
        self.plugin = "builtin-readers"
        self._impl: Any = None

    def read(self, path: str, source: str) -> Any:
        if self._impl is None:
            self._impl = _resolve(self.target)()
        return self._impl.read(path, source)

    def __repr__(self) -> str:
        return f"LazyReader({self.name!r}, {self.target!r})"


class LazyFormatter:
    """A formatter class named ``target``, imported when a run asks for that format."""

    def __init__(self, name: str, description: str, target: str) -> None:
        self.name = name
        self.description = description
        self.target = target
        self.plugin = "builtin-formatters"

    def load(self) -> Any:
        return _resolve(self.target)

    def __call__(self, stream: Any, info: Any) -> Any:
        return self.load()(stream, info)

    def __repr__(self) -> str:
        return f"LazyFormatter({self.name!r}, {self.target!r})"
