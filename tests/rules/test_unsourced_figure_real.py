"""unsourced-figure (NL301) on classes of copy seen in published articles (issue 10).

Each table is "article body → figures NL301 must report", in every language the class
applies to: hits, near misses and traps. The sentences are our own, written to show the
pattern; none is taken from an article.
"""

from __future__ import annotations

import newslint
import pytest

HEADLINES = {
    "en": "A headline",
    "fr": "Un titre",
    "de": "Eine Überschrift",
    "es": "Un titular",
    "zh": "标题",
}


def nl301(body: str, lang: str, headline: bool = True, **options: object) -> list[str]:
    text = f"{HEADLINES[lang]}\n\n{body}" if headline else body
    config = {"rules": {"unsourced-figure": options}} if options else {}
    return [
        f.evidence["figure"]
        for f in newslint.lint_text(text, lang=lang, config=config)
        if f.code == "NL301"
    ]


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
