"""Compiled language packs: used only for the exact YAML they were compiled from, never able
to run code, and loaded per language (the lexicons of a language no article is in stay on disk).
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from newslint.language import build_packs, detect_language
from newslint.packfile import load_pack_file, open_pack
from newslint.rules import PACK_LANGS, PACKS_DIR
from newslint.rules.packs import COMPILED_SUFFIX, dump_compiled
from newslint.yamlio import load_yaml_file

PACK = """\
lang: xx
version: "3"
detect: {stopwords: [zork, blorp], script: Latin}
lexicons:
  attribution: [said, told]
"""
OTHER = PACK.replace("said, told", "shouted")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(folder))
    return folder


def _pack(tmp_path: Path, text: str = PACK) -> Path:
    path = tmp_path / "xx.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _compiled_beside(path: Path, text: str) -> Path:
    raw = text.encode()
    target = path.with_suffix(COMPILED_SUFFIX)
    target.write_bytes(dump_compiled(load_yaml_file(_pack(path.parent / "src", text)), raw))
    return target


@pytest.fixture(autouse=True)
def _src(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()


def test_a_compiled_file_beside_the_yaml_is_used(tmp_path: Path, cache: Path) -> None:
    path = _pack(tmp_path)
    _compiled_beside(path, PACK)
    assert load_pack_file(path) == load_yaml_file(path)
    assert not (cache / "packs").exists()  # nothing to compile: no per-user file


def test_a_stale_compiled_file_is_ignored(tmp_path: Path, cache: Path) -> None:
    """Compiled from other YAML bytes (the pack was edited after the build): the YAML wins."""
    path = _pack(tmp_path)
    _compiled_beside(path, OTHER)
    assert load_pack_file(path)["lexicons"] == {"attribution": ["said", "told"]}
    assert list((cache / "packs").glob(f"*{COMPILED_SUFFIX}"))  # compiled per user instead
    assert load_pack_file(path) == load_yaml_file(path)  # and read back from there


def test_damaged_compiled_lexicons_fall_back_to_the_yaml(tmp_path: Path, cache: Path) -> None:
    path = _pack(tmp_path)
    target = _compiled_beside(path, PACK)
    blob = target.read_bytes()
    target.write_bytes(blob[:-12] + bytes(12))  # the head is intact, the lexicons are not
    assert load_pack_file(path) == load_yaml_file(path)


def test_a_compiled_file_that_would_run_code_is_refused(tmp_path: Path, cache: Path) -> None:
    path = _pack(tmp_path)
    marker = tmp_path / "ran"
    head = pickle.dumps(_Run(f"touch {marker}"), protocol=4)
    path.with_suffix(COMPILED_SUFFIX).write_bytes(len(head).to_bytes(8, "big") + head)
    assert load_pack_file(path) == load_yaml_file(path)
    assert not marker.exists()


class _Run:
    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (self.command,))


def test_the_user_cache_is_keyed_by_content_not_path(tmp_path: Path, cache: Path) -> None:
    """A copied checkout or a fresh virtual environment finds the same compiled pack."""
    first = _pack(tmp_path)
    load_pack_file(first)
    files = sorted((cache / "packs").iterdir())
    other = tmp_path / "elsewhere"
    other.mkdir()
    second = other / "xx.yaml"
    shutil.copy(first, second)
    assert load_pack_file(second) == load_yaml_file(first)
    assert sorted((cache / "packs").iterdir()) == files


def test_lexicons_load_only_for_the_language_in_use(cache: Path) -> None:
    """Detection reads each pack's head; only the detected language's lexicons are loaded."""
    items = [PACKS_DIR / f"{lang}.yaml" for lang in PACK_LANGS]
    packs = build_packs(items, shipped=items)
    assert not any(p.lexicons_loaded for p in packs.values())
    lang = detect_language("The minister said on Tuesday that the budget was ready.", packs)
    assert lang == "en"
    assert packs["en"].pattern("attribution") is not None or packs["en"].lexicons
    assert [k for k, p in packs.items() if p.lexicons_loaded] == ["en"]
    assert packs["en"].is_shipped(next(iter(packs["en"].lexicons)))
    for lang in PACK_LANGS:  # and what loads is what the YAML says
        assert dict(packs[lang].data) == load_yaml_file(PACKS_DIR / f"{lang}.yaml")


def test_a_plugin_pack_with_bad_needs_fails_as_it_loads(tmp_path: Path, cache: Path) -> None:
    """A pack that is not newslint's own is checked when the registry loads it, as before."""
    from newslint.errors import ConfigError

    path = _pack(tmp_path, PACK + "  extra: [{re: 'x+', needs: 'x'}]\n")
    with pytest.raises(ConfigError, match="'needs' must be a list"):
        build_packs([path])


def test_a_pack_not_yet_loaded_pickles_into_a_spawned_worker(cache: Path) -> None:
    items = [PACKS_DIR / "fr.yaml"]
    pack = build_packs(items, shipped=items)["fr"]
    clone = pickle.loads(pickle.dumps(pack))
    assert not clone.lexicons_loaded
    assert dict(clone.lexicons) == dict(pack.lexicons)


def test_the_build_step_compiles_what_newslint_parses(tmp_path: Path) -> None:
    """setup.py's compile step (run as the build runs it) writes, for every built-in pack,
    a compiled file that newslint accepts and whose data is the YAML's."""
    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "packs"
    code = (
        "import runpy, sys; from pathlib import Path;"
        "sys.argv = ['setup.py', '--version'];"
        f"g = runpy.run_path({str(root / 'setup.py')!r});"
        f"print(len(g['compile_packs'](Path({str(out)!r}))))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[-1] == str(len(PACK_LANGS))
    for lang in PACK_LANGS:
        yaml = out / f"{lang}.yaml"
        shutil.copy(PACKS_DIR / f"{lang}.yaml", yaml)
        head, lexicons = open_pack(yaml)
        assert type(lexicons).__name__ == "_Compiled"  # the shipped file, not a re-parse
        assert {**head, "lexicons": lexicons()} == load_yaml_file(PACKS_DIR / f"{lang}.yaml")
