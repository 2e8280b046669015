"""The HTML report's page around the articles: head and its Content-Security-Policy, the
toolbar, the errors, the summary tables, and the script.

Every word a reader sees goes through one function ``t(msgid) -> str`` passed in by the
formatter (English by default), always with a literal argument, so a catalog extractor
(``xgettext --keyword=t``) finds them all; the words the script needs travel as JSON
(:func:`script_words`).

Why a strict policy: articles are untrusted text. Everything is escaped, and the page's
``Content-Security-Policy`` allows no network at all, styles and the one script only by
their SHA-256 (computed here, over the exact text written), and no HTML from strings
(Trusted Types): even a mistake in escaping could not run a script an article brought.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

from newslint.formatters.html_article import Translate, attr, esc, script_json


def identity(msgid: str) -> str:
    """The default ``t``: the English text itself."""
    return msgid


@cache
def asset(name: str) -> str:
    """A file shipped beside this module (``html_report.css``, ``html_report.js``)."""
    text = resources.files("newslint.formatters").joinpath(name).read_text(encoding="utf-8")
    # Written raw inside <style>/<script>: these could end the element early.
    assert "</" not in text and "<!--" not in text, name
    return text


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline element whose text is ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def csp(css: str, js: str) -> str:
    """The page's policy: nothing from anywhere, except this style and this script."""
    return (
        "default-src 'none'; "
        f"style-src {sha256_source(css)}; "
        f"script-src {sha256_source(js)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'; "
        "require-trusted-types-for 'script'; trusted-types 'none'"
    )


def script_words(t: Translate) -> dict[str, str]:
    """The words the page's script shows, translated here (``{n}``-style fields stay)."""
    return {
        "shown": t("{shown} of {total} findings shown"),
        "at": t("Finding {i} of {n}"),
        "none": t("No finding matches the filters."),
        "line": t("line {line}, column {column}"),
        "evidence": t("Evidence"),
        "fix": t("Suggested fix"),
        "safe": t("safe: applied by --fix"),
        "unsafe": t("unsafe: applied only with --unsafe-fixes; review it"),
        "replace": t("Replace"),
        "with": t("with"),
        "insert": t("Insert"),
        "delete": t("Delete"),
        "at_offset": t("at offset {offset}"),
        "ambiguous": t("unsure: the text is ambiguous"),
        "suppressed": t("suppressed: {reason}"),
        "no_reason": t("no reason given"),
        "points_at": t("Points at: {excerpt}"),
        "empty": t("(empty)"),
        "sev_e": t("error"),
        "sev_w": t("warning"),
        "sev_i": t("info"),
        "none_passed": t("none"),
        "yes": t("yes"),
        "no": t("no"),
    }


def _table(caption: str | None, headers: list[str], rows: list[str], cls: str = "") -> str:
    th = "".join(f"<th>{esc(h)}</th>" for h in headers)
    c = f' class="{cls}"' if cls else ""
    cap = "" if caption is None else f"<caption>{esc(caption)}</caption>"
    return f"<table{c}>{cap}<thead><tr>{th}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _num(n: int) -> str:
    return f'<td class="num">{n}</td>'


class Tally:
    """What the summary counts, gathered from each article's facts line as it is written."""

    def __init__(self) -> None:
        #: code -> [name, findings, suppressed]
        self.rules: dict[str, list[Any]] = {}
        #: language -> [files, findings, passed]
        self.langs: dict[str, list[int]] = {}
        #: (article number, path, language, [info, warning, error, suppressed])
        self.files: list[tuple[int, str, str, list[int]]] = []

    def add(self, number: int, meta: Mapping[str, Any]) -> None:
        path, lang = str(meta.get("p", "")), str(meta.get("l", "") or "?")
        counts = [int(c) for c in meta.get("c", (0, 0, 0, 0))][:4]
        self.files.append((number, path, lang, counts))
        row = self.langs.setdefault(lang, [0, 0, 0])
        row[0] += 1
        row[1] += sum(counts[:3])
        row[2] += 0 if any(counts[:3]) else 1
        for code, (name, n, suppressed) in dict(meta.get("r", {})).items():
            known = self.rules.setdefault(str(code), [str(name), 0, 0])
            known[1] += int(n)
            known[2] += int(suppressed)

    def passed(self) -> Iterator[tuple[int, str]]:
        for number, path, _, counts in self.files:
            if not any(counts[:3]):
                yield number, path


