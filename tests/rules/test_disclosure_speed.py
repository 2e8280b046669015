"""The disclosure rules' fast paths give exactly what the plain regex scans give.

Literal gates may only skip an entry that cannot match; the anchored ticker scan must
yield the very matches ``finditer`` yields; per-entry heading
tests must agree with the alternation they replace. Each test compares against the plain
computation on many texts, so a gate that drops a real match fails here.
"""

from __future__ import annotations

import random
from typing import Any

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


# ------------------------------------------------------------ finders (issue 5, second pass)


def _plain_scan(pack, section: str, text: str, pos: int, end: int) -> list[tuple[str, int, int]]:
    """What ``scan_section`` must return: every entry's ``finditer``, leftmost-longest."""
    found = []
    for i, e in enumerate(pack.entries(section)):
        label = str(e) if isinstance(e, str) else str(e.get("label") or e.get("re"))
        for m in regex.compile(entry_to_regex(e), FLAGS).finditer(text, pos, end):
            if m.end() > m.start():
                found.append((m.start(), -m.end(), i, label))
    found.sort()
    want, last = [], -1
    for start, neg_end, _i, label in found:
        if start >= last:
            want.append((label, start, -neg_end))
            last = -neg_end
    return want


def _finder_texts(packs) -> list[str]:
    """Texts that put the literals the finders look for (leading words, word parts) in
    every position: inside longer words, at word starts, upper case, with ß and ẞ, dotted
    and dotless I, a combining ypogegrammeni, and runs of letters around them."""
    rnd = random.Random(23)
    pieces: list[str] = []
    for pack in packs.values():
        for section in ("financial-strong", "financial-medium", "disclaimer-phrases"):
            for entry in _lexicon._section_entries(pack, section):
                if entry.kind != _lexicon.PLAIN:
                    pieces.extend(regex.split("[\0\1]", entry.lit))
                    pieces.append(entry.label)
            pieces.extend(e for e in pack.entries(section) if isinstance(e, str))
    glue = [" ", "  ", "\n", "", "-", ".", ",", "x", "Straße", "GROẞ", "İ", "ı", "\u0345", "’"]
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


