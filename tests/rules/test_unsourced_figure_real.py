"""unsourced-figure (NL301) on classes of copy seen in published articles (issue 10).

Each table is "article body → figures NL301 must report", in every language the class
applies to: hits, near misses and traps. The sentences are our own, written to show the
pattern; none is taken from an article.
"""

from __future__ import annotations

import pytest
from figure_checks import nl301

# ------------------------------------------------------------------ index levels and moves

INDEX = [
    # A level with a unit, once an index is named in the sentence.
    ("en", "The FTSE 100 closed at 8,312.45 points.", ["8,312.45 points"]),
    ("fr", "Le CAC 40 a clôturé à 7 512,30 points.", ["7 512,30 points"]),
    ("de", "Der Dax schloss bei 18.420,15 Punkten.", ["18.420,15 Punkten"]),
    ("de", "Der ATX notierte zuletzt auf 3.512 Zählern.", ["3.512 Zählern"]),
    ("es", "El Ibex 35 terminó en 11.240,6 puntos.", ["11.240,6 puntos"]),
    ("zh", "截至收盘，沪指报3215.42点，深成指报10120.5点。", ["3215.42点", "10120.5点"]),
    ("zh", "台股今天上漲85點，收在21500點。", ["85點", "21500點"]),
    # A level without a unit, after a level word.
    ("en", "The Dow Jones index fell 0.4% to 39,512.84.", ["0.4%", "39,512.84"]),
    ("en", "The Nasdaq slipped 0.2% to close at 16250.1 on Friday.", ["0.2%", "16250.1"]),
    ("zh", "恒指新造17250，跌120點。", ["17250", "120點"]),
    # Traps: no index named, clock times, small scores, counts and years.
    ("en", "The team scored 110 points in the final.", []),
    ("en", "The index committee met at 9.30 am with 1,200 members.", []),
    ("en", "The index was launched in 2015 and rose to 5,000 employees.", []),
    ("de", "Der FC holte 3 Punkte und steht bei 45 Punkten.", []),
    ("es", "El equipo suma 28 puntos y llega a 1.200 socios.", []),
    ("zh", "下午3点，指数公司召开会议。", []),
    ("zh", "上证指数将于明天10点开盘。", []),
]


@pytest.mark.parametrize(("lang", "body", "expected"), INDEX)
def test_index_levels_and_moves_are_figures(lang: str, body: str, expected: list[str]) -> None:
    assert nl301(body, lang) == expected


# ------------------------------------------------------------------ how money is written

NOTATION = [
    # Currencies named with their country, local signs and shorthand.
    (
        "en",
        "The dividend is 6.5 New Zealand cents, up from 5 NZ cents.",
        ["6.5 New Zealand cents", "5 NZ cents"],
    ),
    (
        "en",
        "Revenue reached 41.2 million ringgits, or 3 sen a share.",
        ["41.2 million ringgits", "3 sen"],
    ),
    (
        "en",
        "Net profit was RM12.4 million and the stock ended at 310 pence.",
        ["RM12.4 million", "310 pence"],
    ),
    (
        "fr",
        "Le résultat net atteint 18,4 ME et le baril a perdu 42 cents.",
        ["18,4 ME", "42 cents"],
    ),
    (
        "es",
        "El bitcoin cotiza a u$s 7.250 y la acción sube 35 peniques.",
        ["u$s 7.250", "35 peniques"],
    ),
    ("es", "El banco central bajó la tasa en 25 puntos base.", ["25 puntos base"]),
    ("es", "El banco central bajó la tasa en un cuarto de punto.", ["un cuarto de punto"]),
    ("de", "Der Einlagesatz sinkt von 3,25 auf 3,00 Prozent.", ["3,25 auf 3,00 Prozent"]),
    # Traps: a currency code in a compound, a capitalised word before a unit-like word.
    ("de", "Ein SEK-Einsatz beendete die Lage am Abend.", []),
    ("en", "Ten Downing Street staff met 40 New Zealand students.", []),
    ("fr", "Le MEDEF réunit 300 patrons et 12 ME de la région.", ["12 ME"]),
]


@pytest.mark.parametrize(("lang", "body", "expected"), NOTATION)
def test_currencies_signs_and_points_as_written(lang: str, body: str, expected: list[str]) -> None:
    assert nl301(body, lang) == expected


# ------------------------------------------------------------------ cues that are not sources

