"""missing-disclaimer (NL101): the financial genres real copy is made of, in every language.

Market wraps (index, sector and commodity moves), central-bank rate decisions, FX and bond
notes, crypto price stories and company-results briefs without a ticker are financial; the
near misses beside each genre (a word shared with general news) are not. Our own sentences.
"""

from __future__ import annotations

import pytest
from test_missing_disclaimer import run_rule

GENRES = [
    # (language, genre, body, financial?)
    ("en", "wrap", "The benchmark index closed up 1.2% as blue chips rallied.", True),
    ("en", "commodity", "Brent crude slipped to $81 per barrel in late trade.", True),
    ("en", "central-bank", "The central bank kept its key rate at 4.5% on Tuesday.", True),
    ("en", "fx", "The dollar fell 0.4% against the euro as currency markets waited.", True),
    ("en", "bonds", "Ten-year Treasury yields rose 8 basis points in thin trade.", True),
    ("en", "crypto", "Bitcoin slipped below $60,000 as the wider crypto market cooled.", True),
    ("en", "results", "Northwind reported a net profit of $12 million and EBITDA rose 9%.", True),
    ("en", "near-miss", "The old central bank building will become a museum.", False),
    ("en", "near-miss", "Police said the fraudster asked victims to pay in bitcoin.", False),
    ("en", "near-miss", "The index finger injury kept her out of the final.", False),
    ("fr", "wrap", "L'indice SMI a clôturé en hausse de 0,4 %, porté par les banques.", True),
    ("fr", "commodity", "Le baril de Brent a cédé 1 % à 80 dollars à Londres.", True),
    ("fr", "central-bank", "La banque centrale a maintenu son taux directeur à 2 %.", True),
    ("fr", "fx", "Le billet vert a reculé face à l'euro sur le marché des changes.", True),
    ("fr", "crypto", "Le bitcoin a bondi de 6 %, entraînant les autres cryptomonnaies.", True),
    ("fr", "results", "Le chiffre d'affaire atteint 120 millions et l'Ebitda progresse.", True),
    ("fr", "near-miss", "La devise de la commune est gravée au fronton de la mairie.", False),
    ("fr", "near-miss", "Sa cote de popularité recule et ses obligations de maire pèsent.", False),
    ("de", "wrap", "Der Leitindex ATX schloss am Dienstag 0,9 Prozent höher.", True),
    ("de", "central-bank", "Die Notenbank beließ den Leitzins am Donnerstag bei 2 Prozent.", True),
    ("de", "fx", "Der Euro-Kurs stieg gegenüber dem Dollar leicht an.", True),
    ("de", "bonds", "Die Rendite der zehnjährigen Bundesanleihe stieg um 5 Basispunkte.", True),
    ("de", "crypto", "Der Bitcoin fiel deutlich, andere Kryptowährungen folgten.", True),
    ("de", "results", "Der Konzernumsatz stieg, das Ebitda sank leicht.", True),
    ("de", "near-miss", "Der Sprachkurs beginnt am Montag im Gemeindehaus.", False),
    ("de", "near-miss", "Die Fassade der alten Notenbank wird im Sommer renoviert.", False),
    ("es", "wrap", "La Bolsa Mexicana cerró con ganancias y el índice IPC subió un 0,8 %.", True),
    ("es", "central-bank", "El banco central recortó su tasa de interés 25 puntos básicos.", True),
    ("es", "fx", "El dólar se vende en 18,90 pesos por dólar en el mercado cambiario.", True),
    ("es", "crypto", "El bitcoin cayó y otras criptomonedas siguieron la tendencia.", True),
    ("es", "results", "El Ebitda de la firma creció y la deuda neta bajó a 30 millones.", True),
    ("es", "near-miss", "El rendimiento del equipo mejoró mucho en la segunda parte.", False),
    ("es", "near-miss", "Las acciones del gobierno local incluyen nuevos parques.", False),
    ("zh", "wrap", "沪深两市收涨，创业板指数升2%，成交额放大。", True),
    ("zh", "wrap", "恆指收報18000點，國企指數跌1%。", True),
    ("zh", "wrap", "台股今天收漲，加權指數上漲120點。", True),
    ("es", "bonds", "La prima de riesgo bajó a 90 puntos básicos.", True),
    ("es", "near-miss", "El IPC subió un 0,3 % en marzo y el índice de precios se moderó.", False),
    ("zh", "central-bank", "央行宣布下调存款准备金率0.5个百分点。", True),
    ("zh", "fx", "人民币兑美元中间价报7.12，较上日调升。", True),
    ("zh", "crypto", "比特币价格下跌，加密货币市场整体承压。", True),
    ("zh", "results", "该公司净利大幅增长，毛利率同比提升。", True),
    ("zh", "near-miss", "今年游客数量同比增长5%，创下新高。", False),
    ("zh", "near-miss", "央行大楼附近昨日发生一起交通事故。", False),
    ("zh", "near-miss", "他想出一个好点子，新闻板块改版后更受欢迎。", False),
    ("en", "wrap2", "Asian shares slipped as investors awaited data, the Nikkei down 0.8%.", True),
    ("en", "wrap2", "Gold rose to a record $2,400 an ounce as traders bet on rate cuts.", True),
    ("en", "wrap2", "Oil edged lower, with Brent crude futures at $82.10 a barrel.", True),
    ("en", "wrap2", "The yen weakened past 150 per dollar, prompting warnings from Tokyo.", True),
    ("en", "wrap2", "Ether fell 4% to $3,100 while solana and XRP also slid.", True),
    (
        "en",
        "wrap2",
        "Contoso posted quarterly revenue of $4.1 billion and raised its outlook.",
        True,
    ),
    ("en", "wrap2", "The Nasdaq closed 1.2% higher on Friday.", True),
    ("en", "near-miss2", "The council raised its outlook for tourism after a busy summer.", False),
    ("en", "near-miss2", "The team's index of injuries rose sharply this season.", False),
    ("fr", "wrap2", "La Bourse de Paris a terminé en baisse, le CAC 40 cédant 0,5 %.", True),
    ("fr", "wrap2", "L'euro recule face au dollar, à 1,08 dollar.", True),
    ("fr", "wrap2", "Le rendement de l'OAT à 10 ans grimpe à 3,1 %.", True),
    ("fr", "wrap2", "La Fed a relevé ses taux d'un quart de point mercredi.", True),
    ("fr", "wrap2", "Le CAC 40 a clôturé en hausse de 0,3 % vendredi.", True),
    ("fr", "near-miss2", "Le maire a relevé ses ambitions pour le festival de Dax.", False),
    ("de", "wrap2", "Der Dax gab am Mittag 0,7 Prozent nach.", True),
    ("de", "wrap2", "Der Euro verteuerte sich auf 1,09 Dollar, die Anleihen legten zu.", True),
    ("de", "wrap2", "Die Ölpreise legten zu: Ein Barrel der Sorte Brent kostete 82 Dollar.", True),
    ("de", "near-miss2", "Der Index der Verbraucherstimmung stieg leicht.", False),
    ("es", "wrap2", "El Ibex 35 cerró con una subida del 0,6 %.", True),
    ("es", "wrap2", "El peso se apreció frente al dólar y cerró en 18,20 unidades.", True),
    ("es", "wrap2", "El banco central mantuvo su tasa de interés en 11 %.", True),
    ("es", "near-miss2", "La bolsa de basura cayó al río durante la tormenta.", False),
    ("zh", "wrap2", "日经指数收跌0.8%，投资者等待通胀数据。", True),
    ("zh", "wrap2", "美联储宣布加息25个基点。", True),
    ("zh", "wrap2", "人民币兑美元汇率小幅走强。", True),
    ("es", "near-miss", "El parqué del salón y las materias primas del taller son nuevos.", False),
]


