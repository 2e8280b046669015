"""unattributed-quote on Chinese (both scripts) and German copy: classes seen on real text.

Every sentence here is our own, written to show one pattern; none comes from an article.
Each case: (id, lang, body after a headline, expected flagged quote openings).
"""

from __future__ import annotations

import newslint
import pytest

H = "Headline of the story\n\n"

CASES: list[tuple[str, str, str, list[str]]] = [
    # ---- a pronoun whose antecedent is a one-word Latin or mixed stage name
    (
        "zh-hans-pronoun-latin-stage-name",
        "zh",
        "人气歌手B-Ray曾多次入围音乐大奖，她走上舞台时激动直呼，“真的很抱歉要占用大家一点时间，"
        "我等了整整十年”。\n",
        [],
    ),
    (
        "zh-hant-pronoun-latin-stage-name",
        "zh",
        "人氣歌手B-Ray曾多次入圍音樂大獎，她走上舞台時激動直呼，「真的很抱歉要占用大家一點時間，"
        "我等了整整十年」，隨後又喊「這一天我真的等了很久很久了」。\n",
        [],
    ),
    (
        "zh-pronoun-after-acronym-still-flagged",
        "zh",
        "科技公司IBM在周二发布新品。他走上舞台时激动直呼，“真的很抱歉要占用大家一点时间，"
        "我等了整整十年”。\n",
        ["“真的很抱歉"],
    ),
    # ---- a quote standing alone after a reported-speech sentence and one sentence of
    # narration, all in one paragraph: still that speaker's; a person named in between ends it
    (
        "zh-hans-speech-two-sentences-back",
        "zh",
        "张华认为，这场比赛打得非常艰难。对手的发挥也很出色。“我们还要继续努力，争取下一次做得更好。”\n",
        [],
    ),
    (
        "zh-hant-speech-two-sentences-back",
        "zh",
        "張華認為，這場比賽打得非常艱難。對手的發揮也很出色。「我們還要繼續努力，爭取下一次做得更好。」\n",
        [],
    ),
    (
        "zh-speech-two-back-other-person-between",
        "zh",
        "张华认为，这场比赛打得非常艰难。教练李明则在场边一言不发。“我们还要继续努力，争取下一次做得更好。”\n",
        ["“我们还要"],
    ),
    (
        "de-speech-two-sentences-back",
        "de",
        "Das sagte Bankchefin Anna Berger am Montag in Köln. Die Ökonomin wollte sich nicht "
        "festlegen, wie es weitergeht. „Wir schauen uns jede Sitzung neu an.“ Man sei offen.\n",
        [],
    ),
    (
        "en-speech-two-sentences-back",
        "en",
        "Mary Kline said the match had been hard. The other team played well. “We still have "
        "to work on our game and do better next time.”\n",
        [],
    ),
    (
        "en-speech-two-back-other-person-between",
        "en",
        "Mary Kline said the match had been hard. Fans cheered John Smith after the game. “We "
        "still have to work on our game and do better next time.”\n",
        ["“We still"],
    ),
    (
        "en-speech-two-back-other-paragraph",
        "en",
        "Mary Kline said the match had been hard.\n\nThe other team played well. “We still have "
        "to work on our game and do better next time.”\n",
        ["“We still"],
    ),
    # ---- a quote sentence right after a sentence whose subject is a named person (German
    # capitalises every noun: a noun subject is not a person; an object is not the subject)
    (
        "de-previous-sentence-subject",
        "de",
        "Bildungsministerin Anna Berger will die Fächer straffen. „Nicht jede Formel aus der "
        "Schule braucht man später im Leben.“\n",
        [],
    ),
    (
        "de-previous-sentence-noun-subject-object-person",
        "de",
        "Die Polizei nahm Anna Berger am Montag fest. „Nicht jede Formel aus der Schule braucht "
        "man später im Leben.“\n",
        ["„Nicht jede"],
    ),
    (
        "en-previous-sentence-subject",
        "en",
        "Mary Kline wants fewer subjects at school. “Not every formula from school is needed "
        "later in life.”\n",
        [],
    ),
    (
        "en-previous-sentence-object-person",
        "en",
        "The police arrested Mary Kline on Monday. “Not every formula from school is needed "
        "later in life.”\n",
        ["“Not every"],
    ),
    (
        "fr-previous-sentence-subject",
        "fr",
        "La ministre Marie Dupont veut alléger les programmes. « Toutes les formules apprises à "
        "l’école ne servent pas plus tard. »\n",
        [],
    ),
    (
        "es-previous-sentence-subject",
        "es",
        "La ministra Ana García quiere aligerar los programas. «No todas las fórmulas de la "
        "escuela sirven más tarde en la vida.»\n",
        [],
    ),
    # ---- an abbreviated title before the speaker ("stv.", "Abg.") does not end the sentence
    (
        "de-title-abbreviation-separable-verb",
        "de",
        '"Den Leuten ist kaum zum Feiern zumute, denn sie zahlen die Rechnung", stellte der '
        "stv. Fraktionschef Karl Brunner fest.\n",
        [],
    ),
    (
        "de-title-abbreviation-before-name",
        "de",
        "„Wir werden dem Haushalt so nicht zustimmen können“, sagte Abg. Petra Lang.\n",
        [],
    ),
    # ---- award, event and programme names quoted in a list (、 与 和) are names, not quotes
    (
        "zh-hans-quoted-names-in-list",
        "zh",
        "她在本届大奖中夺下“最佳华语女歌手奖项”、“年度最佳专辑奖项”与“最佳演唱录音专辑奖项”，"
        "一举创下纪录。假期全市推出多项活动，包括城东“南山·2015山水茶道文化节”、城西菊花展等。\n",
        [],
    ),
    (
        "zh-hant-quoted-names-in-list",
        "zh",
        "她在本屆大獎中奪下「最佳華語女歌手獎項」、「年度最佳專輯獎項」與「最佳演唱錄音專輯獎項」，"
        "一舉創下紀錄。\n",
        [],
    ),
    (
        "zh-list-item-with-punctuation-is-still-a-quote",
        "zh",
        "看台上不时响起“我们一定会赢，大家一起加油”、“冠军永远属于我们这支球队”的声音。\n",
        ["“我们一定会赢"],
    ),
    # ---- an acceptance speech or shared view introduces the quote (发表感言, 分享…见解)
    (
        "zh-hans-acceptance-speech-cue",
        "zh",
        "李华在台上发表得奖感言，也分享了对人生的独到见解，“没想到会是我，谢谢评审团，"
        "谢谢大家喜欢我的歌”。\n",
        [],
    ),
    (
        "zh-hant-acceptance-speech-cue",
        "zh",
        "李華發表感言：「沒想到會是我，謝謝評審團，謝謝大家喜歡我的歌」。\n",
        [],
    ),
    (
        "zh-shared-works-is-not-speech",
        "zh",
        "本次展览分享了多位青年艺术家的作品。“这个项目一定会按时完工，请大家放心”。\n",
        ["“这个项目"],
    ),
    # ---- "“…”一番话让…": the words are named right after the quote, by the person before
    (
        "zh-hans-words-named-after-quote",
        "zh",
        "李华表示，她已经两年没见到母亲。母亲在后台也哽咽了，“谢谢大家这么爱我的女儿李华!”"
        "一番话让女儿当场落泪。\n",
        [],
    ),
    (
        "zh-hant-words-named-after-quote",
        "zh",
        "李華表示，她已經兩年沒見到母親。母親在後台也哽咽了，「謝謝大家這麼愛我的女兒李華!」"
        "這番話讓女兒當場落淚。\n",
        [],
    ),
    (
        "zh-words-named-after-quote-nobody-before",
        "zh",
        "今年的活动很热闹，“谢谢大家这么爱我们这座小城!”一番话让人落泪。\n",
        ["“谢谢大家"],
    ),
    # ---- German reporting verbs (empfiehlt, würdigte, konstatierte, machte klar …)
    (
        "de-reporting-verb-recommends",
        "de",
        "Das Außenamt empfiehlt allen Reisenden „einen konsequenten Schutz vor Mücken, vor "
        "allem am Tag“.\n",
        [],
    ),
    (
        "de-reporting-verb-made-clear",
        "de",
        "Das Gericht machte klar, dass „die meisten Zeuginnen keine Interviews gegeben hatten "
        "und geschützt werden“.\n",
        [],
    ),
    (
        "de-no-reporting-verb-still-flagged",
        "de",
        "Für Reisende gilt „ein konsequenter Schutz vor Mücken, vor allem am Tag“ als Pflicht.\n",
        ["„ein konsequenter"],
    ),
    # ---- German source phrases: "nach Darstellung des …", "nach den Worten von …"
    (
        "de-source-phrase-nach-darstellung",
        "de",
        "Nach Darstellung des Verlages ist die Zeitung „in ihrer jetzigen Form nicht mehr zu "
        "finanzieren“.\n",
        [],
    ),
    (
        "de-source-phrase-nach-den-worten",
        "de",
        "Nach den Worten des Parteichefs Hans Brandt handelt es sich um „die schwerste Krise in "
        "der Geschichte der Stadt“.\n",
        [],
    ),
    (
        "de-nach-without-source-still-flagged",
        "de",
        "Nach dem Spiel war die Stimmung „so gut wie lange nicht mehr in dieser Saison“.\n",
        ["„so gut"],
    ),
    # ---- a partial quote woven into a sentence: its subject is the speaker, or (reported
    # speech: lower-case start, Konjunktiv I) the person of the sentence before
    (
        "de-partial-konjunktiv-pronoun",
        "de",
        "Die Abgeordnete Petra Lang zweifelte offen an den Plänen des Ministers. Er habe „keine "
        "Ahnung, wie das bezahlt werden soll“. Der Minister schwieg.\n",
        [],
    ),
    (
        "de-partial-konjunktiv-no-pronoun",
        "de",
        "Petra Lang begründete ihren Rücktritt mit der neuen Lage im Rat. Damit seien „die "
        "Mehrheiten und die Ziele der Koalition nicht mehr klar“.\n",
        [],
    ),
    (
        "de-partial-lower-case-after-person-sentence",
        "de",
        "Analystin Petra Lang hob ihr Kursziel an. Sie sieht Sondereffekte als Grund. Die "
        "„ewigen Zweifel an der neuen Sparte“ belasteten aber das Bild.\n",
        [],
    ),
    (
        "de-partial-subject",
        "de",
        "Gewerkschaftschef Frank Weber würdigte ihn als „einen großen und streitbaren "
        "Gewerkschafter der alten Schule“.\n",
        [],
    ),
    (
        "de-partial-noun-phrase-subject-still-flagged",
        "de",
        "Zur Frage der Sicherheit herrschte die Meinung vor, dass das Mittel „in den meisten "
        "Fällen nicht wirklich schadet“.\n",
        ["„in den meisten"],
    ),
    (
        "de-partial-capitalised-title-not-credited",
        "de",
        "Der Konzern hat die Auszeichnung „Preis für gute und faire Arbeit in Europa“ erhalten. "
        "Seitdem gilt „die hohe Qualität und die faire Bezahlung der Mitarbeiter“ als Marke.\n",
        ["„die hohe"],
    ),
    (
        "en-partial-subject",
        "en",
        "Union leader Frank Weber hailed him as “a great and combative trade unionist of the "
        "old school”.\n",
        [],
    ),
    (
        "fr-partial-subject",
        "fr",
        "Le syndicaliste Frank Weber l’a salué comme « un grand et combatif syndicaliste de la "
        "vieille école ».\n",
        [],
    ),
    (
        "es-partial-subject",
        "es",
        "El sindicalista Frank Weber lo elogió como «un gran y combativo sindicalista de la vieja "
        "escuela».\n",
        [],
    ),
]


