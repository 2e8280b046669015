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


#: (rule, language, a unit of text, n): the rule on n and on 4n units; linear work is about
#: 4x as long, quadratic 16x. These were timed tests once; a busy machine made them flaky.
GROWTH: list[tuple[str, str, str, int]] = [
    (
        "unattributed-quote",
        "en",
        "Laura Chen of Acme Group said revenue rose. “We will keep every plant open,” "
        "she said. “Nobody expected the decision to come so soon.” ",
        400,
    ),
    (
        "unattributed-quote",
        "fr",
        "Selon Anne Le Bihan, chez Renault, les ventes montent. Elle a déclaré : « Nous "
        "allons ouvrir trois usines cette année. » « Ce n’est pas fini », a-t-elle ajouté. ",
        400,
    ),
    (
        "unattributed-quote",
        "en",
        "Acme Bank Corp and Initech Group said revenue rose at Globex Holdings. "
        "“We will keep every plant open for now,” he said. ",
        400,
    ),
    ("unattributed-quote", "fr", "“ Il a dit « oui » et “ puis ‘ rien. ", 400),
    ("unsourced-figure", "en", "The stock rose 5% to $3 billion, he said. ", 1_000),
    (
        "unsourced-figure",
        "en",
        "Revenue rose 5% to $3 billion; analysts expect 7%, but investors fear 2%. ",
        1_000,
    ),
    (
        "missing-disclaimer",
        "en",
        "The stock rose 5% to $3 billion, investors said (NYSE: ABC). ",
        2_000,
    ),
]
GROWTH_LIMIT = 8.0


def _cpu(call: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        call()
        best = min(best, time.process_time() - start)
    return best


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
    for name, lang, unit, n in GROWTH:
        small = _cpu(_rule(name, "A headline for the test\n\n" + unit * n, lang))
        large = _cpu(_rule(name, "A headline for the test\n\n" + unit * (4 * n), lang))
        ratio = large / max(small, 1e-9)
        bad = ratio > GROWTH_LIMIT
        over += bad
        label = f"growth/{name}/{lang}/{unit[:18]!r}"
        print(
            f"{label:<40} x{ratio:5.2f} for 4x the text  (limit x{GROWTH_LIMIT:g})"
            + ("  OVER" if bad else "")
        )
    print("all linear" if not over else f"{over} case(s) over the limit")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
