"""unattributed-quote on the ways real copy attributes quotes (classes seen on published text).

Every sentence here is our own, written to show one pattern; none comes from an article.
Each case: (id, lang, body after a headline, reader suffix, expected flagged quote openings).
"""

from __future__ import annotations

import newslint
import pytest

H = "Headline of the story\n\n"

CASES: list[tuple[str, str, str, str, list[str]]] = [
    # ---- the speaker's name has a middle initial or a long appositive; a pronoun follows
    (
        "en-middle-initial-appositive",
        "en",
        "“Sales will grow this year,” John R. Kline, chairman, chief executive officer and "
        "president, said.\n\n“We are strong in every market we serve,” he said.\n",
        "txt",
        [],
    ),
    (
        "fr-middle-initial-appositive",
        "fr",
        "« Les ventes vont progresser cette année », a déclaré Jean-Marc A. Dubois, président, "
        "directeur général et fondateur du groupe.\n\n« Nous sommes solides sur tous nos "
        "marchés », a-t-il ajouté.\n",
        "txt",
        [],
    ),
    (
        "de-middle-initial-appositive",
        "de",
        "„Der Umsatz wird in diesem Jahr wachsen“, sagte Hans W. Becker, Vorstandschef, "
        "Finanzchef und Gründer des Konzerns.\n\n„Wir sind in allen Märkten stark aufgestellt“, "
        "sagte er.\n",
        "txt",
        [],
    ),
    (
        "es-middle-initial-appositive",
        "es",
        "«Las ventas crecerán este año», dijo Juan M. García, presidente, consejero delegado y "
        "fundador de la empresa.\n\n«Somos fuertes en todos nuestros mercados», añadió.\n",
        "txt",
        [],
    ),
    # ---- mixed marks: a straight mark closed by a curly one, or no space before the mark
    (
        "en-straight-open-curly-close",
        "en",
        '"Sales will grow in every region this year,” said Mary Kline.\n',
        "txt",
        [],
    ),
    (
        "en-curly-open-straight-close",
        "en",
        '“Sales will grow in every region this year," said Mary Kline.\n',
        "txt",
        [],
    ),
    (
        "en-colon-no-space",
        "en",
        'Mary Kline said:"We will grow in every market we serve."\n',
        "txt",
        [],
    ),
    (
        "fr-colon-no-space",
        "fr",
        'Marie Dupont a déclaré :"Nous allons reconstruire le pont avant l’été."\n',
        "txt",
        [],
    ),
    (
        "de-low-open-straight-close",
        "de",
        '„Wir bauen die Brücke bis zum Sommer neu", sagte Anna Weber.\n',
        "txt",
        [],
    ),
    (
        "es-straight-open-curly-close",
        "es",
        '"Las ventas crecerán en todas las regiones este año”, dijo Juan García.\n',
        "txt",
        [],
    ),
    (
        "en-mixed-marks-unattributed-still-flagged",
        "en",
        'The plant closes soon. "Nobody here knows what comes next for us.”\n',
        "txt",
        ['"Nobody here knows'],
    ),
    # ---- inversions with plural or less common subjects
    (
        "fr-ont-ils-declare",
        "fr",
        "Marie Dupont et Paul Martin ont présenté le plan lundi.\n\n« Le marché reste fragile à "
        "court terme », ont-ils déclaré.\n",
        "txt",
        [],
    ),
    (
        "fr-ont-indique-les-analystes",
        "fr",
        "« Le marché reste fragile à court terme », ont indiqué les analystes de Natixis.\n",
        "txt",
        [],
    ),
    (
        "de-sagten-sie",
        "de",
        "Anna Weber und Jan Koch stellten den Plan am Montag vor.\n\n„Der Markt bleibt "
        "kurzfristig fragil“, sagten sie.\n",
        "txt",
        [],
    ),
    (
        "es-dijeron",
        "es",
        "Ana López y Pedro Ruiz presentaron el plan el lunes.\n\n«El mercado sigue siendo "
        "frágil a corto plazo», dijeron.\n",
        "txt",
        [],
    ),
    (
        "en-philosophizes",
        "en",
        "“Markets are a voting machine in the short run,” Mary Kline philosophizes.\n",
        "txt",
        [],
    ),
    (
        "en-quipped",
        "en",
        "“We will not sell a single share this year,” quipped Mary Kline.\n",
        "txt",
        [],
    ),
    (
        "en-tweeted",
        "en",
        "Mary Kline tweeted on Monday that “we will not sell a single share this year.”\n",
        "txt",
        [],
    ),
    (
        "en-wrote-on-x",
        "en",
        "Mary Kline wrote on X: “We will not sell a single share this year.”\n",
        "txt",
        [],
    ),
    (
        "fr-s-etonnait",
        "fr",
        "« Comment peut-on encore croire à ce plan de relance ? » s’étonnait Marie Dupont.\n",
        "txt",
        [],
    ),
    ("zh-zhiyan", "zh", "王明直言：“这个市场短期内仍然非常脆弱。”\n", "txt", []),
    ("zh-tanyan", "zh", "李华坦言，“我们今年不会出售任何一家公司的股份。”\n", "txt", []),
    # ---- quotes under a lead that names their source
    (
        "en-key-quotes-after-note",
        "en",
        "Strategists at ACME Bank said in a note:\n\nKey quotes\n\n“The market will stay fragile "
        "for several months.”\n\n“We see no reason to buy equities before the summer.”\n",
        "txt",
        [],
    ),
    (
        "en-in-the-opinion-of",
        "en",
        "In the opinion of analysts at ACME Bank, the rally has further to run.\n\nKey quotes:"
        "\n\n“The market will stay strong for several months.”\n",
        "txt",
        [],
    ),
    (
        "fr-principales-citations",
        "fr",
        "Les stratèges d’ACME Banque ont écrit dans une note :\n\nPrincipales citations\n\n« Le "
        "marché restera fragile pendant plusieurs mois. »\n",
        "txt",
        [],
    ),
    (
        "en-key-quotes-without-source-flagged",
        "en",
        "Markets were calm on Monday.\n\nKey quotes\n\n“The market will stay fragile for "
        "several months.”\n",
        "txt",
        ["“The market will"],
    ),
    # ---- quotes of documents and bodies
    (
        "zh-document-tichu",
        "zh",
        "《实施方案》提出，“要加快建设全国统一大市场，破除地方保护和市场分割。”\n",
        "txt",
        [],
    ),
    (
        "zh-body-zhichu",
        "zh",
        "国务院常务会议指出，“要稳定市场预期，持续扩大国内需求。”\n",
        "txt",
        [],
    ),
    (
        "fr-communique-precise",
        "fr",
        "Le communiqué précise : « Le dividende sera versé en deux fois aux actionnaires. »\n",
        "txt",
        [],
    ),
    (
        "es-comunicado-precisa",
        "es",
        "El comunicado precisa: «El dividendo se pagará en dos plazos a los accionistas».\n",
        "txt",
        [],
    ),
    (
        "de-mitteilung-heisst-es",
        "de",
        "In der Mitteilung heißt es: „Die Dividende wird in zwei Raten an die Aktionäre "
        "gezahlt.“\n",
        "txt",
        [],
    ),
    # ---- a speech tag inside the marks (French and Spanish incises)
    (
        "fr-incise-inside-marks",
        "fr",
        "Le procès de Jean Roux s’ouvre.\n\n« Ça ne tient pas, s’oppose le procureur. Il a "
        "déjà été condamné pour les mêmes faits. »\n",
        "txt",
        [],
    ),
    (
        "es-incise-dash",
        "es",
        "El partido terminó tarde.\n\n«No sé si llegaremos a la final —dijo Marta García—, "
        "pero lo vamos a intentar.»\n",
        "txt",
        [],
    ),
    (
        "fr-comma-inside-marks-is-no-incise",
        "fr",
        "Le magasin change d’horaires.\n\n« Nous ouvrirons tous les jours, sauf le dimanche. »\n",
        "txt",
        ["« Nous ouvrirons"],
    ),
    # ---- a paragraph of reported speech, then the quote paragraph
    (
        "fr-previous-paragraph-reported-speech",
        "fr",
        "Ben Laidler, stratège chez Etoro, affirme que la hausse va continuer.\n\n« Les banques "
        "centrales commencent à acheter des bitcoins et à les garder. »\n",
        "txt",
        [],
    ),
    (
        "en-previous-paragraph-reported-speech",
        "en",
        "Mary Kline, who runs the fund, says the rally has further to run.\n\n“Central banks "
        "are buying gold and they will keep buying it.”\n",
        "txt",
        [],
    ),
    (
        "en-previous-paragraph-organisation",
        "en",
        "Here is what the Acme Bank analysts had to say about the stock in a note.\n\n“With "
        "the shares at twelve times earnings, we see more upside than risk.”\n",
        "txt",
        [],
    ),
    (
        "es-previous-paragraph-organisation",
        "es",
        "Los analistas de Banco Acme explicaron su cambio de opinión en una nota.\n\n«Con la "
        "acción a doce veces beneficios, vemos más potencial que riesgo».\n",
        "txt",
        [],
    ),
    (
        "en-previous-paragraph-narration-flagged",
        "en",
        "Mary Kline runs the fund from an office in Leeds.\n\n“Central banks are buying gold "
        "and they will keep buying it.”\n",
        "txt",
        ["“Central banks"],
    ),
    # ---- a possessive before the colon points back to the person
    (
        "fr-possessive-colon",
        "fr",
        "Serena Williams a gagné en deux sets.\n\nSa réaction en conférence de presse :\n\n"
        "« Je sers et je me déplace très bien sur le court. »\n",
        "txt",
        [],
    ),
    (
        "en-possessive-colon",
        "en",
        "Mary Kline won the vote on Monday.\n\nHer verdict after the count:\n\n“We have a "
        "mandate and we will use it from day one.”\n",
        "txt",
        [],
    ),
    # ---- a pronoun or a bare verb right after another quote continues its speaker
    (
        "fr-pronoun-colon-after-quote",
        "fr",
        "« Le gouvernement a rejeté notre amendement », a tweeté le député de la circonscription."
        "\n\nIl serre les dents : « C’est une décision idéologique et inhumaine. »\n",
        "txt",
        [],
    ),
    (
        "es-bare-verb-after-institution",
        "es",
        "«La actividad económica sigue creciendo en todo el país», dijo el Banco de México.\n\n"
        "«No se observan presiones generalizadas sobre los precios», agregó.\n",
        "txt",
        [],
    ),
    (
        "es-bare-verb-without-quote-before",
        "es",
        "El Banco de México publicó su informe.\n\n«No se observan presiones generalizadas "
        "sobre los precios», agregó.\n",
        "txt",
        ["«No se observan"],
    ),
    # ---- German separable verbs and Spanish tenses
    (
        "de-separable-verb",
        "de",
        "„Der Bevölkerung ist kaum zum Feiern zumute, denn sie zahlt die Zeche“, stellte der "
        "Abgeordnete Karl Öllinger fest.\n",
        "txt",
        [],
    ),
    (
        "es-perfect-and-imperfect",
        "es",
        "“Ser ministra para insultar a los demás no parece inteligente”, ha apostillado el "
        "líder del partido.\n\n“A los tres o cuatro minutos vimos salir al menor”, decía "
        "Enrique Gil.\n",
        "txt",
        [],
    ),
    # ---- straight marks spaced like guillemets are still quotes
    (
        "fr-spaced-straight-marks",
        "fr",
        'Le festival a fermé ses portes dimanche. " Le samedi, nous étions presque complets. '
        'Nous allons analyser les chiffres. "\n',
        "txt",
        ['" Le samedi'],
    ),
    # ---- a sentence adverb is not a speaker; a club is not a person
    (
        "es-adverb-is-no-speaker",
        "es",
        "El Gobierno presentó el plan.\n\nAsimismo, ha criticado que “use las ruedas de prensa "
        "para atacar a la oposición”.\n",
        "txt",
        ["“use las ruedas"],
    ),
    (
        "es-club-is-no-person",
        "es",
        "El Real Madrid ganó el partido en el último minuto.\n\n«Hicimos un gran partido y "
        "merecimos ganar», explicó.\n",
        "txt",
        ["«Hicimos un gran"],
    ),
    # ---- line layout: a soft line break inside a paragraph is not a new paragraph
    (
        "en-hard-wrapped-continuation",
        "en",
        "“Sales will grow this year,” said Mary Kline, who has run the\ncompany since 2019. "
        "“We are strong in every market we serve and\nwe will keep it that way for years.”\n"
        "\nThe company employs 3,000 people.\n",
        "txt",
        [],
    ),
    (
        "en-soft-break-markdown",
        "en",
        "“Sales will grow this year,” said Mary Kline.\n“We are strong in every market we "
        "serve.”\n",
        "md",
        [],
    ),
    (
        "en-pull-quote-markdown",
        "en",
        "> “We will grow in every market we serve this year.”\n> — Jane Doe, chief executive\n",
        "md",
        [],
    ),
    (
        "de-hard-wrapped-continuation",
        "de",
        "„Der Umsatz wird wachsen“, sagte Anna Weber, die den Konzern seit\n2019 führt. "
        "„Wir sind in allen Märkten stark aufgestellt und\nwollen das noch lange bleiben.“\n"
        "\nDer Konzern hat 3000 Beschäftigte.\n",
        "txt",
        [],
    ),
    (
        "en-hard-paragraph-still-flagged",
        "en",
        "“Sales will grow this year,” said Mary Kline.\n\n“We are strong in every market we "
        "serve.”\n",
        "txt",
        ["“We are strong"],
    ),
]


