"""Reuse the results of unchanged articles between runs, so re-checking an archive is near-instant.

Layout, under ``<cache-dir>/v2/``, per *run key* (:mod:`newslint.cache_key`: everything
besides the article that can change a result): an index ``<key>.json`` and a data file
``<key>-<nonce>.dat`` it names. The index keys each article by its displayed path and
remembers its size, mtime, inode, a content hash, its finding counts and where its pieces lie
in the data file: the findings as JSON (:mod:`newslint.cache_codec`) and, per output format,
the text that format wrote for it (a *fragment*).

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
import json
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import regex
from newslint.cache_codec import _decode, _encode
from newslint.cache_key import CACHE_VERSION
from newslint.cache_key import content_hash as _content_hash
from newslint.findings import FileResult, count_findings
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


#: Where a piece of text lies: ``(source, offset, length)``; source 0 is the data file the
#: index named when loaded, source 1 the spool this run writes new pieces to (so new
#: results never pile up in memory; the spool becomes the next data file).
_Piece = tuple[int, int, int]


class _Entry:
    """What the index remembers of one article (see the module docstring)."""

    __slots__ = (
        "chash",
        "checked",
        "counts",
        "fragments",
        "ino",
        "lang",
        "mtime",
        "payload",
        "size",
    )

    def __init__(
        self,
        stat_sig: tuple[int, int, int],
        chash: str,
        checked: int,
        lang: str | None,
        counts: tuple[int, int, int, int],
        payload: _Piece,
        fragments: dict[str, _Piece],
    ) -> None:
        self.size, self.mtime, self.ino = stat_sig
        self.chash = chash
        self.checked = checked
        self.lang = lang
        self.counts = counts
        self.payload = payload
        self.fragments = fragments

    def to_json(self) -> list[Any]:
        return [
            self.size,
            self.mtime,
            self.ino,
            self.chash,
            self.checked,
            self.lang,
            list(self.counts),
            self.payload,
            self.fragments,
        ]

    @classmethod
    def from_json(cls, row: Any, data_size: int) -> _Entry | None:
        """An entry from an index row, or None if the row is malformed or out of bounds."""
        if not (isinstance(row, list) and len(row) == 9):
            return None
        size, mtime, ino, chash, checked, lang, counts, payload, fragments = row
        # Spelled out without generators: 10,000 rows are checked on every re-run.
        if not (
            type(size) is int
            and type(mtime) is int
            and type(ino) is int
            and type(checked) is int
            and type(chash) is str
            and (lang is None or type(lang) is str)
            and type(counts) is list
            and len(counts) == 4
            and type(counts[0]) is int
            and type(counts[1]) is int
            and type(counts[2]) is int
            and type(counts[3]) is int
            and min(counts) >= 0
            and _in_bounds(payload, data_size)
            and type(fragments) is dict
        ):
            return None
        for piece in fragments.values():
            if not _in_bounds(piece, data_size):
                return None
        return cls(
            (size, mtime, ino),
            chash,
            checked,
            lang,
            (counts[0], counts[1], counts[2], counts[3]),
            (0, payload[0], payload[1]),
            {k: (0, v[0], v[1]) for k, v in fragments.items()},
        )


def _in_bounds(piece: Any, data_size: int) -> bool:
    if type(piece) is not list or len(piece) != 2:
        return False
    start, length = piece
    return (
        type(start) is int
        and type(length) is int
        and start >= 0
        and length >= 0
        and start + length <= data_size
    )


class CachedFile(Replayable):
    """A cache hit: its counts and fragments, with findings decoded only when asked for.

    ``path`` is the displayed path; ``file`` the path to read if it must be linted again.
    """

    __slots__ = ("_cache", "_entry", "file")

    def __init__(self, cache: ResultCache, entry: _Entry, file: Path, display: str) -> None:
        super().__init__(display, entry.counts)
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
                self.hits += 1
                return CachedFile(self, entry, path, display)
            digest = _content_hash(path)
            if digest is not None and digest == entry.chash:
                self.hits += 1
                entry.size, entry.mtime, entry.ino = stat_sig  # refresh the stat for next time
                entry.checked = now
                self.dirty = True
                return CachedFile(self, entry, path, display)
        if digest is None:
            digest = _content_hash(path)
        if digest is not None:
            self._pending[display] = (stat_sig, digest, now)
        self.misses += 1
        return None

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
            counts = result.counts
        else:
            if result.errors or not result.linted:
                return
            payload = self.spool(
                json.dumps(_encode(result), ensure_ascii=False, separators=(",", ":"))
            )
            counts = count_findings(result.findings)
        if payload is None:
            return
        self.entries[result.path] = _Entry(
            stat_sig, digest, checked, result.lang, counts, payload, fragments
        )
        self.dirty = True

    def cached(self, display: str) -> CachedFile | None:
        """The entry just stored for ``display`` (to add fragments to), if it was cached."""
        entry = self._entry(display)
        return None if entry is None else CachedFile(self, entry, Path(display), display)

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

        def place(piece: _Piece) -> list[int] | None:
            if piece[0] == 1:
                return [piece[1], piece[2]]
            raw = self._read_raw(piece)
            if raw is None:
                return None
            out.seek(0, os.SEEK_END)
            out.write(raw)
            start = self._spool_size
            self._spool_size += len(raw)
            return [start, len(raw)]

        for display in list(self.entries):
            entry = self._entry(display)
            if entry is None:
                continue
            payload = place(entry.payload)
            if payload is None:
                continue  # lost from the old data file: drop the entry
            fragments = {}
            for key, piece in entry.fragments.items():
                placed = place(piece)
                if placed is not None:
                    fragments[key] = placed
            row = entry.to_json()
            row[7] = payload
            row[8] = fragments
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
