"""Reuse the results of unchanged articles between runs, so re-checking an archive is near-instant.

Layout, under ``<cache-dir>/v3/``, per *run key* (:mod:`newslint.cache_key`: everything
besides the article that can change a result): an index ``<key>.json`` and a data file
``<key>-<nonce>.dat`` it names. The index keys each article by its displayed path and
remembers its size, mtime, inode, a content hash, where its pieces lie in the data file (the
findings as JSON, :mod:`newslint.cache_codec`, and, per output format, the text that format
wrote for it: a *fragment*) and a digest that signs them all.

Why a digest, and no stored counts: a cache folder is shared (CI restores one for every
pipeline), and a cache must never change a verdict. A hit is checked against its digest
(the run key, the displayed path, the article's content hash, the findings and every
fragment, as bytes) before anything of it is used, and the summary and exit code are counted
from its findings; an entry that does not match is a miss and is linted again. With
``NEWSLINT_CACHE_KEY`` set the digest is an HMAC, so an entry cannot be forged without the
secret (:func:`newslint.cache_key.signed_digest`).

Why fragments: a re-run over an unchanged archive must print the same report, and rebuilding
and re-formatting ~20 findings per article costs far more than reading the file back. When
every requested format has its fragment and nothing post-processes results (baseline,
changed lines), a hit is copied from the data file to the output and never becomes Python
objects; otherwise the findings are decoded and formatted as usual. Formats opt in with
:meth:`newslint.formatters.Formatter.fragment_key`.

Why an index and a data file: the index is small (one JSON document of numbers), so loading
it costs a few milliseconds per thousand articles; pieces are read with one ``pread`` each,
so memory stays flat however big the archive. Why JSON and plain text and not pickle: a cache
folder restored from CI storage must not be able to run code.

Trusting stat alone is only safe for files that had not been modified within the last two
seconds when they were looked at (git's "racy" problem: an edit within the same timestamp
tick keeps size and mtime); those, and any file whose stat differs, are re-hashed, and a
matching hash is still a hit. Anything unreadable or malformed in the cache is ignored (a data
file of the wrong size, a piece out of bounds or not UTF-8, a row of the wrong shape); the
folder is safe to delete at any time. Writes are atomic: a new data file under a fresh name,
then the index (temporary file + rename); the data file it replaced is removed afterwards.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import regex
from newslint.cache_codec import _decode, _encode, _Entry, _Piece, count_payload
from newslint.cache_key import CACHE_VERSION, cache_secret, signed_digest
from newslint.cache_key import content_hash as _content_hash
from newslint.findings import Counts, FileResult
from newslint.render import Rendered, Replayable

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


class CachedFile(Replayable):
    """A cache hit: its counts and fragments, with findings decoded only when asked for.

    ``path`` is the displayed path; ``file`` the path to read if it must be linted again.
    """

    __slots__ = ("_cache", "_entry", "file")

    def __init__(
        self, cache: ResultCache, entry: _Entry, file: Path, display: str, counts: Counts
    ) -> None:
        super().__init__(display, counts)
        self._cache = cache
        self._entry = entry
        self.file = file

    def has_fragment(self, key: str | None) -> bool:
        return key is not None and key in self._entry.fragments

    def fragment(self, key: str) -> str | None:
        """The text format ``key`` wrote for this file, or None if unreadable."""
        return self._cache.read_piece(self._entry.fragments[key])

    def result(self) -> FileResult | None:
        """The full result, or None if its cached findings cannot be read back."""
        text = self._cache.read_piece(self._entry.payload)
        if text is None:
            return None
        try:
            payload = json.loads(text)
        except ValueError:
            return None
        if not isinstance(payload, dict):
            return None
        return _decode(self.path, payload)

    def add_fragment(self, key: str, text: str) -> None:
        """Remember what format ``key`` wrote for this file, for the next run."""
        piece = self._cache.spool(text)
        if piece is not None:
            self._entry.fragments[key] = piece


class ResultCache:
    """The cache for one run key: look files up before linting, store results after."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.key = key
        self.file = directory / CACHE_VERSION / f"{key}.json"
        #: Rows are validated when looked up (``_entry``), not all at load time.
        self.entries: dict[str, _Entry | Any] = {}
        self.dirty = False
        self.hits = 0
        self.misses = 0
        self._pending: dict[str, tuple[tuple[int, int, int], str, int]] = {}
        self._data: Path | None = None
        self._data_size = 0
        self._fd: int | None = None
        self._spool: Any = None  # binary file of this run's new pieces (``spool``)
        self._spool_path: str | None = None
        self._spool_size = 0
        self._secret = cache_secret()
        self._load()

    def _load(self) -> None:
        try:
            with open(self.file, encoding="utf-8") as fh:
                index = json.load(fh)
        except (OSError, ValueError):
            return  # no cache yet, or a corrupt one: start afresh
        if not (isinstance(index, dict) and index.get("key") == self.key):
            return
        name, rows = index.get("data"), index.get("entries")
        if not (isinstance(name, str) and _DATA_NAME.fullmatch(name) and isinstance(rows, dict)):
            return
        data = self.file.parent / name
        try:
            fd = os.open(data, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError:
            return
        size = os.fstat(fd).st_size
        if size != index.get("data_size"):
            os.close(fd)
            self._data = data  # truncated or replaced: trust no offset; replaced on save
            return
        self._fd, self._data, self._data_size = fd, data, size
        self.entries = rows

    def _entry(self, display: str) -> _Entry | None:
        """The valid entry for ``display`` (a malformed row is dropped: a miss)."""
        entry = self.entries.get(display)
        if entry is None or isinstance(entry, _Entry):
            return entry
        entry = _Entry.from_json(entry, self._data_size)
        if entry is None:
            del self.entries[display]
        else:
            self.entries[display] = entry
        return entry

    def close(self) -> None:
        """Release the data file; an unsaved spool is deleted."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        if self._spool is not None:
            with contextlib.suppress(OSError):
                self._spool.close()
            self._spool = None
        if self._spool_path is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._spool_path)
            self._spool_path = None

    def spool(self, text: str) -> _Piece | None:
        """Write a new piece to this run's spool; None if the cache folder is not writable."""
        if self._spool is None:
            try:
                self._prepare_dir()
                fd, self._spool_path = tempfile.mkstemp(
                    prefix=".tmp-", suffix=".dat", dir=self.file.parent
                )
                self._spool = os.fdopen(fd, "w+b")
            except OSError:
                return None
        raw = text.encode("utf-8")
        try:
            self._spool.write(raw)
        except OSError:
            return None
        piece = (1, self._spool_size, len(raw))
        self._spool_size += len(raw)
        self.dirty = True
        return piece

    def __del__(self) -> None:
        self.close()

    def read_piece(self, piece: _Piece) -> str | None:
        """The text of a piece, or None when the data file cannot give it back intact."""
        raw = self._read_raw(piece)
        if raw is None:
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def _read_raw(self, piece: _Piece) -> bytes | None:
        source, offset, length = piece
        if not length:
            return b""
        try:
            if source == 0:
                if self._fd is None:
                    return None
                raw = os.pread(self._fd, length, offset)
            else:
                self._spool.flush()
                raw = os.pread(self._spool.fileno(), length, offset)
        except (OSError, AttributeError, ValueError):
            return None
        return raw if len(raw) == length else None

    # -- lookup ---------------------------------------------------------------------------
    def lookup(self, path: Path, display: str) -> CachedFile | None:
        """A cached result if the file is unchanged; otherwise None (and remember its stat)."""
        now = time.time_ns()
        try:
            st = os.stat(path)
        except OSError:
            return None  # let the engine report the missing file
        entry = self._entry(display)
        stat_sig = (st.st_size, st.st_mtime_ns, st.st_ino)
        digest: str | None = None
        if entry is not None:
            if (
                entry.size,
                entry.mtime,
                entry.ino,
            ) == stat_sig and entry.checked - entry.mtime > RACY_NS:
                hit = self._hit(entry, path, display)
                if hit is not None:
                    return hit
            else:
                digest = _content_hash(path)
                if digest is not None and digest == entry.chash:
                    hit = self._hit(entry, path, display)
                    if hit is not None:
                        entry.size, entry.mtime, entry.ino = stat_sig  # refresh for next time
                        entry.checked = now
                        self.dirty = True
                        return hit
        if digest is None:
            digest = _content_hash(path)
        if digest is not None:
            self._pending[display] = (stat_sig, digest, now)
        self.misses += 1
        return None

    def _hit(self, entry: _Entry, path: Path, display: str) -> CachedFile | None:
        """A hit for a stored entry that matches its digest; else None, and the entry is gone.

        Its counts come from its findings, never from the index.
        """
        counts = self._verified_counts(entry, display)
        if counts is None:
            del self.entries[display]  # lint it again; the fresh result replaces it
            self.dirty = True
            return None
        self.hits += 1
        entry.verified = True
        return CachedFile(self, entry, path, display, counts)

    def _verified_counts(self, entry: _Entry, display: str) -> Counts | None:
        """The counts of the entry's findings if every piece matches its digest, else None."""
        payload = self._read_raw(entry.payload)
        if payload is None:
            return None
        fragments: dict[str, bytes] = {}
        for key, piece in entry.fragments.items():
            raw = self._read_raw(piece)
            if raw is None:
                return None
            fragments[key] = raw
        digest = self.digest(display, entry.chash, entry.lang, payload, fragments)
        if not hmac.compare_digest(digest, entry.digest):
            return None
        try:
            return count_payload(json.loads(payload))
        except ValueError:  # not JSON, or not UTF-8
            return None

    def digest(
        self,
        display: str,
        chash: str,
        lang: str | None,
        payload: bytes,
        fragments: dict[str, bytes],
    ) -> str:
        """What signs an entry: this run key, the article and every piece stored for it."""
        parts = [self.key.encode(), display.encode(), chash.encode(), (lang or "").encode()]
        parts.append(payload)
        for key in sorted(fragments):
            parts += [key.encode(), fragments[key]]
        return signed_digest(self._secret, *parts)

    def store(self, result: FileResult | Rendered) -> None:
        """Remember a fresh result; results with errors are never cached (they may be transient).

        A :class:`~newslint.render.Rendered` result brings its findings as JSON and its
        report text, made in the worker: both are stored as they are.
        """
        sig = self._pending.pop(result.path, None)
        if sig is None:
            return
        stat_sig, digest, checked = sig
        fragments: dict[str, _Piece] = {}
        if isinstance(result, Rendered):
            if result.payload is None:
                return
            payload = self.spool(result.payload)
            for key, text in result.fragments.items():
                piece = self.spool(text)
                if piece is not None:
                    fragments[key] = piece
        else:
            if result.errors or not result.linted:
                return
            payload = self.spool(
                json.dumps(_encode(result), ensure_ascii=False, separators=(",", ":"))
            )
        if payload is None:
            return
        # Signed when saved (``_write``): fragments may still be added during this run.
        entry = _Entry(stat_sig, digest, checked, result.lang, payload, fragments)
        entry.verified = True
        self.entries[result.path] = entry
        self.dirty = True

    def cached(self, display: str) -> CachedFile | None:
        """The entry just stored for ``display`` (to add fragments to), if it was cached."""
        entry = self._entry(display)
        return (
            None if entry is None else CachedFile(self, entry, Path(display), display, (0, 0, 0, 0))
        )

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
            self._write()
            self._prune_old_runs()
        except OSError:
            pass  # a read-only checkout still lints; it just does not cache
        self.dirty = False

    def _write(self) -> None:
        """Copy the pieces still needed from the old data file after the spool's; publish."""
        folder = self.file.parent
        if self.spool("") is None:  # make sure a spool exists (it becomes the data file)
            raise OSError("cannot write the cache")
        out = self._spool
        rows: dict[str, list[Any]] = {}

        def place(piece: _Piece, raw: bytes) -> list[int]:
            if piece[0] == 1:
                return [piece[1], piece[2]]
            out.seek(0, os.SEEK_END)
            out.write(raw)
            start = self._spool_size
            self._spool_size += len(raw)
            return [start, len(raw)]

        for display in list(self.entries):
            entry = self._entry(display)
            if entry is None:
                continue
            payload = self._read_raw(entry.payload)
            if payload is None:
                continue  # lost from the old data file: drop the entry
            texts = {}
            for key, piece in entry.fragments.items():
                raw = self._read_raw(piece)
                if raw is not None:
                    texts[key] = raw
            row = entry.to_json()
            row[6] = place(entry.payload, payload)
            row[7] = {key: place(entry.fragments[key], raw) for key, raw in texts.items()}
            if entry.verified:  # a fresh result or a checked hit: sign what is stored now
                row[8] = self.digest(display, entry.chash, entry.lang, payload, texts)
            # Rows of files not looked at in this run keep the digest they came with: this
            # run never vouches for what it did not check.
            rows[display] = row
        out.flush()
        name = f"{self.key}-{os.urandom(6).hex()}.dat"
        assert self._spool_path is not None
        os.replace(self._spool_path, folder / name)
        self._spool_path = None  # published: no longer ours to delete
        index = {"key": self.key, "data": name, "data_size": self._spool_size, "entries": rows}
        ifd, tmp_index = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=folder)
        try:
            with os.fdopen(ifd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(index, ensure_ascii=False, separators=(",", ":")))  # C encoder
            os.replace(tmp_index, self.file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_index)
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
            raise
        old = self._data
        data_size = self._spool_size
        self.close()
        if old is not None and old.name != name:
            with contextlib.suppress(OSError):
                old.unlink()  # readers that opened it keep their handle (POSIX)
        self._data = folder / name
        self._fd = os.open(self._data, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self._data_size = data_size
        self._spool_size = 0
        self.entries = dict(rows)

    def _prepare_dir(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            marker = self.directory / name
            if not marker.exists():
                with contextlib.suppress(OSError):
                    marker.write_text(text, encoding="utf-8")

    def _prune_old_runs(self) -> None:
        """Keep the newest run keys; drop data files no index names (left by crashes)."""
        folder = self.file.parent
        runs = sorted(folder.glob("*.json"), key=_mtime, reverse=True)
        for old in runs[MAX_RUN_FILES:]:
            with contextlib.suppress(OSError):
                old.unlink()
        named = set()
        for index in runs[:MAX_RUN_FILES]:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                named.add(json.loads(index.read_text(encoding="utf-8")).get("data"))
        cutoff = time.time() - 3600  # another run may be writing one right now
        for data in folder.glob("*.dat"):
            if data.name not in named and _mtime(data) < cutoff:
                with contextlib.suppress(OSError):
                    data.unlink()


_DATA_NAME = regex.compile(r"[A-Za-z0-9_]{1,100}-[0-9a-f]{12}\.dat")


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def lint_with_cache(
    cache: ResultCache,
    files: Sequence[tuple[Path, str]],
    lint: Any,
) -> Iterator[FileResult | Replayable]:
    """Yield results in ``files`` order: hits as :class:`CachedFile`, others from ``lint(misses)``.

    ``lint`` takes the list of missed files and returns an iterator of results in the same
    order (the engine's possibly parallel ``lint_files``). Fresh results are stored as they
    pass; :meth:`CachedFile.result` turns a hit back into a :class:`FileResult`.
    """
    cached: dict[str, CachedFile] = {}
    misses: list[tuple[Path, str]] = []
    for path, display in files:
        hit = cache.lookup(path, display)
        if hit is None:
            misses.append((path, display))
        else:
            cached[display] = hit
    fresh = iter(lint(misses)) if misses else iter(())
    for _path, display in files:
        item: Any = cached.get(display)
        if item is None:
            item = next(fresh)
            cache.store(item)
        yield item
