"""No cache can change a verdict: each cache is tampered with, and the CLI's findings and exit
code stay those of a clean run (the issue's hand-made attacks, as regression tests)."""

from __future__ import annotations

import json
import marshal
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pipeline_helpers import ROOT, RunCli

SEED = ROOT / "seeds" / "000_515427318ff19ac6.txt"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with the seed report; per-user caches under ``xdg/``, results in ``results/``."""
    shutil.copy(SEED, tmp_path / "seed.txt")
    (tmp_path / "xdg").mkdir()
    return tmp_path


def _check(run_cli: RunCli, work: Path, *args: str, env: dict[str, str] | None = None) -> tuple:
    proc = run_cli(
        "check",
        "--cache-dir",
        str(work / "results"),
        *args,
        "seed.txt",
        cwd=work,
        env={"XDG_CACHE_HOME": str(work / "xdg"), **(env or {})},
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout, proc.returncode


# -- the result cache ---------------------------------------------------------------------
def _rewrite_pieces(results: Path, change: Callable[[str, bytes], bytes]) -> None:
    """Rewrite every stored piece (``change(kind, bytes)``; kind "payload" or a format key)
    into a fresh data file, with the index's offsets and data size made right again: what a
    careful forger does. Works on any index layout: a piece is the row's ``[offset, length]``
    and the fragments its one dict; any other list of four ints (stored counts) is zeroed."""
    for index_file in results.glob("v*/*.json"):
        index = json.loads(index_file.read_text())
        data = (index_file.parent / index["data"]).read_bytes()
        out = bytearray()

        def put(piece: list[int], kind: str, data: bytes = data, out: bytearray = out) -> list[int]:
            raw = change(kind, data[piece[0] : piece[0] + piece[1]])
            out.extend(raw)
            return [len(out) - len(raw), len(raw)]

        for row in index["entries"].values():
            for i, item in enumerate(row):
                if isinstance(item, list) and len(item) == 4:
                    row[i] = [0, 0, 0, 0]
                elif isinstance(item, list) and len(item) == 2:
                    row[i] = put(item, "payload")
                elif isinstance(item, dict):
                    row[i] = {k: put(v, k) for k, v in item.items()}
        (index_file.parent / index["data"]).write_bytes(bytes(out))
        index["data_size"] = len(out)
        index_file.write_text(json.dumps(index))


def _no_findings(kind: str, raw: bytes) -> bytes:
    if kind == "payload":
        payload = json.loads(raw)
        payload["findings"] = []
        return json.dumps(payload).encode()
    return b""  # a report with nothing to say about the file


TAMPERS: dict[str, Callable[[str, bytes], bytes]] = {
    "counts-zeroed": lambda kind, raw: raw,
    "findings-removed": _no_findings,
    "text-replaced": lambda kind, raw: raw if kind == "payload" else b"",
    "offsets-moved": lambda kind, raw: raw.replace(b"NL301", b"NL999"),
}


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("tamper", sorted(TAMPERS))
def test_tampered_result_cache_is_a_miss(
    run_cli: RunCli, work: Path, tamper: str, fmt: str
) -> None:
    clean = _check(run_cli, work, "--format", fmt, "--no-cache")
    assert clean[1] == 1 and clean[0].count("NL301") == 3
    assert _check(run_cli, work, "--format", fmt) == clean  # writes the cache
    _rewrite_pieces(work / "results", TAMPERS[tamper])
    assert _check(run_cli, work, "--format", fmt) == clean
    assert _check(run_cli, work, "--format", fmt) == clean  # and the cache was rebuilt


def test_keyed_cache_cannot_be_forged_without_the_secret(run_cli: RunCli, work: Path) -> None:
    """With NEWSLINT_CACHE_KEY, re-signing a forged entry needs the secret."""
    from test_pipelines_cache import resign

    keyed = {"NEWSLINT_CACHE_KEY": "ci-secret"}
    clean = _check(run_cli, work, "--no-cache", env=keyed)
    assert _check(run_cli, work, env=keyed) == clean
    _rewrite_pieces(work / "results", _no_findings)
    resign(work / "results")  # a valid plain digest, as anyone can compute
    assert _check(run_cli, work, env=keyed) == clean
    # Only the secret's holder can make a hit (shown here: a forged one is then believed).
    _rewrite_pieces(work / "results", _no_findings)
    resign(work / "results", b"ci-secret")
    forged = _check(run_cli, work, env=keyed)
    assert forged[1] == 0 and "NL301" not in forged[0]


# -- the per-user caches: entry points, parsed packs, compiled patterns ---------------------
def _edit_files(folder: Path, edit: Callable[[bytes], bytes]) -> int:
    files = [f for f in folder.glob("*") if f.is_file()]
    for f in files:
        f.write_bytes(edit(f.read_bytes()))
    return len(files)


ENTRY_POINT_EDITS: dict[str, Callable[[bytes], bytes]] = {
    # One edited line: the built-in rules point at a module without any.
    "builtin-replaced": lambda b: b.replace(b'"newslint.rules"', b'"json:dumps"'),
    "builtin-dropped": lambda b: b.replace(b'["builtin", "newslint.rules"], ', b""),
    "not-json": lambda b: b[: len(b) // 2],
}


@pytest.mark.parametrize("edit", sorted(ENTRY_POINT_EDITS))
def test_tampered_entry_point_cache_keeps_the_builtins(
    run_cli: RunCli, work: Path, edit: str
) -> None:
    env = {"XDG_CACHE_HOME": str(work / "xdg")}
    clean = _check(run_cli, work, "--no-cache")
    rules = run_cli("rules", cwd=work, env=env)
    assert "NL301" in rules.stdout
    assert _edit_files(work / "xdg" / "newslint" / "entry-points", ENTRY_POINT_EDITS[edit])
    assert _check(run_cli, work, "--no-cache") == clean
    assert run_cli("rules", cwd=work, env=env).stdout == rules.stdout
    assert _check(run_cli, work, "--no-cache") == clean  # rebuilt, and still right


class _Run:
    """Pickles to a call of ``os.system``: what a forged pickle would do to run code."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return (os.system, (self.command,))


