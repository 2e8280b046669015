"""Which language-pack sections are the built-in ones, searched without a regex timeout.

A ``timeout=`` costs about 2 µs per regex call here (three to eight times the match
itself), and the figure rule makes hundreds of short calls per article. The timeout guards
the run against catastrophic backtracking in patterns nobody reviewed: the built-in packs'
patterns ship with the rule and their growth is tested (``test_unsourced_figure_speed``,
the adversarial benchmark). A section counts as built-in only when the registry marks it
shipped (no other pack extends it) or its entries equal the built-in pack file's for that
language; anything a user pack adds or replaces (a merged pack, a pack of its own) keeps
the engine's timeout.
"""

from __future__ import annotations

from collections.abc import Iterable

from newslint.language import LanguagePack
from newslint.rules import shipped_lexicons

__all__ = ["trusted"]

_TRUSTED: dict[tuple[int, tuple[str, ...]], tuple[LanguagePack, bool]] = {}


def trusted(pack: LanguagePack, names: Iterable[str]) -> bool:
    """Whether every named section of ``pack`` is exactly the built-in pack's section.

    Packs loaded by the registry know it (``LanguagePack.is_shipped``: a section no other
    pack extends); only other packs (built by hand, in tests) are compared with the
    built-in pack file, which is then read once.
    """
    key = (id(pack), tuple(names))
    hit = _TRUSTED.get(key)
    if hit is not None and hit[0] is pack:
        return hit[1]
    # (A section without entries has no pattern to guard.)
    if all(pack.is_shipped(n) or not pack.entries(n) for n in key[1]):
        ok = True
    else:
        builtin = shipped_lexicons(pack.lang)
        ok = builtin is not None and all(
            pack.entries(name) == list(builtin.get(name) or []) for name in key[1]
        )
    _TRUSTED[key] = (pack, ok)
    return ok