def page_head(t: Translate, css: str, js: str, locale: str) -> str:
    title = esc(t("newslint report"))
    return (
        f'<!DOCTYPE html>\n<html lang="{attr(locale)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{attr(csp(css, js))}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{title}</title><style>{css}</style></head><body>"
    )


def toolbar(t: Translate, rules: Mapping[str, list[Any]], show_suppressed: bool) -> str:
    """Filters and navigation; works on the articles below (html_report.js)."""
    options = "".join(
        f'<option value="{attr(code)}">{esc(code)} {esc(row[0])}</option>'
        for code, row in sorted(rules.items())
    )
    boxes = [
        ("e", t("errors")),
        ("w", t("warnings")),
        ("i", t("info")),
    ]
    if show_suppressed:
        boxes.append(("s", t("suppressed")))
    checks = "".join(
        f'<label><input type="checkbox" class="nl-sev" value="{v}" checked> {esc(label)}</label>'
        for v, label in boxes
    )
    # Every t() call stands outside the f-strings: Babel extracts no call inside one.
    w = {
        "bar": attr(t("Filters and navigation")),
        "rule": esc(t("Rule")),
        "all": esc(t("all rules")),
        "severity": esc(t("Severity")),
        "file": esc(t("File")),
        "path": attr(t("part of a path")),
        "prev_tip": attr(t("previous finding (k or p)")),
        "prev": esc(t("Previous")),
        "next_tip": attr(t("next finding (j or n)")),
        "next": esc(t("Next")),
        "keys": esc(t("Keys")),
        "next_finding": esc(t("next finding")),
        "prev_finding": esc(t("previous finding")),
        "by_file": esc(t("filter by file")),
        "leave": esc(t("leave a filter field")),
        "click": esc(t("click")),
        "selects": esc(t("a marked passage or a listed finding selects it")),
    }
    return (
        f'<nav id="nl-bar" aria-label="{w["bar"]}">'
        f'<label>{w["rule"]} <select id="nl-rule"><option value="">'
        f"{w['all']}</option>{options}</select></label>"
        f"<fieldset><legend>{w['severity']}</legend>{checks}</fieldset>"
        f'<label>{w["file"]} <input id="nl-file" type="search" '
        f'placeholder="{w["path"]}"></label>'
        f'<button type="button" id="nl-prev" title="{w["prev_tip"]}">'
        f"{w['prev']}</button>"
        f'<button type="button" id="nl-next" title="{w["next_tip"]}">'
        f"{w['next']}</button>"
        '<output id="nl-status" aria-live="polite"></output>'
        f'<details id="nl-help"><summary>{w["keys"]}</summary><dl>'
        f"<dt>j, n</dt><dd>{w['next_finding']}</dd>"
        f"<dt>k, p</dt><dd>{w['prev_finding']}</dd>"
        f"<dt>/</dt><dd>{w['by_file']}</dd>"
        f"<dt>Esc</dt><dd>{w['leave']}</dd>"
        f"<dt>{w['click']}</dt><dd>{w['selects']}"
        "</dd></dl></details></nav>"
    )


