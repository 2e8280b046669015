"""House rules written in YAML: the rule kinds ``require``, ``forbid``, ``require-when`` and
``replace``, compiled to ordinary :class:`newslint.rule.Rule` objects.

A newsroom's standards desk can then encode "every story ends with 'Reporting by'" or "never
promise 'guaranteed returns'" without writing Python, and prove each rule with its own
``examples`` (``newslint test-rules FILE``) before rolling it out. Patterns are phrases
(case-, whitespace- and apostrophe-insensitive, word-bounded) or ``{re: PATTERN}`` entries;
every regex runs through ``ctx.finditer`` so a catastrophic pattern times out on one file
instead of hanging the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

import regex
from newslint.errors import ConfigError
from newslint.findings import Edit, Fix, Hit, Severity
from newslint.rule import Rule, RuleContext
from newslint.yamlio import load_yaml_file, position
from newslint.yamlspec import (
    CODE_RE,
    COMMON_KEYS,
    LANG_RE,
    NAME_RE,
    SCOPES,
    Entry,
    Example,
    Spec,
    parse_examples,
    parse_policy,
    per_language,
)


class HouseRule(Rule):
    """A rule compiled from YAML; identity and documentation are instance attributes."""

    kind = ""
    extra_keys: tuple[str, ...] = ()

    def __init__(self, spec: Spec) -> None:
        node = spec.node
        unknown = [k for k in node if k not in COMMON_KEYS + self.extra_keys]
        if unknown:
            from newslint.config import did_you_mean

            k = unknown[0]
            raise spec.error(
                f"unknown key {k!r} for a {self.kind!r} rule"
                f"{did_you_mean(str(k), COMMON_KEYS + self.extra_keys)}",
                k,
            )
        code, name = spec.string("code"), spec.string("name")
        if not code or not CODE_RE.match(code) or code.startswith("NL"):
            raise spec.error(
                "'code' must look like HR001 (capitals then digits; NL is reserved for newslint)",
                "code" if code else None,
            )
        if not name or not NAME_RE.match(name):
            raise spec.error(
                "'name' must be kebab-case, e.g. reporting-credit", "name" if name else None
            )
        self.code, self.name = code, name  # type: ignore[misc]
        self.source = spec.source
        self.line, self.column = position(node)
        self.message = spec.string("message") or ""
        sev = (spec.string("severity") or "warning").strip().lower()
        self.default_enabled = sev != "off"
        try:
            self.severity = Severity.WARNING if sev == "off" else Severity.parse(sev)  # type: ignore[misc]
        except ValueError:
            raise spec.error("expected error, warning, info or off", "severity") from None
        self._docs = spec.string("description") or ""
        self.summary = spec.string("summary") or (  # type: ignore[misc]
            self._docs.strip().splitlines()[0] if self._docs.strip() else self.message
        )
        self.scope = spec.string("scope") or "all"
        if self.scope not in SCOPES:
            raise spec.error(f"expected one of {', '.join(SCOPES)}", "scope")
        self.policy = parse_policy(spec)  # type: ignore[misc]
        self.examples = parse_examples(spec)
        self.plugin = f"house-rules:{spec.source}"
        self._compile(spec)
        langs = spec.get("languages")
        if langs is None:
            keys = self._languages_from_patterns()
            self.languages = ("*",) if "*" in keys else tuple(sorted(keys))  # type: ignore[misc]
        elif (
            isinstance(langs, list)
            and langs
            and all(isinstance(x, str) and LANG_RE.match(x) for x in langs)
        ):
            self.languages = tuple(langs)  # type: ignore[misc]
        else:
            raise spec.error("expected a list of language codes, e.g. [en, fr]", "languages")

    @property
    def docs(self) -> str:
        return self._docs or self.summary

    def _compile(self, spec: Spec) -> None:
        raise NotImplementedError

    def _languages_from_patterns(self) -> set[str]:
        return {"*"}

    def _region(self, article: Any) -> tuple[int, int]:
        """Text span the rule looks at: whole text, headline only, or body after it."""
        head = article.headline
        if self.scope == "headline":
            return (head.start, head.end) if head is not None else (0, 0)
        if self.scope == "body" and head is not None:
            return head.end, len(article.text)
        return 0, len(article.text)

    def _format(self, default: str, **values: str) -> str:
        """The newsroom's ``message`` (never translated), else newslint's ``default`` (already
        in the message language), with ``{match}``-style values filled in."""
        msg = self.message or default
        for key, value in values.items():
            msg = msg.replace("{" + key + "}", value)
        return msg


def _for_lang(table: Mapping[str, list[Entry]], lang: str) -> list[Entry]:
    return [*table.get("*", []), *table.get(lang, [])]


def _matches(
    entries: list[Entry], text: str, start: int, end: int, ctx: RuleContext
) -> Iterator[tuple[regex.Match[str], Entry]]:
    for entry in entries:
        for m in ctx.finditer(entry.pattern, text, start, end):
            if m.end() > m.start():
                yield m, entry


def _first(
    entries: list[Entry], text: str, start: int, end: int, ctx: RuleContext
) -> regex.Match[str] | None:
    found = [m for e in entries if (m := ctx.search(e.pattern, text, start, end)) is not None]
    return min(found, key=lambda m: m.start()) if found else None


def _describe(entries: list[Entry]) -> list[str]:
    return [e.raw if isinstance(e.raw, str) else f"/{e.raw['re']}/" for e in entries]


class RequireRule(HouseRule):
    """The text must contain one of the patterns (e.g. a "Reporting by" credit line)."""

    kind = "require"
    extra_keys = ("patterns",)
    article_level = True  # type: ignore[misc]

    def _compile(self, spec: Spec) -> None:
        self.patterns = per_language(spec, "patterns")

    def _languages_from_patterns(self) -> set[str]:
        return set(self.patterns)

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        entries = _for_lang(self.patterns, ctx.lang)
        start, end = self._region(article)
        if not entries or _first(entries, article.text, start, end, ctx) is not None:
            return
        head = article.headline or (article.blocks[0] if article.blocks else None)
        s, e = (head.start, head.end) if head is not None else (0, 0)
        wanted = _describe(entries)
        yield Hit(
            s,
            e,
            self._format(
                ctx.t("missing required text: one of {expected}").replace(
                    "{expected}", ", ".join(repr(w) for w in wanted[:5])
                )
            ),
            {"scope": "article", "expected": wanted},
        )


class ForbidRule(HouseRule):
    """The text must not contain any of the patterns; one finding per occurrence."""

    kind = "forbid"
    extra_keys = ("patterns",)

    def _compile(self, spec: Spec) -> None:
        self.patterns = per_language(spec, "patterns")

    def _languages_from_patterns(self) -> set[str]:
        return set(self.patterns)

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        start, end = self._region(article)
        for m, _ in _matches(_for_lang(self.patterns, ctx.lang), article.text, start, end, ctx):
            yield Hit(
                m.start(),
                m.end(),
                self._format(ctx.t("'{match}' is not allowed"), match=m.group()),
                {"match": m.group()},
            )


class RequireWhenRule(HouseRule):
    """Vale's "conditional": if a ``when`` pattern occurs, a ``then`` pattern must too."""

    kind = "require-when"
    extra_keys = ("when", "then")
    article_level = True  # type: ignore[misc]

    def _compile(self, spec: Spec) -> None:
        self.when = per_language(spec, "when")
        self.then = per_language(spec, "then")

    def _languages_from_patterns(self) -> set[str]:
        return set(self.when)

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        start, end = self._region(article)
        trigger = _first(_for_lang(self.when, ctx.lang), article.text, start, end, ctx)
        if trigger is None:
            return
        then = _for_lang(self.then, ctx.lang)
        if _first(then, article.text, start, end, ctx) is not None:
            return
        wanted = _describe(then)
        yield Hit(
            trigger.start(),
            trigger.end(),
            self._format(
                ctx.t("'{trigger}' requires one of {expected}").replace(
                    "{expected}", ", ".join(repr(w) for w in wanted[:5])
                ),
                trigger=trigger.group(),
            ),
            {"trigger": trigger.group(), "expected": wanted},
        )


class ReplaceRule(HouseRule):
    """Forbid a wording and suggest its replacement, with a safe fix."""

    kind = "replace"
    extra_keys = ("replacements",)

    def _compile(self, spec: Spec) -> None:
        self.replacements = per_language(spec, "replacements", replacements=True)

    def _languages_from_patterns(self) -> set[str]:
        return set(self.replacements)

    def check(self, article: Any, ctx: RuleContext) -> Iterator[Hit]:
        start, end = self._region(article)
        found = sorted(
            _matches(_for_lang(self.replacements, ctx.lang), article.text, start, end, ctx),
            key=lambda t: (t[0].start(), -t[0].end()),
        )
        last_end = -1
        for m, entry in found:
            if m.start() < last_end:
                continue  # overlapping alternatives: the earliest, longest match wins
            last_end = m.end()
            assert entry.replacement is not None
            rep = (
                m.expand(entry.replacement) if isinstance(entry.raw, Mapping) else entry.replacement
            )
            rep = _match_case(m.group(), rep)
            s, e = article.source_span(m.start(), m.end())
            fix = None
            if article.source[s:e] == m.group():  # only when the source holds the same text
                title = ctx.t("Replace with '{replacement}'").replace("{replacement}", rep)
                fix = Fix(title, (Edit(s, e, rep),), "safe")
            yield Hit(
                m.start(),
                m.end(),
                self._format(
                    ctx.t("use '{replacement}' instead of '{match}'"),
                    match=m.group(),
                    replacement=rep,
                ),
                {"match": m.group(), "replacement": rep},
                fix,
            )


