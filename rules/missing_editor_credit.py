"""Reports an article with no line crediting its editor.

What it checks
    Whether the article names the editor who handled it: "Editing by Jane Smith",
    "(Reporting by A; Editing by B and C)" and its wire variants (no semicolon, lower case,
    split over a line break), "Edited by X", "Editor: X", "Éditeur : X", "Édité par X",
    "(Reportage de X, édition de Y)", "责任编辑：X", "编辑：X", "責任編輯：X", "責編：X",
    "Redaktion: X", "Bearbeitet von X", "Editado por X", "Edición: X", or an ``editor:`` field
    in the front matter. Chinese labels may use "/", "|" or a space on a line of their own
    ("编辑/X", "编辑 | X", "每经编辑 X"); a translated agency credit may sit in a bracket after
    the reporters ("(A pour le service français, édité par X)"), and a credit may be followed
    by a note on its line ("… redigiert von X - Bei Rückfragen …"). Wire sign-offs, the desk
    editor's initials at the end of agency copy, count too: slash groups of initials
    ("…Satz./ab/cd", "(awp/ab/cd)", "ab/cd" or "ab/" on the last lines, "(ab)" after the
    last sentence, "News Desk (AB)") and a lone line of 2-4 capitals ending the article
    ("ABC"). A bare agency tag ("(dpa)", "(Reuters)", "(APA/dpa)", "EFE", listed in the
    packs' ``agency-tags``) names no editor; dates, fractions, "24/7", "A/B", URL paths and
    an acronym in brackets are no sign-off, nor is a lower-case tag after the last sentence
    ("… gesperrt. ab", a local author's initials). Sign-offs count only when the article has
    no credit line and no ``editor:`` field, so initials are never compared with a name.
    "Reporting by X" alone, a byline, an author bio that mentions the
    word editor, "Edited by" inside a sentence and "Editor:" with no name are not credits.
    When the front matter names an editor and the body's credit line names someone else,
    that disagreement is reported too.

Why it matters
    Newsroom policy (and press-council codes) require that a second person checked every
    story; the credit line is the published trace of that check.

Example
    Council approves new cycle lanes

    The city council voted on Tuesday to add four kilometres of protected cycle lanes.

    Reporting by Tom Brown

Use instead
    Council approves new cycle lanes

    The city council voted on Tuesday to add four kilometres of protected cycle lanes.

    Reporting by Tom Brown; Editing by Jane Smith

Options
    ``template``: the credit line in house style, with ``{editor}`` where the name goes,
    e.g. ``"Edited by {editor}"``; or one per language: ``{en: "Edited by {editor}", fr:
    "Édité par {editor}", default: "…"}``, picked by the article's effective language (a
    language without an entry uses ``default``, else the standard line below). The message
    quotes it with ``<name>`` in place of ``{editor}``. It does not change which lines count
    as credits. Turn the rule off per folder, front-matter value or language with config
    overrides.

Fix
    Add the credit line at the end of the article ("Editing by <name>", "Éditeur : <nom>",
    "责任编辑：<姓名>" …, or the ``template``), or set ``editor:`` in the front matter. When
    the two disagree, correct whichever is wrong. ``newslint check --fix --unsafe-fixes``
    (and the JSON/SARIF fix) inserts that line after the body with the placeholder
    (``{editor}``, or ``<name>``) left for a person to replace. Unsafe: the article keeps
    failing, the message pointing at that line, until a name is there; another ``--fix``
    run does not add the line again.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import regex
from newslint.findings import Hit, Severity
from newslint.i18n import N_
from newslint.language import LanguagePack
from newslint.lazy import lazy_regex
from newslint.rule import Option, PerLanguage, Rule, RuleContext
from newslint.rules._credit_names import metadata_editors, same_person
from newslint.rules._house import (
    end_excerpt,
    insert_after_body,
    no_credit_message,
    unsafe_fix,
)
from newslint.rules._lexicon import scan_section
from newslint.rules._signoff import wire_signoffs

if TYPE_CHECKING:
    from newslint.article import Article

#: Where a ``template`` puts the editor's name; the fix leaves it for a person to fill in.
PLACEHOLDER = "{editor}"
EXAMPLE_CREDIT = {
    "en": "Editing by <name>",
    "fr": "Éditeur : <nom>",
    "zh": "责任编辑：<姓名>",
    "de": "Redaktion: <Name>",
    "es": "Editado por <nombre>",
}
#: Why a candidate is not a credit: English in the evidence, translated in the message.
IN_SENTENCE = N_("inside a sentence, not a credit line")
NO_NAME = N_("no editor's name follows the label")
GOES_ON = N_("the line goes on as a sentence")
REPORTER = N_("names a reporter, not an editor")
MENTION = N_("mentions an editor but is not a credit line")

_PARTICLES = (
    r"(?:de|da|di|du|des|del|della|dos|das|do|van|von|der|den|ter|la|le|al|el|bin|"
    r"ibn|ben|af|zu|st\.?)"
)
_NAME_WORD = r"(?:(?-i:\p{Lu})[\p{L}\p{M}'’.-]*|" + _PARTICLES + r")"
#: A Latin-script name: capitalised words (particles inside), at most six.
_LATIN_NAME = lazy_regex(
    rf"(?-i:\p{{Lu}})[\p{{L}}\p{{M}}'’.-]*(?:[ \t]+{_NAME_WORD}){{0,5}}",
    regex.IGNORECASE | regex.V0,
)
_LOWER_WORD = r"(?!(?:and|et|und|y|e|in|at|for)\b)\p{Ll}[\p{L}\p{M}'’.-]+"
_LOWER_NAME = lazy_regex(rf"{_LOWER_WORD}(?:[ \t]+{_LOWER_WORD}){{0,3}}")
_HAN_NAME = lazy_regex(r"\p{Han}(?:[\p{Han}·•]){1,9}")
_NEXT_LABEL = lazy_regex(r"[ \t]*[:：]")
_HAN_START = lazy_regex(r"\p{Han}")
_LABEL_COLON = lazy_regex(r"[ \t]*[:：][ \t]*")
_LINE_GAP = lazy_regex(r"[ \t]*(?:\r\n|\r|\n)?[ \t]*")
_NEXT_LINE = lazy_regex(r"(?:\r\n|\r|\n)[ \t]*([^\r\n]{0,60})(?:\r\n|\r|\n|$)")
_LINE_PUNCT = lazy_regex(r"[.!?。：:]")
_SENTENCE_PUNCT = lazy_regex(r"[.!?。]")
_SENTENCE_END = lazy_regex(r"[.!?]$")
_WORD_STOP = lazy_regex(r"(\p{L}{2,})\.(?=[ \t])")
_HAN_SEPARATOR = lazy_regex(r"[ \t\u3000]*[/／|｜][ \t\u3000]*|[ \t\u3000]+")
#: What may end a credit on its line: a dash, a bar, or a full stop or semicolon and a space.
_CREDIT_STOP = lazy_regex(r"(?:[-–—|]|[.;](?=[ \t]))")
_NAME_SEP = lazy_regex(
    r"[ \t]*(?:,|/|&|、|，|\band\b|\bet\b|\bund\b|\by\b|\be\b|和|与|與|及)[ \t]*|[ \t]+(?=\p{Han})",
    regex.IGNORECASE | regex.V0,
)
_PLACEHOLDERS = {
    "tbd",
    "tba",
    "n/a",
    "na",
    "none",
    "unknown",
    "nobody",
    "xxx",
    "name",
    "nom",
    "staff",
    "待定",
    "无",
    "無",
    "nn",
    "n.n.",
}
#: Lower-case particles that may sit inside a name but never end one.
_PARTICLE_WORDS = {
    "de",
    "da",
    "di",
    "du",
    "des",
    "del",
    "della",
    "dos",
    "das",
    "do",
    "van",
    "von",
    "der",
    "den",
    "ter",
    "la",
    "le",
    "al",
    "el",
    "bin",
    "ibn",
    "ben",
    "af",
    "zu",
    "st",
    "st.",
}


class MissingEditorCredit(Rule):
    code = "NL102"
    name = "missing-editor-credit"
    summary = "An article with no line crediting its editor, or one contradicting the front matter."
    severity = Severity.ERROR
    article_level = True
    options: ClassVar[dict[str, Option]] = {
        "template": Option(
            "",
            PerLanguage,
            help="The credit line a fix adds, with {editor} where the name goes, or one per "
            "language (empty: a standard line).",
            placeholder=PLACEHOLDER,
        ),
    }

    def check(self, article: Article, ctx: RuleContext) -> Iterator[Hit]:
        if not article.text.strip():
            return  # an empty file has no article to credit
        credits, rejected = find_credits(article, ctx)
        meta = metadata_editors(article)
        evidence: dict[str, Any] = {
            "scope": "article",
            "credits": [{"text": c["text"], "names": c["names"]} for c in credits],
            "rejected": rejected,
        }
        if meta:
            evidence["front_matter_editor"] = meta
        if meta and credits:
            body_names = [n for c in credits for n in c["names"]]
            if not any(same_person(a, b) for a in meta for b in body_names):
                first = credits[0]
                yield Hit(
                    first["name_start"],
                    first["name_end"],
                    ctx.t(
                        "The front matter names editor {editor} but the credit line names "
                        "{names}: make them agree."
                    ).format(editor=_join(meta), names=_join(body_names)),
                    {**evidence, "verdict": "editor mismatch"},
                )
                return
        if credits or meta:
            ctx.note({**evidence, "verdict": "editor credit found"})
            return
        end = ctx.analysis.residue.body_end
        template = ctx.for_language("template").strip()
        line = template or EXAMPLE_CREDIT.get(ctx.lang, EXAMPLE_CREDIT["en"])
        shown = line.replace(PLACEHOLDER, "<name>") if template else line
        # Only Markdown articles have front matter to name the editor in.
        message = no_credit_message(
            ctx.t, rejected, shown, bool(template), article.format == "markdown"
        )
        if template:
            evidence["template"] = template
        # Unsafe: the placeholder stays for a person to replace with the editor's name, and
        # the article keeps failing until they do.
        edit = insert_after_body(article, end, line)
        title = ctx.t("Add an editor credit line at the end of the article")
        # Anchored at the end of the body, where the credit goes; the excerpt shows it.
        fix = unsafe_fix(article, title, (edit,))
        yield Hit(max(0, end - 1), end, message, evidence, fix, end_excerpt(article, end))


def _join(names: list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


# --------------------------------------------------------------------------- credits


def _line_prefix(text: str, pos: int) -> str:
    """Text from the start of the line (or an opening bracket/semicolon) up to ``pos``."""
    line_start = text.rfind("\n", 0, pos) + 1
    prefix = text[line_start:pos]
    cut = max(prefix.rfind(ch) for ch in "(（[【;；|")
    return prefix[cut + 1 :] if cut >= 0 else prefix


def _parse_names(text: str, pos: int, end: int) -> tuple[list[str], int, int]:
    """Names starting at ``pos``: (names, start, end); empty when none is there.

    Names are capitalised, except on a line written entirely in lower case ("(reporting by
    tom brown; editing by jane smith)"), where lower-case words are accepted as names.
    """
    names: list[str] = []
    cursor = last_end = pos
    line = text[text.rfind("\n", 0, pos) + 1 : end]
    lower = line == line.lower() and any(ch.isalpha() for ch in line)
    while cursor < end and len(names) < 6:
        m = (
            _HAN_NAME.match(text, cursor, end)
            or _LATIN_NAME.match(text, cursor, end)
            or (_LOWER_NAME.match(text, cursor, end) if lower else None)
        )
        if m is None:
            break
        name = _trim_name(_before_sentence_end(m.group()))
        if not name or name.casefold() in _PLACEHOLDERS:
            break
        after = m.start() + len(name)
        if _NEXT_LABEL.match(text[after : after + 3]):
            break  # the next label ("校对：…"), not a name
        names.append(name)
        cursor = last_end = after
        sep = _NAME_SEP.match(text, cursor, end)
        if sep is None:
            break
        cursor = sep.end()
    return names, pos, last_end


def _before_sentence_end(raw: str) -> str:
    """A name stops at a full stop that ends a sentence ("Anna Müller. Bei Rückfragen …"),
    not at an initial's ("J. Smith") or a particle's ("St. John")."""
    for m in _WORD_STOP.finditer(raw):
        if m.group(1).casefold() not in _PARTICLE_WORDS:
            return raw[: m.end(1)]
    return raw


def _trim_name(raw: str) -> str:
    words = raw.split()
    while words and words[-1].casefold() in _PARTICLE_WORDS:
        words.pop()
    if words and len(words[-1]) <= 2 and words[-1].endswith("."):
        return " ".join(words)  # keep an initial's full stop: "Smith J."
    return " ".join(words).rstrip(".,;:'’-")


def find_credits(
    article: Article, ctx: RuleContext
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Editor credits in the text, and the candidates rejected with the reason why."""
    text = article.text
    credits: list[dict[str, Any]] = []
    rejected: list[dict[str, str]] = []
    taken: set[int] = set()
    for pack in ctx.analysis.packs_in_order:
        for section, needs_colon in (("editor-by", False), ("editor-labels", True)):
            for _label, m in scan_section(ctx, pack, section, text):
                if m.start() in taken:
                    continue
                if _judge(text, m, needs_colon, pack, ctx, credits, rejected):
                    taken.update(range(m.start(), m.end()))
    if not credits and not metadata_editors(article):
        # Initials name no one the front matter could be checked against: used only when
        # there is no credit line and no `editor:` field.
        credits = wire_signoffs(article, ctx, ctx.analysis.residue.body_end)
    _reporter_only(article, ctx, credits, rejected)
    _editor_mentions(article, ctx, taken, rejected)
    credits.sort(key=lambda c: c["name_start"])
    return credits, rejected