@pytest.mark.parametrize(
    ("lang", "body", "suffix", "expected"),
    [pytest.param(lang, body, sfx, exp, id=cid) for cid, lang, body, sfx, exp in CASES],
)
def test_real_text_patterns(lang: str, body: str, suffix: str, expected: list[str]) -> None:
    text = ("# " + H if suffix == "md" else H) + body
    findings = newslint.lint_text(text, path=f"a.{suffix}", lang=lang, config={})
    got = [f.excerpt for f in findings if f.code == "NL201"]
    assert len(got) == len(expected), got
    for excerpt, opening in zip(got, expected, strict=True):
        assert excerpt.startswith(opening), (excerpt, opening)


CARRY = (
    "“Sales will grow this year,” Mary Kline said.\n\n“We are strong in every market we "
    "serve.”\n\nThe company reports on Friday.\n\n“Nobody here knows what comes next for us.”\n"
)


def test_carry_over_is_flagged_by_default_and_accepted_by_option() -> None:
    strict = newslint.lint_text(H + CARRY, path="a.txt", lang="en", config={})
    assert [f.excerpt[:15] for f in strict if f.code == "NL201"] == [
        "“We are strong ",
        "“Nobody here kn",
    ]
    lenient = newslint.lint_text(
        H + CARRY,
        path="a.txt",
        lang="en",
        config={"rules": {"unattributed-quote": {"carry-over": "paragraph"}}},
    )
    # A stand-alone paragraph right after an attributed quote is accepted; one after a
    # paragraph of narration is not.
    assert [f.excerpt[:15] for f in lenient if f.code == "NL201"] == ["“Nobody here kn"]


