"""Label files of the real-text development set: load, validate, locate, stamp.

This module never runs a rule: labellers use it (``realworld.py check`` and ``stamp``) while
they label, so that their verdicts cannot lean on what newslint says. ``realworld.py`` scores.
See ``benchmarks/realworld/README.md`` for the schema and what each verdict means.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SET_DIR = ROOT / "benchmarks" / "realworld"
LABELS = SET_DIR / "labels"
LANGS = ("en", "fr", "zh", "de", "es")
GENRES = ("wire", "financial", "press-release", "crypto", "regional", "general")
#: ``dev``: the rules were developed against it; ``holdout``: labelled after that work, scored
#: once, never tuned on (a check that the rules generalise).
SPLITS = ("dev", "holdout")
TOPICS = ("markets", "company", "central-bank", "fx-bonds", "crypto", "economy", "other")
#: Locators are short: at most 8 words, or 16 characters of unspaced (Chinese) text.
MAX_WORDS = 8
MAX_UNSPACED_CHARS = 16
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACES = frozenset(" \t\n\r\u00a0\u202f\u2009\u2007\u3000")


def texts_dir() -> Path:
    """Where the (git-ignored) texts live: ``$NEWSLINT_REALWORLD_TEXTS`` or ``texts/``."""
    env = os.environ.get("NEWSLINT_REALWORLD_TEXTS")
    return Path(env) if env else SET_DIR / "texts"


def load_yaml(path: Path) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def digest(data: bytes) -> tuple[int, str]:
    """(length in code points, SHA-256 hex) of a saved text."""
    return len(data.decode("utf-8")), hashlib.sha256(data).hexdigest()


def label_paths(lang: str | None = None) -> list[Path]:
    langs = (lang,) if lang else LANGS
    return [p for code in langs for p in sorted((LABELS / code).glob("*.yaml"))]


class Span(NamedTuple):
    start: int
    end: int


def _squeezed(text: str) -> tuple[str, list[int]]:
    """``text`` with each run of white space as one space, and each kept char's offset."""
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch in _SPACES:
            if not in_space:
                out.append(" ")
                offsets.append(i)
            in_space = True
        else:
            out.append(ch)
            offsets.append(i)
            in_space = False
    return "".join(out), offsets


def find_all(text: str, needle: str) -> list[Span]:
    """Every place ``needle`` occurs in ``text``; white-space runs match any white space.

    Locators are typed on one line, so a quote that the text wraps over a line break (or a
    no-break space typed as a space) must still be found.
    """
    hay, offsets = _squeezed(text)
    pin, _ = _squeezed(needle.strip())
    spans: list[Span] = []
    if not pin:
        return spans
    start = hay.find(pin)
    while start >= 0:
        end = start + len(pin) - 1
        spans.append(Span(offsets[start], offsets[end] + 1))
        start = hay.find(pin, start + 1)
    return spans


def locate(text: str, at: str, nth: int | None = None) -> tuple[Span | None, str | None]:
    """The one span of ``at`` (its ``nth`` occurrence if given), or a problem."""
    spans = find_all(text, at)
    if not spans:
        return None, f"not found in the text: {at!r}"
    if nth is not None:
        if not 1 <= nth <= len(spans):
            return None, f"nth {nth} but {at!r} occurs {len(spans)} time(s)"
        return spans[nth - 1], None
    if len(spans) > 1:
        return None, f"{at!r} occurs {len(spans)} times: add nth"
    return spans[0], None


def too_long(locator: str) -> bool:
    if _HAN.search(locator):  # Chinese runs words together: count characters
        return sum(not ch.isspace() for ch in locator) > MAX_UNSPACED_CHARS
    return len(locator.split()) > MAX_WORDS


class Item(NamedTuple):
    """A labelled quote or figure, located in the text."""

    kind: str  # "quote" | "figure"
    at: str
    span: Span
    positive: bool  # the rule should flag it: unattributed quote, unsourced figure
    carry_over: bool = False


class Labelled(NamedTuple):
    """One article of the set: its label data, its text (if present and matching), problems."""

    id: str
    lang: str
    path: Path
    data: dict[str, Any]
    text: str | None
    status: str  # "ok" | "missing" | "mismatch"
    items: list[Item]
    problems: list[str]


def _expect(data: dict[str, Any], key: str, kinds: tuple[type, ...], problems: list[str]) -> Any:
    value = data.get(key)
    if not isinstance(value, kinds):
        names = " or ".join(k.__name__ for k in kinds)
        problems.append(f"{key}: expected {names}, got {value!r}")
        return None
    return value


