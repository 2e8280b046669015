"""Reuse the results of unchanged articles between runs, so re-checking an archive is near-instant.

Layout: one JSON file per *run key* under ``<cache-dir>/v1/``. The run key hashes everything
that can change a result besides the article itself: newslint's version and source files,
installed plugins and their versions, language-pack versions, the effective config, the
selected rules, a forced language and the working directory (paths in findings are relative
to it). Inside, each article is keyed by its displayed path and remembered with its size,
mtime, inode and a content hash.

Why one file and not one per article: 10,000 small files cost 10,000 opens on every run; one
JSON document loads in a few milliseconds per thousand entries (see docs/pipelines.md for the
figures measured). Why JSON and not pickle: a cache folder restored from CI storage must not
be able to run code.

Trusting stat alone is only safe for files that had not been modified within the last two
seconds when they were looked at (git's "racy" problem: an edit within the same timestamp
tick keeps size and mtime); those, and any file whose stat differs, are re-hashed, and a
matching hash is still a hit. Anything unreadable or malformed in the cache is ignored; the
folder is safe to delete at any time. Writes are atomic (temporary file + rename).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newslint.findings import Edit, FileResult, Finding, Fix, Severity

CACHE_VERSION = "v1"
DEFAULT_DIR_NAME = ".newslint_cache"
ENV_VAR = "NEWSLINT_CACHE_DIR"
#: A file modified this recently (ns) when it was looked at must be re-hashed next time.
RACY_NS = 2_000_000_000
#: Keep at most this many run-key files (other configs, older versions) in the folder.
MAX_RUN_FILES = 16

_GITIGNORE = "# Created by newslint; safe to delete.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by newslint.\n"
)


def default_cache_dir(config_root: Path) -> Path:
    """``$NEWSLINT_CACHE_DIR`` if set, else ``.newslint_cache`` in the config root."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else config_root / DEFAULT_DIR_NAME


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
                if name.endswith((".py", ".yaml", ".json")):
                    with (
                        contextlib.suppress(OSError),
                        open(os.path.join(dirpath, name), "rb") as fh,
                    ):
                        digest.update(name.encode() + b"\0" + fh.read() + b"\0")
    return digest.hexdigest()


def _plugin_versions() -> list[str]:
    from importlib.metadata import entry_points

    out = []
    for ep in entry_points(group="newslint"):
        dist = getattr(ep, "dist", None)
        out.append(f"{ep.name}={ep.value}@{getattr(dist, 'version', '?')}")
    return sorted(out)