@pytest.mark.parametrize(
    ("lang", "genre", "body", "financial"), GENRES, ids=[f"{g[0]}-{g[1]}" for g in GENRES]
)
def test_genre_is_financial(lang: str, genre: str, body: str, financial: bool) -> None:
    text = f"Headline\n\n{body}\n\nEditing by Jane Smith\n"
    hits, notes = run_rule(text, lang=lang)
    assert bool(hits) is financial, notes


RATE_STORY = (
    "Rates on hold\n\nThe central bank kept its key rate at 4.5% and said monetary policy "
    "would stay tight.{extra}\n\nEditing by Jane Smith\n"
)


def test_central_bank_option_markets_is_the_default() -> None:
    hits, _ = run_rule(RATE_STORY.format(extra=""))
    assert len(hits) == 1
    assert hits[0].evidence["financial"]["strength"]["central bank"] == "strong"


def test_central_bank_option_economy_needs_a_market_angle() -> None:
    hits, notes = run_rule(RATE_STORY.format(extra=""), **{"central-bank": "economy"})
    assert hits == []
    assert notes[0]["verdict"] == "not financial"
    assert notes[0]["financial"]["strength"]["central bank"] == "weak"
    market = " Government bonds rallied and the benchmark index closed higher."
    hits, _ = run_rule(RATE_STORY.format(extra=market), **{"central-bank": "economy"})
    assert len(hits) == 1
