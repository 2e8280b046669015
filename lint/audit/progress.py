"""The audit's progress on standard error: a bar on a terminal, plain lines in CI logs."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Progress:
    """Articles done, rate and time left. ``total`` is exact when known (a sample, a
    resumed count) or estimated from how far the driver has read its sources.

    ``mode``: ``bar`` redraws one line (a terminal), ``lines`` prints a line every
    ``interval`` seconds (a CI log), ``none`` prints nothing.
    """

    def __init__(self, mode: str, stream: TextIO | None = None, interval: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "lines"
        self.mode = mode
        self.interval = interval if mode == "lines" else 0.2
        self.start = time.monotonic()
        self.last = self.start
        self.done = 0
        self.skipped = 0  # articles of partitions completed by an earlier run (--resume)

    def update(self, done: int, total: int | None, final: bool = False) -> None:
        self.done = done
        now = time.monotonic()
        if self.mode == "none" or (not final and now - self.last < self.interval):
            return
        self.last = now
        elapsed = max(now - self.start, 1e-6)
        rate = (done - self.skipped) / elapsed
        if total is not None and total >= done:
            pct = f"{100 * done / total:5.1f}%" if total else "100.0%"
            left = (total - done) / rate if rate > 0 else 0
            eta = "done" if final else f"{_duration(left)} left"
            of = f"/{total:,}"
        else:
            pct, eta, of = "", "", ""
        text = f"{done:,}{of} articles  {rate:,.0f}/s  {eta}".rstrip()
        if self.mode == "bar":
            width = 30
            filled = int(width * done / total) if total else (width if final else 0)
            bar = "#" * min(width, filled) + "-" * (width - min(width, filled))
            self.stream.write(f"\r[{bar}] {pct} {text}\x1b[K" + ("\n" if final else ""))
        else:
            self.stream.write(f"newslint audit: {pct + ' ' if pct else ''}{text}\n")
        self.stream.flush()
