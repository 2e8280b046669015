"""Parsing the YAML of a house rule: keys, per-language pattern lists, examples, policy.

Separate from :mod:`newslint.yamlrules` (the rule kinds) so each stays readable; every error is
a :class:`ConfigError` carrying the rule file, key path and line:col of the offending entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import regex
from newslint.errors import ConfigError
from newslint.language import entry_to_regex
from newslint.lazy import lazy_regex
from newslint.rule import Policy
from newslint.yamlio import position

CODE_RE = lazy_regex(r"^[A-Z][A-Z0-9]{0,5}[0-9]{2,5}$")
NAME_RE = lazy_regex(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
LANG_RE = lazy_regex(r"^(?:\*|[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$")
COMMON_KEYS = (
    "kind",
    "code",
    "name",
    "message",
    "severity",
    "languages",
    "policy",
    "examples",
    "description",
    "summary",
    "scope",
)
SCOPES = ("all", "headline", "body")
_FLAGS = regex.IGNORECASE | regex.V0


class Spec:
    """A rule's YAML mapping plus where it came from, for errors with file:line:col."""

    def __init__(self, node: Any, source: str, keypath: str) -> None:
        self.node = node
        self.source = source
        self.keypath = keypath

    def error(self, reason: str, key: Any = None, node: Any = None, sub: str = "") -> ConfigError:
        """An error at ``node[key]`` (default node: the rule), key path ``rules[i]<sub>.key``."""
        line, col = position(self.node if node is None else node, key)
        path = self.keypath + sub
        if isinstance(key, int):
            path += f"[{key}]"
        elif key is not None:
            path += f".{key}"
        return ConfigError(reason, path=self.source, line=line, column=col, key=path)

    def get(self, key: str, default: Any = None) -> Any:
        return self.node.get(key, default)

    def string(self, key: str, default: str | None = None) -> str | None:
        value = self.node.get(key, default)
        if value is not None and not isinstance(value, str):
            raise self.error(f"expected a string, got {type(value).__name__}", key)
        return value


class Example(NamedTuple):
    """One example article of a house rule: it must (fail) or must not (pass) be flagged."""

    text: str
    expect_finding: bool
    lang: str | None = None
    path: str | None = None


class Entry(NamedTuple):
    pattern: regex.Pattern[str]
    raw: Any
    replacement: str | None = None


def _compile_entry(
    spec: Spec, entry: Any, container: Any, index: Any, where: str
) -> regex.Pattern[str]:
    def err(reason: str) -> ConfigError:
        return spec.error(reason, index, container, where)

    if isinstance(entry, Mapping) and set(entry) - {"re"}:
        bad = sorted(set(entry) - {"re"})[0]
        raise err(f"unknown key {bad!r} in a pattern entry (expected 're')")
    if isinstance(entry, Mapping) and not isinstance(entry.get("re"), str):
        raise err("'re' must be a regular expression string")
    if not isinstance(entry, str | Mapping) or (isinstance(entry, str) and not entry.strip()):
        raise err("a pattern must be a non-empty phrase or {re: PATTERN}")
    try:
        return regex.compile(entry_to_regex(entry), _FLAGS)
    except regex.error as exc:
        raise err(f"bad regular expression: {exc}") from None


def per_language(spec: Spec, key: str, *, replacements: bool = False) -> dict[str, list[Entry]]:
    """``[entries]`` (all languages) or ``{lang: [entries]}`` → ``{lang or '*': entries}``."""
    value = spec.get(key)
    if value is None:
        raise spec.error(f"missing required key {key!r}")
    if replacements:
        per_lang = (
            isinstance(value, Mapping)
            and value
            and all(isinstance(v, Mapping | list) for v in value.values())
        )
    else:
        per_lang = isinstance(value, Mapping)
    groups: dict[str, tuple[Any, Any]] = {}
    if per_lang:
        for lang, items in value.items():
            if not isinstance(lang, str) or not LANG_RE.match(lang):
                raise spec.error(
                    f"{lang!r} is not a language code (en, fr, zh, ... or *)",
                    lang,
                    value,
                    f".{key}",
                )
            groups[lang] = (items, value)
    else:
        groups["*"] = (value, spec.node)
    out: dict[str, list[Entry]] = {}
    for lang, (items, parent) in groups.items():
        pkey = key if parent is spec.node else lang
        where = f".{key}" if parent is spec.node else f".{key}.{lang}"
        out[lang] = (
            _replacement_entries(spec, items, parent, pkey, where)
            if replacements
            else _pattern_entries(spec, items, parent, pkey, where)
        )
    return out


