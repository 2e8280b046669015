"""Reading a language pack file through its compiled form (:mod:`newslint.rules.packs`).

In order: the compiled file shipped beside the YAML (a wheel's built-in packs), the per-user
cache (``packs/`` in :func:`newslint.usercache.user_cache_dir`: editable installs, plugins'
packs), and last the YAML itself, whose compiled form is then written to that cache. Each
compiled form is used only for the exact YAML bytes it names (content hash, so a fresh
virtual environment or a copied checkout still hits); a cache file is also signed
(:func:`newslint.usercache.read_signed_bytes`). Anything stale, damaged or edited is
ignored and the YAML read instead: a cache never changes a verdict.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newslint.errors import ConfigError
from newslint.rules.packs import (
    COMPILED_SUFFIX,
    PACK_FORMAT,
    dump_compiled,
    read_head,
    read_lexicons,
    source_hash,
)

#: What a pack file yields: the pack without its lexicons, and a loader of the lexicons.
Opened = tuple[dict[str, Any], Callable[[], dict[str, Any]]]


def _read_bytes(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _parse(path: Path) -> dict[str, Any]:
    from newslint.yamlio import load_yaml_file

    data = load_yaml_file(path)
    if not isinstance(data, dict):
        raise ConfigError("a language pack must be a mapping", path=str(path))
    return data


class _Compiled:
    """The lexicons of a compiled pack, unpickled when called. A plain object, so a pack
    whose lexicons are not loaded yet still pickles into a spawned worker."""

    def __init__(self, path: Path, blob: bytes, digest: str, start: int) -> None:
        self.path, self.blob, self.digest, self.start = path, blob, digest, start

    def __call__(self) -> dict[str, Any]:
        found = read_lexicons(self.blob, self.digest, self.start)
        if found is None:  # damaged after its head was read: the YAML decides
            found = dict(_parse(self.path).get("lexicons") or {})
        return found


class _Parsed:
    """Lexicons already parsed (from the YAML), handed out as a fresh dict."""

    def __init__(self, lexicons: Any) -> None:
        self.lexicons = lexicons

    def __call__(self) -> dict[str, Any]:
        return dict(self.lexicons or {})


def _from_blob(blob: bytes | None, raw: bytes, path: Path) -> Opened | None:
    got = read_head(blob, raw) if blob else None
    if got is None or blob is None:
        return None
    head, digest, start = got
    return head, _Compiled(path, blob, digest, start)


def _cache_file(raw: bytes) -> Path:
    from newslint import __version__
    from newslint.usercache import user_cache_dir

    key = hashlib.sha1(f"{PACK_FORMAT}|{__version__}|{source_hash(raw)}".encode()).hexdigest()
    return user_cache_dir() / "packs" / f"{key[:20]}{COMPILED_SUFFIX}"


def open_pack(path: Path) -> Opened:
    """The pack at ``path`` (YAML) as (everything but the lexicons, a loader of the lexicons).

    Raises :class:`ConfigError` when the file cannot be read or parsed, or is no mapping.
    """
    raw = _read_bytes(path)
    if raw is None:
        return _parsed(path)  # the YAML reader reports why it cannot be read
    shipped = _from_blob(_read_bytes(path.with_suffix(COMPILED_SUFFIX)), raw, path)
    if shipped is not None:
        return shipped
    from newslint.usercache import prune_cache_files, read_signed_bytes, write_signed_bytes

    cache_file = _cache_file(raw)
    bound = (b"pack", str(PACK_FORMAT).encode())
    cached = _from_blob(read_signed_bytes(cache_file, *bound), raw, path)
    if cached is not None:
        return cached
    data = _parse(path)
    try:
        blob = dump_compiled(data, raw)
    except Exception:  # a value pickle cannot hold as plain data: just not cached
        blob = None
    if blob is not None and write_signed_bytes(cache_file, blob, *bound):
        prune_cache_files(cache_file.parent)
    return _split(data)


def _parsed(path: Path) -> Opened:
    return _split(_parse(path))


def _split(data: dict[str, Any]) -> Opened:
    head = {k: v for k, v in data.items() if k != "lexicons"}
    return head, _Parsed(data.get("lexicons"))


def load_pack_file(path: Path) -> dict[str, Any]:
    """The whole pack at ``path`` (parsed YAML, through its compiled form when there is one)."""
    head, lexicons = open_pack(path)
    return {**head, "lexicons": lexicons()}


__all__ = ["load_pack_file", "open_pack"]