def _judge(
    text: str,
    m: regex.Match[str],
    needs_colon: bool,
    pack: LanguagePack,
    ctx: RuleContext,
    credits: list[dict[str, Any]],
    rejected: list[dict[str, str]],
) -> bool:
    """Judge one label match; False when it is no credit candidate at all."""
    label = m.group()
    han = bool(_HAN_START.match(label))
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    snippet = text[m.start() : min(line_end, m.end() + 60)].strip()
    colon = _LABEL_COLON.match(text[m.end() : m.end() + 4])
    # "编辑/王某", "编辑 | 王某", "每经编辑 王某": a Han label line with another separator.
    loose = _loose_han_label(text, m, line_end) if han and needs_colon and not colon else None
    if needs_colon and colon is None and loose is None:
        return False  # "the editor of the magazine": a mention, reported separately
    pos = m.end() + (colon.end() if colon else 0)
    if loose is not None:
        pos = loose
    elif not colon:
        ws = _LINE_GAP.match(text[pos : pos + 8])
        pos += ws.end() if ws else 0
    elif pos >= line_end or not text[pos:line_end].strip():
        # "Editor:" at the end of a line: the name may stand alone on the next line.
        nxt = _NEXT_LINE.match(text[pos:])
        if nxt is not None and not _LINE_PUNCT.search(nxt.group(1)):
            pos += nxt.start(1)
    prefix = _line_prefix(text, m.start()).strip(" \t*_#>-–—•")
    listed = not han and _in_bracket_list(text, m.start(), prefix)
    if not han and prefix and not listed:
        reporter = pack.pattern("reporter-labels")  # built when first needed
        chained = reporter is not None and ctx.search(reporter, prefix) is not None
        short_title = (
            needs_colon and len(prefix.split()) <= 3 and not _SENTENCE_PUNCT.search(prefix)
        )
        after_sentence = not needs_colon and _SENTENCE_END.search(prefix) is not None
        if not (chained or short_title or after_sentence):
            rejected.append({"text": snippet, "reason": IN_SENTENCE})
            return True
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    names, n_start, n_end = _parse_names(text, pos, end)
    if not names:
        rejected.append({"text": snippet, "reason": NO_NAME})
        return True
    rest = text[n_end:end].strip()
    if listed and not (rest.startswith((")", "）")) or _CREDIT_STOP.match(rest)):
        rejected.append({"text": snippet, "reason": IN_SENTENCE})
        return True
    if loose is not None and (rest or any(len(n) > 4 for n in names if _HAN_START.match(n))):
        return False  # "编辑 部门负责人表示…": prose, reported as a mention
    if "?" in rest or "？" in rest or (len(rest.split()) > 8 and not _CREDIT_STOP.match(rest)):
        # "Editor: What changed this year?" is an interview question, not a credit; a
        # credit may be followed by a separate note ("… - Bei Rückfragen wenden Sie sich…").
        rejected.append({"text": snippet, "reason": GOES_ON})
        return True
    credits.append({"text": snippet, "names": names, "name_start": n_start, "name_end": n_end})
    return True


