"""The ``newslint lsp`` language server (pygls), over standard input and output.

Documents are linted from the editor's buffer, never from disk: at once when opened or
saved, and 200 ms after the last change while typing (the newest version wins: a result for
an older version is dropped). Linting runs on one worker thread so the server keeps reading
messages; a rule that crashes becomes a diagnostic and a log message, a malformed request an
error response, never a dead server.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

from lsprotocol import types
from newslint import __version__
from newslint.config import CONFIG_FILES
from newslint.findings import FileError, Finding
from newslint.lsp import convert
from newslint.lsp.configs import ConfigStore
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

log = logging.getLogger("newslint.lsp")

#: Quiet time after a change before the document is linted again.
DEBOUNCE = 0.2


class _Answered:
    """Stands for a request already answered with an error while it was being decoded."""


class Protocol(LanguageServerProtocol):
    """pygls' protocol, except that a request whose params do not decode gets an error
    response (pygls only logs it, and the client would wait for ever)."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "method" in data and data.get("id") is not None:
                self._send_response(data["id"], None, exc.to_response_error())
                return _Answered
            raise

    def handle_message(self, message: Any) -> None:
        if message is not _Answered:
            super().handle_message(message)


class Linted(NamedTuple):
    """One lint of one version of a document."""

    version: int | None
    buffer: convert.Buffer
    findings: list[Finding]
    diagnostics: list[types.Diagnostic]
    suffix: str
    session: Any
    display: str = ""


class NewslintServer(LanguageServer):
    def __init__(self, plugins: tuple[str, ...] = ()) -> None:
        super().__init__("newslint", __version__, protocol_cls=Protocol)
        self.plugins = plugins
        self.store: ConfigStore | None = None
        #: Open documents (URI as the client spells it) and their language ids.
        self.open: dict[str, str] = {}
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.shown_errors: dict[str, str | None] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lint")
        self._loop: asyncio.AbstractEventLoop | None = None

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Bad notifications are logged for the user, not shown as pop-ups."""
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=f"newslint: {error}")
        )

    # -- linting ------------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or convert.UTF16)

    def configs(self) -> ConfigStore:
        if self.store is None:
            root = self.workspace.root_path
            self.store = ConfigStore(Path(root) if root else Path.cwd(), self.plugins)
        return self.store

    def lint_now(self, uri: str, text: str, version: int | None, language: str) -> Linted | None:
        """Lint one version of a buffer (on the worker thread). None: not an article."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        suffix = Path(path).suffix.lower() if path else ""
        if suffix not in convert.ARTICLE_SUFFIXES:
            suffix = convert.LANGUAGE_SUFFIX.get(language, "")
            if path is not None or not suffix:
                return None
        buf = convert.Buffer(text, self.encoding)
        resolved = self.configs().resolve(Path(path).parent if path else None)
        if resolved.reloaded:
            self.call_soon(self.relint_all, uri)
        if resolved.error != self.shown_errors.get(resolved.key):
            self.shown_errors[resolved.key] = resolved.error
            self.call_soon(self.config_message, resolved)
        session = resolved.session
        if session is None:
            diag = convert.notice_diagnostic(f"newslint config error: {resolved.error}")
            return Linted(version, buf, [], [diag], suffix, None)
        display = self.display_path(session, path, suffix)
        if display is None:  # excluded by the config (or README, LICENSE...): not an article
            return Linted(version, buf, [], [], suffix, session)
        limit = session.config.max_file_size
        if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:
            note = (
                f"not checked: over the {limit:,}-byte max-file-size "
                "(raise max-file-size in the config to check it)"
            )
            return Linted(version, buf, [], [convert.notice_diagnostic(note)], suffix, session)
        try:
            result = session.linter.lint_bytes(text, display)
            findings, errors = result.findings, result.errors
        except Exception as exc:  # the engine turns rule crashes into errors; belt and braces
            findings, errors = [], [FileError(display, "engine", f"{type(exc).__name__}: {exc}")]
        for e in errors:
            self.call_soon(self.log_error, uri, e)
        diagnostics = convert.diagnostics(buf, findings, errors)
        return Linted(version, buf, findings, diagnostics, suffix, session, display)

    @staticmethod
    def display_path(session: Any, path: str | None, suffix: str) -> str | None:
        """The path findings are reported under (relative to the config's folder, as the
        CLI shows it), or None when the config excludes the file."""
        if path is None:
            return f"untitled{suffix}"
        if not session.discover([path], force_exclude=True):
            return None
        try:
            return Path(path).relative_to(session.cwd).as_posix()
        except ValueError:
            return path

    async def lint_and_publish(self, uri: str) -> Linted | None:
        """Lint the buffer as it is now and publish, unless the user typed on meanwhile."""
        language = self.open.get(uri)
        if language is None:
            return None
        doc = self.workspace.get_text_document(uri)
        text, version = doc.source, doc.version  # a snapshot: the worker sees one version
        linted = await self.on_worker(self.lint_now, uri, text, version, language)
        if linted is None or uri not in self.open:
            return linted
        if linted.version != self.workspace.get_text_document(uri).version:
            return linted  # a newer version is on its way; its lint will publish
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=linted.version, diagnostics=linted.diagnostics
            )
        )
        return linted

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing a lint already waiting."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._later(uri, delay))

    async def _later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            await self.lint_and_publish(uri)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # never let one document's trouble end the server
            log.exception("linting %s failed", uri)
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Error, message=f"newslint: linting {uri}: {exc}"
                )
            )
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    async def fresh(self, uri: str) -> Linted | None:
        """The lint of the document's current version (linting it now if needed), for
        requests whose answer must match what the editor shows."""
        doc = self.workspace.get_text_document(uri)
        linted = self.linted.get(uri)
        if linted is not None and linted.version == doc.version:
            return linted
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        return await self.lint_and_publish(uri)

    def relint_all(self, except_uri: str | None = None) -> None:
        for uri in list(self.open):
            if uri != except_uri:
                self.schedule(uri, 0)

    def config_message(self, resolved: Any) -> None:
        if resolved.error is None:
            message, kind = f"newslint: config reloaded ({resolved.key})", types.MessageType.Info
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
            return
        keep = (
            " (still using the previous version of it)"
            if resolved.session is not None
            else " (articles it governs are not checked until it is fixed)"
        )
        self.window_show_message(
            types.ShowMessageParams(
                type=types.MessageType.Error,
                message=f"newslint: config error: {resolved.error}{keep}",
            )
        )

    def log_error(self, uri: str, error: FileError) -> None:
        who = f" rule {error.rule!r}" if error.rule else ""
        self.window_log_message(
            types.LogMessageParams(
                type=types.MessageType.Error,
                message=f"newslint:{who} failed on {uri}: {error.message}",
            )
        )

    def call_soon(self, fn: Any, *args: Any) -> None:
        """Run ``fn`` on the event loop (from the worker thread)."""
        assert self._loop is not None  # set before the worker gets anything to do
        self._loop.call_soon_threadsafe(fn, *args)

    async def on_worker(self, fn: Any, *args: Any) -> Any:
        """``fn(*args)`` on the lint thread, which owns the sessions."""
        self._loop = asyncio.get_running_loop()
        return await self._loop.run_in_executor(self.worker, fn, *args)


def is_config_uri(uri: str) -> bool:
    return uri.rsplit("/", 1)[-1] in CONFIG_FILES
