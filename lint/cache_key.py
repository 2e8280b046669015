"""The run key of the result cache: everything besides the article that can change a result.

newslint's version and source files (message catalogs included), the installed plugins and
installed set, language-pack versions, the effective config, the selected rules, a forced
language, a forced message language, whether pass notes are kept (``--explain``) and the working
directory (paths in findings are relative to it).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

#: Bumped when the cache layout changes (also the cache's folder name).
CACHE_VERSION = "v3"
#: An optional secret (e.g. a CI secret) that makes cache digests keyed (HMAC-SHA256).
SECRET_ENV = "NEWSLINT_CACHE_KEY"


def cache_secret() -> bytes | None:
    """The ``NEWSLINT_CACHE_KEY`` secret, or None: without it digests are plain SHA-256.

    A plain digest catches a damaged or carelessly edited cache; only a keyed one stops
    someone who can write a shared cache folder (a CI cache restored by every branch) from
    forging an entry, since they would need the secret to sign it.
    """
    value = os.environ.get(SECRET_ENV)
    return value.encode() if value else None


def signed_digest(secret: bytes | None, *parts: bytes) -> str:
    """HMAC-SHA256 of ``parts`` under ``secret`` (SHA-256 without one), hex.

    Each part is length-prefixed, so moving bytes from one part to the next changes the
    digest.
    """
    h = hmac.new(secret, digestmod=hashlib.sha256) if secret else hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def _code_stamp() -> str:
    """A hash of newslint's own source files, so an edited checkout invalidates the cache.

    Contents, not mtimes: a CI job that installs the same newslint into a fresh virtual
    environment must find the cache it restored (about 1 ms for the whole package).
    """
    import newslint

    digest = hashlib.blake2b(digest_size=16)
    roots = [Path(newslint.__file__).parent]
    with contextlib.suppress(ImportError):
        import newslint.rules

        roots.append(Path(newslint.rules.__file__).parent)
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith((".py", ".yaml", ".json", ".mo")):  # .mo: message catalogs
                    with (
                        contextlib.suppress(OSError),
                        open(os.path.join(dirpath, name), "rb") as fh,
                    ):
                        digest.update(name.encode() + b"\0" + fh.read() + b"\0")
    return digest.hexdigest()


def _installed_plugins() -> list[str]:
    """The installed ``newslint`` entry points and the installed set they were read from.

    The installed set's fingerprint changes whenever a distribution is installed, upgraded or
    removed (:func:`newslint.entrypoints.site_fingerprint`), which covers every plugin's
    version without importing :mod:`importlib.metadata` (20-40 ms) on each run; the entry
    points come from the same verified per-user cache the registry loads them from.
    """
    from newslint.entrypoints import cached_entry_points, site_fingerprint
    from newslint.plugins import BUILTIN, GROUP

    entries = [f"{name}={value}" for name, value in cached_entry_points(GROUP, skip=BUILTIN)]
    return [f"site={site_fingerprint()}", *entries]


def _rule_module_stamp(rules: Any) -> list[str]:
    """Hashes of the modules that define non-built-in rules (``-p`` plugins, entry points)."""
    import sys

    out = []
    for name in sorted({type(r).__module__ for r in rules}):
        if name == "newslint" or name.startswith("newslint."):
            continue  # covered by _code_stamp
        path = getattr(sys.modules.get(name), "__file__", None)
        if path:
            out.append(f"{name}:{content_hash(Path(path))}")
    return out


def run_key(session: Any, lang: str | None, cwd: Path) -> str:
    """Hash of everything besides the article that can change a file's result."""
    from newslint import __version__

    rules = [
        (r.code, r.name, r.severity.label, getattr(r, "plugin", ""), type(r).__qualname__)
        for r in session.linter.rules
    ]
    blob = json.dumps(
        {
            "cache": CACHE_VERSION,
            "version": __version__,
            "code": _code_stamp(),
            "plugins": _installed_plugins(),
            "rule_modules": _rule_module_stamp(session.linter.rules),
            "packs": session.registry.pack_versions(),
            "config": session.config.digest(),
            "config_path": str(getattr(session.config, "path", None)),
            "rules": rules,
            "lang": lang,
            # --message-lang (the config's ``messages:`` is in its digest): a report cached
            # in one language must never replay for another.
            "message_lang": session.linter.message_lang,
            "explain": session.linter.explain,  # notes are kept only when explaining
            # The cache keeps no article text: runs of a format that shows it (HTML) keep
            # entries of their own, whose hits all carry that format's fragment.
            "source": getattr(session.linter, "keep_source", False),
            "cwd": str(cwd.absolute()),
            # Keyed and plain digests never match: keep their entries apart, not thrashing.
            "keyed": cache_secret() is not None,
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def content_hash(path: Path) -> str | None:
    """BLAKE2b of a file's bytes (hex), or None if it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return hashlib.blake2b(fh.read(), digest_size=16).hexdigest()
    except OSError:
        return None


__all__ = [
    "CACHE_VERSION",
    "cache_secret",
    "content_hash",
    "run_key",
    "signed_digest",
]
