"""A base for newslint's mutable record classes: ``repr`` and equality from ``_fields``.

Why not ``dataclasses``: it writes every method with ``exec`` when the class is defined,
about 1 ms per class, and newslint defined ~40 of them before linting its first article
(a third of the start-up a pre-commit hook pays on every commit). Immutable records are
``typing.NamedTuple``; mutable ones subclass :class:`Plain` and write ``__init__`` out.
"""

from __future__ import annotations

from typing import Any, ClassVar


class Plain:
    """Subclasses list their fields in ``_fields`` (in ``__init__`` order)."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable
