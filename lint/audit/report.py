"""``report.html`` of an archive audit: one self-contained page a newsroom reads at a glance.

Headline numbers, then compliance (the share of articles with no finding of a rule) per
rule, per month, per language and per ``--group-by`` column, the worst groups, a sample of
findings with their excerpts, and the rows that could not be audited. Charts are matplotlib
SVG made policy-safe (:mod:`newslint.audit.report_charts`); the numbers come from
:mod:`newslint.audit.report_data`, which reads only completed partitions.

Safe like ``--format html``: articles and their metadata are untrusted, so every value is
escaped, and the page's Content-Security-Policy allows no network, no script and only its
one stylesheet (by SHA-256 of the exact text written). The same audit gives the same bytes.
Words are English (the audit has no ``--message-lang`` yet).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
from collections.abc import Callable
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from newslint.audit import report_charts as charts
from newslint.audit.report_data import (
    NO_DATE,
    SAMPLES_PER_RULE,
    Audit,
    ReportError,
    Rule,
    Tally,
    read_audit,
)

__all__ = ["ReportError", "write_report"]

#: Groups drawn per --group-by column (the largest ones; the rest are one "other" row).
TOP_GROUPS = 12
#: The "worst groups" ranking ignores groups smaller than this (unless all are).
MIN_GROUP = 20
WORST_SHOWN = 10


def write_report(out: Path) -> Path:
    """Write ``OUT/report.html`` from an audit's output folder and return its path.

    Raises :class:`ReportError` (naming the file and the reason) when the folder has no
    readable manifest or a completed partition's file is missing or unreadable.
    """
    out = Path(out)
    page = render(read_audit(out))
    path = out / "report.html"
    tmp = out / "report.html.tmp"
    tmp.write_text(page, encoding="utf-8", newline="\n")
    os.replace(tmp, path)
    return path


@cache
def _base_css() -> str:
    text = resources.files("newslint.audit").joinpath("report.css").read_text(encoding="utf-8")
    assert "</" not in text and "<!--" not in text
    return text


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def csp(css: str) -> str:
    """Nothing from anywhere and no script: only the page's own stylesheet, by hash."""
    return (
        "default-src 'none'; "
        f"style-src {_hash(css)}; "
        "script-src 'none'; img-src 'none'; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def e(value: object) -> str:
    return escape(str(value), quote=True)


def rate(ok: int, of: int) -> float | None:
    """Percent compliant, rounded down to 0.1 so 99.96% never shows as 100%."""
    return None if of <= 0 else math.floor(1000 * ok / of) / 10


def _tone(value: float | None) -> str:
    """The headline tile's colour on the charts' scale: red at 50% or less, green near 100%."""
    if value is None:
        return ""
    return "bad" if value <= 50 else "good" if value >= 95 else ""


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _num(value: object) -> str:
    return f'<td class="num">{e(value)}</td>'


def _table(caption: str, headers: list[str], rows: list[str], numeric_from: int = 1) -> str:
    th = "".join(
        f'<th class="num">{e(h)}</th>' if i >= numeric_from else f"<th>{e(h)}</th>"
        for i, h in enumerate(headers)
    )
    return (
        f"<table><caption>{e(caption)}</caption><thead><tr>{th}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def rule_label(rule: Rule) -> str:
    return f"{rule.code} {rule.name}".strip()


class Page:
    """The page's sections, built from an :class:`Audit`; charts share one style sheet."""

    def __init__(self, audit: Audit) -> None:
        self.a = audit
        self.styles = charts.Styles()
        self.charts = 0

    def chart(self, draw: Callable[..., str], title: str, *args: Any) -> str:
        """One of :mod:`report_charts`' charts, with this page's styles and a fresh id prefix."""
        self.charts += 1
        svg = draw(*args, self.styles, f"c{self.charts}", title)
        return f"<figure>{svg}</figure>"

    def head(self) -> str:
        a, m = self.a, self.a.manifest
        sources = [str(s) for s in m.get("sources") or []]
        shown = ", ".join(sources[:10]) + (
            f" and {len(sources) - 10} more" if len(sources) > 10 else ""
        )
        done, parts = len(set(m.get("completed") or [])), m.get("partitions")
        about = [
            f"Sources: {shown or '–'}",
            f"newslint {m.get('newslint_version', '?')} · started {m.get('started') or '?'}"
            f" · finished {m.get('finished') or 'not yet'} · {done} of {parts} partitions",
            f"Grouped by: {', '.join(a.group_by) or 'no column'} · "
            f"date column: {a.date_column or 'none'}"
            + (
                f" · sample of {m['options']['sample']}"
                if (m.get("options") or {}).get("sample")
                else ""
            ),
        ]
        html = "<h1>newslint audit</h1>" + "".join(f'<p class="about">{e(x)}</p>' for x in about)
        if isinstance(parts, int) and done < parts:
            html += (
                '<p class="partial">This audit is not complete: the figures cover the '
                f"{done} completed partitions of {parts}. Run it again with --resume.</p>"
            )
        t = a.total
        clean = rate(t.clean, t.articles)
        tiles = [
            ("articles audited", f"{t.articles:,}", ""),
            ("could not audit", f"{a.errors:,}", "bad" if a.errors else ""),
            ("findings", f"{a.findings:,}", ""),
            ("articles with no finding", pct(clean), _tone(clean)),
            ("rules", f"{len(a.rules)}", ""),
        ]
        dl = "".join(
            f'<div class="tot{" " + c if c else ""}"><dt>{e(k)}</dt><dd>{e(v)}</dd></div>'
            for k, v, c in tiles
        )
        sev = " · ".join(f"{k}: {n:,}" for k, n in sorted(a.by_severity.items()))
        sev = f'<p class="about">Findings by severity: {e(sev)}</p>' if sev else ""
        return html + f'<dl class="tots">{dl}</dl>{sev}'

    def by_rule(self) -> str:
        a = self.a
        if not a.rules:
            return '<h2 id="rules">Compliance by rule</h2><p class="note">No rule ran.</p>'
        t = a.total
        rates = [rate(t.ok[i], t.ran[i]) for i in range(len(a.rules))]
        order = sorted(
            range(len(a.rules)),
            key=lambda i: (rates[i] if rates[i] is not None else 101, i),  # ties: manifest order
        )
        rows = [
            f"<tr><td>{e(a.rules[i].code)}</td><td>{e(a.rules[i].name)}</td>"
            f"<td>{e(a.rules[i].summary)}</td>{_num(pct(rates[i]))}"
            f"{_num(f'{t.ran[i] - t.ok[i]:,}')}{_num(f'{t.found[i]:,}')}</tr>"
            for i in order
        ]
        chart = self.chart(
            charts.rule_bars,
            "Compliance by rule",
            [rule_label(a.rules[i]) for i in order],
            [rates[i] for i in order],
        )
        table = _table(
            "Compliance by rule (share of articles with no finding of the rule)",
            ["Code", "Rule", "What it checks", "Compliance", "Articles with findings", "Findings"],
            rows,
            numeric_from=3,
        )
        key = (
            f'<p class="note">Compliance is the share of articles with no finding. Colours run '
            f"from red ({charts.FLOOR:.0f}% or less) to green (100%).</p>"
        )
        return f'<h2 id="rules">Compliance by rule</h2>{key}{chart}{table}'

    def _group_table(self, caption: str, first: str, groups: list[tuple[str, Tally]]) -> str:
        a = self.a
        headers = [first, "Articles", "All rules", *[rule_label(r) for r in a.rules]]
        rows = []
        for name, g in groups:
            cells = "".join(_num(pct(rate(g.ok[i], g.ran[i]))) for i in range(len(a.rules)))
            rows.append(
                f'<tr><td class="g">{e(name)}</td>{_num(f"{g.articles:,}")}'
                f"{_num(pct(rate(g.clean, g.articles)))}{cells}</tr>"
            )
        return f"<details><summary>Numbers</summary>{_table(caption, headers, rows)}</details>"

    def _heat(self, title: str, first: str, groups: list[tuple[str, Tally]]) -> str:
        a = self.a
        columns = ["all rules", *[rule_label(r) for r in a.rules]]
        cells = [
            [rate(g.clean, g.articles), *[rate(g.ok[i], g.ran[i]) for i in range(len(a.rules))]]
            for _, g in groups
        ]
        chart = self.chart(charts.heatmap, title, [n for n, _ in groups], columns, cells)
        return chart + self._group_table(title, first, groups)

    def over_time(self) -> str:
        a, h = self.a, '<h2 id="time">Compliance over time</h2>'
        if not a.date_column:
            return h + '<p class="note">No date column was given (--date-column).</p>'
        months = a.dims.get("month", {})
        dated = sorted(k for k in months if k != NO_DATE)
        note = ""
        if NO_DATE in months:
            note = (
                f'<p class="note">{months[NO_DATE].articles:,} articles have no ISO date '
                f"(YYYY-MM…) in column {e(a.date_column)} and are left out of the chart.</p>"
            )
        if not dated:
            return h + '<p class="note">No article has a date to chart.</p>' + note
        series = {"all rules": [rate(months[m].clean, months[m].articles) for m in dated]}
        for i, r in enumerate(a.rules):
            series[rule_label(r)] = [rate(months[m].ok[i], months[m].ran[i]) for m in dated]
        chart = self.chart(charts.timeline, "Compliance by month", dated, series)
        rows = [(m, months[m]) for m in dated] + ([(NO_DATE, months[NO_DATE])] if note else [])
        return h + chart + note + self._group_table("Compliance by month", "Month", rows)

    def _top(self, groups: dict[str, Tally]) -> list[tuple[str, Tally]]:
        """The largest groups, worst first, and the rest as one "other" row."""
        by_size = sorted(groups.items(), key=lambda kv: (-kv[1].articles, kv[0]))
        shown, rest = by_size[:TOP_GROUPS], by_size[TOP_GROUPS:]
        shown.sort(
            key=lambda kv: (rate(kv[1].clean, kv[1].articles) or 0.0, -kv[1].articles, kv[0])
        )
        if rest:
            other = Tally()
            for _, g in rest:
                other.merge(g)
            shown.append((f"other ({len(rest):,} groups)", other))
        return shown

    def by_language(self) -> str:
        langs = self.a.dims.get("lang", {})
        h = '<h2 id="lang">Compliance by language</h2>'
        if not langs:
            return h + '<p class="note">No article was audited.</p>'
        return h + self._heat("Compliance by language", "Language", self._top(langs))

    def by_group(self) -> str:
        a, html = self.a, ""
        for column in a.group_by:
            groups = a.dims.get(f"g:{column}", {})
            html += f"<h2>Compliance by {e(column)}</h2>"
            if not groups:
                html += f'<p class="note">No audited article has a column {e(column)}.</p>'
                continue
            note = (
                f'<p class="note">{len(groups):,} values; the {TOP_GROUPS} with the most '
                "articles are drawn, worst first; the rest are one row.</p>"
                if len(groups) > TOP_GROUPS
                else ""
            )
            html += note + self._heat(f"Compliance by {column}", column, self._top(groups))
        return html

    def worst(self) -> str:
        a, h = self.a, '<h2 id="worst">Worst groups</h2>'
        found = [
            (column, name, g)
            for column in a.group_by
            for name, g in a.dims.get(f"g:{column}", {}).items()
        ]
        if not found:
            return h + '<p class="note">No group-by column (--group-by) was given.</p>'
        big = [x for x in found if x[2].articles >= MIN_GROUP] or found
        big.sort(key=lambda x: (rate(x[2].clean, x[2].articles) or 0.0, -x[2].articles, x[0], x[1]))
        rows = []
        for column, name, g in big[:WORST_SHOWN]:
            rule_rates = [(rate(g.ok[i], g.ran[i]), r) for i, r in enumerate(a.rules) if g.ran[i]]
            worst = min(rule_rates, key=lambda x: (x[0] or 0.0, x[1].name), default=None)
            what = "–" if worst is None else f"{rule_label(worst[1])} ({pct(worst[0])})"
            rows.append(
                f'<tr><td>{e(column)}</td><td class="g">{e(name)}</td>{_num(f"{g.articles:,}")}'
                f"{_num(pct(rate(g.clean, g.articles)))}{_num(f'{g.articles - g.clean:,}')}"
                f"<td>{e(what)}</td></tr>"
            )
        size = f"groups of at least {MIN_GROUP} articles" if big is not found else "all groups"
        caption = f"Lowest share of articles with no finding ({size})"
        headers = ["Column", "Group", "Articles", "No finding", "With findings", "Worst rule"]
        return h + _table(caption, headers, rows, numeric_from=2).replace(
            '<th class="num">Worst rule</th>', "<th>Worst rule</th>"
        )

    def samples(self) -> str:
        a, h = self.a, '<h2 id="samples">Sample findings</h2>'
        if not a.findings:
            return h + '<p class="note">No finding: every audited article complies.</p>'
        html = h + (
            f'<p class="note">Up to {SAMPLES_PER_RULE} findings per rule, drawn at random '
            "(the same ones for the same audit).</p>"
        )
        labels = {r.name: rule_label(r) for r in a.rules}
        meta = [c for c in [*a.group_by, a.date_column] if c]
        order = {r.name: i for i, r in enumerate(a.rules)}  # the manifest's order, as above
        for rule in sorted(a.samples, key=lambda name: (order.get(name, len(order)), name)):
            html += f"<h3>{e(labels.get(rule, rule))}</h3>"
            for f in a.samples[rule]:
                where = f"{f.get('source')}:{f.get('row')} · article {f.get('article_id')}"
                where += f" · {f.get('lang')} · line {f.get('line')}, column {f.get('column')}"
                where += "".join(
                    f" · {c}: {f.get(f'meta.{c}')}" for c in meta if f.get(f"meta.{c}") is not None
                )
                sev = str(f.get("severity") or "")
                evidence = self._evidence(f.get("evidence"))
                html += (
                    f'<div class="sample"><p class="where"><span class="sev {e(sev)}">{e(sev)}'
                    f"</span> {e(where)}</p><p>{e(f.get('message') or '')}</p>"
                    f"<blockquote>{e(f.get('excerpt') or '')}</blockquote>{evidence}</div>"
                )
        return html

    @staticmethod
    def _evidence(raw: object) -> str:
        if not raw:
            return ""
        try:
            text = json.dumps(json.loads(str(raw)), ensure_ascii=False, indent=1, sort_keys=True)
        except ValueError:
            text = str(raw)
        if len(text) > 2000:
            text = text[:2000] + "…"
        return f'<details><summary>Evidence</summary><pre class="ev">{e(text)}</pre></details>'

    def errors(self) -> str:
        a, h = self.a, '<h2 id="errors">Could not audit</h2>'
        if not a.errors:
            return h + '<p class="note">Every row was audited.</p>'
        rows = [
            f"<tr><td>{e(r.get('source'))}</td>{_num(r.get('row'))}<td>{e(r.get('reason'))}</td></tr>"
            for r in a.error_rows
        ]
        caption = f"{a.errors:,} {'row' if a.errors == 1 else 'rows'} could not be audited"
        if a.errors > len(a.error_rows):
            caption += f" (the first {len(a.error_rows):,} are listed)"
        table = _table(caption, ["Source", "Row", "Reason"], rows, numeric_from=1)
        return h + table.replace('<th class="num">Reason</th>', "<th>Reason</th>")


def render(audit: Audit) -> str:
    """The whole page as text (deterministic: no clock, no randomness, sorted ties)."""
    page = Page(audit)
    body = (
        page.head()
        + page.by_rule()
        + page.over_time()
        + page.by_language()
        + page.by_group()
        + page.worst()
        + page.samples()
        + page.errors()
    )
    css = _base_css() + page.styles.css()
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp(css))}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>newslint audit</title><style>{css}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )
