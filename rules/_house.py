"""What the article-level house rules (disclaimer, editor credit) show an editor.

Their findings point either at the end of the body (where a missing line goes) or at a line
that is there but wrong (a misplaced or reworded disclaimer). An editor reads the message and
the excerpt, not the rule's options: these helpers say *where* in words (a line number, the
text of the last line) and quote house wording in full, in the message language
(``t``: :mod:`newslint.i18n`; the house wording itself is the newsroom's and stays as is).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newslint.findings import Edit, Fix, Hit
from newslint.i18n import N_, Translator, english

if TYPE_CHECKING:
    from newslint.article import Article

#: Longest excerpt the engine keeps (``newslint.engine.EXCERPT_MAX``).
_EXCERPT_MAX = 80


def line_of(article: Article, offset: int) -> int:
    """The 1-based line of the original file holding text offset ``offset``."""
    return article.lines.position(article.smap.to_source(offset))[0]


def end_excerpt(article: Article, end: int) -> str:
    """The last line of the body up to ``end``, as the excerpt of a finding anchored there.

    A long last line (a closing paragraph) keeps its *end*, where the addition goes:
    "…does not constitute investment advice." rather than the paragraph's first words.
    """
    text = article.text
    start = text.rfind("\n", 0, end) + 1
    line = " ".join(text[start:end].split())
    if len(line) > _EXCERPT_MAX:
        line = "…" + line[-(_EXCERPT_MAX - 1) :].lstrip()
    return line


def quote(text: str) -> str:
    """House wording in full, on one line, between double quotes (never cut: the editor
    must be able to copy it)."""
    return '"' + " ".join(text.split()) + '"'


def insert_after_body(article: Article, end: int, text: str) -> Edit:
    """An edit adding ``text`` as a new paragraph (or line) after text offset ``end``: after
    the end of its source line, so that closing Markdown markup (``*``, ``**``, a link's
    target) stays on that line and the new paragraph is not inside it."""
    src = _line_end(article.source, article.smap.to_source(end, is_end=True))
    return Edit(src, src, separator(article) + text)


def separator(article: Article) -> str:
    """A blank line where the article separates paragraphs with one, else a line break; in
    the article's own line endings."""
    newline = "\r\n" if "\r\n" in article.source else "\n"
    return newline * 2 if newline * 2 in article.source else newline


def move_block(article: Article, start: int, end: int, body_end: int) -> tuple[Edit, ...]:
    """Edits moving the block(s) at text ``start``..``end`` after ``body_end``: cut the
    block's source lines up to the next block's (the blank line goes with it), paste them
    (Markdown markup kept) as the last paragraph. Empty when no block follows before the
    end (then there is nothing to move past)."""
    following = [b for b in article.blocks if b.start >= end]
    if not following or following[0].start >= body_end:
        return ()
    source = article.source
    # Whole source lines: Markdown markup ("**", "> ", "# ") sits before the block's text.
    cut_start = source.rfind("\n", 0, article.smap.to_source(start)) + 1
    cut_end = source.rfind("\n", 0, article.smap.to_source(following[0].start)) + 1
    last = article.smap.to_source(end, is_end=True)
    line_end = source.find("\n", last)
    moved = source[cut_start : len(source) if line_end < 0 else line_end].strip()
    if cut_end <= cut_start or not moved:
        return ()
    return (Edit(cut_start, cut_end, ""), insert_after_body(article, body_end, moved))


def delete_lines(article: Article, start: int, end: int) -> tuple[Edit, ...]:
    """An edit deleting the whole source lines that hold text ``start``..``end`` (Markdown
    markup and links on them go too), with the blank lines that set them apart. Empty when
    other prose of the article shares those lines: only the block itself may go."""
    text, source, smap = article.text, article.source, article.smap
    src_s, src_e = smap.to_source(start), smap.to_source(end, is_end=True)
    line_s = max(source.rfind("\n", 0, src_s), source.rfind("\r", 0, src_s)) + 1
    line_e = _line_end(source, src_e)
    before = len(text[:start].rstrip())
    after = len(text) - len(text[end:].lstrip())
    if (before and smap.to_source(before, is_end=True) > line_s) or (
        after < len(text) and smap.to_source(after) < line_e
    ):
        return ()
    if after < len(text):  # something follows: take the lines and the blank lines after
        rest = source[line_e:]
        return (Edit(line_s, line_e + len(rest) - len(rest.lstrip()) - _indent(rest), ""),)
    # Last in the file: from the end of what precedes, keeping the file's final line break.
    keep = len(source[:line_s].rstrip())
    return (Edit(keep, line_e, ""),)


def _line_end(source: str, offset: int) -> int:
    ends = [i for i in (source.find("\n", offset), source.find("\r", offset)) if i >= 0]
    return min(ends) if ends else len(source)


def _indent(rest: str) -> int:
    """Spaces before the next line's first character (they belong to that line)."""
    stripped = rest.lstrip()
    line_start = len(rest) - len(stripped)
    head = rest[:line_start]
    cut = max(head.rfind("\n"), head.rfind("\r")) + 1
    return line_start - cut


# --------------------------------------------------------------------------- disclaimers


def unsafe_fix(article: Article, title: str, edits: tuple[Edit, ...]) -> Fix | None:
    """An unsafe fix (wording needs an editor's look); plain text and Markdown only (HTML
    needs markup). None without edits."""
    if article.format not in ("text", "markdown") or not edits:
        return None
    return Fix(title, edits, "unsafe")


