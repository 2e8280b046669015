"""``--format json``: one object, streamed; schema in ``newslint/schemas/report.schema.json``.

Keys: ``version`` (of this schema), ``tool``, ``findings``, ``errors``, ``summary``. No
timestamps or absolute paths of our own, so the same input gives byte-identical output:
findings are written as each file arrives, only the (few) file errors wait for the end.
With ``--explain`` an extra ``notes`` list carries each rule's evidence for passes.
Documented in ``docs/output-formats.md``.
"""

from __future__ import annotations

import json

from newslint.findings import FileResult
from newslint.formatters import FileTally, Formatter, Summary, json_default

#: Version of the report schema; bump the major part on any incompatible change.
SCHEMA_VERSION = "1.1"
SCHEMA_ID = "https://newslint.dev/schemas/report-1.1.json"


#: One encoder for the run: ``json.dumps`` with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=json_default)


def _dump(value: object) -> str:
    return _ENCODER.encode(value)


#: Separates a fragment's parts (findings, errors, notes): JSON escapes every control
#: character, so it never occurs inside the parts themselves.
_PART = "\x1e"


class JsonFormatter(Formatter):
    name = "json"
    description = "one JSON object (schema: newslint/schemas/report.schema.json)"

    def begin(self) -> None:
        # Errors (few) and, with --explain, notes are written after every finding.
        self._errors: list[str] = []
        self._notes: list[str] = []
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

    def fragment_key(self) -> str:
        return f"json:{int(self.info.explain)}"  # notes are kept only with --explain

    def render(self, result: FileResult) -> str:
        findings = ",\n  ".join(_dump(f.to_dict()) for f in result.findings)
        if not result.errors and not (self.info.explain and result.notes):
            return findings
        errors = ",\n  ".join(_dump(e.to_dict()) for e in result.errors)
        notes = ""
        if self.info.explain:
            notes = ",\n  ".join(_dump({"path": result.path, **note}) for note in result.notes)
        return _PART.join((findings, errors, notes))

    def emit(self, fragment: str, tally: FileTally) -> None:
        findings, _, rest = fragment.partition(_PART)
        if findings:
            self.stream.write(("\n  " if self._first else ",\n  ") + findings)  # one write
            self._first = False
        if rest:
            errors, _, notes = rest.partition(_PART)
            if errors:
                self._errors.append(errors)
            if notes:
                self._notes.append(notes)

    def end(self, summary: Summary) -> None:
        w = self.stream.write
        w('\n], "errors": [' if not self._first else '], "errors": [')
        if self._errors:
            w("\n  " + ",\n  ".join(self._errors) + "\n]")
        else:
            w("]")
        if self.info.explain:
            w(', "notes": [')
            if self._notes:
                w("\n  " + ",\n  ".join(self._notes) + "\n]")
            else:
                w("]")
        w(f', "summary": {_dump(summary.to_dict())}}}\n')
