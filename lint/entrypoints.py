"""The ``newslint`` entry points of the installed distributions, cached per user.

Scanning them with :mod:`importlib.metadata` costs 35-45 ms per start-up (its import and a read
of every distribution), a third of a pre-commit call; the result is cached per installed-set
fingerprint under ``entry-points`` in the user cache folder (:mod:`newslint.usercache`).

A cache must never change which rules run, and the folder may be shared (CI caches), so:

- the built-in plugins are never taken from it (``skip``; :func:`newslint.plugins._entry_points`
  always loads them);
- the file is signed with the fingerprint it stands for
  (:func:`newslint.usercache.read_signed_json`; keyed with ``NEWSLINT_CACHE_KEY``);
- every cached plugin is checked against what it stands for: the ``entry_points.txt`` of the
  distribution that declares it, re-read on each load, must declare exactly the cached entries
  of that distribution. A plugin no installed distribution declares cannot be slipped in, and
  an entry that cannot be checked (a distribution without a file list) means a fresh scan.

Anything that does not match is ignored and the cache is rebuilt from a scan.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Container
from typing import Any

#: A scanned entry: (name, "module:attr", the entry_points.txt that declares it, or "").
_Entry = tuple[str, str, str]


def site_fingerprint() -> str:
    """Changes whenever a distribution is installed or removed on ``sys.path``.

    Installing or uninstalling adds or removes a ``*.dist-info`` folder, which changes the
    mtime of the folder that holds it; hashing those mtimes is far cheaper than importing
    ``importlib.metadata`` (and its email parser) and scanning every distribution.
    """

    h = hashlib.sha1(sys.version.encode())
    try:
        cwd = os.getcwd()
    except OSError:
        cwd = ""
    for entry in sys.path:
        if entry in ("", ".", cwd):
            # The working directory (``python -m``, ``-c``) changes whenever a file in it
            # does: fingerprint only the distribution folders it may hold.
            try:
                names = sorted(n for n in os.listdir(entry or ".") if n.endswith(_DIST_SUFFIXES))
            except OSError:
                continue
            h.update(f"{entry}\0{names}\0".encode())
            continue
        try:
            st = os.stat(entry)
        except OSError:
            continue
        h.update(f"{entry}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()[:20]


_DIST_SUFFIXES = (".dist-info", ".egg-info", ".egg-link")


def _scan(group: str, skip: Container[str]) -> list[_Entry]:
    from importlib.metadata import entry_points

    found = set()
    for ep in entry_points(group=group):
        if ep.name in skip:
            continue
        found.add((ep.name, ep.value, _declared_in(ep.dist)))
    return sorted(found)


def _declared_in(dist: Any) -> str:
    """The absolute path of ``dist``'s entry_points.txt, from its public file list ("" if none)."""
    for file in getattr(dist, "files", None) or ():
        if file.name == "entry_points.txt" and str(file.parent).endswith(_DIST_SUFFIXES):
            return str(dist.locate_file(file))
    return ""


def _declared(path: str, group: str) -> set[tuple[str, str]]:
    """(name, value) pairs of ``group`` in an entry_points.txt (empty if unreadable)."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    out, section = set(), None
    for raw in lines:
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group and "=" in line:
            name, _, value = line.partition("=")
            out.add((name.strip(), value.strip()))
    return out


def _verified(data: Any, group: str, skip: Container[str]) -> list[tuple[str, str]] | None:
    """The cached (name, value) pairs if each matches the file that declares it, else None."""
    if not isinstance(data, list):
        return None
    by_source: dict[str, set[tuple[str, str]]] = {}
    for item in data:
        if not (isinstance(item, list) and len(item) == 3):
            return None
        name, value, source = item
        if not (isinstance(name, str) and isinstance(value, str) and isinstance(source, str)):
            return None
        if not source or name in skip:
            return None  # cannot be checked (or never cached): scan
        by_source.setdefault(source, set()).add((name, value))
    for source, entries in by_source.items():
        declared = {(n, v) for n, v in _declared(source, group) if n not in skip}
        if entries != declared:
            return None
    return sorted(pair for entries in by_source.values() for pair in entries)


def cached_entry_points(group: str, skip: Container[str] = ()) -> list[tuple[str, str]]:
    """(name, "module:attr") of ``group`` except the names in ``skip``, sorted."""
    from newslint.usercache import (
        prune_cache_files,
        read_signed_json,
        user_cache_dir,
        write_signed_json,
    )

    fingerprint = site_fingerprint()
    path = user_cache_dir() / "entry-points" / f"{fingerprint}.json"
    bound = (group.encode(), fingerprint.encode())
    cached = _verified(read_signed_json(path, *bound), group, skip)
    if cached is not None:
        return cached
    found = _scan(group, skip)
    if write_signed_json(path, [list(e) for e in found], *bound):
        prune_cache_files(path.parent)
    return sorted({(name, value) for name, value, _source in found})


__all__ = ["cached_entry_points"]
