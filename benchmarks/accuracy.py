"""Score newslint's rules against the labelled corpus in ``tests/corpus/``.

The corpus is the independent judge of the rules: articles written per language and labelled
by hand with what a careful compliance editor would flag (see ``docs/accuracy.md``). This
script lints every article with the default configuration, matches findings to labels and
prints precision, recall and F1 per rule and language.

Matching: for span rules a finding matches an unused label of the same rule whose text span
overlaps the finding's span in the original file; article-level rules match by rule alone.

    python benchmarks/accuracy.py                 # table
    python benchmarks/accuracy.py --details       # plus every false positive / negative
    python benchmarks/accuracy.py --json          # machine-readable
    python benchmarks/accuracy.py --targets       # exit 1 unless the issue's F1 targets hold
    python benchmarks/accuracy.py --min-f1 unsourced-figure=0.9
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
LANGS = ("en", "fr", "zh", "de", "es")
RULES = (
    "missing-disclaimer",
    "missing-editor-credit",
    "unattributed-quote",
    "unsourced-figure",
    "related-links-residue",
)
#: Rules whose findings concern the whole article: matched by rule, not by position.
ARTICLE_LEVEL = frozenset({"missing-disclaimer", "missing-editor-credit"})
#: The F1 targets of issue 3, required in every language.
TARGETS = {
    "missing-disclaimer": 0.95,
    "missing-editor-credit": 0.95,
    "unattributed-quote": 0.90,
    "unsourced-figure": 0.90,
    "related-links-residue": 0.90,
}
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
LABEL_SUFFIX = ".expected.yaml"
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")


@dataclass
class Label:
    """One expected finding; ``spans`` are the source spans its text may match (None: any)."""

    rule: str
    text: str | None
    spans: list[tuple[int, int]] | None
    used: bool = False


@dataclass
class CorpusArticle:
    """An article of the corpus with its labels; ``source`` is the file's text as read."""

    name: str
    lang: str
    path: Path
    source: str
    labels: list[Label]
    problems: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    """A finding or a label that did not find its counterpart (or did, for TPs)."""

    kind: str  # "TP" | "FP" | "FN"
    article: str
    lang: str
    rule: str
    excerpt: str
    line: int | None = None
    message: str = ""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """F1; None when nothing was expected nor found (vacuously perfect)."""
        if not (self.tp + self.fp + self.fn):
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


# ---------------------------------------------------------------- loading the corpus


def _load_yaml(path: Path) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def read_source(path: Path) -> str:
    """Read as the linter would see it: BOM dropped, line ends kept (offsets must agree)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return fh.read()


def _find_article(label_path: Path, declared: str | None) -> Path | None:
    if declared:
        return (label_path.parent / declared).resolve()
    stem = label_path.name[: -len(LABEL_SUFFIX)]
    for suffix in ARTICLE_SUFFIXES:
        candidate = label_path.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def _spans(source: str, text: str, occurrence: int | None) -> list[tuple[int, int]]:
    spans, start = [], source.find(text)
    while start >= 0:
        spans.append((start, start + len(text)))
        start = source.find(text, start + 1)
    if occurrence is not None:
        return spans[occurrence - 1 : occurrence] if 0 < occurrence <= len(spans) else []
    return spans


def load_article(label_path: Path, lang: str) -> CorpusArticle | None:
    """Load one label file and its article; problems (bad labels) are recorded, not raised."""
    data = _load_yaml(label_path)
    declared = data.get("source") if isinstance(data, dict) else None
    entries = data.get("findings", []) if isinstance(data, dict) else data
    name = label_path.name[: -len(LABEL_SUFFIX)]
    path = _find_article(label_path, declared)
    if path is None or not path.exists():
        return CorpusArticle(name, lang, label_path, "", [], [f"{label_path}: no article found"])
    source = read_source(path)
    article = CorpusArticle(name, lang, path, source, [])
    for entry in entries or []:
        if not isinstance(entry, dict) or entry.get("rule") not in RULES:
            article.problems.append(f"{label_path}: bad label {entry!r}")
            continue
        rule, text = entry["rule"], entry.get("text")
        if text is None:
            if rule not in ARTICLE_LEVEL:
                article.problems.append(f"{label_path}: {rule} label needs a text")
            article.labels.append(Label(rule, None, None))
            continue
        spans = _spans(source, str(text), entry.get("occurrence"))
        if not spans:
            article.problems.append(f"{label_path}: text not in article: {text!r}")
        elif len(spans) > 1 and rule not in ARTICLE_LEVEL:
            article.problems.append(
                f"{label_path}: {text!r} occurs {len(spans)} times; add 'occurrence: N'"
            )
        article.labels.append(Label(rule, str(text), None if rule in ARTICLE_LEVEL else spans))
    return article


def load_corpus(root: Path = CORPUS, langs: Iterable[str] = LANGS) -> list[CorpusArticle]:
    """Every labelled article under ``root/<lang>/``, sorted by language then name."""
    articles = []
    for lang in langs:
        for label_path in sorted((root / lang).glob("*" + LABEL_SUFFIX)):
            article = load_article(label_path, lang)
            if article is not None:
                articles.append(article)
    return articles


# ---------------------------------------------------------------- scoring


def _line_starts(source: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_BREAK.finditer(source))]


def _offset(starts: list[int], line: int, column: int) -> int:
    """1-based line and code-point column (the findings' public contract) → source offset."""
    return starts[min(max(line, 1), len(starts)) - 1] + column - 1


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1]:  # a zero-width finding touches a label that contains it
        return b[0] <= a[0] <= b[1]
    return a[0] < b[1] and b[0] < a[1]


