"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning, GitLab, VS Code and other viewers.

One run. The rule descriptors come from :attr:`RunInfo.rules` before the first file, results
are streamed as files arrive, and what is only known at the end (invocation success, error
notifications, the result count) is written after the results: SARIF does not fix the order
of an object's properties, so nothing but the list of file errors is held in memory.

The mapping is documented in ``docs/output-formats.md``; ``tests/assets/check_sarif.py``
checks the output against the OASIS schema and GitHub's own upload rules.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from newslint.findings import FileError, FileResult, Finding, Severity
from newslint.formatters import FileTally, Formatter, Summary, json_default
from newslint.lazy import lazy_regex

if TYPE_CHECKING:
    from newslint.rule import Rule

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://newslint.dev"
SRCROOT = "%SRCROOT%"
#: GitHub code scanning rejects an upload whose run holds more results than this.
GITHUB_MAX_RESULTS = 25_000
#: GitHub (and check-sarif) cap fullDescription.text at this many characters.
MAX_DESCRIPTION = 1024

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: Tag per rule family (the hundreds digit of an NL code), so code scanning can filter.
_FAMILY_TAGS = {"1": "disclosure", "2": "attribution", "3": "sourcing", "4": "hygiene", "9": "meta"}
_NL_CODE = lazy_regex(r"^NL(\d)\d\d$")
_WINDOWS_ABS = lazy_regex(r"^[A-Za-z]:[/\\]")
_HEADING = lazy_regex(r"^\S.*$")
_EXAMPLE_HEADINGS = {"example", "examples", "use instead"}
#: Separates a fragment's results from its error notifications (JSON escapes control
#: characters, so it never occurs inside either).
_PART = "\x1e"


def _dump(value: object) -> str:
    return _ENCODER.encode(value)


#: One encoder for the run: ``json.dumps`` with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=json_default)


def level_for(severity: Severity) -> str:
    """SARIF level of a severity: info has no SARIF twin, ``note`` is the closest."""
    return _LEVEL[severity]


def artifact_location(path: str, cwd: Path | None = None) -> dict[str, str]:
    """An artifactLocation for a displayed path.

    Paths inside the working directory are relative and percent-encoded, resolved against
    ``%SRCROOT%`` (GitHub takes them relative to the repository root). Paths outside it,
    which the engine shows absolute (or that climb out with ``..``), become ``file://`` URIs
    without a base, so no viewer resolves them against the wrong folder.
    """
    posix = path.replace("\\", "/") if _WINDOWS_ABS.match(path) else path
    if posix.startswith("/") or _WINDOWS_ABS.match(posix):
        return {"uri": _file_uri(posix)}
    normal = posixpath.normpath(posix) if posix not in ("", "-") else posix
    if normal == ".." or normal.startswith("../"):
        base = (cwd or Path.cwd()).absolute().as_posix()
        return {"uri": _file_uri(posixpath.normpath(posixpath.join(base, normal)))}
    return {"uri": quote(normal, safe="/"), "uriBaseId": SRCROOT}


def _file_uri(absolute_posix: str) -> str:
    if _WINDOWS_ABS.match(absolute_posix):  # C:/x → file:///C:/x
        return "file:///" + absolute_posix[:2] + quote(absolute_posix[2:], safe="/")
    return "file://" + quote(absolute_posix, safe="/")


def first_paragraph(docs: str) -> str:
    """The first paragraph of a rule's docs on one line (SARIF fullDescription)."""
    for block in docs.strip().split("\n\n"):
        text = " ".join(block.split())
        if text:
            return text
    return ""


def _cap(text: str, limit: int = MAX_DESCRIPTION) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def docs_to_markdown(docs: str) -> str:
    """Render a yamllint-style rule docstring as Markdown for SARIF ``help.markdown``.

    Unindented lines after the first paragraph are headings; the indented block under
    *Example* / *Use instead* is article text, so it becomes a fenced block (verbatim),
    any other indented block becomes plain paragraphs.
    """
    lines = docs.strip("\n").splitlines()
    out: list[str] = []
    i = 0
    # The summary paragraph(s) before the first heading.
    while i < len(lines) and not (_is_heading(lines, i) and out):
        out.append(lines[i].strip())
        i += 1
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if not _is_heading(lines, i):
            out.append(line.strip())
            i += 1
            continue
        heading = line.strip()
        block: list[str] = []
        i += 1
        while i < len(lines) and (not lines[i].strip() or lines[i][:1].isspace()):
            block.append(lines[i])
            i += 1
        while block and not block[-1].strip():
            block.pop()
        body = _dedent(block)
        out += ["", f"## {heading}", ""]
        if heading.lower() in _EXAMPLE_HEADINGS and body:
            out += ["```text", *body, "```"]
        else:
            out += [ln.strip() for ln in body]
    return "\n".join(_squeeze_blank_lines(out)).strip() + "\n"


