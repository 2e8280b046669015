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
    ("zh", "central-bank", "央行宣布下调存款准备金率0.5个百分点。", True),
    ("zh", "fx", "人民币兑美元中间价报7.12，较上日调升。", True),
    ("zh", "crypto", "比特币价格下跌，加密货币市场整体承压。", True),
    ("zh", "results", "该公司净利大幅增长，毛利率同比提升。", True),
    ("zh", "near-miss", "今年游客数量同比增长5%，创下新高。", False),
    ("zh", "near-miss", "央行大楼附近昨日发生一起交通事故。", False),
    ("zh", "near-miss", "他想出一个好点子，新闻板块改版后更受欢迎。", False),
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
