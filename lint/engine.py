"""The lint loop: read → Article → rules → Hits → Findings, file by file.

The engine owns identity (code, name, severity), positions (text offsets → original line and
column), excerpts, fingerprints and suppressions, so rules only say *where* and *why*.
A failing rule or unreadable file becomes a :class:`FileError`; it never stops the run.
"""

from __future__ import annotations

import hashlib
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from newslint.analysis import Analysis
from newslint.article import Article
from newslint.config import Config, RuleSetting
from newslint.errors import InputError
from newslint.findings import FileError, FileResult, Finding, Hit
from newslint.i18n import message_language, translator
from newslint.language import LanguagePack, detect_language
from newslint.lazy import lazy_regex
from newslint.plain import Plain
from newslint.plugins import Registry
from newslint.readers.decode import DecodeError, decode_bytes
from newslint.rule import Rule, RuleContext
from newslint.suppress import Suppressions, apply_suppressions

EXCERPT_MAX = 80
_WS = lazy_regex(r"\s+")


def make_excerpt(text: str) -> str:
    """The flagged text on one line, capped at about 80 characters."""
    flat = (
        " ".join(text.split()) if _SPLIT_ONLY.search(text) is None else _WS.sub(" ", text).strip()
    )
    if len(flat) > EXCERPT_MAX:
        return flat[: EXCERPT_MAX - 1].rstrip() + "…"
    return flat


def one_line(message: str) -> str:
    """``message`` with line breaks and other whitespace runs collapsed to single spaces.

    Messages quote the flagged text (a house rule's ``{match}``); a raw line break there
    would split a text line, a GitHub annotation or a JUnit/CSV-style consumer's record.
    """
    return " ".join(message.split())


class Selection(NamedTuple):
    """Rule selection from the command line: codes or names, or None for "all enabled"."""

    select: Sequence[str] | None = None
    ignore: Sequence[str] = ()
    extend_select: Sequence[str] = ()


