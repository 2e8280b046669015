"""unattributed-quote: quotes reopened over paragraphs, and who a colon or a tag credits.

Each mechanism has a hit (flagged), a near miss (looks alike, attributed) and, where one
exists, a trap (what the mechanism must not swallow), in every language it applies to.
All sentences are our own.
"""

from __future__ import annotations

import newslint
import pytest

H = "Headline of the story\n\n"
EACH = {"multi-paragraph": "each"}


def flagged(text: str, lang: str, **options: str) -> list[str]:
    config = {"rules": {"unattributed-quote": dict(options)}} if options else {}
    return [
        f.excerpt
        for f in newslint.lint_text(text, path="a.txt", lang=lang, config=config)
        if f.code == "NL201"
    ]


def _check(got: list[str], expected: list[str]) -> None:
    assert len(got) == len(expected), got
    for want in expected:
        assert any(g.startswith(want) for g in got), (want, got)


# ------------------------------------------------ a quote reopened at each paragraph

REOPENED = {
    "en": (
        "A spokesman said: “Crews found the kitchen well alight when they arrived.\n\n"
        "“Four firefighters in breathing apparatus put the fire out within the hour.\n\n"
        "“The cause is thought to be accidental,” he added.\n",
        ["“Four firefighters in breathing apparatus put the fire out within the hour"],
    ),
    "fr": (
        "Le maire a déclaré : « Nous rouvrirons la piscine municipale dès le mois de mai.\n\n"
        "« Les travaux ont coûté moins cher que prévu, ce qui est rare.\n\n"
        "« Les tarifs resteront les mêmes pour les familles », a-t-il ajouté.\n",
        ["« Les travaux ont coûté moins cher que prévu"],
    ),
    "de": (
        "Die Bürgermeisterin sagte: „Wir öffnen das Hallenbad wieder im Mai.\n\n"
        "„Die Arbeiten waren billiger als erwartet, das ist selten.\n\n"
        "„Die Preise für Familien bleiben gleich“, fügte sie hinzu.\n",
        ["„Die Arbeiten waren billiger als erwartet"],
    ),
    "es": (
        "El alcalde afirmó: «Reabriremos la piscina municipal en el mes de mayo.\n\n"
        "«Las obras costaron menos de lo previsto, y eso es raro.\n\n"
        "«Las tarifas seguirán igual para las familias», añadió.\n",
        ["«Las obras costaron menos de lo previsto"],
    ),
    "zh": (
        "区长王建国表示：“游泳馆将在五月份重新对市民开放。\n\n"
        "“这次改造的费用比原先预计的要低很多，这种情况并不多见。\n\n"
        "“家庭票价将保持不变。”他补充说。\n",
        ["“这次改造的费用比原先预计的要低很多"],
    ),
}


@pytest.mark.parametrize("lang", sorted(REOPENED))
def test_reopened_paragraph_without_its_own_speaker_is_a_carry_over(lang: str) -> None:
    body, expected = REOPENED[lang]
    # Hit: judged paragraph by paragraph, the middle one names nobody; the last names its
    # speaker and the first is introduced by its colon (near misses in the same text).
    _check(flagged(H + body, lang, **EACH), expected)


@pytest.mark.parametrize("lang", sorted(REOPENED))
def test_reopened_quote_is_one_quote_as_a_whole_and_under_paragraph_style(lang: str) -> None:
    body, expected = REOPENED[lang]
    _check(flagged(H + body, lang), expected)  # strict style ("each") is the default
    assert flagged(H + body, lang, **{"multi-paragraph": "whole"}) == []
    assert flagged(H + body, lang, **EACH, **{"carry-over": "paragraph"}) == []


