"""``newslint lsp``: diagnostics, fixes, suppressions and rule docs in the editor.

Imported only by the ``lsp`` command, so ``newslint check`` never loads pygls.
"""

from __future__ import annotations

from collections.abc import Sequence


def serve(plugins: Sequence[str] = ()) -> int:
    """Run the language server on standard input and output until the client exits."""
    from newslint.lsp.features import register
    from newslint.lsp.server import NewslintServer

    server = NewslintServer(tuple(plugins))
    register(server)
    server.start_io()
    return 0
