"""Reports a direct quote that is not tied to anyone who said it.

What it checks
    Every direct quotation, in every language's marks (“…” "…" « … » „…“ »…« ‚…‘ ‘…’ 「…」
    『…』, French spacing with no-break spaces, quotes never closed, quotes running over
    several paragraphs), must be tied to a speaker: by a speech or reporting verb in the same
    sentence ("said", "a déclaré", "表示", "sagte", "dijo", "according to", "selon", "laut",
    "según"…), before or after the quote ("“…,” said Smith", "« … », a-t-il ajouté", "„…“,
    sagte er", "« … », promet X"), by an introducing sentence that ends with a colon ("Il a
    déclaré : « … »"), or by a pronoun or description ("he", "elle", "他", "the 61-year-old",
    "ce cofondateur") that refers back to a person already named (a company does not count).
    A later quote in the same paragraph as an attributed one continues it; a quote paragraph
    standing on its own needs its own attribution. A partial quote woven into its sentence
    ("Weber hailed him as “a great trade unionist of the old school”", "Er habe „keine
    Ahnung, wie …“") belongs to the sentence's subject, or to the person reported just
    before when it is reported speech (lower-case start, German Konjunktiv I). Not checked:
    short quoted terms and scare quotes (« bulle », "cheaper"), titles and slogans named
    inside a sentence, a headline's catchphrase (a headline quote of several sentences is
    a statement and is checked) and a related-links tail. The apostrophe ’ (d’ici,
    don’t) is never a quote mark.

Why it matters
    An unattributed quote puts words in nobody's mouth: readers cannot weigh them, and the
    publisher carries them alone. Newsroom style requires every direct quote to name its
    speaker.

Example
    Acme cuts jobs in its German plants

    Acme is cutting 200 jobs at its plants in Saxony, starting in March.

    “We cannot keep every factory open forever, whatever the unions say.”

Use instead
    Acme cuts jobs in its German plants

    Acme is cutting 200 jobs at its plants in Saxony, starting in March.

    “We cannot keep every factory open forever, whatever the unions say,” said chief
    executive John Smith.

Options
    ``min-words`` (integer, default 4): quotes with fewer words are quoted terms, not quotes
    to attribute. ``min-chars`` (integer, default 8): the same for Chinese, counted in Han
    characters. ``carry-over`` (``strict``, the default, or ``paragraph``): a quote paragraph
    standing alone right after an attributed quote of the same person is flagged under
    strict newsroom style (the message names whose quote it follows); ``paragraph`` accepts
    it as that person's. ``multi-paragraph`` (``each``, the default, or ``whole``): a quote
    whose mark is reopened at each paragraph ("“… ⏎ “… ⏎ “…”") is one quote under one
    attribution with ``whole``; with ``each`` (and strict carry-over) every reopened
    paragraph with no speaker of its own is a carry-over, and so is a first paragraph that
    stands alone after the same speaker's quote when the speaker is named only later.
    ``anonymous`` (``person``, the default, ``accept`` or ``flag``): whether a quote credited
    only to an unnamed speaker passes. ``person`` accepts one unnamed person ("a neighbour
    said", "erzählt ein Nachbar", "一位市民说") but flags a group or an indefinite "some" ("many
    parents said", "einige Anwohner sagten", "不少家长表示", "网友纷纷留言",
    "有分析师指出"): nobody in particular said those words. ``accept`` passes both, ``flag``
    flags both. An official role ("a spokeswoman", "有关部门") or a named organisation ("an
    analyst at Acme") is a source either way.

    Where the text is ambiguous (the only candidate speaker is an organisation, or the
    paragraph before reports a pronoun's words), the finding is marked ``ambiguous``; the
    config's ``ambiguous-severity`` can lower such findings.

Fix
    None automatic: say who said it, e.g. "…,” she said", "Il a déclaré : « … »",
    "„…“, sagte er", "……”他说。" A pronoun needs the person named earlier in the article.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar

from newslint.findings import Hit, Severity
from newslint.lazy import lazy_regex
from newslint.rule import Option, Rule, RuleContext
from newslint.rules._quotes import Quote

if TYPE_CHECKING:
    from newslint.article import Article

#: A sentence ending inside a quote, another one following.
_SENTENCE_BREAK = lazy_regex(r"[.!?…。！？][ \u00a0]+\S|[。！？]\S")
#: Where the first clause of a quote paragraph ends: punctuation or a nested quote's mark.
_CLAUSE_END = lazy_regex(r"[,;:.!?…，。；：！？«»“”„‚‘\"「」『』]")


class UnattributedQuote(Rule):
    code = "NL201"
    name = "unattributed-quote"
    summary = "A direct quote must be attributed to a speaker."
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Option]] = {
        "min-words": Option(
            4, int, help="quotes shorter than this many words are terms", minimum=1
        ),
        "min-chars": Option(8, int, help="the same for Chinese, in Han characters", minimum=1),
        "anonymous": Option(
            "person",
            choices=("person", "accept", "flag"),
            help="person: an unnamed person passes, a group ('many parents said') fails; "
            "accept: both pass; flag: both fail",
        ),
        "carry-over": Option(
            "strict",
            choices=("strict", "paragraph"),
            help="paragraph: a quote paragraph right after an attributed quote continues it",
        ),
        "multi-paragraph": Option(
            "each",
            choices=("whole", "each"),
            help="each: every paragraph of a quote reopened over paragraphs is judged on its "
            "own (with strict carry-over, one with no speaker of its own is flagged)",
        ),
    }

    def check(self, article: Article, ctx: RuleContext) -> Iterator[Hit]:
        min_words = int(ctx.options.get("min-words", 4))
        min_chars = int(ctx.options.get("min-chars", 8))
        # A pass's evidence is only kept by --explain (``RuleContext.note`` drops it
        # otherwise): most quotes pass, so it is built only when it is kept.
        carry_over = ctx.options.get("carry-over", "strict") == "paragraph"
        each = ctx.options.get("multi-paragraph", "each") == "each" and not carry_over
        anonymous = ctx.options.get("anonymous", "person")
        note = getattr(ctx, "note", None) if getattr(ctx, "explain", True) else None
        previous: Quote | None = None
        for quote in ctx.analysis.quotes:
            before, previous = previous, quote
            exempt = _exemption(quote, min_words, min_chars, article.text)
            if exempt is None and ctx.analysis.residue.covers(quote.start):
                exempt = "in a related-links tail"  # another story's headline
            carried = None if quote.attributed else _carries(article, before, quote)
            unnamed = (
                quote.attributed
                and quote.anonymous
                and (anonymous == "flag" or (anonymous == "person" and quote.crowd))
            )
            if exempt is not None or (quote.attributed and not unnamed) or (carry_over and carried):
                if note is not None:  # pass evidence, for --explain
                    evidence = quote.evidence(article.text)
                    if carried and not quote.attributed and exempt is None:
                        evidence = {**evidence, "how": "carry-over", "speaker": carried}
                    note({**evidence, "exempt": exempt} if exempt else evidence)
                if each and exempt is None and quote.pieces and not unnamed:
                    yield from _piece_hits(article, quote, ctx)
                continue
            evidence = quote.evidence(article.text)
            opening = _opening(article.text[quote.inner_start : quote.inner_end])
            example = (ctx.lexicon("quote-suggestion") or ["“…,” she said"])[0]
            shown = f"{quote.open_mark}{opening}{quote.close_mark or ''}"
            t = ctx.t
            if unnamed:
                message = (
                    t(
                        "quote {shown} is credited only to an unnamed speaker, a group "
                        "({speaker}): name the source, or say why it cannot be named"
                    )
                    if quote.crowd
                    else t(
                        "quote {shown} is credited only to an unnamed speaker ({speaker}): "
                        "name the source, or say why it cannot be named"
                    )
                ).format(shown=shown, speaker=quote.speaker)
            elif carried:
                evidence["carry_over"] = carried
                message = t(
                    "quote {shown} stands alone after a quote of {speaker}: say again who "
                    "is speaking (e.g. {example})"
                ).format(shown=shown, speaker=carried, example=example)
            else:
                message = t(
                    "quote {shown} is not attributed: add who said this (e.g. {example})"
                ).format(shown=shown, example=example)
            yield Hit(quote.start, quote.end, message, evidence, ambiguous=quote.unsure)


def _piece_hits(article: Article, quote: Quote, ctx: RuleContext) -> Iterator[Hit]:
    """One carry-over finding per paragraph of a multi-paragraph quote that has no
    attribution of its own after the same speaker's words (strict ``carry-over``)."""
    speaker = _last_speaker(quote.speaker or "")
    example = (ctx.lexicon("quote-suggestion") or ["“…,” she said"])[0]
    text = article.text
    for start, end in quote.pieces:
        inner = text[start + 1 : end]
        if quote.close_mark and end == quote.end:
            inner = inner[: -len(quote.close_mark)]
        shown = f"{quote.open_mark}{_opening(inner.strip())}"
        evidence = {
            **quote.evidence(text),
            "quote": " ".join(inner.split())[:80],
            "attributed": False,
            "carry_over": speaker,
            "how": "paragraph of a multi-paragraph quote",
        }
        message = (
            f"quote {shown} stands alone after a quote of {speaker}: say again who is "
            f"speaking (e.g. {example})"
        )
        # The finding marks where the paragraph opens without a speaker: its first clause,
        # short of a quote nested in it (whose own verdict may differ).
        stop = _CLAUSE_END.search(text, start + 1, end)
        yield Hit(start, stop.start() if stop is not None else end, message, evidence)


