"""Property tests: lint_text never raises, spans stay inside the text, positions round-trip.

Bounded for CI; run longer with
``NEWSLINT_FUZZ_EXAMPLES=20000 pytest tests/robustness/test_fuzz.py``.
"""

from __future__ import annotations

import os

import newslint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newslint.article import LineIndex
from newslint.errors import InputError

EXAMPLES = int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "150"))

PIECES = st.sampled_from(
    [
        "«",
        "»",
        "“",
        "”",
        "„",
        '"',
        "'",
        "‘",
        "’",
        "「",
        "」",
        "『",
        "』",
        " ",
        "\u00a0",
        "\u202f",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "$",
        "€",
        "¥",
        "%",
        " % ",
        "milliards de dollars",
        "亿美元",
        "Mrd. Euro",
        "millones",
        "percent",
        "said",
        "a déclaré",
        "表示",
        "sagte",
        "dijo",
        "selon",
        "Editing by",
        "Éditeur : ",
        "责任编辑：",
        "not investment advice",
        "shares",
        "stock",
        "Vous pourriez également aimer",
        "You might also like",
        ". ",
        "。",
        "! ",
        "? ",
        ": ",
        ";",
        "<!-- newslint-disable -->",
        "<!-- newslint-enable -->",
        "---\n",
        "# ",
        "> ",
        "<p>",
        "</p>",
        "&amp;",
        "1",
        "12",
        "3 000",
        "2024",
        "1,2",
        "13.5",
        "He",
        "Il",
        "Microsoft",
        "Jane Smith",
    ]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=80).map("".join))


def _check(text: str, path: str) -> None:
    try:
        findings = newslint.lint_text(text, path=path)
    except InputError as exc:
        # Only Markdown front matter can make text unreadable; the reason must say so.
        assert path.endswith(".md"), exc
        assert "front matter" in exc.reason
        return
    # The reader decides what the source is; for .txt it is the text itself.
    lines = LineIndex(text) if path.endswith(".txt") else None
    for f in findings:
        assert 1 <= f.line <= f.end_line
        assert f.column >= 1
        assert 0 <= f.offset <= f.end_offset <= len(text)
        if lines is not None:
            assert lines.position(f.offset) == (f.line, f.column)
            assert lines.offset(f.line, f.column) == f.offset
            assert lines.position(f.end_offset) == (f.end_line, f.end_column)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(TEXTS)
def test_plain_text_never_raises_and_positions_round_trip(text: str) -> None:
    _check(text, "story.txt")


@settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=list(HealthCheck))
@given(TEXTS, st.sampled_from(["story.md", "story.html"]))
def test_markup_never_raises(text: str, path: str) -> None:
    _check(text, path)
