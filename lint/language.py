"""Language packs (lexicons per language) and language detection.

Packs are YAML files (``rules/packs/<lang>.yaml`` for the built-ins) collected through the
``newslint_language_packs`` hook. Parsing YAML costs start-up time, so a pack is read through
its compiled form (:mod:`newslint.packfile`): detection needs only each pack's head (its
stopwords and script), and the lexicons of a pack file are unpickled, checked and compiled
only when an article in that language needs them.

A lexicon section is a list of entries; an entry is a phrase (matched case-insensitively,
any run of whitespace matching any whitespace, ' and ’ interchangeable, word boundaries at
word-character ends) or a mapping ``{re: PATTERN}`` holding a raw regex, with ``needs:``
the literals one of which every match contains (checked by :func:`check_needs`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import regex
from newslint.errors import ConfigError
from newslint.lazy import lazy_regex

_APOSTROPHES = "'’ʼ`"


_ESCAPES: dict[str, str] = {}
_LEFT = r"(?<![\p{L}\p{N}])"
_RIGHT = r"(?![\p{L}\p{N}])"


def _phrase_core(phrase: str) -> tuple[bool, str, bool]:
    """(needs left boundary, regex body, needs right boundary) for a literal phrase."""
    out: list[str] = []
    for ch in phrase:
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in _APOSTROPHES:
            out.append("['’ʼ`]")
        else:
            # Packs hold about a thousand phrases, converted at every start: remember each
            # character's escape rather than call regex.escape for every one.
            esc = _ESCAPES.get(ch)
            if esc is None:
                esc = _ESCAPES[ch] = regex.escape(ch)
            out.append(esc)
    left = phrase[:1].isalnum() and not _is_cjk(phrase[0])
    right = phrase[-1:].isalnum() and not _is_cjk(phrase[-1])
    return left, "".join(out), right


def phrase_to_regex(phrase: str) -> str:
    """Regex source for a literal phrase, tolerant of whitespace, apostrophes and case."""
    left, body, right = _phrase_core(phrase)
    return (_LEFT if left else "") + body + (_RIGHT if right else "")


def phrase_pieces(phrase: str) -> tuple[tuple[str, str], ...]:
    """(text, regex) of each piece of :func:`phrase_to_regex` between its word boundaries: a
    character, or a run of whitespace (regex ``\\s+``); the regexes joined are the body of
    :func:`_phrase_core`. Rules that build one pattern from many phrases (sharing prefixes,
    grouping by first letter) start from these rather than from regex text."""
    out: list[tuple[str, str]] = []
    for ch in phrase:
        if ch.isspace():
            if not out or not out[-1][0].isspace():
                out.append((ch, r"\s+"))
        elif ch in _APOSTROPHES:
            out.append((ch, "['’ʼ`]"))
        else:
            esc = _ESCAPES.get(ch)
            if esc is None:
                esc = _ESCAPES[ch] = regex.escape(ch)
            out.append((ch, esc))
    return tuple(out)


def phrase_bounds(phrase: str) -> tuple[str, str]:
    """The word-boundary lookarounds :func:`phrase_to_regex` puts before and after a phrase
    ("" where it puts none)."""
    left, _, right = _phrase_core(phrase[:1] + phrase[-1:])
    return (_LEFT if left else ""), (_RIGHT if right else "")


def ordered_alternatives(entries: Iterable[Any]) -> list[str]:
    """Regex sources of a section's entries, longest first so "a déclaré que" wins over
    "a déclaré", ties broken by the source text: the same pattern in every process (set order
    changes with the hash seed, which would make pool workers disagree on ties).
    """
    return sorted({entry_to_regex(e) for e in entries}, key=lambda s: (-len(s), s))


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3000" <= ch <= "\u30ff"


def entry_to_regex(entry: Any) -> str:
    if isinstance(entry, str):
        return phrase_to_regex(entry)
    if isinstance(entry, Mapping) and "re" in entry:
        return f"(?:{entry['re']})"
    raise ValueError(f"lexicon entry must be a phrase or {{re: PATTERN}}, got {entry!r}")


class LanguagePack:
    """The lexicons of one language; ``pattern(name)`` compiles a section on first use."""

    def __init__(
        self,
        data: Mapping[str, Any],
        origin: str = "<memory>",
        lexicons: Callable[[], Mapping[str, Any]] | None = None,
    ) -> None:
        """``lexicons``: a loader of the lexicons (``data`` then holds none), called the first
        time they are used; what it returns is checked then (:func:`check_needs`)."""
        self.lang: str = str(data.get("lang", "und"))
        self.name: str = str(data.get("name", self.lang))
        self.version: str = str(data.get("version", "0"))
        self.origin = origin
        self._head = data
        self._load = lexicons
        self._lexicons: Mapping[str, list[Any]] | None = (
            None if lexicons is not None else (data.get("lexicons") or {})
        )
        detect = data.get("detect") or {}
        self.stopwords: frozenset[str] = frozenset(w.lower() for w in detect.get("stopwords", []))
        self.marker_chars: str = detect.get("chars", "")
        self.script: str = detect.get("script", "Latin")
        self.abbreviations: frozenset[str] = frozenset(data.get("abbreviations") or [])
        self._patterns: dict[str, regex.Pattern[str] | None] = {}
        self._shipped: frozenset[str] | None = frozenset()

    @property
    def lexicons(self) -> Mapping[str, list[Any]]:
        if self._lexicons is None:
            assert self._load is not None
            loaded = self._load()
            check_needs(loaded, self.origin)
            self._lexicons = loaded
        return self._lexicons

    @property
    def lexicons_loaded(self) -> bool:
        """Whether the lexicons are in memory (a deferred pack's load when first used)."""
        return self._lexicons is not None

    @property
    def data(self) -> Mapping[str, Any]:
        """The whole pack as parsed (its lexicons loaded if they were not yet)."""
        if self._load is None:
            return self._head
        return {**self._head, "lexicons": self.lexicons}

    @property
    def shipped_sections(self) -> frozenset[str]:
        """Sections whose every entry ships with newslint (see :meth:`is_shipped`)."""
        if self._shipped is None:  # all of them (see ship_all): known once they are loaded
            return frozenset(self.lexicons)
        return self._shipped

    @shipped_sections.setter
    def shipped_sections(self, value: frozenset[str]) -> None:
        self._shipped = frozenset(value)

    def ship_all(self) -> None:
        """Mark every section shipped, without loading the lexicons to name them."""
        self._shipped = None

    def is_shipped(self, name: str) -> bool:
        """True when every entry of section ``name`` comes with newslint's own packs.

        Their patterns are reviewed and their growth is tested, so rules may run them without
        the per-call regex timeout that guards against a user's or plugin's slow pattern.
        """
        return name in self.shipped_sections

    def entries(self, name: str) -> list[Any]:
        return list(self.lexicons.get(name) or [])

    def pattern(self, name: str) -> regex.Pattern[str] | None:
        if name not in self._patterns:
            entries = self.entries(name)
            if not entries:
                self._patterns[name] = None
            else:
                parts = ordered_alternatives(entries)
                self._patterns[name] = regex.compile("|".join(parts), regex.IGNORECASE | regex.V0)
        return self._patterns[name]

    def option(self, key: str, default: Any = None) -> Any:
        if key == "lexicons":
            return self.data.get(key, default)
        return self._head.get(key, default)  # without loading a deferred pack's lexicons

    def __repr__(self) -> str:
        return f"LanguagePack({self.lang!r}, version={self.version!r})"


def load_pack_file(path: Path) -> dict[str, Any]:
    """Parse a pack file (through its compiled form; see :mod:`newslint.packfile`)."""
    from newslint.packfile import load_pack_file as load

    return load(path)


def check_needs(lexicons: Mapping[str, Any], origin: str) -> None:
    """Reject a raw entry whose ``needs:`` or ``starts:`` is not a list of non-empty strings
    (or whose ``word:`` is not a boolean).

    ``needs`` lists the literals one of which every match of the entry contains, ``starts``
    those one of which opens every match; rules skip the entry on an article holding none
    of them, so a wrong type would silently switch it off (a bare string would be read
    letter by letter). Raises ConfigError naming the pack file, the section and the entry.
    """
    for section, entries in lexicons.items():
        for i, entry in enumerate(entries or ()):
            if not isinstance(entry, Mapping):
                continue
            name = entry.get("label") or entry.get("re")
            word = entry.get("word")
            if word is not None and not isinstance(word, bool):
                raise ConfigError(
                    f"lexicon {section!r}, entry {i + 1} ({name!r}): 'word' must be true or "
                    f"false, got {word!r}",
                    path=origin,
                )
            for key in ("needs", "starts"):
                value = entry.get(key)
                if value is None or (
                    isinstance(value, list) and all(isinstance(n, str) and n.strip() for n in value)
                ):
                    continue
                raise ConfigError(
                    f"lexicon {section!r}, entry {i + 1} ({name!r}): {key!r} must be a list of "
                    f"non-empty strings (literals of every match), got {value!r}",
                    path=origin,
                )


def build_packs(items: Iterable[Any], shipped: Iterable[Any] = ()) -> dict[str, LanguagePack]:
    """Turn what the hook returned (paths or mappings) into packs keyed by language.

    ``shipped`` are the items that come with newslint itself: their sections are
    :meth:`LanguagePack.is_shipped` until another pack extends them.
    """
    shipped_ids = {id(x) for x in shipped}
    packs: dict[str, LanguagePack] = {}
    for item in items:
        if isinstance(item, Mapping):
            pack = LanguagePack(item)
            check_needs(pack.lexicons, f"language pack {pack.lang!r} (a mapping)")
        else:
            from newslint.packfile import open_pack

            path = Path(item)
            head, lexicons = open_pack(path)
            pack = LanguagePack(head, origin=str(path), lexicons=lexicons)
            if id(item) not in shipped_ids:
                pack.lexicons  # noqa: B018 -- a plugin's pack is checked now, as it loads
        if id(item) in shipped_ids:
            pack.ship_all()  # newslint's own: lexicons load when an article needs them
        if pack.lang in packs:
            # A later pack for the same language extends the earlier one's lexicons.
            earlier = packs[pack.lang]
            merged = dict(earlier.data)
            lex = {k: list(v) for k, v in (merged.get("lexicons") or {}).items()}
            for k, v in pack.lexicons.items():
                lex.setdefault(k, []).extend(v)
            merged["lexicons"] = lex
            later = pack
            pack = LanguagePack(merged, origin=earlier.origin)
            pack.shipped_sections = frozenset(
                k  # shipped only if every pack that contributes to it is
                for k in lex
                if (k not in earlier.lexicons or k in earlier.shipped_sections)
                and (k not in later.lexicons or k in later.shipped_sections)
            )
        packs[pack.lang] = pack
    return packs


_WORD = lazy_regex(r"\p{L}+")
_HAN_RUN = lazy_regex(r"\p{Han}+")
_DETECT_SPAN = 3000


def detect_language(text: str, packs: Mapping[str, LanguagePack], default: str = "en") -> str:
    """Guess the language of ``text`` among the packs' languages.

    Han characters decide Chinese; otherwise stopword frequency (plus a small bonus for
    characters typical of one language) picks among Latin-script packs. The first 3,000
    characters are plenty for an article, and counting whole runs (not single letters)
    keeps this well under a tenth of a millisecond.
    """
    sample = text[:_DETECT_SPAN]
    words = _WORD.findall(sample)
    letters = sum(map(len, words))
    if not letters:
        return default
    han = sum(map(len, _HAN_RUN.findall(sample)))
    if han / letters > 0.15:
        for lang, pack in packs.items():
            if pack.script == "Han":
                return lang
    counts = Counter(map(str.lower, words))
    best, best_score = default, 0.0
    for lang, pack in packs.items():
        if pack.script == "Han" or not pack.stopwords:
            continue
        score = float(sum(counts[w] for w in pack.stopwords if w in counts))
        if pack.marker_chars:
            score += 0.5 * sum(sample.count(c) for c in pack.marker_chars)
        if score > best_score:
            best, best_score = lang, score
    return best
