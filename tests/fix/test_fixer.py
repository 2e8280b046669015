"""``newslint.fixer.apply_fixes``: ruff's rules for combining edits in one pass."""

from __future__ import annotations

from newslint.findings import Edit, Fix
from newslint.fixer import already_there, apply_fixes


def _fix(*edits: tuple[int, int, str], title: str = "t") -> Fix:
    return Fix(title, tuple(Edit(*e) for e in edits), "safe")


def test_overlapping_fixes_wait_for_the_next_pass_and_a_fix_is_all_or_nothing() -> None:
    text = "abcdefghij"
    first = _fix((1, 3, "X"))
    overlapping = _fix((2, 4, "Y"), (8, 9, "Z"))  # its second edit alone would fit
    later = _fix((5, 6, "W"))
    fixed, count = apply_fixes(text, [("B", later), ("A", overlapping), ("A", first)])
    assert (fixed, count) == ("aXdeWghij", 2)


def test_insertions_at_one_place_follow_rule_codes_and_precede_a_deletion_there() -> None:
    text = "body\n\nresidue\n"
    fixes = [
        ("NL401", _fix((4, 13, ""))),
        ("NL102", _fix((4, 4, "\n\ncredit"))),
        ("NL101", _fix((4, 4, "\n\ndisclaimer"))),
    ]
    assert apply_fixes(text, fixes) == ("body\n\ndisclaimer\n\ncredit\n", 3)


def test_an_insertion_inside_replaced_text_overlaps() -> None:
    assert apply_fixes("abcdef", [("A", _fix((1, 4, "X"))), ("B", _fix((2, 2, "Y")))]) == (
        "aXef",
        1,
    )


def test_inserted_line_breaks_follow_the_file() -> None:
    text = "one\r\ntwo\r\n"
    fixed, _ = apply_fixes(text, [("A", _fix((3, 3, "\n\nthree")))])
    assert fixed == "one\r\n\r\nthree\r\ntwo\r\n"
    fixed, _ = apply_fixes("one\rtwo\r", [("A", _fix((3, 3, "\nthree")))])
    assert fixed == "one\rthree\rtwo\r"


def test_a_line_already_in_the_file_is_not_inserted_again() -> None:
    text = "body\n\nEdited by {editor}\n"
    assert already_there(text, _fix((4, 4, "\n\nEdited by {editor}")))
    assert not already_there(text, _fix((4, 4, "\n\nDisclaimer.")))
    assert not already_there(text, _fix((0, 4, "Edited by {editor}")))  # not an insertion