class Linter(Plain):
    """Lints one file at a time with a fixed registry, config and selection.

    ``explain`` keeps rules' pass evidence (``FileResult.notes``); the CLI turns it off
    unless ``--explain`` asks for it: notes are about as large as the findings themselves.
    ``message_lang`` (``--message-lang``) beats the config's ``messages:``; unset or ``auto``,
    messages follow each article's language (:mod:`newslint.i18n`).
    ``keep_source`` keeps each article's decoded text on its result (``FileResult.source``)
    for formats that show it (the HTML report); off by default for the same reason.
    """

    _fields = (
        "registry",
        "config",
        "selection",
        "lang",
        "cwd",
        "explain",
        "message_lang",
        "keep_source",
    )

    def __init__(
        self,
        registry: Registry,
        config: Config,
        selection: Selection | None = None,
        lang: str | None = None,
        cwd: Path | None = None,
        explain: bool = True,
        message_lang: str | None = None,
        keep_source: bool = False,
    ) -> None:
        self.registry = registry
        self.config = config
        self.selection = Selection() if selection is None else selection
        self.lang = lang
        self.cwd = Path.cwd() if cwd is None else cwd
        self.explain = explain
        self.message_lang = message_lang
        self.keep_source = keep_source
        self.rules: list[Rule] = self._selected_rules()
        self._known_rules = self.all_rules()  # suppression comments may name any of them
        self._rule_names = {r.code: r.name for r in self._known_rules}
        self._default_pack = self.registry.packs.get("en") or LanguagePack({"lang": "und"})

    # -- rule selection -------------------------------------------------------------------
    def all_rules(self) -> list[Rule]:
        return sorted([*self.registry.rules, *self.config.house_rules], key=lambda r: r.code)

    def _selected_rules(self) -> list[Rule]:
        rules = self.all_rules()
        sel = self.selection
        if sel.select is not None:
            rules = [r for r in rules if _selected(r, [*sel.select, *sel.extend_select])]
        return [r for r in rules if not _selected(r, sel.ignore)]

    # -- one file ---------------------------------------------------------------------------
    def lint_path(self, path: Path, display: str) -> FileResult:
        """Read and lint one file; unreadable input becomes an error entry, not an exception."""
        try:
            data = read_input(path, display, self.config.max_file_size)
        except InputError as exc:
            return FileResult(
                display, errors=[FileError(display, "input", exc.reason)], linted=False
            )
        return self.lint_bytes(data, display)

    def lint_bytes(self, data: bytes | str, display: str) -> FileResult:
        try:
            source = data if isinstance(data, str) else decode_bytes(data)
        except DecodeError as exc:
            return FileResult(display, errors=[FileError(display, "input", str(exc))], linted=False)
        reader = self.registry.reader_for(display) or self._sniff_reader(source)
        try:
            article = reader.read(display, source)
        except InputError as exc:
            return FileResult(
                display, errors=[FileError(display, "input", exc.reason)], linted=False
            )
        except Exception as exc:  # a reader plugin bug must not stop the run
            return FileResult(
                display,
                errors=[
                    FileError(
                        display,
                        "plugin",
                        f"reader {reader.name!r} failed: {type(exc).__name__}: {exc}",
                        plugin=getattr(reader, "plugin", None),
                    )
                ],
                linted=False,
            )
        return self.lint_article(article)

    def _sniff_reader(self, source: str) -> Any:
        """The reader for a name with no known extension (standard input without
        ``--stdin-filename``): Markdown when the text opens with front matter, which plain
        text would otherwise lint as prose and whose metadata overrides would miss."""
        from newslint.readers.markdown import has_front_matter

        readers = self.registry.readers
        if ".md" in readers and has_front_matter(source):
            return readers[".md"]
        return readers.get(".txt")

    def resolve_language(self, article: Article) -> str:
        packs = self.registry.packs
        for candidate in (self.lang, _meta_lang(article.metadata), self.config.language):
            if candidate and candidate != "auto":
                return _normalise_lang(candidate, packs)
        return detect_language(article.text, packs)

    def lint_article(self, article: Article) -> FileResult:
        lang = self.resolve_language(article)
        pack = self.registry.packs.get(lang, self._default_pack)
        article.lang = lang
        article.abbreviations = pack.abbreviations
        result = FileResult(
            article.path, lang=lang, source=article.source if self.keep_source else None
        )
        wording = message_language(self.message_lang or self.config.messages, lang)
        findings: list[Finding] = []
        relpath = article.path
        metadata = dict(article.metadata)
        # Rules about the suppression comments run once the suppressions are applied.
        later: list[tuple[Rule, RuleSetting]] = []
        analysis = Analysis(article, lang, pack, self.registry.packs)
        for rule in self.rules:
            setting = self.config.settings_for(rule, relpath, metadata, lang)
            if setting.severity is None or not rule.applies_to(lang):
                continue
            if rule.reads_suppressions:
                later.append((rule, setting))
                continue
            findings += self._run(rule, setting, analysis, result, wording)
        findings, directives = apply_suppressions(
            article, findings, self._known_rules, self.config.unsuppressible
        )
        configured = self.config.suppressions_for(article.path, metadata, lang)
        if configured:
            findings = [
                f._replace(suppressed=True, suppression_reason=configured[f.code])
                if not f.suppressed and f.code in configured
                else f
                for f in findings
            ]
        if later:
            facts = Suppressions(directives, self._rule_names)
            for rule, setting in later:
                findings += self._run(rule, setting, analysis, result, wording, facts)
        findings.sort(key=_BY_LOCATION)  # Finding's order, compared in C
        result.findings = _with_fingerprints(article, findings)
        return result

    def _run(
        self,
        rule: Rule,
        setting: RuleSetting,
        analysis: Analysis,
        result: FileResult,
        wording: str,
        suppressions: Suppressions | None = None,
    ) -> list[Finding]:
        """One rule's findings on the analysed article, worded in ``wording`` (a message
        language); its failure and pass notes go to ``result``."""
        article = analysis.article
        ctx = RuleContext(
            setting.options,
            analysis.lang,
            analysis.pack,
            analysis.packs,
            article,
            explain=self.explain,
            t=translator(wording),
            message_lang=wording,
            suppressions=suppressions,
            analysis=analysis,
        )
        try:
            hits = _run_rule(rule, article, ctx)
        except _RuleFailure as exc:
            result.errors.append(
                FileError(article.path, "rule", str(exc), rule=rule.name, plugin=rule.plugin)
            )
            return []
        for note in ctx.notes:
            result.notes.append({"rule": rule.name, "code": rule.code, "evidence": note})
        return [self._to_finding(article, rule, setting, h) for h in hits]

    def _to_finding(self, article: Article, rule: Rule, setting: RuleSetting, hit: Hit) -> Finding:
        if hit.in_source:
            s, e = hit.start, hit.end
            flagged = article.source[s:e]
        else:
            s, e = article.source_span(hit.start, hit.end)
            flagged = article.text[hit.start : hit.end]
        line, col = article.lines.position(s)
        end_line, end_col = article.lines.position(e)
        assert setting.severity is not None
        severity = setting.severity
        lowered = self.config.ambiguous_severity
        if hit.ambiguous and lowered is not None and lowered < severity:
            severity = lowered  # "gate on the sure ones": ambiguous findings weigh less
        evidence = dict(hit.evidence)
        if rule.policy is not None:
            evidence.setdefault("policy", rule.policy.to_dict())
        return Finding(
            path=article.path,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            code=rule.code,
            name=rule.name,
            severity=severity,
            message=hit.message if hit.message.isprintable() else one_line(hit.message),
            excerpt=make_excerpt(flagged if hit.excerpt is None else hit.excerpt),
            evidence=evidence,
            fix=hit.fix,
            offset=s,
            end_offset=e,
            ambiguous=hit.ambiguous,
        )


