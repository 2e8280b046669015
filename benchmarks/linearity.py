"""Pathological inputs must take linear time: a speed check, kept out of the test suite.

    python benchmarks/linearity.py [--factor 1.0]

The tests check what these inputs give (tests/test_segment.py, tests/readers,
tests/rules/test_unsourced_figure.py, tests/rules/test_unattributed_quote.py); how long they
take depends on the machine and on what else runs on it, so it is measured here: each case
is run once (CPU time) and compared with a generous limit that only a quadratic blow-up
(minutes) exceeds. ``--factor`` scales the limits for a slow machine. Exit status 1 when a
case is over its limit.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable


def _segment(text: str) -> Callable[[], object]:
    from newslint.segment import split_block

    return lambda: split_block(text, 0, len(text))


def _reader(kind: str, source: str) -> Callable[[], object]:
    from newslint.readers.html import HtmlReader
    from newslint.readers.markdown import MarkdownReader
    from newslint.readers.text import TextReader

    reader = {"txt": TextReader(), "md": MarkdownReader(), "html": HtmlReader()}[kind]
    return lambda: reader.read(f"big.{kind}", source)


def _rule(name: str, text: str, lang: str) -> Callable[[], object]:
    import newslint

    rules = (
        "missing-disclaimer",
        "missing-editor-credit",
        "unattributed-quote",
        "unsourced-figure",
        "related-links-residue",
    )
    config = {"rules": {r: ("warning" if r == name else "off") for r in rules}}
    return lambda: newslint.lint_text(text, path="a.txt", lang=lang, config=config)


def cases() -> list[tuple[str, float, Callable[[], object]]]:
    """(name, limit in CPU seconds, the call to time)."""
    out: list[tuple[str, float, Callable[[], object]]] = []
    for name, text in (
        ("openers", "“" * 50_000),
        ("guillemets", "« " * 50_000),
        ("sentences", "a. " * 100_000),
        ("straight", '"x ' * 50_000),
        ("one-mb", "word " * 200_000),
    ):
        out.append((f"segment/{name}", 5.0, _segment(text)))
    line = ("Shares rose 3% to $12.5 billion, analysts said « fort » 東京 " * 90_000)[:5_000_000]
    para = "\n".join("a wrapped line of the same paragraph and *more* words" for _ in range(19_000))
    for kind in ("html", "md", "txt"):
        big = line
        if kind == "html":
            big = "<p>" + line.replace("said", "<b>said</b> &amp;") + "</p>"
        elif kind == "md":
            big = line.replace("said", "**said** &amp;")
        out.append((f"reader/{kind}/5-mb-line", 20.0, _reader(kind, big)))
        out.append((f"reader/{kind}/1-mb-paragraph", 20.0, _reader(kind, para)))
    src = "[" * 50_000 + "*a " * 50_000 + "`" * 3 + "x" + "<" * 50_000
    out.append(("reader/md/unclosed-mix", 20.0, _reader("md", src)))
    for kind, unit in (
        ("html", "<a "),
        ("html", '<a b="'),
        ("html", "</a "),
        ("html", "<div hidden>x"),
        ("html", "<!-- x"),
        ("md", "<!-- x "),
        ("md", "![a "),
        ("md", "[a](b) ![c "),
        ("md", "`` a ` b "),
        ("md", "<a b=' "),
        ("txt", "\n \t "),
    ):
        out.append((f"reader/{kind}/unclosed {unit!r}", 20.0, _reader(kind, unit * 60_000)))
    for name, paragraph in (
        ("digits", "1" * 100_000),
        ("commas", "1," * 50_000),
        ("grouped", "1 000 " * 20_000),
        ("cues-and-figures", "a indiqué 1 % " * 10_000),
        ("semicolons", "rose 1%; " * 10_000),
        ("long-sentence", "Le cours a baissé de 13 % " * 4_000),
        ("quotes", "« Nous visons 3 % » et 5 % " * 5_000),
    ):
        out.append(
            (
                f"unsourced-figure/{name}",
                5.0,
                _rule("unsourced-figure", f"Titre\n\n{paragraph}", "fr"),
            )
        )
    for name, body in (
        ("openers", "“" * 20000),
        ("guillemets", "« " * 20000 + "fin."),
        ("nested-unclosed", ("Il a dit « oui " * 5000) + "."),
        ("one-mb-paragraph", ("word " * 200_000) + "“unclosed " + ("word " * 10_000)),
        ("straight", '"a" ' * 10000),
        ("many", "Er sagte: „Ja, wir kommen.“ " * 3000),
    ):
        text = "Headline of the story\n\n" + body
        out.append((f"unattributed-quote/{name}", 10.0, _rule("unattributed-quote", text, "fr")))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--factor", type=float, default=1.0, help="scale every limit")
    args = ap.parse_args()
    over = 0
    for name, limit, call in cases():
        start = time.process_time()
        call()
        spent = time.process_time() - start
        bad = spent > limit * args.factor
        over += bad
        print(
            f"{name:<40} {spent:7.3f} s  (limit {limit * args.factor:g} s){'  OVER' if bad else ''}"
        )
    print("all linear" if not over else f"{over} case(s) over the limit")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