@pytest.mark.parametrize(
    ("lang", "body", "ambiguous"),
    [
        # A pronoun's reported speech before a quote paragraph: flagged, but unsure.
        (
            "en",
            "Mary Kline runs the fund.\n\nShe added that gold would rise.\n\n“Central "
            "banks are buying gold and they will keep buying it.”\n",
            True,
        ),
        (
            "fr",
            "Marie Dupont dirige le fonds.\n\nElle a ajouté que l’or monterait.\n\n« Les "
            "banques centrales achètent de l’or et vont continuer. »\n",
            True,
        ),
        # Only a company before "he said": unsure who is speaking.
        (
            "en",
            "Acme Corp said it would bid.\n\n“We will build the bridge by next summer,” he said.\n",
            True,
        ),
        # Nothing at all before the quote paragraph: sure.
        ("en", "The works start soon.\n\n“We will build the bridge by next summer.”\n", False),
    ],
)
def test_ambiguous_findings_are_marked(lang: str, body: str, ambiguous: bool) -> None:
    (finding,) = [
        f
        for f in newslint.lint_text(H + body, path="a.txt", lang=lang, config={})
        if f.code == "NL201"
    ]
    assert finding.ambiguous is ambiguous


ANONYMOUS = [
    ("en", "“We could not believe what was happening here,” a neighbour said.\n", True),
    ("en", "“We could not believe what was happening here,” a spokeswoman said.\n", False),
    (
        "en",
        "“We could not believe what was happening here,” an analyst at Acme Bank said.\n",
        False,
    ),
    ("fr", "« On n’a rien vu venir, c’était terrible », confie un voisin.\n", True),
    ("de", "„Wir konnten nicht glauben, was hier passiert“, erzählt ein Nachbar.\n", True),
    (
        "de",
        "„Wir konnten nicht glauben, was hier passiert“, sagte ein Sprecher der Stadt.\n",
        False,
    ),
    ("es", "«No podíamos creer lo que estaba pasando aquí», dijo un vecino.\n", True),
    ("zh", "有分析师指出，“这不是一场货币革命，而是一次技术调整。”\n", True),
    (
        "zh",
        "某券商首席策略分析师王磊在接受记者采访时表示，“资金风险偏好正在回升，市场信心增强。”\n",
        False,
    ),
]


@pytest.mark.parametrize(("lang", "body", "anonymous"), ANONYMOUS)
def test_anonymous_speakers_pass_by_default_and_fail_when_flagged(
    lang: str, body: str, anonymous: bool
) -> None:
    def flags(option: str) -> list[str]:
        config = {"rules": {"unattributed-quote": {"anonymous": option}}}
        found = newslint.lint_text(
            H + body, path="a.txt", lang=lang, config=config, message_lang="en"
        )
        return [f.message for f in found if f.code == "NL201"]

    assert flags("accept") == []
    flagged = flags("flag")
    assert len(flagged) == (1 if anonymous else 0), flagged
    if anonymous:
        assert "unnamed speaker" in flagged[0]
