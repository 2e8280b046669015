"""The values a lint run produces: severities, rule hits, findings and fixes.

Rules yield :class:`Hit` objects (offsets into ``Article.text``); only the engine turns them
into :class:`Finding` objects, so a rule can never misstate its own code, severity or position.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from newslint.plain import Plain


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``>=`` compares against ``--fail-on``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Parse ``error|warning|info`` (case-insensitive); raises ``ValueError`` otherwise."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (expected error, warning or info)"
            ) from None


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the ORIGINAL file with ``replacement``."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    """A proposed change. ``unsafe`` fixes need a human look (e.g. disclaimer wording)."""

    title: str
    edits: tuple[Edit, ...] = ()
    applicability: str = "unsafe"


class _Empty(Mapping[str, Any]):
    """An empty read-only mapping that pickles (``MappingProxyType`` does not, and results
    cross process pools started with ``spawn``)."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"

    def __reduce__(self) -> str:
        return "EMPTY"  # the module-level singleton


#: One empty read-only mapping for defaults (hit evidence, run extras).
EMPTY: Mapping[str, Any] = _Empty()
#: The evidence of a hit or finding that has none.
NO_EVIDENCE = EMPTY


class Hit(NamedTuple):
    """What a rule reports: character offsets into ``Article.text`` and a message.

    ``evidence`` holds what compliance staff need to defend the verdict (terms seen,
    candidates rejected, the speaker or source found); it must be JSON-serialisable.
    """

    start: int
    end: int
    message: str
    evidence: Mapping[str, Any] = NO_EVIDENCE
    fix: Fix | None = None
    #: What to show as the flagged text; None means ``text[start:end]``. An article-level
    #: finding anchored at the end of the body flags no text of its own and passes "".
    excerpt: str | None = None
    #: The rule is unsure: the text is ambiguous (e.g. the only candidate speaker is an
    #: organisation). Reported as such; ``ambiguous-severity`` can lower it so a newsroom
    #: gates on the sure findings only.
    ambiguous: bool = False
    #: ``start``/``end`` are offsets into ``Article.source`` instead: for what the readers
    #: keep out of the text, such as a suppression comment.
    in_source: bool = False


class Finding(NamedTuple):
    """One violation at one place in one file.

    Equality, hashing and sorting use the location and the rule only (path, line, column,
    end line, end column, code, name), so sorting orders by path then position. A named
    tuple rather than a dataclass: thousands are built and sent between processes per run,
    and defining dataclasses cost ~1 ms each at start-up.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    excerpt: str = ""
    evidence: Mapping[str, Any] = NO_EVIDENCE
    fix: Fix | None = None
    fingerprint: str = ""
    suppressed: bool = False
    suppression_reason: str | None = None
    offset: int = 0
    end_offset: int = 0
    ambiguous: bool = False

    def __eq__(self, other: object) -> bool:
        if type(other) is not Finding:
            return NotImplemented
        return self[:7] == other[:7]

    def __ne__(self, other: object) -> bool:
        if type(other) is not Finding:
            return NotImplemented
        return self[:7] != other[:7]

    def __lt__(self, other: tuple[Any, ...]) -> bool:
        if type(other) is not Finding:
            return NotImplemented
        return self[:7] < other[:7]

    def __le__(self, other: tuple[Any, ...]) -> bool:
        if type(other) is not Finding:
            return NotImplemented
        return self[:7] <= other[:7]

    def __gt__(self, other: tuple[Any, ...]) -> bool:
        if type(other) is not Finding:
            return NotImplemented
        return self[:7] > other[:7]

    def __ge__(self, other: tuple[Any, ...]) -> bool:
        if type(other) is not Finding:
            return NotImplemented
        return self[:7] >= other[:7]

    def __hash__(self) -> int:
        return hash(self[:7])

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a finding (see ``newslint/schemas/report.schema.json``)."""
        data: dict[str, Any] = {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "excerpt": self.excerpt,
            "fingerprint": self.fingerprint,
            "evidence": dict(self.evidence),
        }
        if self.fix is not None:
            data["fix"] = {
                "title": self.fix.title,
                "applicability": self.fix.applicability,
                "edits": [
                    {"start": e.start, "end": e.end, "replacement": e.replacement}
                    for e in self.fix.edits
                ],
            }
        if self.ambiguous:
            data["ambiguous"] = True
        if self.suppressed:
            data["suppressed"] = True
            data["suppression_reason"] = self.suppression_reason
        return data


class FileError(NamedTuple):
    """A file that could not be linted completely: unreadable input or a failing rule/plugin."""

    path: str
    kind: str  # "input" | "rule" | "plugin"
    message: str
    rule: str | None = None
    plugin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.path, "kind": self.kind, "message": self.message}
        if self.rule is not None:
            data["rule"] = self.rule
        if self.plugin is not None:
            data["plugin"] = self.plugin
        return data


#: Tallies of a file's findings: not suppressed at info, warning and error, then suppressed.
Counts = tuple[int, int, int, int]


def count_findings(findings: list[Finding]) -> Counts:
    """The :data:`Counts` of a list of findings."""
    counts = [0, 0, 0, 0]
    for f in findings:
        counts[3 if f.suppressed else int(f.severity) - 1] += 1
    return counts[0], counts[1], counts[2], counts[3]


def counts_fail(counts: Counts, fail_on: Severity | None) -> bool:
    """True when a finding that is not suppressed is at ``fail_on`` or above."""
    if fail_on is None:
        return False
    return any(counts[int(s) - 1] for s in Severity if s >= fail_on)


class FileResult(Plain):
    """Everything one file produced; the unit the engine streams to formatters.

    ``source`` is the decoded file the findings' offsets point into, kept only when a format
    shows the article itself (:attr:`newslint.formatters.Formatter.needs_source`, set on
    the linter as ``keep_source``): it is the largest thing a result could carry, and the
    per-file render (:mod:`newslint.render`) runs where the file was linted, so it rarely
    has to cross a process pool.
    """

    __slots__ = ("errors", "findings", "lang", "linted", "notes", "path", "source")
    _fields = ("path", "findings", "errors", "lang", "linted", "notes", "source")

    def __init__(
        self,
        path: str,
        findings: list[Finding] | None = None,
        errors: list[FileError] | None = None,
        lang: str | None = None,
        linted: bool = True,
        notes: list[dict[str, Any]] | None = None,
        source: str | None = None,
    ) -> None:
        self.path = path
        self.findings: list[Finding] = [] if findings is None else findings
        self.errors: list[FileError] = [] if errors is None else errors
        self.lang = lang
        self.linted = linted
        self.notes: list[dict[str, Any]] = [] if notes is None else notes
        self.source = source

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields[:-1])
        shown = "None" if self.source is None else f"<{len(self.source)} chars>"
        return f"FileResult({inner}, source={shown})"  # not a whole article per repr

    def __reduce__(self) -> tuple[Any, ...]:
        return (FileResult, self._values())  # results cross the process pool
