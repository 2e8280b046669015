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
