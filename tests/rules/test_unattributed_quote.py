"""unattributed-quote (NL201): the seed, a table of cases per language, fixtures, speed."""

from __future__ import annotations

import json
from pathlib import Path

import newslint
import pytest
from newslint.article import Article
from newslint.plugins import get_registry
from newslint.readers.text import TextReader
from newslint.rule import RuleContext
from newslint.rules._quotes import Quote, quote_at

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_515427318ff19ac6.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "unattributed-quote"


def flagged(text: str, lang: str, **options: int) -> list[str]:
    """Excerpts of the NL201 findings on a plain-text article."""
    config = {"rules": {"unattributed-quote": dict(options)}} if options else {}
    return [
        f.excerpt
        for f in newslint.lint_text(text, path="a.txt", lang=lang, config=config)
        if f.code == "NL201"
    ]


def analyse(text: str, lang: str) -> tuple[Article, list[Quote]]:
    registry = get_registry(builtin_only=True)
    pack = registry.packs[lang]
    article = TextReader().read("a.txt", text)
    article.lang = lang
    article.abbreviations = pack.abbreviations
    ctx = RuleContext({}, lang, pack, registry.packs, article)
    return article, ctx.analysis.quotes


# --------------------------------------------------------------------------- the seed


def test_seed_has_exactly_the_standalone_quote_paragraph() -> None:
    findings = [
        f
        for f in newslint.lint_text(
            SEED.read_text(encoding="utf-8"), path=SEED.name, config={}, message_lang="en"
        )
        if f.code == "NL201"
    ]
    assert len(findings) == 1
    assert findings[0].excerpt.startswith("« Ces outils, comme toutes les technologies passées")
    # A paragraph standing alone after Suleyman's quote: strict style wants him named again.
    assert "stands alone after a quote of Suleyman" in findings[0].message
    assert findings[0].evidence["carry_over"] == "Suleyman"
    assert findings[0].evidence["attributed"] is False


def test_seed_quotes_attributed_or_exempt() -> None:
    text = SEED.read_text(encoding="utf-8")
    _, quotes = analyse(text, "fr")
    by_text = {text[q.inner_start : q.inner_end][:25]: q for q in quotes}
    for term in ("véritable autosuffisance", "bulle", "AGI professionnelle", "moins chère"):
        q = next(q for k, q in by_text.items() if k.startswith(term))
        assert q.is_short(), term
    ajoute = next(q for k, q in by_text.items() if k.startswith("C’est cela"))
    assert ajoute.attributed and ajoute.speaker_kind == "pronoun"
    assert "Suleyman" in (ajoute.speaker or "")
    cofondateur = next(q for k, q in by_text.items() if k.startswith("Nous devons développer"))
    assert cofondateur.attributed and cofondateur.speaker_kind == "epithet"
    standalone = next(q for k, q in by_text.items() if k.startswith("Ces outils"))
    assert not standalone.attributed


# --------------------------------------------------------------------------- the table

