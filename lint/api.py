"""The library API behind the CLI: a :class:`Session` ties registry, config and linter."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from newslint.config import Config, load_config
from newslint.engine import Linter, Selection, lint_files
from newslint.findings import FileResult, Severity
from newslint.plugins import Registry, get_registry
from newslint.rule import Rule


class Session(NamedTuple):
    """A loaded registry and config with the linter built from them (see :meth:`create`)."""

    registry: Registry
    config: Config
    linter: Linter
    cwd: Path

    @classmethod
    def create(
        cls,
        *,
        cwd: Path | None = None,
        config_path: str | None = None,
        config: Config | dict[str, Any] | None = None,
        isolated: bool = False,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        lang: str | None = None,
        builtin_only: bool = False,
        plugins: Sequence[str] = (),
        message_lang: str | None = None,
    ) -> Session:
        """``message_lang``: the language of built-in messages (en, fr, de, es, zh, or auto:
        each article's own); None leaves it to the config's ``messages:``."""
        cwd = cwd or Path.cwd()
        if message_lang is not None:
            from newslint.errors import UsageError
            from newslint.i18n import check_choice

            try:
                message_lang = check_choice(message_lang)
            except ValueError as exc:
                raise UsageError(f"message language: {exc}") from None
        registry = get_registry(builtin_only=builtin_only, modules=tuple(plugins))
        if isinstance(config, Config):
            cfg = config
        elif isinstance(config, dict):
            from newslint.config import config_from_mapping

            cfg = config_from_mapping(config, registry=registry, origin="<api>", root=cwd)
        else:
            cfg = load_config(config_path, cwd=cwd, registry=registry, isolated=isolated)
        _check_selection(registry, cfg, [*(select or []), *ignore])
        linter = Linter(
            registry,
            cfg,
            Selection(select=select, ignore=ignore),
            lang=lang,
            cwd=cwd,
            message_lang=message_lang,
        )
        return cls(registry, cfg, linter, cwd)

    def discover(
        self, paths: Sequence[str], respect_gitignore: bool = True, force_exclude: bool = False
    ) -> list[tuple[Path, str]]:
        """Files to lint; ``force_exclude`` applies the default exclude to named files too."""
        from newslint.discover import discover

        return discover(
            paths,
            cwd=self.cwd,
            include=self.config.include,
            exclude=self.config.exclude,
            root=self.config.root,
            respect_gitignore=respect_gitignore,
            default_exclude=self.config.default_excludes,
            force_exclude=force_exclude,
        )

    def lint_files(
        self, files: Sequence[tuple[Path, str]], jobs: int | None = None, finish: Any = None
    ) -> Iterator[Any]:
        """Results in ``files`` order (see :func:`newslint.engine.lint_files` for ``finish``)."""
        return lint_files(self.linter, files, jobs=jobs, finish=finish)

    def find_rule(self, key: str) -> Rule | None:
        for r in self.linter.all_rules():
            if key in (r.code, r.name) or key.upper() == r.code:
                return r
        return None

    def run_info(self, **kwargs: Any) -> Any:
        from newslint import __version__
        from newslint.formatters import RunInfo

        return RunInfo(
            version=__version__,
            packs=self.registry.pack_versions(),
            config_hash=self.config.digest(),
            rules=self.linter.rules,
            **kwargs,
        )


def _check_selection(registry: Registry, cfg: Config, keys: Sequence[str]) -> None:
    from newslint.config import did_you_mean
    from newslint.errors import UsageError

    rules = [*registry.rules, *cfg.house_rules]
    known = {k for r in rules for k in (r.code, r.name)}
    for key in keys:
        if key.upper() == "ALL" or key in known or key.upper() in known:
            continue
        if any(r.code.startswith(key.upper()) for r in rules):
            continue  # a code prefix such as NL1
        raise UsageError(f"unknown rule {key!r}{did_you_mean(key, sorted(known))}")


def lint_text(
    text: str,
    *,
    path: str | None = None,
    lang: str | None = None,
    config: Config | dict[str, Any] | None = None,
    message_lang: str | None = None,
) -> list[Any]:
    """Lint one article given as text; returns its findings (suppressed ones included).

    ``path`` picks the reader by extension (default: plain text) and is used in findings;
    ``message_lang`` words the messages (en, fr, de, es, zh; default: the article's language);
    ``config`` is a :class:`Config` or a mapping shaped like ``newslint.yaml`` (no discovery
    happens: the library never reads config files behind the caller's back).
    """
    session = Session.create(
        config=config if config is not None else {}, lang=lang, message_lang=message_lang
    )
    result = session.linter.lint_bytes(text, path or "<text>")
    if result.errors:
        from newslint.errors import InputError

        first = result.errors[0]
        if first.kind == "input":
            raise InputError(first.path, first.message)
    return result.findings


def lint_paths(
    paths: Sequence[str | Path],
    *,
    config: Config | dict[str, Any] | str | None = None,
    lang: str | None = None,
    jobs: int | None = 1,
    cwd: Path | None = None,
    message_lang: str | None = None,
) -> Iterator[FileResult]:
    """Lint files and folders; yields one :class:`FileResult` per file, in sorted order.

    ``config`` may be a :class:`Config`, a mapping, a path to a config file, or None to
    discover ``newslint.yaml`` from ``cwd`` as the CLI does.
    """
    if isinstance(config, str):
        session = Session.create(cwd=cwd, config_path=config, lang=lang, message_lang=message_lang)
    else:
        session = Session.create(cwd=cwd, config=config, lang=lang, message_lang=message_lang)
    files = session.discover([str(p) for p in paths])
    return session.lint_files(files, jobs=jobs)


__all__ = ["Session", "Severity", "lint_paths", "lint_text"]
