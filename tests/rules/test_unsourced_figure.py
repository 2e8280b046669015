"""unsourced-figure (NL301): which figures need a source, and which cues give one.

Read the tables as "article body → excerpts NL301 must report" (empty: none). Each body gets
a short headline so the body is never mistaken for one.
"""

from __future__ import annotations

import json
from pathlib import Path

import newslint
import pytest
from figure_checks import HEADLINES, nl301
from newslint.findings import Finding
from newslint.plugins import get_registry
from newslint.rules._figures import figure_finder

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_515427318ff19ac6.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "unsourced-figure"


def findings(body: str, lang: str) -> list[Finding]:
    text = f"{HEADLINES[lang]}\n\n{body}"
    # English messages whatever the article's language: the tests read the English wording.
    found = newslint.lint_text(text, lang=lang, message_lang="en")
    return [f for f in found if f.code == "NL301"]


# ------------------------------------------------------------------ the seed is the acceptance test


def test_seed_flags_exactly_the_three_unsourced_figures() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = [f for f in newslint.lint_text(text, path=str(SEED)) if f.code == "NL301"]
    assert [f.excerpt for f in found] == [
        "3 000 milliards de dollars",
        "135 milliards de dollars",
        "13 %",
    ]
    line_of = {f.excerpt: f.line for f in found}
    lines = text.splitlines()
    assert "valorisée à 3 000" in lines[line_of["3 000 milliards de dollars"] - 1]
    assert "baissé de plus de 13 %" in lines[line_of["13 %"] - 1]


# ------------------------------------------------------------------ detection: figure or not

DETECTED = [
    ("en", "It is worth $135 billion.", ["$135 billion"]),
    ("en", "It raised US$2.5bn and €1.2 million.", ["US$2.5bn", "€1.2 million"]),
    ("en", "Shares rose 4% and 13 percent and 13 per cent.", ["4%", "13 percent", "13 per cent"]),
    # (A target with an owner named, "It set a price target", is sourced by convention.)
    ("en", "A price target of $250 was set.", ["$250"]),
    ("en", "Spreads widened 25 basis points, or 50bps.", ["25 basis points", "50bps"]),
    ("en", "Margins may reach 10 to 12 percent.", ["10 to 12 percent"]),
    ("fr", "Elle vaut 3 000 milliards de dollars.", ["3 000 milliards de dollars"]),
    ("fr", "Elle vaut 3\u00a0000 milliards de dollars.", ["3\u00a0000 milliards de dollars"]),
    ("fr", "Elle vaut 3\u202f000 milliards d'euros.", ["3\u202f000 milliards d'euros"]),
    ("fr", "Le cours a baissé de 13 % puis de 2\u00a0%.", ["13 %", "2\u00a0%"]),
    ("de", "Der Verlust lag bei 1,2 Mrd. Euro.", ["1,2 Mrd. Euro"]),
    (
        "de",
        "Es fehlen 2,5 Millionen Euro, ein Minus von 13 Prozent.",
        ["2,5 Millionen Euro", "13 Prozent"],
    ),
    ("es", "Ganó 1.200 millones de euros.", ["1.200 millones de euros"]),
    (
        "es",
        "Invirtió 135 mil millones de dólares, un 13 por ciento.",
        ["135 mil millones de dólares", "13 por ciento"],
    ),
    ("zh", "市值为135亿美元。", ["135亿美元"]),
    ("zh", "负债达到1.5万亿元。", ["1.5万亿元"]),
    ("zh", "利润下降百分之十三。", ["百分之十三"]),
    ("zh", "利润率下降13个百分点。", ["13个百分点"]),
    ("zh", "估值为三千亿美元。", ["三千亿美元"]),
]


