"""A real LSP client (pytest-lsp) driving ``python -m newslint lsp`` as a subprocess."""

from __future__ import annotations

import asyncio
import json
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

TIMEOUT = 60.0  # generous: two cores shared by several workers
PLUGINS = str(Path(__file__).resolve().parents[1] / "engine")  # testplugins.py (crashing rules)


def _make_client() -> LanguageClient:
    """pytest-lsp's client, keeping every publishDiagnostics (with its version) and
    accepting the server's registrations."""
    client = LanguageClient(converter_factory=default_converter)
    client.published: list[types.PublishDiagnosticsParams] = []  # type: ignore[misc]
    client.registrations: list[types.Registration] = []  # type: ignore[misc]

    def publish(ls: Any, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)

    def register(ls: Any, params: types.RegistrationParams) -> None:
        ls.registrations.extend(params.registrations)

    register_lsp_features(
        client,
        {
            **DEFAULT_CLIENT_FEATURES,
            types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
            types.CLIENT_REGISTER_CAPABILITY: register,
        },
    )
    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "newslint", "lsp", "-p", "testplugins"],
        client_factory=_make_client,
        server_env={**os.environ, "PYTHONPATH": PLUGINS},
    )
)
async def lsp(lsp_client: LanguageClient):
    """A client connected to a fresh server, not yet initialised (see :func:`start`)."""
    yield
    if not lsp_client.stopped:  # a test may have shut it down itself
        await lsp_client.shutdown_session()


async def start(
    client: LanguageClient, root: Path, capabilities: types.ClientCapabilities | None = None
) -> types.InitializeResult:
    caps = capabilities or pytest_lsp.client_capabilities("visual-studio-code")
    return await asyncio.wait_for(
        client.initialize_session(
            types.InitializeParams(
                capabilities=caps,
                root_uri=root.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="news")],
            )
        ),
        TIMEOUT,
    )


async def until(predicate: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    """Wait for ``predicate()`` to be truthy (polling the messages received so far)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def diagnostics(
    client: LanguageClient, uri: str, version: int, after: int = 0
) -> list[types.Diagnostic]:
    """The diagnostics published for ``version`` of ``uri`` (the newest such, past index
    ``after`` of the published list)."""

    def found() -> list[types.Diagnostic] | None:
        for p in reversed(client.published[after:]):  # type: ignore[attr-defined]
            if p.uri == uri and p.version == version:
                return list(p.diagnostics)
        return None

    got = await until(lambda: found() is not None, f"diagnostics of {uri} v{version}")
    assert got
    return found() or []


def open_doc(client: LanguageClient, path: Path, text: str, language: str) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )
    return uri


def replace_all(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def utf16_offset(text: str, pos: types.Position) -> int:
    """Code-point offset of an LSP (UTF-16) position: written independently of the
    server's conversion, so a shared mistake cannot hide."""
    lines = text.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[: pos.line])
    line = lines[pos.line] if pos.line < len(lines) else ""
    units = 0
    for i, ch in enumerate(line):
        if units >= pos.character:
            return offset + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return offset + len(line.rstrip("\r\n"))


def apply_edit(text: str, uri: str, edit: types.WorkspaceEdit) -> str:
    """``text`` with the workspace edit's text edits for ``uri`` applied."""
    edits: list[types.TextEdit] = []
    if edit.document_changes:
        for change in edit.document_changes:
            assert isinstance(change, types.TextDocumentEdit)
            assert change.text_document.uri == uri
            edits += [e for e in change.edits if isinstance(e, types.TextEdit)]
    else:
        edits = list((edit.changes or {})[uri])
    spans = sorted(
        (
            (utf16_offset(text, e.range.start), utf16_offset(text, e.range.end), e.new_text)
            for e in edits
        ),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


class WireClient:
    """JSON-RPC on the server's stdio with nothing in between: for messages a typed client
    refuses to send (malformed params). Reads time out instead of hanging the test."""

    def __init__(self, cwd: Path) -> None:
        env = {**os.environ, "PYTHONPATH": PLUGINS}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newslint", "lsp"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self.buffer = b""
        self.selector = selectors.DefaultSelector()
        assert self.proc.stdout is not None
        os.set_blocking(self.proc.stdout.fileno(), False)
        self.selector.register(self.proc.stdout, selectors.EVENT_READ)

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _fill(self, deadline: float) -> None:
        if not self.selector.select(max(0.0, deadline - time.monotonic())):
            raise AssertionError("timed out waiting for the server")
        assert self.proc.stdout is not None
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        if not chunk:
            raise AssertionError(f"the server exited ({self.proc.wait()})")
        self.buffer += chunk

    def receive(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.buffer:
            self._fill(deadline)
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
        while len(rest) < length:
            self.buffer = head + b"\r\n\r\n" + rest
            self._fill(deadline)
            head, _, rest = self.buffer.partition(b"\r\n\r\n")
        self.buffer = rest[length:]
        return dict(json.loads(rest[:length]))

    def answer(self, msg_id: int) -> dict[str, Any]:
        """The response to request ``msg_id`` (skipping notifications in between)."""
        while True:
            msg = self.receive()
            if msg.get("id") == msg_id and "method" not in msg:
                return msg

    def close(self) -> int:
        self.send({"id": 9999, "method": "shutdown", "params": None})
        self.answer(9999)
        self.send({"method": "exit", "params": None})
        code = self.proc.wait(timeout=TIMEOUT)
        self.selector.close()
        return code
