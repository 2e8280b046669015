"""Helpers the figure-rule tests share (imported as a module, not collected)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable

import newslint
from newslint.language import LanguagePack
from newslint.rules._figure_sections import scan, scan_section


def assert_sections_match_pack(
    pack: LanguagePack, names: Iterable[str], text: str, rnd: random.Random, cuts: int
) -> None:
    """``scan_section`` finds exactly what the pack's compiled section pattern finds, in the
    whole text and in ``cuts`` random ranges of it."""
    points = sorted({0, len(text), *(rnd.randrange(len(text) + 1) for _ in range(cuts))})
    ranges = [*itertools.pairwise(points), (0, len(text))]
    for name in names:
        pattern = pack.pattern(name)
        for start, end in ranges:
            want = [] if pattern is None else list(scan(pattern, text, start, end, 2.0))
            got = list(scan_section(pack, name, text, start, end, 2.0))
            assert [(m.span(), m.group()) for m in got] == [(m.span(), m.group()) for m in want], (
                name,
                start,
                end,
                text[start:end],
            )


#: A headline per language, so that a test body is the article's first paragraph.
HEADLINES = {
    "en": "A headline",
    "fr": "Un titre",
    "de": "Eine Überschrift",
    "es": "Un titular",
    "zh": "标题",
}


def nl301(body: str, lang: str, headline: bool = True, **options: object) -> list[str]:
    """The figures NL301 reports in ``body`` (as written: the excerpt would normalise NBSP
    and narrow NBSP to spaces), under a headline unless ``headline`` is false."""
    text = f"{HEADLINES[lang]}\n\n{body}" if headline else body
    config = {"rules": {"unsourced-figure": options}} if options else {}
    return [
        f.evidence["figure"]
        for f in newslint.lint_text(text, lang=lang, config=config)
        if f.code == "NL301"
    ]


#: Letters whose case pairs are not one to one: "İ" lowers to two characters, "ſ" folds to "s".
ODD_CASES = {"i": "İ", "s": "ſ", "k": "K", "ß": "ẞ"}


def shuffle_case(word: str, rnd: random.Random, odd: dict[str, str] = ODD_CASES) -> str:
    """``word`` with random letters upper-cased and a few swapped for an odd case partner."""
    out = []
    for ch in word:
        r = rnd.random()
        out.append(odd[ch] if ch in odd and r < 0.05 else ch.upper() if r > 0.7 else ch)
    return "".join(out)
