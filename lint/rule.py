"""What a rule is: identity, documentation, typed options and ``check(article, ctx)``.

Python rules subclass :class:`Rule`; YAML house rules compile to instances of it. The engine
only ever sees Rule objects, so built-in, third-party and house rules behave the same.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from newslint.findings import Hit, Severity
from newslint.i18n import english
from newslint.suppress import NO_SUPPRESSIONS, Suppressions

if TYPE_CHECKING:
    import regex
    from newslint.analysis import Analysis
    from newslint.article import Article
    from newslint.language import LanguagePack

#: Seconds a single regex call may run before the rule fails on that file.
REGEX_TIMEOUT = 2.0


class OptionError(ValueError):
    """A bad option value; ``key`` names the entry of a mapping value at fault, so config
    errors can point at that entry's line rather than the option's."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


class PerLanguage:
    """Option type: one text, or a mapping of language code (or ``default``) to a text.

    Newsrooms publish in several languages and a house line (a disclaimer, a credit) is
    worded per language; :meth:`RuleContext.for_language` picks the article's entry.
    """

    #: The key whose entry serves articles in a language the mapping does not list.
    DEFAULT = "default"


class Option(NamedTuple):
    """A typed rule option: default, accepted type(s) or choices, and a line of help.

    ``placeholder``: text every string value must contain (a template's ``{editor}``).
    """

    default: Any
    type: type | tuple[type, ...] = str
    choices: Sequence[Any] | None = None
    help: str = ""
    minimum: float | None = None
    placeholder: str | None = None

    def validate(self, value: Any, languages: Collection[str] | None = None) -> Any:
        """Return the value if acceptable, else raise ``ValueError`` saying what was expected.

        ``languages``: the language codes a :class:`PerLanguage` mapping may use (those with
        a language pack); None accepts any code (no registry at hand).
        """
        if self.type is PerLanguage:
            return self._per_language(value, languages)
        if self.choices is not None:
            if value not in self.choices:
                raise ValueError(f"expected one of {', '.join(map(str, self.choices))}")
            return value
        types = self.type if isinstance(self.type, tuple) else (self.type,)
        if isinstance(value, bool) and bool not in types:
            raise ValueError(f"expected {_type_names(types)}, got a boolean")
        if not isinstance(value, types):
            if float in types and isinstance(value, int):
                return float(value)
            raise ValueError(f"expected {_type_names(types)}, got {type(value).__name__}")
        if list in types and isinstance(value, list):
            return list(value)
        if self.minimum is not None and isinstance(value, int | float) and value < self.minimum:
            raise ValueError(f"expected a value of at least {self.minimum}")
        if self.placeholder is not None and isinstance(value, str):
            self._check_placeholder(value, None)
        return value

    def _per_language(self, value: Any, languages: Collection[str] | None) -> str | dict[str, str]:
        if isinstance(value, str):
            self._check_placeholder(value, None)
            return value
        if not isinstance(value, Mapping) or not value:
            raise OptionError(
                "expected a text, or a mapping of language code to text "
                "(e.g. {en: ..., fr: ..., default: ...})"
                + ("" if value is None or isinstance(value, Mapping) else f", got {_kind(value)}")
            )
        known = None if languages is None else [*sorted(languages), PerLanguage.DEFAULT]
        out: dict[str, str] = {}
        for key, text in value.items():
            code = str(key)
            if known is not None and code not in known:
                from newslint.config import did_you_mean

                hint = did_you_mean(code, known)
                if not hint and code.replace("_", "-").split("-")[0].lower() in known:
                    hint = f" (use {code.replace('_', '-').split('-')[0].lower()!r}: articles "
                    hint += "are matched on the base language code)"
                raise OptionError(
                    f"unknown language {code!r}{hint} (languages: {', '.join(known)})", code
                )
            if not isinstance(text, str):
                raise OptionError(f"expected a text for {code!r}, got {_kind(text)}", code)
            self._check_placeholder(text, code)
            out[code] = text
        return out

    def _check_placeholder(self, text: str, key: str | None) -> None:
        if self.placeholder is not None and self.placeholder not in text:
            example = f", e.g. {self.default!r}" if self.default else ""
            raise OptionError(
                f"expected {self.placeholder} where the name goes{example} (got {text!r})",
                key,
            )


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


def _type_names(types: tuple[type, ...]) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dict: "a mapping",
        PerLanguage: "a text or a mapping of language code to text",
    }
    return " or ".join(names.get(t, t.__name__) for t in types)


class Policy(NamedTuple):
    """Where a rule comes from: a house-style section or a regulation, with a URL."""

    title: str
    url: str | None = None

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, **({"url": self.url} if self.url else {})}


