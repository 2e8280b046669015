"""Positions, fix edits and suppression comments of the language server, without a client."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types
from newslint.api import Session
from newslint.lsp import convert

ARTICLE = (
    "Acme shares climb\n\n"
    "Traders cheered 🚀 as Acme rose 12% on Tuesday,\n"
    "and the index gained 3% by noon.\n\n"
    "Reporting by Jane Doe; Editing by John Roe\n"
)


def lint(text: str, name: str, config: dict | None = None):
    session = Session.create(cwd=Path.cwd(), config=config or {})
    return session.linter.lint_bytes(text, name).findings


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16", [0, 1, 3, 4, 5]), ("utf-32", [0, 1, 2, 3, 4]), ("utf-8", [0, 1, 5, 7, 8])],
)
def test_columns_in_each_encoding(encoding: str, expected: list[int]):
    buf = convert.Buffer("a😀é b\nnext", encoding)  # astral, then a two-byte letter
    assert [buf.position(1, c).character for c in range(1, 6)] == expected
    assert [buf.offset(types.Position(0, u)) for u in expected] == [0, 1, 2, 3, 4]


def test_a_position_inside_a_character_is_its_start():
    buf = convert.Buffer("😀x", "utf-16")
    assert buf.offset(types.Position(0, 1)) == 0  # half of the surrogate pair
    assert buf.offset(types.Position(0, 2)) == 1


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lines_end_where_newslint_ends_them(newline: str):
    buf = convert.Buffer(f"one{newline}tw😀o{newline}", "utf-16")
    assert buf.offset_position(len(f"one{newline}tw😀")) == types.Position(1, 4)
    assert buf.offset(types.Position(9, 0)) == len(buf.text)  # past the end: clamped
    assert buf.newline() == newline


@given(st.text(alphabet=st.sampled_from("ab\n\r😀é中"), max_size=40), st.data())
def test_offsets_round_trip(text: str, data: st.DataObject):
    offset = data.draw(st.integers(0, len(text)))
    if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
        offset -= 1  # between \r and \n is no position of its own
    for encoding in ("utf-8", "utf-16", "utf-32"):
        buf = convert.Buffer(text, encoding)
        assert buf.offset(buf.offset_position(offset)) == offset


def test_diagnostic_carries_the_finding():
    findings = lint(ARTICLE, "a.md")
    buf = convert.Buffer(ARTICLE)
    (fig,) = [f for f in findings if f.code == "NL301" and f.excerpt == "12%"]
    diag = convert.to_diagnostic(buf, fig)
    line = ARTICLE.splitlines()[2]
    assert diag.range.start == types.Position(2, line.index("12%") + 1)  # the rocket is 2
    assert diag.code == "NL301" and diag.source == "newslint"
    assert diag.severity == types.DiagnosticSeverity.Warning
    assert diag.data["evidence"]["figure"] == "12%"


@pytest.mark.parametrize(
    ("name", "text", "inline"),
    [
        ("a.md", ARTICLE, False),  # the figure starts its paragraph's line after a blank
        ("b.md", ARTICLE.replace("12%", "12 units"), True),  # 3% is mid-paragraph
        ("c.html", "<h1>Acme</h1>\n<p>Acme rose\n  12% on Tuesday.</p>\n", False),
    ],
)
def test_suppression_edit_silences_exactly_that_finding(name: str, text: str, inline: bool):
    suffix = Path(name).suffix
    config = {"require-suppression-reason": True}
    before = lint(text, name, config)
    target = next(f for f in before if f.code == "NL301" and not f.suppressed)
    buf = convert.Buffer(text)
    edit = convert.suppression_edit(buf, target, suffix)
    assert edit is not None
    start = buf.offset(edit.range.start)
    fixed = text[:start] + edit.new_text + text[start:]
    assert ("\n" not in edit.new_text) == inline
    after = lint(fixed, name, config)
    still = [f for f in after if f.code == "NL301" and not f.suppressed]
    assert len(still) == len([f for f in before if f.code == "NL301" and not f.suppressed]) - 1
    assert [f.code for f in after if f.code == "NL902"] == ["NL902"]  # no reason written yet
    others = sorted((f.code, f.excerpt) for f in before if f.code != "NL301")
    assert sorted((f.code, f.excerpt) for f in after if f.code not in ("NL301", "NL902")) == others


def test_plain_text_has_no_comment_to_suppress_with():
    (fig, *_) = [f for f in lint(ARTICLE, "a.txt") if f.code == "NL301"]
    assert convert.suppression_edit(convert.Buffer(ARTICLE), fig, ".txt") is None


def test_fix_edits_keep_the_files_line_endings():
    from newslint.findings import Edit, Fix

    text = "Acme\r\n\r\nBody text.\r\n"
    fix = Fix("add a line", (Edit(len(text), len(text), "Editing by X\n"),), "unsafe")
    (edit,) = convert.fix_edits(convert.Buffer(text), fix)
    assert edit.new_text == "Editing by X\r\n"
    assert edit.range.start == types.Position(3, 0)


def test_check_does_not_load_the_language_server(tmp_path: Path):
    """pygls is for ``newslint lsp`` only: ``newslint check`` start-up must not pay for it."""
    import subprocess
    import sys

    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_515427318ff19ac6.txt"
    code = (
        "import sys\n"
        "from newslint.cli import main\n"
        f"status = main(['check', '--no-cache', {str(seed)!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')"
        " or m.startswith('newslint.lsp'))\n"
        "print(status, loaded, file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert proc.stderr.strip().splitlines()[-1] == "1 []", proc.stderr


def test_a_policy_url_is_the_codes_description(tmp_path: Path):
    (tmp_path / "house.yaml").write_text(
        "rules:\n"
        "  - kind: forbid\n"
        "    code: HR200\n"
        "    name: no-hype\n"
        "    message: hype\n"
        "    patterns: [moonshot]\n"
        "    policy: {title: Style guide 3.1, url: 'https://standards.example.org/#3.1'}\n",
        encoding="utf-8",
    )
    session = Session.create(cwd=tmp_path, config={"house-rules": ["house.yaml"]})
    text = "Acme plans\n\nA moonshot, the company said.\n"
    findings = session.linter.lint_bytes(text, "a.md").findings
    (hype,) = [f for f in findings if f.code == "HR200"]
    diag = convert.to_diagnostic(convert.Buffer(text), hype)
    assert diag.code_description == types.CodeDescription("https://standards.example.org/#3.1")
    (other, *_) = [f for f in findings if f.code != "HR200"]
    assert convert.to_diagnostic(convert.Buffer(text), other).code_description is None
