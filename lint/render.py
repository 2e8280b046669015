"""Per-file report text made where the file was linted, so the parent process only copies it.

With a process pool, the parent used to unpickle every result (~20 findings with evidence per
article) and format it alone: about 0.6 ms per article on one core, which caps throughput
however fast the workers lint. When every requested format can render a file on its own
(:meth:`newslint.formatters.Formatter.fragment_key`) and nothing post-processes results, the
CLI hands a :class:`Renderer` to the workers: each returns a small :class:`Rendered` (the
counts, the text of each format and, when caching, the findings as JSON) instead of the
findings. Cache hits (:class:`newslint.cache.CachedFile`) are replayed the same way.
"""

from __future__ import annotations

import io
import json
from typing import Any

from newslint.findings import FileResult, Severity, count_findings, counts_fail


class Replayable:
    """A linted file whose report text is ready: what the parent needs to count and copy it.

    ``counts`` are the findings not suppressed at info, warning and error, then the
    suppressed ones.
    """

    __slots__ = ("counts", "path")

    def __init__(self, path: str, counts: tuple[int, int, int, int]) -> None:
        self.path = path
        self.counts = counts

    @property
    def finding_count(self) -> int:
        return sum(self.counts)

    def fails(self, fail_on: Severity | None) -> bool:
        """True when a finding that is not suppressed is at ``fail_on`` or above."""
        return counts_fail(self.counts, fail_on)

    def has_fragment(self, key: str | None) -> bool:
        raise NotImplementedError

    def fragment(self, key: str) -> str | None:
        raise NotImplementedError


class Rendered(Replayable):
    """A fresh result as report text: one fragment per format key, plus the findings as JSON
    (``payload``) when the result cache will store them."""

    __slots__ = ("fragments", "lang", "payload")

    def __init__(
        self,
        path: str,
        counts: tuple[int, int, int, int],
        fragments: dict[str, str],
        lang: str | None,
        payload: str | None,
    ) -> None:
        super().__init__(path, counts)
        self.fragments = fragments
        self.lang = lang
        self.payload = payload

    def __reduce__(self) -> tuple[Any, ...]:
        return (Rendered, (self.path, self.counts, self.fragments, self.lang, self.payload))

    def has_fragment(self, key: str | None) -> bool:
        return key is not None and key in self.fragments

    def fragment(self, key: str) -> str | None:
        return self.fragments.get(key)


class Renderer:
    """Runs in the worker after linting a file: ``FileResult`` → :class:`Rendered`.

    ``formats`` are ``(format name, fragment key, RunInfo)``; formatters are built once per
    process from the registry. Results with errors stay whole (the parent reports them).
    """

    def __init__(self, formats: list[tuple[str, str, Any]], payload: bool) -> None:
        self.formats = formats
        self.payload = payload
        self._built: list[tuple[str, Any]] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"formats": self.formats, "payload": self.payload, "_built": None}

    def _formatters(self, registry: Any) -> list[tuple[str, Any]]:
        if self._built is None:
            built = []
            for name, key, info in self.formats:
                fmt = registry.formatters[name](io.StringIO(), info)
                fmt.begin()  # sets what render() needs (SARIF: rule indices, cwd)
                built.append((key, fmt))
            self._built = built
        return self._built

    def __call__(self, result: FileResult, registry: Any) -> FileResult | Rendered:
        if result.errors or not result.linted:
            return result
        fragments = {key: fmt.render(result) for key, fmt in self._formatters(registry)}
        payload = None
        if self.payload:
            from newslint.cache_codec import _encode

            payload = json.dumps(_encode(result), ensure_ascii=False, separators=(",", ":"))
        return Rendered(
            result.path, count_findings(result.findings), fragments, result.lang, payload
        )
