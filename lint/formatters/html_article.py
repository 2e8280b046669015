"""One article of the HTML report (``--format html``): its text with every finding marked.

The article's text and its findings travel as data: the text cut at every span edge
(:func:`segments`; spans may overlap or nest, so each marked stretch names all the findings
covering it) and each finding's details (message, evidence, fix), packed together
(:func:`pack`) in a ``<script>`` data block. The page's script turns an article into text,
``<mark>`` elements and a finding list only when it comes into view, with DOM calls that
take text as text. Why: at 5,000 articles (~90,000 findings) the page's load time follows
its size and its element count; as escaped HTML the texts alone were 33 MB and 270,000
nodes (over a second of the browser's main thread), and the findings' evidence as HTML two
million elements; packed, the page is a third to a half of that size and the parser only
skips over it.

Every word a reader sees goes through ``t`` (see :mod:`newslint.formatters.html_page`).
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Callable, Iterable
from typing import Any

from newslint.findings import FileResult, Finding, Severity
from newslint.formatters import json_default

Translate = Callable[[str], str]

#: Severity letters used in the markup (``data-v``, mark classes) and by the page's script.
SEV_LETTER = {Severity.ERROR: "e", Severity.WARNING: "w", Severity.INFO: "i"}
_RANK = {"e": 3, "w": 2, "i": 1, "s": 0}
#: Longest stretch of the original text shown for one edit of a fix.
EDIT_TEXT_MAX = 200


def esc(text: str) -> str:
    """Escape text for an HTML text node."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(text: str) -> str:
    """Escape text for a double-quoted HTML attribute value."""
    return esc(text).replace('"', "&quot;").replace("'", "&#39;")


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=json_default)


