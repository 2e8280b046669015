"""Built-in readers (plain text, Markdown, HTML), registered as the ``builtin-readers`` plugin.

A reader turns decoded source text into an :class:`~newslint.article.Article` whose
``text`` maps back to the source through its ``smap``. Readers never see bytes: decoding is
:func:`newslint.readers.decode.decode_bytes`'s job, so every format shares one encoding policy.
"""

from __future__ import annotations

from typing import Any

from newslint.hookspecs import hookimpl


@hookimpl
def newslint_readers() -> list[Any]:
    from newslint.lazy import LazyReader

    # Imported on first use: a run over .txt files never loads the Markdown or HTML parser.
    return [
        LazyReader("text", (".txt", ".text"), "newslint.readers.text:TextReader"),
        LazyReader("markdown", (".md", ".markdown"), "newslint.readers.markdown:MarkdownReader"),
        LazyReader("html", (".html", ".htm"), "newslint.readers.html:HtmlReader"),
    ]