NOT_SOURCES = [
    # A noun subject, a capitalised function word: « chiffre », "As expected", "El precio".
    ("fr", "Le chiffre d'affaires a bondi de 12 %.", ["12 %"]),
    ("fr", "Comme anticipé, le titre a reculé de 3 %.", ["3 %"]),
    ("en", "As expected, the shares fell 4% on Monday.", ["4%"]),
    ("es", "El precio objetivo medio es de 45 euros.", ["45 euros"]),
    ("de", "Die Prognose liegt bei 4 Prozent.", ["4 Prozent"]),
    # A move verb that is also a reporting verb, right before the number.
    ("en", "Acme gained 4.1% and Bolt added 2.2% in late trade.", ["4.1%", "2.2%"]),
    ("fr", "Le titre Acme ajoute 2,2 % à la clôture.", ["2,2 %"]),
    ("en", "Acme said sales rose 3%.", []),  # near miss: the verb reports
    ("en", "Sales rose 3%, the chairman added.", []),
    # Adjectives: "Reported net income", "previously announced", « ressort à », « l'annonce ».
    ("en", "Reported net income rose to $14 million.", ["$14 million"]),
    (
        "en",
        "Acme paid $20 million, below the previously announced $25 million.",
        ["$20 million", "$25 million"],
    ),
    ("en", "Acme reported net income of $14 million.", []),
    ("fr", "Le résultat net ressort à 20,6 millions d'euros.", ["20,6 millions d'euros"]),
    ("fr", "Il ressort du rapport que la marge atteint 9 %.", []),
    ("fr", "Acme (-3,9 %) a souffert de l'annonce d'un rival.", ["3,9 %"]),
    ("fr", "Le groupe annonce un bénéfice de 3 millions d'euros.", []),
    # A reporter's byline in brackets reports nothing.
    ("zh", "【记者王明/综合报道】比特币本周下跌10%。", ["10%"]),
    ("zh", "公司报道称，营收增长10%。", []),
]


@pytest.mark.parametrize(("lang", "body", "expected"), NOT_SOURCES)
def test_words_that_look_like_cues_but_source_nothing(
    lang: str, body: str, expected: list[str]
) -> None:
    assert nl301(body, lang) == expected


AGENTS = [
    # A passive agent sources the figure right before it, not the clause's other figures.
    ("en", "EPS was $2.18, against the $2.10 expected by LSEG analysts.", ["$2.18"]),
    (
        "es",
        "El beneficio fue de 2,18 dólares, frente a los 2,10 esperados por Refinitiv.",
        ["2,18 dólares"],
    ),
    ("fr", "La marge atteint 3,5 %, contre 3 % anticipés par le consensus.", ["3,5 %"]),
    (
        "de",
        "Der Umsatz stieg um 1,2 Prozent, über den von Analysten erwarteten 0,9 Prozent.",
        ["1,2 Prozent"],
    ),
    # Near miss: the agent is far from the figure.
    (
        "en",
        "Costs rose $3 million this year in the plants that were expected by staff to close.",
        ["$3 million"],
    ),
]


@pytest.mark.parametrize(("lang", "body", "expected"), AGENTS)
def test_a_passive_agent_sources_the_figure_before_it(
    lang: str, body: str, expected: list[str]
) -> None:
    assert nl301(body, lang) == expected


# ------------------------------------------------- money with the currency left out

BARE_SCALE = [
    ("es", "Las ganancias fueron de 532 millones en el trimestre.", ["532 millones"]),
    (
        "es",
        "La deuda bajó en 600 millones de euros, hasta los 2.700 millones.",
        ["600 millones de euros", "2.700 millones"],
    ),
    ("fr", "Le bénéfice net a pris 1 % à 3,07 milliards.", ["1 %", "3,07 milliards"]),
    (
        "de",
        "Der Konzern erlöste 227,8 Millionen Euro, 9 Millionen mehr als im Vorjahr.",
        ["227,8 Millionen Euro", "9 Millionen"],
    ),
    ("zh", "全市旅游综合收入超12亿，成交金额为6259亿。", ["12亿", "6259亿"]),
    # Traps: counts of people and things, and money words in another sentence.
    ("es", "El país tiene 47 millones de habitantes.", []),
    ("fr", "Le site a reçu 5 millions de visiteurs.", []),
    ("en", "Revenue rose. The city has 2 million people.", []),
    ("zh", "营收增长。全国有14亿人。", []),
]


@pytest.mark.parametrize(("lang", "body", "expected"), BARE_SCALE)
def test_a_bare_scale_is_money_in_a_money_sentence(
    lang: str, body: str, expected: list[str]
) -> None:
    assert nl301(body, lang) == expected