def _match_case(found: str, rep: str) -> str:
    if len(found) > 1 and found.isupper() and not rep.isupper():
        return rep.upper()
    if found[:1].isupper() and rep[:1].islower():
        return rep[:1].upper() + rep[1:]
    return rep


class _Factory:
    """Builds a house rule of one built-in kind (a class, not a closure: the registry that
    holds it must pickle for process pools started with ``spawn``, as on macOS and Windows)."""

    takes_keypath = True

    def __init__(self, cls: type[HouseRule]) -> None:
        self.cls = cls
        self.__doc__ = cls.__doc__

    def __call__(self, spec: Any, source: str, keypath: str = "rules") -> Rule:
        return self.cls(Spec(spec, source, keypath))


def _factory(cls: type[HouseRule]) -> Callable[[Any, str], Rule]:
    return _Factory(cls)


def _build(factory: Callable[..., Rule], kind: str, node: Any, source: str, keypath: str) -> Rule:
    """Call a kind's factory; a plugin kind's failure becomes a ConfigError at the rule."""
    try:
        if getattr(factory, "takes_keypath", False):
            rule = factory(node, source, keypath)
        else:  # the hookspec's signature: factory(spec, source)
            rule = factory(node, source)
    except ConfigError:
        raise
    except Exception as exc:
        line, col = position(node)
        raise ConfigError(
            f"rule kind {kind!r} rejected this rule: {type(exc).__name__}: {exc}",
            path=source,
            line=line,
            column=col,
            key=keypath,
        ) from None
    if not isinstance(rule, Rule) or not rule.code or not rule.name:
        line, col = position(node)
        raise ConfigError(
            f"rule kind {kind!r} did not build a rule with a code and a name",
            path=source,
            line=line,
            column=col,
            key=keypath,
        )
    return rule


BUILTIN_KINDS: dict[str, Callable[..., Rule]] = {
    cls.kind: _factory(cls) for cls in (RequireRule, ForbidRule, RequireWhenRule, ReplaceRule)
}


