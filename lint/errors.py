"""Error tree and exit codes.

Config and plugin-loading errors stop the run before anything is linted (exit 2); input and
rule errors are reported for one file and the run goes on (exit 3, "incomplete").
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Process exit codes; each has exactly one meaning (documented in README)."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INCOMPLETE = 3


class NewslintError(Exception):
    """Base of every error newslint reports as a message instead of a traceback."""


class ConfigError(NewslintError):
    """A configuration, rule-file or command-line problem; stops the run (exit 2)."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
    ) -> None:
        self.reason = message
        self.path = path
        self.line = line
        self.column = column
        self.key = key
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        key = f" at '{self.key}'" if self.key else ""
        return f"{where}{key}: {self.reason}" if where else f"{self.reason}{key}"


class UsageError(ConfigError):
    """A mistake on the command line (an option, a value, a file named there); exit 2.

    A subclass of :class:`ConfigError` so library callers catching that still catch it;
    the CLI reports it as "usage error", pointing the user at the command, not the config.
    """


class PluginError(NewslintError):
    """A plugin could not be loaded or registered; stops the run (exit 2)."""


class InputError(NewslintError):
    """An input file could not be read or decoded; that file is skipped (exit 3)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class RuleError(NewslintError):
    """A rule failed on one file; its other findings and other rules still count (exit 3)."""

    def __init__(self, path: str, rule: str, cause: str, plugin: str | None = None) -> None:
        self.path = path
        self.rule = rule
        self.cause = cause
        self.plugin = plugin
        super().__init__(f"{path}: rule {rule} failed: {cause}")
