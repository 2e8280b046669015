"""Messages in the newsroom's language, as users get them: ``newslint check`` run as a program.

Default (``auto``): each article's language, English when newslint has no catalog for it;
``--message-lang`` beats the config's ``messages:``. Codes, names, spans and house-rule
messages never change with the language.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from newslint.api import Session, lint_text
from newslint.errors import UsageError

FRENCH = (
    "Le conseil municipal adopte son budget\n\n"
    "La ville de Montclair a adopté mardi un budget de 48 millions d'euros pour l'année "
    "prochaine, soit une hausse de 6 % sur un an.\n\n"
    "« Nous allons rénover les trois écoles du quartier nord avant la rentrée », a déclaré "
    "la maire, Claire Dumont.\n"
)
CHINESE = (
    "市政府公布新一年交通预算\n\n"
    "本市今年的公共交通投资将达到12亿元，比去年增加15%，主要用于新建公交线路和更新车辆。\n"
)
PORTUGUESE = (
    "---\nlang: pt-BR\n---\n# Câmara aprova orçamento\n\n"
    "A cidade aprovou na terça-feira um orçamento de 48 milhões de reais para o próximo ano, "
    "uma alta de 6% em relação ao ano anterior.\n"
)


def _findings(proc) -> list[dict]:  # type: ignore[no-untyped-def]
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["findings"]


def _figure_messages(findings: list[dict]) -> list[str]:
    return [f["message"] for f in findings if f["code"] == "NL301"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "zh.txt").write_text(CHINESE, encoding="utf-8")
    (tmp_path / "pt.md").write_text(PORTUGUESE, encoding="utf-8")
    return tmp_path


def _check(run_cli, folder: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("check", "--no-cache", "--format", "json", *args, cwd=folder)


def test_french_article_gets_french_messages_by_default(run_cli, folder: Path) -> None:
    findings = _findings(_check(run_cli, folder, "fr.txt"))
    assert _figure_messages(findings) == [
        "le chiffre « 48 millions d'euros » n'a pas de source : indiquez d'où il vient, "
        "par ex. 'selon …'",
        "le chiffre « 6 % » n'a pas de source : indiquez d'où il vient, par ex. 'selon …'",
    ]
    credit = next(f for f in findings if f["code"] == "NL102")
    assert credit["name"] == "missing-editor-credit"  # codes and names stay English
    assert credit["message"].startswith("Aucune ligne ne crédite l'éditeur")
    assert credit["fix"]["title"] == "Ajouter à la fin de l'article une ligne créditant l'éditeur"


def test_message_lang_en_gives_english(run_cli, folder: Path) -> None:
    french = _findings(_check(run_cli, folder, "fr.txt"))
    english = _findings(_check(run_cli, folder, "--message-lang", "en", "fr.txt"))
    assert _figure_messages(english) == [
        "figure “48 millions d'euros” has no source: say where it comes from, "
        "e.g. 'selon …' (according to …)",
        "figure “6 %” has no source: say where it comes from, e.g. 'selon …' (according to …)",
    ]

    # Only the words change: same rules, places and fingerprints.
    def where(fs: list[dict]) -> list[tuple]:
        return [(f["code"], f["line"], f["column"], f["fingerprint"]) for f in fs]

    assert where(english) == where(french)


def test_config_messages_de_gives_german(run_cli, folder: Path) -> None:
    (folder / "newslint.yaml").write_text("messages: de\n", encoding="utf-8")
    findings = _findings(_check(run_cli, folder, "fr.txt", "zh.txt"))
    assert "die Zahl „48 millions d'euros“ hat keine Quelle" in _figure_messages(findings)[0]
    assert any(m.startswith("die Zahl „12亿元“") for m in _figure_messages(findings))
    # the command line beats the config
    spanish = _findings(_check(run_cli, folder, "--message-lang", "es", "fr.txt"))
    assert _figure_messages(spanish)[0].startswith("la cifra «48 millions d'euros» no tiene")
    shown = run_cli("check", "--show-config", cwd=folder).stdout
    assert 'messages: "de"  # ' in shown


@pytest.mark.parametrize("value", ["klingon", "[fr]", "fr-FR"])
def test_invalid_config_value_is_a_config_error(run_cli, folder: Path, value: str) -> None:
    (folder / "newslint.yaml").write_text(f"messages: {value}\n", encoding="utf-8")
    proc = _check(run_cli, folder, "fr.txt")
    assert proc.returncode == 2
    assert "config error" in proc.stderr
    assert "newslint.yaml:1:11 at 'messages'" in proc.stderr
    assert "expected one of en, fr, de, es, zh, auto" in proc.stderr
    assert proc.stdout == ""


def test_invalid_option_value_is_a_usage_error(run_cli, folder: Path) -> None:
    proc = _check(run_cli, folder, "--message-lang", "fx", "fr.txt")
    assert proc.returncode == 2
    assert "usage error: argument --message-lang: invalid choice: 'fx'" in proc.stderr
    assert proc.stdout == ""


def test_chinese_article_gets_chinese_messages(run_cli, folder: Path) -> None:
    findings = _findings(_check(run_cli, folder, "zh.txt"))
    assert _figure_messages(findings) == [
        "数字“12亿元”没有来源：请说明出处，例如 '据……'",
        "数字“15%”没有来源：请说明出处，例如 '据……'",
    ]


def test_unsupported_language_gets_english(run_cli, folder: Path) -> None:
    findings = _findings(_check(run_cli, folder, "pt.md"))
    assert _figure_messages(findings) == [
        "figure “6%” has no source: say where it comes from, e.g. 'according to …'"
    ]


def test_house_rule_messages_are_never_translated(run_cli, folder: Path) -> None:
    (folder / "house.yaml").write_text(
        "rules:\n"
        "  - kind: forbid\n"
        "    code: HR001\n"
        "    name: no-hausse\n"
        "    message: 'Write \"progression\", not {match}'\n"
        "    patterns: [hausse]\n"
        "  - kind: replace\n"
        "    code: HR002\n"
        "    name: mairie-spelling\n"
        "    replacements: {conseil municipal: Conseil municipal}\n",
        encoding="utf-8",
    )
    (folder / "newslint.yaml").write_text("house-rules: [house.yaml]\n", encoding="utf-8")
    findings = _findings(_check(run_cli, folder, "--select", "HR", "fr.txt"))
    by_code = {f["code"]: f for f in findings}
    assert by_code["HR001"]["message"] == 'Write "progression", not hausse'
    # newslint's own default wording and fix title do follow the article's language
    assert by_code["HR002"]["message"] == (
        "utilisez « Conseil municipal » au lieu de « conseil municipal »"
    )
    assert by_code["HR002"]["fix"]["title"] == "Remplacer par « Conseil municipal »"


def test_suppression_findings_are_translated(run_cli, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# Budget\n\n<!-- newslint-disable-next-line unsourced-figur -->\n"
        "La ville de Montclair a adopté mardi un budget de la ville pour l'année prochaine.\n",
        encoding="utf-8",
    )
    findings = _findings(_check(run_cli, tmp_path, "--select", "NL9", "a.md"))
    assert [f["message"] for f in findings] == [
        "cette désactivation ne masque rien : règle inconnue 'unsourced-figur' "
        "(vouliez-vous dire 'unsourced-figure' ?)"
    ]


def test_cache_never_replays_another_language(run_cli, folder: Path) -> None:
    """A cached French report must not answer a run that asks for English (or German)."""

    def run(*args: str) -> list[str]:
        proc = run_cli("check", "--format", "json", *args, "fr.txt", cwd=folder)
        return _figure_messages(_findings(proc))

    french = run()
    assert french[0].startswith("le chiffre")
    assert (folder / ".newslint_cache").is_dir()  # the run above wrote the cache
    assert run("--message-lang", "en")[0].startswith("figure “48")
    assert run() == french
    (folder / "newslint.yaml").write_text("messages: de\n", encoding="utf-8")
    assert run()[0].startswith("die Zahl")
    (folder / "newslint.yaml").write_text("messages: auto\n", encoding="utf-8")
    assert run() == french


def test_library_call_takes_the_message_language() -> None:
    assert _figure_messages([f.to_dict() for f in lint_text(FRENCH)])[0].startswith("le chiffre")
    german = [f.to_dict() for f in lint_text(FRENCH, message_lang="de")]
    assert _figure_messages(german)[0].startswith("die Zahl")
    english = lint_text(FRENCH, config={"messages": "en"})
    assert _figure_messages([f.to_dict() for f in english])[0].startswith("figure")
    with pytest.raises(UsageError, match="expected one of en, fr, de, es, zh, auto"):
        Session.create(config={}, message_lang="fr_FR")
