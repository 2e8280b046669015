"""Findings to and from the JSON the result cache stores (a malformed payload is a miss)."""

from __future__ import annotations

from typing import Any

from newslint.findings import Edit, FileResult, Finding, Fix, Severity


def _encode(result: FileResult) -> dict[str, Any]:
    return {
        "lang": result.lang,
        "notes": result.notes,
        "findings": [_encode_finding(f) for f in result.findings],
    }


def _encode_finding(f: Finding) -> list[Any]:
    fix = None
    if f.fix is not None:
        fix = [
            f.fix.title,
            f.fix.applicability,
            [[e.start, e.end, e.replacement] for e in f.fix.edits],
        ]
    return [
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        f.code,
        f.name,
        int(f.severity),
        f.message,
        f.excerpt,
        dict(f.evidence),
        fix,
        f.fingerprint,
        f.suppressed,
        f.suppression_reason,
        f.offset,
        f.end_offset,
    ]


def _decode(display: str, payload: dict[str, Any]) -> FileResult | None:
    """Rebuild a FileResult; a malformed payload is a miss, never an exception."""
    try:
        findings = []
        for row in payload["findings"]:
            (
                line,
                col,
                end_line,
                end_col,
                code,
                name,
                sev,
                message,
                excerpt,
                evidence,
                fix,
                fingerprint,
                suppressed,
                reason,
                offset,
                end_offset,
            ) = row
            fix_obj = None
            if fix is not None:
                title, applicability, edits = fix
                fix_obj = Fix(title, tuple(Edit(s, e, r) for s, e, r in edits), applicability)
            findings.append(
                Finding(
                    display,
                    line,
                    col,
                    end_line,
                    end_col,
                    code,
                    name,
                    Severity(sev),
                    message,
                    excerpt,
                    evidence,
                    fix_obj,
                    fingerprint,
                    suppressed,
                    reason,
                    offset,
                    end_offset,
                )
            )
        return FileResult(
            display,
            findings=findings,
            lang=payload.get("lang"),
            notes=list(payload.get("notes") or []),
        )
    except (KeyError, TypeError, ValueError):
        return None
