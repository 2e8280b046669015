"""``newslint lsp`` end to end: a real client drives the server process over stdio."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import (
    WireClient,
    apply_edit,
    diagnostics,
    open_doc,
    replace_all,
    start,
    until,
)
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_515427318ff19ac6.txt"
ROCKET = "🚀"  # outside the Basic Multilingual Plane: two UTF-16 code units
# Headline; a figure after two emoji on one line; a figure nobody sources.
EMOJI_ARTICLE = (
    "Acme shares climb\n\n"
    f"Traders cheered {ROCKET}{ROCKET} as Acme rose 12% on Tuesday.\n\n"
    "Reporting by Jane Doe; Editing by John Roe\n"
)
HOUSE_RULES = """\
rules:
  - kind: replace
    code: HR100
    name: percent-spelling
    message: "write '{replacement}', not '{match}'"
    replacements:
      per cent: percent
"""


def cp_to_utf16(line: str, column: int) -> int:
    return len(line[: column - 1].encode("utf-16-le")) // 2


def codes(diags: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diags)


@pytest.mark.asyncio
async def test_seed_diagnostics_match_the_cli(lsp: LanguageClient, tmp_path: Path, run_cli):
    """initialize → didOpen → publishDiagnostics: the CLI's five findings, same spans."""
    text = SEED.read_text(encoding="utf-8")
    article = tmp_path / "seed.txt"
    article.write_text(text, encoding="utf-8")
    cli = run_cli("check", "--format", "json", "seed.txt", cwd=tmp_path)
    expected = json.loads(cli.stdout)["findings"]
    assert len(expected) == 5

    result = await start(lsp, tmp_path)
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16
    assert result.capabilities.hover_provider
    uri = open_doc(lsp, article, text, "plaintext")
    got = await diagnostics(lsp, uri, 1)

    lines = text.splitlines()
    want = [
        (
            f["code"],
            f["line"] - 1,
            cp_to_utf16(lines[f["line"] - 1], f["column"]),
            f["end_line"] - 1,
            cp_to_utf16(
                lines[f["end_line"] - 1] if f["end_line"] <= len(lines) else "", f["end_column"]
            ),
            f["message"],
        )
        for f in expected
    ]
    have = [
        (
            d.code,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
            d.message,
        )
        for d in got
    ]
    assert sorted(have) == sorted(want)
    assert all(d.source == "newslint" for d in got)
    severities = {f["code"]: f["severity"] for f in expected}
    lsp_severity = {"error": 1, "warning": 2, "info": 3}
    assert all(d.severity == lsp_severity[severities[str(d.code)]] for d in got)
    assert all(d.data["evidence"] is not None and d.data["name"] for d in got)


@pytest.mark.asyncio
async def test_emoji_before_the_span_utf16(lsp: LanguageClient, tmp_path: Path):
    article = tmp_path / "emoji.md"
    await start(lsp, tmp_path)
    uri = open_doc(lsp, article, EMOJI_ARTICLE, "markdown")
    got = [d for d in await diagnostics(lsp, uri, 1) if d.code == "NL301"]
    line = EMOJI_ARTICLE.splitlines()[2]
    col = line.index("12%")  # code points before the figure
    assert len(got) == 1
    assert got[0].range.start == types.Position(line=2, character=col + 2)  # +1 per emoji
    assert got[0].range.end == types.Position(line=2, character=col + 2 + 3)


@pytest.mark.parametrize(
    ("offered", "width"),
    [("utf-32", lambda s: len(s)), ("utf-8", lambda s: len(s.encode("utf-8")))],
)
@pytest.mark.asyncio
async def test_negotiated_position_encoding(
    lsp: LanguageClient, tmp_path: Path, offered: str, width
):
    caps = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=[offered, "utf-16"])
    )
    result = await start(lsp, tmp_path, caps)
    assert result.capabilities.position_encoding == offered
    uri = open_doc(lsp, tmp_path / "emoji.md", EMOJI_ARTICLE, "markdown")
    (fig,) = [d for d in await diagnostics(lsp, uri, 1) if d.code == "NL301"]
    line = EMOJI_ARTICLE.splitlines()[2]
    prefix = line[: line.index("12%")]
    assert fig.range.start == types.Position(line=2, character=width(prefix))
    assert fig.range.end.character == width(prefix + "12%")


@pytest.mark.asyncio
async def test_did_change_updates_diagnostics(lsp: LanguageClient, tmp_path: Path):
    await start(lsp, tmp_path)
    uri = open_doc(lsp, tmp_path / "a.md", EMOJI_ARTICLE, "markdown")
    assert "NL301" in codes(await diagnostics(lsp, uri, 1))
    # An incremental edit, as editors send while typing: source the figure.
    line = EMOJI_ARTICLE.splitlines()[2]
    at = types.Position(line=2, character=len(line.encode("utf-16-le")) // 2 - 1)
    for version, piece in ((2, ","), (3, " the company said")):
        lsp.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(range=types.Range(at, at), text=piece)
                ],
            )
        )
        at = types.Position(line=2, character=at.character + len(piece))
    after = await diagnostics(lsp, uri, 3)
    assert "NL301" not in codes(after)
    # Debounced: the edits came together, so version 2 was never published on its own.
    assert not any(p.uri == uri and p.version == 2 for p in lsp.published)
    # Saving lints at once (no debounce) and publishes that version again.
    seen = len(lsp.published)
    lsp.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert codes(await diagnostics(lsp, uri, 3, after=seen)) == codes(after)


