"""The built-in language packs: they load, every lexicon compiles, nothing is listed twice."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
import regex
from newslint.language import LanguagePack, entry_to_regex, load_pack_file

PACKS_DIR = Path(__file__).resolve().parents[2] / "rules" / "packs"
LANGS = ("en", "fr", "zh", "de", "es")
DISCLOSURE_SECTIONS = (
    "financial-strong",
    "financial-medium",
    "financial-weak",
    "financial-central-bank",
    "disclaimer-phrases",
    "disclaimer-labels",
    "disclaimer-content",
    "editor-labels",
    "reporter-labels",
    "related-links-headings",
)


def _pack(lang: str) -> LanguagePack:
    path = PACKS_DIR / f"{lang}.yaml"
    return LanguagePack(load_pack_file(path), origin=str(path))


def test_every_builtin_pack_is_present_and_registered() -> None:
    from newslint.plugins import get_registry

    assert sorted(p.stem for p in PACKS_DIR.glob("*.yaml")) == sorted(LANGS)
    packs = get_registry(builtin_only=True).packs
    for lang in LANGS:
        assert packs[lang].version and packs[lang].version != "0"


@pytest.mark.parametrize("lang", LANGS)
def test_pack_loads_with_metadata(lang: str) -> None:
    pack = _pack(lang)
    assert pack.lang == lang
    assert pack.name and pack.version
    assert isinstance(pack.lexicons, dict) and pack.lexicons


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_and_section_compiles(lang: str) -> None:
    pack = _pack(lang)
    for section, entries in pack.lexicons.items():
        assert isinstance(entries, list), f"{lang}:{section} must be a list"
        for entry in entries:
            assert isinstance(entry, str) or (isinstance(entry, dict) and "re" in entry), (
                f"{lang}:{section}: {entry!r} is neither a phrase nor {{re: …}}"
            )
            if isinstance(entry, dict):
                known = {"re", "label", "needs", "starts", "word"}
                assert set(entry) <= known, f"{lang}:{section}: unknown keys {entry}"
            regex.compile(entry_to_regex(entry), regex.IGNORECASE | regex.V0)
        if entries:
            assert pack.pattern(section) is not None


def _key(entry: Any) -> str:
    if isinstance(entry, str):
        folded = unicodedata.normalize("NFC", entry).casefold().replace("’", "'")
        return " ".join(folded.split())
    return "re:" + str(entry["re"])


@pytest.mark.parametrize("lang", LANGS)
def test_no_duplicate_entries(lang: str) -> None:
    pack = _pack(lang)
    for section, entries in pack.lexicons.items():
        keys = [_key(e) for e in entries]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        assert not dupes, f"{lang}:{section} lists {dupes} more than once"


@pytest.mark.parametrize("lang", LANGS)
def test_disclosure_sections_are_filled(lang: str) -> None:
    pack = _pack(lang)
    empty = [s for s in DISCLOSURE_SECTIONS if not pack.entries(s)]
    assert not empty, f"{lang} lacks {empty}"


@pytest.mark.parametrize(
    ("lang", "section", "text", "hit"),
    [
        ("en", "related-links-headings", "You might also like", True),
        ("fr", "related-links-headings", "Vous pourriez également aimer", True),
        ("zh", "related-links-headings", "相關閱讀", True),
        ("de", "related-links-headings", "Das könnte Sie auch interessieren", True),
        ("es", "related-links-headings", "Noticias relacionadas", True),
        ("en", "financial-strong", "in stock at the shop", False),
        (
            "fr",
            "disclaimer-phrases",
            "Cet article ne constitue pas un conseil en investissement",
            True,
        ),
        ("de", "disclaimer-phrases", "Dies stellt keine Anlageberatung dar", True),
        ("zh", "disclaimer-phrases", "本文不构成投资建议", True),
        ("es", "disclaimer-phrases", "no constituye asesoramiento de inversión", True),
    ],
)
def test_sample_matches(lang: str, section: str, text: str, hit: bool) -> None:
    pattern = _pack(lang).pattern(section)
    assert pattern is not None
    assert bool(pattern.search(text)) is hit