DETECTED += [
    # Spelled-out numbers count with a unit after them.
    ("de", "Die Aktie verlor mehr als sieben Prozent.", ["sieben Prozent"]),
    ("fr", "Elle a levé deux milliards de dollars.", ["deux milliards de dollars"]),
    ("es", "Invirtió dos mil millones de euros.", ["dos mil millones de euros"]),
    (
        "en",
        "It raised two billion dollars, up twenty-five percent.",
        ["two billion dollars", "twenty-five percent"],
    ),
    # Index points are a figure when an index is named (a move or a level: both are market
    # figures in the labelling definition), not in a sports table.
    ("en", "The Dow fell 475 points. The Lakers scored 110 points.", ["475 points"]),
    (
        "fr",
        "Le CAC 40 a perdu 80 points et a terminé à 7 500 points.",
        ["80 points", "7 500 points"],
    ),
    ("de", "Der Dax verlor 200 Punkte. Bayern gewann 3 Punkte.", ["200 Punkte"]),
    ("es", "El Ibex 35 cedió 100 puntos. El Betis suma 28 puntos.", ["100 puntos"]),
    ("zh", "上证指数下跌30点，收于3000点。下午3点开会。", ["30点", "3000点"]),
    ("en", "It paid 5 million pounds.", ["5 million pounds"]),
]


@pytest.mark.parametrize(("lang", "body", "expected"), DETECTED)
def test_figures_are_detected_in_each_notation(lang: str, body: str, expected: list[str]) -> None:
    assert nl301(body, lang) == expected


NOT_FIGURES = [
    ("en", "The 61-year-old joined in 2024 and met 300 staff at 9:30 on May 5."),
    ("en", "Call 555 0142 for tickets; the home side won 3-1 over 12 months."),
    ("fr", "Les tâches seront automatisées dans les 12 à 18 prochains mois."),
    ("fr", "D'ici deux à trois ans, et pour les cinq prochaines années, jusqu'en 2032."),
    ("fr", "La ville compte 3 000 habitants et 5 millions de visiteurs."),
    ("de", "Am 3. Mai 2024 kamen 120 Gäste, der 64-Jährige sprach zehn Minuten."),
    ("es", "El 2 de junio de 2024 llegaron 80 trabajadores durante 14 meses."),
    ("zh", "2024年3月12日上午10时，300名工人和10亿人。"),
    # Currency words that are also ordinary words need a scale to be money.
    ("en", "He lost 10 pounds over the summer."),
    ("fr", "Il a publié 3 livres."),
    ("zh", "二元结构和一元化改革，3块土地。"),
]


@pytest.mark.parametrize(("lang", "body"), NOT_FIGURES)
def test_years_dates_durations_and_counts_are_not_figures(lang: str, body: str) -> None:
    assert nl301(body, lang) == []


# ------------------------------------------------------------------ sourcing: which cue counts

SOURCING = [
    # (lang, body, expected unsourced excerpts)
    ("en", "Revenue rose 5% to $3.2 billion, the company said on Tuesday.", []),
    ("en", "According to LSEG data, the bank is valued at $40 billion.", []),
    ("en", "Microsoft expects capital spending of $140 billion.", []),
    ("en", "Capital spending is expected to reach $140 billion.", ["$140 billion"]),
    ("en", "Investors fear a bubble; the stock has fallen 13% this month.", ["13%"]),
    ("en", "Investors fear the stock could fall 13%.", ["13%"]),
    ("en", "Sales fell 3%, but analysts said the outlook was good.", ["3%"]),
    ("en", '"We expect revenue to grow 20% next year," Chief Executive Jane Doe said.', []),
    ("fr", "La loi prévoit une amende de 5 000 euros.", ["5 000 euros"]),
    ("fr", "Microsoft prévoit que ses dépenses atteindront 140 milliards de dollars.", []),
    ("fr", "Selon l'Insee, le chômage a atteint 7,3 % au troisième trimestre.", []),
    ("fr", "Le chiffre d'affaires a progressé de 4 %, a indiqué le groupe.", []),
    ("fr", "Les investisseurs craignent une bulle ; le cours a baissé de 13 %.", ["13 %"]),
    ("fr", "Le bénéfice a progressé de 4 %, mais les analystes ont indiqué une baisse.", ["4 %"]),
    ("fr", "Il a déclaré : « Nous visons une marge de 12 % d'ici deux ans. »", []),
    ("de", "Der Umsatz stieg um 5 Prozent, teilte das Unternehmen am Dienstag mit.", []),
    ("de", "Laut Bundesamt lag die Inflation bei 2,2 Prozent.", []),
    ("de", "Für 2025 erwartet Siemens ein Plus von 5 Prozent.", []),
    ("de", "Anleger befürchten Verluste; die Aktie verlor 13 Prozent.", ["13 Prozent"]),
    ("es", "Las ventas crecieron un 12 %, según la compañía.", []),
    ("es", "La empresa prevé ingresos de 500 millones de euros.", []),
    ("es", "La ley prevé multas de 3.000 euros.", ["3.000 euros"]),
    ("es", "Los inversores temen una caída; la acción cayó un 13 %.", ["13 %"]),
    ("zh", "据公司公告，营收增长13%，达到135亿美元。", []),
    ("zh", "营收增长13%，达到135亿美元。", ["13%", "135亿美元"]),
    ("zh", "公司预计明年营收将达到1.5万亿元。", []),
    ("zh", "预计明年营收将达到1.5万亿元。", ["1.5万亿元"]),
    ("zh", "数据显示，CPI同比上涨百分之二点一。", []),
    ("zh", "投资者担心经济放缓；该股下跌了13%。", ["13%"]),
]


