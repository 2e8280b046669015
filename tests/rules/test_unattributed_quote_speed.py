"""The quote analysis' fast paths give exactly what the plain computations give.

Each shortcut of the speed work is compared with the computation it replaces, on many texts:
the first-character dispatch of the lexicon alternations with the pack's own patterns, the
"may this pattern match an empty window" analysis with what the engine does, the per-word
lower-case test with the full word set, and the lazily decided person registry with the
eager one. A last group checks that the work grows linearly with the article.
"""

from __future__ import annotations

import random
import time

import newslint
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


# --------------------------------------------------------------------------- dispatch


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", "zh"])
def test_dispatched_patterns_match_like_the_pack_patterns(packs, lang: str) -> None:
    rnd = random.Random(7)
    texts = _samples(packs, lang, 250, seed=len(lang))
    changed = matched = 0
    for section in SECTIONS:
        plain = packs[lang].pattern(section)
        if plain is None:
            continue
        fast = _quote_patterns._factored(plain)
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


def test_dispatch_groups_by_first_character_and_keeps_the_order() -> None:
    assert _quote_patterns._dispatch("abc|abd|b|x") == "a(?:bc|bd)|b|x"
    # "a" is tried before "ab", as written: at "ab" the match is still "a".
    p = regex.compile(_quote_patterns._dispatch("a|x|ab|y"))
    assert p.pattern == "a(?:|b)|x|y"
    assert p.match("ab").group() == "a"
    # Upper and lower case share a key (the pattern may ignore case) but not a prefix.
    assert _quote_patterns._dispatch("Ab|ac|x") == "(?:Ab|ac)|x"
    # Anything that is not a plain literal first keeps the alternation as written.
    for source in ("[ab]c|ad|ae", r"\s+a|ab|ac", "a?b|ab|ac", "(?:a)|ab|ac"):
        assert _quote_patterns._dispatch(source) == source
    # A letter that matches an ASCII one case-insensitively (Kelvin sign, long s) has no key.
    assert _quote_patterns._first_key("\u212aelvin") is None
    assert _quote_patterns._first_key("\u017fo") is None
    assert _quote_patterns._first_key("éclat") == "\x00"
    # Nested groups are regrouped too; lookarounds are left alone.
    assert _quote_patterns._dispatch("(?:dit|déclare|x)y|z") == "(?:d(?:it|éclare)|x)y|z"
    assert _quote_patterns._dispatch("(?=ab|ac|ad)a|b") == "(?=ab|ac|ad)a|b"


def test_patterns_with_groups_or_flags_are_not_regrouped() -> None:
    for source in (r"(a)bc|(a)bd|x\1", "(?i)abc|abd|x"):
        pattern = regex.compile(source)
        assert _quote_patterns._dispatched(pattern, source) is pattern


# --------------------------------------------------------------------------- empty windows


@pytest.mark.parametrize(
    ("source", "consumes"),
    [
        ("abc", True),
        ("a?", False),
        ("a*b", True),
        ("(?:a|b?)", False),
        ("(?:a|b)", True),
        ("(?<=x)", False),
        (r"(?<![\p{L}\p{N}])said(?![\p{L}\p{N}])", True),
        (r"\bx", True),
        (r"\b", False),
        ("x{0,3}", False),
        ("x{1,3}", True),
        ("(?i:a)", True),
        ("(?i)", False),
        (r"(?:(?m:^)|(?<=[.!?]\s{1,3}))pour(?=\s+)", True),
        ("[]]", True),
        (r"\p{Lu}?", False),
        (r"\p{Lu}", True),
        (r"\1", False),
        ("a|", False),
        ("", False),
        ("(?P<n>a)", False),
        ("^$", False),
        (r"\s*", False),
        (r"\s+", True),
    ],
)
def test_consumes(source: str, consumes: bool) -> None:
    assert _quote_patterns._consumes(source) is consumes
    if consumes:  # then no empty match anywhere in a text full of chances
        text = "ab x said\n pour  a. b"
        pattern = regex.compile(source)
        assert all(
            m.end() > m.start() for p in range(len(text)) for m in [pattern.match(text, p)] if m
        )


