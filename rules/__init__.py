"""The built-in rules and language packs, registered as the ``builtin`` plugin.

They register through the ``newslint`` entry-point group exactly like a third-party plugin.
Codes are grouped by family: 1xx disclosure, 2xx attribution, 3xx sourcing, 4xx publishing
hygiene, 9xx meta.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newslint.hookspecs import hookimpl

PACKS_DIR = Path(__file__).parent / "packs"
PACK_LANGS = ("en", "fr", "zh", "de", "es")


@hookimpl
def newslint_rules() -> list[Any]:
    from newslint.rules.missing_disclaimer import MissingDisclaimer
    from newslint.rules.missing_editor_credit import MissingEditorCredit
    from newslint.rules.related_links_residue import RelatedLinksResidue
    from newslint.rules.suppression_without_reason import SuppressionWithoutReason
    from newslint.rules.unattributed_quote import UnattributedQuote
    from newslint.rules.unsourced_figure import UnsourcedFigure
    from newslint.rules.unused_suppression import UnusedSuppression

    return [
        MissingDisclaimer,
        MissingEditorCredit,
        UnattributedQuote,
        UnsourcedFigure,
        RelatedLinksResidue,
        UnusedSuppression,
        SuppressionWithoutReason,
    ]


@hookimpl
def newslint_language_packs() -> list[Any]:
    return [PACKS_DIR / f"{lang}.yaml" for lang in PACK_LANGS]


_SHIPPED_LEXICONS: dict[str, dict[str, Any] | None] = {}


def shipped_lexicons(lang: str) -> dict[str, Any] | None:
    """The lexicons of newslint's own pack for ``lang`` as shipped (None if there is none or
    it cannot be read), read once per process: what rules compare a pack's entries with to
    decide that a pattern is reviewed and may run without the regex timeout."""
    if lang not in _SHIPPED_LEXICONS:
        from newslint.language import load_pack_file

        path = PACKS_DIR / f"{lang}.yaml"
        lexicons = None
        if path.is_file():
            try:
                lexicons = dict(load_pack_file(path).get("lexicons") or {})
            except Exception:  # an unreadable shipped pack trusts nothing
                lexicons = None
        _SHIPPED_LEXICONS[lang] = lexicons
    return _SHIPPED_LEXICONS[lang]


@hookimpl
def newslint_rule_kinds() -> dict[str, Any]:
    from newslint.yamlrules import BUILTIN_KINDS

    return dict(BUILTIN_KINDS)
