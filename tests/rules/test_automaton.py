"""Needles: which lexicon entries can match, found in one pass."""

from newslint.rules._automaton import Needles


def test_present_finds_entries_whose_needle_occurs_casefolded() -> None:
    index = Needles({"said": ["said"], "per": ["according to", "as per"], "none": ["zebra"]})
    assert index.present("She SAID so, as per the memo".casefold()) == {"said", "per"}


def test_an_entry_without_needle_is_always_present() -> None:
    index = Needles({"free": [], "said": ["said"]})
    assert index.present("nothing here") == {"free"}
    assert Needles({"free": []}).present("x") == {"free"}


def test_shared_needles_and_overlaps() -> None:
    index = Needles({"a": ["bank"], "b": ["bank", "banks"], "c": ["central bank"]})
    assert index.present("the central banks") == {"a", "b", "c"}


def test_occurrences_give_offsets_in_order() -> None:
    index = Needles({1: ["dax"], 2: ["cac 40"]})
    text = "le cac 40 et le dax".casefold()
    hits = list(index.occurrences(text))
    assert [(text[s:e], keys) for s, e, keys in hits] == [("cac 40", (2,)), ("dax", (1,))]


def test_german_sharp_s_folds_like_the_text() -> None:
    index = Needles({"s": ["Straße"]})
    assert index.present("STRASSE".casefold()) == {"s"}