def _display(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def lint_article(session: Any, article: CorpusArticle) -> tuple[list[Any], list[str]]:
    """Lint with the session's default config; returns findings and error messages."""
    result = session.linter.lint_bytes(article.source, _display(article.path))
    errors = [f"{e.kind}: {e.rule or e.plugin or ''} {e.message}".strip() for e in result.errors]
    findings = [f for f in result.findings if not f.suppressed and f.name in RULES]
    return findings, errors


def score_article(article: CorpusArticle, findings: Sequence[Any]) -> list[Outcome]:
    """Match findings to labels; returns one outcome per TP, FP and FN."""
    for label in article.labels:
        label.used = False
    starts = _line_starts(article.source)
    outcomes: list[Outcome] = []
    for f in sorted(findings, key=lambda f: (f.line, f.column, f.name)):
        span = (_offset(starts, f.line, f.column), _offset(starts, f.end_line, f.end_column))
        match = next(
            (
                lb
                for lb in article.labels
                if not lb.used
                and lb.rule == f.name
                and (lb.spans is None or any(_overlaps(span, s) for s in lb.spans))
            ),
            None,
        )
        excerpt = article.source[span[0] : span[1]] or f.excerpt
        kind = "TP" if match else "FP"
        if match:
            match.used = True
        outcomes.append(
            Outcome(
                kind,
                _display(article.path),
                article.lang,
                f.name,
                _clip(excerpt),
                f.line,
                f.message,
            )
        )
    for lb in article.labels:
        if not lb.used:
            line = None
            if lb.spans:
                line = article.source.count("\n", 0, lb.spans[0][0]) + 1
            outcomes.append(
                Outcome(
                    "FN",
                    _display(article.path),
                    article.lang,
                    lb.rule,
                    _clip(lb.text or "(article)"),
                    line,
                )
            )
    return outcomes


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def tabulate(outcomes: Iterable[Outcome], langs: Sequence[str]) -> dict[str, dict[str, Counts]]:
    """Counts per rule × language, plus an ``all`` column and an ``overall`` row."""
    table = {rule: {lang: Counts() for lang in (*langs, "all")} for rule in (*RULES, "overall")}
    for o in outcomes:
        if o.kind not in ("TP", "FP", "FN"):
            continue
        attr = o.kind.lower()
        for rule in (o.rule, "overall"):
            for lang in (o.lang, "all"):
                cell = table[rule][lang]
                setattr(cell, attr, getattr(cell, attr) + 1)
    return table


def check_thresholds(
    table: dict[str, dict[str, Counts]], thresholds: dict[str, float]
) -> list[str]:
    """Every (rule, language) cell whose F1 is below its threshold; empty cells pass."""
    failures = []
    for rule, minimum in thresholds.items():
        for lang, cell in table[rule].items():
            if cell.f1 is not None and cell.f1 < minimum:
                failures.append(
                    f"{rule} [{lang}] F1 {cell.f1:.3f} < {minimum:.2f} "
                    f"(TP {cell.tp}, FP {cell.fp}, FN {cell.fn})"
                )
    return failures


@dataclass
class Report:
    articles: list[CorpusArticle]
    outcomes: list[Outcome]
    table: dict[str, dict[str, Counts]]
    errors: list[str]
    problems: list[str]
    langs: tuple[str, ...]


def run(root: Path = CORPUS, langs: Sequence[str] = LANGS) -> Report:
    """Lint and score the whole corpus."""
    from newslint.api import Session

    session = Session.create(config={}, cwd=ROOT)
    articles = load_corpus(root, langs)
    outcomes: list[Outcome] = []
    errors: list[str] = []
    problems = [p for a in articles for p in a.problems]
    for article in articles:
        if not article.source:
            continue
        findings, errs = lint_article(session, article)
        errors += [f"{_display(article.path)}: {e}" for e in errs]
        outcomes += score_article(article, findings)
    return Report(articles, outcomes, tabulate(outcomes, langs), errors, problems, tuple(langs))


# ---------------------------------------------------------------- output


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def render_table(report: Report) -> str:
    lines = [
        f"corpus: {len(report.articles)} articles "
        + ", ".join(
            f"{lang} {sum(a.lang == lang for a in report.articles)}" for lang in report.langs
        )
    ]
    header = (
        f"{'rule':<22} {'lang':<4} {'TP':>4} {'FP':>4} {'FN':>4}  "
        f"{'prec':>5}  {'rec':>5}  {'F1':>5}"
    )
    lines += ["", header, "-" * len(header)]
    for rule in (*RULES, "overall"):
        for lang in (*report.langs, "all"):
            c = report.table[rule][lang]
            lines.append(
                f"{rule:<22} {lang:<4} {c.tp:>4} {c.fp:>4} {c.fn:>4}  "
                f"{_fmt(c.precision)}  {_fmt(c.recall)}  {_fmt(c.f1)}"
            )
        lines.append("")
    return "\n".join(lines)


def render_details(report: Report) -> str:
    lines = []
    for o in sorted(report.outcomes, key=lambda o: (o.rule, o.lang, o.article, o.line or 0)):
        if o.kind == "TP":
            continue
        where = f"{o.article}:{o.line}" if o.line else o.article
        lines.append(f"{o.kind} {o.rule:<22} {where}  {o.excerpt}")
        if o.message:
            lines.append(f"     message: {_clip(o.message, 100)}")
    return "\n".join(lines) if lines else "no false positives or negatives"


def to_json(report: Report, failures: list[str]) -> dict[str, Any]:
    return {
        "articles": len(report.articles),
        "per_language": {
            lang: sum(a.lang == lang for a in report.articles) for lang in report.langs
        },
        "scores": {
            rule: {lang: c.as_dict() for lang, c in cells.items()}
            for rule, cells in report.table.items()
        },
        "mismatches": [o.__dict__ for o in report.outcomes if o.kind != "TP"],
        "errors": report.errors,
        "problems": report.problems,
        "threshold_failures": failures,
    }


def _parse_threshold(text: str) -> tuple[str, float]:
    rule, _, value = text.partition("=")
    if rule not in (*RULES, "overall") or not value:
        raise argparse.ArgumentTypeError(f"expected RULE=F1 with RULE one of {', '.join(RULES)}")
    return rule, float(value)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder")
    parser.add_argument("--lang", action="append", choices=LANGS, help="only these languages")
    parser.add_argument("--details", action="store_true", help="list every FP and FN")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--min-f1",
        action="append",
        type=_parse_threshold,
        default=[],
        metavar="RULE=F1",
        help="fail if any language of RULE is below F1",
    )
    parser.add_argument("--targets", action="store_true", help="apply the issue's F1 targets")
    parser.add_argument(
        "--check-corpus",
        action="store_true",
        help="only validate the corpus and its labels (no linting)",
    )
    args = parser.parse_args(argv)
    if args.check_corpus:
        articles = load_corpus(args.corpus, tuple(args.lang or LANGS))
        problems = [p for a in articles for p in a.problems]
        print("\n".join(problems) or f"{len(articles)} articles, labels well-formed")
        return 1 if problems else 0

    report = run(args.corpus, tuple(args.lang or LANGS))
    thresholds = dict(TARGETS) if args.targets else {}
    thresholds.update(dict(args.min_f1))
    failures = check_thresholds(report.table, thresholds)
    if args.json:
        print(json.dumps(to_json(report, failures), ensure_ascii=False, indent=2))
    else:
        print(render_table(report))
        if args.details:
            print(render_details(report))
        for title, items in (
            ("corpus problems", report.problems),
            ("lint errors", report.errors),
            ("below threshold", failures),
        ):
            if items:
                print(f"\n{title}:")
                print("\n".join(f"  {item}" for item in items))
    return 1 if failures or report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
