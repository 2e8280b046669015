"""The result cache: reused for unchanged files, invalidated by any change, never blindly."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from newslint.cache import ResultCache
from newslint.findings import FileResult
from pipeline_helpers import PROBE, RunCli, write


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path / "a.txt", "A\n\nFLAGME one.\n\nSIGNED-OFF\n")
    write(tmp_path / "b.txt", "B\n\nNothing here.\n\nSIGNED-OFF\n")
    old = time.time() - 60  # older than the racy window: stat alone may be trusted
    for name in ("a.txt", "b.txt"):
        os.utime(tmp_path / name, (old, old))
    return tmp_path


def _cache_files(root: Path) -> list[Path]:
    """The index files (one per run key)."""
    return sorted((root / ".newslint_cache" / "v3").glob("*.json"))


def _data_files(root: Path) -> list[Path]:
    return sorted((root / ".newslint_cache" / "v3").glob("*.dat"))


def _tamper(root: Path, old: str = "probe word", new: str = "CACHE word") -> None:
    """Rewrite cached messages in place and re-sign them: if the next run shows them, it used
    the cache.

    Same length, so every offset in the index stays right (a size change is detected and
    the whole cache ignored, see ``test_truncated_data_file_is_ignored``). Re-signed as
    anyone can without ``NEWSLINT_CACHE_KEY`` (see test_pipelines_cache_tamper.py).
    """
    assert len(old.encode()) == len(new.encode())
    for f in _data_files(root):
        f.write_bytes(f.read_bytes().replace(old.encode(), new.encode()))
    resign(root / ".newslint_cache")


def resign(directory: Path, secret: bytes | None = None) -> None:
    """Recompute every entry's digest over the pieces now in the data file."""
    for index_file in sorted((directory / "v3").glob("*.json")):
        index = json.loads(index_file.read_text())
        with pytest.MonkeyPatch.context() as env:  # the signing key comes from the environment
            if secret is None:
                env.delenv("NEWSLINT_CACHE_KEY", raising=False)
            else:
                env.setenv("NEWSLINT_CACHE_KEY", secret.decode())
            cache = ResultCache(directory, index["key"])
        data = (directory / "v3" / index["data"]).read_bytes()
        for display, row in index["entries"].items():
            start, length = row[6]
            frags = {k: data[s : s + n] for k, (s, n) in row[7].items()}
            row[8] = cache.digest(display, row[3], row[5], data[start : start + length], frags)
        cache.close()
        index_file.write_text(json.dumps(index))


