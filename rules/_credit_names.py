"""Who the front matter names as editor, and whether a credit line names the same person.

Front matter is often written by a CMS or abbreviated by hand ("J. Smith", "Smith, Jane",
"Jane SMITH"), so a credit line and an ``editor:`` field agree when they name the same
tokens in any order, accents and case aside, or when initials stand for given names.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from newslint.lazy import lazy_regex

if TYPE_CHECKING:
    from newslint.article import Article

METADATA_KEYS = ("editor", "editors", "edited_by", "edited-by")
_FOLD_WORD = lazy_regex(r"[\p{L}\p{N}]+")
_META_SEP = lazy_regex(r"\s*(?:;|,|\band\b|&)\s*")


def metadata_editors(article: Article) -> list[str]:
    """Editor names from front matter (``editor:`` as a string or a list)."""
    for key in METADATA_KEYS:
        value = article.metadata.get(key)
        if isinstance(value, str) and value.strip():
            return [v.strip() for v in _META_SEP.split(value) if v.strip()]
        if isinstance(value, list):
            names = [str(v).strip() for v in value if str(v).strip()]
            if names:
                return names
    return []


def _fold(name: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _FOLD_WORD.findall(plain)


def same_person(a: str, b: str) -> bool:
    """Same tokens in any order, accents and case aside, or with initials standing for
    given names ("J. Smith" is "Jane Smith"): front matter is often abbreviated."""
    ta, tb = _fold(a), _fold(b)
    if not ta or not tb:
        return False
    if sorted(ta) == sorted(tb) or "".join(ta) == "".join(tb):
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)

    def fits(t: str, u: str) -> bool:
        return t == u or (len(t) == 1 and u.startswith(t)) or (len(u) == 1 and t.startswith(u))

    exact = any(len(t) > 1 and t in long_ for t in short)
    return exact and all(any(fits(t, u) for u in long_) for t in short)
