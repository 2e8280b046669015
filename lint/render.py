"""A linted file as report text: the one way a file reaches the report.

Every requested format renders each file's result to text
(:meth:`newslint.formatters.Formatter.render`) and the run only emits that text. Where the
rendering happens changes, the rendering does not: a pool worker renders the files it lints
(the parent would otherwise unpickle ~20 findings with evidence per article and format them
alone, about 0.6 ms per article on one core, capping throughput however fast the workers
lint); the parent renders what it must see as findings first (baseline and changed-lines
filters, fixes, standard input); the result cache keeps each format's text and replays it.
"""

from __future__ import annotations

import io
from typing import Any

from newslint.findings import FileResult
from newslint.formatters import FileTally


class Rendered:
    """A file's report text, one fragment per format key, and its tally.

    ``payload`` is the result's findings as JSON when the result cache will store them
    (fresh results without errors only).
    """

    __slots__ = ("fragments", "lang", "payload", "tally")

    def __init__(
        self,
        tally: FileTally,
        fragments: dict[str, str],
        lang: str | None = None,
        payload: str | None = None,
    ) -> None:
        self.tally = tally
        self.fragments = fragments
        self.lang = lang
        self.payload = payload

    @property
    def path(self) -> str:
        return self.tally.path

    def __reduce__(self) -> tuple[Any, ...]:
        return (Rendered, (self.tally, self.fragments, self.lang, self.payload))


class Renderer:
    """``FileResult`` → :class:`Rendered`, for every format of the run.

    ``formats`` are ``(format name, fragment key, RunInfo)``; formatters are built once per
    process from the registry (``built`` hands over ones already begun, in the parent).
    """

    def __init__(
        self,
        formats: list[tuple[str, str, Any]],
        payload: bool = False,
        built: list[tuple[str, Any]] | None = None,
    ) -> None:
        self.formats = formats
        self.payload = payload
        self._built = built

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

    def __call__(self, result: FileResult, registry: Any = None) -> Rendered:
        fragments = {key: fmt.render(result) for key, fmt in self._formatters(registry)}
        payload = None
        if self.payload and result.linted and not result.errors:
            from newslint.cache_codec import encode_result

            payload = encode_result(result)
        return Rendered(FileTally.of(result), fragments, result.lang, payload)
