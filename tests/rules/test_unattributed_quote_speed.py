"""The quote analysis' fast paths give exactly what the plain computations give.

Each shortcut of the speed work is compared with the computation it replaces, on many texts:
the lexicon patterns built from the entries (prefix trees, guards) with the pack's own
patterns, the "may this section match an empty window" answer read from the entries with
what the engine does, the per-word lower-case test with the full word set, and the lazily
decided person registry with the eager one. How the work grows with the article is measured
by benchmarks/linearity.py, not timed here.
"""

from __future__ import annotations

import random

import pytest
import regex
from newslint.article import Article
from newslint.language import LanguagePack
from newslint.plugins import get_registry
from newslint.readers.text import TextReader
from newslint.rule import RuleContext
from newslint.rules import _company_names, _people, _quote_patterns
from newslint.rules._quote_marks import pair_marks
from newslint.rules._quotes import _QuoteAnalysis

SECTIONS = (*_quote_patterns.SECTIONS, "source-cues")


@pytest.fixture(scope="module")
def packs() -> dict[str, LanguagePack]:
    return get_registry(builtin_only=True).packs


def _samples(packs: dict[str, LanguagePack], lang: str, count: int, seed: int) -> list[str]:
    """Texts made of a pack's phrases (and the literals of its raw patterns), in odd case,
    spacing and punctuation, with letters that fold in unusual ways."""
    rnd = random.Random(seed)
    pack = packs[lang]
    pieces: list[str] = []
    for section in SECTIONS:
        for entry in pack.entries(section):
            if isinstance(entry, str):
                pieces.append(entry)
            else:
                pieces.extend(regex.findall(r"[\p{L}'’\- ]{2,}", str(entry["re"])))
    fillers = ["«", "“", "”", ", ", ". ", "\n", "  ", "1", "de", "so", "Smith", "ſ", "K", "İ"]
    fillers += ["ß", "l’", "d'", "-t-", "Σ", "x", "il", "elle", "der", "le", "a", "—"]
    out = []
    for _ in range(count):
        words = [rnd.choice(pieces) for _ in range(rnd.randint(1, 10))]
        words += [rnd.choice(fillers) for _ in range(rnd.randint(0, 6))]
        rnd.shuffle(words)
        text = "".join(w + rnd.choice(["", " ", " ", ",", "."]) for w in words)
        roll = rnd.random()
        out.append(text.upper() if roll < 0.2 else text.title() if roll < 0.4 else text)
    return out


def _spans(pattern: regex.Pattern[str], text: str, a: int, b: int) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, a, b)]


# --------------------------------------------------------------------------- built patterns


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", "zh"])
def test_built_patterns_match_like_the_pack_patterns(packs, lang: str) -> None:
    rnd = random.Random(7)
    texts = _samples(packs, lang, 250, seed=len(lang))
    changed = matched = 0
    for section in SECTIONS:
        plain = packs[lang].pattern(section)
        if plain is None:
            continue
        fast = _quote_patterns.build_section(packs[lang], section)
        assert fast is not None
        changed += fast.pattern != plain.pattern
        for text in texts:
            a = rnd.randint(0, len(text))
            b = rnd.randint(a, len(text))
            want = _spans(plain, text, 0, len(text))
            matched += bool(want)
            assert _spans(fast, text, 0, len(text)) == want, (section, text)
            assert _spans(fast, text, a, b) == _spans(plain, text, a, b), (section, text, a, b)
            full = plain.fullmatch(text)
            got = fast.fullmatch(text)
            assert (got and got.span()) == (full and full.span())
    assert changed and matched > 100  # the test exercised rewritten patterns on real hits


# --------------------------------------------------------------------------- empty windows


@pytest.mark.parametrize(
    ("entries", "consumes"),
    [
        (["said", "says", "it's"], True),
        (["said", ""], False),  # the empty phrase matches everywhere
        (["said", {"re": "a?"}], False),  # a raw entry that declares nothing may be empty
        (["said", {"re": "(?<=x)a", "needs": ["a"]}], True),
        (["said", {"re": "(?<![\\p{L}])b+", "starts": ["b"]}], True),
    ],
)
def test_consumes_is_read_from_the_entries(entries: list[object], consumes: bool) -> None:
    """Whether a section's matches always hold a character comes from its data (a phrase is
    not empty, a raw entry declares literals it holds), not from reading its regex."""
    assert _quote_patterns._consumes(entries) is consumes
    if consumes:  # then no empty match anywhere in a text full of chances
        pack = LanguagePack({"lang": "xx", "lexicons": {"v": entries}})
        pattern = _quote_patterns.build_section(pack, "v")
        assert pattern is not None
        text = "ab x said\n it’s  xa. bb"
        assert all(
            m.end() > m.start() for p in range(len(text)) for m in [pattern.match(text, p)] if m
        )