# ------------------------------------------------------------------ figures sourced by convention

TARGETS = [
    # A broker's price target in the sentence that names the broker (or a possessive).
    ("en", "Citi raised its price target on Acme from $80 to $103.", []),
    ("fr", "Jefferies remonte son objectif de cours de 85 à 111 dollars.", []),
    ("de", "Er senkte sein Kursziel von 29 auf 26 Euro.", []),
    ("es", "Citigroup ajusta el precio objetivo de Acme un 3% hasta los 6 euros.", []),
    ("es", "El consenso de analistas sitúa el precio objetivo en 7,5 euros.", []),
    # Near misses: a target nobody owns, and the stock's own price.
    ("en", "The average price target is $50.", ["$50"]),
    ("es", "El precio objetivo medio es de 45 euros.", ["45 euros"]),
    ("de", "Das durchschnittliche Kursziel liegt bei 32 Euro.", ["32 Euro"]),
    ("en", "Shares rose 3% to $48. Citi raised its price target to $60.", ["3%", "$48"]),
]


@pytest.mark.parametrize(("lang", "body", "expected"), TARGETS)
def test_a_price_target_is_sourced_by_the_broker_named(
    lang: str, body: str, expected: list[str]
) -> None:
    assert nl301(body, lang) == expected


CLAUSES = [
    # A stock's move in brackets after its name is market data, whatever the verb reports.
    (
        "fr",
        "Roche (+0,3 %) et Novartis (+0,2 %) ont publié des résultats d'essai.",
        ["0,3 %", "0,2 %"],
    ),
    ("en", "Acme (-3.9%) said it would cut jobs.", ["3.9%"]),
    ("en", "Revenue rose to $5 million (up 3%), the company said.", []),  # near miss
    # A list item on its own line starts a new clause.
    (
        "es",
        "** El precio medio es de 102 dólares\n** JPMorgan dijo que la acción vale 98 dólares",
        ["102 dólares"],
    ),
]


@pytest.mark.parametrize(("lang", "body", "expected"), CLAUSES)
def test_what_a_reporting_clause_covers(lang: str, body: str, expected: list[str]) -> None:
    assert nl301(body, lang) == expected


RELEASES = [
    # A press release's own figures are the issuer's (option press-release, default true).
    (
        "en",
        "TORONTO (GLOBE NEWSWIRE) -- Acme Corp. today declared a dividend of $0.05 a share.",
        [],
    ),
    (
        "fr",
        "Communiqué de presse\n\nAcme annonce un chiffre d'affaires de 12 millions d'euros.",
        [],
    ),
    ("de", "Pressemitteilung\n\nDer Umsatz von Acme stieg auf 12 Millionen Euro.", []),
    ("es", "Nota de prensa\n\nLas ventas de Acme crecieron un 12 %.", []),
    # Near miss: a news story that mentions a release is not one.
    ("en", "Acme said in a press release that sales rose 5%. Shares fell 2%.", ["2%"]),
]


@pytest.mark.parametrize(("lang", "body", "expected"), RELEASES)
def test_a_press_release_sources_its_issuers_figures(
    lang: str, body: str, expected: list[str]
) -> None:
    assert nl301(body, lang) == expected


def test_press_release_option_checks_a_release_like_a_story() -> None:
    body = "TORONTO (GLOBE NEWSWIRE) -- Acme Corp. today declared a dividend of $0.05 a share."
    assert nl301(body, "en", **{"press-release": False}) == ["$0.05"]


JOINS_AND_LEADS = [
    # A reporting clause sources its own clause, not a coordinated clause after ", and".
    ("en", "Wages will rise 40%, his agent said, and the club's shares gained 3%.", ["3%"]),
    (
        "fr",
        "Les salaires augmenteront de 4 %, a indiqué le syndicat, et le titre a pris 3 %.",
        ["3 %"],
    ),
    (
        "de",
        "Die Löhne steigen um 4 Prozent, sagte der Sprecher, und die Aktie gewann 3 Prozent.",
        ["3 Prozent"],
    ),
    ("es", "Los salarios subirán un 4 %, dijo el sindicato, y la acción ganó un 3 %.", ["3 %"]),
    # A trailing reporting clause covers the coordinated clauses before it.
    ("en", "Revenue rose 5%, and profit rose 3%, the company said.", []),
    # A lead names the source of the whole sentence, across semicolons.
    ("en", "According to LSEG, revenue rose 5%; profit fell 2%.", []),
    ("zh", "记者从市旅游局获悉，游客增长12%；旅游收入65亿元，同比增长13%。", []),
    ("zh", "游客增长12%；旅游收入65亿元。", ["12%", "65亿元"]),
    # Chinese cues that are labels or names: 免责声明, 统计局.
    ("zh", "排名 / 成交 / 39.1亿元 / -8% 免责声明：本文仅供参考。", ["39.1亿元", "8%"]),
    ("zh", "国家统计局的消息令市场振奋，沪指冲上3200点。", ["3200点"]),
    ("zh", "国家统计局统计，沪指上月上涨3%。", []),
]


