"""``--format gitlab``: a GitLab Code Quality report (a JSON array of Code Climate issues).

GitLab reads the report named under ``artifacts:reports:codequality`` and shows new and
fixed findings in the merge request. Each issue carries the fields GitLab documents as
required: ``description``, ``check_name``, ``fingerprint``, ``severity``, ``location.path``
and ``location.lines.begin`` (plus ``type: issue`` from the Code Climate spec).

- ``check_name`` is the rule code (``NL101``); ``description`` starts with the rule name.
- ``severity``: error → ``critical``, warning → ``major``, info → ``minor``. GitLab's scale
  (info, minor, major, critical, blocker) has no "error"; ``blocker`` is left for nothing so
  that a house can tell compliance errors from build-breaking problems.
- ``fingerprint`` hashes the path, the code and the finding's own fingerprint (the one SARIF
  carries), so it is unique per finding and stable when unrelated lines move: GitLab then
  shows only findings the merge request introduced.
- ``location.path`` must be relative to the repository root. Paths are relative to the
  working directory; when ``CI_PROJECT_DIR`` is set (GitLab CI) and the file lies inside
  it, the path is made relative to it instead.
- Suppressed findings and files that could not be linted are left out (the exit code and
  the job log report the latter).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from newslint.findings import FileResult, Finding, Severity
from newslint.formatters import FileTally, Formatter, Summary

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "minor"}


def project_path(display: str, cwd: Path | None = None) -> str:
    """``display`` (relative to the working directory) relative to ``$CI_PROJECT_DIR``."""
    root = os.environ.get("CI_PROJECT_DIR")
    if not root:
        return display
    absolute = Path(display) if os.path.isabs(display) else (cwd or Path.cwd()) / display
    try:
        return absolute.resolve().relative_to(Path(root).resolve()).as_posix()
    except (ValueError, OSError):
        return display


def issue(finding: Finding, path: str) -> dict[str, object]:
    """One Code Quality issue for one finding."""
    digest = hashlib.sha256(f"{path}\0{finding.code}\0{finding.fingerprint}".encode()).hexdigest()
    return {
        "type": "issue",
        "check_name": finding.code,
        "description": f"{finding.name}: {finding.message}",
        "categories": ["Style"],
        "severity": SEVERITY[finding.severity],
        "fingerprint": digest,
        "location": {"path": path, "lines": {"begin": finding.line, "end": finding.end_line}},
    }


class GitlabFormatter(Formatter):
    name = "gitlab"
    description = "GitLab Code Quality report (JSON array) for merge-request widgets"

    def begin(self) -> None:
        self._first = True
        self.stream.write("[")

    def fragment_key(self) -> str:
        # Paths are made relative to $CI_PROJECT_DIR (the working directory is in the
        # cache's run key, this variable is not).
        return f"gitlab:{os.environ.get('CI_PROJECT_DIR', '')}"

    def render(self, result: FileResult) -> str:
        shown = [f for f in result.findings if not f.suppressed]
        if not shown:
            return ""
        path = project_path(result.path)
        return ",\n  ".join(json.dumps(issue(f, path), ensure_ascii=False) for f in shown)

    def emit(self, fragment: str, tally: FileTally) -> None:
        if fragment:
            self.stream.write(("\n  " if self._first else ",\n  ") + fragment)
            self._first = False

    def end(self, summary: Summary) -> None:
        self.stream.write("]\n" if self._first else "\n]\n")
