"""missing-disclaimer (NL101): which texts are a notice to readers, and which are reporting.

A holdings disclosure, a reader-addressed risk warning and a run-in "Disclaimer:" heading
count; a risk sentence quoted or reported from someone inside the story, and a generic
"views expressed are the author's own" line, do not. Our own sentences, every language.
"""

from __future__ import annotations

import pytest
from test_missing_disclaimer import run_rule

STORIES = {
    "en": (
        "Contoso shares jump on upgrade\n\nShares of Contoso rose 5% after analysts raised "
        "their price target and investors bet on a bigger dividend.\n\n{notice}\n\n"
        "Editing by Jane Smith\n"
    ),
    "fr": (
        "Le titre Contoso bondit\n\nLe titre Contoso a bondi de 5 % après un relèvement de "
        "l'objectif de cours, et les investisseurs saluent le dividende.\n\n{notice}\n\n"
        "Éditeur : Jeanne Roux\n"
    ),
    "de": (
        "Contoso-Aktie steigt\n\nDie Aktie von Contoso stieg um 5 Prozent, Anleger hoffen auf "
        "eine höhere Dividende und ein neues Kursziel.\n\n{notice}\n\nRedaktion: Anna Müller\n"
    ),
    "es": (
        "Contoso sube en bolsa\n\nLas acciones de Contoso subieron un 5 % y los inversores "
        "celebran el dividendo y el precio objetivo.\n\n{notice}\n\nEditado por Lucía Ferrer\n"
    ),
    "zh": "康图索大涨\n\n康图索股价大涨5%，投资者看好其估值与分红。\n\n{notice}\n\n编辑：王明\n",
}

NOTICES = [
    # (language, notice, counts as a disclaimer?)
    (
        "en",
        "On the date of publication, Jane Roe did not have (either directly or indirectly) "
        "any positions in the securities mentioned in this article.",
        True,
    ),
    ("en", "If you are considering investing in small caps, be ready for sharp swings.", True),
    ("en", "Past performance is no guarantee of future returns.", True),
    ("en", "The views expressed in this column are those of the writer.", False),
    ("en", "Disclaimer: the views expressed are the author's own.", False),
    (
        "en",
        '"If you are considering investing in small caps, be ready for sharp swings," '
        "the regulator said.",
        False,
    ),
    ("en", "Past performance is no guarantee of future returns, the fund manager warned.", False),
    ("en", "Trading closed early. Disclaimer: nothing here is a recommendation to buy.", True),
    ("fr", "Si vous envisagez d'investir dans ce secteur, soyez prudents.", True),
    ("fr", "Ces analyses ne constituent qu'une aide à la décision pour les lecteurs.", True),
    ("fr", "Ces données ne constituent en aucune manière une incitation à acheter.", True),
    ("fr", "Investir comporte des risques.", True),
    ("fr", "« Investir comporte des risques », a rappelé l'autorité des marchés.", False),
    ("fr", "Investir comporte des risques, a déclaré le régulateur lundi.", False),
    ("de", "Wenn Sie in Aktien investieren möchten, prüfen Sie Ihre Risikobereitschaft.", True),
    (
        "de",
        "Die Texte stellen keine Finanzanalyse und keine Finanz- oder Anlageberatung dar.",
        True,
    ),
    ("de", "„Wenn Sie investieren möchten, prüfen Sie die Risiken“, sagte die Aufsicht.", False),
    (
        "de",
        "Hinweis: Informationen zu Interessenkonflikten des Analysehauses finden Sie online.",
        True,
    ),
    ("es", "Si estás considerando invertir en este sector, hazlo con cautela.", True),
    ("es", "«Si estás considerando invertir, hazlo con cautela», dijo el regulador.", False),
    ("zh", "股市有风险，投资需谨慎。", True),
    ("zh", "分析师表示，股市有风险，投资需谨慎。", False),
    ("zh", "本周成交放大。免责声明：作者并无持有上述股份，本文不构成任何买卖建议。", True),
    ("zh", "过往表现并不代表将来表现。", True),
]


@pytest.mark.parametrize(
    ("lang", "notice", "accepted"),
    NOTICES,
    ids=[f"{n[0]}-{i}" for i, n in enumerate(NOTICES)],
)
def test_notice(lang: str, notice: str, accepted: bool) -> None:
    hits, notes = run_rule(STORIES[lang].format(notice=notice), lang=lang)
    assert (not hits) is accepted, (hits and hits[0].evidence, notes)


def test_reported_candidate_says_why() -> None:
    notice = "Past performance is no guarantee of future returns, the fund manager warned."
    hits, _ = run_rule(STORIES["en"].format(notice=notice), lang="en")
    [cand] = hits[0].evidence["candidates"]
    assert cand["accepted"] is False
    assert "reporting verb" in cand["reason"]


def test_quoted_candidate_says_why() -> None:
    notice = "« Investir comporte des risques », a rappelé l'autorité des marchés."
    hits, _ = run_rule(STORIES["fr"].format(notice=notice), lang="fr")
    assert "quotation" in hits[0].evidence["candidates"][0]["reason"]


LONG_STORY = (
    "Contoso shares jump\n\nShares of Contoso rose 5% after analysts raised their price "
    "target.\n\n{middle}\n\nInvestors bet on a bigger dividend.\n\nThe company reports next "
    "week.\n\nIts chief executive will speak in May.\n\nA new plant opens in June.\n\n{end}"
    "Editing by Jane Smith\n"
)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Investing in small caps carries a high degree of risk.", "en"),
        ("Past performance is no guarantee of future returns.", "en"),
    ],
)
def test_risk_sentence_counts_at_the_end_not_in_the_body(sentence: str, lang: str) -> None:
    in_body = LONG_STORY.format(middle=sentence, end="")
    hits, _ = run_rule(in_body, lang=lang)
    assert len(hits) == 1
    assert "body" in hits[0].evidence["candidates"][0]["reason"]
    at_end = LONG_STORY.format(middle="Trading was brisk.", end=f"{sentence}\n\n")
    assert run_rule(at_end, lang=lang)[0] == []
