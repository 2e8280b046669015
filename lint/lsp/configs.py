"""Which config applies to a document, loaded once and reloaded when its files change.

The nearest ``newslint.yaml`` / ``.newslint.yaml`` / ``pyproject.toml`` with
``[tool.newslint]`` above the document wins, as for ``newslint check`` run from the
document's folder. A loaded config is stamped with the modification time and size of its
file and of its house-rule files; every lint compares the stamp, so an edit made outside the
editor (a ``git pull``) is seen on the next keystroke even when the client does not report
file changes. A config that fails to load keeps the last good one for that file (and says
so); without one, the documents it governs show the error instead of findings.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from newslint.config import find_config
from newslint.errors import NewslintError

Stamp = tuple[tuple[str, int, int], ...]


class Resolved(NamedTuple):
    """The outcome of :meth:`ConfigStore.resolve` for one document."""

    session: Any  # newslint.api.Session, or None when no good config was ever loaded
    key: str  # the config file, or "" for the built-in defaults
    error: str | None  # the config error to show, when the config on disk is broken
    reloaded: bool  # the config changed since the last lint (re-lint the other documents)


class _Entry:
    __slots__ = ("error", "session", "stamp")

    def __init__(self, session: Any, stamp: Stamp | None, error: str | None) -> None:
        self.session = session
        self.stamp = stamp
        self.error = error


def _stamp(paths: Sequence[Path]) -> Stamp:
    out = []
    for p in paths:
        try:
            st = os.stat(p)
            out.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(p), -1, -1))
    return tuple(out)


class ConfigStore:
    """Sessions by config file. Not thread-safe: the server lints on one thread."""

    def __init__(self, default_root: Path, plugins: Sequence[str] = ()) -> None:
        self.default_root = default_root
        self.plugins = tuple(plugins)
        self._entries: dict[str, _Entry] = {}

    def invalidate(self) -> None:
        """Forget every stamp: the next lint reloads (the client reported a file change)."""
        for entry in self._entries.values():
            entry.stamp = None

    def resolve(self, folder: Path | None) -> Resolved:
        """The session for a document in ``folder`` (None: an unsaved buffer, which gets the
        config of the workspace root)."""
        found = find_config(folder or self.default_root)
        key = str(found) if found is not None else ""
        entry = self._entries.get(key)
        if entry is not None and entry.stamp == self._current_stamp(key, entry):
            return Resolved(entry.session, key, entry.error, False)
        first = entry is None
        session, error = self._load(found)
        if entry is None:
            entry = self._entries[key] = _Entry(session, None, error)
        elif session is not None:
            entry.session, entry.error = session, None
        else:
            entry.error = error
        entry.stamp = self._current_stamp(key, entry)
        return Resolved(entry.session, key, entry.error, not first)

    def _current_stamp(self, key: str, entry: _Entry) -> Stamp:
        if not key:
            return ()
        config = Path(key)
        files = [config]
        if entry.session is not None:
            root = entry.session.cwd
            files += [root / f for f in entry.session.config.house_rule_files]
        return _stamp(files)

    def _load(self, found: Path | None) -> tuple[Any, str | None]:
        from newslint.api import Session

        try:
            if found is None:
                return Session.create(
                    cwd=self.default_root, isolated=True, plugins=self.plugins
                ), None
            return Session.create(
                cwd=found.parent, config_path=str(found), plugins=self.plugins
            ), None
        except NewslintError as exc:
            return None, str(exc)
        except Exception as exc:  # a plugin failing to import must not stop the server
            return None, f"{type(exc).__name__}: {exc}"
