"""The HTML report's own words in the newsroom's language (``--message-lang``, ``messages:``,
or under ``auto`` the forced ``--lang``), through the real CLI, cache and worker processes."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from fmt_helpers import CliRunner
from html_helpers import HTML_PROBE, parse
from newslint.i18n import Words, report_language

FRENCH = "Le maire a présenté le budget devant le conseil municipal mardi soir.\n"
ENGLISH = "The mayor presented the budget to the city council on Tuesday evening.\n"


def _page(cli: CliRunner, tmp_path: Path, *args: str, out: str = "r.html") -> str:
    proc = cli("check", "-p", HTML_PROBE, "--format", f"html={out}", *args)
    assert proc.returncode in (0, 1), proc.stderr
    return (tmp_path / out).read_text(encoding="utf-8")


def _words(page: str) -> dict[str, str]:
    return json.loads(page.split('id="nl-words">')[1].split("</script>")[0])


def test_message_lang_words_the_page(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Budget headline\n\nNEST here. {ENGLISH}", encoding="utf-8")
    page = _page(cli, tmp_path, "--no-cache", "--message-lang", "fr", "a.txt")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "Signalements par règle" in page and "Findings by rule" not in page
    assert _words(page)["fix"] == "Correction proposée"
    (article,) = parse(page).articles
    assert "NEST" in article.text  # the article itself is untouched


def test_default_on_an_english_article_stays_english(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Budget headline\n\nNEST here. {ENGLISH}", encoding="utf-8")
    page = _page(cli, tmp_path, "--no-cache", "a.txt")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Findings by rule" in page and _words(page)["fix"] == "Suggested fix"


def test_auto_follows_forced_lang_and_config(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Titre du budget\n\nNEST ici. {FRENCH}", encoding="utf-8")
    # auto: a detected language is known only per article, after the words are fixed
    page = _page(cli, tmp_path, "--no-cache", "a.txt")
    assert '<html lang="en">' in page and "Findings by rule" in page
    page = _page(cli, tmp_path, "--no-cache", "--lang", "de", "a.txt")
    assert '<html lang="de">' in page and "Befunde nach Regel" in page
    (tmp_path / "newslint.yaml").write_text("messages: es\n", encoding="utf-8")
    page = _page(cli, tmp_path, "--no-cache", "--lang", "de", "a.txt")
    assert '<html lang="es">' in page and "Hallazgos por regla" in page


def test_workers_and_cache_keep_each_language(cli: CliRunner, tmp_path: Path) -> None:
    """Articles are rendered in worker processes (the translator is pickled) and cached per
    language: a cached French page is never replayed into an English one."""
    (tmp_path / "news").mkdir()
    for i in range(6):
        text = f"Headline {i}\n\nNEST {i}. {ENGLISH}"
        (tmp_path / "news" / f"a{i}.txt").write_text(text, encoding="utf-8")
    cache = ("--cache-dir", "cache", "--jobs", "2")
    french = _page(cli, tmp_path, *cache, "--message-lang", "fr", "news", out="fr.html")
    english = _page(cli, tmp_path, *cache, "news", out="en.html")
    again = _page(cli, tmp_path, *cache, "--message-lang", "fr", "news", out="fr2.html")
    for page in (french, english):
        assert len(parse(page).articles) == 6
        assert page.count('class="n w" title=') == 6
    assert '<span class="n w" title="avertissements">' in french
    assert '<span class="n w" title="warnings">' in english
    assert "avertissements" not in english
    assert again == french


def test_translator_pickles_as_its_language() -> None:
    words = pickle.loads(pickle.dumps(Words("fr-CA")))
    assert words == Words("fr") and words("Findings by rule") == "Signalements par règle"
    assert Words("xx")("Findings by rule") == "Findings by rule"
    assert report_language("auto", "zh-Hant") == "zh"
    assert report_language(None, "auto") == "en"
    assert report_language("de", "fr") == "de"