@pytest.mark.parametrize(("lang", "body", "expected"), JOINS_AND_LEADS)
def test_coordinated_clauses_and_sentence_leads(lang: str, body: str, expected: list[str]) -> None:
    assert nl301(body, lang) == expected


LAYOUT = [
    # A guidance list under a label, and the consensus as a label (option consensus).
    ("en", "Q3 guidance: revenue, $36M to $40M (consensus: $40.2M).", []),
    ("fr", "Objectifs 2026 : chiffre d'affaires de 700 millions d'euros, marge de 12 %.", []),
    ("de", "Prognose 2026: Umsatz von 1,2 Milliarden Euro, Marge von 9 Prozent.", []),
    ("es", "Previsiones para 2026: ingresos de 500 millones de euros.", []),
    ("zh", "业绩指引：全年营收120亿元，毛利率35%。", []),
    # A results table introduced by a reporting line; prose ends the list.
    ("en", "The company reported:\n\nRevenue $5.2 million\n\nNet loss $1.1 million", []),
    (
        "en",
        "The company reported:\n\nRevenue $5.2 million\n\n"
        "Shares later fell 4% in a weak market for technology stocks on Friday.",
        ["4%"],
    ),
    # Near misses: a colon with no source or label, a label word with no colon.
    ("en", "Here is the picture:\n\nRevenue $5.2 million", ["$5.2 million"]),
    ("en", "The outlook darkened and revenue fell 5%.", ["5%"]),
]


@pytest.mark.parametrize(("lang", "body", "expected"), LAYOUT)
def test_lists_under_a_label_or_a_reporting_line(lang: str, body: str, expected: list[str]) -> None:
    assert nl301(body, lang) == expected


def test_consensus_option_decides_whether_the_consensus_is_a_source() -> None:
    body = "Q3 revenue was $38M, against $40.2M anticipated by the consensus."
    assert nl301(body, "en") == ["$38M"]
    assert nl301(body, "en", consensus=False) == ["$38M", "$40.2M"]
    fr = "La marge atteint 3,5 %, contre 3 % anticipés par le consensus."
    assert nl301(fr, "fr") == ["3,5 %"]
    assert nl301(fr, "fr", consensus=False) == ["3,5 %", "3 %"]
    label = "Q3 guidance: revenue, $36M to $40M (consensus: $40.2M)."
    assert nl301(label, "en", consensus=False) == ["$40.2M"]


# ------------------------------------------------------------------ not financial figures at all

NOT_FINANCIAL = [
    ("en", "Acme is a 100% owned subsidiary of Bolt; Bolt also owns 100% of Cole.", []),
    ("en", "Acme's sales rose 100% this year.", ["100%"]),  # near miss: a move
    ("fr", "La filiale est détenue à 100 % par le groupe.", []),
    ("de", "Die Firma gehört zu 100 Prozent dem Konzern.", []),
    ("es", "La filial está participada al 100% por el grupo.", []),
    ("zh", "该公司持有其100%股权。", []),
    ("en", "The 61-year-old ranked No. 3, ran 10 km in 45 minutes; call 555-0142. We won 3-1.", []),
    ("fr", "Le club a gagné 3 à 1 devant 40 000 spectateurs, 2e du classement.", []),
    ("de", "Der 45-Jährige lief 10 Kilometer in 40 Minuten und wurde Dritter.", []),
    ("es", "El equipo ganó 2-0 ante 30.000 espectadores el 3 de mayo.", []),
    ("zh", "该队以3比1获胜，现场有4万名观众，排名第2。", []),
]


@pytest.mark.parametrize(("lang", "body", "expected"), NOT_FINANCIAL)
def test_scores_counts_ownership_and_measures_are_not_figures(
    lang: str, body: str, expected: list[str]
) -> None:
    assert nl301(body, lang) == expected


