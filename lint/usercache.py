"""The per-user cache folder (parsed language packs, installed entry points) and its files.

The folder is ``$NEWSLINT_CACHE_DIR`` when set, else the platform's user cache folder for
newslint (:func:`platformdirs.user_cache_dir`: ``$XDG_CACHE_HOME/newslint`` or
``~/.cache/newslint`` on Linux, ``~/Library/Caches/newslint`` on macOS,
``%LOCALAPPDATA%\\newslint\\Cache`` on Windows).

A cache must never change a verdict and the folder may be shared (CI caches), so every file
in it is signed together with what it stands for (:func:`write_signed_json`): an edited file,
or one copied from another source, is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from newslint.cache_key import cache_secret, signed_digest

#: Moves both this folder and the result cache (``newslint check --cache-dir`` moves only
#: the latter).
ENV_VAR = "NEWSLINT_CACHE_DIR"


def user_cache_dir() -> Path:
    """Where newslint keeps its per-user caches (see the module docs)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    import platformdirs  # only here: most of its cost is the platform module it picks

    return Path(platformdirs.user_cache_dir("newslint", appauthor=False))


def prune_cache_files(folder: Path, keep: int = 32) -> None:
    """Keep the ``keep`` newest files of a cache folder (called only after writing one).

    Every installed-set or pack change writes a new small file; without this, folders
    grew to thousands of entries on a developer machine.
    """
    try:
        with os.scandir(folder) as it:
            files = [(e.stat().st_mtime_ns, e.path) for e in it if e.is_file()]
    except OSError:
        return
    if len(files) <= keep:
        return
    files.sort(reverse=True)
    for _mtime, old in files[keep:]:
        with contextlib.suppress(OSError):
            os.unlink(old)


def read_signed_bytes(path: Path, *bound: bytes) -> bytes | None:
    """The body of a per-user cache file written by :func:`write_signed_bytes`, or None when
    it is missing, damaged or does not match ``bound`` (what it stands for, e.g. the hash of
    its source).

    Layout: the digest on the first line, then the body; the digest covers ``bound`` and the
    body, so an edited file, or one copied from another source, is ignored and rebuilt.
    """
    try:
        with open(path, "rb") as fh:
            blob = fh.read()
    except OSError:
        return None
    digest, _, body = blob.partition(b"\n")
    expected = signed_digest(cache_secret(), *bound, body).encode()
    if not hmac.compare_digest(digest, expected):
        return None
    return body


def write_signed_bytes(path: Path, body: bytes, *bound: bytes) -> bool:
    """Write ``body`` atomically for :func:`read_signed_bytes`; False if it cannot be written."""
    import tempfile

    digest = signed_digest(cache_secret(), *bound, body)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with open(fd, "wb") as fh:
            fh.write(digest.encode() + b"\n" + body)
        os.replace(tmp, path)  # readers see the old file or the whole new one
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)  # no temporary file left behind on failure
        return False
    return True


def read_signed_json(path: Path, *bound: bytes) -> Any:
    """:func:`read_signed_bytes` of a file holding JSON, parsed (None as there, or if not JSON)."""
    body = read_signed_bytes(path, *bound)
    if body is None:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def write_signed_json(path: Path, data: Any, *bound: bytes) -> bool:
    """Write ``data`` as JSON for :func:`read_signed_json`; False if it cannot be written."""
    return write_signed_bytes(path, json.dumps(data, ensure_ascii=False).encode(), *bound)


__all__ = [
    "ENV_VAR",
    "prune_cache_files",
    "read_signed_bytes",
    "read_signed_json",
    "user_cache_dir",
    "write_signed_bytes",
    "write_signed_json",
]
