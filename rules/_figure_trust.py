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

from collections.abc import Iterable, Mapping
from typing import Any

from newslint.language import LanguagePack, load_pack_file

__all__ = ["trusted"]

_BUILTIN: dict[str, Mapping[str, Any] | None] = {}
_TRUSTED: dict[tuple[int, tuple[str, ...]], tuple[LanguagePack, bool]] = {}


def _builtin_lexicons(lang: str) -> Mapping[str, Any] | None:
    """The lexicons of the built-in pack file for ``lang`` (or None), read once."""
    if lang not in _BUILTIN:
        from newslint.rules import PACKS_DIR

        path = PACKS_DIR / f"{lang}.yaml"
        lexicons = None
        if path.is_file():
            try:
                lexicons = load_pack_file(path).get("lexicons") or {}
            except Exception:  # an unreadable pack trusts nothing
                lexicons = None
        _BUILTIN[lang] = lexicons
    return _BUILTIN[lang]


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
    shipped = getattr(pack, "is_shipped", None)
    # (A section without entries has no pattern to guard.)
    if shipped is not None and all(shipped(n) or not pack.entries(n) for n in key[1]):
        ok = True
    else:
        builtin = _builtin_lexicons(pack.lang)
        ok = builtin is not None and all(
            pack.entries(name) == list(builtin.get(name) or []) for name in key[1]
        )
    _TRUSTED[key] = (pack, ok)
    return ok
