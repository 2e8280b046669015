"""A check the figure-rule speed tests share (imported as a module, not collected)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable

from newslint.language import LanguagePack
from newslint.rules._figures import scan, scan_section


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
