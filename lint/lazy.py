"""Plugin objects that import their implementation on first use.

Every built-in reader and formatter is registered at start-up, but a run needs one reader per
file type and usually one formatter; importing the rest (their regexes, ``xml``, ``urllib``)
would cost tens of milliseconds on every pre-commit call. Third-party plugins may use these too.
Module-level regexes are deferred the same way (:func:`lazy_regex`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import regex


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


class LazyPattern:
    """A ``regex`` pattern compiled the first time one of its methods is used.

    The rule modules hold about a hundred module-level patterns; compiling them at import
    costs 20-30 ms on every start-up, though a run whose results all come from the cache
    uses none of them and most runs use a few. Each attribute the compiled pattern provides
    (``search``, ``finditer``, ...) is remembered on first use, so later calls cost a plain
    attribute look-up. ``pattern`` and ``flags`` are the arguments given, without compiling.
    """

    def __init__(self, pattern: str, flags: int = 0, **kwargs: Any) -> None:
        self.pattern = pattern
        self.flags = flags
        self._kwargs = kwargs
        self._compiled: Any = None

    def compiled(self) -> Any:
        """The compiled ``regex.Pattern`` (compiled now if it was not yet)."""
        if self._compiled is None:
            import regex

            self._compiled = regex.compile(self.pattern, self.flags, **self._kwargs)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_compiled", "_kwargs"):
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        self.__dict__[name] = value
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.pattern, self.flags, self._kwargs))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


def _rebuild(pattern: str, flags: int, kwargs: dict[str, Any]) -> LazyPattern:
    return LazyPattern(pattern, flags, **kwargs)


def lazy_regex(pattern: str, flags: int = 0, **kwargs: Any) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags, **kwargs)`` deferred to first use (:class:`LazyPattern`).

    Typed as the pattern it stands for: callers use it exactly like one (methods and
    ``pattern``/``flags``), never as an argument to ``regex`` functions.
    """
    return cast("regex.Pattern[str]", LazyPattern(pattern, flags, **kwargs))
