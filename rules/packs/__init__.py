"""newslint's own language packs (``<lang>.yaml``) and the compiled form every pack is kept in.

Parsing a pack's YAML costs milliseconds per language at every start-up, so a pack is parsed
once into a compiled file: the wheel ships ``<lang>.pack`` beside each ``<lang>.yaml``
(setup.py's build step), and any other pack (an editable install, a plugin's) is compiled on
first use into the per-user cache (:mod:`newslint.packfile`).

Layout: an 8-byte length, then a pickled *head* (the format, the BLAKE2b hash of the YAML
bytes it was parsed from, that of the lexicons' pickle, and the pack without its lexicons:
language, version, detection words), then the pickled lexicons. Language detection needs
only heads, so the lexicons of a language no article is in are never unpickled. Both are
plain data, read back by an unpickler that refuses every global (:func:`loads_plain`): a
compiled file can describe a pack, never run code. A head whose hash is not that of the YAML
beside it is ignored, and so are lexicons whose hash is not the one their head names.

This module uses only the standard library: setup.py loads it by path before newslint exists.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from typing import Any

#: Bumped when the layout or the meaning of a compiled pack changes.
PACK_FORMAT = 2
COMPILED_SUFFIX = ".pack"
_LEN = 8


def source_hash(raw: bytes) -> str:
    """The hash a compiled pack records of the YAML bytes it stands for (hex)."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


class _PlainUnpickler(pickle.Unpickler):
    """Unpickles dicts, lists, strings, numbers, booleans and None only."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"a compiled pack holds plain data only, not {module}.{name}")


def loads_plain(blob: bytes) -> Any:
    """``pickle.loads`` restricted to plain data (raises ``pickle.UnpicklingError`` else)."""
    return _PlainUnpickler(io.BytesIO(blob)).load()


def dump_compiled(data: dict[str, Any], raw: bytes) -> bytes:
    """The compiled form of a parsed pack ``data`` whose YAML bytes are ``raw``."""
    pack = {k: v for k, v in data.items() if k != "lexicons"}
    lexicons = pickle.dumps(data.get("lexicons"), protocol=4)
    head = pickle.dumps(
        {
            "format": PACK_FORMAT,
            "source": source_hash(raw),
            "lexicons": source_hash(lexicons),
            "pack": pack,
        },
        protocol=4,
    )
    return len(head).to_bytes(_LEN, "big") + head + lexicons


def read_head(blob: bytes, raw: bytes) -> tuple[dict[str, Any], str, int] | None:
    """(the pack without lexicons, their hash, where they start) when ``blob`` is a compiled pack
    of this format for exactly the YAML bytes ``raw``; None for anything else."""
    try:
        size = int.from_bytes(blob[:_LEN], "big")
        head = loads_plain(blob[_LEN : _LEN + size])
    except Exception:  # damaged: any error of the unpickler means "not a compiled pack"
        return None
    if not (
        isinstance(head, dict)
        and head.get("format") == PACK_FORMAT
        and head.get("source") == source_hash(raw)
        and isinstance(head.get("pack"), dict)
        and isinstance(head.get("lexicons"), str)
    ):
        return None
    return head["pack"], head["lexicons"], _LEN + size


def read_lexicons(blob: bytes, digest: str, start: int) -> dict[str, Any] | None:
    """The lexicons of a compiled pack whose head :func:`read_head` accepted, if their bytes
    are those the head names (``digest``); None if damaged."""
    body = blob[start:]
    if source_hash(body) != digest:
        return None
    try:
        lexicons = loads_plain(body)
    except Exception:
        return None
    if lexicons is None:
        return {}
    return lexicons if isinstance(lexicons, dict) else None


__all__ = [
    "COMPILED_SUFFIX",
    "PACK_FORMAT",
    "dump_compiled",
    "loads_plain",
    "read_head",
    "read_lexicons",
    "source_hash",
]
