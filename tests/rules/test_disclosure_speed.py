"""The disclosure rules' fast paths give exactly what the plain regex scans give.

Needles (one automaton pass per pack), phrases' word sets and ``starts:`` offsets may only
skip an entry, or a position, that cannot match; the anchored ticker scan must yield the
very matches ``finditer`` yields; the needle-gated heading tests must agree with the
alternation they replace. Each test compares against the plain computation on many texts
(odd case and spacing, ß and ẞ, dotted and dotless I, a combining ypogegrammeni, "ʼ"), so
a needle or a starts: list that drops a real match fails here.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
import regex
from newslint.api import Session
from newslint.language import entry_to_regex
from newslint.readers.text import TextReader
from newslint.rule import RuleContext
from newslint.rules import _lexicon, _tail
from newslint.rules._automaton import Haystack, Needles
from newslint.rules.missing_disclaimer import _TICKERS, ticker_matches

FLAGS = regex.IGNORECASE | regex.V0


@pytest.fixture(scope="module")
def packs():
    return Session.create(config={}).linter.registry.packs


def _samples(packs) -> list[str]:
    """Texts made of every pack's phrases, in odd case and spacing, amid filler."""
    rnd = random.Random(5)
    pieces: list[str] = []
    for pack in packs.values():
        for entries in pack.lexicons.values():
            pieces.extend(e for e in entries if isinstance(e, str))
    fillers = [
        "the",
        "Die",
        "年",
        "(",
        ")",
        ":",
        "$",
        ".",
        ",",
        "\n",
        "  ",
        "’",
        "ʼ",
        "-",
        "ß",
        "İ",
    ]
    out = []
    for _ in range(300):
        words = [rnd.choice(pieces) for _ in range(rnd.randint(3, 25))]
        words += [rnd.choice(fillers) for _ in range(rnd.randint(0, 10))]
        rnd.shuffle(words)
        text = " ".join(words)
        roll = rnd.random()
        text = text.upper() if roll < 0.2 else text.title() if roll < 0.4 else text
        out.append(text.replace("  ", "\n") if rnd.random() < 0.3 else text)
    return out


class _Ctx:
    timeout = None
    packs: dict[str, Any] = {}  # noqa: RUF012 - a stand-in for RuleContext.packs


def _plain_scan(pack, section: str, text: str, pos: int, end: int) -> list[tuple[str, int, int]]:
    """What ``scan_section`` must return: every entry's ``finditer``, leftmost-longest."""
    found = []
    for i, e in enumerate(pack.entries(section)):
        label = str(e) if isinstance(e, str) else str(e.get("label") or e.get("re"))
        for m in _compiled(entry_to_regex(e)).finditer(text, pos, end):
            if m.end() > m.start():
                found.append((m.start(), -m.end(), i, label))
    found.sort()
    want, last = [], -1
    for start, neg_end, _i, label in found:
        if start >= last:
            want.append((label, start, -neg_end))
            last = -neg_end
    return want


_COMPILED: dict[str, Any] = {}


def _compiled(source: str) -> Any:
    if source not in _COMPILED:
        _COMPILED[source] = regex.compile(source, FLAGS)
    return _COMPILED[source]


def _scan(pack, section: str, text: str, pos: int = 0, end: int | None = None) -> list[Any]:
    hits = _lexicon.scan_section(_Ctx(), pack, section, text, pos, end)  # type: ignore[arg-type]
    return [(label, m.start(), m.end()) for label, m in hits]


def _finder_texts(packs) -> list[str]:
    """Texts that put every raw entry's starts: and needs: literals, and phrases, in every
    position: inside longer words, at word starts, upper case, with ß and ẞ, dotted and
    dotless I, a combining ypogegrammeni, and runs of letters around them."""
    rnd = random.Random(23)
    pieces: list[str] = []
    for pack in packs.values():
        for section in _lexicon.SECTIONS:
            for entry in pack.entries(section):
                if isinstance(entry, str):
                    pieces.append(entry)
                else:
                    pieces.extend(entry.get("starts") or ())
                    pieces.extend(entry.get("needs") or ())
                    pieces.append(str(entry.get("label") or ""))
    glue = [" ", "  ", "\n", "", "-", ".", ",", "x", "Straße", "GROẞ", "İ", "ı", "\u0345", "’", "ʼ"]
    texts = []
    for _ in range(400):
        parts = []
        for _ in range(rnd.randint(2, 30)):
            parts.append(rnd.choice(pieces))
            parts.append(rnd.choice(glue))
        text = "".join(parts)
        roll = rnd.random()
        texts.append(text.upper() if roll < 0.15 else text.title() if roll < 0.3 else text)
    return texts


