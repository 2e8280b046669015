"""Packaging: a wheel installs into a fresh venv, and a third-party plugin works through it.

This is the slow part of the suite (one venv, two wheels); everything shares one fixture.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_515427318ff19ac6.txt"


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with newslint's wheel and the demo plugin's wheel installed."""
    tmp = tmp_path_factory.mktemp("install")
    wheels = tmp / "wheels"
    src = tmp / "src"
    # Build from a copy so no build/ or egg-info litter lands in the working tree.
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "build",
            "dist",
            "*.egg-info",
            "__pycache__",
            ".pytest_cache",
            "tmp",
            ".newslint_cache",
            "node_modules",
        ),
    )
    for project in (src, src / "tests" / "plugin_pkg"):
        proc = _run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--no-build-isolation",
                "-q",
                "-w",
                str(wheels),
                str(project),
            ]
        )
        assert proc.returncode == 0, proc.stderr
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    proc = _run([str(py), "-m", "pip", "install", "-q", *map(str, sorted(wheels.glob("*.whl")))])
    assert proc.returncode == 0, proc.stderr
    return env_dir / "bin"


def test_wheel_install_checks_the_seed(installed: Path, tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    proc = _run(
        [str(installed / "newslint"), "check", SEED.name],
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"{SEED.name}:" in proc.stdout
    assert "NL401 related-links-residue" in proc.stdout
    # The compiled message catalogs ship in the wheel: the French seed gets French messages.
    assert "le chiffre « 13 % » n'a pas de source" in proc.stdout


def test_wheel_contains_packs_and_schema(installed: Path) -> None:
    code = (
        "import newslint, newslint.rules, pathlib, json;"
        "p = pathlib.Path(newslint.rules.__file__).parent / 'packs';"
        "print(sorted(x.name for x in p.glob('*.yaml')));"
        "s = pathlib.Path(newslint.__file__).parent / 'schemas' / 'report.schema.json';"
        "print(json.loads(s.read_text())['title']);"
        "import newslint.lsp.features"  # the language server ships (and its pygls installs)
    )
    proc = _run([str(installed / "python"), "-c", code])
    assert proc.returncode == 0, proc.stderr
    assert "['de.yaml', 'en.yaml', 'es.yaml', 'fr.yaml', 'zh.yaml']" in proc.stdout


def test_wheel_ships_compiled_packs_that_are_used(installed: Path, tmp_path: Path) -> None:
    """Each built-in pack ships compiled (setup.py's build step), holds what its YAML says,
    and a check reads it: no pack is compiled into the per-user cache."""
    code = (
        "import newslint.rules, newslint.packfile as pf, newslint.yamlio as y;"
        "d = newslint.rules.PACKS_DIR;"
        "print(sorted(x.name for x in d.glob('*.pack')));"
        "print(all(type(pf.open_pack(p)[1]).__name__ == '_Compiled'"
        " and pf.load_pack_file(p) == y.load_yaml_file(p) for p in d.glob('*.yaml')))"
    )
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(tmp_path / "user")}
    proc = _run([str(installed / "python"), "-c", code], env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == [
        "['de.pack', 'en.pack', 'es.pack', 'fr.pack', 'zh.pack']",
        "True",
    ]
    shutil.copy(SEED, tmp_path / SEED.name)
    proc = _run([str(installed / "newslint"), "check", SEED.name], cwd=tmp_path, env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert not (tmp_path / "user" / "packs").exists()


def test_wheel_writes_the_html_report(installed: Path, tmp_path: Path) -> None:
    """The report's style and script are package data: a wheel must carry them."""
    shutil.copy(SEED, tmp_path / SEED.name)
    proc = _run(
        [str(installed / "newslint"), "check", "--format", "html=r.html", SEED.name],
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "section.art" in page.split("<style>")[1]  # the CSS
    assert "DecompressionStream" in page.split("<script>")[1]  # the script


def test_third_party_rule_and_formatter(installed: Path, tmp_path: Path) -> None:
    article = tmp_path / "draft.txt"
    article.write_text(
        "A headline\n\nThe council met. Lorem ipsum dolor sit amet.\n", encoding="utf-8"
    )
    rules = _run([str(installed / "newslint"), "rules"], cwd=tmp_path)
    assert "DEMO001" in rules.stdout and "no-lorem-ipsum" in rules.stdout
    proc = _run(
        [
            str(installed / "newslint"),
            "check",
            "--select",
            "no-lorem-ipsum",
            "--format",
            "demo-count",
            "draft.txt",
        ],
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == ["draft.txt 1", "total 1"]
    text = _run(
        [str(installed / "newslint"), "check", "--select", "DEMO001", "draft.txt"],
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert "draft.txt:3:18: DEMO001 no-lorem-ipsum: remove the placeholder text" in text.stdout
