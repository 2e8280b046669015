"""``needs:`` in the language packs: data that must hold, and a clear error when malformed.

A raw ``{re:}`` entry's ``needs:`` lists the literals one of which every match contains; the
disclosure scans skip an entry whose literals an article lacks. A wrong list silently loses
matches, so every shipped list is checked here against every text we have (test corpus,
fixtures, seeds, and sentences built from the packs' own phrases).
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
import regex
from newslint.errors import ConfigError
from newslint.language import build_packs
from newslint.rules import PACKS_DIR

ROOT = Path(__file__).resolve().parents[2]
FLAGS = regex.IGNORECASE | regex.V0


def _texts() -> list[str]:
    out = []
    for folder in ("tests/corpus", "tests/fixtures", "seeds"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".txt", ".md", ".markdown", ".html", ".htm"):
                out.append(path.read_text(encoding="utf-8", errors="replace"))
    return out


def _raw_entries(key: str) -> list[tuple[str, str, dict[str, object]]]:
    packs = build_packs(sorted(PACKS_DIR.glob("*.yaml")))
    return [
        (pack.lang, section, entry)
        for pack in packs.values()
        for section, entries in pack.lexicons.items()
        for entry in entries
        if isinstance(entry, dict) and entry.get(key)
    ]


@pytest.mark.parametrize("key", ["needs", "starts"])
def test_every_match_holds_one_of_its_literals(key: str) -> None:
    """``needs``: every match contains one; ``starts``: every match opens with one."""
    texts = _texts()
    assert len(texts) > 100
    entries = _raw_entries(key)
    assert len(entries) > 50
    matched = 0
    for lang, section, entry in entries:
        # ``\K`` drops what precedes it from the reported match; the literal may lie there.
        pattern = regex.compile(str(entry["re"]).replace("\\K", ""), FLAGS)
        literals = tuple(str(n).casefold() for n in entry[key])  # type: ignore[attr-defined]
        for text in texts:
            for m in pattern.finditer(text):
                found = m.group().casefold()
                ok = (
                    found.startswith(literals)
                    if key == "starts"
                    else any(n in found for n in literals)
                )
                assert ok, (lang, section, entry, m.group())
                matched += 1
    assert matched > 100


def test_a_word_entry_opens_with_the_word_holding_its_needle() -> None:
    """``word: true``: every match opens where a run of letters opens (or the text does),
    and that first run holds one of the entry's needs."""
    texts = _texts()
    entries = _raw_entries("word")
    assert entries
    matched = 0
    for lang, section, entry in entries:
        pattern = regex.compile(str(entry["re"]), FLAGS)
        needles = tuple(str(n).casefold() for n in entry["needs"])  # type: ignore[attr-defined]
        for text in texts:
            for m in pattern.finditer(text):
                start = m.start()
                assert start == 0 or not regex.match(r"\p{L}", text[start - 1]), (lang, entry)
                run = regex.match(r"\p{L}*", text, pos=start).group().casefold()  # type: ignore[union-attr]
                assert any(n in run for n in needles), (lang, section, entry, m.group())
                matched += 1
    assert matched > 10


@pytest.mark.parametrize(
    ("needs", "shown"),
    [
        ("'invest'", "'needs' must be a list of non-empty strings"),
        ("[invest, '']", "['invest', '']"),
        ("[1]", "[1]"),
        ("[invest], word: 'yes'", "'word' must be true or false, got 'yes'"),
        ("[invest], starts: in", "'starts' must be a list"),
    ],
)
def test_a_malformed_needs_names_the_file_and_the_entry(tmp_path: Path, needs, shown) -> None:
    pack = tmp_path / "it.yaml"
    pack.write_text(
        textwrap.dedent(
            f"""\
            lang: it
            lexicons:
              disclaimer-phrases:
                - non costituisce consulenza
                - {{re: 'invest\\p{{L}}*', label: investimento, needs: {needs}}}
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        build_packs([pack])
    message = str(caught.value)
    assert str(pack) in message
    assert "'disclaimer-phrases', entry 2 ('investimento')" in message
    assert shown in message


def test_the_cli_stops_on_a_plugin_pack_with_a_bad_needs(tmp_path: Path, run_cli) -> None:
    (tmp_path / "it.yaml").write_text(
        "lang: it\nlexicons:\n  editor-by:\n    - {re: 'a cura di', needs: a cura}\n",
        encoding="utf-8",
    )
    (tmp_path / "badpack.py").write_text(
        textwrap.dedent(
            """\
            from pathlib import Path

            from newslint.hookspecs import hookimpl


            @hookimpl
            def newslint_language_packs():
                return [str(Path(__file__).with_name("it.yaml"))]
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("Title\n\nA line.\n", encoding="utf-8")
    proc = run_cli(
        "check",
        "-p",
        "badpack",
        "--isolated",
        "a.txt",
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "NEWSLINT_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert proc.returncode == 2, proc.stderr
    assert "it.yaml" in proc.stderr and "'editor-by', entry 1" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert sys.executable  # the CLI ran under this interpreter (run_cli)
