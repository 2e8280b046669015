"""Every source format gives check's verdicts, row for row; bad rows are reported, not fatal."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import audit, table, write_csv, write_jsonl, write_parquet

COMMON = ("--isolated", "--progress", "none", "--workers", "1", "--partition-size", "10")
COLUMNS = ("--format-column", "format", "--group-by", "desk", "--date-column", "date")


def _check_findings(folder: Path) -> set[tuple[str, str, int, int, str]]:
    """``newslint check``'s findings on the same articles as files, keyed like audit rows."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "newslint",
            "check",
            "articles",
            "--isolated",
            "--no-cache",
            "--format",
            "json",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return {
        (Path(f["path"]).stem, f["code"], f["line"], f["column"], f["message"])
        for f in json.loads(proc.stdout)["findings"]
        if not f.get("suppressed")
    }


def _keys(rows: Iterable[dict]) -> set[tuple[str, str, int, int, str]]:
    return {(r["article_id"], r["code"], r["line"], r["column"], r["message"]) for r in rows}


@pytest.fixture(scope="module")
def check_findings(corpus) -> set[tuple[str, str, int, int, str]]:
    return _check_findings(corpus[0])


def test_each_format_gives_checks_verdicts(corpus, check_findings, tmp_path: Path) -> None:
    _, rows = corpus
    write_jsonl(tmp_path / "a.jsonl", rows)
    write_jsonl(tmp_path / "a.jsonl.gz", rows)
    write_csv(tmp_path / "a.csv", rows)
    write_parquet(tmp_path / "a.parquet", rows)
    names = ["a.jsonl", "a.jsonl.gz", "a.csv", "a.parquet"]
    out = tmp_path / "out"
    proc = audit(*names, "--out", str(out), *COMMON, *COLUMNS, "--no-report", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "96 article(s) audited" in proc.stdout
    findings = table(out, "findings")
    articles = table(out, "articles")
    for name in names:
        assert _keys(f for f in findings if f["source"] == name) == check_findings, name
        mine = [a for a in articles if a["source"] == name]
        assert [a["article_id"] for a in mine] == [r["id"] for r in rows]
        # parquet: the record index; jsonl: the line; csv: the line, after the header line
        assert mine[0]["row"] == (0 if name.endswith("parquet") else 1 + name.endswith("csv"))
        assert {a["meta.desk"] for a in mine} == {"markets", "politics", "tech"}
        assert mine[3]["meta.date"] == "2025-04-15"
    per_rule = sum(v for a in articles for k, v in a.items() if k.startswith("rule.") and v)
    assert per_rule == len(findings)


def test_folder_and_glob_sources(corpus, check_findings, tmp_path: Path) -> None:
    folder, rows = corpus
    write_jsonl(folder / "part1.jsonl", [{**r, "lang": "de-DE"} for r in rows[:10]])
    write_jsonl(folder / "part2.jsonl", rows[10:])
    out = tmp_path / "out"
    proc = audit(
        "part*.jsonl",
        "articles",
        "--out",
        str(out),
        *COMMON,
        *COLUMNS,
        "--lang-column",
        "lang",
        cwd=folder,
    )
    assert proc.returncode == 0, proc.stderr
    articles = table(out, "articles")
    assert [a["source"] for a in articles] == ["part1.jsonl"] * 10 + ["part2.jsonl"] * 14 + [
        "articles"
    ] * 24
    assert (out / "report.html").is_file()
    # --lang-column beats detection where it has a value (part1), detection elsewhere.
    assert {a["lang"] for a in articles[:10]} == {"de"}
    assert {a["lang"] for a in articles[10:]} == {"en", "fr", "de", "es", "zh"}
    from_files = [f for f in table(out, "findings") if f["source"] == "articles"]
    assert {(Path(k[0]).stem, *k[1:]) for k in _keys(from_files)} == check_findings


def test_bad_rows_are_reported_and_the_audit_goes_on(corpus, tmp_path: Path) -> None:
    _, rows = corpus
    good = [json.dumps(r) for r in rows[:4]]
    lines = [
        good[0],
        '{"id": "broken", "text": ',
        good[1],
        '{"id": "notext"}',
        '{"id": "num", "text": 42}',
        "[1, 2]",
        good[2],
        good[3],
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open(tmp_path / "b.csv", "wb") as fh:
        fh.write(
            b"id,text\r\nok,Markets rose today.\r\nbad,Caf\xe9 prices \xff fell.\r\nok2,Fine.\r\n"
        )
    write_parquet(tmp_path / "c.parquet", rows[:9], group=3)
    _corrupt_row_group(tmp_path / "c.parquet", 1)
    out = tmp_path / "out"
    proc = audit("a.jsonl", "b.csv", "c.parquet", "--out", str(out), *COMMON, cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    errors = {(e["source"], e["row"]): e["reason"] for e in table(out, "errors")}
    assert set(errors) == {
        ("a.jsonl", 2),
        ("a.jsonl", 4),
        ("a.jsonl", 5),
        ("a.jsonl", 6),
        ("b.csv", 3),
        ("c.parquet", 3),
    }
    assert errors["a.jsonl", 2].startswith("malformed JSON")
    assert "'text'" in errors["a.jsonl", 4] and "int" in errors["a.jsonl", 5]
    assert "UTF-8" in errors["b.csv", 3]
    assert "row group 1 (records 3-5)" in errors["c.parquet", 3]
    audited = [(a["source"], a["row"]) for a in table(out, "articles")]
    assert audited == [
        ("a.jsonl", 1),
        ("a.jsonl", 3),
        ("a.jsonl", 7),
        ("a.jsonl", 8),
        ("b.csv", 2),
        ("b.csv", 4),
        *[("c.parquet", i) for i in (0, 1, 2, 6, 7, 8)],
    ]
    assert "6 row(s) could not be audited" in proc.stdout


def _corrupt_row_group(path: Path, group: int) -> None:
    """Overwrite the middle of one row group's text column chunk with garbage."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata.row_group(group)
    chunk = next(
        meta.column(i) for i in range(meta.num_columns) if meta.column(i).path_in_schema == "text"
    )
    data = bytearray(path.read_bytes())
    start = chunk.data_page_offset + 20
    data[start : start + 200] = b"\x00\xff" * 100
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.jsonl",), "missing.jsonl: no such file or folder"),
        (("nothing*.jsonl",), "no file matches"),
        (("notes.txt",), "not an audit source"),
        (("a.csv", "--text-column", "body"), "no column 'body'"),
        (("a.csv", "--group-by", "author"), "no column 'author'"),
        (("a.csv", "--partition-size", "0"), "--partition-size must be at least 1"),
        (("a.csv", "--fail-on", "nosuchrule"), "--fail-on: no rule 'nosuchrule'"),
        (("a.csv", "--fail-on", "NL101=150%"), "the rate is a fraction"),
        (("a.csv", "--body-format", "pdf"), "invalid choice"),
        (("a.csv", "--resume"), "holds no audit"),
    ],
)
def test_usage_errors_stop_at_once(
    corpus, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    write_csv(tmp_path / "a.csv", corpus[1][:2])
    (tmp_path / "notes.txt").write_text("hello\n", encoding="utf-8")
    proc = audit(*args, "--out", str(tmp_path / "out"), "--isolated", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert not (tmp_path / "out" / "findings").exists()


def test_message_language_is_checks_and_part_of_the_resume_key(corpus, tmp_path: Path) -> None:
    """``--message-lang fr`` words the findings as ``check --message-lang fr`` does; resuming
    with another message language would mix two wordings in one audit, so it is refused."""
    _, rows = corpus
    write_jsonl(tmp_path / "a.jsonl", rows[:6])
    out = tmp_path / "out"
    args = ("a.jsonl", "--out", str(out), *COMMON, *COLUMNS, "--no-report")
    proc = audit(*args, "--message-lang", "fr", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    english = tmp_path / "en"
    assert (
        audit(*args[:2], str(english), *args[3:], "--message-lang", "en", cwd=tmp_path).returncode
        == 0
    )
    fr, en = table(out, "findings"), table(english, "findings")
    assert fr and [f["code"] for f in fr] == [f["code"] for f in en]
    worded = [(a["message"], b["message"]) for a, b in zip(fr, en, strict=True)]
    assert all(f != e for f, e in worded), worded[:3]  # every built-in message is translated
    other = audit(*args, "--message-lang", "de", "--resume", cwd=tmp_path)
    assert other.returncode == 2 and "options differ" in other.stderr
