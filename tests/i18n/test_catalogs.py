"""The message catalogs: complete, current, faithful to their placeholders, and shipped compiled.

The msgids are extracted from the source with Babel exactly as docs/translating.md does
(keywords ``t`` and ``N_``), so a new or reworded message fails here until every language
translates it and the ``.mo`` files are compiled again.
"""

from __future__ import annotations

import gettext
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from newslint import i18n
from newslint.plugins import get_registry

REPO = Path(__file__).resolve().parents[2]
LOCALE = REPO / "lint" / "locale"
TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != "en"]
KEYWORDS = {"t": None, "N_": None}
#: Words the language spells as English does (the HTML report's labels): not left untranslated.
SAME_WORD = {("fr", "configuration"), ("de", "Name"), ("es", "error"), ("es", "no")}


def _extracted() -> set[str]:
    found: set[str] = set()
    for folder in ("lint", "rules"):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            str(REPO / folder), method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            assert isinstance(message, str), f"plural or odd message: {message!r}"
            found.add(message)
    return found


@pytest.fixture(scope="module")
def msgids() -> set[str]:
    ids = _extracted()
    assert len(ids) > 40  # the extraction found the rules' messages, not nothing
    return ids


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with open(LOCALE / lang / "LC_MESSAGES" / "newslint.po", "rb") as fh:
        return read_po(fh, locale=lang)


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated(lang: str, msgids: set[str]) -> None:
    catalog = _catalog(lang)
    entries = {m.id: m for m in catalog if m.id}
    missing = sorted(msgids - set(entries))
    stale = sorted(set(entries) - msgids)
    assert not missing, f"{lang}: not in the .po (run pybabel extract/update): {missing}"
    assert not stale, f"{lang}: no longer in the code (run pybabel update): {stale}"
    assert not catalog.obsolete, f"{lang}: obsolete entries: {list(catalog.obsolete)}"
    fuzzy = [m.id for m in entries.values() if m.fuzzy]
    assert not fuzzy, f"{lang}: fuzzy entries need a translator's look: {fuzzy}"
    empty = [m.id for m in entries.values() if not m.string]
    assert not empty, f"{lang}: untranslated: {empty}"
    same = [m.id for m in entries.values() if m.string == m.id and (lang, m.id) not in SAME_WORD]
    assert not same, f"{lang}: left in English: {same}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders(lang: str) -> None:
    for m in _catalog(lang):
        if not m.id:
            continue
        assert _fields(m.string) == _fields(m.id), f"{lang}: {m.id!r} → {m.string!r}"
        # and the translation formats like its msgid
        m.string.format(**{name: "x" for name in _fields(m.id)})
        if "(editor: <name>)" in m.id:  # a front-matter key: never translated
            assert "editor: <" in m.string, f"{lang}: {m.string!r}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_compiled_catalog_matches_the_po(lang: str) -> None:
    """The committed .mo (what ships) says exactly what the .po says: recompile after edits
    (``pybabel compile -d lint/locale -D newslint``)."""
    with open(LOCALE / lang / "LC_MESSAGES" / "newslint.mo", "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    po = {m.id: m.string for m in _catalog(lang) if m.id}
    mo = {k: v for k, v in compiled._catalog.items() if k}  # type: ignore[attr-defined]
    assert mo == po


def test_template_is_current(msgids: set[str]) -> None:
    with open(LOCALE / "newslint.pot", "rb") as fh:
        template = read_po(fh)
    assert {m.id for m in template if m.id} == msgids


@pytest.mark.parametrize("lang", TRANSLATED)
def test_source_gloss_matches_the_pack(lang: str) -> None:
    """The gloss "according to …" follows a figure suggestion only when they differ:
    in the article's own language they must agree, or every message repeats itself."""
    pack = get_registry(builtin_only=True).packs[lang]
    assert i18n.translator(lang)("according to …") == pack.entries("figure-suggestion")[0]


def test_translator_falls_back_to_english() -> None:
    assert i18n.translator(None) is i18n.english
    assert i18n.translator("it") is i18n.english
    assert i18n.translator("en-GB") is i18n.english
    fr = i18n.translator("fr")
    assert fr is i18n.translator("fr-CA") is i18n.translator("FR")  # loaded once
    assert fr("unknown rule {name}") == "règle inconnue {name}"
    assert fr("a text no catalog has") == "a text no catalog has"
    assert i18n.translator("zh-Hant")("according to …") == "据……"


def test_message_language_choice() -> None:
    assert i18n.message_language(None, "de") == "de"
    assert i18n.message_language("auto", "zh") == "zh"
    assert i18n.message_language(None, "it") == "en"
    assert i18n.message_language("es", "fr") == "es"
    assert i18n.check_choice(" FR ") == "fr"
    with pytest.raises(ValueError, match=r"expected one of en, fr, de, es, zh, auto"):
        i18n.check_choice("italian")
    with pytest.raises(ValueError, match="did you mean 'de'"):
        i18n.check_choice("dee")


def test_catalogs_load_lazily() -> None:
    """English costs nothing: no catalog is read until a non-English article needs one."""
    code = (
        "from newslint import i18n\n"
        "from newslint.api import lint_text\n"
        "lint_text('Council meets\\n\\nThe council met on Tuesday to discuss the budget.')\n"
        "print(sorted(i18n._LOADED))\n"
        "lint_text('Le conseil\\n\\nLe conseil municipal a voté le budget de la ville mardi.')\n"
        "print(sorted(i18n._LOADED))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split("\n")
    assert out[0] == "['en']"
    assert out[1] == "['en', 'fr']"


def test_extraction_sees_every_literal_call(msgids: set[str]) -> None:
    """Babel reads no call inside an f-string (Python 3.11 tokenises it as one string), so a
    ``t("…")`` written there would silently stay English: every literal call must be seen."""
    import re

    call = re.compile(r"""\b(?:t|N_)\(\s*(["'])((?:\\.|(?!\1).)+)\1\s*\)""")
    unseen = []
    for path in sorted((REPO / "lint").rglob("*.py")) + sorted((REPO / "rules").rglob("*.py")):
        code = path.read_text(encoding="utf-8")
        for m in call.finditer(code):
            text = (
                m.group(2).encode().decode("unicode_escape") if "\\" in m.group(2) else m.group(2)
            )
            if text not in msgids and not _in_docstring(code, m.start()):
                unseen.append(f"{path.relative_to(REPO)}: {text!r}")
    assert not unseen, f"t() calls Babel does not extract (move them out of f-strings): {unseen}"


def _in_docstring(code: str, at: int) -> bool:
    """An example in a docstring or comment, not a call (``t("quote {shown} …")``)."""
    line_start = code.rfind("\n", 0, at) + 1
    if "#" in code[line_start:at]:
        return True
    return code.count('"""', 0, at) % 2 == 1
