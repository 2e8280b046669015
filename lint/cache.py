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
and re-formatting ~20 findings per article costs far more than reading the file back. A hit
is checked and replayed when the run reaches it: a format whose text is stored gets that
text (:meth:`newslint.formatters.Formatter.fragment_key` names it), a format without one
gets the decoded findings rendered (and its text is stored for next time), and a run that
post-processes results (baseline, changed lines) gets the decoded findings. A hit that turns
out damaged then is linted like any miss.

Why an index and a data file: the index is small (one JSON document of numbers), so loading
it costs a few milliseconds per thousand articles; the texts are pieces of a data file
(:mod:`newslint.cache_store`). Why JSON and plain text and not pickle: a cache folder
restored from CI storage must not be able to run code.

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newslint.cache_codec import Entry, Piece, count_payload, decode_result, encode_result
from newslint.cache_key import CACHE_VERSION, cache_secret, content_hash, signed_digest
from newslint.cache_store import PieceStore
from newslint.findings import FileResult
from newslint.formatters import FileTally
from newslint.lazy import lazy_regex
from newslint.render import Rendered

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
_DATA_NAME = lazy_regex(r"[A-Za-z0-9_]{1,100}-[0-9a-f]{12}\.dat")


def default_cache_dir(config_root: Path) -> Path:
    """``$NEWSLINT_CACHE_DIR`` if set, else ``.newslint_cache`` in the config root."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else config_root / DEFAULT_DIR_NAME


class ResultCache:
    """The cache for one run key: look files up before linting, store results after."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.key = key
        self.file = directory / CACHE_VERSION / f"{key}.json"
        #: Rows are validated when looked up (``_entry``), not all at load time.
        self.entries: dict[str, Entry | Any] = {}
        self.dirty = False
        self.hits = 0
        self.misses = 0
        self._pending: dict[str, tuple[tuple[int, int, int], str, int]] = {}
        self.pieces = PieceStore(self.file.parent, self._prepare_dir)
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
        if self.pieces.open(self.file.parent / name, index.get("data_size")):
            self.entries = rows

    def _entry(self, display: str) -> Entry | None:
        """The valid entry for ``display`` (a malformed row is dropped: a miss)."""
        entry = self.entries.get(display)
        if entry is None or isinstance(entry, Entry):
            return entry
        entry = Entry.from_json(entry, self.pieces.size)
        if entry is None:
            del self.entries[display]
        else:
            self.entries[display] = entry
        return entry

    def close(self) -> None:
        """Release the data file; an unsaved spool is deleted."""
        self.pieces.close()

    def __del__(self) -> None:
        self.close()

    def _text(self, piece: Piece) -> str | None:
        raw = self.pieces.read(piece)
        if raw is None:
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return None

    # -- lookup ---------------------------------------------------------------------------
    def lookup(self, path: Path, display: str) -> Entry | None:
        """The entry of an unchanged file (checked when replayed), else None (a miss)."""
        now = time.time_ns()
        try:
            st = os.stat(path)
        except OSError:
            return None  # let the engine report the missing file
        entry = self._entry(display)
        stat_sig = (st.st_size, st.st_mtime_ns, st.st_ino)
        digest: str | None = None
        if entry is not None:
            if (entry.size, entry.mtime, entry.ino) == stat_sig and (
                entry.checked - entry.mtime > RACY_NS
            ):
                return entry
            digest = content_hash(path)
            if digest is not None and digest == entry.chash:
                entry.size, entry.mtime, entry.ino = stat_sig  # refresh for next time
                entry.checked = now
                self.dirty = True
                return entry
        self._miss(path, display, digest, stat_sig, now)
        return None

    def _miss(
        self,
        path: Path,
        display: str,
        digest: str | None,
        stat_sig: tuple[int, int, int],
        now: int,
    ) -> None:
        if digest is None:
            digest = content_hash(path)
        if digest is not None:
            self._pending[display] = (stat_sig, digest, now)
        self.misses += 1

    def replay(
        self,
        entry: Entry,
        path: Path,
        display: str,
        keys: Sequence[str] | None,
        render: Callable[[FileResult], Rendered | None],
    ) -> Rendered | FileResult | None:
        """What a run needs of a hit: the texts of formats ``keys`` (rendering those not
        stored; ``render`` returns None when it cannot from the findings alone), or with
        ``keys`` None the decoded result. None when the entry does not match its digest, cannot
        be read back or cannot be rendered: it is dropped, and the file must be linted."""
        item = self._replay(entry, display, keys, render)
        if item is not None:
            self.hits += 1
            entry.verified = True
            return item
        del self.entries[display]  # lint it again; the fresh result replaces it
        self.dirty = True
        try:
            st = os.stat(path)
        except OSError:
            return None
        self._miss(path, display, None, (st.st_size, st.st_mtime_ns, st.st_ino), time.time_ns())
        return None

    def _replay(
        self,
        entry: Entry,
        display: str,
        keys: Sequence[str] | None,
        render: Callable[[FileResult], Rendered | None],
    ) -> Rendered | FileResult | None:
        payload = self.pieces.read(entry.payload)
        if payload is None:
            return None
        fragments: dict[str, bytes] = {}
        for key, piece in entry.fragments.items():
            raw = self.pieces.read(piece)
            if raw is None:
                return None
            fragments[key] = raw
        digest = self.digest(display, entry.chash, entry.lang, payload, fragments)
        if not hmac.compare_digest(digest, entry.digest):
            return None
        try:
            data = json.loads(payload)
            texts = {k: fragments[k].decode("utf-8") for k in keys or () if k in fragments}
        except ValueError:  # not JSON, or not UTF-8
            return None
        counts = count_payload(data)
        if counts is None:
            return None
        if keys is not None and len(texts) == len(keys):
            return Rendered(FileTally(display, counts), texts, entry.lang)
        result = decode_result(display, data) if isinstance(data, dict) else None
        if result is None or keys is None:
            return result
        rendered = render(result)
        if rendered is None:  # a format shows the article, which the cache does not keep
            return None
        for key in keys:
            if key not in entry.fragments:
                piece = self.pieces.spool(rendered.fragments[key])
                if piece is not None:
                    entry.fragments[key] = piece  # for the next run (signed when saved)
                    self.dirty = True
        return rendered

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
        report texts, made in the worker: both are stored as they are.
        """
        sig = self._pending.pop(result.path, None)
        if sig is None:
            return
        stat_sig, digest, checked = sig
        fragments: dict[str, Piece] = {}
        if isinstance(result, Rendered):
            if result.payload is None:
                return
            payload = self.pieces.spool(result.payload)
            for key, text in result.fragments.items():
                piece = self.pieces.spool(text)
                if piece is not None:
                    fragments[key] = piece
        else:
            if result.errors or not result.linted:
                return
            payload = self.pieces.spool(encode_result(result))
        if payload is None:
            return
        # Signed when saved (``_write``): fragments may still be added during this run.
        entry = Entry(stat_sig, digest, checked, result.lang, payload, fragments)
        entry.verified = True
        self.entries[result.path] = entry
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
            self._write()
            self._prune_old_runs()
        except OSError:
            pass  # a read-only checkout still lints; it just does not cache
        self.dirty = False

    def _write(self) -> None:
        """Move the pieces still needed into the next data file; publish it, then the index."""
        folder = self.file.parent
        rows: dict[str, list[Any]] = {}
        for display in list(self.entries):
            entry = self._entry(display)
            if entry is None:
                continue
            payload = self.pieces.read(entry.payload)
            if payload is None:
                continue  # lost from the old data file: drop the entry
            texts = {}
            for key, piece in entry.fragments.items():
                raw = self.pieces.read(piece)
                if raw is not None:
                    texts[key] = raw
            row = entry.to_json()
            row[6] = self.pieces.keep(entry.payload, payload)
            row[7] = {
                key: self.pieces.keep(entry.fragments[key], raw) for key, raw in texts.items()
            }
            if entry.verified:  # a fresh result or a checked hit: sign what is stored now
                row[8] = self.digest(display, entry.chash, entry.lang, payload, texts)
            # Rows of files not looked at in this run keep the digest they came with: this
            # run never vouches for what it did not check.
            rows[display] = row
        name = f"{self.key}-{os.urandom(6).hex()}.dat"
        size = self.pieces.spooled
        data = self.pieces.publish(name)
        index = {"key": self.key, "data": name, "data_size": size, "entries": rows}
        ifd, tmp_index = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=folder)
        try:
            with os.fdopen(ifd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(index, ensure_ascii=False, separators=(",", ":")))  # C encoder
            os.replace(tmp_index, self.file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_index)
            with contextlib.suppress(OSError):
                os.unlink(data)
            raise
        self.pieces.reopen(data)
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


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def lint_with_cache(
    cache: ResultCache,
    files: Sequence[tuple[Path, str]],
    lint: Callable[[list[tuple[Path, str]]], Iterable[Any]],
    keys: Sequence[str] | None = None,
    render: Callable[[FileResult], Rendered | None] | None = None,
) -> Iterator[Any]:
    """Yield results in ``files`` order: hits from the cache, others from ``lint(misses)``.

    ``lint`` takes a list of files and returns their results in the same order (the
    engine's possibly parallel ``lint_files``), fresh results are stored as they pass. A hit
    gives what the run needs (:meth:`ResultCache.replay`): the texts of formats ``keys``,
    made with ``render`` when not stored, or with ``keys`` None the decoded
    :class:`FileResult`; a hit that turns out damaged is linted then, as a miss.
    """
    hits: dict[str, Entry] = {}
    misses: list[tuple[Path, str]] = []
    for path, display in files:
        entry = cache.lookup(path, display)
        if entry is None:
            misses.append((path, display))
        else:
            hits[display] = entry
    fresh = iter(lint(misses)) if misses else iter(())
    for path, display in files:
        entry = hits.get(display)
        if entry is not None:
            replayed = cache.replay(entry, path, display, keys, render or _no_render)
            if replayed is not None:
                yield replayed
                continue
            item = next(iter(lint([(path, display)])))
        else:
            item = next(fresh)
        cache.store(item)
        yield item


def _no_render(result: FileResult) -> Rendered:
    raise ValueError("lint_with_cache: formats without a renderer")
