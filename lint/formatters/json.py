"""``--format json``: one object, streamed; schema in ``newslint/schemas/report.schema.json``.

Keys: ``version`` (of this schema), ``tool``, ``findings``, ``errors``, ``summary``. No
timestamps or absolute paths of our own, so the same input gives byte-identical output:
findings are written as each file arrives, only the (few) file errors wait for the end.
With ``--explain`` an extra ``notes`` list carries each rule's evidence for passes.
Documented in ``docs/output-formats.md``.
"""

from __future__ import annotations

import json
from typing import Any

from newslint.findings import FileError, FileResult
from newslint.formatters import Formatter, Summary

#: Version of the report schema; bump the major part on any incompatible change.
SCHEMA_VERSION = "1.1"
SCHEMA_ID = "https://newslint.dev/schemas/report-1.1.json"


def _json_default(value: object) -> Any:
    """Evidence should be JSON already; render sets/tuples/others instead of crashing."""
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, tuple):
        return list(value)
    return str(value)


#: One encoder for the run: ``json.dumps`` with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_json_default)


def _dump(value: object) -> str:
    return _ENCODER.encode(value)


class JsonFormatter(Formatter):
    name = "json"
    description = "one JSON object (schema: newslint/schemas/report.schema.json)"

    def begin(self) -> None:
        self._errors: list[FileError] = []
        self._notes: list[dict[str, Any]] = []
        self._first = True
        tool = {
            "name": self.info.tool_name,
            "version": self.info.version,
            "language_packs": dict(sorted(self.info.packs.items())),
            "config_hash": self.info.config_hash,
        }
        self.stream.write(
            f'{{"version": {_dump(SCHEMA_VERSION)}, "tool": {_dump(tool)}, "findings": ['
        )

    def fragment_key(self) -> str | None:
        return None if self.info.explain else "json"  # notes are written at the end

    def render(self, result: FileResult) -> str:
        return ",\n  ".join(_dump(f.to_dict()) for f in result.findings)

    def emit(self, fragment: str, count: int) -> None:
        if fragment:
            self.stream.write(("\n  " if self._first else ",\n  ") + fragment)  # one write
            self._first = False

    def file(self, result: FileResult) -> None:
        self.emit(self.render(result), len(result.findings))
        self._errors.extend(result.errors)
        if self.info.explain:
            self._notes.extend({"path": result.path, **note} for note in result.notes)

    def end(self, summary: Summary) -> None:
        w = self.stream.write
        w('\n], "errors": [' if not self._first else '], "errors": [')
        for i, e in enumerate(self._errors):
            w(("\n  " if i == 0 else ",\n  ") + _dump(e.to_dict()))
        w("\n]" if self._errors else "]")
        if self.info.explain:
            w(', "notes": [')
            for i, note in enumerate(self._notes):
                w(("\n  " if i == 0 else ",\n  ") + _dump(note))
            w("\n]" if self._notes else "]")
        w(f', "summary": {_dump(summary.to_dict())}}}\n')
