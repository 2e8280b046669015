"""``--format github``: GitHub Actions workflow commands, shown as annotations on the PR.

    ::error file=a.md,line=3,col=5,endLine=3,endColumn=19,title=NL201 unattributed-quote::text

error → ``::error``, warning → ``::warning``, info → ``::notice``. Files that could not be
linted become ``::error file=PATH::`` lines. Suppressed findings are not printed: an
annotation cannot be marked as suppressed, and showing it would defeat the suppression.
"""

from __future__ import annotations

from newslint.findings import FileResult, Finding, Severity
from newslint.formatters import Formatter, Summary

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape a workflow-command message, as the Actions toolkit's ``escapeData`` does."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow-command property value (``escapeProperty``): also ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    """One workflow command line (without the newline)."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    return (
        f"::{name} {props}::{escape_data(message)}"
        if props
        else f"::{name}::{escape_data(message)}"
    )


def annotation(f: Finding) -> str:
    """The annotation line for one finding."""
    props: dict[str, object] = {"file": f.path, "line": f.line, "col": f.column}
    if f.end_line:
        props["endLine"] = f.end_line
    # GitHub ignores endColumn on multi-line annotations; give it only where it means something.
    if f.end_line == f.line and f.end_column:
        props["endColumn"] = f.end_column
    props["title"] = f"{f.code} {f.name}"
    return command(_COMMAND[f.severity], props, f.message)


class GithubFormatter(Formatter):
    name = "github"
    description = "GitHub Actions annotations (workflow commands)"

    def render(self, result: FileResult) -> str:
        out = []
        for e in result.errors:
            who = e.rule or e.plugin
            title = f"newslint {e.kind} error" + (f" ({who})" if who else "")
            out.append(command("error", {"file": e.path, "title": title}, e.message) + "\n")
        out += [annotation(f) + "\n" for f in result.findings if not f.suppressed]
        return "".join(out)

    def end(self, summary: Summary) -> None:
        # Nothing after the last annotation: the job log shows the exit code, and a summary
        # line would only be noise between the annotations.
        pass