@pytest.mark.asyncio
async def test_fix_code_action(lsp: LanguageClient, tmp_path: Path):
    (tmp_path / "house.yaml").write_text(HOUSE_RULES, encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text("house-rules: [house.yaml]\n", encoding="utf-8")
    text = EMOJI_ARTICLE.replace("12%", "12 per cent, the company said,")
    await start(lsp, tmp_path)
    uri = open_doc(lsp, tmp_path / "fix.md", text, "markdown")
    (diag,) = [d for d in await diagnostics(lsp, uri, 1) if d.code == "HR100"]
    assert diag.data["fix"]["applicability"] == "safe"
    actions = await lsp.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag]),
        )
    )
    assert actions is not None
    fixes = [a for a in actions if isinstance(a, types.CodeAction) and "HR100" in a.title]
    assert len(fixes) == 1 and fixes[0].is_preferred and fixes[0].edit is not None
    fixed = apply_edit(text, uri, fixes[0].edit)
    assert "12 percent" in fixed and ROCKET * 2 in fixed
    replace_all(lsp, uri, 2, fixed)
    assert "HR100" not in codes(await diagnostics(lsp, uri, 2))
    # Unsafe fixes say so in their title (the credit line keeps a placeholder for a name).
    no_credit = fixed.replace("Reporting by Jane Doe; Editing by John Roe\n", "")
    replace_all(lsp, uri, 3, no_credit)
    (credit,) = [d for d in await diagnostics(lsp, uri, 3) if d.code == "NL102"]
    assert credit.data["fix"]["applicability"] == "unsafe"
    actions = await lsp.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=credit.range,
            context=types.CodeActionContext(diagnostics=[credit]),
        )
    )
    (unsafe,) = [a for a in actions or [] if "NL102" in a.title and "fix" in a.title.lower()]
    assert unsafe.title.startswith("Unsafe fix") and not unsafe.is_preferred
    assert unsafe.edit is not None
    assert "Editing by" in apply_edit(no_credit, uri, unsafe.edit)


@pytest.mark.asyncio
async def test_suppress_with_reason_code_action(lsp: LanguageClient, tmp_path: Path):
    (tmp_path / "newslint.yaml").write_text("require-suppression-reason: true\n", encoding="utf-8")
    await start(lsp, tmp_path)
    uri = open_doc(lsp, tmp_path / "s.md", EMOJI_ARTICLE, "markdown")
    (fig,) = [d for d in await diagnostics(lsp, uri, 1) if d.code == "NL301"]
    actions = await lsp.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=fig.range,
            context=types.CodeActionContext(diagnostics=[fig], only=["quickfix"]),
        )
    )
    (suppress,) = [a for a in actions or [] if a.title.startswith("Suppress unsourced-figure")]
    assert suppress.edit is not None
    text = apply_edit(EMOJI_ARTICLE, uri, suppress.edit)
    assert "<!-- newslint-disable-next-line unsourced-figure -- -->\nTraders" in text
    replace_all(lsp, uri, 2, text)
    after = codes(await diagnostics(lsp, uri, 2))
    assert "NL301" not in after
    assert "NL902" in after  # the reason is the editor's to write, and it is still missing
    replace_all(lsp, uri, 3, text.replace("-- -->", "-- figure from our own survey -->"))
    final = codes(await diagnostics(lsp, uri, 3))
    assert "NL301" not in final and "NL902" not in final


@pytest.mark.asyncio
async def test_hover_explains_the_rule(lsp: LanguageClient, tmp_path: Path):
    await start(lsp, tmp_path)
    uri = open_doc(lsp, tmp_path / "h.md", EMOJI_ARTICLE, "markdown")
    (fig,) = [d for d in await diagnostics(lsp, uri, 1) if d.code == "NL301"]
    inside = types.Position(line=fig.range.start.line, character=fig.range.start.character + 1)
    hover = await lsp.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=inside)
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    value = hover.contents.value
    assert "NL301 unsourced-figure" in value and "What it checks" in value
    assert '"figure": "12%"' in value  # this finding's evidence
    assert hover.range == fig.range
    outside = await lsp.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=0),
        )
    )
    assert outside is None


