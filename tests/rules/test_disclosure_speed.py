"""The disclosure rules' fast paths give exactly what the plain regex scans give.

Literal gates may only skip an entry that cannot match; the anchored ticker scan must
yield the very matches ``finditer`` yields; per-entry heading
tests must agree with the alternation they replace. Each test compares against the plain
computation on many texts, so a gate that drops a real match fails here.
"""

from __future__ import annotations

import random

import pytest
import regex
from newslint.api import Session
from newslint.language import entry_to_regex
from newslint.rules import _lexicon, _tail
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
    fillers = ["the", "Die", "年", "(", ")", ":", "$", ".", ",", "\n", "  ", "’", "-", "ß", "İ"]
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


def test_literal_analysis_of_typical_patterns() -> None:
    assert _lexicon.required_literals(r"(?:does|do)\s+not\s+constitute") == (
        ("constitute",),
        ("do", "does"),
        ("not",),
    )
    assert _lexicon.required_literals(r"\p{L}*aktie(?:n\p{L}*)?(?![\p{L}])") == (("aktie",),)
    assert _lexicon.required_literals(r"(?:a|\d+)x") == (("x",),)  # a branch without literal
    assert _lexicon.required_literals(r"(?x) a b") is None  # verbose mode: not modelled


def test_gates_never_reject_a_match(packs) -> None:
    texts = _samples(packs)
    checked = 0
    for pack in packs.values():
        for section in pack.lexicons:
            for entry in _lexicon._section_entries(pack, section):
                if entry.gate is None:
                    continue
                for text in texts:
                    probe = _lexicon._probe(text)
                    if entry.pattern.search(text) is not None:
                        checked += 1
                        assert _lexicon._passes(entry.gate, probe), (pack.lang, entry.label)
    assert checked > 500


class _Ctx:
    timeout = None


def test_scan_section_matches_plain_scan(packs) -> None:
    texts = _samples(packs)
    for pack in packs.values():
        for section in ("financial-strong", "financial-medium", "disclaimer-phrases"):
            plain = [
                (
                    str(e) if isinstance(e, str) else str(e.get("label") or e.get("re")),
                    regex.compile(entry_to_regex(e), FLAGS),
                )
                for e in pack.entries(section)
            ]
            for text in texts[:60]:
                found = sorted(
                    (
                        (m.start(), -m.end(), i, label)
                        for i, (label, p) in enumerate(plain)
                        for m in p.finditer(text)
                        if m.end() > m.start()
                    ),
                )
                want, last = [], -1
                for start, neg_end, _i, label in found:
                    if start >= last:
                        want.append((label, start, -neg_end))
                        last = -neg_end
                got = [
                    (label, m.start(), m.end())
                    for label, m in _lexicon.scan_section(_Ctx(), pack, section, text)  # type: ignore[arg-type]
                ]
                assert got == want


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
    ordered = list(packs.values())
    index = _tail._headings(ordered)
    phrases, raw = [], []
    for pack in ordered:
        for e in pack.entries("related-links-headings"):
            is_phrase = isinstance(e, str) and _lexicon.FIRST_WORD.match(e)
            (phrases if is_phrase else raw).append(entry_to_regex(e))
    alt = regex.compile("|".join(sorted(set(phrases), key=len, reverse=True)), FLAGS)
    alt_raw = regex.compile("|".join(sorted(set(raw), key=len, reverse=True)), FLAGS)
    chunks = [str(e) for p in ordered for e in p.entries("related-links-headings")]
    chunks += [c + suffix for c in chunks[:60] for suffix in (": Ten walks", " | News", "x")]
    chunks += ["More from Reuters", "Mehr aus Berlin", "相关阅读推荐", "Read", "Plus d'actualités"]
    for chunk in chunks:
        first = _tail._first_word(chunk)
        gated = first in index.first_words
        want_full = bool((gated and alt.fullmatch(chunk)) or alt_raw.fullmatch(chunk))
        assert _tail._heading_match(_Ctx(), index, chunk, first) == want_full, chunk  # type: ignore[arg-type]
        m = (alt.match(chunk) if gated else None) or alt_raw.match(chunk)
        got = _tail._label_prefix(_Ctx(), index, chunk, first)  # type: ignore[arg-type]
        assert (got.end() if got else None) == (m.end() if m else None), chunk