def test_finders_give_what_finditer_gives(packs) -> None:
    """WORD_RUN and LEAD entries are searched with ``str.find`` on the folded text and an
    anchored match; the result, ranges included, is the plain scan's."""
    kinds = {
        (p.lang, s): {e.kind for e in _lexicon._section_entries(p, s)}
        for p in packs.values()
        for s in ("financial-strong", "disclaimer-phrases")
    }
    assert any(_lexicon.WORD_RUN in k for k in kinds.values())
    assert any(_lexicon.LEAD in k for k in kinds.values())
    texts = _finder_texts(packs)
    rnd = random.Random(7)
    for pack in packs.values():
        for section in ("financial-strong", "financial-medium", "disclaimer-phrases"):
            for text in texts:
                # Ranges end between words, as the rules' ranges (blocks) do: the gates
                # look at the article's words, a range cut inside a word makes new ones.
                lo = rnd.randint(0, len(text) // 3)
                hi = rnd.randint(lo, len(text))
                while hi < len(text) and _lexicon.FIRST_WORD.match(text, hi):
                    hi += 1
                for pos, end in ((0, len(text)), (lo, hi)):
                    got = [
                        (label, m.start(), m.end())
                        for label, m in _lexicon.scan_section(_Ctx(), pack, section, text, pos, end)  # type: ignore[arg-type]
                    ]
                    assert got == _plain_scan(pack, section, text, pos, end), (pack.lang, text)


def test_lead_finders_are_used_and_agree(packs) -> None:
    """Long texts with a few leading literals take the LEAD and LEAD_WORD paths (a dense
    one the plain scan): all give the plain scan's matches."""
    en = packs["en"]
    entries = {e.label: e for e in _lexicon._section_entries(en, "disclaimer-phrases")}
    holdings = entries["holdings disclosure"]
    advice = entries["does not constitute investment advice"]
    assert (holdings.kind, advice.kind) == (_lexicon.LEAD, _lexicon.LEAD_WORD)
    filler = "The council met on Tuesday to discuss the budget for parks. " * 40
    notice = "The author owns no shares in the firm. This does  not\nconstitute investment advice."
    sparse = filler + notice + filler
    dense = "author writer is not " * 300 + notice
    for text in (sparse, dense, sparse.upper(), "is not constitute tax advice"):
        got = [
            (label, m.start(), m.end())
            for label, m in _lexicon.scan_section(_Ctx(), en, "disclaimer-phrases", text)  # type: ignore[arg-type]
        ]
        assert got == _plain_scan(en, "disclaimer-phrases", text, 0, len(text))
    assert _lexicon._lead_starts(holdings, sparse.casefold(), 0, len(sparse)) is not None
    assert _lexicon._lead_starts(holdings, dense.casefold(), 0, len(dense)) is None
    probe = _lexicon._probe(sparse)
    assert _lexicon._lead_word_starts(advice, probe, 0, len(sparse)) == [sparse.index("does")]


def test_word_pair_finder_agrees(packs) -> None:
    """``(?:la\\s+acción|el\\s+valor)…``: the pairs are looked up by their second word."""
    es = packs["es"]
    entry = next(
        e for e in _lexicon._section_entries(es, "financial-strong") if e.kind == _lexicon.LEAD_WORD
    )
    filler = "El ayuntamiento aprobó el presupuesto de la ciudad para el año próximo. " * 30
    moves = [
        "Las acciones de Iberdrola subieron un 3 %.",
        "la  acción\nperdió terreno y LA COTIZACIÓN cayó.",
        "El valor de la empresa cayó. Los títulos   bajaron.",
        "escala acción subió",  # the pattern has no boundary before its first word
    ]
    for move in moves:
        for text in (filler + move + filler, move, move.upper()):
            got = [
                (label, m.start(), m.end())
                for label, m in _lexicon.scan_section(_Ctx(), es, "financial-strong", text)  # type: ignore[arg-type]
            ]
            assert got == _plain_scan(es, "financial-strong", text, 0, len(text)), text
            assert any(label == entry.label for label, _s, _e in got), text


def test_fold_aligned_keeps_offsets_and_pairs() -> None:
    """Where ``fold_aligned`` gives a string, it has the text's length, and any two letters
    that ``regex`` matches case-insensitively fold to the same character."""
    assert _lexicon.fold_aligned("Straße GROẞ") == "straße groß"
    for trap in ("İstanbul", "ıi", "ǰ"):
        assert _lexicon.fold_aligned(trap) is None
    for cp in range(0x20, 0x2000):
        c = chr(cp)
        folded = _lexicon.fold_aligned(c)
        if folded is None:
            continue
        assert len(folded) == 1
        for other in {c.upper(), c.lower(), c.casefold(), c.title()}:
            if len(other) == 1 and regex.fullmatch(regex.escape(c), other, FLAGS):
                assert _lexicon.fold_aligned(other) in (folded, None), (c, other)


def test_vocab_holds_every_word_literal(packs) -> None:
    """A literal of letters and digits found in the folded text is found in the words."""
    for text in _finder_texts(packs)[:150] + _samples(packs)[:150]:
        probe = _lexicon._probe(text)
        for word in {w for t in text.split() for w in _lexicon.FIRST_WORD.findall(t.casefold())}:
            for k in range(1, len(word) + 1):
                needle = word[:k]
                if needle in probe.folded:
                    assert needle in probe.vocab, (text, needle)


def test_quick_heading_rejection_never_drops_a_section(packs) -> None:
    """Units ``_may_head`` rejects are units ``_section_at`` finds nothing at."""
    from newslint.article import Block

    ordered = list(packs.values())
    index = _tail._headings(ordered)
    starts = _tail._raw_starts(index.raw)
    heads = [str(e) for p in ordered for e in p.entries("related-links-headings")]
    heads += ["More from the coast", "MORE ON Berlin", "  ** Read more: Ten walks", "更多：", "x"]
    rnd = random.Random(3)
    article = newslint_article("\n\n".join(heads))
    text = article.text
    for block in article.blocks:
        for lo in (block.start, max(block.start - 3, 0)):
            for hi in (block.end, min(block.end + rnd.randint(0, 300), len(text))):
                unit = Block("paragraph", lo, hi)
                traps = any(c in text for c in _lexicon._FOLD_TRAPS)
                if not _tail._may_head(text, unit, index.first_words, starts, traps):
                    ctx = _Ctx()
                    ctx.pack = packs["en"]  # type: ignore[attr-defined]
                    assert _tail._section_at(article, ctx, index, [unit], 0) is None  # type: ignore[arg-type]


def newslint_article(text: str) -> Any:
    from newslint.plugins import get_registry

    reg = get_registry(builtin_only=True)
    return reg.reader_for("a.txt").read("a.txt", text)


def _disclaimer_time(text: str) -> float:
    """Best of five runs of the three disclosure rules on ``text`` (parsing excluded), in
    CPU time of this thread, garbage collection off: other processes do not count."""
    import gc
    import time

    from newslint.plugins import get_registry
    from newslint.rule import RuleContext

    reg = get_registry(builtin_only=True)
    rules = [reg.rule(n) for n in ("missing-disclaimer", "missing-editor-credit")]
    rules.append(reg.rule("related-links-residue"))
    best = float("inf")
    for _ in range(5):
        article = reg.reader_for("a.txt").read("a.txt", text)
        article.lang = "en"
        elapsed = 0.0
        gc.disable()
        try:
            for rule in rules:
                opts = {k: o.default for k, o in rule.options.items()}
                ctx = RuleContext(opts, "en", reg.packs["en"], reg.packs, article)
                started = time.thread_time()
                list(rule.check(article, ctx))
                elapsed += time.thread_time() - started
        finally:
            gc.enable()
        best = min(best, elapsed)
    return best


def test_one_long_paragraph_grows_linearly() -> None:
    """The adversarial paragraph (figures, tickers, market words, "$" signs repeated):
    four times the text takes well under sixteen times as long."""
    sentence = "The stock rose 5% to $3 billion, investors said (NYSE: ABC). "
    small = "Headline\n\n" + sentence * 2_000
    large = "Headline\n\n" + sentence * 8_000
    _disclaimer_time(small)
    ratio = _disclaimer_time(large) / _disclaimer_time(small)
    assert ratio < 10, ratio


def test_one_first_word_finder_agrees(packs) -> None:
    """``ne\\s+constitue…`` (one first word, then a rarer second one) takes LEAD_WORD."""
    fr = packs["fr"]
    entry = next(
        e
        for e in _lexicon._section_entries(fr, "disclaimer-phrases")
        if e.kind == _lexicon.LEAD_WORD and e.lit.startswith("ne\1")
    )
    filler = "Le conseil municipal ne siège pas en août et vote le budget en mai. " * 30
    notices = [
        "Cet article ne constitue pas un conseil en investissement.",
        "Il ne  constitue\npas une offre d'achat. NE CONSTITUENT PAS DES CONSEILS EN PLACEMENT",
        "une constitue pas un conseil en investissement",  # no boundary before "ne"
        "ne constitue rien du tout, constitue pas un conseil en vente",
    ]
    for notice in notices:
        for text in (filler + notice + filler, notice, notice.upper()):
            got = [
                (label, m.start(), m.end())
                for label, m in _lexicon.scan_section(_Ctx(), fr, "disclaimer-phrases", text)  # type: ignore[arg-type]
            ]
            assert got == _plain_scan(fr, "disclaimer-phrases", text, 0, len(text)), text
    assert any(
        label == entry.label
        for label, _m in _lexicon.scan_section(_Ctx(), fr, "disclaimer-phrases", notices[0])  # type: ignore[arg-type]
    )