def misplaced(candidates: list[dict[str, Any]], house: str) -> dict[str, Any] | None:
    """The disclaimer that counts but sits before the end (only the house text, when set)."""
    found = [c for c in candidates if c.get("problem") == "position"]
    if house:
        found = [c for c in found if c["kind"] == "house"]
    return found[0] if found else None


def differing(candidates: list[dict[str, Any]], house: str) -> dict[str, Any] | None:
    """A disclaimer that would count but for its wording, when the house text is absent."""
    if not house or any(c["kind"] == "house" for c in candidates):
        return None
    return next((c for c in candidates if c.get("problem") == "wording"), None)


#: Why a disclaimer is missing (every article / financial, with or without terms) and
#: whether the house wording is set: whole sentences, so each language orders them itself.
_MISSING = {
    ("every", True): N_(
        "This article lacks the house disclaimer, which house style requires on every "
        "article: add it at the end: {house}"
    ),
    ("every", False): N_(
        "This article lacks an investment disclaimer, which house style requires on every "
        "article: add one at the end, e.g. {example}"
    ),
    ("terms", True): N_(
        "This financial article ({terms}) lacks the house disclaimer: add it at the end: {house}"
    ),
    ("terms", False): N_(
        "This financial article ({terms}) lacks an investment disclaimer: add one at the end, "
        "e.g. {example}"
    ),
    ("financial", True): N_(
        "This financial article lacks the house disclaimer: add it at the end: {house}"
    ),
    ("financial", False): N_(
        "This financial article lacks an investment disclaimer: add one at the end, e.g. {example}"
    ),
}
_ADD_HOUSE = N_("Add the house disclaimer at the end of the article")


def missing(
    article: Article,
    financial: dict[str, Any],
    when: str,
    house: str,
    example: str,
    end: int,
    evidence: dict[str, Any],
    t: Translator = english,
) -> Hit:
    """No disclaimer at all: anchored at the end of the body, where it goes (the excerpt
    shows that place), naming why one is needed in plain words."""
    terms = ", ".join(list(financial["terms"])[:4] + list(financial["tickers"])[:2])
    kind = "every" if when != "financial" else "terms" if terms else "financial"
    message = t(_MISSING[kind, bool(house)]).format(
        terms=terms, house=quote(house), example=quote(example)
    )
    # Only the newsroom's own text is inserted: newslint never words a disclaimer itself.
    edits = (insert_after_body(article, end, house),) if house else ()
    fix = unsafe_fix(article, t(_ADD_HOUSE), edits)
    evidence["verdict"] = "missing"
    return Hit(max(0, end - 1), end, message, evidence, fix, excerpt=end_excerpt(article, end))


def wrong_place_or_wording(
    article: Article,
    cand: dict[str, Any],
    house: str,
    end: int,
    evidence: dict[str, Any],
    at_end: bool,
    t: Translator = english,
) -> Hit:
    """A disclaimer that is there but misplaced or worded differently: the finding points at
    it and says what is wrong with it. ``at_end``: it already sits where house style wants."""
    line = line_of(article, cand["start"])
    if cand["problem"] == "wording":
        if at_end:
            message = t("The disclaimer here differs from the house wording: {house}")
        else:
            message = t(
                "The disclaimer here differs from the house wording: {house}; house style "
                "also puts it at the end of the article."
            )
        evidence["verdict"] = "wording differs"
        edits: tuple[Edit, ...] = (insert_after_body(article, end, house),)
        title = _ADD_HOUSE
    else:
        message = (
            t(
                "The house disclaimer {house} is at line {line}; house style puts it at the "
                "end of the article."
            )
            if house
            else t(
                "The disclaimer is at line {line}; house style puts it at the end of the article."
            )
        )
        evidence["verdict"] = "misplaced"
        edits = move_block(article, cand["block_start"], cand["block_end"], end)
        title = N_("Move the disclaimer to the end of the article")
        if not edits or cand["kind"] == "phrase":  # a phrase may sit inside other prose
            edits = (insert_after_body(article, end, house),) if house else ()
            title = _ADD_HOUSE
    evidence["line"] = line
    message = message.format(house=quote(house), line=line)
    return Hit(cand["start"], cand["end"], message, evidence, unsafe_fix(article, t(title), edits))


#: Missing editor credit: an example or the house line, and (Markdown) the front matter.
_NO_CREDIT = {
    (False, False): N_("No line credits the editor{why}: add one at the end, e.g. {line}."),
    (True, False): N_(
        "No line credits the editor{why}: add one at the end, in house style: {line}."
    ),
    (False, True): N_(
        "No line credits the editor{why}: add one at the end, e.g. {line}, or name the editor "
        "in the front matter (editor: <name>)."
    ),
    (True, True): N_(
        "No line credits the editor{why}: add one at the end, in house style: {line}, or name "
        "the editor in the front matter (editor: <name>)."
    ),
}


def no_credit_message(
    t: Translator, rejected: list[dict[str, Any]], shown: str, house: bool, markdown: bool
) -> str:
    """The missing-editor-credit message: the first rejected candidate (its reason is a
    marked English text, translated here), then the line to add."""
    why = ""
    if rejected:
        why = t(" ({text} does not count: {reason})").format(
            text=repr(rejected[0]["text"]), reason=t(rejected[0]["reason"])
        )
    return t(_NO_CREDIT[house, markdown]).format(why=why, line=quote(shown))