def _loose_han_label(text: str, m: regex.Match[str], line_end: int) -> int | None:
    """Where the name starts after a Han label written with "/", "|" or a space instead of a
    colon; None unless the label opens its line (after at most a short Han prefix such as
    每经, the outlet's name) and a Han character follows."""
    sep = _HAN_SEPARATOR.match(text, m.end(), line_end)
    if sep is None or sep.end() == m.end() or not _HAN_START.match(text, sep.end()):
        return None
    prefix = _line_prefix(text, m.start()).strip(" \t*_#>-–—•【[")
    if len(prefix) > 4 or not all(_HAN_START.match(ch) for ch in prefix):
        return None
    return sep.end()


def _in_bracket_list(text: str, pos: int, prefix: str) -> bool:
    """True for a label inside a credit bracket after a comma: "(Jane Roe, édité par …)",
    "(Reporter: A, redigiert von B. …)". The bracket opens its line or follows a sentence."""
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    opening = max(line.rfind("("), line.rfind("（"))
    if opening < 0 or line.rfind(")") > opening or not prefix.endswith((",", "，", ";")):
        return False
    before = line[:opening].rstrip()
    return not before or _SENTENCE_PUNCT.search(before[-1]) is not None


def _reporter_only(
    article: Article,
    ctx: RuleContext,
    credits: list[dict[str, Any]],
    rejected: list[dict[str, str]],
) -> None:
    """Record "Reporting by X" lines as rejected when no editor credit was found."""
    if credits:
        return
    for pack in ctx.analysis.packs_in_order[:1]:
        for _label, m in scan_section(ctx, pack, "reporter-labels", article.text):
            if article.text[m.end() : m.end() + 1] not in (" ", ":", "：", "\t"):
                continue
            prefix = _line_prefix(article.text, m.start()).strip(" \t*_#>-–—•")
            if prefix:
                continue
            end = article.text.find("\n", m.start())
            snippet = article.text[m.start() : end if end >= 0 else None].strip()[:80]
            rejected.append({"text": snippet, "reason": REPORTER})


def _editor_mentions(
    article: Article, ctx: RuleContext, taken: set[int], rejected: list[dict[str, str]]
) -> None:
    for _label, m in scan_section(ctx, ctx.pack, "editor-words", article.text):
        if m.start() in taken:
            continue
        index = article.block_index_at(m.start())
        lo, hi = (
            (0, len(article.text))
            if index is None
            else (article.blocks[index].start, article.blocks[index].end)
        )
        snippet = " ".join(article.text[max(lo, m.start() - 30) : min(hi, m.end() + 30)].split())
        rejected.append({"text": snippet, "reason": MENTION})
        if len(rejected) > 12:
            return