def _last_speaker(speaker: str) -> str:
    """The person a speaker label ends on ("he → Smith" gives "Smith")."""
    return speaker.split("→")[-1].strip() if "→" in speaker else speaker


def _carries(article: Article, before: Quote | None, quote: Quote) -> str | None:
    """The speaker of the attributed quote that ``quote`` carries over, or None.

    A carry-over is a quote paragraph standing alone (nothing before the quote in its
    paragraph) right after a paragraph whose last quote is attributed: newsroom style
    usually wants the speaker named again, some styles accept it (``carry-over``)."""
    if before is None or not before.attributed or not before.speaker:
        return None
    if before.last_block != quote.first_block - 1:
        return None
    block = article.blocks[quote.first_block]
    if any(ch.isalnum() for ch in article.text[block.start : quote.start]):
        return None
    return _last_speaker(before.speaker)


def _speech_in_headline(quote: Quote, text: str) -> bool:
    """A headline quote that is a statement of several sentences ("« L’entame a été
    catastrophique. Je savais… »"), not a catchphrase: checked like any quote."""
    inner = text[quote.inner_start : quote.inner_end].rstrip(" .!?…。！？")
    return quote.closed and _SENTENCE_BREAK.search(inner) is not None


def _exemption(quote: Quote, min_words: int, min_chars: int, text: str) -> str | None:
    """Why a quote is not checked at all, or None."""
    if quote.in_headline and not _speech_in_headline(quote, text):
        return "in the headline"
    if quote.is_short(min_words, min_chars):
        unit = "characters" if quote.han else "words"
        limit = min_chars if quote.han else min_words
        return f"a quoted term: {quote.words} {unit}, fewer than {limit}"
    if quote.mention:
        return "a title or slogan named in a sentence"
    return None


def _opening(inner: str, words: int = 6) -> str:
    """The first words of a quote, for the message."""
    inner = " ".join(inner.split())
    if sum(1 for ch in inner[:40] if "\u4e00" <= ch <= "\u9fff") > 5:
        return inner[:12] + ("…" if len(inner) > 12 else "")
    parts = inner.split(" ")
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