def _empty_lexicons(raw: bytes) -> bytes:
    """The compiled pack with every lexicon emptied and its head's hashes made right again
    (what a careful forger does), its old signature kept."""
    import pickle

    from newslint.rules.packs import loads_plain, source_hash

    sig, _, blob = raw.partition(b"\n")
    size = int.from_bytes(blob[:8], "big")
    head = loads_plain(blob[8 : 8 + size])
    lexicons = pickle.dumps({k: [] for k in loads_plain(blob[8 + size :])}, protocol=4)
    head_bytes = pickle.dumps({**head, "lexicons": source_hash(lexicons)}, protocol=4)
    return sig + b"\n" + len(head_bytes).to_bytes(8, "big") + head_bytes + lexicons


PACK_EDITS: dict[str, Callable[[bytes], bytes]] = {
    "lexicons-emptied": _empty_lexicons,
    "truncated": lambda b: b[: len(b) // 2],
    "bytes-flipped": lambda b: b[:-40] + bytes(40),
}


@pytest.mark.parametrize("edit", sorted(PACK_EDITS))
def test_tampered_pack_cache_is_ignored(run_cli: RunCli, work: Path, edit: str) -> None:
    """A compiled-pack file edited in the per-user cache cannot switch a rule off."""
    clean = _check(run_cli, work, "--no-cache")
    assert _edit_files(work / "xdg" / "newslint" / "packs", PACK_EDITS[edit])
    assert _check(run_cli, work, "--no-cache") == clean
    assert _check(run_cli, work, "--no-cache") == clean  # rebuilt, and still right


def test_forged_pack_cache_runs_no_code(run_cli: RunCli, work: Path) -> None:
    """A correctly signed compiled pack (anyone can sign without NEWSLINT_CACHE_KEY) whose
    pickle calls a function is refused by the plain-data unpickler: nothing runs, the pack
    is read from its YAML, the findings are a clean run's."""
    import pickle

    from newslint.usercache import write_signed_bytes

    clean = _check(run_cli, work, "--no-cache")
    marker = work / "ran"
    head = pickle.dumps(_Run(f"touch {marker}"), protocol=4)
    forged = len(head).to_bytes(8, "big") + head + pickle.dumps({}, protocol=4)
    files = sorted((work / "xdg" / "newslint" / "packs").glob("*.pack"))
    assert files
    for cache_file in files:
        assert write_signed_bytes(cache_file, forged, b"pack", b"2")
    assert _check(run_cli, work, "--no-cache") == clean
    assert not marker.exists()


def test_no_compiled_pattern_cache_is_trusted(run_cli: RunCli, work: Path) -> None:
    """Patterns are compiled with the public ``regex`` API: no per-user file of opcodes is
    written, and one left by an older newslint (scrambled here) is never read."""
    clean = _check(run_cli, work, "--no-cache")
    regex_dir = work / "xdg" / "newslint" / "regex"
    assert not regex_dir.exists()
    regex_dir.mkdir()
    (regex_dir / "0123456789abcdef.bin").write_bytes(bytes(32) + marshal.dumps(("x", 0, {})))
    assert _check(run_cli, work, "--no-cache") == clean


def test_forged_entry_point_cache_cannot_add_an_undeclared_plugin(
    run_cli: RunCli, work: Path
) -> None:
    """A correctly signed cache (anyone can sign without NEWSLINT_CACHE_KEY) naming a plugin
    that no installed distribution declares is not believed: each entry is checked against
    the entry_points.txt it claims to come from."""
    from importlib.metadata import distribution

    from newslint.usercache import write_signed_json

    env = {"XDG_CACHE_HOME": str(work / "xdg")}
    clean = _check(run_cli, work, "--no-cache")
    rules = run_cli("rules", cwd=work, env=env).stdout
    dist = distribution("newslint")
    declared = next(
        str(dist.locate_file(f)) for f in dist.files or () if f.name == "entry_points.txt"
    )
    folder = work / "xdg" / "newslint" / "entry-points"
    for cache_file in folder.glob("*.json"):
        forged = [["probe", "pipeline_probe_plugin", declared]]
        write_signed_json(cache_file, forged, b"newslint", cache_file.stem.encode())
        from newslint.usercache import read_signed_json

        assert read_signed_json(cache_file, b"newslint", cache_file.stem.encode()) == forged
    assert run_cli("rules", cwd=work, env=env).stdout == rules  # no PP rules slipped in
    assert _check(run_cli, work, "--no-cache") == clean