def test_first_paragraph_standing_alone_after_the_speakers_quote_is_a_carry_over() -> None:
    # The speaker is named only at the end of the second paragraph: the first stands alone
    # right after her earlier quote paragraph.
    body = (
        "“We played well and deserved the win,” Mia Torres said after the match.\n\n"
        "“The coach told us to press high and keep the ball on the ground.\n\n"
        "“We scored early and held on,” says Torres.\n"
    )
    _check(flagged(H + body, "en", **EACH), ["“The coach told us to press high"])
    # Near miss: not after a quote of hers, the later tag covers the opening paragraph.
    alone = body.split("\n\n", 1)[1]
    assert flagged(H + "The match ended 2-1.\n\n" + alone, "en", **EACH) == []


def test_finding_on_a_reopened_paragraph_stops_before_a_nested_quote() -> None:
    body = (
        "Mia Torres said: “We played well and deserved the win.\n\n"
        "“The message was ‘press high and keep the ball’, and we did that.”\n"
    )
    got = flagged(H + body, "en", **EACH)
    assert got == ["“The message was"]


# ------------------------------------------------ who a colon before the quote credits

COLON = [
    # (id, lang, body, expected): a capitalised common noun opens the sentence
    (
        "es-noun-colon",
        "es",
        "Sensaciones tras el partido: «El vestuario está muy dolido por el resultado final».\n",
        ["«El vestuario"],
    ),
    (
        "fr-elided-noun-colon",
        "fr",
        "L’objectif reste clair : « On doit continuer d’avancer, étape par étape. »\n",
        ["« On doit"],
    ),
    (
        "en-noun-colon",
        "en",
        "Thoughts after the match:\n\n“It was a tough game in the wind and the rain.”\n",
        ["“It was a tough"],
    ),
    (
        "de-noun-colon",
        "de",
        "Fazit nach dem Spiel: „Wir haben heute zu viele Chancen vergeben.“\n",
        ["„Wir haben"],
    ),
    (
        "de-known-name-colon",
        "de",
        "Trainerin Anna Weber war zufrieden.\n\nWeber nach dem Spiel: „Wir haben heute gut "
        "verteidigt.“\n",
        [],
    ),
    # near misses: a name as interviews write it, a name met again mid-sentence
    (
        "es-name-colon",
        "es",
        "Sergio: «El resultado no refleja lo que se vio en el campo».\n",
        [],
    ),
    (
        "en-known-name-colon",
        "en",
        "Okafor, in an interview on Monday: “We will rebuild the bridge by summer.”\n\n"
        "The plan was put forward by Okafor last year.\n",
        [],
    ),
    (
        "en-possessive-name-colon",
        "en",
        "The email reached Linda Okafor late.\n\nOkafor’s answer was: “Is this about the old "
        "bridge again?”\n",
        [],
    ),
    # a name after a preposition and its article (or one modifier) is no subject
    (
        "es-preposition-article",
        "es",
        "La suerte estuvo esta vez de parte de la U: «Se está formando un grupo de trabajo "
        "total».\n",
        ["«Se está"],
    ),
    (
        "es-contracted-preposition",
        "es",
        "El gol llegó por un error del exdefensa Luis Marín: «a veces no se puede ganar por "
        "mucho».\n",
        ["«a veces"],
    ),
    (
        "fr-preposition-article",
        "fr",
        "La victoire est revenue cette fois à la Juventus : « Nous avons construit un vrai "
        "groupe de travail. »\n",
        ["« Nous avons"],
    ),
    (
        "es-subject-name-colon",
        "es",
        "El técnico Luis Marín lo resumió así: «a veces no se puede ganar por mucho».\n",
        [],
    ),
]


@pytest.mark.parametrize(
    ("lang", "body", "expected"), [c[1:] for c in COLON], ids=[c[0] for c in COLON]
)
def test_colon_credits_only_a_subject(lang: str, body: str, expected: list[str]) -> None:
    _check(flagged(H + body, lang), expected)


# ------------------------------------------------ who a speech verb credits

