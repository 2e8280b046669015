"""Built-in formatters, registered as the ``builtin-formatters`` plugin.

A formatter streams: :meth:`Formatter.begin` once, :meth:`Formatter.file` per linted file
(in deterministic order), :meth:`Formatter.end` with the summary. Nothing forces it to keep
all findings in memory; formatters whose format needs a header first (SARIF's rule list)
get everything they need from :class:`RunInfo` up front.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TextIO

from newslint.findings import EMPTY, Counts, FileResult, Severity, count_findings
from newslint.hookspecs import hookimpl
from newslint.plain import Plain

if TYPE_CHECKING:
    from newslint.rule import Rule


class RunInfo(NamedTuple):
    """What every formatter may need about the run, known before the first file."""

    version: str
    packs: dict[str, str]
    config_hash: str
    rules: list[Rule]
    color: bool = False
    show_suppressed: bool = False
    explain: bool = False
    fail_on: Severity | None = Severity.WARNING
    tool_name: str = "newslint"
    extra: Mapping[str, Any] = EMPTY


class Summary(Plain):
    """Counts for the report's last line and the exit code."""

    __slots__ = ("counts", "files_in_error", "files_linted", "suppressed")
    _fields = ("files_linted", "files_in_error", "counts", "suppressed")

    def __init__(
        self,
        files_linted: int = 0,
        files_in_error: int = 0,
        counts: dict[str, int] | None = None,
        suppressed: int = 0,
    ) -> None:
        self.files_linted = files_linted
        self.files_in_error = files_in_error
        self.counts = {"error": 0, "warning": 0, "info": 0} if counts is None else counts
        self.suppressed = suppressed

    def add(self, result: FileResult) -> None:
        if result.linted:
            self.files_linted += 1
        if result.errors:
            self.files_in_error += 1
        self._tally(count_findings(result.findings))

    def add_counts(self, counts: Counts) -> None:
        """Count a linted file from its tallies (see :data:`newslint.findings.Counts`)."""
        self.files_linted += 1
        self._tally(counts)

    def _tally(self, counts: Counts) -> None:
        for label, n in zip(("info", "warning", "error"), counts[:3], strict=True):
            self.counts[label] += n
        self.suppressed += counts[3]

    def to_dict(self) -> dict[str, Any]:
        return {
            "files_linted": self.files_linted,
            "files_in_error": self.files_in_error,
            "findings": dict(self.counts),
            "suppressed": self.suppressed,
        }


class Formatter:
    """Base class; subclasses set ``name`` and override the three stream methods."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    plugin: str = "builtin-formatters"
    #: True for a format that shows each article's text: the linter then keeps it on the
    #: result (``FileResult.source``), where the file was linted, so neither the file is
    #: read twice nor is there a second way of rendering it.
    needs_source: ClassVar[bool] = False

    def __init__(self, stream: TextIO, info: RunInfo) -> None:
        self.stream = stream
        self.info = info

    def begin(self) -> None:
        """Called once before the first file."""

    def file(self, result: FileResult) -> None:
        """Called once per file, in output order."""

    def end(self, summary: Summary) -> None:
        """Called once after the last file."""

    # -- optional: replayable per-file output ---------------------------------------------
    # A format whose output for a file depends only on that file's result (and on settings
    # fixed for the run) may return a key here; ``file(result)`` must then equal
    # ``emit(render(result), len(result.findings))`` for results without errors, and the
    # result cache stores ``render``'s text so that a re-run can ``emit`` it unchanged.
    def fragment_key(self) -> str | None:
        """A key naming this format and the settings its per-file text depends on, or None."""
        return None

    def render(self, result: FileResult) -> str:
        """The text :meth:`file` writes for ``result`` (formats with a fragment key)."""
        raise NotImplementedError

    def emit(self, fragment: str, count: int) -> None:
        """Write a fragment from :meth:`render` (``count`` = the file's findings)."""
        raise NotImplementedError


_BUILTIN = (
    ("text", "human-readable, grouped by file (default)", "text:TextFormatter"),
    ("json", "one JSON object (schema: newslint/schemas/report.schema.json)", "json:JsonFormatter"),
    ("sarif", "SARIF 2.1.0 for code scanning", "sarif:SarifFormatter"),
    ("github", "GitHub Actions workflow-command annotations", "github:GithubFormatter"),
    ("gitlab", "GitLab Code Quality report", "gitlab:GitlabFormatter"),
    ("junit", "JUnit XML for Jenkins, Azure DevOps and others", "junit:JunitFormatter"),
    ("html", "one self-contained HTML page: articles with their findings", "html:HtmlFormatter"),
)


@hookimpl
def newslint_formatters() -> list[Any]:
    from newslint.lazy import LazyFormatter

    # Imported only when a run asks for the format (xml, urllib… stay out of start-up).
    return [
        LazyFormatter(name, desc, f"newslint.formatters.{target}")
        for name, desc, target in _BUILTIN
    ]