def _rule_module_stamp(rules: Any) -> list[str]:
    """Hashes of the modules that define non-built-in rules (``-p`` plugins, entry points)."""
    import sys

    out = []
    for name in sorted({type(r).__module__ for r in rules}):
        if name == "newslint" or name.startswith("newslint."):
            continue  # covered by _code_stamp
        path = getattr(sys.modules.get(name), "__file__", None)
        if path:
            out.append(f"{name}:{_content_hash(Path(path))}")
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
            "plugins": _plugin_versions(),
            "rule_modules": _rule_module_stamp(session.linter.rules),
            "packs": session.registry.pack_versions(),
            "config": session.config.digest(),
            "config_path": str(getattr(session.config, "path", None)),
            "rules": rules,
            "lang": lang,
            "explain": session.linter.explain,  # notes are kept only when explaining
            "cwd": str(cwd.absolute()),
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def _content_hash(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.blake2b(fh.read(), digest_size=16).hexdigest()
    except OSError:
        return None


class ResultCache:
    """The cache for one run key: look files up before linting, store results after."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.key = key
        self.file = directory / CACHE_VERSION / f"{key}.json"
        self.entries: dict[str, list[Any]] = {}
        self.dirty = False
        self.hits = 0
        self.misses = 0
        self._pending: dict[str, tuple[int, int, int, str, int]] = {}
        self._load()

    def _load(self) -> None:
        try:
            with open(self.file, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            return  # no cache yet, or a corrupt one: start afresh
        if isinstance(data, dict) and data.get("key") == self.key:
            entries = data.get("entries")
            if isinstance(entries, dict):
                self.entries = entries

    # -- lookup ---------------------------------------------------------------------------
    def lookup(self, path: Path, display: str) -> FileResult | None:
        """A cached result if the file is unchanged; otherwise None (and remember its stat)."""
        now = time.time_ns()
        try:
            st = os.stat(path)
        except OSError:
            return None  # let the engine report the missing file
        entry = self.entries.get(display)
        stat_sig = (st.st_size, st.st_mtime_ns, st.st_ino)
        digest: str | None = None
        if _valid(entry):
            assert entry is not None
            size, mtime, ino, chash, checked, payload = entry
            if (size, mtime, ino) == stat_sig and checked - mtime > RACY_NS:
                result = _decode(display, payload)
                if result is not None:
                    self.hits += 1
                    return result
            digest = _content_hash(path)
            if digest is not None and digest == chash:
                result = _decode(display, payload)
                if result is not None:
                    self.hits += 1
                    entry[0:5] = [*stat_sig, chash, now]  # refresh the stat for next time
                    self.dirty = True
                    return result
        if digest is None:
            digest = _content_hash(path)
        if digest is not None:
            self._pending[display] = (*stat_sig, digest, now)
        self.misses += 1
        return None

    def store(self, result: FileResult) -> None:
        """Remember a fresh result; results with errors are never cached (they may be transient)."""
        sig = self._pending.pop(result.path, None)
        if sig is None or result.errors or not result.linted:
            return
        self.entries[result.path] = [*sig, _encode(result)]
        self.dirty = True

    # -- saving ---------------------------------------------------------------------------
    def save(self, keep_only: Iterable[str] | None = None) -> None:
        """Write atomically if anything changed; ``keep_only`` prunes entries of other files."""
        if keep_only is not None:
            keep = set(keep_only)
            for display in [d for d in self.entries if d not in keep and not os.path.exists(d)]:
                del self.entries[display]
                self.dirty = True
        if not self.dirty:
            return
        try:
            self._prepare_dir()
            data = {"key": self.key, "entries": self.entries}
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=self.file.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
                os.replace(tmp, self.file)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            self._prune_old_runs()
        except OSError:
            pass  # a read-only checkout still lints; it just does not cache
        self.dirty = False

    def _prepare_dir(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            marker = self.directory / name
            if not marker.exists():
                with contextlib.suppress(OSError):
                    marker.write_text(text, encoding="utf-8")

    def _prune_old_runs(self) -> None:
        runs = sorted(self.file.parent.glob("*.json"), key=_mtime, reverse=True)
        for old in runs[MAX_RUN_FILES:]:
            with contextlib.suppress(OSError):
                old.unlink()


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def _valid(entry: Any) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 6
        and all(isinstance(x, int) for x in (entry[0], entry[1], entry[2], entry[4]))
        and isinstance(entry[3], str)
        and isinstance(entry[5], dict)
    )


def _encode(result: FileResult) -> dict[str, Any]:
    return {
        "lang": result.lang,
        "notes": result.notes,
        "findings": [_encode_finding(f) for f in result.findings],
    }


def _encode_finding(f: Finding) -> list[Any]:
    fix = None
    if f.fix is not None:
        fix = [
            f.fix.title,
            f.fix.applicability,
            [[e.start, e.end, e.replacement] for e in f.fix.edits],
        ]
    return [
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        f.code,
        f.name,
        int(f.severity),
        f.message,
        f.excerpt,
        dict(f.evidence),
        fix,
        f.fingerprint,
        f.suppressed,
        f.suppression_reason,
        f.offset,
        f.end_offset,
    ]


def _decode(display: str, payload: dict[str, Any]) -> FileResult | None:
    """Rebuild a FileResult; a malformed payload is a miss, never an exception."""
    try:
        findings = []
        for row in payload["findings"]:
            (
                line,
                col,
                end_line,
                end_col,
                code,
                name,
                sev,
                message,
                excerpt,
                evidence,
                fix,
                fingerprint,
                suppressed,
                reason,
                offset,
                end_offset,
            ) = row
            fix_obj = None
            if fix is not None:
                title, applicability, edits = fix
                fix_obj = Fix(title, tuple(Edit(s, e, r) for s, e, r in edits), applicability)
            findings.append(
                Finding(
                    display,
                    line,
                    col,
                    end_line,
                    end_col,
                    code,
                    name,
                    Severity(sev),
                    message,
                    excerpt,
                    evidence,
                    fix_obj,
                    fingerprint,
                    suppressed,
                    reason,
                    offset,
                    end_offset,
                )
            )
        return FileResult(
            display,
            findings=findings,
            lang=payload.get("lang"),
            notes=list(payload.get("notes") or []),
        )
    except (KeyError, TypeError, ValueError):
        return None


def lint_with_cache(
    cache: ResultCache,
    files: Sequence[tuple[Path, str]],
    lint: Any,
) -> Iterator[FileResult]:
    """Yield results in ``files`` order: cached ones directly, the rest from ``lint(misses)``.

    ``lint`` takes the list of missed files and returns an iterator of results in the same
    order (the engine's possibly parallel ``lint_files``).
    """
    cached: dict[str, FileResult] = {}
    misses: list[tuple[Path, str]] = []
    for path, display in files:
        hit = cache.lookup(path, display)
        if hit is None:
            misses.append((path, display))
        else:
            cached[display] = hit
    fresh = iter(lint(misses)) if misses else iter(())
    for _path, display in files:
        result = cached.get(display)
        if result is None:
            result = next(fresh)
            cache.store(result)
        yield result