SOURCING += [
    # A reporting verb inside a time clause dates the figure; it does not source it.
    ("en", "Shares fell 5% after the company reported a loss.", ["5%"]),
    ("en", "Shares fell 5% after the results, the company said.", []),
    ("en", "Revenue rose 5% since January according to LSEG data.", []),
    ("en", "The stock fell 13% after Microsoft said it would invest $10 billion.", ["13%"]),
    ("zh", "财报发布后，该股下跌5%。", ["5%"]),
    (
        "es",
        "El Ibex subió un 1,1 %, después de que los datos de inflación animaran a la banca.",
        ["1,1 %"],
    ),
    # French participles report only with their auxiliary (« a annoncé »), not as adjectives.
    ("fr", "Solvane a reculé de 4,2 %, pénalisé par un essai annoncé la veille.", ["4,2 %"]),
    ("fr", "Les ventes ont atteint 3 milliards d'euros, a annoncé le groupe.", []),
    ("es", "Los analistas consultados por la agencia habían previsto un alza del 6,5 %.", []),
]


@pytest.mark.parametrize(("lang", "body", "expected"), SOURCING)
def test_a_source_must_govern_the_figures_own_clause(
    lang: str, body: str, expected: list[str]
) -> None:
    assert nl301(body, lang) == expected


def test_previous_sentence_counts_only_with_window() -> None:
    body = "Reuters reported the deal on Monday. The stock fell 13%."
    assert nl301(body, "en") == ["13%"]
    assert nl301(body, "en", window=1) == []
    two_back = "Reuters reported the deal on Monday. It was a surprise. The stock fell 13%."
    assert nl301(two_back, "en", window=1) == ["13%"]
    assert nl301(two_back, "en", window=2) == []


def test_headline_figures_are_checked_unless_the_option_exempts_them() -> None:
    text = "Stock jumps 13% after upgrade\n\nThe stock jumped 13%, exchange data showed."
    found = [f.line for f in newslint.lint_text(text, lang="en") if f.code == "NL301"]
    assert found == [1]
    config = {"rules": {"unsourced-figure": {"headlines": False}}}
    exempt = newslint.lint_text(text, lang="en", config=config)
    assert [f.code for f in exempt if f.code == "NL301"] == []


def test_related_links_tail_is_exempt() -> None:
    body = (
        "The bank's profit rose 4%, it said on Monday.\n\n"
        "You might also like\n\nThree stocks that rose 40% this year\n\n"
        "Why the Fed may cut rates by 50 basis points"
    )
    assert nl301(body, "en") == []


def test_a_figure_in_a_quote_is_sourced_only_when_the_quote_is_attributed() -> None:
    assert nl301("Il a déclaré : « Nous visons une marge de 12 % d'ici deux ans. »", "fr") == []
    assert nl301("« Nous visons une marge de 12 % d'ici deux ans. »", "fr") == ["12 %"]