def _structure_by_character(source: str, start: int = 0) -> list[tuple[int, str]]:
    """The plain reading ``_structure`` replaces: one step per character, escapes skip two,
    a set starts at ``[`` (an optional ``^`` then ``]`` first are literal) and ends at the
    next ``]``."""
    out: list[tuple[int, str]] = []
    i, in_set = start, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
            if source[i + 1 : i + 2] == "^":
                i += 1
            if source[i + 1 : i + 2] == "]":
                i += 1
        elif ch in "()|":
            out.append((i, ch))
        i += 1
    return out


def test_structure_scan_reads_patterns_like_a_character_walk(packs) -> None:
    """The start-up fast path (one C-level scan for structure characters) finds exactly the
    parentheses and bars a character-by-character walk finds: on every shipped section and
    on random sources full of escapes, sets (``[]…]``, ``[^]…]``, never closed) and groups."""
    sources = [
        pat.pattern
        for pack in packs.values()
        for section in SECTIONS
        if (pat := pack.pattern(section)) is not None
    ]
    rnd = random.Random(23)
    alphabet = [*"ab(?:)|[]^\\.xé-", "(?:", "(?<!", "[^]", "[]", "\\(", "\\|", "\\[", "\\]"]
    alphabet += ["(?=", "*", "{2}", "(?i:", "\\p{L}", "[^\\]]"]
    sources += [
        "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(3000)
    ]
    for source in sources:
        for start in {0, len(source) // 2}:
            expected = _structure_by_character(source, start)
            assert _quote_patterns._structure(source, start) == expected, (source, start)
        for i, ch in enumerate(source):
            if ch == "(":
                depth, want = 0, -1
                for j, c in _structure_by_character(source, i):
                    depth += {"(": 1, ")": -1}.get(c, 0)
                    if c == ")" and depth == 0:
                        want = j
                        break
                assert _quote_patterns._closing_paren(source, i) == want, (source, i)


def test_every_built_in_section_consumes(packs) -> None:
    for pack in packs.values():
        tables = _quote_patterns._PackPatterns(pack, packs["en"])
        assert tables.consuming["speech-verbs"], pack.lang
        for section, pattern in tables.patterns.items():
            assert pattern is None or _quote_patterns._consumes(pattern.pattern), section


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


# --------------------------------------------------------------------------- linear growth


_OTHERS = (
    "missing-disclaimer",
    "missing-editor-credit",
    "unsourced-figure",
    "related-links-residue",
)


def _seconds(text: str, lang: str) -> float:
    config = {"rules": {name: "off" for name in _OTHERS}}
    best = float("inf")
    for _ in range(5):  # CPU time, best of five: other processes share the machine
        start = time.thread_time()
        newslint.lint_text(text, path="a.txt", lang=lang, config=config)
        best = min(best, time.thread_time() - start)
    return best


@pytest.mark.parametrize(
    ("unit", "lang"),
    [
        # One huge paragraph of attributed and unattributed quotes, names and pronouns.
        (
            "Laura Chen of Acme Group said revenue rose. “We will keep every plant open,” "
            "she said. “Nobody expected the decision to come so soon.” ",
            "en",
        ),
        # French: a speech verb after the quote, a company, a colon introduction.
        (
            "Selon Anne Le Bihan, chez Renault, les ventes montent. Elle a déclaré : « Nous "
            "allons ouvrir trois usines cette année. » « Ce n’est pas fini », a-t-elle ajouté. ",
            "fr",
        ),
        # Pronouns with only companies before them: every look-back finds no person.
        (
            "Acme Bank Corp and Initech Group said revenue rose at Globex Holdings. "
            "“We will keep every plant open for now,” he said. ",
            "en",
        ),
        # Unmatched marks amid prose.
        ("“ Il a dit « oui » et “ puis ‘ rien. ", "fr"),
    ],
    ids=["en-paragraph", "fr-paragraph", "companies-only", "stray-marks"],
)
def test_work_grows_linearly(unit: str, lang: str) -> None:
    headline = "A headline for the test\n\n"
    small = _seconds(headline + unit * 400, lang)
    large = _seconds(headline + unit * 1600, lang)
    assert large < 8 * small, (small, large)  # 4× the text: well under 16× the time


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
