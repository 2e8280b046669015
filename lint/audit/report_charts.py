"""The audit report's charts: matplotlib figures turned into SVG that a strict
Content-Security-Policy lets render, byte for byte the same for the same numbers.

matplotlib's SVG styles its shapes with ``style="…"`` attributes and an inline ``<style>``,
both of which a policy without ``'unsafe-inline'`` blocks (charts would draw black). So each
distinct style becomes a class whose rule goes into the page's one stylesheet (allowed by its
hash), the ``<style>`` element moves there too, and the ids that shapes refer to (clip paths,
markers) get a per-chart prefix so several charts on one page never share one. Text stays
text (``svg.fonttype: none``): small, selectable, drawn with the reader's fonts. Labels come
from article metadata: matplotlib escapes them, and math parsing is off so a ``$`` in an
author's name is just a dollar sign. No raster images: they would need ``img-src``.
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Sequence
from typing import Any

import matplotlib
from matplotlib.colors import Colormap
from matplotlib.figure import Figure

RC: dict[Any, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "newslint-audit",
    "text.parse_math": False,
    "font.size": 9.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
LABEL_CHARS = 40
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def label(text: str) -> str:
    """A group's name as a chart can show it: one line, no control characters, not too long."""
    text = _CONTROL.sub(" ", " ".join(text.split()))
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


class Styles:
    """Style attributes turned into classes, shared by every chart of one page."""

    def __init__(self) -> None:
        self.classes: dict[str, str] = {}
        self.sheets: list[str] = []

    def name(self, style: str) -> str:
        found = self.classes.get(style)
        if found is None:
            found = self.classes[style] = f"s{len(self.classes)}"
        return found

    def css(self) -> str:
        rules = [*self.sheets]
        rules += [f"svg.chart .{c}{{{s}}}" for s, c in self.classes.items()]
        return "\n".join(rules) + "\n"


_REF = re.compile(r'(xlink:href="#|url\(#)([^")]+)')


def inline_svg(fig: Figure, styles: Styles, prefix: str, title: str) -> str:
    """``fig`` as an ``<svg>`` element for an HTML page under the report's policy."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)

    def sheet(m: re.Match[str]) -> str:
        body = html.unescape(m.group(1)).strip()
        if body.startswith("*"):
            body = "svg.chart " + body
        if body not in styles.sheets:
            styles.sheets.append(body)
        return ""

    text = re.sub(r'<style type="text/css">(.*?)</style>\s*', sheet, text, flags=re.S)
    text = re.sub(r"<defs>\s*</defs>\s*", "", text)
    used = {m.group(2) for m in _REF.finditer(text)}
    text = re.sub(
        r' id="([^"]*)"',
        lambda m: f' id="{prefix}-{m.group(1)}"' if m.group(1) in used else "",
        text,
    )
    text = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", text)
    assert ' class="' not in text, "matplotlib wrote a class: merge it with the style's"
    text = re.sub(
        r' style="([^"]*)"',
        lambda m: f' class="{styles.name(html.unescape(m.group(1)))}"',
        text,
    )
    assert "<image" not in text and "<script" not in text and "</" not in "".join(styles.sheets)

    def root(m: re.Match[str]) -> str:
        w, h = (round(float(v) * 4 / 3) for v in m.groups()[:2])
        box = m.group(3)
        return (
            f'<svg class="chart" width="{w}" height="{h}" viewBox="{box}" role="img" '
            f'aria-label="{html.escape(title)}">'
        )

    text = re.sub(
        r'<svg [^>]*?width="([\d.]+)pt" height="([\d.]+)pt" viewBox="([^"]*)"[^>]*>',
        root,
        text,
        count=1,
    )
    return re.sub(r"\n\s+", "\n", text).strip()


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=72)
    fig.patch.set_alpha(0.0)
    return fig


#: Colours run from red at FLOOR% (or less) to green at 100%: compliance is usually high, and
#: 80% is already bad news a reader must see at a glance, not a pale shade of green.
FLOOR = 50.0


def _cmap() -> Colormap:
    return matplotlib.colormaps["RdYlGn"]


def colour(value: float) -> tuple[float, float, float, float]:
    return _cmap()(max(0.0, (value - FLOOR) / (100 - FLOOR)))


def ink(value: float | None) -> str:
    """Black or white text, whichever reads better on ``value``'s colour."""
    if value is None:
        return "black"
    r, g, b, _ = colour(value)
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"