def _selected(rule: Rule, keys: Iterable[str]) -> bool:
    """True when a --select/--ignore key names the rule: ALL, its code, name or code prefix."""
    for key in keys:
        upper = key.upper()
        if upper == "ALL" or key == rule.name or upper == rule.code or rule.code.startswith(upper):
            return True
    return False


class _RuleFailure(Exception):
    pass


def _run_rule(rule: Rule, article: Article, ctx: RuleContext) -> list[Hit]:
    hits: list[Hit] = []
    try:
        for hit in rule.check(article, ctx):
            if not isinstance(hit, Hit):
                raise _RuleFailure(f"yielded {type(hit).__name__}, not a Hit")
            n = len(article.source if hit.in_source else article.text)
            if not (
                isinstance(hit.start, int)
                and isinstance(hit.end, int)
                and 0 <= hit.start <= hit.end <= n
            ):
                raise _RuleFailure(
                    f"yielded offsets {hit.start!r}..{hit.end!r} outside the text (0..{n})"
                )
            if not isinstance(hit.message, str) or not hit.message:
                raise _RuleFailure("yielded a hit without a message")
            hits.append(hit)
    except _RuleFailure:
        raise
    except TimeoutError:
        raise _RuleFailure(
            f"a regular expression timed out after {ctx.timeout:g} s (catastrophic backtracking?)"
        ) from None
    except RecursionError:
        raise _RuleFailure("recursion too deep") from None
    except Exception as exc:
        raise _RuleFailure(f"{type(exc).__name__}: {exc}") from None
    return hits


def _with_fingerprints(article: Article, findings: list[Finding]) -> list[Finding]:
    """Give each finding a fingerprint that survives edits to unrelated lines.

    It hashes the rule, the whitespace-normalised text of the finding's line and the
    excerpt (not line numbers), plus an occurrence counter for identical lines. Article-level
    findings (nothing to point at but the article) hash the rule alone: their excerpt shows
    where they point (the body's last line, a misplaced disclaimer), which edits move.
    """
    seen: dict[str, int] = {}
    line_context: dict[int, str] = {}  # one normalisation per line, however many findings
    out: list[Finding] = []
    for f in findings:
        rule_level = f.evidence.get("scope") == "article"
        if rule_level:
            context = ""
        else:
            context = line_context.get(f.line, "")
            if f.line not in line_context:
                ls, le = article.lines.line_span(f.line)
                context = hashlib.sha256(_squeeze(article.source[ls:le]).encode()).hexdigest()
                line_context[f.line] = context
        excerpt = "" if rule_level else f.excerpt
        base = hashlib.sha256(f"{f.code}\0{context}\0{excerpt}".encode()).hexdigest()[:16]
        seen[base] = seen.get(base, 0) + 1
        out.append(f._replace(fingerprint=f"{base}:{seen[base]}"))
    return out


_BY_LOCATION = operator.itemgetter(0, 1, 2, 3, 4, 5, 6)  # path … name: see Finding