@pytest.mark.asyncio
async def test_config_change_is_picked_up(lsp: LanguageClient, tmp_path: Path):
    config = tmp_path / "newslint.yaml"
    config.write_text("rules: {}\n", encoding="utf-8")
    await start(lsp, tmp_path)
    await until(lambda: lsp.registrations, "the config-file watcher registration")
    uri = open_doc(lsp, tmp_path / "c.md", EMOJI_ARTICLE, "markdown")
    assert "NL301" in codes(await diagnostics(lsp, uri, 1))

    # The client reports the change: open documents are re-published without asking.
    seen = len(lsp.published)
    config.write_text("rules: {unsourced-figure: off}\n", encoding="utf-8")
    lsp.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    assert "NL301" not in codes(await diagnostics(lsp, uri, 1, after=seen))

    # A broken config: an error message, the server stays up on the last good config.
    seen = len(lsp.published)
    config.write_text("rules: {unsourced-figure: [\n", encoding="utf-8")
    lsp.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    msg = await until(
        lambda: [m for m in lsp.messages if m.type == types.MessageType.Error],
        "a window/showMessage error",
    )
    assert "newslint.yaml" in msg[0].message
    assert "NL301" not in codes(await diagnostics(lsp, uri, 1, after=seen))

    # Unreported change (say, a git pull): seen by modification time on the next lint.
    config.write_text("rules: {unsourced-figure: error}\n", encoding="utf-8")
    replace_all(lsp, uri, 2, EMOJI_ARTICLE + "\n")
    (fig,) = [d for d in await diagnostics(lsp, uri, 2) if d.code == "NL301"]
    assert fig.severity == types.DiagnosticSeverity.Error


@pytest.mark.asyncio
async def test_unknown_method_is_an_error_response(lsp: LanguageClient, tmp_path):
    await start(lsp, tmp_path)
    with pytest.raises(JsonRpcException) as unknown:
        await lsp.protocol.send_request_async("newslint/noSuchMethod", {})
    assert unknown.value.code == -32601  # method not found
    uri = open_doc(lsp, tmp_path / "ok.md", EMOJI_ARTICLE, "markdown")
    assert "NL301" in codes(await diagnostics(lsp, uri, 1))  # still serving


def test_malformed_messages_get_errors_and_the_server_lives(tmp_path: Path):
    """Raw JSON-RPC: params no typed client would send."""
    wire = WireClient(tmp_path)
    try:
        wire.send({"id": 1, "method": "initialize", "params": {"capabilities": {}}})
        assert "capabilities" in wire.answer(1)["result"]
        wire.send({"method": "initialized", "params": {}})
        wire.send({"id": 2, "method": "textDocument/hover", "params": {"textDocument": 5}})
        assert wire.answer(2)["error"]["code"] == -32602  # invalid params
        wire.send({"id": 3, "method": "textDocument/codeAction", "params": None})
        assert "error" in wire.answer(3)
        # Notifications cannot be answered; they must not stop the server either.
        wire.send({"method": "textDocument/didOpen", "params": {"textDocument": None}})
        wire.send({"method": "textDocument/didChange", "params": {"textDocument": {"uri": 1}}})
        change = {
            "textDocument": {"uri": "file:///nowhere.md", "version": 2},
            "contentChanges": [{"text": "x"}],
        }
        wire.send({"method": "textDocument/didChange", "params": change})
        uri = (tmp_path / "ok.md").as_uri()
        item = {"uri": uri, "languageId": "markdown", "version": 1, "text": EMOJI_ARTICLE}
        wire.send({"method": "textDocument/didOpen", "params": {"textDocument": item}})
        position = {"line": 2, "character": EMOJI_ARTICLE.splitlines()[2].index("12%") + 3}
        hover = {"textDocument": {"uri": uri}, "position": position}
        wire.send({"id": 4, "method": "textDocument/hover", "params": hover})
        assert "unsourced-figure" in wire.answer(4)["result"]["contents"]["value"]
    finally:
        assert wire.close() == 0


@pytest.mark.asyncio
async def test_a_crashing_rule_is_one_diagnostic(lsp: LanguageClient, tmp_path: Path):
    await start(lsp, tmp_path)
    text = EMOJI_ARTICLE.replace("on Tuesday", "on Tuesday BOOM")
    uri = open_doc(lsp, tmp_path / "boom.md", text, "markdown")
    got = await diagnostics(lsp, uri, 1)
    crashed = [d for d in got if "'raises' failed" in d.message]
    assert len(crashed) == 1 and "kaboom" in crashed[0].message
    assert "NL301" in codes(got)  # the other rules still ran
    await until(lambda: [m for m in lsp.log_messages if "kaboom" in m.message], "a log message")


@pytest.mark.asyncio
async def test_non_articles_and_closing(lsp: LanguageClient, tmp_path: Path):
    await start(lsp, tmp_path)
    code = open_doc(lsp, tmp_path / "script.py", "print('12%')\n", "python")
    uri = open_doc(lsp, tmp_path / "a.md", EMOJI_ARTICLE, "markdown")
    await diagnostics(lsp, uri, 1)
    assert not any(p.uri == code for p in lsp.published)
    seen = len(lsp.published)
    lsp.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri=uri))
    )
    cleared = await until(
        lambda: [p for p in lsp.published[seen:] if p.uri == uri], "cleared diagnostics"
    )
    assert list(cleared[-1].diagnostics) == []


@pytest.mark.asyncio
async def test_shutdown_and_exit(lsp: LanguageClient, tmp_path: Path):
    await start(lsp, tmp_path)
    await lsp.shutdown_session()  # shutdown request, then exit
    server = lsp._server
    assert server is not None
    assert server.returncode == 0
