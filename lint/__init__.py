"""newslint: a content-compliance linter for news and financial articles.

Library use::

    import newslint
    for finding in newslint.lint_text(article, path="story.md"):
        print(finding.line, finding.column, finding.code, finding.message)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newslint.api import lint_paths, lint_text
    from newslint.findings import FileResult, Finding, Hit, Severity
    from newslint.rule import Rule, RuleContext

_LAZY = {
    "lint_text": "newslint.api",
    "lint_paths": "newslint.api",
    "Finding": "newslint.findings",
    "FileResult": "newslint.findings",
    "Hit": "newslint.findings",
    "Severity": "newslint.findings",
    "Rule": "newslint.rule",
    "RuleContext": "newslint.rule",
}


def __getattr__(name: str) -> Any:
    """Import the public API lazily so ``newslint --version`` starts fast."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newslint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "FileResult",
    "Finding",
    "Hit",
    "Rule",
    "RuleContext",
    "Severity",
    "__version__",
    "lint_paths",
    "lint_text",
]