#: Characters ``str.split()`` treats as space that ``\s`` does not (fingerprints must not move).
_SPLIT_ONLY = lazy_regex("[\x1c-\x1f]")


def _squeeze(line: str) -> str:
    r"""``line`` without whitespace (``\s``), via ``str.split`` (about 4× faster)."""
    if _SPLIT_ONLY.search(line) is None:
        return "".join(line.split())
    return _WS.sub("", line)


def _meta_lang(metadata: Any) -> str | None:
    value = metadata.get("lang") or metadata.get("language") if metadata else None
    return str(value) if value else None


def _normalise_lang(value: str, packs: dict[str, LanguagePack]) -> str:
    """``fr-FR`` → ``fr``; ``zh-Hant``/``zh-TW`` → ``zh`` (one pack covers both scripts)."""
    v = value.strip().replace("_", "-")
    if v in packs:
        return v
    base = v.split("-")[0].lower()
    return base


def read_input(path: Path, display: str, max_size: int) -> bytes:
    """Read a file's bytes or raise :class:`InputError` with a reason a person can act on."""
    import errno

    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(display, "broken symbolic link") from None
        raise InputError(display, "no such file or directory") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(display, "symbolic link loop") from None
        if exc.errno == errno.ENAMETOOLONG:
            raise InputError(display, "file name too long") from None
        raise InputError(display, f"cannot read: {exc.strerror or exc}") from None
    import stat as _stat

    if _stat.S_ISDIR(st.st_mode):
        raise InputError(display, "is a directory, not an article")
    if not _stat.S_ISREG(st.st_mode):
        raise InputError(display, "not a regular file")
    if st.st_size > max_size:
        raise InputError(
            display,
            f"file is {st.st_size:,} bytes, over the {max_size:,}-byte limit "
            "(raise max-file-size in config to lint it)",
        )
    try:
        with open(path, "rb") as fh:
            return fh.read(max_size + 1)
    except PermissionError:
        raise InputError(display, "permission denied") from None
    except OSError as exc:
        raise InputError(display, f"cannot read: {exc.strerror or exc}") from None


# -- many files -------------------------------------------------------------------------------

_WORKER: Linter | None = None
_FINISH: Callable[[FileResult, Registry], Any] | None = None
#: Below this many files a process pool costs more than it saves.
POOL_THRESHOLD = 200


def tune_gc() -> None:
    """Collect young objects less often in newslint's own processes (the CLI, pool workers).

    Linting allocates millions of short-lived, acyclic objects (matches, tuples, strings);
    with the default threshold (700) the cyclic collector runs thousands of times per
    thousand articles for nothing. 50,000 measured 3-4 % faster per article; memory stays
    bounded (a few MB of young objects at most). Not called for library users.
    """
    import gc

    gc.set_threshold(50_000, 20, 100)


def _init_worker(linter: Linter, finish: Callable[[FileResult, Registry], Any] | None) -> None:
    global _WORKER, _FINISH
    tune_gc()  # spawned workers do not inherit the parent's setting
    _WORKER = linter
    _FINISH = finish
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(item: tuple[str, str]) -> Any:
    assert _WORKER is not None
    result = _WORKER.lint_path(Path(item[0]), item[1])
    return result if _FINISH is None else _FINISH(result, _WORKER.registry)


def lint_files(
    linter: Linter,
    files: Sequence[tuple[Path, str]],
    jobs: int | None = None,
    finish: Callable[[FileResult, Registry], Any] | None = None,
) -> Iterator[Any]:
    """Lint files in order; ``jobs`` > 1 uses a process pool (results keep input order).

    ``finish(result, registry)``, if given, runs where the file was linted and its return
    value is yielded instead of the result (see :mod:`newslint.render`).
    """
    if jobs is None:
        jobs = os.cpu_count() or 1 if len(files) >= POOL_THRESHOLD else 1
    if jobs <= 1 or len(files) < 2:
        for path, display in files:
            result = linter.lint_path(path, display)
            yield result if finish is None else finish(result, linter.registry)
        return
    import multiprocessing as mp

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    chunk = max(1, min(64, len(files) // (jobs * 8) or 1))
    pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(linter, finish))
    try:
        items = [(str(p), d) for p, d in files]
        yield from pool.imap(_work, items, chunksize=chunk)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