MORE_SOURCES = [
    # An unnamed agent sources nothing; a named one does.
    (
        "es",
        "Los ingresos fueron de 53.800 millones de dólares, frente a 53.390 millones de dólares "
        "previstos por el mercado.",
        ["53.800 millones de dólares", "53.390 millones de dólares"],
    ),
    (
        "en",
        "Sales were $5.1 billion, above the $4.9 billion expected by the market.",
        ["$5.1 billion", "$4.9 billion"],
    ),
    # Institutions as subjects of a forecast verb, and guidance verbs with their subject.
    ("es", "La autoridad monetaria espera una inflación de entre el 3 y el 4 %.", []),
    ("es", "La empresa apuntó a ingresos de entre 61.000 y 64.000 millones de dólares.", []),
    ("en", "The central bank expects inflation of 2.5% next year.", []),
    # An exchange rate quoted after its currency is a level.
    ("es", "El dólar abre en 18,95 pesos y el euro se vende en 20,33.", ["18,95 pesos", "20,33"]),
    ("en", "The euro fell to 1.0850 and the yen ended at 151.20.", ["1.0850", "151.20"]),
]


@pytest.mark.parametrize(("lang", "body", "expected"), MORE_SOURCES)
def test_named_agents_institutions_and_exchange_rates(
    lang: str, body: str, expected: list[str]
) -> None:
    assert nl301(body, lang) == expected


OWNERS_AND_RATES = [
    # Firms named in German by what they are; forecasts owned by a named firm.
    ("de", "Das Analysehaus Acme Research hat das Kursziel von 10 auf 12 Euro angehoben.", []),
    ("de", "Die Acme Bank hat den fairen Aktienwert von 300 auf 315 Euro angehoben.", []),
    ("fr", "Acme Bank a revu ses prévisions de marge, à 3,5 % en 2027.", []),
    ("fr", "Les prévisions de marge restent à 3,5 %.", ["3,5 %"]),
    # Guidance verbs with their subject, commas around "too", pollers named.
    ("fr", "Il vise un chiffre d'affaires de 700 millions d'euros.", []),
    ("en", "Goldman Sachs, too, expects gold to reach $2,000.", []),
    (
        "fr",
        "Le profit attendu par les analystes interrogés par l'agence Acme atteint 3 milliards "
        "d'euros.",
        [],
    ),
    # The "1" of an exchange rate is a unit, its other side the figure.
    ("en", "(US$1 = 1.2641 New Zealand dollars)", ["1.2641 New Zealand dollars"]),
    ("en", "As of May 2, US$1 was equivalent to 3.38 ringgits.", ["3.38 ringgits"]),
    ("en", "Tickets cost $1 more than last year.", ["$1"]),  # near miss
]


@pytest.mark.parametrize(("lang", "body", "expected"), OWNERS_AND_RATES)
def test_forecast_owners_and_exchange_rate_units(lang: str, body: str, expected: list[str]) -> None:
    assert nl301(body, lang) == expected


CHINESE_SUBJECTS = [
    # A metric before 预计 is what is forecast, not who forecasts.
    ("zh", "公司年度净利润预计为5亿元。", ["5亿元"]),
    ("zh", "公司预计年度净利润为5亿元。", []),
    # ...unless a source is named earlier in the sentence: the passive continues its forecast.
    ("zh", "美银预估2月营收月减15%，但3月营收预估月增10%。", []),
]


@pytest.mark.parametrize(("lang", "body", "expected"), CHINESE_SUBJECTS)
def test_chinese_forecast_verbs_need_a_forecaster(
    lang: str, body: str, expected: list[str]
) -> None:
    assert nl301(body, lang) == expected


MULTIPLES = [
    # A valuation or leverage multiple is a figure; a count of occasions is not.
    ("en", "Acme trades at a P/E of 9.3 times, or 12x EBITDA.", ["9.3 times", "12x"]),
    ("en", "The board met four times, 3 times a quarter.", []),
    ("es", "Acme cotiza a un ratio precio-beneficio de 9,29 veces.", ["9,29 veces"]),
    ("es", "El equipo ganó 3 veces la liga.", []),
    ("fr", "Le titre se paie 15 fois les bénéfices.", ["15 fois"]),
    ("de", "Die Aktie ist mit dem 12 mal so hohen KGV teuer.", ["12 mal"]),
    ("zh", "该认购证实际杠杆约6.5倍。", ["6.5倍"]),
    ("zh", "面积扩大了3倍。", []),
]


@pytest.mark.parametrize(("lang", "body", "expected"), MULTIPLES)
def test_valuation_and_leverage_multiples(lang: str, body: str, expected: list[str]) -> None:
    assert nl301(body, lang) == expected
