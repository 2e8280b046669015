"""Bytes → text with one clear policy: UTF-8 (BOM optional) or UTF-16 with a BOM.

Anything else (Latin-1, UTF-16 without BOM, binary files, NUL bytes) is an input error with
a message that says what was found and how to fix it, never a guess that could corrupt text.
"""

from __future__ import annotations

import codecs

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)


class DecodeError(ValueError):
    """The bytes are not text newslint accepts; ``str(err)`` is the user-facing reason."""


def decode_bytes(data: bytes) -> str:
    """Decode article bytes or raise :class:`DecodeError` naming the problem."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        nul = body.find(b"\x00")
        if nul != -1:
            raise DecodeError(f"binary file: NUL byte at byte {nul + 3}")
        return _utf8(body, offset=3)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise DecodeError("UTF-32 text is not supported; save the file as UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 (at byte {exc.start}): {exc.reason}") from None
        if "\x00" in text:
            raise DecodeError("contains NUL characters: looks like a binary file")
        return text
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise DecodeError(f"binary file ({what}), not an article")
    nul = data.find(b"\x00")
    if nul != -1:
        if _looks_utf16_without_bom(data):
            raise DecodeError(
                "looks like UTF-16 without a byte-order mark; "
                "save it as UTF-8 (or UTF-16 with a BOM)"
            )
        raise DecodeError(f"binary file: NUL byte at byte {nul}")
    return _utf8(data, offset=0)


def _utf8(data: bytes, offset: int) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        hint = ""
        chunk = data[exc.start : exc.start + 1]
        if chunk and 0x80 <= chunk[0] <= 0xFF:
            hint = " (the file looks like Latin-1/Windows-1252; re-save it as UTF-8)"
        line = data.count(b"\n", 0, exc.start) + 1
        raise DecodeError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start + offset} "
            f"(line {line}){hint}"
        ) from None


def _looks_utf16_without_bom(data: bytes) -> bool:
    sample = data[:4000]
    if len(sample) < 4:
        return False
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    return max(even_nuls, odd_nuls) > 0.3 * half and min(even_nuls, odd_nuls) < 0.05 * half