VERBS = [
    # after "said that" / "que" comes what was said: no speaker there
    (
        "es-que-clause",
        "es",
        "Asimismo, ha criticado que el Gobierno «use las ruedas de prensa para atacar a la "
        "oposición».\n",
        ["«use las ruedas"],
    ),
    (
        "es-que-clause-named",
        "es",
        "La alcaldesa Ana Ruiz ha criticado que el Gobierno «use las ruedas de prensa para "
        "atacar a la oposición».\n",
        [],
    ),
    (
        "en-that-clause",
        "en",
        "Critics also said that Acme “would cut every job it could find in the region”.\n",
        [],  # "Critics" said it: a description, attributed
    ),
    # an idiom, not a speech verb
    (
        "fr-cela-dit",
        "fr",
        "Aucun jour n’a été complet, cela dit. « Le samedi, nous l’étions presque, et tout a "
        "fini en beauté. »\n",
        ["« Le samedi"],
    ),
    (
        "fr-il-dit",
        "fr",
        "L’organisatrice Léa Martin fait le bilan. Elle dit : « Le samedi, nous l’étions "
        "presque, et tout a fini en beauté. »\n",
        [],
    ),
    # verbs of real copy
    (
        "en-claims",
        "en",
        "The campaign released a new ad on Monday. The ad claims “Jane Roe is the candidate "
        "you can trust”.\n",
        [],
    ),
    (
        "es-ha-clamado",
        "es",
        "El presidente del partido, Alberto Ruiz, habló el sábado.\n\n«Si piensas que no se "
        "puede gobernar así, defiéndelo», ha clamado.\n",
        [],
    ),
    (
        "es-declaraba",
        "es",
        "Hablamos con Quique, un vecino de la familia.\n\n«A los pocos minutos vimos salir al "
        "menor esposado», declaraba el hombre.\n",
        [],
    ),
]


@pytest.mark.parametrize(
    ("lang", "body", "expected"), [c[1:] for c in VERBS], ids=[c[0] for c in VERBS]
)
def test_speech_verbs_credit_their_subject(lang: str, body: str, expected: list[str]) -> None:
    _check(flagged(H + body, lang), expected)


# ------------------------------------------------ a tag after a question or exclamation

TAGS = [
    # the quote's ? or ! ends the sentence; the tag opens the next one on the same line
    (
        "en-name-verb",
        "en",
        "“Who do they think they are?” Mary Jones said of the board on Monday.\n",
        [],
    ),
    ("en-verb-name", "en", "“Who do they think they are?” asked Mary Jones.\n", []),
    (
        "fr-name-verb",
        "fr",
        "« Qui croient-ils être ? » Marie Dupont a demandé aux élus lundi.\n",
        [],
    ),
    (
        "es-verb-name",
        "es",
        "«¿Quiénes se creen que son?» preguntó Ana Ruiz a los concejales.\n",
        [],
    ),
    # traps: no speaker and verb side by side; a new sentence of reported speech
    (
        "en-no-tag",
        "en",
        "“Who do they think they are?” The answer came fast from the crowd of fans.\n",
        ["“Who do they think"],
    ),
    (
        "en-new-statement",
        "en",
        "“We will never give up on this town!” Mary Jones said that the vote was close.\n",
        ["“We will never"],
    ),
    (
        "de-new-statement",
        "de",
        "Sie zogen unter dem Motto „Wir geben diese Stadt niemals auf!“ Bürgermeisterin Anna "
        "Weber sagte, die Lage sei ruhig.\n",
        ["„Wir geben diese"],
    ),
]


@pytest.mark.parametrize(
    ("lang", "body", "expected"), [c[1:] for c in TAGS], ids=[c[0] for c in TAGS]
)
def test_tag_after_a_question(lang: str, body: str, expected: list[str]) -> None:
    _check(flagged(H + body, lang), expected)


# ------------------------------------------------ the paragraph or the headline before

