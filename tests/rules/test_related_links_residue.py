"""related-links-residue (NL401) and the shared tail helpers in ``newslint.rules._tail``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import newslint
import pytest
from newslint.plugins import get_registry
from newslint.rule import RuleContext

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "related-links-residue"
SEED = ROOT / "seeds" / "000_515427318ff19ac6.txt"
CODE = "NL401"


def findings(text: str, path: str = "a.txt", lang: str | None = None) -> list[Any]:
    return [f for f in newslint.lint_text(text, path=path, lang=lang) if f.code == CODE]


def article_and_ctx(text: str, path: str = "a.txt", lang: str = "en") -> tuple[Any, RuleContext]:
    reg = get_registry(builtin_only=True)
    article = reg.reader_for(path).read(path, text)
    article.lang = lang
    return article, RuleContext({}, lang, reg.packs[lang], reg.packs, article)


def _manifest() -> list[tuple[str, list[str]]]:
    data = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    return sorted(data.items())


@pytest.mark.parametrize(("name", "expected"), _manifest(), ids=lambda v: str(v))
def test_fixture(name: str, expected: list[str]) -> None:
    path = FIXTURES / name
    got = findings(path.read_text(encoding="utf-8"), path=path.name)
    assert [f"{f.line}:{f.column} {f.excerpt}" for f in got] == expected


def test_every_fixture_is_in_the_manifest() -> None:
    files = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.glob("*/*")}
    assert files == {name for name, _ in _manifest()}
    assert {n.split("/")[0] for n in files} == {"en", "fr", "zh", "de", "es"}


def test_seed_reports_vous_pourriez_egalement_aimer() -> None:
    [finding] = findings(SEED.read_text(encoding="utf-8"), path=SEED.name)
    assert (finding.line, finding.column) == (24, 1)
    assert finding.excerpt == "Vous pourriez également aimer"
    assert finding.severity.label == "warning"
    assert len(finding.evidence["headlines"]) == 2
    assert finding.evidence["trailing"] is True


# ---------------------------------------------------------------- table

BODY = (
    "Harbour reopens after repairs\n\nThe harbour reopened to ferries on Monday after six "
    "weeks of repairs, the port authority said.\n\n"
)

CASES = [
    # (text after the body, expected heading excerpts)
    (
        "You might also like\n\nTen walks along the coast\n\nWhy ferry fares are rising\n",
        ["You might also like"],
    ),
    ("Related Articles:\n\nTen walks along the coast\n", ["Related Articles"]),
    ("More from Coastal News\n\nTen walks along the coast\n", ["More from Coastal News"]),
    ("Read more\n", ["Read more"]),  # alone at the very end
    ("Read more: Ten walks along the coast\n", ["Read more"]),
    ("Read more about the repairs in our guide to the harbour.\n", []),
    ("Read more\n\nThe repairs cost more than planned, and the council will review them.\n", []),
    ("Related\n\nthe council will review the costs next week.\n", []),
    ("À lire aussi\n\nLes ferries face à la hausse du carburant\n", ["À lire aussi"]),
    ("相关阅读\n\n沿海步道十条推荐\n", ["相关阅读"]),
    ("推薦閱讀\n\n沿海步道十條推薦\n", ["推薦閱讀"]),
    ("Lesen Sie auch\n\nZehn Wanderungen an der Küste\n", ["Lesen Sie auch"]),
    ("Te puede interesar\n\nDiez paseos por la costa\n", ["Te puede interesar"]),
]


@pytest.mark.parametrize(("tail", "expected"), CASES)
def test_residue_table(tail: str, expected: list[str]) -> None:
    got = findings(BODY + tail, lang="en")
    assert [f.excerpt for f in got] == expected


def test_mid_article_heading_with_headlines_is_reported_but_not_trailing() -> None:
    text = (
        BODY + "Read more: Ten walks along the coast\n\n"
        "Ferries will run every hour from Tuesday, the operator said.\n"
    )
    [finding] = findings(text, lang="en")
    assert finding.evidence["trailing"] is False and finding.evidence["inline"] is True
    _article, ctx = article_and_ctx(text)
    assert ctx.analysis.residue.tail is None


# ---------------------------------------------------------------- the helpers


def test_tail_and_body_end() -> None:
    text = (
        BODY + "Editing by Jane Smith\n\nYou might also like\n\nTen walks along the coast\n\n"
        "Why ferry fares are rising\n"
    )
    _article, ctx = article_and_ctx(text)
    tail = ctx.analysis.residue.tail
    assert tail is not None
    assert text[tail.start : tail.end].startswith("You might also like")
    assert text[tail.start : tail.end].endswith("Why ferry fares are rising")
    assert tail.covers(text.index("Ten walks")) and not tail.covers(text.index("harbour"))
    assert ctx.analysis.residue.covers(text.index("Why ferry"))
    assert text[: ctx.analysis.residue.body_end].endswith("Editing by Jane Smith")
    assert len(ctx.analysis.residue.sections) == 1


def test_credit_line_after_the_tail_stays_out_of_it() -> None:
    text = BODY + "Read more\n\nTen walks along the coast\n\nEditing by Jane Smith\n"
    _article, ctx = article_and_ctx(text)
    tail = ctx.analysis.residue.tail
    assert tail is not None and not tail.covers(text.index("Editing by"))
    assert text[: ctx.analysis.residue.body_end].rstrip().endswith("the port authority said.")


def test_no_tail() -> None:
    _article, ctx = article_and_ctx(BODY)
    assert ctx.analysis.residue.tail is None
    assert ctx.analysis.residue.body_end == len(BODY.rstrip())


def test_english_heading_under_a_french_story() -> None:
    text = (
        "La piscine rouvre\n\nLa piscine du quartier nord rouvre samedi, a indiqué la mairie.\n\n"
        "Read more\n\nLes ferries face à la hausse du carburant\n"
    )
    assert [f.excerpt for f in findings(text, lang="fr")] == ["Read more"]


def test_tail_inside_a_merged_paragraph_is_found_line_by_line() -> None:
    # Short lines without sentence ends may be read as one hard-wrapped paragraph.
    text = (
        "Titre de l'article\nUne phrase du corps de l'article.\nÀ lire aussi\n"
        "Les ferries face à la hausse du carburant\nLa ville veut apprendre à nager\n"
    )
    [finding] = findings(text, lang="fr")
    assert finding.excerpt == "À lire aussi"
