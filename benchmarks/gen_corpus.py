"""Deterministic generator of benchmark articles: five languages, .txt/.md/.html, ~6 KB each.

    python benchmarks/gen_corpus.py OUT_DIR --count 10000 [--seed 1] [--adversarial]

The texts are synthetic (assembled from our own sentence templates), shaped like real
articles: headline, paragraphs with quotes, figures, sources, credits, disclaimers and,
sometimes, a related-links tail, so every rule has real work to do.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

LANGS = {
    "en": {
        "head": [
            "{co} shares slide as investors weigh {topic}",
            "City council approves new {topic} plan",
            "{co} to expand {topic} business",
            "Local team wins {topic} final",
        ],
        "para": [
            "{co} said on Tuesday that revenue rose {pct}% to ${amt} billion in the quarter, beating estimates.",
            "Shares of {co} fell {pct}% in early trading, while the wider market was flat.",
            "\u201cWe are confident in the long-term strategy and in our teams,\u201d {person} said in an interview.",
            "{person}, who joined the company in {year}, added that the plan would take {n} years.",
            "Analysts at {bank} raised their price target to ${amt}, according to a note seen by reporters.",
            "The council met for {n} hours and heard from {n} residents about the {topic} proposal.",
            "\u201cThis is a difficult moment for everyone involved in the sector,\u201d she said.",
            "Investors have poured money into {topic} stocks this year, pushing valuations higher.",
            "The company plans to hire {n}00 people by {year} and open {n} new offices.",
            "\u201cNobody expected the decision to come so soon after the vote.\u201d",
        ],
        "credit": "(Reporting by {person}; Editing by {person2})",
        "disc": "This article is for informational purposes only and does not constitute investment advice.",
        "tail": [
            "You might also like",
            "{co} names new chief executive",
            "Markets brace for rate decision",
        ],
        "co": ["Acme Corp", "Globex", "Initech", "Umbrella Holdings", "Stark Industries"],
        "person": ["Jane Smith", "Tom Baker", "Maria Lopez", "Ahmed Khan", "Laura Chen"],
        "topic": ["chip", "housing", "energy", "retail", "football", "transport"],
        "bank": ["Morgan Street", "First Capital", "Harbor Bank"],
    },
    "fr": {
        "head": [
            "{co} recule en Bourse sur fond de {topic}",
            "Le conseil municipal adopte le plan {topic}",
            "{co} veut accélérer dans le {topic}",
        ],
        "para": [
            "{co} a annoncé mardi un chiffre d\u2019affaires en hausse de {pct} % à {amt} milliards d\u2019euros.",
            "L\u2019action {co} a perdu {pct} % en début de séance, dans un marché hésitant.",
            "{person} a déclaré lors d\u2019un entretien : \u00ab Nous restons confiants dans notre stratégie. \u00bb",
            "Ce dirigeant, arrivé en {year}, a ajouté que le projet prendrait {n} ans.",
            "Selon les analystes de {bank}, l\u2019objectif de cours est relevé à {amt} euros.",
            "Les investisseurs craignent une \u00ab bulle \u00bb autour du secteur du {topic}.",
            "\u00ab Personne ne s\u2019attendait à une décision aussi rapide après le vote. \u00bb",
            "La valorisation de {co} atteint désormais {amt} milliards de dollars.",
        ],
        "credit": "Éditeur : {person2}",
        "disc": "Avertissement : cet article ne constitue pas un conseil en investissement.",
        "tail": [
            "Vous pourriez également aimer",
            "{co} nomme un nouveau directeur général",
            "Les marchés attendent la BCE",
        ],
        "co": ["Groupe Alpha", "Société Bêta", "Gamma SA", "Delta Industries"],
        "person": ["Claire Martin", "Jean Dupont", "Sophie Bernard", "Luc Moreau"],
        "topic": ["logement", "numérique", "nucléaire", "transport"],
        "bank": ["Banque Centrale Est", "Crédit du Nord-Ouest"],
    },
    "de": {
        "head": ["{co}-Aktie unter Druck wegen {topic}", "Stadtrat beschließt {topic}-Plan"],
        "para": [
            "{co} teilte am Dienstag mit, der Umsatz sei um {pct} Prozent auf {amt} Mrd. Euro gestiegen.",
            "Die Aktie von {co} verlor {pct} Prozent, der Gesamtmarkt blieb stabil.",
            "\u201eWir sind von unserer Strategie überzeugt\u201c, sagte {person} im Interview.",
            "Er fügte hinzu, das Projekt werde {n} Jahre dauern.",
            "Laut {bank} liegt das Kursziel nun bei {amt} Euro.",
            "\u201eNiemand hat mit einer so schnellen Entscheidung gerechnet.\u201c",
            "Der Konzern will bis {year} rund {n}00 Stellen schaffen.",
        ],
        "credit": "Redaktion: {person2}",
        "disc": "Keine Anlageberatung: Dieser Artikel stellt keine Anlageberatung dar.",
        "tail": [
            "Das könnte Sie auch interessieren",
            "{co} mit neuem Chef",
            "Börse vor Zinsentscheid",
        ],
        "co": ["Alpha AG", "Beta GmbH", "Gamma Holding"],
        "person": ["Anna Schmidt", "Peter Müller", "Julia Weber"],
        "topic": ["Energie", "Wohnungsbau", "Chip"],
        "bank": ["Nordbank", "Südkapital"],
    },
    "es": {
        "head": [
            "Las acciones de {co} caen por el {topic}",
            "El ayuntamiento aprueba el plan de {topic}",
        ],
        "para": [
            "{co} informó el martes que sus ingresos subieron un {pct} % hasta {amt} millones de euros.",
            "Las acciones de {co} bajaron un {pct} % en la apertura.",
            "\u00abEstamos convencidos de nuestra estrategia\u00bb, dijo {person} en una entrevista.",
            "Ella añadió que el proyecto tardará {n} años.",
            "Según {bank}, el precio objetivo sube a {amt} euros.",
            "\u00abNadie esperaba una decisión tan rápida después de la votación.\u00bb",
            "La empresa prevé contratar a {n}00 personas antes de {year}.",
        ],
        "credit": "Editado por {person2}",
        "disc": "Este artículo no constituye asesoramiento de inversión.",
        "tail": [
            "También te puede interesar",
            "{co} nombra nuevo consejero delegado",
            "Las bolsas esperan al BCE",
        ],
        "co": ["Grupo Alfa", "Beta SA", "Gamma Energía"],
        "person": ["Lucía García", "Carlos Pérez", "Elena Ruiz"],
        "topic": ["vivienda", "energía", "turismo"],
        "bank": ["Banco del Sur", "Capital Norte"],
    },
    "zh": {
        "head": ["{co}股价下跌 投资者关注{topic}", "市政府通过{topic}计划"],
        "para": [
            "{co}周二表示，季度营收增长{pct}%至{amt}亿美元。",
            "{co}股价早盘下跌{pct}%，大盘基本持平。",
            "{person}在接受采访时说：\u201c我们对长期战略充满信心，也相信我们的团队。\u201d",
            "他补充说，该项目将需要{n}年时间。",
            "据{bank}分析师称，目标价上调至{amt}元。",
            "\u201c没有人预料到投票之后会这么快就做出决定。\u201d",
            "公司计划在{year}年前招聘{n}00名员工。",
        ],
        "credit": "责任编辑：{person2}",
        "disc": "免责声明：本文仅供参考，不构成投资建议。",
        "tail": ["相关阅读", "{co}任命新首席执行官", "市场等待利率决议"],
        "co": ["甲科技", "乙集团", "丙能源"],
        "person": ["王芳", "李明", "张伟"],
        "topic": ["芯片", "住房", "能源"],
        "bank": ["华南证券", "北方银行"],
    },
}
TARGET = 6000


def _fill(rng: random.Random, lex: dict, template: str) -> str:
    return template.format(
        co=rng.choice(lex["co"]),
        person=rng.choice(lex["person"]),
        person2=rng.choice(lex["person"]),
        topic=rng.choice(lex["topic"]),
        bank=rng.choice(lex["bank"]),
        pct=rng.randint(1, 40),
        amt=rng.randint(2, 900),
        year=rng.randint(2015, 2030),
        n=rng.randint(2, 9),
    )


def article(rng: random.Random, lang: str) -> tuple[str, list[str]]:
    """(headline, body paragraphs) of about TARGET bytes."""
    lex = LANGS[lang]
    head = _fill(rng, lex, rng.choice(lex["head"]))
    paras: list[str] = []
    size = 0
    while size < TARGET - 600:
        para = " ".join(_fill(rng, lex, rng.choice(lex["para"])) for _ in range(rng.randint(1, 3)))
        paras.append(para)
        size += len(para.encode("utf-8"))
    if rng.random() < 0.8:
        paras.append(_fill(rng, lex, lex["credit"]))
    if rng.random() < 0.7:
        paras.append(lex["disc"])
    if rng.random() < 0.2:
        paras.extend(_fill(rng, lex, t) for t in lex["tail"])
    return head, paras


def render(fmt: str, lang: str, head: str, paras: list[str]) -> str:
    if fmt == "md":
        body = "\n\n".join(paras)
        return f"---\nlang: {lang}\nsection: business\n---\n\n# {head}\n\n{body}\n"
    if fmt == "html":
        import html

        body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paras)
        return (
            f'<!doctype html><html lang="{lang}"><head><title>{html.escape(head)}</title>'
            f"<style>p{{margin:0}}</style></head><body><article><h1>{html.escape(head)}</h1>\n"
            f"{body}\n</article><script>var x = 1;</script></body></html>\n"
        )
    return head + "\n" + "\n".join(paras) + "\n"


def adversarial(out: Path) -> list[Path]:
    """Pathological inputs: unmatched quotes, one 1 MB paragraph, 100,000 digits, a 5 MB line."""
    cases = {
        "adv_unmatched_quotes.txt": "Headline\n\n" + ('\u00ab \u201c " \u201e ' * 50_000) + "\n",
        "adv_one_mb_paragraph.txt": "Headline\n\n"
        + ("The stock rose 5% to $3 billion, he said. " * 25_000)
        + "\n",
        "adv_digits.txt": "Headline\n\n" + "1" * 100_000 + " dollars\n",
        "adv_five_mb_line.txt": "x" * 5_000_000,
        "adv_nested.html": "<div>" * 20_000
        + "text \u201cquote here please now\u201d"
        + "</div>" * 20_000,
    }
    paths = []
    for name, text in cases.items():
        p = out / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def generate(out: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    langs = list(LANGS)
    paths = []
    for i in range(count):
        lang = langs[i % len(langs)]
        fmt = ("txt", "txt", "md", "html")[rng.randrange(4)]
        head, paras = article(rng, lang)
        sub = out / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        p = sub / f"a{i:06d}_{lang}.{fmt}"
        p.write_text(render(fmt, lang, head, paras), encoding="utf-8")
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--adversarial", action="store_true")
    a = ap.parse_args()
    generate(a.out, a.count, a.seed)
    if a.adversarial:
        adversarial(a.out)


if __name__ == "__main__":
    main()
