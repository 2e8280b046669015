"""Score the unattributed-quote rule on two public corpora labelled by others.

- PolNeAR (English political news, networkdynamics/PolNeAR): brat stand-off attributions with
  Source, Cue and Content spans.
- The German WikiNews quotation-attribution corpus (uhh-lt/german-news-quotation-attribution-2024,
  CC BY-NC-SA 4.0): JSON documents whose annotations carry quote and speaker spans.

Their data never enters git. Put a copy anywhere (``git clone`` each repository, or unpack its
``data/`` folder) and point the script at it:

    python benchmarks/quote_corpora.py --polnear PolNeAR \
        --wikinews german-news-quotation-attribution-2024

Only the **train** splits are for development: their dev and test splits are how the project
is judged, so the script reads ``data/train`` unless ``--split`` says otherwise, and we never ran
it on the others.

What is scored: every direct quote of 5 words or more, that is a span between matching quote
marks (“…”, "…", „…“, »…«, «…») within one paragraph. It is *attributed* when it overlaps the
content of an annotated attribution that names a source (PolNeAR: a relation with a Source span;
WikiNews: an annotation with a speaker span); otherwise it is *unattributed*, which is what the
rule should flag. A quote is flagged when a finding of the rule overlaps it. Reported: counts,
precision and recall of the flags, and the same for a trivial floor ("flag unless a speech verb
of the language pack lies within 80 characters"), so that the rule can be compared with it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import regex

MIN_WORDS = 5
_PAIRS = regex.compile(
    r"“([^“”\n]*(?:\n(?!\n)[^“”\n]*)*)”"
    r'|"([^"\n]*(?:\n(?!\n)[^"\n]*)*)"'
    r"|„([^„“”\n]*(?:\n(?!\n)[^„“”\n]*)*)[“”]"
    r"|»([^»«\n]*(?:\n(?!\n)[^»«\n]*)*)«"
    r"|«([^«»\n]*(?:\n(?!\n)[^«»\n]*)*)»"
)


class Doc(NamedTuple):
    name: str
    lang: str
    text: str
    #: content spans of attributions that name a source / that name none
    sourced: list[tuple[int, int]]


class Quote(NamedTuple):
    doc: str
    start: int
    end: int
    attributed: bool


def read_polnear(root: Path, split: str) -> Iterator[Doc]:
    """One document per text; with two annotators, the first annotation file (sorted)."""
    base = root / "data" / split
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    for txt in sorted((base / "text").glob("*.txt")):
        ann_path = anns.get(txt.stem)
        if ann_path is None:
            continue
        text = txt.read_text(encoding="utf-8")
        spans: dict[str, tuple[int, int]] = {}
        relations: list[dict[str, str]] = []
        for line in ann_path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if parts[0].startswith("T") and len(parts) >= 2:
                fields = parts[1].replace(";", " ").split()
                offsets = [int(x) for x in fields[1:] if x.isdigit()]
                spans[parts[0]] = (min(offsets), max(offsets))
            elif parts[0].startswith("E") and len(parts) >= 2:
                relations.append(dict(x.split(":", 1) for x in parts[1].split()))
        sourced = [
            spans[r["Content"]] for r in relations if "Source" in r and r.get("Content") in spans
        ]
        yield Doc(txt.stem, "en", text, sourced)


def read_wikinews(root: Path, split: str) -> Iterator[Doc]:
    for path in sorted((root / "data" / split).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        sourced = []
        for ann in data.get("annotations", []):
            if not (ann.get("speaker") or {}).get("spans"):
                continue
            for span in (ann.get("quote") or {}).get("spans", []):
                sourced.append((span["charBegin"], span["charEnd"]))
        yield Doc(path.stem, "de", data["originalText"], sourced)


def gold_quotes(doc: Doc) -> list[Quote]:
    quotes = []
    for m in _PAIRS.finditer(doc.text):
        inner = next(g for g in m.groups() if g is not None)
        if len(inner.split()) < MIN_WORDS:
            continue
        start, end = m.span()
        attributed = any(s < end and start < e for s, e in doc.sourced)
        quotes.append(Quote(doc.name, start, end, attributed))
    return quotes


def _line_starts(text: str) -> list[int]:
    return [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]


def flagged_spans(session: object, doc: Doc) -> list[tuple[int, int]]:
    result = session.linter.lint_bytes(doc.text, f"{doc.name[:60]}.txt")  # type: ignore[attr-defined]
    starts = _line_starts(doc.text)
    spans = []
    for f in result.findings:
        if f.name != "unattributed-quote" or f.suppressed:
            continue
        s = starts[f.line - 1] + f.column - 1
        e = starts[f.end_line - 1] + f.end_column - 1
        spans.append((s, max(e, s + 1)))
    return spans


def floor_flags(doc: Doc, quotes: list[Quote], verbs: regex.Pattern[str]) -> set[int]:
    """The trivial floor: flag a quote unless a speech verb is within 80 characters of it."""
    out = set()
    for i, q in enumerate(quotes):
        window = doc.text[max(0, q.start - 80) : q.start] + doc.text[q.end : q.end + 80]
        if not verbs.search(window):
            out.add(i)
    return out


class Score(NamedTuple):
    tp: int
    fp: int
    fn: int
    tn: int

    def line(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return (
            f"  {name:<28} TP {self.tp:>4}  FP {self.fp:>5}  FN {self.fn:>4}  TN {self.tn:>5}"
            f"   precision {p:.3f}  recall {r:.3f}"
        )


def score(quotes: list[Quote], flagged: list[bool]) -> Score:
    tp = sum(f and not q.attributed for q, f in zip(quotes, flagged, strict=True))
    fp = sum(f and q.attributed for q, f in zip(quotes, flagged, strict=True))
    fn = sum(not f and not q.attributed for q, f in zip(quotes, flagged, strict=True))
    return Score(tp, fp, fn, len(quotes) - tp - fp - fn)


_FLOOR_VERBS = {
    "en": r"\b(?:said|says|say|told|tells|added|asked|wrote|according|stated|explained)\b",
    "de": r"\b(?:sagte|sagt|sagten|erklärte|erklärt|so|betonte|meinte|teilte|schrieb|laut)\b",
}


def run(name: str, docs: Iterator[Doc], details: bool) -> None:
    from newslint.api import Session

    session = Session.create(config={}, cwd=Path.cwd())
    quotes: list[Quote] = []
    flagged: list[bool] = []
    floor: list[bool] = []
    misses: list[str] = []
    ndocs = 0
    for doc in docs:
        ndocs += 1
        qs = gold_quotes(doc)
        if not qs:
            continue
        spans = flagged_spans(session, doc)
        verbs = regex.compile(_FLOOR_VERBS[doc.lang], regex.IGNORECASE)
        low = floor_flags(doc, qs, verbs)
        for i, q in enumerate(qs):
            hit = any(s < q.end and q.start < e for s, e in spans)
            quotes.append(q)
            flagged.append(hit)
            floor.append(i in low)
            if details and hit == q.attributed:
                kind = "FP" if hit else "FN"
                misses.append(
                    f"{kind} {doc.name[:50]}@{q.start}: {doc.text[q.start : q.end][:90]!r}"
                )
    positives = sum(not q.attributed for q in quotes)
    print(
        f"{name}: {ndocs} documents, {len(quotes)} direct quotes of {MIN_WORDS}+ words, "
        f"{positives} unattributed"
    )
    print(score(quotes, flagged).line("newslint unattributed-quote"))
    print(score(quotes, floor).line("floor: no speech verb ±80"))
    if details:
        print("\n".join("    " + m for m in misses))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, help="a copy of networkdynamics/PolNeAR")
    parser.add_argument("--wikinews", type=Path, help="a copy of the German WikiNews corpus")
    parser.add_argument("--split", default="train", help="the split to read (default: train)")
    parser.add_argument("--details", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    if not (args.polnear or args.wikinews):
        parser.error("give --polnear and/or --wikinews")
    if args.polnear:
        run(f"PolNeAR {args.split}", read_polnear(args.polnear, args.split), args.details)
    if args.wikinews:
        run(f"German WikiNews {args.split}", read_wikinews(args.wikinews, args.split), args.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
