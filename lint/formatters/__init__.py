"""Built-in formatters, registered as the ``builtin-formatters`` plugin.

A formatter streams: :meth:`Formatter.begin` once, then for each file (in deterministic
order) :meth:`Formatter.emit` of the text :meth:`Formatter.render` made for it, then
:meth:`Formatter.end` with the summary. There is one way a file reaches the report: its
result is rendered to text (where it was linted, possibly in a pool worker, or in an earlier
run whose text the result cache kept) and the run emits that text. Nothing forces a
formatter to keep all findings in memory; formatters whose format needs a header first
(SARIF's rule list) get everything they need from :class:`RunInfo` up front.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TextIO

from newslint.findings import (
    EMPTY,
    Counts,
    FileResult,
    Severity,
    count_findings,
    counts_fail,
)
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


class FileTally(NamedTuple):
    """What the run knows of a rendered file besides its text (given to :meth:`Formatter.emit`).

    ``counts`` are the findings not suppressed at info, warning and error, then the
    suppressed ones (:data:`newslint.findings.Counts`); ``errors`` how many problems kept the
    file from being fully linted; ``linted`` False when it could not be read at all.
    """

    path: str
    counts: Counts
    errors: int = 0
    linted: bool = True

    @classmethod
    def of(cls, result: FileResult) -> FileTally:
        return cls(result.path, count_findings(result.findings), len(result.errors), result.linted)

    @property
    def findings(self) -> int:
        """All findings of the file, suppressed ones included."""
        return sum(self.counts)

    def fails(self, fail_on: Severity | None) -> bool:
        """True when a finding that is not suppressed is at ``fail_on`` or above."""
        return counts_fail(self.counts, fail_on)

    def failing(self, fail_on: Severity | None) -> int:
        """How many findings that are not suppressed are at ``fail_on`` or above."""
        return 0 if fail_on is None else sum(self.counts[int(fail_on) - 1 : 3])


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

    def add(self, tally: FileTally) -> None:
        """Count one file (see :meth:`FileTally.of` for a :class:`FileResult`)."""
        if tally.linted:
            self.files_linted += 1
        if tally.errors:
            self.files_in_error += 1
        counts = tally.counts
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
    """Base class; subclasses set ``name`` and implement :meth:`render` (see docs/plugins.md).

    The contract, which lets the run render files in pool workers and the result cache
    replay a file's text without rebuilding its findings:

    - :meth:`begin` once, before any file (may write a header; sets what ``render`` needs);
    - :meth:`render` turns one file's result into text, from that result and settings fixed
      for the run only (``self.info``, the working directory), and changes nothing: it may
      run in another process, or in an earlier run;
    - :meth:`fragment_key` names the format and every such setting the text depends on: the
      cache keeps the text under it;
    - :meth:`emit` once per file, in output order, with the text ``render`` made and the
      file's :class:`FileTally`: write it, or keep what belongs at the end;
    - :meth:`end` once, after the last file.
    """

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

    def fragment_key(self) -> str:
        """The format's name and the run settings its per-file text depends on."""
        return self.name

    def render(self, result: FileResult) -> str:
        """The text of one file (errors included); no side effects."""
        raise NotImplementedError

    def emit(self, fragment: str, tally: FileTally) -> None:
        """Called once per file, in output order, with the text :meth:`render` made."""
        if fragment:
            self.stream.write(fragment)

    def end(self, summary: Summary) -> None:
        """Called once after the last file."""

    def file(self, result: FileResult) -> None:
        """Render and emit one file at once (for driving a formatter from Python)."""
        self.emit(self.render(result), FileTally.of(result))


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


def json_default(value: object) -> Any:
    """Evidence is meant to be JSON already; a formatter renders sets (sorted) and tuples
    (as lists) and stringifies anything else rather than crash on a plugin's evidence."""
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, tuple):
        return list(value)
    return str(value)
