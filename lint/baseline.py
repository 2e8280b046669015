"""Baselines: adopt newslint on an archive without fixing every old finding first.

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then reports only
findings that are not in it, and lists baseline entries that no longer occur (fixed, or the
article was edited) so the file can be refreshed.

An entry is keyed by path + rule code + the finding's fingerprint, the same fingerprint SARIF
carries in ``partialFingerprints``: it hashes the rule, the text of the finding's line and
the flagged text, never line numbers, so edits elsewhere in an article do not break the
match. Paths are stored relative to the baseline file's folder, so the file works from any
working directory. Line and message are kept for people reading the file; matching ignores
them. The file is sorted JSON without timestamps, so it diffs well in review.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, NamedTuple

from newslint.errors import UsageError
from newslint.findings import FileResult, Finding
from newslint.plain import Plain

FORMAT_VERSION = 1

Key = tuple[str, str, str]  # (path relative to the baseline's folder, code, fingerprint)


class BaselineEntry(NamedTuple):
    path: str
    code: str
    name: str
    fingerprint: str
    line: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "fingerprint": self.fingerprint,
            "line": self.line,
            "message": self.message,
        }


def _rel(display: str, cwd: Path, base_dir: Path) -> str:
    """A finding's path (relative to ``cwd``) re-expressed relative to the baseline's folder."""
    absolute = Path(display) if os.path.isabs(display) else cwd / display
    try:
        return Path(os.path.relpath(absolute, base_dir)).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()


class Baseline(Plain):
    """Loaded baseline entries plus what this run matched, for the 'no longer occur' list."""

    _fields = ("path", "cwd", "entries", "matched", "seen_paths", "hidden")

    def __init__(
        self,
        path: Path,
        cwd: Path,
        entries: dict[Key, BaselineEntry] | None = None,
        matched: set[Key] | None = None,
        seen_paths: set[str] | None = None,
        hidden: int = 0,
    ) -> None:
        self.path = path
        self.cwd = cwd
        self.entries: dict[Key, BaselineEntry] = {} if entries is None else entries
        self.matched: set[Key] = set() if matched is None else matched
        self.seen_paths: set[str] = set() if seen_paths is None else seen_paths
        self.hidden = hidden

    @property
    def base_dir(self) -> Path:
        return self.path.absolute().parent

    @classmethod
    def load(cls, path: str | Path, cwd: Path) -> Baseline:
        """Read a baseline file; a missing or malformed file is a usage error (exit 2)."""
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(
                f"baseline {path} does not exist (create it with --write-baseline {path})"
            ) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"baseline {path} is not a newslint baseline: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
            raise UsageError(f"baseline {path} is not a newslint baseline (no 'findings' list)")
        if data.get("version") != FORMAT_VERSION:
            raise UsageError(
                f"baseline {path} has format version {data.get('version')!r}; this newslint "
                f"reads version {FORMAT_VERSION} (re-create it with --write-baseline)"
            )
        base = cls(p, cwd)
        for i, item in enumerate(data["findings"]):
            try:
                entry = BaselineEntry(
                    path=str(item["path"]),
                    code=str(item["code"]),
                    name=str(item.get("name", "")),
                    fingerprint=str(item["fingerprint"]),
                    line=int(item.get("line", 0)),
                    message=str(item.get("message", "")),
                )
            except (KeyError, TypeError, ValueError):
                raise UsageError(
                    f"baseline {path}: entry {i} needs path, code and fingerprint"
                ) from None
            base.entries[(entry.path, entry.code, entry.fingerprint)] = entry
        return base

    def key(self, finding: Finding) -> Key:
        return (_rel(finding.path, self.cwd, self.base_dir), finding.code, finding.fingerprint)

    def filter(self, result: FileResult) -> FileResult:
        """Drop findings the baseline knows; remember which entries were seen."""
        self.seen_paths.add(_rel(result.path, self.cwd, self.base_dir))
        if not result.linted:
            return result
        kept: list[Finding] = []
        for f in result.findings:
            k = self.key(f)
            if not f.suppressed and k in self.entries:
                self.matched.add(k)
                self.hidden += 1
            else:
                kept.append(f)
        result.findings = kept
        return result

    def stale(self) -> list[BaselineEntry]:
        """Entries of files linted in this run that no longer occur (fixed or changed)."""
        return sorted(
            (
                e
                for k, e in self.entries.items()
                if k[0] in self.seen_paths and k not in self.matched
            ),
            key=lambda e: (e.path, e.line, e.code),
        )

    def report(self) -> str:
        """The note printed on standard error after a run."""
        stale = self.stale()
        lines = []
        if self.hidden:
            lines.append(f"newslint: {self.hidden} known finding(s) hidden by baseline {self.path}")
        if stale:
            lines.append(
                f"newslint: {len(stale)} baseline entr{'y' if len(stale) == 1 else 'ies'} no "
                f"longer occur (fixed or edited); refresh with --write-baseline {self.path}:"
            )
            lines += [f"  {e.path}:{e.line}: {e.code} {e.name}: {e.message}" for e in stale]
        return "".join(line + "\n" for line in lines)


class BaselineWriter:
    """Collects unsuppressed findings during a run and writes them atomically at the end."""

    def __init__(self, path: str | Path, cwd: Path) -> None:
        self.path = Path(path)
        self.cwd = cwd
        self.entries: list[BaselineEntry] = []

    def add(self, result: FileResult) -> None:
        base_dir = self.path.absolute().parent
        for f in result.findings:
            if f.suppressed:
                continue
            self.entries.append(
                BaselineEntry(
                    path=_rel(f.path, self.cwd, base_dir),
                    code=f.code,
                    name=f.name,
                    fingerprint=f.fingerprint,
                    line=f.line,
                    message=f.message,
                )
            )

    def record(self, result: FileResult) -> FileResult:
        """:meth:`add`, as a step of the CLI's per-result pipeline."""
        self.add(result)
        return result

    def write(self) -> int:
        """Write the file; returns the number of entries."""
        from newslint.output import atomic_text_writer

        parent = self.path.parent
        if str(parent) and not parent.is_dir():
            raise UsageError(f"cannot write baseline {self.path}: folder {parent} does not exist")
        entries = sorted(self.entries, key=lambda e: (e.path, e.line, e.code, e.fingerprint))
        data = {
            "version": FORMAT_VERSION,
            "tool": "newslint",
            "findings": [e.to_dict() for e in entries],
        }
        with atomic_text_writer(str(self.path)) as fh:
            fh.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return len(entries)