def _squeeze_blank_lines(lines: list[str]) -> list[str]:
    """Drop repeated blank lines outside fenced blocks (example text stays verbatim)."""
    out: list[str] = []
    in_fence = False
    for line in lines:
        if line.startswith("```"):
            in_fence = not in_fence
        if not in_fence and not line.strip() and out and not out[-1].strip():
            continue
        out.append(line)
    return out


def _is_heading(lines: list[str], i: int) -> bool:
    """An unindented line directly followed by an indented one."""
    if not _HEADING.match(lines[i]) or i + 1 >= len(lines):
        return False
    nxt = lines[i + 1]
    return bool(nxt.strip()) and nxt[:1].isspace()


def _dedent(block: list[str]) -> list[str]:
    indents = [len(ln) - len(ln.lstrip()) for ln in block if ln.strip()]
    cut = min(indents, default=0)
    return [ln[cut:] if ln.strip() else "" for ln in block]


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A ``reportingDescriptor`` with everything code scanning shows about a rule."""
    docs = rule.docs or rule.summary or rule.name
    short = _cap(" ".join((rule.summary or first_paragraph(docs) or rule.name).split()))
    full = _cap(first_paragraph(docs) or short)
    props: dict[str, Any] = {"tags": _tags(rule), "languages": sorted(rule.languages)}
    if rule.policy is not None:
        props["policy"] = rule.policy.to_dict()
    props["plugin"] = rule.plugin
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": docs.strip() or short, "markdown": docs_to_markdown(docs)},
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": level_for(rule.severity)},
        "properties": props,
    }


def _tags(rule: Rule) -> list[str]:
    tags = ["compliance"]
    m = _NL_CODE.match(rule.code)
    if m and m.group(1) in _FAMILY_TAGS:
        tags.append(_FAMILY_TAGS[m.group(1)])
    elif rule.plugin.startswith("house-rules"):
        tags.append("house-rule")
    else:
        tags.append("custom")  # a third-party plugin's rule
    return tags


class SarifFormatter(Formatter):
    name = "sarif"
    description = "SARIF 2.1.0 (GitHub code scanning, GitLab, VS Code SARIF viewer)"

    def begin(self) -> None:
        self._notifications: list[dict[str, Any]] = []  # one per file error
        self._count = 0
        self._cwd = Path.cwd()
        self._last_path: str | None = None
        self._last_location: dict[str, str] = {}
        self._rule_index = {rule.code: i for i, rule in enumerate(self.info.rules)}
        driver = {
            "name": self.info.tool_name,
            "version": self.info.version,
            "semanticVersion": self.info.version,
            "informationUri": INFORMATION_URI,
        }
        w = self.stream.write
        w("{\n")
        w(f'  "$schema": {_dump(SARIF_SCHEMA_URI)},\n')
        w(f'  "version": {_dump(SARIF_VERSION)},\n')
        w('  "runs": [\n    {\n')
        # One rule descriptor per line: diffs of two reports stay readable.
        w(f'      "tool": {{"driver": {_dump(driver)[:-1]}, "rules": [')
        for i, rule in enumerate(self.info.rules):
            w(("\n          " if i == 0 else ",\n          ") + _dump(rule_descriptor(rule)))
        w("\n        ]}},\n" if self.info.rules else "]}},\n")
        w('      "columnKind": "unicodeCodePoints",\n')
        base = {
            SRCROOT: {
                "description": {
                    "text": "The working directory newslint ran in (in CI: the repository root)."
                }
            }
        }
        w(f'      "originalUriBaseIds": {_dump(base)},\n')
        w('      "results": [')

    def fragment_key(self) -> str:
        return "sarif"  # cwd and the rule list (ruleIndex) are part of the cache's run key

    def render(self, result: FileResult) -> str:
        results = ",\n        ".join(_dump(self._result(f)) for f in result.findings)
        if not result.errors:
            return results
        # Errors become notifications at the end: after the results, as a JSON list.
        return results + _PART + _dump([self._error_notification(e) for e in result.errors])

    def emit(self, fragment: str, tally: FileTally) -> None:
        results, _, errors = fragment.partition(_PART)
        if results:
            sep = "\n        " if self._count == 0 else ",\n        "
            self.stream.write(sep + results)  # one write per file
            self._count += tally.findings
        if errors:
            self._notifications.extend(json.loads(errors))

    def _location(self, path: str) -> dict[str, str]:
        """``artifact_location`` of the file being rendered (computed once per file)."""
        if self._last_path != path:
            self._last_path, self._last_location = path, artifact_location(path, self._cwd)
        return dict(self._last_location)

    def _result(self, f: Finding) -> dict[str, Any]:
        location = self._location(f.path)
        region = {
            "startLine": max(f.line, 1),
            "startColumn": max(f.column, 1),
            "endLine": max(f.end_line, f.line, 1),
            "endColumn": max(f.end_column, 1),
        }
        if region["endLine"] == region["startLine"]:
            region["endColumn"] = max(region["endColumn"], region["startColumn"])
        out: dict[str, Any] = {"ruleId": f.code}
        if f.code in self._rule_index:
            out["ruleIndex"] = self._rule_index[f.code]
        out["level"] = level_for(f.severity)
        out["message"] = {"text": f.message}
        out["locations"] = [{"physicalLocation": {"artifactLocation": location, "region": region}}]
        if f.fingerprint:
            out["partialFingerprints"] = {"primaryLocationLineHash": f.fingerprint}
        if f.suppressed:
            suppression: dict[str, Any] = {"kind": "inSource"}
            if f.suppression_reason:
                suppression["justification"] = f.suppression_reason
            out["suppressions"] = [suppression]
        if f.fix is not None and f.fix.edits:
            out["fixes"] = [
                {
                    "description": {"text": f.fix.title},
                    "artifactChanges": [
                        {
                            "artifactLocation": location,
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "charOffset": e.start,
                                        "charLength": e.end - e.start,
                                    },
                                    "insertedContent": {"text": e.replacement},
                                }
                                for e in f.fix.edits
                            ],
                        }
                    ],
                    "properties": {"applicability": f.fix.applicability},
                }
            ]
        props: dict[str, Any] = {"name": f.name, "excerpt": f.excerpt, "evidence": dict(f.evidence)}
        if f.fix is not None:
            props["fixApplicability"] = f.fix.applicability
        if f.ambiguous:
            props["ambiguous"] = True
        out["properties"] = props
        return out

    def end(self, summary: Summary) -> None:
        w = self.stream.write
        w("\n      ],\n" if self._count else "],\n")
        notifications = list(self._notifications)
        if self._count > GITHUB_MAX_RESULTS:
            notifications.append(_limit_notification(self._count))
        invocation: dict[str, Any] = {"executionSuccessful": not self._notifications}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        w(f'      "invocations": [{_dump(invocation)}],\n')
        props = {
            "languagePacks": dict(sorted(self.info.packs.items())),
            "configHash": self.info.config_hash,
            "summary": summary.to_dict(),
        }
        w(f'      "properties": {_dump(props)}\n')
        w("    }\n  ]\n}\n")

    def _error_notification(self, error: FileError) -> dict[str, Any]:
        note: dict[str, Any] = {
            "message": {"text": f"{error.path}: {error.message}"},
            "level": "error",
            "locations": [
                {"physicalLocation": {"artifactLocation": artifact_location(error.path, self._cwd)}}
            ],
            "descriptor": {"id": error.kind},
        }
        props = {k: v for k, v in (("rule", error.rule), ("plugin", error.plugin)) if v}
        if props:
            note["properties"] = props
        return note


def _limit_notification(count: int) -> dict[str, Any]:
    return {
        "message": {
            "text": (
                f"This run has {count} results; GitHub code scanning rejects a run with more than "
                f"{GITHUB_MAX_RESULTS}. Split the check (e.g. one newslint run per folder, each "
                "uploaded with its own upload-sarif 'category'), or narrow it with --select / "
                "--ignore."
            )
        },
        "level": "warning",
        "descriptor": {"id": "github-result-limit"},
    }


__all__ = ["SarifFormatter", "artifact_location", "docs_to_markdown", "rule_descriptor"]
