"""report.html of an audit, from output folders built with pyarrow exactly as the interface
defines them: its numbers, escaping, policy, determinism and the thin cases."""

from __future__ import annotations

import base64
import hashlib
import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from newslint.audit import report_data
from newslint.audit.report import ReportError, write_report
from report_fixtures import RULES, synthetic, write_audit

HOSTILE = "<script>window.__pwned=1</script>"
ATTR = '"><img src=x onerror="window.__pwned=2">'


def article(i: int, part: int, lang: str = "en", counts: tuple[int, int] = (0, 0), **meta: Any):
    row = {
        "article_id": f"a{i}",
        "partition": part,
        "row": i + 1,
        "source": "export.jsonl.gz",
        "lang": lang,
        "chars": 1000,
        "rule.missing-disclaimer": counts[0],
        "rule.missing-editor-credit": counts[1],
    }
    row.update({f"meta.{k}": v for k, v in meta.items()})
    return row


def finding(i: int, part: int, rule: int, excerpt: str = "an excerpt", **meta: Any):
    r = RULES[rule]
    row = {
        "article_id": f"a{i}",
        "partition": part,
        "row": i + 1,
        "source": "export.jsonl.gz",
        "lang": "en",
        "rule": r["name"],
        "code": r["code"],
        "severity": "warning",
        "line": 2,
        "column": 5,
        "end_line": 2,
        "end_column": 9,
        "message": f"message of {r['name']}",
        "excerpt": excerpt,
        "evidence": '{"k": "v"}',
    }
    row.update({f"meta.{k}": v for k, v in meta.items()})
    return row


