"""Where the result cache keeps its texts: one data file per run key, read by offset.

The index (:mod:`newslint.cache`) stays small because it holds only numbers; every text it
refers to (a result's findings as JSON, each format's report text) is a *piece* of a data
file, read with one ``pread``, so memory stays flat however big the archive. Texts made in
this run go to a *spool* (a temporary file beside the data file); saving copies the pieces
still needed from the old data file after them, and the spool becomes the new data file under
a fresh name, so a reader that opened the old one keeps reading consistent bytes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from newslint.cache_codec import Piece

#: Source of a piece: the data file the index named when loaded, or this run's spool.
DATA, SPOOL = 0, 1


class PieceStore:
    """The data file of one run key and this run's spool, in folder ``folder``."""

    def __init__(self, folder: Path, prepare: Callable[[], None]) -> None:
        self.folder = folder
        self._prepare = prepare  # creates the folder (and its markers) before a first write
        self.data: Path | None = None
        self.size = 0
        self._fd: int | None = None
        self._spool: BinaryIO | None = None
        self._spool_path: str | None = None
        self._spool_size = 0

    def open(self, data: Path, expected_size: Any) -> bool:
        """Read pieces from ``data``; False (and nothing to read) if it is missing or its size
        is not the one the index recorded (truncated or replaced: trust no offset)."""
        try:
            fd = os.open(data, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError:
            return False
        self.data = data  # replaced on save, even when unusable
        size = os.fstat(fd).st_size
        if size != expected_size:
            os.close(fd)
            return False
        self._fd, self.size = fd, size
        return True

    def spool(self, text: str | bytes) -> Piece | None:
        """Write a new piece to this run's spool; None if the cache folder is not writable."""
        if self._spool is None:
            try:
                self._prepare()
                fd, self._spool_path = tempfile.mkstemp(
                    prefix=".tmp-", suffix=".dat", dir=self.folder
                )
                self._spool = os.fdopen(fd, "w+b")
            except OSError:
                return None
        raw = text.encode("utf-8") if isinstance(text, str) else text
        try:
            self._spool.seek(0, os.SEEK_END)
            self._spool.write(raw)
        except OSError:
            return None
        piece = (SPOOL, self._spool_size, len(raw))
        self._spool_size += len(raw)
        return piece

    def read(self, piece: Piece) -> bytes | None:
        """The bytes of a piece, or None when the file cannot give them back whole."""
        source, offset, length = piece
        if not length:
            return b""
        try:
            if source == DATA:
                if self._fd is None:
                    return None
                raw = os.pread(self._fd, length, offset)
            else:
                if self._spool is None:
                    return None
                self._spool.flush()
                raw = os.pread(self._spool.fileno(), length, offset)
        except (OSError, ValueError):
            return None
        return raw if len(raw) == length else None

    def keep(self, piece: Piece, raw: bytes) -> list[int]:
        """``[offset, length]`` of a piece in the next data file (the spool): a piece of the
        old data file is copied over first."""
        if piece[0] == SPOOL:
            return [piece[1], piece[2]]
        kept = self.spool(raw)
        if kept is None:
            raise OSError("cannot write the cache")
        return [kept[1], kept[2]]

    def publish(self, name: str) -> Path:
        """Flush the spool and rename it to ``name`` in the folder (not yet read from)."""
        if self.spool(b"") is None or self._spool is None:  # a spool, even an empty one
            raise OSError("cannot write the cache")
        self._spool.flush()
        assert self._spool_path is not None
        target = self.folder / name
        os.replace(self._spool_path, target)
        self._spool_path = None  # published: no longer ours to delete
        return target

    def reopen(self, data: Path) -> None:
        """After the index naming ``data`` is saved: read from it, drop the old data file."""
        old, size = self.data, self._spool_size
        self.close()
        if old is not None and old != data:
            with contextlib.suppress(OSError):
                old.unlink()  # readers that opened it keep their handle (POSIX)
        self.data = data
        self._fd = os.open(data, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self.size = size
        self._spool_size = 0

    def close(self) -> None:
        """Release the data file; an unpublished spool is deleted."""
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

    @property
    def spooled(self) -> int:
        """Bytes written to the spool so far (the size of the next data file)."""
        return self._spool_size