H = "Headline of the story\n\n"
CASES: list[tuple[str, str, str, list[str]]] = [
    # (id, lang, body after a headline, expected flagged quote openings)
    ("en-said-after", "en", "“We will build the bridge by next summer,” said Mary Jones.\n", []),
    ("en-subject-verb", "en", "“We will build the bridge by next summer,” Mary Jones said.\n", []),
    ("en-colon", "en", "Mary Jones told the council: “We will build the bridge by summer.”\n", []),
    (
        "en-colon-next-paragraph",
        "en",
        "Mary Jones, the engineer, told the council:\n\n“We will build the bridge by summer.”\n",
        [],
    ),
    (
        "en-pronoun-person",
        "en",
        "Mary Jones runs the works.\n\nShe said: “We will build the bridge by summer.”\n",
        [],
    ),
    (
        "en-pronoun-company-only",
        "en",
        "Acme Corp said it would bid.\n\nHe said: “We will build the bridge by summer.”\n",
        ["“We will build"],
    ),
    (
        "en-epithet",
        "en",
        "Mary Jones was hired in 2020.\n\n“We will build the bridge by summer,” the 61-year-old "
        "said.\n",
        [],
    ),
    (
        "en-continuation-same-paragraph",
        "en",
        "“We will build the bridge by summer,” Mary Jones said. “Then we will build a second.”\n",
        [],
    ),
    (
        "en-standalone-after-attributed",
        "en",
        "“We will build the bridge by summer,” Mary Jones said.\n\n“Then we will build a second "
        "one.”\n",
        ["“Then we will"],
    ),
    (
        "en-no-attribution",
        "en",
        "The works start soon. “We will build the bridge by summer.”\n",
        ["“We will build"],
    ),
    (
        "en-according-to",
        "en",
        "According to Mary Jones, “the bridge will be ready by summer next year.”\n",
        [],
    ),
    ("en-scare-quotes", "en", "The plan is “cheaper” and “greener”, critics say.\n", []),
    (
        "en-apostrophes",
        "en",
        "Residents don’t believe it and the council’s plan isn’t popular with anyone here.\n",
        [],
    ),
    (
        "en-single-quotes",
        "en",
        "The sign read ‘no entry for any vehicle after dark’ today.\n",
        ["‘no entry"],
    ),
    (
        "en-straight-quotes",
        "en",
        'He left. "We will build the bridge by next summer."\n',
        ['"We will build'],
    ),
    (
        "en-straight-quotes-attributed",
        "en",
        '"We will build the bridge by next summer," Mary Jones said.\n',
        [],
    ),
    (
        "en-anonymous-description",
        "en",
        "“We will build the bridge by next summer,” a council spokeswoman said.\n",
        [],
    ),
    (
        "en-title-mention",
        "en",
        "The film “The Long Road Home Again” opens on Friday in cinemas.\n",
        [],
    ),
    (
        "fr-inversion",
        "fr",
        "Marie Dupont visite le chantier.\n\n« Nous allons reconstruire le pont avant l’été », "
        "a-t-elle déclaré.\n",
        [],
    ),
    (
        "fr-inversion-no-person",
        "fr",
        "Le groupe Vinci a répondu.\n\n« Nous allons reconstruire le pont avant l’été », "
        "a-t-il déclaré.\n",
        ["« Nous allons"],
    ),
    (
        "fr-nbsp-spacing",
        "fr",
        "Marie Dupont a déclaré\u00a0: «\u202fNous allons reconstruire le pont avant l’été."
        "\u202f»\n",
        [],
    ),
    ("fr-selon", "fr", "Selon Marie Dupont, « le pont sera reconstruit avant l’été ».\n", []),
    (
        "fr-speech-tag-any-verb",
        "fr",
        "« On attendait ce pont depuis quinze ans », soupire Léa Martin.\n",
        [],
    ),
    (
        "fr-apostrophe-not-quote",
        "fr",
        "D’ici l’été, le chantier n’est qu’au début et c’est normal pour un pont.\n",
        [],
    ),
    (
        "fr-multi-paragraph",
        "fr",
        "Marie Dupont a déclaré :\n\n« Nous allons reconstruire le pont.\n\n« Et nous le ferons "
        "avant l’été, sans dépasser le budget. »\n",
        ["« Et nous le ferons"],  # strict style: the reopened paragraph names no speaker
    ),
    (
        "fr-multi-paragraph-unattributed",
        "fr",
        "Le chantier reprend.\n\n« Nous allons reconstruire le pont.\n\n« Et nous le ferons "
        "avant l’été, sans dépasser le budget. »\n",
        ["« Nous allons"],
    ),
    (
        "de-low-high",
        "de",
        "„Wir bauen die Brücke bis zum Sommer neu“, sagte Bürgermeisterin Anna Weber.\n",
        [],
    ),
    (
        "de-reversed-guillemets",
        "de",
        "»Wir bauen die Brücke bis zum Sommer neu«, so Anna Weber.\n",
        [],
    ),
    ("de-laut", "de", "Laut Anna Weber „wird die Brücke bis zum Sommer fertig“.\n", []),
    (
        # A quote paragraph after a paragraph of narration stands alone; after one of
        # reported speech ("Anna Weber sprach im Rat.") it is hers, as readers and
        # independent labellers of published copy take it.
        "de-standalone",
        "de",
        "Anna Weber ging in den Rat.\n\n„Wir bauen die Brücke bis zum Sommer neu.“\n",
        ["„Wir bauen"],
    ),
    (
        "de-after-reported-speech",
        "de",
        "Anna Weber sprach im Rat.\n\n„Wir bauen die Brücke bis zum Sommer neu.“\n",
        [],
    ),
    (
        "es-dijo-pro-drop",
        "es",
        "La alcaldesa Ana García visitó la obra.\n\n«Vamos a terminar el puente antes del verano», "
        "dijo.\n",
        [],
    ),
    (
        "es-pro-drop-no-person",
        "es",
        "La constructora Ferrovial visitó la obra.\n\n«Vamos a terminar el puente antes del "
        "verano», dijo.\n",
        ["«Vamos a terminar"],
    ),
    ("es-segun", "es", "Según Ana García, «el puente estará listo antes del verano».\n", []),
    (
        "es-standalone",
        "es",
        "Ana García visitó la obra.\n\n«Vamos a terminar el puente antes del verano».\n",
        ["«Vamos a terminar"],
    ),
    ("zh-after", "zh", "“我们将在明年夏天之前建成这座大桥。”市长李明说。\n", []),
    ("zh-before-colon", "zh", "市长李明表示：“我们将在明年夏天之前建成这座大桥。”\n", []),
    (
        "zh-pronoun",
        "zh",
        "市长李明视察了工地。\n\n他表示：“我们将在明年夏天之前建成这座大桥。”\n",
        [],
    ),
    (
        "zh-standalone",
        "zh",
        "市长李明视察了工地。\n\n“我们将在明年夏天之前建成这座大桥。”\n",
        ["“我们将在"],
    ),
    (
        "zh-previous-sentence-same-paragraph",
        "zh",
        "副行长张华出席发布会。他同时指出，政策将保持稳健。“我们将继续加大对实体经济的支持力度。”\n",
        [],
    ),
    (
        "zh-previous-sentence-new-paragraph",
        "zh",
        "副行长张华出席发布会。他同时指出，政策将保持稳健。\n\n“我们将继续加大对实体经济的支持力度。”\n",
        ["“我们将继续"],  # a pronoun's reported speech before does not carry to a new paragraph
    ),
    (
        "zh-new-paragraph-after-narration",
        "zh",
        "副行长张华出席发布会。会场座无虚席。\n\n“我们将继续加大对实体经济的支持力度。”\n",
        ["“我们将继续"],
    ),
    (
        "en-previous-sentence-same-paragraph",
        "en",
        "Mary Jones said the bridge would be late. “We did not plan for a wet winter.”\n",
        [],
    ),
    (
        "es-role-apposition",
        "es",
        "«La inflación sigue bajando, pero no hemos terminado», afirmó la presidenta del BCE, "
        "Christine Lagarde.\n",
        [],
    ),
    ("zh-short-term", "zh", "市民称这座桥是“城市名片”。\n", []),
    ("zh-slogan-mention", "zh", "会议提出了“绿水青山就是金山银山”的发展理念。\n", []),
    (
        "zh-quote-after-colon-no-speaker",
        "zh",
        "会议结束了。\n\n大家都记得那句话：“绿水青山就是金山银山，我们要坚持下去。”\n",
        ["“绿水青山"],
    ),
    (
        "zh-corner-brackets",
        "zh",
        "工地上挂着标语。\n\n「我們將在明年夏天之前建成這座大橋。」\n",
        ["「我們將在"],
    ),
]