def script_json(value: object) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` (so
    no ``</script>`` or ``<!--`` can end or change the block) and no U+2028/U+2029. Those
    characters only occur inside JSON strings, where the ``\\u`` escapes mean the same."""
    return (
        _ENCODER.encode(value)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


#: The script type of an article's packed data (not run: the browser skips unknown types).
DATA_TYPE = "application/x-newslint-article"


def pack(value: object) -> str:
    """``value`` as JSON, deflated, in base64: the page's script inflates it when the article
    is shown (``DecompressionStream``). Texts and findings' details repeat themselves
    (reasons, keys, a newsroom's boilerplate): deflated they are a third to a fifth, and
    base64 has no character that could end the element or be read as markup."""
    raw = _ENCODER.encode(value).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 6, -15)).decode("ascii")


def unpack(text: str) -> Any:
    """The inverse of :func:`pack` (tests, tools)."""
    return json.loads(zlib.decompress(base64.b64decode(text), -15).decode("utf-8"))


def segments(source: str, spans: list[tuple[int, int, int, str]]) -> list[Any]:
    """``source`` cut at every span edge: a plain stretch is a string, a marked one is
    ``[text, "ids", "class"]``, which the page turns into ``<mark>`` elements.

    ``spans`` are ``(start, end, index, severity letter)``; a stretch covered by several
    spans is one mark naming them all (``"0 3"``) in the most severe one's class, plus
    ``m``; an empty span (a finding about a missing thing) is an empty ``p`` mark at its
    offset. Line breaks are written as a browser parses them (CR LF and CR become LF, also
    when a cut splits the pair). Linear in the text plus spans times their overlap.
    """
    n = len(source)
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    points: dict[int, list[int]] = {}
    letters: dict[int, str] = {}
    for start, end, index, letter in spans:
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        letters[index] = letter
        if end == start:
            points.setdefault(start, []).append(index)
        else:
            starts.setdefault(start, []).append(index)
            ends.setdefault(end, []).append(index)
    cuts = sorted({0, n, *starts, *ends, *points})
    out: list[Any] = []
    active: set[int] = set()
    for i, pos in enumerate(cuts):
        active.difference_update(ends.get(pos, ()))
        active.update(starts.get(pos, ()))
        for index in points.get(pos, ()):
            out.append(["", str(index), f"p {letters[index]}"])
        if i + 1 == len(cuts):
            break
        piece = _text(source, pos, cuts[i + 1])
        if not active:
            out.append(piece)
            continue
        ids = sorted(active)
        cls = _strongest(letters[k] for k in ids) + (" m" if len(ids) > 1 else "")
        out.append([piece, " ".join(map(str, ids)), cls])
    return out


def _text(source: str, start: int, end: int) -> str:
    """``source[start:end]`` with its line breaks as LF: a browser shows a CR on its own as a
    space, and CR LF split by a cut as two breaks."""
    piece = source[start:end]
    if "\r" in piece:
        piece = piece.replace("\r\n", "\n")
        if piece.endswith("\r") and source.startswith("\n", end):
            piece = piece[:-1]
        piece = piece.replace("\r", "\n")
    return piece


def _strongest(letters: Iterable[str]) -> str:
    return max(letters, key=_RANK.__getitem__)


def finding_data(f: Finding, source: str | None) -> list[Any]:
    """A finding as the page's script reads it (``FINDING_FIELDS`` in html_report.js)."""
    fix: Any = 0
    if f.fix is not None:
        edits = []
        for e in f.fix.edits:
            old = source[e.start : e.end] if source is not None else ""
            if len(old) > EDIT_TEXT_MAX:
                old = old[: EDIT_TEXT_MAX - 1] + "…"
            edits.append([e.start, e.end, e.replacement, old])
        fix = [f.fix.title, f.fix.applicability, edits]
    return [
        f.code,
        f.name,
        SEV_LETTER[f.severity],
        f.line,
        f.column,
        f.message,
        dict(f.evidence),
        fix,
        1 if f.ambiguous else 0,
        (f.suppression_reason or "") if f.suppressed else None,
        # The flagged text is in the article; only a finding that marks no text of its own
        # (an empty span) needs its excerpt, which says where it points.
        f.excerpt if f.end_offset <= f.offset else "",
    ]


def render_article(result: FileResult, t: Translate, show_suppressed: bool) -> str:
    """The report text for one linted file: a line of JSON facts for the summary (see
    :meth:`HtmlFormatter.emit`), then the article's ``<section>``."""
    findings = [f for f in result.findings if show_suppressed or not f.suppressed]
    source = result.source
    codes: dict[str, list[Any]] = {}
    counts = [0, 0, 0, 0]  # info, warning, error, suppressed
    letters: list[str] = []
    spans: list[tuple[int, int, int, str]] = []
    for f in result.findings:
        row = codes.setdefault(f.code, [f.name, 0, 0])
        row[2 if f.suppressed else 1] += 1
        counts[3 if f.suppressed else int(f.severity) - 1] += 1
    for i, f in enumerate(findings):
        letter = SEV_LETTER[f.severity]
        letters.append(letter.upper() if f.suppressed else letter)
        spans.append((f.offset, f.end_offset, i, "s" if f.suppressed else letter))
    lang = result.lang or ""
    facts: dict[str, Any] = {"p": result.path, "l": lang, "c": counts, "r": codes}
    if result.errors:  # listed first on the page (see HtmlFormatter.emit)
        facts["x"] = [[e.path, e.kind, e.rule, e.plugin, e.message] for e in result.errors]
    if not result.linted:  # unreadable: nothing to show but the error
        return script_json(facts) + "\n"
    meta = script_json(facts)
    head = [
        f'<section class="art" data-p="{attr(result.path)}" '
        f'data-c="{attr(" ".join(f.code for f in findings))}" data-v="{"".join(letters)}">',
        f'<header><h2>{esc(result.path)}</h2> <span class="lang">{esc(lang)}</span>',
    ]
    for label, n, cls in (
        (t("errors"), counts[2], "e"),
        (t("warnings"), counts[1], "w"),
        (t("info"), counts[0], "i"),
        (t("suppressed"), counts[3], "s"),
    ):
        if n:
            head.append(f' <span class="n {cls}" title="{attr(label)}">{n} {esc(label)}</span>')
    if not any(counts[:3]):
        passed = t("passed")  # outside the f-string: Babel extracts no call inside one
        head.append(f' <span class="ok">{esc(passed)}</span>')
    head.append("</header>")
    packed: dict[str, Any] = {"f": [finding_data(f, source) for f in findings]}
    if source is None:
        absent = t("The article text is not part of this result.")
        body = f'<p class="nosrc">{esc(absent)}</p>'
    else:
        body = f'<pre lang="{attr(lang)}"></pre>'
        packed["t"] = segments(source, spans)
    data = pack(packed)
    tail = f'<ol class="fl"></ol><script type="{DATA_TYPE}">{data}</script></section>'
    return f"{meta}\n{''.join(head)}{body}{tail}"