def _percent_axis(axis: Any) -> None:
    axis.set_major_formatter(matplotlib.ticker.PercentFormatter(decimals=0))


def rule_bars(
    labels: Sequence[str], rates: Sequence[float | None], styles: Styles, prefix: str, title: str
) -> str:
    """Compliance per rule: one horizontal bar each, the worst at the top."""
    with matplotlib.rc_context(RC):
        fig = _figure(8.0, 0.9 + 0.32 * max(1, len(labels)))
        ax = fig.subplots()
        ys = list(range(len(labels)))
        values = [r if r is not None else 0.0 for r in rates]
        ax.barh(ys, values, color=[colour(v) for v in values], height=0.7)
        for y, r in zip(ys, rates, strict=True):
            shown = "no articles" if r is None else f"{r:.1f}%"
            ax.text(min(r or 0.0, 100) + 1, y, shown, va="center", fontsize=8)
        ax.set_yticks(ys, [label(x) for x in labels])
        ax.invert_yaxis()
        ax.set_xlim(0, 112)
        ax.set_xticks([0, 25, 50, 75, 100])
        _percent_axis(ax.xaxis)
        ax.set_xlabel("articles with no finding of the rule")
        fig.tight_layout()
        return inline_svg(fig, styles, prefix, title)


def timeline(
    months: Sequence[str],
    series: dict[str, list[float | None]],
    styles: Styles,
    prefix: str,
    title: str,
) -> str:
    """Compliance per rule by month, one line per rule (gaps where a month had no article)."""
    with matplotlib.rc_context(RC):
        fig = _figure(8.0, 3.4)
        ax = fig.subplots()
        xs = list(range(len(months)))
        styles_cycle = ["-", "--", ":", "-."]
        for i, (name, rates) in enumerate(series.items()):
            ys = [math.nan if r is None else r for r in rates]
            ax.plot(
                xs,
                ys,
                marker="o" if len(xs) < 40 else None,
                markersize=3,
                linewidth=1.4,
                linestyle=styles_cycle[(i // 10) % 4],
                label=label(name),
            )
        step = max(1, math.ceil(len(months) / 12))
        ax.set_xticks(xs[::step], [months[i] for i in xs[::step]], rotation=30, ha="right")
        ax.set_ylim(-2, 102)
        _percent_axis(ax.yaxis)
        ax.set_ylabel("articles with no finding")
        ax.grid(axis="y", linewidth=0.4, alpha=0.6)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
        fig.tight_layout()
        return inline_svg(fig, styles, prefix, title)


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    rates: Sequence[Sequence[float | None]],
    styles: Styles,
    prefix: str,
    title: str,
) -> str:
    """Compliance of groups (rows, worst first) per rule (columns), each cell labelled."""
    with matplotlib.rc_context(RC):
        longest = max((len(label(r)) for r in rows), default=4)
        width = min(14.0, 0.8 + 0.075 * longest + 0.85 * max(1, len(columns)))
        fig = _figure(width, 1.2 + 0.3 * max(1, len(rows)))
        ax = fig.subplots()
        grid = [[math.nan if v is None else v for v in row] for row in rates]
        ax.pcolormesh(grid, cmap=_cmap(), vmin=FLOOR, vmax=100, edgecolors="white", linewidth=0.5)
        for y, row in enumerate(rates):
            for x, v in enumerate(row):
                ax.text(
                    x + 0.5,
                    y + 0.5,
                    "–" if v is None else f"{math.floor(v):.0f}%",
                    ha="center",
                    va="center",
                    fontsize=7.5 if len(columns) <= 16 else 6.0,
                    color=ink(v),
                )
        ax.set_yticks([y + 0.5 for y in range(len(rows))], [label(r) for r in rows])
        ax.set_xticks(
            [x + 0.5 for x in range(len(columns))],
            [label(c) for c in columns],
            rotation=30,
            ha="left",
        )
        ax.xaxis.tick_top()
        ax.invert_yaxis()
        ax.tick_params(length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        fig.tight_layout()
        return inline_svg(fig, styles, prefix, title)