class Rule:
    """Base class of every rule.

    Subclasses set the class attributes and implement :meth:`check`, a generator yielding
    :class:`Hit` objects. The module docstring is the rule's documentation (headings: What it
    checks, Why it matters, Example, Use instead, Options, Fix).
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    languages: ClassVar[tuple[str, ...]] = ("*",)
    options: ClassVar[Mapping[str, Option]] = {}
    policy: ClassVar[Policy | None] = None
    #: True when findings concern the whole article (missing disclaimer): kept by --changed-lines.
    article_level: ClassVar[bool] = False
    #: True for rules about the suppression comments themselves (unused-suppression): the
    #: engine runs them after it has applied the suppressions, with what it learnt in
    #: ``ctx.suppressions``, and their findings cannot be suppressed.
    reads_suppressions: ClassVar[bool] = False
    #: Set by the registry: the plugin that provided the rule.
    plugin: str = "builtin"

    @property
    def docs(self) -> str:
        import inspect  # only `explain` and the docs need it: kept out of start-up

        doc = inspect.getdoc(sys.modules.get(type(self).__module__)) or ""
        return doc or (inspect.getdoc(type(self)) or self.summary)

    @property
    def help_uri(self) -> str:
        if self.policy is not None and self.policy.url:
            return self.policy.url
        return f"https://newslint.dev/rules/{self.name}"

    def applies_to(self, lang: str) -> bool:
        return "*" in self.languages or lang in self.languages

    def check(self, article: Article, ctx: RuleContext) -> Iterator[Hit]:  # pragma: no cover
        raise NotImplementedError
        yield


class RuleContext:
    """What a rule may use besides the article: options, language pack, safe regex calls."""

    __slots__ = (
        "_analysis",
        "article",
        "explain",
        "lang",
        "message_lang",
        "notes",
        "options",
        "pack",
        "packs",
        "suppressions",
        "t",
        "timeout",
    )

    def __init__(
        self,
        options: Mapping[str, Any],
        lang: str,
        pack: LanguagePack,
        packs: Mapping[str, LanguagePack],
        article: Article | None = None,
        timeout: float = REGEX_TIMEOUT,
        explain: bool = True,
        t: Callable[[str], str] | None = None,
        message_lang: str = "en",
        suppressions: Suppressions | None = None,
        analysis: Analysis | None = None,
    ) -> None:
        self.options = options
        self.lang = lang
        self.pack = pack
        self.packs = packs
        self.article = article
        self.timeout = timeout
        #: False when nobody will read pass evidence (a plain ``check`` run): :meth:`note`
        #: then keeps nothing, and a rule may skip building costly evidence for passes.
        self.explain = explain
        self.notes: list[dict[str, Any]] = []
        #: Translates a built-in message template into the article's message language
        #: (:mod:`newslint.i18n`): ``ctx.t("figure {figure} has no source").format(...)``.
        self.t: Callable[[str], str] = english if t is None else t
        #: The language ``t`` translates into (en, fr, de, es, zh), for a plugin's own words.
        self.message_lang = message_lang
        #: The article's suppression comments and what they did (only for rules that set
        #: :attr:`Rule.reads_suppressions`; empty for the others).
        self.suppressions = NO_SUPPRESSIONS if suppressions is None else suppressions
        self._analysis = analysis

    @property
    def analysis(self) -> Analysis:
        """The article's shared analysis (:mod:`newslint.analysis`): the engine hands every
        rule of an article the same one; a context built without one makes its own."""
        if self._analysis is None:
            from newslint.analysis import Analysis

            if self.article is None:
                raise ValueError("this context has no article to analyse")
            self._analysis = Analysis(self.article, self.lang, self.pack, self.packs, self.timeout)
        return self._analysis

    def note(self, evidence: Mapping[str, Any]) -> None:
        """Record evidence for a verdict that produced no finding (shown by ``--explain``).

        Compliance staff must defend passes too: e.g. "disclaimer found: 'Keine Anlageberatung'".
        """
        if self.explain:
            self.notes.append(dict(evidence))

    def for_language(self, name: str) -> str:
        """A :class:`PerLanguage` option's text for the article's language.

        A mapping gives the entry for the article's effective language, else its ``default``
        entry, else "" (as if the option were unset); a plain text serves every language.
        """
        value = self.options.get(name)
        if isinstance(value, Mapping):
            text = value.get(self.lang, value.get(PerLanguage.DEFAULT, ""))
            return str(text or "")
        return str(value or "")

    def lexicon(self, name: str) -> list[Any]:
        """The raw entries of a lexicon section of the article's language pack."""
        return self.pack.entries(name)

    def pattern(self, name: str) -> regex.Pattern[str] | None:
        """The compiled pattern for a lexicon section, or None when the pack has none."""
        return self.pack.pattern(name)

    def finditer(
        self, pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[regex.Match[str]]:
        """``pattern.finditer`` with a timeout, so a slow pattern fails the rule, not the run."""
        end = len(text) if endpos is None else endpos
        return pattern.finditer(text, pos, end, timeout=self.timeout)

    def search(
        self, pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
    ) -> regex.Match[str] | None:
        end = len(text) if endpos is None else endpos
        return pattern.search(text, pos, end, timeout=self.timeout)