class Tables(HTMLParser):
    """Every table on the page as {caption: [[cell text, ...], ...]} (header row first)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._cap: str | None = None
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_caption = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "table":
            self._cap, self._rows = "", []
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append("".join(self._cell))
            self._cell = None
        elif tag == "table" and self._cap is not None:
            self.tables[self._cap] = self._rows
            self._cap = None

    def handle_data(self, data: str) -> None:
        if self._in_caption and self._cap is not None:
            self._cap += data
        elif self._cell is not None:
            self._cell.append(data)


def tiles(page: str) -> dict[str, str]:
    return dict(re.findall(r"<dt>([^<]*)</dt><dd>([^<]*)</dd>", page))


@pytest.fixture
def audit(tmp_path: Path) -> Path:
    """Two completed partitions and one left over from an interrupted run."""
    p0 = {
        "articles": [
            article(0, 0, "en", (0, 0), desk="markets", published="2024-01-05"),
            article(1, 0, "en", (2, 0), desk="markets", published="2024-01-20T08:00:00Z"),
            article(2, 0, "fr", (0, 1), desk="sport", published="2024-02-01"),
        ],
        "findings": [
            finding(1, 0, 0, desk="markets", published="2024-01-20T08:00:00Z"),
            finding(1, 0, 0, "second", desk="markets", published="2024-01-20T08:00:00Z"),
            finding(2, 0, 1, desk="sport", published="2024-02-01"),
        ],
        "errors": [{"source": "export.jsonl.gz", "row": 7, "partition": 0, "reason": "bad JSON"}],
    }
    p1 = {
        "articles": [
            article(3, 1, "en", (1, 1), desk="sport", published="not a date"),
            article(4, 1, "en", (0, 0), desk=None, published=None),
        ],
        "findings": [
            finding(3, 1, 0, desk="sport", published="not a date"),
            finding(3, 1, 1, desk="sport", published="not a date"),
        ],
    }
    out = write_audit(
        tmp_path / "out",
        [p0, p1, p0],
        meta=("desk", "published"),
        group_by=("desk",),
        date_column="published",
        completed=[0, 1],
        finished=None,
    )
    (out / "articles" / "part-00002.parquet").write_bytes(b"half written")
    return out


def test_numbers_on_the_page(audit: Path) -> None:
    page = write_report(audit).read_text(encoding="utf-8")
    # Partition 2 is not completed: its (unreadable) files are not read or counted.
    assert tiles(page) == {
        "articles audited": "5",
        "could not audit": "1",
        "findings": "5",
        "articles with no finding": "40.0%",
        "rules": "2",
    }
    assert "not complete" in page and "2 completed partitions of 3" in page
    # 40% compliant is red, as on the charts' scale (not green whatever the rate).
    assert '<div class="tot bad"><dt>articles with no finding</dt>' in page
    t = Tables(page).tables
    by_rule = t["Compliance by rule (share of articles with no finding of the rule)"]
    assert by_rule[1:] == [
        ["NL101", "missing-disclaimer", "Markets stories carry a disclaimer", "60.0%", "2", "3"],
        ["NL102", "missing-editor-credit", "An editor is credited", "60.0%", "2", "2"],
    ]
    head = ["Articles", "All rules", "NL101 missing-disclaimer", "NL102 missing-editor-credit"]
    assert t["Compliance by month"] == [
        ["Month", *head],
        ["2024-01", "2", "50.0%", "50.0%", "100.0%"],
        ["2024-02", "1", "0.0%", "100.0%", "0.0%"],
        [report_data.NO_DATE, "2", "50.0%", "50.0%", "50.0%"],
    ]
    assert "2 articles have no ISO date" in page
    assert t["Compliance by language"][1:] == [
        ["fr", "1", "0.0%", "100.0%", "0.0%"],  # worst first
        ["en", "4", "50.0%", "50.0%", "75.0%"],
    ]
    assert t["Compliance by desk"][1:] == [
        ["sport", "2", "0.0%", "50.0%", "0.0%"],
        ["markets", "2", "50.0%", "50.0%", "100.0%"],
        [report_data.NO_VALUE, "1", "100.0%", "100.0%", "100.0%"],
    ]
    worst = t["Lowest share of articles with no finding (all groups)"]
    assert worst[1] == ["desk", "sport", "2", "0.0%", "2", "NL102 missing-editor-credit (0.0%)"]
    assert t["1 row could not be audited"] == [
        ["Source", "Row", "Reason"],
        ["export.jsonl.gz", "7", "bad JSON"],
    ]
    # Every finding of a rule with fewer than the sample size is shown, with its excerpt.
    assert page.count('<div class="sample">') == 5
    assert "<blockquote>second</blockquote>" in page
    assert page.index("<h3>NL101 missing-disclaimer</h3>") < page.index("<h3>NL102 missing-editor")
    assert page.count('<svg class="chart"') == 4  # rules, months, languages, desks


def _policy(page: str) -> tuple[str, str]:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    css = re.search(r"<style>(.*?)</style>", page, re.S)
    assert csp and css
    return html.unescape(csp.group(1)), css.group(1)


def test_policy_hash_matches_the_one_stylesheet_and_charts_need_no_inline_style(
    audit: Path,
) -> None:
    page = write_report(audit).read_text(encoding="utf-8")
    csp, css = _policy(page)
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    assert f"style-src 'sha256-{digest}';" in csp
    assert "default-src 'none'" in csp and "script-src 'none'" in csp
    assert page.count("<style") == 1 and "<script" not in page
    assert " style=" not in page and "<image" not in page and "http" not in csp
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing fetched
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # several charts never share an id
    refs = set(re.findall(r'(?:xlink:href="#|url\(#)([^")]+)', page))
    assert refs and refs <= set(ids)
    classes = set(re.findall(r'<(?:path|text|use|g)[^>]* class="(s\d+)"', page))
    assert classes and all(f".{c}{{" in css for c in classes)


def test_hostile_text_and_metadata_are_escaped(tmp_path: Path) -> None:
    out = write_audit(
        tmp_path / "out",
        [
            {
                "articles": [
                    article(0, 0, HOSTILE, (1, 0), desk=ATTR, published="2024-05-01"),
                    article(1, 0, "en", (0, 1), desk=f"$x^{{2}}$ {HOSTILE}", published=ATTR),
                ],
                "findings": [
                    finding(0, 0, 0, HOSTILE, desk=ATTR, published="2024-05-01"),
                    finding(1, 0, 1, ATTR, desk=HOSTILE, published=ATTR),
                ],
                "errors": [
                    {"source": ATTR, "row": 3, "partition": 0, "reason": HOSTILE},
                ],
            }
        ],
        rules=[{**RULES[0], "summary": HOSTILE}, RULES[1]],
        meta=("desk", "published"),
        group_by=("desk",),
        date_column="published",
    )
    page = write_report(out).read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "__pwned" in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;" in page
    # Labels in charts are text, a "$" is no math: the chart shows the name as written.
    assert "$x^{2}$ &lt;script&gt;" in page


def test_same_audit_same_bytes_wherever_it_lies(audit: Path, tmp_path: Path) -> None:
    first = write_report(audit).read_bytes()
    assert write_report(audit).read_bytes() == first
    copy = shutil.copytree(audit, tmp_path / "elsewhere")
    (copy / "report.html").unlink()
    assert write_report(copy).read_bytes() == first


def test_sample_is_random_but_reproducible_and_ignores_partitioning(tmp_path: Path) -> None:
    arts = [article(i, 0, counts=(1, 0)) for i in range(60)]
    found = [finding(i, 0, 0, f"excerpt number {i}") for i in range(60)]
    one = write_audit(tmp_path / "one", [{"articles": arts, "findings": found}])
    three = write_audit(
        tmp_path / "three",
        [{"articles": arts[a:b], "findings": found[a:b]} for a, b in ((0, 7), (7, 40), (40, 60))],
    )
    picked = [
        re.findall(r"<blockquote>([^<]*)</blockquote>", write_report(o).read_text())
        for o in (one, three)
    ]
    assert picked[0] == picked[1]
    assert len(picked[0]) == report_data.SAMPLES_PER_RULE
    assert picked[0] != [f"excerpt number {i}" for i in range(5)]  # not just the first ones


def test_many_groups_fold_into_other(tmp_path: Path) -> None:
    arts = [
        article(i, 0, counts=(int(i % 3 == 0), 0), author=f"author {i % 20}") for i in range(200)
    ]
    out = write_audit(
        tmp_path / "out", [{"articles": arts}], meta=("author",), group_by=("author",)
    )
    page = write_report(out).read_text(encoding="utf-8")
    rows = Tables(page).tables["Compliance by author"][1:]
    assert len(rows) == 13 and rows[-1][0] == "other (8 groups)" and rows[-1][1] == "80"
    assert sum(int(r[1]) for r in rows) == 200
    rates = [float(r[2].rstrip("%")) for r in rows[:-1]]
    assert rates == sorted(rates)  # worst first
    assert "20 values; the 12 with the most articles are drawn" in page


@pytest.mark.parametrize(
    ("parts", "kwargs", "expect"),
    [
        # no date column, no group-by, zero findings
        (
            [{"articles": [article(0, 0), article(1, 0)]}],
            {},
            ["No date column was given", "No group-by column", "every audited article complies"],
        ),
        # zero articles
        ([{}], {"group_by": ("desk",), "meta": ("desk",)}, ["No article was audited."]),
        # errors only
        (
            [{"errors": [{"source": "x.csv", "row": 2, "partition": 0, "reason": "no text"}]}],
            {"date_column": "published", "meta": ("published",)},
            ["No article has a date to chart.", "1 row could not be audited"],
        ),
        # no partition completed yet
        ([{}], {"completed": []}, ["not complete", "0 completed partitions of 1"]),
    ],
)
def test_thin_audits_still_make_a_page(
    tmp_path: Path, parts: Any, kwargs: Any, expect: Any
) -> None:
    page = write_report(write_audit(tmp_path / "out", parts, **kwargs)).read_text()
    for text in expect:
        assert text in page, text
    assert "<script" not in page and " style=" not in page


def test_a_rule_the_manifest_forgot_is_still_counted(tmp_path: Path) -> None:
    out = write_audit(tmp_path / "out", [{"articles": [article(0, 0, counts=(0, 3))]}])
    manifest = (out / "manifest.json").read_text().replace('"code": "NL102"', '"code": "NLX"')
    (out / "manifest.json").write_text(manifest.replace('"missing-editor-credit"', '"other-rule"'))
    rows = Tables(write_report(out).read_text()).tables
    by_rule = rows["Compliance by rule (share of articles with no finding of the rule)"][1:]
    assert ["", "missing-editor-credit", "", "0.0%", "1", "3"] in by_rule
    assert ["NLX", "other-rule", "An editor is credited", "–", "0", "0"] in by_rule


def test_bad_output_folders_name_the_file_and_the_reason(audit: Path, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"manifest\.json: missing"):
        write_report(tmp_path / "nothing")
    (audit / "findings" / "part-00001.parquet").unlink()
    with pytest.raises(ReportError, match=r"findings/part-00001\.parquet: missing, though"):
        write_report(audit)
    pq.write_table(pa.table({"x": [1]}), audit / "findings" / "part-00001.parquet")
    (audit / "articles" / "part-00000.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(ReportError, match=r"articles/part-00000\.parquet: not a readable Parquet"):
        write_report(audit)
    (audit / "manifest.json").write_text("{not json")
    with pytest.raises(ReportError, match=r"manifest\.json: unreadable"):
        write_report(audit)
    assert not (audit / "report.html").exists()


def test_reads_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Small batches, and grouped counts summed many times over, give the same page as one
    batch per file summed once."""
    out = synthetic(tmp_path / "out", 3000, 2)
    whole = write_report(out).read_bytes()
    monkeypatch.setattr(report_data, "BATCH", 97)
    monkeypatch.setattr(report_data, "COMPACT_ROWS", 50)
    compactions = []
    real = report_data._sum_by_key
    monkeypatch.setattr(report_data, "_sum_by_key", lambda t: compactions.append(1) or real(t))
    assert write_report(out).read_bytes() == whole
    assert len(compactions) > 10