@pytest.mark.parametrize(
    ("lang", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_cases(lang: str, body: str, expected: list[str]) -> None:
    got = flagged(H + body, lang)
    assert len(got) == len(expected), got
    for want, excerpt in zip(expected, got, strict=True):
        assert excerpt.startswith(want), (want, excerpt)


def test_headline_quote_is_exempt() -> None:
    text = "“We will never give up on this bridge,” says mayor\n\nThe works start soon.\n"
    assert flagged(text, "en") == []


def test_min_words_option() -> None:
    body = H + "The works start soon. It is “a bridge too far”.\n"
    assert len(flagged(body, "en")) == 1  # four words: a quote to attribute by default
    assert flagged(body, "en", **{"min-words": 5}) == []
    assert flagged(H + "Work began. “We will build the bridge.”\n", "en", **{"min-words": 10}) == []


def test_message_and_evidence() -> None:
    findings = [
        f
        for f in newslint.lint_text(
            H + "Work began.\n\n“We will build the bridge by summer.”\n",
            path="a.txt",
            lang="en",
            config={},
        )
        if f.code == "NL201"
    ]
    assert len(findings) == 1
    f = findings[0]
    assert "“We will build the bridge by…”" in f.message  # names the quote's start
    assert "add who said this (e.g. “…,” she said)" in f.message


@pytest.mark.parametrize(
    ("lang", "text", "example"),
    [
        (
            "fr",
            "Le chantier a commencé.\n\n« Nous construirons le pont avant l'été. »\n",
            "a-t-elle déclaré",
        ),
        ("de", "Die Arbeiten begannen.\n\n„Wir bauen die Brücke bis zum Sommer.“\n", "sagte sie"),
        (
            "es",
            "Las obras empezaron.\n\n«Construiremos el puente antes del verano.»\n",
            "dijo ella",
        ),
        ("zh", "工程已经开工。\n\n“我们将在夏天之前建成这座大桥，请大家放心。”\n", "她表示"),
    ],
)
def test_message_suggests_attribution_in_the_article_language(
    lang: str, text: str, example: str
) -> None:
    [f] = [
        x
        for x in newslint.lint_text(H + text, path="a.txt", lang=lang, config={})
        if x.code == "NL201"
    ]
    assert example in f.message
    assert f.evidence["attributed"] is False and "reason" in f.evidence


# --------------------------------------------------------------------------- the API


def test_the_analysis_quotes_for_other_rules() -> None:
    text = H + "Mary Jones said: “Sales rose 13% to $4 billion last year.” Shares fell.\n"
    _, quotes = analyse(text, "en")
    assert len(quotes) == 1
    q = quotes[0]
    assert text[q.start] == "“" and text[q.end - 1] == "”"
    assert text[q.inner_start : q.inner_end].startswith("Sales rose")
    assert q.attributed and q.speaker == "Mary Jones" and q.cue == "said" and q.closed
    assert quote_at(quotes, text.index("13%")) is q
    assert quote_at(quotes, text.index("Shares")) is None


# --------------------------------------------------------------------------- fixtures


def _fixture_cases() -> list[tuple[str, str, list[str]]]:
    cases = []
    for lang_dir in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        expected = json.loads((lang_dir / "expected.json").read_text(encoding="utf-8"))
        for name, wanted in expected.items():
            cases.append((lang_dir.name, name, wanted))
    return cases


@pytest.mark.parametrize(
    ("lang", "name", "expected"), _fixture_cases(), ids=[f"{c[0]}/{c[1]}" for c in _fixture_cases()]
)
def test_fixtures(lang: str, name: str, expected: list[str]) -> None:
    text = (FIXTURES / lang / name).read_text(encoding="utf-8")
    got = flagged(text, lang)
    assert len(got) == len(expected), got
    for want in expected:
        assert any(excerpt.startswith(want) for excerpt in got), (want, got)


# --------------------------------------------------------------------------- linear time


@pytest.mark.parametrize(
    "body",
    [
        "“" * 20000,
        "« " * 20000 + "fin.",
        ("Il a dit « oui " * 5000) + ".",
        ("word " * 200_000) + "“unclosed " + ("word " * 10_000),
        ('"a" ' * 10000),
        ("Er sagte: „Ja, wir kommen.“ " * 3000),
    ],
    ids=["openers", "guillemets", "nested-unclosed", "one-mb-paragraph", "straight", "many"],
)
def test_stays_linear(body: str) -> None:
    others = (
        "missing-disclaimer",
        "missing-editor-credit",
        "unsourced-figure",
        "related-links-residue",
    )
    config = {"rules": {name: "off" for name in others}}
    found = newslint.lint_text(H + body, path="a.txt", lang="fr", config=config)
    # Its speed is measured by benchmarks/linearity.py; here, that it gives sound findings.
    assert {f.code for f in found} <= {"NL201"}
    assert all(0 <= f.offset < f.end_offset <= len(H + body) for f in found)


# ------------------------------------------------- speech verbs are whole words, not endings


@pytest.mark.parametrize(
    ("lang", "text", "verbs"),
    [
        # "crédit" and "interdit" end in "dit", "surestime" in "estime", "fecha" in "ha".
        ("fr", "Le Crédit Agricole interdit ce montage et surestime la demande.", []),
        (
            "fr",
            "Il dit non ; elle estime que oui ; il a déclaré forfait.",
            ["dit", "estime", "a déclaré"],
        ),
        ("es", "La fecha ha dichos efectos.", []),
        ("es", "La ministra ha dicho que no.", ["ha dicho"]),
    ],
)
def test_speech_verbs_match_whole_words_only(lang: str, text: str, verbs: list[str]) -> None:
    pattern = get_registry(builtin_only=True).packs[lang].pattern("speech-verbs")
    assert pattern is not None
    assert [m.group() for m in pattern.finditer(text)] == verbs


@pytest.mark.parametrize(
    "body",
    [
        "« Les taux vont encore monter cette année », au Crédit Agricole de Jean Martin.",
        "Jean Martin, du Crédit Agricole, « les taux vont encore monter cette année ».",
    ],
)
def test_a_bank_named_credit_does_not_attribute_a_quote(body: str) -> None:
    """Before the fix, "Crédit" read as the speech verb "dit" and these quotes passed."""
    assert len(flagged(f"Titre\n\n{body}\n", "fr")) == 1


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("fr", "« Les taux vont encore monter cette année, sans aucun doute », dit Marie Dupont."),
        ("fr", "« Les taux vont encore monter », a estimé Marie Dupont, du Crédit Agricole."),
        ("es", "«Los precios seguirán subiendo durante todo el año», ha dicho la ministra."),
    ],
)
def test_the_same_verbs_as_words_still_attribute(lang: str, body: str) -> None:
    assert flagged(f"Titre\n\n{body}\n", lang) == []
