"""Decoding policy: UTF-8 (BOM optional) or UTF-16 with a BOM; everything else is refused."""

from __future__ import annotations

import codecs

import pytest
from newslint.readers.decode import DecodeError, decode_bytes
from reader_checks import lint_needles

TEXT = "Titre é 東京 😀\r\nNEEDLE\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # native order with BOM
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
)
def test_accepted_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_bytes(data) == TEXT


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ("Café crème".encode("latin-1"), "Latin-1"),
        ("Prix : 3 €".encode("cp1252"), "not valid UTF-8"),
        (TEXT.encode("utf-16-le"), "UTF-16 without a byte-order mark"),
        (TEXT.encode("utf-16-be"), "UTF-16 without a byte-order mark"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"abc\x00\x01\x02def", "NUL byte"),
        (codecs.BOM_UTF8 + b"abc\x00def", "NUL byte at byte 6"),
        (codecs.BOM_UTF16_LE + b"a", "UTF-16"),
        (codecs.BOM_UTF32_LE + "x".encode("utf-32-le"), "UTF-32"),
    ],
)
def test_refused_inputs_say_why(data: bytes, fragment: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert fragment in str(info.value)


def test_latin1_error_names_the_line() -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes("ok\nok\ncaf\xe9\n".encode("latin-1"))
    assert "line 3" in str(info.value)


def test_empty_bytes_are_an_empty_article() -> None:
    assert decode_bytes(b"") == ""
    assert decode_bytes(codecs.BOM_UTF8) == ""


@pytest.mark.parametrize("path", ["a.txt", "a.md", "a.html"])
def test_bom_does_not_shift_columns_end_to_end(path: str) -> None:
    result = lint_needles(codecs.BOM_UTF8 + b"Titre\n\nUn NEEDLE.\n", path)
    [f] = result.findings
    assert (f.line, f.column) == (3, 4)


@pytest.mark.parametrize("path", ["a.txt", "a.md", "a.html"])
def test_undecodable_file_is_an_input_error_not_a_crash(path: str) -> None:
    result = lint_needles("caf\xe9".encode("latin-1"), path)
    assert result.findings == []
    assert [e.kind for e in result.errors] == ["input"]
