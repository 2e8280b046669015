"""What a rule sees of the message language: ``ctx.t`` and ``ctx.message_lang``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from newslint.config import Config
from newslint.engine import Linter
from newslint.findings import Hit
from newslint.plugins import Registry
from newslint.readers.text import TextReader
from newslint.rule import Rule, RuleContext


class Probe(Rule):
    """Says which language its messages are in, through newslint's catalog."""

    code = "XT900"
    name = "message-probe"
    summary = "probe"

    def check(self, article, ctx: RuleContext) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        yield Hit(0, 1, f"{ctx.message_lang}: {ctx.t('unknown rule {name}')}")


@pytest.mark.parametrize(
    ("lang", "forced", "config", "expected"),
    [
        ("fr", None, None, "fr: règle inconnue {name}"),
        ("fr-CA", None, None, "fr: règle inconnue {name}"),
        ("fr", "de", None, "de: unbekannte Regel {name}"),
        ("fr", None, "es", "es: regla desconocida {name}"),
        ("fr", "zh", "es", "zh: 未知规则 {name}"),  # the command line beats the config
        ("fr", "auto", "es", "fr: règle inconnue {name}"),
        ("it", None, None, "en: unknown rule {name}"),
    ],
)
def test_rule_context_carries_the_message_language(
    lang: str, forced: str | None, config: str | None, expected: str
) -> None:
    registry = Registry(readers={".txt": TextReader()})
    registry.add_rule(Probe())
    linter = Linter(registry, Config(messages=config), lang=lang, message_lang=forced)
    [finding] = linter.lint_bytes("Un texte.", "a.txt").findings
    assert finding.message == expected


def test_a_context_built_by_hand_speaks_english() -> None:
    ctx = RuleContext({}, "fr", None, {})  # type: ignore[arg-type]
    assert ctx.message_lang == "en"
    assert ctx.t("unknown rule {name}") == "unknown rule {name}"
