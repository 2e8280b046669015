"""Which pack sections ship with newslint (and may run without the regex timeout)."""

from __future__ import annotations

import types

from newslint.language import build_packs
from newslint.plugins import load_registry
from newslint.rules import PACKS_DIR


def test_builtin_sections_are_shipped_until_a_plugin_extends_them() -> None:
    own = PACKS_DIR / "fr.yaml"
    extra = {"lang": "fr", "lexicons": {"speech-verbs": ["a chuchoté"], "new-section": ["x"]}}
    packs = build_packs([own, extra], shipped=[own])
    fr = packs["fr"]
    assert fr.is_shipped("financial-strong")
    assert not fr.is_shipped("speech-verbs")  # a plugin added an entry
    assert not fr.is_shipped("new-section")
    assert "a chuchoté" in fr.entries("speech-verbs")


def test_packs_of_plugins_and_mappings_are_not_shipped() -> None:
    own = PACKS_DIR / "de.yaml"
    packs = build_packs([own, {"lang": "it", "lexicons": {"speech-verbs": ["ha detto"]}}])
    assert not packs["de"].shipped_sections  # not declared shipped
    assert not packs["it"].is_shipped("speech-verbs")


def test_registry_marks_only_newslints_own_packs() -> None:
    from newslint.hookspecs import hookimpl

    plugin = types.ModuleType("pack_plugin_for_test")

    @hookimpl
    def newslint_language_packs() -> list[object]:
        return [{"lang": "en", "lexicons": {"speech-verbs": ["whispered"]}}]

    plugin.newslint_language_packs = newslint_language_packs  # type: ignore[attr-defined]
    plain = load_registry().packs["en"]
    assert plain.is_shipped("speech-verbs") and plain.is_shipped("disclaimer-phrases")
    extended = load_registry(extra=[plugin]).packs["en"]
    assert not extended.is_shipped("speech-verbs")
    assert extended.is_shipped("disclaimer-phrases")
