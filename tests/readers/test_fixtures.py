"""One small article per format, stored with awkward bytes (CRLF Markdown, UTF-16 HTML with a
BOM, bare-CR text with a UTF-8 BOM), linted through the real engine: every finding must point
at the exact line and column of the original file."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_checks import lint_needles

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"

# (line, column, suppressed) of each NEEDLE that is prose; NEEDLEs in code/script never count.
EXPECTED = {
    "article_crlf.md": [(9, 70, False), (11, 53, False), (18, 18, True)],
    "article_utf16.html": [(6, 63, False), (7, 66, False)],
    "article_cr.txt": [(2, 20, False), (3, 16, False)],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings_point_into_the_original_file(name: str) -> None:
    result = lint_needles((FIXTURES / name).read_bytes(), name)
    assert result.errors == []
    got = [(f.line, f.column, f.suppressed) for f in result.findings if f.code == "NL990"]
    assert got == EXPECTED[name]
    for f in result.findings:
        assert (f.end_line, f.end_column) == (f.line, f.column + 6)


def test_fixture_metadata_and_headlines() -> None:
    from newslint.readers.decode import decode_bytes
    from newslint.readers.html import HtmlReader
    from newslint.readers.markdown import MarkdownReader

    md = MarkdownReader().read("a.md", decode_bytes((FIXTURES / "article_crlf.md").read_bytes()))
    assert md.metadata["editor"] == "Claire Martin"
    assert md.metadata["section"] == "markets"
    assert md.block_text(md.headline) == "Les marchés reculent à Paris"  # type: ignore[arg-type]
    page = HtmlReader().read("a.html", decode_bytes((FIXTURES / "article_utf16.html").read_bytes()))
    assert page.metadata == {"lang": "de"}
    assert page.block_text(page.headline) == "Anleger „vorsichtig“"  # type: ignore[arg-type]
    assert "Redaktion: Anna Schmidt" in page.text
