"""What the result cache stores: index rows, and findings as JSON (anything malformed is a miss)."""

from __future__ import annotations

import json
from typing import Any

from newslint.findings import Counts, Edit, FileResult, Finding, Fix, Severity

#: Where a piece of text lies: ``(source, offset, length)``; source 0 is the data file the
#: index named when loaded, source 1 the spool this run writes new pieces to (so new
#: results never pile up in memory; the spool becomes the next data file).
Piece = tuple[int, int, int]


class Entry:
    """What the index remembers of one article (see :mod:`newslint.cache`).

    No finding counts: the summary and exit code are always computed from the findings
    themselves (:func:`count_payload`), so a row cannot say "0 findings" for an article that
    has some. ``digest`` signs the article's content hash, its findings and every fragment
    (:meth:`newslint.cache.ResultCache.digest`); an entry whose pieces do not match it is a miss.
    """

    __slots__ = (
        "chash",
        "checked",
        "digest",
        "fragments",
        "ino",
        "lang",
        "mtime",
        "payload",
        "size",
        "verified",
    )

    def __init__(
        self,
        stat_sig: tuple[int, int, int],
        chash: str,
        checked: int,
        lang: str | None,
        payload: Piece,
        fragments: dict[str, Piece],
        digest: str = "",
    ) -> None:
        self.size, self.mtime, self.ino = stat_sig
        self.chash = chash
        self.checked = checked
        self.lang = lang
        self.payload = payload
        self.fragments = fragments
        self.digest = digest
        #: Fresh, or a hit that matched its digest in this run (only those are re-signed).
        self.verified = False

    def to_json(self) -> list[Any]:
        return [
            self.size,
            self.mtime,
            self.ino,
            self.chash,
            self.checked,
            self.lang,
            self.payload,
            self.fragments,
            self.digest,
        ]

    @classmethod
    def from_json(cls, row: Any, data_size: int) -> Entry | None:
        """An entry from an index row, or None if the row is malformed or out of bounds."""
        if not (isinstance(row, list) and len(row) == 9):
            return None
        size, mtime, ino, chash, checked, lang, payload, fragments, digest = row
        # Spelled out without generators: 10,000 rows are checked on every re-run.
        if not (
            type(size) is int
            and type(mtime) is int
            and type(ino) is int
            and type(checked) is int
            and type(chash) is str
            and type(digest) is str
            and (lang is None or type(lang) is str)
            and _in_bounds(payload, data_size)
            and type(fragments) is dict
        ):
            return None
        for piece in fragments.values():
            if not _in_bounds(piece, data_size):
                return None
        return cls(
            (size, mtime, ino),
            chash,
            checked,
            lang,
            (0, payload[0], payload[1]),
            {k: (0, v[0], v[1]) for k, v in fragments.items()},
            digest,
        )


def _in_bounds(piece: Any, data_size: int) -> bool:
    if type(piece) is not list or len(piece) != 2:
        return False
    start, length = piece
    return (
        type(start) is int
        and type(length) is int
        and start >= 0
        and length >= 0
        and start + length <= data_size
    )


_SEVERITIES = frozenset(int(s) for s in Severity)


def count_payload(payload: Any) -> Counts | None:
    """The counts of a stored findings payload (as :func:`newslint.findings.count_findings`).

    Read from the rows themselves, without building findings (a re-run of an unchanged
    archive counts every article); None when a row is malformed.
    """
    if not isinstance(payload, dict):
        return None
    rows = payload.get("findings")
    if type(rows) is not list:
        return None
    counts = [0, 0, 0, 0]
    for row in rows:
        if type(row) is not list or len(row) != _FINDING_FIELDS:
            return None
        sev, suppressed = row[6], row[12]
        if type(sev) is not int or sev not in _SEVERITIES or type(suppressed) is not bool:
            return None
        counts[3 if suppressed else sev - 1] += 1
    return counts[0], counts[1], counts[2], counts[3]


def encode_result(result: FileResult) -> str:
    """The findings as the compact JSON the cache stores (one encoding for the worker-made
    payload and the parent's; their bytes are signed, so the two must not drift)."""
    data = {
        "lang": result.lang,
        "notes": result.notes,
        "findings": [_encode_finding(f) for f in result.findings],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


#: How many values a stored finding row holds (see :func:`_encode_finding`).
_FINDING_FIELDS = 17


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
        f.ambiguous,
    ]


def decode_result(display: str, payload: dict[str, Any]) -> FileResult | None:
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
                ambiguous,
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
                    bool(ambiguous),
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