BEFORE = [
    # a pronoun whose sentence names its person in subject position introduces the quote
    (
        "fr-pronoun-named-in-sentence",
        "fr",
        "Loin d’avoir convaincu face à Anna Novak, Marie Dupont se veut rassurante, comme "
        "elle l’expliquait en conférence de presse.\n\n« Le premier match est toujours "
        "délicat ici, surtout avec le vent. »\n",
        [],
    ),
    (
        "en-pronoun-named-in-sentence",
        "en",
        "After a rough week, Mary Jones sounded calm, as she explained to reporters on "
        "Monday.\n\n“The first match here is always tricky, especially in the wind.”\n",
        [],
    ),
    (
        "en-pronoun-name-in-brackets",
        "en",
        "Tom and Kels (Kelechi Obi) put everything into the game, he said.\n\n“Bringing the "
        "young striker on gave us the legs we needed late on.”\n",
        ["“Bringing the young striker"],
    ),
    # a short quote a speech verb gives to a named source lets a bare tag continue it
    (
        "fr-short-quote-continues",
        "fr",
        "Dans une note, le bureau d’études se dit « plus positif » sur le dossier.\n\n"
        "« Le titre a perdu plus de 25 % depuis février et intègre désormais les "
        "difficultés », indique-t-il.\n",
        [],
    ),
    (
        "fr-company-without-quote",
        "fr",
        "Le bureau d’études a publié une note.\n\n« Le titre a perdu plus de 25 % depuis "
        "février et intègre désormais les difficultés », indique-t-il.\n",
        ["« Le titre"],
    ),
]


@pytest.mark.parametrize(
    ("lang", "body", "expected"), [c[1:] for c in BEFORE], ids=[c[0] for c in BEFORE]
)
def test_paragraph_before_credits(lang: str, body: str, expected: list[str]) -> None:
    _check(flagged(H + body, lang), expected)


def test_headline_reporting_a_named_persons_words_credits_quotes_under_headings() -> None:
    body = (
        "Thoughts about the game:\n\n“It was a heck of a game in the wind and the rain.”\n\n"
        "On the defence:\n\n“They made plays at the end when it mattered the most.”\n"
    )
    assert flagged("What Paul Novak said after the game\n\n" + body, "en") == []
    # Trap: a headline that names nobody's words credits nothing.
    got = flagged("A heck of a game in the rain\n\n" + body, "en")
    assert len(got) == 2, got


# ------------------------------------------------ a statement as the headline

HEADLINES = [
    # (id, lang, text, expected): a headline quote of several sentences is checked
    (
        "fr-statement-headline",
        "fr",
        "« Le début a été catastrophique. Je savais qu’on allait gagner. »\n\nLe club a battu "
        "son rival dimanche soir.\n",
        ["« Le début"],
    ),
    (
        "en-statement-headline",
        "en",
        "“We started badly. I knew we would win in the end.”\n\nThe club beat its rival on "
        "Sunday night.\n",
        ["“We started badly"],
    ),
    (
        "es-statement-headline",
        "es",
        "«Empezamos mal. Sabía que íbamos a ganar al final»\n\nEl club venció a su rival el "
        "domingo por la noche.\n",
        ["«Empezamos mal"],
    ),
    (
        "de-statement-headline",
        "de",
        "„Wir haben schlecht angefangen. Ich wusste, dass wir gewinnen.“\n\nDer Verein schlug "
        "seinen Rivalen am Sonntagabend.\n",
        ["„Wir haben schlecht"],
    ),
    (
        "zh-statement-headline",
        "zh",
        "“我们开局很糟糕。但我知道我们最后一定能赢。”\n\n该俱乐部周日晚上击败了对手。\n",
        ["“我们开局很糟糕"],
    ),
    # near misses: a credited headline statement, a catchphrase
    (
        "en-credited-headline",
        "en",
        "“We started badly. I knew we would win,” says coach Mia Torres\n\nThe club beat its "
        "rival on Sunday night.\n",
        [],
    ),
    (
        "fr-catchphrase-headline",
        "fr",
        "« Ça ne tient pas debout » : la défense conteste le permis\n\nLe procès s’est ouvert "
        "lundi à Lyon.\n",
        [],
    ),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), [c[1:] for c in HEADLINES], ids=[c[0] for c in HEADLINES]
)
def test_statement_in_the_headline_is_checked(lang: str, text: str, expected: list[str]) -> None:
    _check(flagged(text, lang), expected)
