"""``--format junit``: JUnit XML for Jenkins, Azure DevOps, GitLab test reports and the like.

One ``<testsuite name="newslint">``; one ``<testcase>`` per linted file (``classname`` is
the file's folder, ``name`` its path, ``file`` its path); one ``<failure>`` per finding at or
above ``--fail-on``, so the test report fails exactly when the exit code does. Findings below
``--fail-on`` are listed in the test case's ``<system-out>``; suppressed ones are left out.
A file that could not be read or a rule that crashed becomes an ``<error>``. Test-case
counts must come before the test cases in the XML, so this formatter keeps each file's
rendered XML until the end: in memory up to a few megabytes, then in a temporary file, so an
archive of 100,000 articles does not hold its whole report in memory.
"""

from __future__ import annotations

import shutil
import tempfile
from xml.sax.saxutils import escape, quoteattr

from newslint.findings import FileResult, Finding
from newslint.formatters import FileTally, Formatter, Summary
from newslint.lazy import lazy_regex

# XML 1.0 cannot carry most control characters, even escaped.
_INVALID_XML = lazy_regex(r"[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _attr(text: str) -> str:
    return quoteattr(_clean(text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _line(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.code} {f.name} ({f.severity.label}): {f.message}"


class JunitFormatter(Formatter):
    name = "junit"
    description = "JUnit XML: a test case per file, a failure per finding (Jenkins, Azure DevOps)"

    #: Rendered test cases kept in memory before they spill to a temporary file.
    SPOOL_BYTES = 8 * 1024 * 1024

    def begin(self) -> None:
        self._cases = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed in end()
            max_size=self.SPOOL_BYTES, mode="w+", encoding="utf-8"
        )
        self._tests = self._failures = self._errors = 0

    def render(self, result: FileResult) -> str:
        fail_on = self.info.fail_on
        failing = [
            f
            for f in result.findings
            if not f.suppressed and fail_on is not None and f.severity >= fail_on
        ]
        failing_ids = {id(f) for f in failing}
        below = [f for f in result.findings if not f.suppressed and id(f) not in failing_ids]
        folder, _, _ = result.path.rpartition("/")
        parts = [
            f"    <testcase classname={_attr(folder or '.')} name={_attr(result.path)} "
            f"file={_attr(result.path)}"
        ]
        body: list[str] = []
        for f in failing:
            body.append(
                f"      <failure message={_attr(_line(f))} type={_attr(f.code + ' ' + f.name)}>"
                f"{escape(_clean(_details(f)))}</failure>"
            )
        for e in result.errors:
            who = f" [{e.rule or e.plugin}]" if (e.rule or e.plugin) else ""
            body.append(
                f"      <error message={_attr(e.message)} type={_attr(e.kind + who)}>"
                f"{escape(_clean(f'{e.path}: {e.message}'))}</error>"
            )
        if below:
            out = "\n".join(_line(f) for f in below)
            body.append(f"      <system-out>{escape(_clean(out))}</system-out>")
        if body:
            parts.append(">\n" + "\n".join(body) + "\n    </testcase>")
        else:
            parts.append("/>")
        return "".join(parts) + "\n"

    def fragment_key(self) -> str:
        fail_on = self.info.fail_on
        return f"junit:{'never' if fail_on is None else fail_on.label}"

    def emit(self, fragment: str, tally: FileTally) -> None:
        self._cases.write(fragment)
        self._tests += 1
        self._failures += tally.failing(self.info.fail_on)
        self._errors += tally.errors

    def end(self, summary: Summary) -> None:
        w = self.stream.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n')
        w(
            f'<testsuites name="newslint" tests="{self._tests}" failures="{self._failures}" '
            f'errors="{self._errors}">\n'
        )
        w(
            f'  <testsuite name="newslint" tests="{self._tests}" failures="{self._failures}" '
            f'errors="{self._errors}" skipped="0">\n'
        )
        self._cases.seek(0)
        shutil.copyfileobj(self._cases, self.stream)
        self._cases.close()
        w("  </testsuite>\n</testsuites>\n")


def _details(f: Finding) -> str:
    lines = [_line(f)]
    if f.excerpt:
        lines.append(f"    | {f.excerpt}")
    return "\n".join(lines)
