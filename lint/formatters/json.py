"""``--format json``: one object, streamed; schema in ``newslint/schemas/report.schema.json``.

Keys: ``version`` (of this schema), ``tool``, ``findings``, ``errors``, ``summary``. No
timestamps or absolute paths, so the same input gives byte-identical output.
"""

from __future__ import annotations

import json

from newslint.findings import FileError, FileResult
from newslint.formatters import Formatter, Summary

SCHEMA_VERSION = "1.0"


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


class JsonFormatter(Formatter):
    name = "json"
    description = "one JSON object (schema: newslint/schemas/report.schema.json)"

    def begin(self) -> None:
        self._errors: list[FileError] = []
        self._first = True
        tool = {
            "name": self.info.tool_name,
            "version": self.info.version,
            "language_packs": self.info.packs,
            "config_hash": self.info.config_hash,
        }
        self.stream.write(f'{{"version": {_dump(SCHEMA_VERSION)}, "tool": {_dump(tool)}, "findings": [')

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            self.stream.write(("\n  " if self._first else ",\n  ") + _dump(f.to_dict()))
            self._first = False
        self._errors.extend(result.errors)

    def end(self, summary: Summary) -> None:
        self.stream.write("\n], \"errors\": [")
        for i, e in enumerate(self._errors):
            self.stream.write(("\n  " if i == 0 else ",\n  ") + _dump(e.to_dict()))
        self.stream.write(f"\n], \"summary\": {_dump(summary.to_dict())}}}\n")