def test_unexpected_columns_name_the_file(tmp_path: Path) -> None:
    out = write_audit(tmp_path / "out", [{"articles": [article(0, 0)]}])
    pq.write_table(pa.table({"rule": ["x"]}), out / "findings" / "part-00000.parquet")
    with pytest.raises(ReportError, match=r"findings/part-00000\.parquet: has no column severity"):
        write_report(out)
    bad = pa.table({"lang": ["en"], "rule.missing-disclaimer": ["none"]})
    pq.write_table(bad, out / "articles" / "part-00000.parquet")
    with pytest.raises(ReportError, match=r"articles/part-00000\.parquet: cannot be read as audit"):
        write_report(out)


def test_blank_group_values_and_severities(tmp_path: Path) -> None:
    arts = [
        article(0, 0, desk=" "),
        article(1, 0, desk=None),
        article(2, 0, counts=(1, 0), desk="x"),
    ]
    found = [finding(2, 0, 0, desk="x"), {**finding(2, 0, 1, desk="x"), "severity": "error"}]
    out = write_audit(
        tmp_path / "out",
        [{"articles": arts, "findings": found}],
        meta=("desk",),
        group_by=("desk",),
    )
    page = write_report(out).read_text(encoding="utf-8")
    rows = Tables(page).tables["Compliance by desk"][1:]
    assert [r[:2] for r in rows] == [["x", "1"], [report_data.NO_VALUE, "2"]]
    assert "Findings by severity: error: 1 · warning: 1" in page