# ------------------------------------------------------------------ message and evidence


def test_message_names_the_figure_and_the_kind_of_source() -> None:
    (finding,) = findings("Le cours a baissé de 13 % en un mois.", "fr")
    assert "13 %" in finding.message
    assert (
        finding.message
        == "figure “13 %” has no source: say where it comes from, e.g. 'selon …' (according to …)"
    )
    assert finding.evidence["kind"] == "percentage"
    assert finding.evidence["sourced"] is False


def test_evidence_says_why_the_nearby_cue_did_not_count() -> None:
    (finding,) = findings(
        "Les investisseurs craignent une bulle ; le cours a baissé de 13 %.", "fr"
    )
    whys = {r["cue"]: r["why"] for r in finding.evidence["rejected"]}
    assert "feeling" in whys["craignent"]
    (law,) = findings("La loi prévoit une amende de 5 000 euros.", "fr")
    assert law.evidence["kind"] == "amount"
    assert any("subject" in r["why"] for r in law.evidence["rejected"])


# ------------------------------------------------------------------ fixtures per language


def _fixture_cases() -> list[tuple[str, str, list[str]]]:
    cases = []
    for lang_dir in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        expected = json.loads((lang_dir / "expected.json").read_text(encoding="utf-8"))
        for name, excerpts in sorted(expected.items()):
            cases.append((lang_dir.name, name, excerpts))
    return cases


@pytest.mark.parametrize(("lang", "name", "expected"), _fixture_cases())
def test_fixture_articles(lang: str, name: str, expected: list[str]) -> None:
    path = FIXTURES / lang / name
    text = path.read_text(encoding="utf-8")
    found = [f.excerpt for f in newslint.lint_text(text, path=name, lang=lang) if f.code == "NL301"]
    assert found == expected


# ------------------------------------------------------------------ linear time


def _run_rule(text: str, lang: str, window: int = 1) -> list[object]:
    """Run NL301 alone on a plain-text article, timing the rule rather than the engine."""
    from newslint.readers.text import TextReader
    from newslint.rule import RuleContext
    from newslint.rules.unsourced_figure import UnsourcedFigure

    packs = get_registry(builtin_only=True).packs
    article = TextReader().read("big.txt", text)
    article.lang = lang
    article.abbreviations = packs[lang].abbreviations
    ctx = RuleContext({"window": window}, lang, packs[lang], packs, article)
    return list(UnsourcedFigure().check(article, ctx))


@pytest.mark.parametrize(
    ("paragraph", "hits"),
    [
        ("1" * 100_000, 0),
        ("1," * 50_000, 0),
        ("1 000 " * 20_000, 0),
        ("a indiqué 1 % " * 10_000, 0),
        ("rose 1%; " * 10_000, 10_000),
        ("Le cours a baissé de 13 % " * 4_000, 4_000),
    ],
    ids=["digits", "commas", "grouped", "cues-and-figures", "semicolons", "long-sentence"],
)
def test_huge_paragraphs_give_the_right_findings(paragraph: str, hits: int) -> None:
    """Their speed is measured by ``benchmarks/linearity.py``."""
    found = _run_rule(f"Titre\n\n{paragraph}", "fr")
    assert len(found) == hits


def test_many_quotes_are_all_seen() -> None:
    found = _run_rule("Titre\n\n" + "« Nous visons 3 % » et 5 % " * 5_000, "fr")
    assert len(found) == 10_000


def test_chunked_scan_equals_one_pass() -> None:
    import regex
    from newslint.rules._figure_sections import scan

    text = ("ab said cd, " * 5_000) + "said"
    pattern = regex.compile(r"(?<![a-z])said(?![a-z])")
    whole = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in scan(pattern, text, 0, len(text), 2.0)] == whole


def test_figure_finder_is_linear_on_digits() -> None:
    packs = get_registry(builtin_only=True).packs
    finder = figure_finder(packs["en"])
    text = "9" * 200_000
    assert finder.find(text, 0, len(text)) == []
