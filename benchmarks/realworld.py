"""Score newslint on the real-text development set (published articles, labelled by hand).

    python benchmarks/realworld.py                  # per-rule, per-language table
    python benchmarks/realworld.py --details        # plus every disagreement and its reason
    python benchmarks/realworld.py --json FILE      # the figures, machine-readable
    python benchmarks/realworld.py check [--lang xx]   # labels only (schema, hashes, locators)
    python benchmarks/realworld.py stamp ID         # write a saved text's length and SHA-256

The texts are third-party copy and never enter git (``benchmarks/realworld/README.md`` says how
to gather them again); the labels are committed. Only texts whose length and SHA-256 match their
label are scored. Scoring uses the default configuration and counts every finding of a rule as a
flag, whatever its severity.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realworld_labels as rl


def cmd_check(lang: str | None) -> int:
    total = bad = 0
    status: dict[str, int] = {"ok": 0, "missing": 0, "mismatch": 0}
    for art in rl.load_all(lang):
        total += 1
        status[art.status] += 1
        problems = list(art.problems)
        if art.status == "mismatch":
            problems.insert(0, "text's length or SHA-256 differs from the label (run stamp?)")
        if art.status == "missing":
            problems.insert(0, f"no text at {rl.texts_dir() / (art.id + '.txt')}")
        if problems:
            bad += 1
            for problem in problems:
                print(f"{art.path.relative_to(rl.ROOT)}: {problem}")
    print(
        f"{total} label files: {status['ok']} texts present and matching, "
        f"{status['missing']} missing, {status['mismatch']} mismatched; "
        f"{bad} with problems"
    )
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["stamp"]:
        for article_id in args[1:]:
            print(rl.stamp(article_id))
        return 0
    if args[:1] == ["check"]:
        parser = argparse.ArgumentParser(prog="realworld.py check")
        parser.add_argument("--lang", choices=rl.LANGS)
        ns = parser.parse_args(args[1:])
        return cmd_check(ns.lang)
    from realworld_score import main as score_main

    return score_main(args)


if __name__ == "__main__":
    sys.exit(main())