def errors_section(t: Translate, errors: list[Any]) -> str:
    """Files that could not be (fully) linted, first on the page: they need action."""
    if not errors:
        return ""
    rows = []
    for e in errors:
        who = e.rule or e.plugin or ""
        rows.append(
            f"<tr><td>{esc(e.path)}</td><td>{esc(e.kind)}</td><td>{esc(who)}</td>"
            f"<td>{esc(e.message)}</td></tr>"
        )
    table = _table(
        t("Files that could not be fully linted"),
        [t("File"), t("Kind"), t("Rule or plugin"), t("Reason")],
        rows,
    )
    return f'<section id="nl-errors" role="alert">{table}</section>'


def summary_section(t: Translate, info: Any, summary: Any, tally: Tally) -> str:
    c = summary.counts
    configuration, packs = esc(t("configuration")), esc(t("language packs"))
    tool = (
        f"{esc(info.tool_name)} {esc(info.version)} · {configuration} "
        f"{esc(info.config_hash)} · {packs} "
        + ", ".join(f"{esc(k)} {esc(v)}" for k, v in sorted(info.packs.items()))
    )
    totals = [
        (t("files linted"), summary.files_linted),
        (t("files in error"), summary.files_in_error),
        (t("files passed"), sum(1 for _ in tally.passed())),
        (t("errors"), c["error"]),
        (t("warnings"), c["warning"]),
        (t("info"), c["info"]),
        (t("suppressed"), summary.suppressed),
    ]
    dl = "".join(f'<div class="tot"><dt>{esc(label)}</dt><dd>{n}</dd></div>' for label, n in totals)
    rule_rows = [
        f'<tr><td><button type="button" class="nl-pick" value="{attr(code)}">{esc(code)}'
        f"</button></td><td>{esc(row[0])}</td>{_num(row[1])}{_num(row[2])}</tr>"
        for code, row in sorted(tally.rules.items())
    ]
    lang_rows = [
        f"<tr><td>{esc(lang)}</td>{_num(r[0])}{_num(r[1])}{_num(r[2])}</tr>"
        for lang, r in sorted(tally.langs.items())
    ]
    # One row per file is ~16 elements: at 5,000 files more than the rest of the page. The
    # script builds the table and the list of passed files from this data when opened.
    files = script_json(
        [[n, path, lang, k[2], k[1], k[0], k[3]] for n, path, lang, k in tally.files]
    )
    many = len(tally.files) > 50  # long lists start folded
    fold = "" if many else " open"
    title, by_file = esc(t("newslint report")), esc(t("Findings by file"))
    passed = esc(t("Files that passed (no findings)"))
    return (
        f'<section id="nl-summary"><h1>{title}</h1>'
        f'<p class="tool">{tool}</p><dl class="tots">{dl}</dl>'
        + _table(
            t("Findings by rule"),
            [t("Rule"), t("Name"), t("Findings"), t("Suppressed")],
            rule_rows,
        )
        + _table(
            t("Findings by language"),
            [t("Language"), t("Files"), t("Findings"), t("Passed")],
            lang_rows,
        )
        + f'<details class="nl-files"{fold}><summary>{by_file}</summary>'
        + _table(
            None,
            [t("File"), t("Language"), t("Errors"), t("Warnings"), t("Info"), t("Suppressed")],
            [],
            "files",
        )
        + f'</details><details class="nl-files"{fold}>'
        f"<summary>{passed}"
        f'</summary><ul class="passed"></ul></details>'
        f'<script type="application/json" id="nl-files">{files}</script>'
        "<noscript><p>"
        + esc(t("This report needs JavaScript to show the files, the articles and their findings."))
        + "</p></noscript></section>"
    )


def page_tail(t: Translate, js: str, empty: bool) -> str:
    note = esc(t("No article was linted.")) if empty else ""
    note = f'<p class="nosrc">{note}</p>' if note else ""
    words, selected = script_json(script_words(t)), attr(t("Selected finding"))
    return (
        f'{note}</main><aside id="nl-detail" hidden aria-live="polite" '
        f'aria-label="{selected}"></aside>'
        f'<script type="application/json" id="nl-words">{words}</script>'
        f"<script>{js}</script></body></html>\n"
    )