def test_scan_section_is_the_plain_scan(packs) -> None:
    """Every scanned section of every pack, over whole texts and ranges ending between
    words (as the rules' ranges, blocks, do)."""
    texts = _samples(packs)[:120] + _finder_texts(packs)[:200]
    rnd = random.Random(7)
    matched = 0
    for pack in packs.values():
        for section in _lexicon.SECTIONS:
            for text in texts:
                lo = rnd.randint(0, len(text) // 3)
                hi = rnd.randint(lo, len(text))
                while hi < len(text) and text[hi].isalnum():
                    hi += 1
                for pos, end in ((0, len(text)), (lo, hi)):
                    want = _plain_scan(pack, section, text, pos, end)
                    assert _scan(pack, section, text, pos, end) == want, (pack.lang, section, text)
                    matched += len(want)
    assert matched > 2000


def test_needles_never_miss_a_literal(packs) -> None:
    """A needle found case-folded anywhere in a text is present: the vocabulary and Han
    runs the automaton reads hold every run of letters and digits of the text."""
    texts = _finder_texts(packs)[:150] + _samples(packs)[:150]
    rnd = random.Random(3)
    for text in texts:
        folded = text.casefold()
        words = [w for w in regex.findall(r"[\p{L}\p{N}]+", folded) if len(w) > 2]
        needles = {
            i: [w[a:b]]
            for i, w in enumerate(words[:40])
            for a, b in [sorted(rnd.sample(range(len(w) + 1), 2))]
        }
        assert Needles(needles).present(Haystack.of(text)) >= {
            i for i, (n,) in needles.items() if n and n in folded
        }


def test_lead_and_pair_entries_agree_on_long_texts(packs) -> None:
    """Long texts with a few opening literals (starts: tried one by one) and dense ones
    (too many: finditer) give the plain scan's matches."""
    en, es, fr = packs["en"], packs["es"], packs["fr"]
    filler = "The council met on Tuesday to discuss the budget for parks. " * 40
    notice = "The author owns no shares in the firm. This does  not\nconstitute investment advice."
    sparse = filler + notice + filler
    dense = "author writer is not " * 300 + notice
    for text in (sparse, dense, sparse.upper(), "is not constitute tax advice"):
        assert _scan(en, "disclaimer-phrases", text) == _plain_scan(
            en, "disclaimer-phrases", text, 0, len(text)
        )
    filler_es = "El ayuntamiento aprobó el presupuesto de la ciudad para el año próximo. " * 30
    moves = [
        "Las acciones de Iberdrola subieron un 3 %.",
        "la  acción\nperdió terreno y LA COTIZACIÓN cayó.",
        "El valor de la empresa cayó. Los títulos   bajaron.",
        "escala acción subió",  # the pattern has no boundary before its first word
    ]
    for move in moves:
        for text in (filler_es + move + filler_es, move, move.upper()):
            got = _scan(es, "financial-strong", text)
            assert got == _plain_scan(es, "financial-strong", text, 0, len(text)), text
    filler_fr = "Le conseil municipal ne siège pas en août et vote le budget en mai. " * 30
    notices = [
        "Cet article ne constitue pas un conseil en investissement.",
        "Il ne  constitue\npas une offre d'achat. NE CONSTITUENT PAS DES CONSEILS EN PLACEMENT",
        "une constitue pas un conseil en investissement",  # no boundary before "ne"
    ]
    for notice in notices:
        for text in (filler_fr + notice + filler_fr, notice, notice.upper()):
            got = _scan(fr, "disclaimer-phrases", text)
            assert got == _plain_scan(fr, "disclaimer-phrases", text, 0, len(text)), text
    assert _scan(fr, "disclaimer-phrases", notices[0])


def test_ticker_scan_is_finditer() -> None:
    pieces = [
        "NYSE",
        "NYSE American",
        "Nasdaq",
        "AAPL",
        "(",
        "（",
        ")",
        "）",
        ":",
        "：",
        " ",
        "\n",
        "$",
        "$AB",
        "ISIN",
        "US0378331005",
        "600519",
        ".SH",
        ".HK",
        "贵州茅台",
        "Salesforce",
        "CRM",
        "World Health Organization",
        "WHO",
        "a",
        "B",
        "x.",
        "&",
        "-",
        "’",
        "1234",
        "É",
    ]
    rnd = random.Random(11)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14)))
        want = [(m.span(), m.lastgroup) for m in _TICKERS.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in ticker_matches(text)] == want, text
    long_name = "A" + "b" * 500 + " (ABC)"  # past the window: the plain scan answers
    assert [m.span() for m in ticker_matches(long_name)] == [
        m.span() for m in _TICKERS.finditer(long_name)
    ]


def test_heading_entries_agree_with_alternation(packs) -> None:
    """The heading entries whose needles a chunk holds, tried in order, give the answer of
    the alternation of all of them (phrases first), whole and as a label opening it."""
    ordered = list(packs.values())
    phrases, raw = [], []
    for pack in ordered:
        for e in pack.entries("related-links-headings"):
            is_phrase = isinstance(e, str) and regex.match(r"[\p{L}\p{N}]", e)
            (phrases if is_phrase else raw).append(entry_to_regex(e))
    alt = regex.compile("|".join(sorted(set(phrases), key=lambda s: (-len(s), s))), FLAGS)
    alt_raw = regex.compile("|".join(sorted(set(raw), key=lambda s: (-len(s), s))), FLAGS)
    chunks = [str(e) for p in ordered for e in p.entries("related-links-headings")]
    chunks += [c + suffix for c in chunks[:60] for suffix in (": Ten walks", " | News", "x")]
    chunks += ["More from Reuters", "Mehr aus Berlin", "相关阅读推荐", "Read", "Plus d'actualités"]
    for chunk in chunks:
        ctx = RuleContext({}, "en", packs["en"], packs, TextReader().read("a.txt", chunk))
        live = _tail._live(ctx, chunk)
        want_full = bool(alt.fullmatch(chunk) or alt_raw.fullmatch(chunk))
        assert _tail._heading_match(_Ctx(), live, chunk) == want_full, chunk  # type: ignore[arg-type]
        m = alt.match(chunk) or alt_raw.match(chunk)
        got = _tail._label_prefix(_Ctx(), live, chunk)  # type: ignore[arg-type]
        assert (got.end() if got else None) == (m.end() if m else None), chunk
