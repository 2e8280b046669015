"""The values a lint run produces: severities, rule hits, findings and fixes.

Rules yield :class:`Hit` objects (offsets into ``Article.text``); only the engine turns them
into :class:`Finding` objects, so a rule can never misstate its own code, severity or position.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


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


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` of the ORIGINAL file with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A proposed change. ``unsafe`` fixes need a human look (e.g. disclaimer wording)."""

    title: str
    edits: tuple[Edit, ...] = ()
    applicability: str = "unsafe"


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports: character offsets into ``Article.text`` and a message.

    ``evidence`` holds what compliance staff need to defend the verdict (terms seen,
    candidates rejected, the speaker or source found); it must be JSON-serialisable.
    """

    start: int
    end: int
    message: str
    evidence: Mapping[str, Any] = field(default_factory=dict)
    fix: Fix | None = None
    #: What to show as the flagged text; None means ``text[start:end]``. An article-level
    #: finding anchored at the end of the body flags no text of its own and passes "".
    excerpt: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One violation at one place in one file; sorting orders by path then position."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    excerpt: str = field(compare=False, default="")
    evidence: Mapping[str, Any] = field(compare=False, default_factory=dict)
    fix: Fix | None = field(compare=False, default=None)
    fingerprint: str = field(compare=False, default="")
    suppressed: bool = field(compare=False, default=False)
    suppression_reason: str | None = field(compare=False, default=None)
    offset: int = field(compare=False, default=0)
    end_offset: int = field(compare=False, default=0)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Results cross the process pool: one constructor call per finding unpickles several
        # times faster than the field-by-field ``__setstate__`` frozen dataclasses get.
        return (
            _unpickle_finding,
            (
                self.path,
                self.line,
                self.column,
                self.end_line,
                self.end_column,
                self.code,
                self.name,
                int(self.severity),
                self.message,
                self.excerpt,
                self.evidence,
                self.fix,
                self.fingerprint,
                self.suppressed,
                self.suppression_reason,
                self.offset,
                self.end_offset,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a finding (see ``newslint/schemas/newslint-report.schema.json``)."""
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
        if self.suppressed:
            data["suppressed"] = True
            data["suppression_reason"] = self.suppression_reason
        return data


_SEVERITIES = {int(s): s for s in Severity}


def _unpickle_finding(*args: Any) -> Finding:
    """Rebuild a pickled :class:`Finding` (severity travels as a plain int: enum calls are slow)."""
    return Finding(*args[:7], _SEVERITIES[args[7]], *args[8:])  # type: ignore[arg-type,call-arg]


@dataclass(frozen=True, slots=True)
class FileError:
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


@dataclass(slots=True)
class FileResult:
    """Everything one file produced; the unit the engine streams to formatters."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    lang: str | None = None
    linted: bool = True
    notes: list[dict[str, Any]] = field(default_factory=list)
