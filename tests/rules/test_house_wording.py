"""House wording (issue 11, items 2, 3 and 6): what the disclaimer and editor-credit findings
tell an editor, per-language house text and credit templates, and overrides by language."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import newslint
import pytest

DISCLAIMER, CREDIT = "NL101", "NL102"
HOUSE_EN = "Contoso News articles are for information only and are not investment advice."
HOUSE_FR = "Les articles de Contoso News ne constituent pas un conseil en investissement."
HOUSE_DE = "Die Artikel von Contoso News sind keine Anlageberatung."

EN_STORY = (
    "Contoso shares jump\n\n{top}"
    "Shares of Contoso rose 5% after analysts raised their price target.\n\n"
    "Investors bet on a bigger dividend.\n\nThe company reports next week.\n\n"
    "Its chief executive will speak at a conference in May.\n\n{bottom}"
    "Editing by Jane Smith\n"
)
FR_STORY = (
    "Les actions de Contoso bondissent\n\n"
    "Les actions de Contoso ont progressé de 5 % après que les analystes ont relevé leur "
    "objectif de cours, et les investisseurs parient sur un dividende plus élevé.\n\n"
    "La société publiera ses résultats la semaine prochaine.\n\n{bottom}"
    "Éditeur : Jean Dupont\n"
)
DE_STORY = (
    "Contoso-Aktie springt\n\n"
    "Die Aktie von Contoso stieg um 5 Prozent, nachdem Analysten ihr Kursziel angehoben "
    "hatten, und Anleger setzen auf eine höhere Dividende.\n\n{bottom}"
    "Redaktion: Hans Müller\n"
)
EN_NO_CREDIT = (
    "Council approves new cycle lanes\n\n"
    "The city council voted on Tuesday to add four kilometres of protected cycle lanes.\n"
)
FR_NO_CREDIT = (
    "Le conseil approuve de nouvelles pistes cyclables\n\n"
    "Le conseil municipal a voté mardi la création de quatre kilomètres de pistes cyclables "
    "protégées dans le centre de la ville.\n"
)
PER_LANGUAGE = {"en": HOUSE_EN, "fr": HOUSE_FR, "de": HOUSE_DE}


def lint(text: str, rule: str, options: dict[str, Any], **kw: Any) -> list[Any]:
    # English messages on every article: these tests read the English wording.
    config = {"messages": "en", "rules": {rule: {"severity": "error", **options}}}
    return [f for f in newslint.lint_text(text, config=config, **kw) if f.code == rule]


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "NEWSLINT_CACHE_DIR": str(cwd / ".cache")}
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )


def _no_jargon(message: str) -> None:
    for word in ("when:", "position:", "`text`", "option", "NL10", "missing-", "threshold"):
        assert word not in message, f"{word!r} in an editor's message: {message}"


# ---------------------------------------------------------------- misplaced / other wording


def test_misplaced_house_disclaimer_is_reported_where_it_stands() -> None:
    text = EN_STORY.format(top=HOUSE_EN + "\n\n", bottom="")
    [f] = lint(text, DISCLAIMER, {"text": HOUSE_EN, "position": "end"})
    assert (f.line, f.column) == (3, 1)  # the disclaimer itself, not the end of the body
    assert f.message == (
        f'The house disclaimer "{HOUSE_EN}" is at line 3; house style puts it at the end of '
        "the article."
    )
    assert f.excerpt == HOUSE_EN  # 79 characters: whole
    assert f.evidence["verdict"] == "misplaced"
    _no_jargon(f.message)
    # The fix moves the paragraph (with its blank line) after the credit: applied, the
    # article passes.
    fixed = _apply(text, f.fix)
    assert fixed.count(HOUSE_EN) == 1 and fixed.rstrip().endswith(HOUSE_EN)
    assert not lint(fixed, DISCLAIMER, {"text": HOUSE_EN, "position": "end"})


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_moving_a_markdown_disclaimer_keeps_its_markup_and_line_endings(newline: str) -> None:
    story = EN_STORY.format(top=f"> **{HOUSE_EN}**\n\n", bottom="")
    text = ("---\ntitle: Contoso\n---\n" + story).replace("\n", newline)
    options = {"text": HOUSE_EN, "position": "end"}
    [f] = lint(text, DISCLAIMER, options, path="a.md")
    assert f.line == 6
    fixed = _apply(text, f.fix)
    assert fixed.endswith(f"Editing by Jane Smith{newline}{newline}> **{HOUSE_EN}**{newline}")
    assert fixed.count("**") == 2
    assert fixed.count("\n") == fixed.count(newline)  # no bare LF added to a CRLF file
    assert not lint(fixed, DISCLAIMER, options, path="a.md")


def test_misplaced_stock_disclaimer_without_house_text() -> None:
    text = EN_STORY.format(top="This article does not constitute investment advice.\n\n", bottom="")
    [f] = lint(text, DISCLAIMER, {"position": "end"})
    assert (f.line, f.column) == (3, 14)  # the disclaimer phrase on line 3
    assert f.message == (
        "The disclaimer is at line 3; house style puts it at the end of the article."
    )
    assert f.excerpt == "does not constitute investment advice"
    _no_jargon(f.message)


def test_different_wording_quotes_the_whole_house_text_and_points_at_the_disclaimer() -> None:
    long_house = HOUSE_EN + " Past performance is no guide to future returns, and prices may fall."
    assert len(long_house) > 120  # the old message cut it at 60 characters
    generic = "This article does not constitute investment advice.\n\n"
    text = EN_STORY.format(top="", bottom=generic)
    [f] = lint(text, DISCLAIMER, {"text": long_house})
    assert f.message == f'The disclaimer here differs from the house wording: "{long_house}"'
    assert f.line == 11 and f.excerpt == "does not constitute investment advice"
    assert f.evidence["verdict"] == "wording differs"
    [edit] = f.fix.edits
    assert edit.replacement.strip() == long_house  # JSON/SARIF fix: the full text, as before
    _no_jargon(f.message)


def test_missing_messages_have_no_option_names() -> None:
    plain = (
        "Council meets\n\nThe council met on Tuesday to discuss parks.\n\nEditing by Jane Smith\n"
    )
    [always] = lint(plain, DISCLAIMER, {"when": "always"})
    assert "house style requires on every article" in always.message
    [house] = lint(plain, DISCLAIMER, {"when": "always", "text": HOUSE_EN})
    assert house.message.endswith(f'"{HOUSE_EN}"')
    [financial] = lint(EN_STORY.format(top="", bottom=""), DISCLAIMER, {})
    assert financial.message.startswith("This financial article (")
    for f in (always, house, financial):
        _no_jargon(f.message)
        assert f.excerpt == "Editing by Jane Smith"  # where the disclaimer goes


def test_article_level_fingerprint_ignores_the_excerpt_of_the_last_line() -> None:
    # Guard: the excerpt now shows the body's last line; a baseline must not see a new
    # finding because that line was edited (passes before the change too, by design).
    story = EN_STORY.format(top="", bottom="")
    [a] = lint(story, DISCLAIMER, {})
    [b] = lint(story.replace("Jane Smith", "John Doe"), DISCLAIMER, {})
    assert a.excerpt != b.excerpt and a.fingerprint == b.fingerprint


# ---------------------------------------------------------------- per-language house text


@pytest.mark.parametrize(
    ("story", "lang", "own"),
    [
        (EN_STORY.format(top="", bottom="{bottom}"), "en", HOUSE_EN),
        (FR_STORY, "fr", HOUSE_FR),
        (DE_STORY, "de", HOUSE_DE),
    ],
)
def test_per_language_text_is_picked_by_the_article_language(
    story: str, lang: str, own: str
) -> None:
    options = {"text": PER_LANGUAGE}
    assert not lint(story.format(bottom=own + "\n\n"), DISCLAIMER, options)
    # Another language's house text does not do: this article is checked against its own.
    other = HOUSE_EN if lang != "en" else HOUSE_FR
    [f] = lint(story.format(bottom=other + "\n\n"), DISCLAIMER, options)
    assert f'house wording: "{own}"' in f.message or f.message.endswith(f'"{own}"')
    [missing] = lint(story.format(bottom=""), DISCLAIMER, options)
    assert missing.message.endswith(f'"{own}"') and missing.evidence["required_text"] == own


def test_declared_language_picks_the_entry() -> None:
    # front matter `lang: fr` on a text detection would call English
    text = "---\nlang: fr\n---\n" + EN_STORY.format(top="", bottom=HOUSE_FR + "\n\n")
    assert not lint(text, DISCLAIMER, {"text": PER_LANGUAGE}, path="a.md")
    assert lint(text, DISCLAIMER, {"text": PER_LANGUAGE}, path="a.md", lang="en")


def test_language_without_entry_uses_default_else_any_disclaimer() -> None:
    story = DE_STORY.format(bottom="Keine Anlageberatung.\n\n")
    assert not lint(story, DISCLAIMER, {"text": {"en": HOUSE_EN}})  # no entry: any notice
    [f] = lint(story, DISCLAIMER, {"text": {"en": HOUSE_EN, "default": HOUSE_DE}})
    assert HOUSE_DE in f.message


# ---------------------------------------------------------------- credit template


@pytest.mark.parametrize(
    ("text", "line"),
    [(EN_NO_CREDIT, "Edited by {editor}"), (FR_NO_CREDIT, "Édité par {editor}")],
)
def test_template_per_language_is_the_fix_and_the_message(text: str, line: str) -> None:
    template = {"en": "Edited by {editor}", "fr": "Édité par {editor}"}
    [f] = lint(text, CREDIT, {"template": template})
    shown = line.replace("{editor}", "<name>")
    assert f'in house style: "{shown}"' in f.message
    assert f.fix is not None and f.fix.applicability == "unsafe"
    [edit] = f.fix.edits
    assert edit.replacement == "\n\n" + line and edit.start == len(text.rstrip("\n"))
    assert f.excerpt and text.rstrip().endswith(f.excerpt.lstrip("…"))
    _no_jargon(f.message)
    # Applied as is, the placeholder still fails: a person must put the name in.
    assert lint(_apply(text, f.fix), CREDIT, {"template": template})


def test_credit_message_offers_front_matter_only_where_there_is_some() -> None:
    [txt] = lint(EN_NO_CREDIT, CREDIT, {})
    assert "front matter" not in txt.message and 'e.g. "Editing by <name>"' in txt.message
    [md] = lint(EN_NO_CREDIT, CREDIT, {}, path="a.md")
    assert "front matter (editor: <name>)" in md.message
    _no_jargon(txt.message)
    _no_jargon(md.message)


def _apply(text: str, fix: Any) -> str:
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


# ---------------------------------------------------------------- through the CLI


def test_cli_per_language_text_template_and_language_override(tmp_path: Path) -> None:
    (tmp_path / "newslint.yaml").write_text(
        "rules:\n"
        "  missing-disclaimer:\n"
        "    position: end\n"
        f'    text: {{en: "{HOUSE_EN}", fr: "{HOUSE_FR}"}}\n'
        "  missing-editor-credit:\n"
        '    template: {en: "Edited by {editor}", fr: "Édité par {editor}"}\n'
        "overrides:\n"
        "  - language: fr\n"
        "    rules: {missing-editor-credit: warning}\n"
        "  - language: [de]\n"
        "    rules: {missing-disclaimer: 'off'}\n",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(
        EN_STORY.format(top=HOUSE_EN + "\n\n", bottom=""), encoding="utf-8"
    )
    (tmp_path / "fr.txt").write_text(FR_NO_CREDIT, encoding="utf-8")
    (tmp_path / "en2.txt").write_text(EN_NO_CREDIT, encoding="utf-8")
    (tmp_path / "de.txt").write_text(DE_STORY.format(bottom=""), encoding="utf-8")
    proc = run_cli(tmp_path, "check", "--format", "json", ".")
    assert proc.returncode == 1, proc.stderr
    found = {(f["path"], f["code"]): f for f in json.loads(proc.stdout)["findings"]}
    misplaced = found["en.txt", DISCLAIMER]
    assert (misplaced["line"], misplaced["column"]) == (3, 1)
    assert "is at line 3; house style puts it at the end" in misplaced["message"]
    assert misplaced["fix"]["title"] == "Move the disclaimer to the end of the article"
    assert found["fr.txt", CREDIT]["fix"]["edits"][0]["replacement"].strip() == (
        "Édité par {editor}"
    )
    assert ("de.txt", DISCLAIMER) not in found  # `language: [de]` turned it off
    assert found["fr.txt", CREDIT]["severity"] == "warning"  # `language: fr` lowered it
    assert found["en2.txt", CREDIT]["severity"] == "error"
    assert "Edited by <name>" in found["en2.txt", CREDIT]["message"]
    text = run_cli(tmp_path, "check", "en.txt").stdout
    assert f"| {HOUSE_EN}" in text  # the excerpt shows the misplaced disclaimer


def test_language_override_selects_on_the_detected_language_not_front_matter() -> None:
    story = FR_STORY.format(bottom="")  # detected French; no front matter at all
    always = {"missing-disclaimer": {"when": "always"}}
    off = {"missing-disclaimer": "off"}
    by_language = {"rules": always, "overrides": [{"language": "fr", "rules": off}]}
    by_field = {"rules": always, "overrides": [{"match": {"language": "fr"}, "rules": off}]}

    def flagged(config: dict[str, Any], **kw: Any) -> bool:
        return any(f.code == DISCLAIMER for f in newslint.lint_text(story, config=config, **kw))

    assert not flagged(by_language)
    assert flagged(by_field)  # `match` reads a front-matter field, which this text lacks
    assert flagged(by_language, lang="en")  # --lang declares it English: no longer selected


def test_show_config_lists_the_language_selector(tmp_path: Path) -> None:
    (tmp_path / "newslint.yaml").write_text(
        "overrides:\n  - language: [fr, de]\n    rules: {missing-disclaimer: 'off'}\n",
        encoding="utf-8",
    )
    proc = run_cli(tmp_path, "check", "--show-config")
    assert proc.returncode == 0, proc.stderr
    assert '  - language: ["fr", "de"]' in proc.stdout


@pytest.mark.parametrize(
    ("yaml", "expected"),
    [
        (
            "rules:\n  missing-disclaimer:\n    text: {en: x, frr: y}\n",
            "newslint.yaml:3:19 at 'rules.missing-disclaimer.text.frr': bad value for option "
            "'text' of missing-disclaimer: unknown language 'frr' (did you mean 'fr'?)",
        ),
        (
            "rules:\n  missing-disclaimer:\n    text:\n      en: x\n      fr-CA: y\n",
            "newslint.yaml:5:7 at 'rules.missing-disclaimer.text.fr-CA': bad value for option "
            "'text' of missing-disclaimer: unknown language 'fr-CA' (use 'fr'",
        ),
        (
            "rules:\n  missing-disclaimer:\n    text: {en: [x]}\n",
            "newslint.yaml:3:12 at 'rules.missing-disclaimer.text.en': bad value for option "
            "'text' of missing-disclaimer: expected a text for 'en', got a list",
        ),
        (
            "rules:\n  missing-editor-credit:\n    template: Edited by the desk\n",
            "newslint.yaml:3:15 at 'rules.missing-editor-credit.template': bad value for option "
            "'template' of missing-editor-credit: expected {editor} where the name goes",
        ),
        (
            "rules:\n  missing-editor-credit:\n    template: {fr: 'Édité par X'}\n",
            "at 'rules.missing-editor-credit.template.fr': bad value for option 'template' of "
            "missing-editor-credit: expected {editor} where the name goes",
        ),
        (
            "overrides:\n  - language: frr\n    rules: {missing-disclaimer: 'off'}\n",
            "newslint.yaml:2:15 at 'overrides[0].language': no language pack for 'frr' "
            "(did you mean 'fr'?)",
        ),
        (
            "overrides:\n  - language: [en, fr-FR]\n    rules: {missing-disclaimer: 'off'}\n",
            "newslint.yaml:2:20 at 'overrides[0].language[1]': no language pack for 'fr-FR' "
            "(use 'fr': articles are matched on the base language code)",
        ),
        (
            "overrides:\n  - language: {fr: 1}\n    rules: {missing-disclaimer: 'off'}\n",
            "at 'overrides[0].language': expected a language code such as en, fr, zh, or a "
            "list of them, got a mapping",
        ),
    ],
)
def test_cli_bad_per_language_config_exits_2(tmp_path: Path, yaml: str, expected: str) -> None:
    (tmp_path / "newslint.yaml").write_text(yaml, encoding="utf-8")
    (tmp_path / "a.txt").write_text(EN_NO_CREDIT, encoding="utf-8")
    proc = run_cli(tmp_path, "check", "a.txt")
    assert proc.returncode == 2
    assert expected in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
