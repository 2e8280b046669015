"""missing-editor-credit (NL102): wire sign-offs, loose Han labels and bracketed credits.

Agency copy credits its desk editor with initials ("/ab/cd", "(ab/cd)", "ab/cd", "(ab)"),
Chinese outlets write "编辑/王某", "编辑 | 王某" or "每经编辑 王某", and translated agency copy
ends "(Jane Roe pour le service français, édité par …)". The traps beside them (agency tags,
bylines, dates, fractions, URL paths, "24/7", "A/B") are not credits. Our own sentences.
"""

from __future__ import annotations

import pytest
from test_missing_editor_credit import BODY, findings

SENTENCE = {
    "en": "The flood barrier was finished on Monday, said the agency.",
    "fr": "La nouvelle digue a été achevée lundi, a indiqué l'agence.",
    "de": "Die Mauer wurde am Montag fertiggestellt, teilte die Behörde mit.",
    "es": "El nuevo dique quedó terminado el lunes, informó la agencia.",
    "zh": "新建防洪堤周一完工，有关部门表示将于下月投入使用。",
}

# (language, how the article ends: "{s}" is its last sentence, credit?)
ENDINGS = [
    ("de", "{s}/ab/cde", True),
    ("de", "{s}/ab/XY/cde\n\n(AWP)", True),
    ("de", "{s} (awp/ab/cd)", True),
    ("de", "{s}/ab/cd\n\n-----\n\nVeröffentlichung der Studie: 03.05.2021 / 11:15", True),
    ("es", "{s}\n\nabc/def", True),
    ("es", "{s}\n\nABC", True),
    ("fr", "{s}\n\nrp/", True),
    ("fr", "{s}abc/de/fg(AWP / 12.04.2018 15h37)", True),
    ("zh", "{s}(ky)", True),
    ("zh", "{s} (ab/c)(行情延迟十五分钟。)", True),
    ("en", "{s}\n\nNorthwind News Desk (AB)", True),
    ("de", "{s} (dpa)", False),
    ("de", "{s}\n\n(APA/dpa)", False),
    ("de", "{s} (Reuters/jW)", False),
    ("de", "{s}\n\n(Bloomberg/cash)", False),
    ("es", "{s}\n\nEFE", False),
    ("en", "{s} (Reuters)", False),
    ("en", "{s}\n\nBy Tom Brown", False),
    ("de", "{s} ab", False),
    ("en", "{s}\n\nThe fair runs 12/05 to 14/05", False),
    ("en", "{s}\n\nThe plant now runs 24/7", False),
    ("en", "{s}\n\nIt is open around the clock, 24/7.", False),
    ("en", "{s}\n\nMore at example.com/ab/cd", False),
    ("en", "{s}\n\nMore at www.example.org/ab/cd", False),
    ("en", "{s}\n\nThe team ran an A/B test", False),
    ("en", "{s}\n\nA/B", False),
    ("en", "{s}\n\nn/a", False),
    ("en", "{s} Three-quarters of the work, 3/4, is done.", False),
    ("en", "{s} It was run by the World Health Organization (WHO)", False),
    ("en", "{s}\n\nWorld Health Organization (WHO)", False),
    ("en", "{s}\n\nJane Roe (she/her)", False),
    ("en", "{s}\n\nPrices and/or", False),
    ("en", "{s} (CNA)", False),
    ("en", "{s}\n\nBBC", False),
    ("de", "{s} (red)", False),
    ("de", "{s} (AB)", True),
    ("en", "{s}\n\nEND", False),
    ("en", "{s}\n\nUSA", False),
]


@pytest.mark.parametrize(
    ("lang", "ending", "ok"), ENDINGS, ids=[f"{e[0]}-{i}" for i, e in enumerate(ENDINGS)]
)
def test_wire_signoff(lang: str, ending: str, ok: bool) -> None:
    headline = BODY[lang].split("\n\n")[0]
    text = f"{headline}\n\n{ending.format(s=SENTENCE[lang])}\n"
    got = findings(text, lang=lang)
    assert (not got) is ok, [f.evidence for f in got]


CREDITS = [
    ("zh", "编辑/王小明", True),
    ("zh", "编辑 | 王小明", True),
    ("zh", "编辑｜王小明、李华", True),
    ("zh", "每经编辑 王小明", True),
    ("zh", "编辑: 王小明", True),
    ("zh", "编辑 部门负责人表示将于下月投入使用", False),
    ("zh", "文/记者 王小明", False),
    ("fr", "(Jean Dupont et Ana Ruiz pour le service français, édité par Marie Lefèvre)", True),
    ("fr", "(Jean Dupont, édité par Marie Lefèvre et Paul Roux)", True),
    ("fr", "(Jean Dupont, pour le service français)", False),
    ("en", "(The anthology, edited by Jane Smith, is out now.)", False),
    (
        "de",
        "(Bericht von Tom Weber, redigiert von Anna Müller - Bei Rückfragen wenden Sie sich "
        "bitte an die Redaktion unter der bekannten Nummer.)",
        True,
    ),
    (
        "de",
        "(Reporter: Tom Weber, redigiert von Anna Müller. Bei Rückfragen wenden Sie sich "
        "bitte an die Redaktion unter der bekannten Nummer.)",
        True,
    ),
    ("de", "(Bericht von Tom Weber)", False),
    ("en", "Editing by Mary St. John", True),
]


@pytest.mark.parametrize(
    ("lang", "credit", "ok"), CREDITS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CREDITS)]
)
def test_credit_forms(lang: str, credit: str, ok: bool) -> None:
    got = findings(f"{BODY[lang]}\n\n{credit}\n", lang=lang)
    assert (not got) is ok, [f.evidence for f in got]


def test_lower_case_editing_by_glued_to_the_last_sentence() -> None:
    for glue in ("", " "):
        text = f"{BODY['en']}{glue}editing by Jane Smith\n"
        assert findings(text, lang="en") == []


def test_signoff_is_reported_as_a_credit_with_its_initials() -> None:
    from newslint.plugins import get_registry
    from newslint.rule import RuleContext
    from newslint.rules.missing_editor_credit import find_credits

    reg = get_registry(builtin_only=True)
    text = f"{BODY['de']} (awp/ab/cd)\n"
    article = reg.reader_for("a.txt").read("a.txt", text)
    ctx = RuleContext({}, "de", reg.packs["de"], reg.packs, article)
    credits, _ = find_credits(article, ctx)
    assert [c["names"] for c in credits] == [["ab", "cd"]]
    assert credits[0]["kind"] == "sign-off"


def test_front_matter_editor_is_not_checked_against_initials() -> None:
    text = "---\neditor: Jane Smith\n---\n# Barrier finished\n\nThe barrier was finished./ab/cd\n"
    assert findings(text, path="a.md") == []
