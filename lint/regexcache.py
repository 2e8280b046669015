"""A persistent cache of compiled regular expressions, for start-up time.

The ``regex`` module parses patterns in pure Python before handing a list of opcodes to its
C engine; for newslint's language packs that parsing is most of a pre-commit call's time
(well over 100 ms). This module remembers, per ``(pattern, flags)``, the arguments the parser
produced for ``_regex.compile`` and replays them in later processes, skipping the parse.

Size: each entry remembers the last generation (a save that compiled something new) in
which a process used it; a save drops entries unused for :data:`KEEP_GENERATIONS` such
saves, so patterns of old newslint versions, edited house rules or ad-hoc runs do not pile
up and slow every later load. Processes that compile nothing new never write the file.

Safety: the cache is keyed on the versions of Python and ``regex``; it holds only ints,
strings, lists, tuples and dicts (``marshal``, which never runs code) and a SHA-256 of its
payload, so a truncated or altered file is ignored, never trusted. Any surprise (a different
``regex`` internal layout) disables the cache for the process and falls back to plain
compilation. Only the CLI installs it (:func:`install`); library users are not affected.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

import regex

try:
    from regex import _main as _regex_main
    from regex import _regex as _c  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a regex release that moved its internals
    _regex_main = None
    _c = None

_FORMAT = 2
#: Saves an entry may go unused before it is dropped.
KEEP_GENERATIONS = 8
_entries: dict[tuple[str, int], tuple[Any, ...]] = {}
#: The generation each entry was last saved as used in.
_generations: dict[tuple[str, int], int] = {}
_generation = 0
_used: set[tuple[str, int]] = set()
_dirty = False
_path: Path | None = None
_original_compile = regex.compile


class _Recorder:
    """Stands in for the C module during one compile to capture its arguments."""

    def __init__(self) -> None:
        self.args: tuple[Any, ...] | None = None

    def compile(self, *args: Any) -> Any:
        self.args = args
        return _c.compile(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(_c, name)


def _cached_compile(
    pattern: Any,
    flags: int = 0,
    ignore_unused: bool = False,
    cache_pattern: bool | None = None,
    **kwargs: Any,
) -> Any:
    global _dirty
    if kwargs or not isinstance(pattern, str) or not isinstance(flags, int):
        return _original_compile(pattern, flags, ignore_unused, cache_pattern, **kwargs)
    key = (pattern, int(flags))
    _used.add(key)
    args = _entries.get(key)
    if args is not None:
        try:
            return _c.compile(*args)
        except Exception:
            _entries.pop(key, None)
    recorder = _Recorder()
    saved = _regex_main._regex
    _regex_main._regex = recorder
    try:
        result = _original_compile(pattern, flags, ignore_unused, cache_pattern)
    finally:
        _regex_main._regex = saved
    if recorder.args is not None and recorder.args[0] == pattern:
        # Flags arrive as an IntFlag; marshal stores plain ints only.
        _entries[key] = tuple(int(a) if isinstance(a, int) else a for a in recorder.args)
        _dirty = True
    return result


def _stamp() -> str:
    return f"{_FORMAT}|{sys.version}|{regex.__version__}"


def _load(path: Path) -> None:
    try:
        blob = path.read_bytes()
    except OSError:
        return
    digest, payload = blob[:32], blob[32:]
    if hashlib.sha256(payload).digest() != digest:
        return
    global _generation
    try:
        stamp, generation, entries = marshal.loads(payload)
    except Exception:
        return
    if stamp != _stamp() or not isinstance(entries, dict) or not isinstance(generation, int):
        return
    for key, (args, gen) in entries.items():
        _entries[key] = args
        _generations[key] = gen
    _generation = generation + 1


def _save() -> None:
    if not _dirty or _path is None:
        return
    oldest = _generation - KEEP_GENERATIONS
    kept = {}
    for key, args in _entries.items():
        gen = _generation if key in _used else _generations.get(key, _generation)
        if gen >= oldest:
            kept[key] = (args, gen)
    try:
        payload = marshal.dumps((_stamp(), _generation, kept))
        _path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, _path)
        from newslint.language import prune_cache_files

        prune_cache_files(_path.parent, keep=4)  # other Python or regex versions' caches
    except (OSError, ValueError, TypeError):
        pass


def install(cache_dir: Path | None) -> None:
    """Route ``regex.compile`` through the persistent cache for this process."""
    global _path
    if _c is None or _regex_main is None or cache_dir is None or _path is not None:
        return
    if os.environ.get("NEWSLINT_NO_REGEX_CACHE"):
        return
    key = hashlib.sha1(_stamp().encode()).hexdigest()[:16]
    _path = cache_dir / "regex" / f"{key}.bin"
    _load(_path)
    regex.compile = _cached_compile
    _regex_main.compile = _cached_compile
    atexit.register(_save)
