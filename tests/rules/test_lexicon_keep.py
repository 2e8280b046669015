r"""Lexicon entries with ``\K``: the match (and its overlap with other entries) starts after it.

An index move is written "<index> … <verb>\K"-style so that the verb, not the index name, is
the term's span: the index name entry beside it then still counts as its own term. Its
``starts:`` (the index names) open the regex's attempt, not the reported match.
"""

from __future__ import annotations

import regex
from newslint.language import LanguagePack
from newslint.rules import _lexicon


class _Ctx:
    timeout = None
    packs: dict[str, LanguagePack] = {}  # noqa: RUF012 - a stand-in for RuleContext.packs


ENTRY = {
    "re": r"(?<![\p{L}])(?:index|Nasdaq)\s+(?:\S+\s+){0,2}?\K(?:rose|fell)",
    "label": "move",
    "needs": ["rose", "fell"],
    "starts": ["index", "nasdaq"],
}


def test_keep_spans_start_after_it_and_match_a_plain_scan() -> None:
    pack = LanguagePack({"lang": "en", "lexicons": {"financial-strong": [ENTRY, "Nasdaq"]}})
    text = "The Nasdaq rose early, then the index quickly fell. The vote fell through."
    got = [
        (m.start(), m.group())
        for _label, m in _lexicon.scan_section(_Ctx(), pack, "financial-strong", text)  # type: ignore[arg-type]
    ]
    plain = regex.compile(ENTRY["re"], regex.IGNORECASE | regex.V0)  # type: ignore[call-overload]
    assert [(m.start(), m.group()) for m in plain.finditer(text)] == [(11, "rose"), (46, "fell")]
    assert got == [(4, "Nasdaq"), (11, "rose"), (46, "fell")]
