"""``--format html``: one self-contained page to review a run: a summary, then every article
with its findings marked in its text, their evidence and suggested fixes; filters and
keyboard navigation. No network: styles and script are inline and allowed by hash.

    newslint check --format html=report.html articles/

Each article's part is made where the file was linted (:meth:`HtmlFormatter.render`, from
the result's ``source``: the formatter sets ``needs_source``), and cached like any format's
text. The summary must come first on the page but is known only at the end, so articles
wait in a temporary file and the page is written in :meth:`HtmlFormatter.end`: memory
stays flat at any number of articles.

Words go through ``t`` (``RunInfo.extra["translate"]``, a picklable ``str -> str``: it
travels to the worker processes; ``extra["locale"]`` names its language for the page and
the cache). Documented in ``docs/output-formats.md``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from typing import Any, NamedTuple

from newslint.findings import FileError, FileResult
from newslint.formatters import FileTally, Formatter, Summary
from newslint.formatters.html_article import render_article
from newslint.formatters.html_page import (
    Tally,
    asset,
    errors_section,
    identity,
    page_head,
    page_tail,
    summary_section,
    toolbar,
)

#: Bump when an article's markup changes, so cached parts of older pages are not reused.
MARKUP_VERSION = "1"
_OPEN = "<section "


class _Error(NamedTuple):
    """A file error as the page lists it (carried in the article's line of facts)."""

    path: str
    kind: str
    rule: str | None
    plugin: str | None
    message: str


class HtmlFormatter(Formatter):
    name = "html"
    description = "one self-contained HTML page: articles with their findings"
    needs_source = True

    def begin(self) -> None:
        extra = self.info.extra
        self._t = extra.get("translate") or identity
        self._locale = str(extra.get("locale") or "en")
        self._errors: list[FileError] = []
        self._tally = Tally()
        self._count = 0
        self._spool: Any = None  # the articles, until the summary above them is known

    def fragment_key(self) -> str:
        locale = str(self.info.extra.get("locale") or "en")
        return f"html:{MARKUP_VERSION}:{int(self.info.show_suppressed)}:{locale}"

    def render(self, result: FileResult) -> str:
        return render_article(result, self._t, self.info.show_suppressed)

    def emit(self, fragment: str, tally: FileTally) -> None:
        meta_line, _, section = fragment.partition("\n")
        try:
            meta = json.loads(meta_line)
        except ValueError:
            meta = {}
        if not isinstance(meta, dict):
            meta = {}
        self._errors.extend(_Error(*row) for row in meta.pop("x", ()) if len(row) == 5)
        if not section.startswith(_OPEN):  # a file that could not be read: no article
            return
        number = self._count
        self._count += 1
        self._tally.add(number, meta)
        # the article's number is known only here
        section = f'{_OPEN}id="a{number}" {section[len(_OPEN) :]}'
        if self._spool is None:
            # Lives from the first article to end(), which closes it: no ``with`` spans that.
            self._spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")  # noqa: SIM115
        self._spool.write(section)

    def end(self, summary: Summary) -> None:
        t, css, js = self._t, asset("html_report.css"), asset("html_report.js")
        w = self.stream.write
        w(page_head(t, css, js, self._locale))
        w(toolbar(t, self._tally.rules, self.info.show_suppressed))
        w('<main id="nl-main">')
        w(errors_section(t, self._errors))
        w(summary_section(t, self.info, summary, self._tally))
        if self._spool is not None:
            self._spool.seek(0)
            shutil.copyfileobj(self._spool, self.stream, 1 << 20)
            self._spool.close()
            self._spool = None
        w(page_tail(t, js, empty=self._count == 0))