def _check_head(data: dict[str, Any], path: Path, problems: list[str]) -> None:
    if data.get("id") != path.stem:
        problems.append(f"id {data.get('id')!r} differs from the file name {path.stem!r}")
    _expect(data, "url", (str,), problems)
    _expect(data, "publisher", (str,), problems)
    if data.get("language") != path.parent.name:
        problems.append(f"language {data.get('language')!r} differs from the folder")
    if data.get("language") == "zh" and data.get("script") not in ("Hans", "Hant"):
        problems.append("script: expected Hans or Hant")
    if data.get("genre") not in GENRES:
        problems.append(f"genre: expected one of {', '.join(GENRES)}")
    if data.get("split", "dev") not in SPLITS:
        problems.append(f"split: expected one of {', '.join(SPLITS)}")
    if data.get("topic") not in TOPICS:
        problems.append(f"topic: expected one of {', '.join(TOPICS)}")
    text = data.get("text")
    if not isinstance(text, dict) or not {"length", "sha256", "removed"} <= set(text):
        problems.append("text: expected length, sha256 and removed")


def _items(labels: dict[str, Any], text: str | None, problems: list[str]) -> list[Item]:
    items: list[Item] = []
    for kind, flag in (("quotes", "attributed"), ("figures", "sourced")):
        entries = labels.get(kind) or []
        if not isinstance(entries, list):
            problems.append(f"labels.{kind}: expected a list")
            continue
        for n, entry in enumerate(entries, 1):
            where = f"labels.{kind}[{n}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("at"), str):
                problems.append(f"{where}: expected a mapping with 'at'")
                continue
            if not isinstance(entry.get(flag), bool):
                problems.append(f"{where}: '{flag}' must be true or false")
                continue
            at = entry["at"]
            if too_long(at):
                problems.append(f"{where}: locator longer than 8 words: {at!r}")
            if text is None:
                continue
            span, problem = locate(text, at, entry.get("nth"))
            if problem:
                problems.append(f"{where}: {problem}")
                continue
            assert span is not None
            if kind == "figures":
                figure = entry.get("figure")
                if not isinstance(figure, str):
                    problems.append(f"{where}: expected 'figure'")
                    continue
                inner = find_all(text[span.start : span.end], figure)
                if not inner:
                    problems.append(f"{where}: figure {figure!r} not inside {at!r}")
                    continue
                span = Span(span.start + inner[0].start, span.start + inner[0].end)
            items.append(
                Item(kind[:-1], at, span, not entry[flag], bool(entry.get("carry_over", False)))
            )
    return items


def load(path: Path) -> Labelled:
    """Load and validate one label file against its text (when the text is present)."""
    problems: list[str] = []
    try:
        data = load_yaml(path)
    except Exception as exc:  # a label file a labeller broke: report, go on
        return Labelled(path.stem, path.parent.name, path, {}, None, "missing", [], [str(exc)])
    if not isinstance(data, dict):
        return Labelled(
            path.stem, path.parent.name, path, {}, None, "missing", [], ["not a mapping"]
        )
    _check_head(data, path, problems)
    labels = data.get("labels") if isinstance(data.get("labels"), dict) else {}
    if not labels:
        problems.append("labels: expected a mapping")
    for key in ("financial", "disclaimer", "credit"):
        if not isinstance(labels.get(key), bool):
            problems.append(f"labels.{key}: expected true or false")
    text_file = texts_dir() / f"{path.stem}.txt"
    text: str | None = None
    status = "missing"
    if text_file.exists():
        raw = text_file.read_bytes()
        length, sha = digest(raw)
        meta = data.get("text") if isinstance(data.get("text"), dict) else {}
        if meta.get("length") == length and meta.get("sha256") == sha:
            status, text = "ok", raw.decode("utf-8")
        else:
            status = "mismatch"
    for key in ("disclaimer", "credit"):
        at = labels.get(f"{key}_at")
        if labels.get(key) and isinstance(at, str) and text is not None:
            _, problem = locate(text, at)
            if problem and "add nth" not in problem:
                problems.append(f"labels.{key}_at: {problem}")
    items = _items(labels, text, problems)
    return Labelled(path.stem, path.parent.name, path, data, text, status, items, problems)


def load_all(lang: str | None = None) -> Iterator[Labelled]:
    for path in label_paths(lang):
        yield load(path)


def stamp(article_id: str) -> str:
    """Write the saved text's length and SHA-256 into its label file (keeping its layout)."""
    from ruamel.yaml import YAML

    lang = article_id.split("-", 1)[0]
    path = LABELS / lang / f"{article_id}.yaml"
    raw = (texts_dir() / f"{article_id}.txt").read_bytes()
    length, sha = digest(raw)
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    data = yaml.load(path.read_text(encoding="utf-8"))
    text = data.get("text")
    if text is None:
        data["text"] = text = {"length": length, "sha256": sha, "removed": "nothing"}
    text["length"] = length
    text["sha256"] = sha
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return f"{article_id}: length {length}, sha256 {sha}"
