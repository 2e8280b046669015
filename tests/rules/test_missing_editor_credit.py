"""missing-editor-credit (NL102): which lines credit an editor, in five languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import newslint
import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "missing-editor-credit"
SEED = ROOT / "seeds" / "000_515427318ff19ac6.txt"
CODE = "NL102"


def findings(text: str, path: str = "a.txt", lang: str | None = None) -> list[Any]:
    return [f for f in newslint.lint_text(text, path=path, lang=lang) if f.code == CODE]


def _manifest() -> list[tuple[str, list[str]]]:
    data = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    return sorted(data.items())


@pytest.mark.parametrize(("name", "expected"), _manifest(), ids=lambda v: str(v))
def test_fixture(name: str, expected: list[str]) -> None:
    path = FIXTURES / name
    got = findings(path.read_text(encoding="utf-8"), path=path.name)
    shown = [
        f"{f.line}:{f.column} {f.excerpt}" if "mismatch" in name else f"{f.line}:{f.column}"
        for f in got
    ]
    assert shown == expected


def test_every_fixture_is_in_the_manifest() -> None:
    files = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.glob("*/*")}
    assert files == {name for name, _ in _manifest()}
    assert {n.split("/")[0] for n in files} == {"en", "fr", "zh", "de", "es"}


# ---------------------------------------------------------------- the seed (issue 3)


def test_seed_credits_its_editor() -> None:
    assert findings(SEED.read_text(encoding="utf-8"), path=SEED.name) == []


def test_seed_without_editeur_is_reported_at_the_body_end() -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if not line.startswith("Éditeur")]
    assert len(kept) == len(lines) - 1
    [finding] = findings("\n".join(kept), path=SEED.name)
    # The body now ends with the "Avertissement" paragraph (line 22), before the tail.
    # Anchored on the paragraph's last character (the final "."), where the credit goes;
    # the excerpt is that paragraph's end, so the editor sees the place.
    assert (finding.line, finding.column) == (22, 230)
    assert finding.excerpt.startswith("…") and len(finding.excerpt) <= 80
    assert finding.excerpt.endswith("prendre des décisions d'investissement.")
    assert finding.severity.label == "error"
    assert "Éditeur : <nom>" in finding.message


# ---------------------------------------------------------------- credit lines (table)

BODY = {
    "en": "Flood barrier finished\n\nThe flood barrier was finished on Monday, said the agency.",
    "fr": "La digue est achevée\n\nLa nouvelle digue a été achevée lundi, a indiqué l'agence.",
    "zh": "防洪堤完工\n\n新建防洪堤周一完工，有关部门表示将于下月投入使用。",
    "de": "Schutzmauer fertig\n\nDie Mauer wurde am Montag fertiggestellt, teilte die Behörde mit.",
    "es": "Termina el dique\n\nEl nuevo dique quedó terminado el lunes, informó la agencia.",
}

CREDITS = [
    # (language, credit line(s) after the body, counts as an editor credit?)
    ("en", "Editing by Jane Smith", True),
    ("en", "(Reporting by Tom Brown; Editing by Jane Smith)", True),
    ("en", "(Reporting by Tom Brown; editing by Jane Smith and Raj Patel)", True),
    ("en", "Reporting by Tom Brown in Leeds Editing by Jane Smith", True),
    ("en", "(reporting by tom brown; editing by jane smith)", True),
    ("en", "(Reporting by Tom Brown;\nEditing by Jane Smith)", True),
    ("en", "Additional reporting by Ana Ruiz; writing by Tom Brown; editing by Jane Smith", True),
    ("en", "Edited by Jane Smith", True),
    ("en", "Editor: Jane Smith", True),
    ("en", "Managing editor: Jane Smith", True),
    ("en", "Editor:\nJane Smith", True),
    ("en", "Reporting by Tom Brown", False),
    ("en", "By Tom Brown", False),
    ("en", "Editor:", False),
    ("en", "Editor: TBD", False),
    ("en", "Editor's note: this story was updated on Tuesday.", False),
    ("en", "Tom Brown is a former editor of the Leeds Gazette.", False),
    ("en", "The anthology, edited by Jane Smith, is out now.", False),
    ("en", "Editor: What made you take the job, and what will change first?", False),
    ("fr", "Éditeur : Chen Yujia", True),
    ("fr", "Édité par Marie Lefèvre", True),
    ("fr", "(Reportage de Jean Dupont, édition de Marie Lefèvre)", True),
    ("fr", "Par Jean Dupont", False),
    ("fr", "Éditeur :", False),
    ("zh", "责任编辑：王小明", True),
    ("zh", "（编辑：李华）", True),
    ("zh", "責任編輯：陳大文", True),
    ("zh", "責編：陳大文", True),
    ("zh", "记者：张明", False),
    ("zh", "编辑：", False),
    ("de", "Redaktion: Anna Müller", True),
    ("de", "Bearbeitet von Anna Müller", True),
    ("de", "Von Lukas Brandt", False),
    ("de", "Redakteurin Anna Müller war vor Ort.", False),
    ("es", "Editado por María de la Cruz", True),
    ("es", "Edición: Lucía Ferrer", True),
    ("es", "(Reporte de Jesús Aguado; editado en español por Tomás Cobos)", True),
    ("es", "Por Marta Ruiz", False),
    ("es", "Edición:", False),
]


@pytest.mark.parametrize(("lang", "credit", "ok"), CREDITS)
def test_credit_lines(lang: str, credit: str, ok: bool) -> None:
    text = f"{BODY[lang]}\n\n{credit}\n"
    got = findings(text, lang=lang)
    assert (not got) is ok, [f.evidence for f in got]


def test_rejected_candidates_are_explained() -> None:
    [finding] = findings(f"{BODY['en']}\n\nReporting by Tom Brown\n\nEditor:\n", lang="en")
    reasons = {c["text"]: c["reason"] for c in finding.evidence["rejected"]}
    assert reasons["Editor:"] == "no editor's name follows the label"
    assert reasons["Reporting by Tom Brown"] == "names a reporter, not an editor"
    assert "Editor:" in finding.message


def test_split_credit_names_every_editor() -> None:
    from newslint.plugins import get_registry
    from newslint.rule import RuleContext
    from newslint.rules.missing_editor_credit import find_credits

    reg = get_registry(builtin_only=True)
    text = (
        f"{BODY['en']}\n\n(Reporting by Tom Brown;\nediting by Jane Smith, Raj Patel and Li Wei)\n"
    )
    article = reg.reader_for("a.txt").read("a.txt", text)
    ctx = RuleContext({}, "en", reg.packs["en"], reg.packs, article)
    credits, _ = find_credits(article, ctx)
    assert credits[0]["names"] == ["Jane Smith", "Raj Patel", "Li Wei"]


# ---------------------------------------------------------------- front matter


def _md(front: str, credit: str = "") -> str:
    body = "# Flood barrier finished\n\nThe barrier was finished on Monday."
    return f"---\n{front}\n---\n{body}\n\n{credit}\n"


def test_front_matter_editor_counts() -> None:
    assert findings(_md("editor: Jane Smith"), path="a.md") == []
    assert findings(_md("editors: [Jane Smith, Raj Patel]"), path="a.md") == []


def test_front_matter_and_credit_must_agree() -> None:
    [finding] = findings(_md("editor: Jane Smith", "Editing by Raj Patel"), path="a.md")
    assert "'Jane Smith'" in finding.message and "'Raj Patel'" in finding.message
    assert finding.excerpt == "Raj Patel"
    assert finding.evidence["verdict"] == "editor mismatch"


@pytest.mark.parametrize(
    "credit",
    ["Editing by Jane Smith", "Editing by SMITH Jane", "Editor: Jane Smith", "Editing by J. Smith"],
)
def test_same_person_written_differently_agrees(credit: str) -> None:
    assert findings(_md("editor: Jane Smith", credit), path="a.md") == []


def test_empty_front_matter_editor_does_not_count() -> None:
    assert len(findings(_md("editor: ''"), path="a.md")) == 1


@pytest.mark.parametrize("text", ["", "  \n\n  "])
def test_empty_file_needs_no_credit(text: str) -> None:
    assert findings(text) == []