#: Sentences that hold a match of every raw speech-verb entry of a pack.
_RAW_VERB_SENTENCES = {
    "en": [],
    "fr": [
        "Les élus ont fustigé la décision. Elle s’étonnait encore. D’après elle, rien ne change.",
        "Il est parti en expliquant son choix. Le ministre a déclaré lundi que tout allait bien.",
        "« Oui », déclare-t-il. « Non », sourit-elle. Il qualifie la mesure d’erreur.",
        "Pour le directeur, c’est fini.",
    ],
    "de": [
        "„Gut“, fügte er hinzu. Sie stellte danach fest, dass alles gut sei.",
        "„Nein“, fügt sie hinzu.",
        "Die Firma teilte am Montag mit, dass sie wächst. Nach Angaben der Polizei ist es ruhig.",
        "Es ist gut, so der Chef.",
    ],
    "es": ["Para el ministro, la cifra es alta. El ministro ha dicho que no."],
    "zh": ["他发表获奖感言。她分享了她的见解。"],
}


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", "zh"])
def test_built_in_speech_verbs_consume_and_open_with_their_starts(packs, lang: str) -> None:
    """Every shipped speech-verb section is known never to match empty, and each raw entry's
    ``starts:`` (its guard in the built pattern) opens every match of it, on sentences that
    hold each one and on texts made of the pack's own words."""
    entries = packs[lang].entries("speech-verbs")
    assert _quote_patterns._consumes(entries)
    texts = [*_RAW_VERB_SENTENCES[lang], *_samples(packs, lang, 300, seed=11)]
    for entry in entries:
        if isinstance(entry, str):
            continue
        starts = tuple(str(s).casefold() for s in entry["starts"])
        pattern = regex.compile(str(entry["re"]), regex.IGNORECASE | regex.V0)
        found = 0
        for text in texts:
            for m in pattern.finditer(text):
                assert m.group().casefold().startswith(starts), (entry, m.group())
                found += 1
        assert found, entry


# --------------------------------------------------------------------------- lower-case words


def test_lower_words_answer_like_the_full_word_set() -> None:
    rnd = random.Random(11)
    pieces = ["shares", "Shares", "l’entreprise", "L’Entreprise", "x-shares", "co-founder", "Co"]
    pieces += ["in", "In", "e\u0301te", "\u0301in", "’in", "-in", "İn", "ΣΑΣ", "σας", "Straße"]
    pieces += ["STRASSE", "founder", "«", "“", ".", ",", "\n", " ", " ", "3rd", "a'b", "d'in"]
    for _ in range(400):
        text = "".join(
            rnd.choice(pieces) + rnd.choice(["", " "]) for _ in range(rnd.randint(1, 25))
        )
        words = set(map(str.lower, _company_names._LOWER_WORDS.findall(text)))
        probe = _company_names.LowerWords(text)
        asked = {t.lower() for t in regex.findall(r"[\p{L}\p{M}'’\-]+", text)}
        asked |= {"shares", "in", "entreprise", "founder", "te", "ας", "σας"}
        for low in sorted(asked):
            assert probe(low) == (low in words), (text, low)


# --------------------------------------------------------------------------- person registry


def _analysis(text: str, lang: str) -> _QuoteAnalysis:
    registry = get_registry(builtin_only=True)
    pack = registry.packs[lang]
    article: Article = TextReader().read("a.txt", text)
    article.lang = lang
    article.abbreviations = pack.abbreviations
    analysis = _QuoteAnalysis(article, RuleContext({}, lang, pack, registry.packs, article))
    analysis._prepare(pair_marks(article))
    analysis._people()
    return analysis


def _eager_people(an: _QuoteAnalysis) -> set[int]:
    """The registry decided as it was before it became lazy: person tests over every
    mention in order, then honorifics, then company tests (the reference)."""
    masked = an.masked
    mentions = list(zip(an._m_start, an._m_end, an._m_tokens, strict=True))
    companies: set[str] = set()
    person_keys: set[str] = set()
    undecided: list[tuple[int, str]] = []
    for start, _end, tokens in mentions:
        key = tokens[-1]
        if key in person_keys or key in companies:
            continue
        titled = [_people._titled(t) for t in tokens]
        if not titled[-1]:
            companies.add(key)
        elif not all(titled):
            if not any(titled[: titled.index(True)]):
                person_keys.add(key)
                continue
        elif len(tokens) >= 2:
            person_keys.add(key)
            continue
        undecided.append((start, key))
    if an.honor_tail is not None:
        for start, key in undecided:
            if (
                key not in person_keys
                and key not in companies
                and an.honor_tail.search(masked[max(0, start - 40) : start])
            ):
                person_keys.add(key)
    for start, end, tokens in mentions:
        key = tokens[-1]
        if key in companies or key not in person_keys:
            continue
        if (
            _company_names.COMPANY_AFTER.match(masked, end)
            or (len(tokens) > 1 and tokens[-1].rstrip(".") in _company_names.CORP_WORDS)
            or (len(tokens) > 1 and tokens[0] in _company_names.CORP_FIRST)
            or an._company_context(masked, start, end)
        ):
            companies.add(key)
    people = person_keys - companies
    return {i for i, (_s, _e, tokens) in enumerate(mentions) if tokens[-1] in people}


