"""Messages in the newsroom's language: gettext catalogs for newslint's own words.

Built-in rules and engine findings word their messages and fix titles through a translator,
``t("quote {shown} is not attributed: …").format(...)``: the template is translated, then
filled, so placeholders survive translation. House-rule messages are the newsroom's own
text and never pass through here. Rule codes and names stay English everywhere.

Catalogs are the compiled ``locale/<lang>/LC_MESSAGES/newslint.mo`` files beside this module
(sources: the ``.po`` files next to them; docs/translating.md). English needs no catalog and
costs nothing; another language's catalog is read once per process, on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

#: Languages with a message catalog (English is the msgid itself).
LANGUAGES = ("en", "fr", "de", "es", "zh")
#: Values of ``--message-lang`` and the config's ``messages:``.
CHOICES = (*LANGUAGES, "auto")
DOMAIN = "newslint"
LOCALE_DIR = Path(__file__).parent / "locale"

Translator = Callable[[str], str]


def english(message: str) -> str:
    """The English translator: a msgid is its English text."""
    return message


def N_(message: str) -> str:
    """Mark a text for extraction where it is defined; translate it later with ``t(text)``."""
    return message


_LOADED: dict[str, Translator] = {"en": english}


def translator(lang: str | None) -> Translator:
    """A gettext-like function for ``lang`` (``fr``, ``fr-CA``, ``zh-Hant``, ...).

    English for None, ``en`` or a language without a catalog. The catalog is loaded once per
    language per process; a missing or damaged one falls back to English rather than failing
    a lint run (the test suite checks that every shipped catalog loads and is complete).
    """
    code = base_language(lang)
    found = _LOADED.get(code)
    if found is None:
        found = _load(code)
        _LOADED[code] = found
    return found


def _load(code: str) -> Translator:
    if code not in LANGUAGES:
        return english
    import gettext  # only when a non-English message is wanted

    try:
        with open(LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as fh:
            return gettext.GNUTranslations(fh).gettext
    except (OSError, ValueError, UnicodeDecodeError):
        return english


class Words:
    """A picklable translator for one language: holds only the code, so it can travel to
    worker processes (``RunInfo.extra["translate"]``), each loading its catalog once."""

    __slots__ = ("lang",)

    def __init__(self, lang: str | None) -> None:
        self.lang = base_language(lang) if base_language(lang) in LANGUAGES else "en"

    def __call__(self, message: str) -> str:
        return translator(self.lang)(message)

    def __reduce__(self) -> tuple[type[Words], tuple[str]]:
        return (Words, (self.lang,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and other.lang == self.lang

    def __hash__(self) -> int:
        return hash(self.lang)

    def __repr__(self) -> str:
        return f"Words({self.lang!r})"


def report_language(setting: str | None, forced_lang: str | None) -> str:
    """The one language of a whole report's own words (the HTML report's headings).

    ``setting`` (``--message-lang`` / ``messages:``) when it names a language; under ``auto``
    the forced article language (``--lang``), which every article then has, when it has a
    catalog; otherwise English. Articles' own languages are known only once each is linted,
    after the report's words are fixed, so they cannot decide it without a second pass.
    """
    return message_language(setting, forced_lang)


def base_language(lang: str | None) -> str:
    """``fr-FR`` → ``fr``, ``zh_Hant`` → ``zh``; None → ``en``."""
    if not lang:
        return "en"
    return lang.strip().replace("_", "-").split("-")[0].lower() or "en"


def message_language(setting: str | None, article_lang: str | None) -> str:
    """The language of one article's messages.

    ``setting`` is ``--message-lang`` or the config's ``messages:`` (None or ``auto``: follow
    the article's effective language, English when it has no catalog).
    """
    if setting and setting != "auto":
        return setting
    code = base_language(article_lang)
    return code if code in LANGUAGES else "en"


def check_choice(value: object) -> str:
    """``value`` as a message-language setting, or ``ValueError`` saying what is accepted."""
    if isinstance(value, str) and value.strip().lower() in CHOICES:
        return value.strip().lower()
    from newslint.config import did_you_mean

    hint = did_you_mean(str(value).strip().lower(), CHOICES) if isinstance(value, str) else ""
    raise ValueError(f"expected one of {', '.join(CHOICES)}{hint}, got {value!r}")


__all__ = [
    "CHOICES",
    "LANGUAGES",
    "N_",
    "Translator",
    "Words",
    "base_language",
    "check_choice",
    "english",
    "message_language",
    "report_language",
    "translator",
]