def _messages(run_cli: RunCli, cwd: Path, *args: str) -> list[str]:
    proc = run_cli("check", *PROBE, "--format", "json", *args, ".", cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return [f["message"] for f in json.loads(proc.stdout)["findings"]]


def test_second_run_reuses_results(run_cli: RunCli, site: Path) -> None:
    first = _messages(run_cli, site)
    assert first == ["the probe word FLAGME is here"]
    assert len(_cache_files(site)) == 1
    assert (site / ".newslint_cache" / ".gitignore").read_text().strip().endswith("*")
    assert (site / ".newslint_cache" / "CACHEDIR.TAG").exists()
    _tamper(site)
    assert _messages(run_cli, site) == ["the CACHE word FLAGME is here"]
    assert _messages(run_cli, site, "--no-cache") == first


def test_edited_file_is_linted_again(run_cli: RunCli, site: Path) -> None:
    _messages(run_cli, site)
    _tamper(site)
    # same size, same second: only the content hash can tell (git's "racy" case)
    (site / "a.txt").write_text("A\n\nFLAGME uno.\n\nSIGNED-OFF\n")
    assert _messages(run_cli, site) == ["the probe word FLAGME is here"]


def test_touched_but_unchanged_file_is_still_a_hit(run_cli: RunCli, site: Path) -> None:
    _messages(run_cli, site)
    _tamper(site)
    os.utime(site / "a.txt")  # new mtime, same content: the hash matches
    assert _messages(run_cli, site) == ["the CACHE word FLAGME is here"]


def test_other_settings_use_another_cache_entry(run_cli: RunCli, site: Path) -> None:
    _messages(run_cli, site)
    _tamper(site)
    proc = run_cli("check", *PROBE, "--lang", "fr", "--format", "json", ".", cwd=site)
    assert [f["message"] for f in json.loads(proc.stdout)["findings"]] == [
        "the probe word FLAGME is here"
    ]
    proc = run_cli("check", *PROBE, "--ignore", "PP002", "--format", "json", ".", cwd=site)
    assert "CACHE word" not in proc.stdout


def test_corrupt_cache_is_ignored_and_replaced(run_cli: RunCli, site: Path) -> None:
    _messages(run_cli, site)
    for f in _cache_files(site):
        f.write_text('{"key": "x", "entries": {"a.txt": [1, 2')
    assert _messages(run_cli, site) == ["the probe word FLAGME is here"]

    def parses(f: Path) -> bool:
        try:
            json.loads(f.read_text())
            return True
        except ValueError:
            return False

    assert any(parses(f) for f in _cache_files(site))  # rewritten whole


def test_corrupt_entry_is_a_miss(site: Path) -> None:
    """A malformed, out-of-bounds or unsigned row is never replayed: the file is linted."""
    from newslint.api import Session
    from newslint.cache import lint_with_cache

    session = Session.create(cwd=site, select=["PP"], plugins=["pipeline_probe_plugin"], config={})
    st = (site / "a.txt").stat()
    row = [st.st_size, st.st_mtime_ns, st.st_ino, "h", st.st_mtime_ns + 10**10, "en"]
    linted: list[tuple[Path, str]] = []

    def lint(files: list[tuple[Path, str]]) -> list[FileResult]:
        linted.extend(files)
        return list(session.lint_files(files, jobs=1))

    for bad in (
        [1, 2, 3, "h", 4, {"findings": [["bad row"]]}],  # old layout
        "nonsense",
        [*row, [0, 50], {}, "d"],  # beyond the (empty) data file
        [*row, [0, 0], {}, "d"],  # in bounds, but does not match "d"
    ):
        cache = ResultCache(site / "c", "k")
        cache.entries["a.txt"] = bad
        linted.clear()
        (result,) = lint_with_cache(cache, [(site / "a.txt", "a.txt")], lint)
        assert linted == [(site / "a.txt", "a.txt")], bad
        assert [f.code for f in result.findings] == ["PP001"]
        assert (cache.hits, cache.misses) == (0, 1)
        cache.close()


def test_results_with_errors_are_not_cached(site: Path) -> None:
    cache = ResultCache(site / "c", "k")
    assert cache.lookup(site / "a.txt", "a.txt") is None
    from newslint.findings import FileError

    cache.store(FileResult("a.txt", errors=[FileError("a.txt", "rule", "boom", rule="x")]))
    assert "a.txt" not in cache.entries


def test_cache_dir_option_and_environment(run_cli: RunCli, site: Path, tmp_path: Path) -> None:
    _messages(run_cli, site, "--cache-dir", str(tmp_path / "elsewhere"))
    assert list((tmp_path / "elsewhere" / "v3").glob("*.json"))
    assert not (site / ".newslint_cache").exists()
    proc = run_cli(
        "check", *PROBE, ".", cwd=site, env={"NEWSLINT_CACHE_DIR": str(tmp_path / "env")}
    )
    assert proc.returncode == 1, proc.stderr
    assert list((tmp_path / "env" / "v3").glob("*.json"))
    assert not (site / ".newslint_cache").exists()


def test_cache_folder_is_safe_to_delete_and_unwritable_is_harmless(
    run_cli: RunCli, site: Path
) -> None:
    _messages(run_cli, site)
    import shutil

    shutil.rmtree(site / ".newslint_cache")
    assert _messages(run_cli, site) == ["the probe word FLAGME is here"]
    blocker = site / "blocked"
    blocker.write_text("a file where a folder should be")
    assert _messages(run_cli, site, "--cache-dir", str(blocker / "sub")) == [
        "the probe word FLAGME is here"
    ]


def test_unchanged_files_come_back_from_the_cache_unlinted(tmp_path: Path) -> None:
    """A second pass over unchanged files lints nothing and gives the same findings.

    (How fast that is belongs to ``benchmarks/bench.py``, not to a test on a shared machine.)
    """
    old = time.time() - 60
    for i in range(200):
        p = write(tmp_path / f"d{i % 20}" / f"a{i}.txt", f"A {i}\n\nFLAGME {i}.\n")
        os.utime(p, (old, old))
    from newslint.api import Session
    from newslint.cache import lint_with_cache

    session = Session.create(
        cwd=tmp_path, select=["PP"], plugins=["pipeline_probe_plugin"], config={}
    )
    files = session.discover([str(tmp_path)])
    cache = ResultCache(tmp_path / ".c", "bench")
    first = list(lint_with_cache(cache, files, lambda fs: session.lint_files(fs, jobs=1)))
    assert all(isinstance(r, FileResult) for r in first)
    cache.save()
    cache = ResultCache(tmp_path / ".c", "bench")
    again = list(lint_with_cache(cache, files, lambda fs: pytest.fail("nothing to lint")))
    assert (cache.hits, cache.misses) == (200, 0)
    assert [r.findings for r in again] == [r.findings for r in first]
    assert [[f.message for f in r.findings] for r in again] == [
        [f.message for f in r.findings] for r in first
    ]


PLUGIN = """
import regex
from newslint.findings import Hit, Severity
from newslint.hookspecs import hookimpl
from newslint.rule import Rule


class Edited(Rule):
    code = "PE001"
    name = "edited-plugin"
    summary = "x"
    severity = Severity.WARNING

    def check(self, article, ctx):
        for m in regex.finditer("FLAGME", article.text):
            yield Hit(m.start(), m.end(), "MESSAGE")


@hookimpl
def newslint_rules():
    return [Edited]
"""


def test_editing_a_plugin_module_invalidates(run_cli: RunCli, site: Path, tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    write(plugins / "edited_plugin.py", PLUGIN.replace("MESSAGE", "first version"))
    env = {"PYTHONPATH": str(plugins)}
    args = ("check", "-p", "edited_plugin", "--select", "PE", "--format", "json", ".")
    proc = run_cli(*args, cwd=site, env=env)
    assert [f["message"] for f in json.loads(proc.stdout)["findings"]] == ["first version"]
    write(plugins / "edited_plugin.py", PLUGIN.replace("MESSAGE", "second version"))
    proc = run_cli(*args, cwd=site, env=env)
    assert [f["message"] for f in json.loads(proc.stdout)["findings"]] == ["second version"]


def test_truncated_data_file_is_ignored(run_cli: RunCli, site: Path) -> None:
    _messages(run_cli, site)
    for f in _data_files(site):
        f.write_bytes(f.read_bytes()[:-5])  # a disk that filled up mid-write
    assert _messages(run_cli, site) == ["the probe word FLAGME is here"]
    assert len(_data_files(site)) == 1  # rewritten under a new name, the old one removed


def test_post_processed_runs_decode_findings_instead_of_replaying(
    run_cli: RunCli, site: Path, tmp_path: Path
) -> None:
    """A baseline filters findings: output replayed from the cache would ignore it."""
    _messages(run_cli, site)
    baseline = tmp_path / "baseline.json"
    proc = run_cli("check", *PROBE, "--write-baseline", str(baseline), ".", cwd=site)
    assert proc.returncode == 0, proc.stderr
    _tamper(site)
    assert _messages(run_cli, site, "--baseline", str(baseline)) == []
    assert _messages(run_cli, site) == ["the CACHE word FLAGME is here"]


ARTICLES = {
    "fr.txt": (
        "Les marchés reculent\n\nLes actions de la Bourse de Paris ont perdu 3 % mardi, et "
        "le CAC 40 a cédé 120 points. « Nous restons prudents sur les actions », a déclaré "
        "Marie Durand, gérante chez Exemple Gestion.\n\n« Les investisseurs vendent tout. »\n"
    ),
    "en.md": (
        "---\ntitle: Shares slide\neditor: Sam Lee\n---\n\n# Shares slide\n\nShares of Acme "
        'Corp fell 12% on the stock market after revenue dropped to $3 billion. "We will '
        'recover," said chief executive Dana Cole.\n\nDisclaimer: this article is not '
        "investment advice.\n"
    ),
    "zh.html": (
        "<html><body><h1>股市下跌</h1><p>上证指数周二下跌2%，成交额达到5000亿元。"
        "“市场情绪仍然低迷。”</p><p>责任编辑：王小明</p></body></html>"
    ),
}


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab", "junit"])
def test_cached_output_equals_fresh_output(run_cli: RunCli, tmp_path: Path, fmt: str) -> None:
    """Text rendered by pool workers, replayed from the cache (text, JSON, SARIF) or made from
    decoded findings (the others) is the same report, byte for byte, as a plain one-process
    run without the cache, on the real rules."""
    for name, text in ARTICLES.items():
        write(tmp_path / name, text)
    old = time.time() - 60
    for name in ARTICLES:
        os.utime(tmp_path / name, (old, old))
    args = ("check", "--format", fmt, "--color", "never", ".")
    (tmp_path / "none.json").write_text('{"version": 1, "findings": []}')
    fresh = run_cli(*args, "--no-cache", "--jobs", "1", cwd=tmp_path)
    pooled = run_cli(*args, "--no-cache", "--jobs", "2", cwd=tmp_path)
    first = run_cli(*args, "--jobs", "2", cwd=tmp_path)
    second = run_cli(*args, cwd=tmp_path)
    with_baseline = run_cli(*args, "--baseline", str(tmp_path / "none.json"), cwd=tmp_path)
    assert fresh.returncode == first.returncode == second.returncode == 1, fresh.stderr
    assert fresh.stdout.count("NL") >= 4  # real findings, several rules
    assert pooled.stdout == fresh.stdout
    assert first.stdout == fresh.stdout
    assert second.stdout == fresh.stdout
    assert with_baseline.stdout == fresh.stdout  # decoded from the cache, not replayed


def test_explain_is_cached_apart(run_cli: RunCli, tmp_path: Path) -> None:
    """Plain runs keep no pass notes; an --explain run after one must still show them."""
    write(tmp_path / "en.md", ARTICLES["en.md"])
    plain = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert "notes" not in json.loads(plain.stdout)
    explained = run_cli("check", "--format", "json", "--explain", ".", cwd=tmp_path)
    notes = json.loads(explained.stdout)["notes"]
    assert {n["code"] for n in notes} >= {"NL101", "NL102"}  # disclaimer and editor found
    again = run_cli("check", "--format", "json", "--explain", ".", cwd=tmp_path)
    assert json.loads(again.stdout)["notes"] == notes


def test_new_and_kept_pieces_survive_the_rewrite(run_cli: RunCli, tmp_path: Path) -> None:
    """One file changes: its new pieces and the other files' old ones end in one data file."""
    old = time.time() - 60
    for i in range(3):
        write(tmp_path / f"n{i}.txt", f"N{i}\n\nFLAGME {i}.\n\nSIGNED-OFF\n")
        os.utime(tmp_path / f"n{i}.txt", (old, old))
    assert len(_messages(run_cli, tmp_path)) == 3
    write(tmp_path / "n1.txt", "N1\n\nFLAGME FLAGME.\n\nSIGNED-OFF\n")
    os.utime(tmp_path / "n1.txt", (old, old))
    assert len(_messages(run_cli, tmp_path)) == 4
    _tamper(tmp_path)  # every message now comes from the data file, old pieces and new
    assert _messages(run_cli, tmp_path) == ["the CACHE word FLAGME is here"] * 4
    assert len(_data_files(tmp_path)) == 1
    assert not list((tmp_path / ".newslint_cache" / "v3").glob(".tmp-*"))  # no spool left


def test_unsaved_spool_is_removed(site: Path) -> None:
    cache = ResultCache(site / "c", "k")
    assert cache.lookup(site / "a.txt", "a.txt") is None
    cache.store(FileResult("a.txt"))
    spools = list((site / "c" / "v3").glob(".tmp-*"))
    assert len(spools) == 1
    cache.close()  # a run that stops before saving
    assert not spools[0].exists()