def _pattern_entries(spec: Spec, items: Any, parent: Any, pkey: Any, where: str) -> list[Entry]:
    if isinstance(items, str):
        items = [items]
    if isinstance(items, Mapping):
        return [Entry(_compile_entry(spec, items, parent, pkey, where.rsplit(".", 1)[0]), items)]
    if not isinstance(items, list) or not items:
        raise spec.error(
            "expected a non-empty list of phrases or {re: PATTERN}",
            pkey,
            parent,
            where.rsplit(".", 1)[0],
        )
    return [Entry(_compile_entry(spec, e, items, i, where), e) for i, e in enumerate(items)]


def _replacement_entries(spec: Spec, items: Any, parent: Any, pkey: Any, where: str) -> list[Entry]:
    out: list[Entry] = []
    if isinstance(items, Mapping):
        for phrase, rep in items.items():
            if not isinstance(rep, str):
                raise spec.error("a replacement must be a string", phrase, items, where)
            out.append(Entry(_compile_entry(spec, phrase, items, phrase, where), phrase, rep))
    elif isinstance(items, list):
        for i, item in enumerate(items):
            if (
                not isinstance(item, Mapping)
                or "with" not in item
                or not (("phrase" in item) ^ ("re" in item))
            ):
                raise spec.error(
                    "expected {phrase: TEXT, with: TEXT} or {re: PATTERN, with: TEXT}",
                    i,
                    items,
                    where,
                )
            raw = item["phrase"] if "phrase" in item else {"re": item["re"]}
            if not isinstance(item["with"], str):
                raise spec.error("'with' must be a string", "with", item, f"{where}[{i}]")
            out.append(Entry(_compile_entry(spec, raw, items, i, where), raw, item["with"]))
    if not out:
        raise spec.error(
            "expected a mapping {phrase: replacement} or a list",
            pkey,
            parent,
            where.rsplit(".", 1)[0],
        )
    return out


def parse_examples(spec: Spec) -> list[Example]:
    value = spec.get("examples")
    if value is None:
        return []
    if not isinstance(value, Mapping):
        raise spec.error("expected a mapping {fail: [...], pass: [...]}", "examples")
    out: list[Example] = []
    for kind, items in value.items():
        if kind not in ("fail", "pass"):
            raise spec.error(
                f"unknown key {kind!r} (expected fail or pass)", kind, value, ".examples"
            )
        if not isinstance(items, list):
            raise spec.error("expected a list of example texts", kind, value, ".examples")
        for i, item in enumerate(items):
            if isinstance(item, str):
                out.append(Example(item, kind == "fail"))
            elif (
                isinstance(item, Mapping)
                and isinstance(item.get("text"), str)
                and not (set(item) - {"text", "lang", "path"})
            ):
                out.append(
                    Example(item["text"], kind == "fail", item.get("lang"), item.get("path"))
                )
            else:
                raise spec.error(
                    "an example is a text or {text, lang, path}", i, items, f".examples.{kind}"
                )
    return out


def parse_policy(spec: Spec) -> Policy | None:
    value = spec.get("policy")
    if value is None:
        return None
    if isinstance(value, str):
        return Policy(value)
    if (
        isinstance(value, Mapping)
        and isinstance(value.get("title"), str)
        and not set(value) - {"title", "url"}
        and isinstance(value.get("url", ""), str)
    ):
        return Policy(value["title"], value.get("url"))
    raise spec.error("expected {title: TEXT, url: URL}", "policy")
