"""The LSP methods ``newslint lsp`` answers, registered on a :class:`NewslintServer`."""

from __future__ import annotations

from typing import Any

from lsprotocol import types
from newslint.lsp import convert
from newslint.lsp.server import DEBOUNCE, Linted, NewslintServer, is_config_uri

#: Config files whose changes the server asks the client to report.
WATCHED = ("**/newslint.yaml", "**/.newslint.yaml", "**/pyproject.toml")
FIX_ALL = "source.fixAll.newslint"


def register(server: NewslintServer) -> None:
    """Attach the handlers (a function, so tests and the CLI build servers the same way)."""

    @server.feature(types.INITIALIZED)
    async def initialized(ls: NewslintServer, params: types.InitializedParams) -> None:
        dynamic = (
            ls.client_capabilities.workspace is not None
            and ls.client_capabilities.workspace.did_change_watched_files is not None
            and ls.client_capabilities.workspace.did_change_watched_files.dynamic_registration
        )
        if not dynamic:
            return  # modification times are still compared on every lint
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
        )
        registration = types.Registration(
            id="newslint-config-watch",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except Exception as exc:  # the client may refuse; mtimes still catch changes
            ls.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Warning,
                    message=f"newslint: could not watch config files: {exc}",
                )
            )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.open[uri] = params.text_document.language_id or ""
        ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if is_config_uri(uri):
            ls.configs().invalidate()
            ls.relint_all()
        elif uri in ls.open:
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.linted.pop(uri, None)
        if ls.open.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: NewslintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_config_uri(c.uri) for c in params.changes):
            ls.configs().invalidate()
            ls.relint_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False
        ),
    )
    async def code_action(
        ls: NewslintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        if uri not in ls.open:
            return None
        linted = await ls.fresh(uri)
        if linted is None or linted.session is None:
            return None
        only = params.context.only
        actions: list[types.CodeAction] = []
        if only is None or types.CodeActionKind.QuickFix in only:
            actions += _quick_fixes(ls, uri, linted, params.range)
        if only is None or any(FIX_ALL.startswith(k) for k in only):
            fix_all = await ls.on_worker(_fix_all, ls, uri, linted)
            if fix_all is not None:
                actions.append(fix_all)
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: NewslintServer, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        if uri not in ls.open:
            return None
        linted = await ls.fresh(uri)
        if linted is None or linted.session is None:
            return None
        hits = convert.finding_at(linted.buffer, linted.findings, params.position)
        if not hits:
            return None
        formats = _hover_formats(ls)
        markdown = types.MarkupKind.Markdown in formats if formats else True
        from newslint.ruledoc import explain_text

        packs = sorted(linted.session.registry.packs)
        parts = []
        for f in hits:
            rule = linted.session.find_rule(f.code)
            explanation = explain_text(rule, packs) if rule is not None else f"{f.code} {f.name}"
            parts.append(convert.hover_text(f, explanation, markdown))
        kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
        return types.Hover(
            contents=types.MarkupContent(kind=kind, value="\n\n---\n\n".join(parts)),
            range=convert.finding_range(linted.buffer, hits[0]),
        )


def _hover_formats(ls: NewslintServer) -> list[Any]:
    td = ls.client_capabilities.text_document
    if td is None or td.hover is None or td.hover.content_format is None:
        return []
    return list(td.hover.content_format)


def _workspace_edit(
    ls: NewslintServer, uri: str, version: int | None, edits: list[types.TextEdit]
) -> types.WorkspaceEdit:
    """A versioned document edit when the client takes one (a stale edit is then refused
    instead of applied to moved text), else the plain ``changes`` map."""
    ws = ls.client_capabilities.workspace
    if ws is not None and ws.workspace_edit is not None and ws.workspace_edit.document_changes:
        doc = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=doc, edits=list(edits))]
        )
    return types.WorkspaceEdit(changes={uri: edits})


def _quick_fixes(
    ls: NewslintServer, uri: str, linted: Linted, wanted: types.Range
) -> list[types.CodeAction]:
    from newslint.fixer import already_there

    buf = linted.buffer
    out: list[types.CodeAction] = []
    for f in linted.findings:
        if f.suppressed:
            continue
        diag = convert.to_diagnostic(buf, f)
        if not convert.overlaps(diag.range, wanted):
            continue
        fix = f.fix
        if fix is not None and fix.edits and not already_there(buf.text, fix):
            out.append(
                types.CodeAction(
                    title=convert.fix_title(f, fix),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=fix.applicability == "safe",
                    edit=_workspace_edit(ls, uri, linted.version, convert.fix_edits(buf, fix)),
                )
            )
        edit = convert.suppression_edit(buf, f, linted.suffix)
        if edit is not None:
            out.append(
                types.CodeAction(
                    title=f"Suppress {f.name} here with a reason (write it after --)",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    edit=_workspace_edit(ls, uri, linted.version, [edit]),
                )
            )
    return out


def _fix_all(ls: NewslintServer, uri: str, linted: Linted) -> types.CodeAction | None:
    """Every safe fix, applied as ``newslint check --fix`` would (runs on the worker)."""
    from newslint.fixer import fix_text

    text = linted.buffer.text
    fixed, _result, applied = fix_text(linted.session.linter, text, linted.display, unsafe=False)
    if not applied or fixed == text:
        return None
    whole = linted.buffer.range(0, len(text))
    return types.CodeAction(
        title=f"Apply the safe newslint fixes ({applied})",
        kind=FIX_ALL,
        edit=_workspace_edit(ls, uri, linted.version, [types.TextEdit(whole, fixed)]),
    )
