"""The result records keep their contracts after leaving dataclasses for speed."""

from __future__ import annotations

import pickle
import random

from newslint.engine import _BY_LOCATION
from newslint.findings import FileError, FileResult, Finding, Fix, Hit, Severity


def _finding(**kw: object) -> Finding:
    base: dict[str, object] = dict(
        path="a.txt",
        line=3,
        column=5,
        end_line=3,
        end_column=9,
        code="NL301",
        name="unsourced-figure",
        severity=Severity.WARNING,
        message="m",
    )
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def test_identity_is_location_and_rule() -> None:
    a = _finding(message="one", evidence={"x": 1}, fingerprint="f:1")
    b = _finding(message="two", severity=Severity.ERROR, excerpt="other")
    assert a == b and hash(a) == hash(b)
    assert a != _finding(column=6)
    assert a != _finding(code="NL201")
    assert len({a, b, _finding(line=4)}) == 2


def test_order_is_path_then_position_and_matches_the_engine_key() -> None:
    rng = random.Random(5)
    items = [
        _finding(
            path=rng.choice(["a.txt", "b.md"]),
            line=rng.randint(1, 3),
            column=rng.randint(1, 3),
            code=rng.choice(["NL101", "NL301"]),
            evidence={"n": i},  # never compared: dicts do not order
        )
        for i in range(300)
    ]
    assert sorted(items) == sorted(items, key=_BY_LOCATION)
    ordered = sorted(items)
    assert [(f.path, f.line, f.column) for f in ordered] == sorted(
        (f.path, f.line, f.column) for f in items
    )


def test_defaults_and_replace() -> None:
    f = _finding()
    assert f.evidence == {} and f.fix is None and not f.suppressed and f.fingerprint == ""
    g = f._replace(suppressed=True, suppression_reason="house style")
    assert g.suppressed and g.suppression_reason == "house style" and not f.suppressed
    hit = Hit(1, 4, "msg")
    assert hit.evidence == {} and hit.excerpt is None
    try:
        hit.evidence["x"] = 1  # type: ignore[index]
    except TypeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("the shared empty evidence must be read-only")


def test_results_survive_pickling_whole() -> None:
    fix = Fix("add it", (), "unsafe")
    result = FileResult(
        "a.txt",
        findings=[_finding(evidence={"terms": ["a"]}, fix=fix, fingerprint="f:1")],
        errors=[FileError("a.txt", "rule", "boom", rule="x")],
        lang="fr",
        notes=[{"code": "NL101"}],
    )
    back = pickle.loads(pickle.dumps(result))
    assert back == result
    assert back.findings[0].message == "m" and back.findings[0].fix == fix
    assert back.findings[0].evidence == {"terms": ["a"]}
    assert back.lang == "fr" and back.errors[0].rule == "x"
    assert "FileResult(path='a.txt'" in repr(back)