def compile_rules(data: Any, source: str, kinds: Mapping[str, Callable[..., Rule]]) -> list[Rule]:
    """Compile a parsed house-rules document (``rules: [...]`` or a bare list) to rules."""
    if isinstance(data, Mapping):
        extra = set(data) - {"rules", "version", "description"}
        if extra:
            k = sorted(extra)[0]
            line, col = position(data, k)
            raise ConfigError(
                f"unknown key {k!r} (expected rules, version, description)",
                path=source,
                line=line,
                column=col,
                key=k,
            )
        items = data.get("rules")
    else:
        items = data
    if not isinstance(items, list):
        line, col = position(data)
        raise ConfigError(
            "a house-rules file holds a list 'rules:' of rule mappings",
            path=source,
            line=line,
            column=col,
            key="rules",
        )
    out: list[Rule] = []
    seen: dict[str, str] = {}
    for i, node in enumerate(items):
        keypath = f"rules[{i}]"
        if not isinstance(node, Mapping):
            line, col = position(items, i)
            raise ConfigError(
                "expected a rule mapping", path=source, line=line, column=col, key=keypath
            )
        kind = node.get("kind")
        if kind not in kinds:
            from newslint.config import did_you_mean

            line, col = position(node, "kind" if "kind" in node else None)
            hint = did_you_mean(str(kind), kinds) if kind is not None else ""
            raise ConfigError(
                f"unknown rule kind {kind!r}{hint} (available: {', '.join(sorted(kinds))})",
                path=source,
                line=line,
                column=col,
                key=f"{keypath}.kind",
            )
        rule = _build(kinds[str(kind)], str(kind), node, source, keypath)
        for key in (rule.code, rule.name):
            if key in seen:
                line, col = position(node)
                raise ConfigError(
                    f"{key!r} is used by two rules in this file",
                    path=source,
                    line=line,
                    column=col,
                    key=keypath,
                )
            seen[key] = keypath
        out.append(rule)
    return out


def load_rule_file(
    path: Path, kinds: Mapping[str, Callable[..., Rule]], display: str | None = None
) -> list[Rule]:
    """Read and compile one house-rules YAML file; raises :class:`ConfigError`."""
    source = display or str(path)
    try:
        data = load_yaml_file(path, positions=True)
    except ConfigError as exc:
        exc.path = source
        raise ConfigError(exc.reason, source, exc.line, exc.column, exc.key) from None
    return compile_rules(data, source, kinds)


def test_rule_files(paths: list[Path], stream: TextIO) -> bool:
    """Run every example of every rule in ``paths``; print one line each and a summary."""
    from newslint.config import Config, RuleConf
    from newslint.engine import Linter, Selection
    from newslint.plugins import get_registry

    registry = get_registry()
    kinds = {**BUILTIN_KINDS, **registry.rule_kinds}
    total = failed = 0
    for path in paths:
        for rule in load_rule_file(path, kinds, path.as_posix()):
            examples: list[Example] = getattr(rule, "examples", [])
            if not examples:
                stream.write(f"SKIP {rule.code} {rule.name}: no examples\n")
                continue
            cfg = Config(
                root=Path.cwd(), house_rules=[rule], rules={rule.code: RuleConf(severity="on")}
            )
            counters = {True: 0, False: 0}
            for ex in examples:
                counters[ex.expect_finding] += 1
                i = counters[ex.expect_finding]
                lang = ex.lang or (
                    rule.languages[0]
                    if len(rule.languages) == 1 and rule.languages[0] != "*"
                    else None
                )
                linter = Linter(registry, cfg, Selection(select=[rule.code]), lang=lang)
                result = linter.lint_bytes(ex.text, ex.path or "example.txt")
                hits = [f for f in result.findings if f.code == rule.code]
                ok = not result.errors and bool(hits) == ex.expect_finding
                total += 1
                failed += not ok
                label = "fail" if ex.expect_finding else "pass"
                got = "; ".join(e.message for e in result.errors) or (
                    f"{len(hits)} finding(s)" + (f": {hits[0].message}" if hits else "")
                )
                want = "a finding" if ex.expect_finding else "no finding"
                stream.write(
                    f"{'ok  ' if ok else 'FAIL'} {rule.code} {rule.name} {label} "
                    f"example {i}: expected {want}, got {got}\n"
                )
    stream.write(f"{total} example(s), {failed} failed\n")
    return failed == 0
