"""Oracle diff: do two newslint installs give the same findings, field by field?

    python benchmarks/oracle.py BEFORE_BIN AFTER_BIN [--count 2000] [--dir DIR ...] [--show 20]

A refactor for speed or structure must not change a verdict. This script lints the same
files with both executables (``newslint check --no-cache --isolated --format json``) and
compares every finding (path, position, code, name, severity, message, excerpt, evidence,
fix, ambiguous) and every error. The files are a generated corpus (``gen_corpus.py``, seed 1),
our labelled corpus (``tests/corpus``), the real-text development set when its texts are on
this machine (``NEWSLINT_REALWORLD_TEXTS`` or ``benchmarks/realworld/texts``), and any
``--dir`` given. It prints, per folder, the files and findings compared and the differences
(the first ``--show`` of them in full); the exit status is 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_corpus import generate  # noqa: E402

_IGNORED = {"fingerprint"}  # derived from the message; compared through the message itself


def _lint(binary: Path, folder: Path, extra: list[str]) -> dict[str, Any]:
    proc = subprocess.run(
        [
            str(binary),
            "check",
            "--no-cache",
            "--isolated",
            "--jobs",
            "2",
            "--format",
            "json",
            *extra,
            str(folder),
        ],
        capture_output=True,
        check=False,
        cwd=folder,
    )
    if proc.returncode not in (0, 1, 3):
        raise SystemExit(f"{binary} failed ({proc.returncode}): {proc.stderr.decode()[:600]}")
    return json.loads(proc.stdout)


def _keyed(report: dict[str, Any]) -> dict[tuple[Any, ...], dict[str, Any]]:
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for f in report["findings"]:
        key = (f["path"], f["line"], f["column"], f["code"], f.get("end_line"), f.get("end_column"))
        while key in out:  # two findings of one rule at one span: keep both
            key = (*key, "+")
        out[key] = {k: v for k, v in f.items() if k not in _IGNORED}
    for e in report.get("errors", []):
        out[("error", json.dumps(e, sort_keys=True))] = e
    return out


def compare(
    before: Path, after: Path, folder: Path, extra: list[str], show: int, after_extra: list[str]
) -> int:
    """Print the differences for one folder; return how many there are."""
    a = _keyed(_lint(before, folder, extra))
    b = _keyed(_lint(after, folder, [*extra, *after_extra]))
    diffs: list[str] = []
    for key in sorted(set(a) | set(b), key=repr):
        if key not in b:
            diffs.append(f"- only before: {json.dumps(a[key], ensure_ascii=False)}")
        elif key not in a:
            diffs.append(f"+ only after:  {json.dumps(b[key], ensure_ascii=False)}")
        elif a[key] != b[key]:
            fields = sorted(k for k in set(a[key]) | set(b[key]) if a[key].get(k) != b[key].get(k))
            lines = [f"~ {key[:4]} differs in {', '.join(fields)}:"]
            for k in fields:
                lines.append(f"    before {k}: {json.dumps(a[key].get(k), ensure_ascii=False)}")
                lines.append(f"    after  {k}: {json.dumps(b[key].get(k), ensure_ascii=False)}")
            diffs.append("\n".join(lines))
    files = len({k[0] for k in a if k[0] != "error"})
    print(
        f"{folder}: {len(a)} findings before, {len(b)} after, in {files} files "
        f"with findings; {len(diffs)} differences"
    )
    for d in diffs[:show]:
        print(d)
    return len(diffs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--count", type=int, default=2000, help="generated articles (0: none)")
    ap.add_argument("--dir", type=Path, action="append", default=[], help="another folder")
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--explain", action="store_true", help="compare with --explain as well")
    ap.add_argument(
        "--after-arg",
        action="append",
        default=[],
        help="an option for the after install only (e.g. --after-arg=--message-lang=en "
        "when the before install predates it)",
    )
    ap.add_argument(
        "--arg",
        action="append",
        default=[],
        help="an option for both installs (e.g. --arg=--ignore=unattributed-quote to set aside "
        "a rule whose verdicts changed on purpose)",
    )
    args = ap.parse_args(argv)
    args.before, args.after = args.before.resolve(), args.after.resolve()
    folders: list[Path] = [ROOT / "tests" / "corpus"]
    texts = Path(os.environ.get("NEWSLINT_REALWORLD_TEXTS", HERE / "realworld" / "texts"))
    if texts.is_dir():
        folders.append(texts)
    folders += args.dir
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        if args.count:
            gen = Path(tmp) / "gen"
            generate(gen, args.count, seed=1)
            folders.insert(0, gen)
        for folder in folders:
            total += compare(
                args.before, args.after, folder.resolve(), args.arg, args.show, args.after_arg
            )
            if args.explain:
                total += compare(
                    args.before,
                    args.after,
                    folder.resolve(),
                    [*args.arg, "--explain"],
                    args.show,
                    args.after_arg,
                )
    print("identical" if total == 0 else f"{total} differences")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