@pytest.mark.parametrize(
    ("lang", "body", "expected"),
    [pytest.param(lang, body, exp, id=cid) for cid, lang, body, exp in CASES],
)
def test_zh_de_patterns(lang: str, body: str, expected: list[str]) -> None:
    findings = newslint.lint_text(H + body, path="a.txt", lang=lang, config={})
    got = [f.excerpt for f in findings if f.code == "NL201"]
    assert len(got) == len(expected), got
    for excerpt, opening in zip(got, expected, strict=True):
        assert excerpt.startswith(opening), (excerpt, opening)


#: (lang, body, flagged by the default ``anonymous: person``, flagged by ``anonymous: flag``):
#: a group or an indefinite
#: "some" cannot have said one quote; one unnamed person or an official source can.
CROWDS = [
    ("en", "“We could not sleep for weeks after the storm,” many residents said.\n", True, True),
    ("en", "“We could not sleep for weeks after the storm,” a resident said.\n", False, True),
    (
        "fr",
        "« On n’a pas dormi pendant des semaines », ont raconté plusieurs habitants.\n",
        True,
        True,
    ),
    ("fr", "« On n’a pas dormi pendant des semaines », raconte une habitante.\n", False, True),
    ("de", "„Wir konnten wochenlang nicht schlafen“, sagten einige Anwohner.\n", True, True),
    ("de", "„Wir konnten wochenlang nicht schlafen“, sagte eine Anwohnerin.\n", False, True),
    ("es", "«No pudimos dormir durante semanas», dijeron varios vecinos.\n", True, True),
    ("es", "«No pudimos dormir durante semanas», contó una vecina.\n", False, True),
    ("zh", "不少家长表示“学校到处都是施工杂物，开学太仓促了”。\n", True, True),
    (
        "zh",
        "消息传出后，网友纷纷留言夸赞“这次评选格局真的有了”、“评审这次真的很敢选”。\n",
        True,
        True,
    ),
    ("zh", "不少家長表示「學校到處都是施工雜物，開學太倉促了」。\n", True, True),
    ("zh", "一位家长表示，“学校到处都是施工杂物，开学太仓促了”。\n", False, True),
    # A transcript's tag "reporter VS. someone": the second side answers the question.
    (
        "zh",
        "消防人员赶到现场救火，记者VS.现场人员说：“后面的厂房也烧起来了，在二楼。”\n",
        True,
        True,
    ),
    (
        "zh",
        "消防人員趕到現場救火，記者VS.現場人員說：「後面的廠房也燒起來了，在二樓。」\n",
        True,
        True,
    ),
    (
        "zh",
        "屋主赶回来在门外踱步，记者VS.屋主说：“(里面有人吗)我带儿子去医院了，里面没有人。”\n",
        False,
        False,
    ),
    ("zh", "有关部门负责人表示，“学校的施工杂物将在本周内全部清理完毕”。\n", False, False),
]


@pytest.mark.parametrize(("lang", "body", "crowd", "unnamed"), CROWDS)
def test_quotes_credited_to_a_crowd_are_flagged_by_default(
    lang: str, body: str, crowd: bool, unnamed: bool
) -> None:
    def flags(config: dict[str, object]) -> list[str]:
        found = newslint.lint_text(
            H + body, path="a.txt", lang=lang, config=config, message_lang="en"
        )
        return [f.message for f in found if f.code == "NL201"]

    default = flags({})
    assert len(default) == ((1 + body.count("、“")) if crowd else 0)
    assert all("a group" in m for m in default), default
    assert flags({"rules": {"unattributed-quote": {"anonymous": "accept"}}}) == []
    strict = flags({"rules": {"unattributed-quote": {"anonymous": "flag"}}})
    assert (len(strict) > 0) is unnamed, strict
