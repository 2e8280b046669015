"""What a rule is: identity, documentation, typed options and ``check(article, ctx)``.

Python rules subclass :class:`Rule`; YAML house rules compile to instances of it. The engine
only ever sees Rule objects, so built-in, third-party and house rules behave the same.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from newslint.findings import Hit, Severity

if TYPE_CHECKING:
    import regex
    from newslint.article import Article
    from newslint.language import LanguagePack

#: Seconds a single regex call may run before the rule fails on that file.
REGEX_TIMEOUT = 2.0


class Option(NamedTuple):
    """A typed rule option: default, accepted type(s) or choices, and a line of help."""

    default: Any
    type: type | tuple[type, ...] = str
    choices: Sequence[Any] | None = None
    help: str = ""
    minimum: float | None = None

    def validate(self, value: Any) -> Any:
        """Return the value if acceptable, else raise ``ValueError`` saying what was expected."""
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
        return value


def _type_names(types: tuple[type, ...]) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dict: "a mapping",
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

    __slots__ = ("article", "explain", "lang", "notes", "options", "pack", "packs", "timeout")

    def __init__(
        self,
        options: Mapping[str, Any],
        lang: str,
        pack: LanguagePack,
        packs: Mapping[str, LanguagePack],
        article: Article | None = None,
        timeout: float = REGEX_TIMEOUT,
        explain: bool = True,
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

    def note(self, evidence: Mapping[str, Any]) -> None:
        """Record evidence for a verdict that produced no finding (shown by ``--explain``).

        Compliance staff must defend passes too: e.g. "disclaimer found: 'Keine Anlageberatung'".
        """
        if self.explain:
            self.notes.append(dict(evidence))

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