_NAMES = {
    "en": [
        "Laura Chen",
        "Chen",
        "Mr. Frey",
        "Frey",
        "Acme Group",
        "Acme",
        "Initech (INTC)",
        "Initech",
        "OpenAI",
        "Harbor Bank",
        "CEO Smith",
        "Smith",
        "Google, which",
        "Jane Doe",
    ],
    "fr": [
        "Anne Le Bihan",
        "Le Bihan",
        "Mme Martin",
        "Martin",
        "chez Renault",
        "Renault",
        "Groupe Renault",
        "Christine Lagarde",
        "Lagarde",
        "Selon Lagarde",
        "Il",
    ],
    "de": [
        "Herr Frey",
        "Frey",
        "EZB-Präsidentin Christine Lagarde",
        "Lagarde",
        "Siemens AG",
        "Siemens",
        "der Konzern Bosch",
        "Bosch",
        "Anna Weber",
        "Weber",
    ],
}
_FILLER = {
    "en": [
        "said on Tuesday.",
        "shares fell 3%.",
        "the company said.",
        "he said.",
        "“We will grow,”",
    ],
    "fr": ["a déclaré mardi.", "a-t-il ajouté.", "l’entreprise a dit.", "« Nous allons croître »,"],
    "de": ["sagte am Dienstag.", "der Konzern teilte mit.", "„Wir wachsen“, sagte er."],
}


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_lazy_person_registry_equals_the_eager_one(lang: str) -> None:
    rnd = random.Random(len(lang))
    decided = 0
    for _ in range(60):
        parts = []
        for _ in range(rnd.randint(3, 30)):
            parts.append(rnd.choice(_NAMES[lang]) + " " + rnd.choice(_FILLER[lang]))
            if rnd.random() < 0.2:
                parts.append("\n\n")
        an = _analysis(" ".join(parts), lang)
        people = _eager_people(an)
        assert {i for i in range(len(an._m_start)) if an._is_person(i)} == people
        decided += len(people)
    assert decided > 50


# --------------------------------------------------------------------------- timeouts


def test_only_shipped_sections_run_without_the_timeout(packs) -> None:
    """The built-in sections are searched directly (a timeout costs ~2 µs a call); a pack
    that replaces one (a user's or plugin's pattern, never reviewed) keeps the engine's
    timeout, including when the English fallback fills a section it lacks."""
    en = packs["en"]
    lexicons = dict(en.lexicons)
    lexicons["speech-verbs"] = ["said", {"re": "(?:a+)+b"}]
    user = LanguagePack({"lang": "en", "lexicons": lexicons})
    no_verbs = LanguagePack({"lang": "xx", "lexicons": {"speaker-pronouns": ["he"]}})
    article: Article = TextReader().read("a.txt", "A headline\n\n“Words said here,” he said.\n")
    for pack, untimed in ((en, True), (packs["fr"], True), (user, False), (no_verbs, False)):
        assert _quote_patterns._PackPatterns(pack, en).trusted is untimed, pack.lang
        _quote_patterns._PACK_PATTERNS.clear()
        ctx = RuleContext({}, pack.lang, pack, {**packs, "en": en}, article)
        analysis = _QuoteAnalysis(article, ctx)
        assert (analysis.finditer == ctx.finditer) is not untimed, pack.lang
        assert (analysis.search == ctx.search) is not untimed, pack.lang


# --------------------------------------------------------------------------- start-up


def test_records_are_no_dataclasses() -> None:
    """Defining a dataclass costs about a millisecond of import time on every ``newslint``
    call (and ``dataclasses`` itself ten): the quote records are a ``NamedTuple`` and a
    class with ``__slots__``."""
    from newslint.rules import _quote_marks, _quote_speakers, _quotes

    assert issubclass(_quotes.Quote, tuple)
    assert _quotes.Quote._fields[:4] == ("start", "end", "inner_start", "inner_end")
    assert "__slots__" in vars(_quote_marks.Raw)
    for module in (_quotes, _quote_marks, _quote_speakers, _people, _quote_patterns):
        assert not {"dataclass", "dataclasses"} & set(vars(module)), module.__name__
        assert not any(hasattr(v, "__dataclass_fields__") for v in vars(module).values())
