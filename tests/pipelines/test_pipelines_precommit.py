"""Real ``pre-commit`` blocks a commit with a missing disclaimer and lets the fixed one through.

pre-commit installs the hook repository into its own virtual environment with pip, as it
would for a newsroom, so this needs the package registry and takes a while: one install per
session (module-scoped), with ``PRE_COMMIT_HOME`` in a temporary folder. The hook repository
is a temporary git copy of the working tree, so uncommitted work is what gets tested, and the
newsroom uses it as README says: ``repo:`` a clone of it, ``rev:`` a commit SHA that is not
the branch tip (a later commit there breaks the hook, so a run of the tip would fail).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pipeline_helpers import _env, copy_project, git, write

PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
    "pre-commit"
)
pytestmark = pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed")

FINANCIAL = """Acme shares jump after record quarter

Shares of Acme Corp rose 12% on Tuesday after the company reported record quarterly revenue \
of $4.2 billion, according to its earnings filing.

Investors cheered the results, and analysts at several banks raised their price targets on \
the stock.

(Reporting by Jane Doe; Editing by John Smith)
"""
DISCLAIMER = (
    "\nThis article is for informational purposes only and does not constitute investment advice.\n"
)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, str]]:
    base = tmp_path_factory.mktemp("precommit")
    src = base / "newslint-src"
    copy_project(src)
    git(src, "init", "-q", "-b", "main")
    git(src, "add", "-A")
    git(src, "commit", "-q", "-m", "snapshot of the working tree")
    rev = git(src, "rev-parse", "HEAD").strip()
    hooks = src / ".pre-commit-hooks.yaml"
    hooks.write_text(
        hooks.read_text(encoding="utf-8").replace("entry: newslint check", "entry: no-such-cmd"),
        encoding="utf-8",
    )
    git(src, "commit", "-q", "-am", "a later commit that breaks the hook")
    clone = base / "newslint-clone"
    git(base, "clone", "-q", str(src), str(clone))
    assert git(clone, "rev-parse", "HEAD").strip() != rev
    env = _env({"PRE_COMMIT_HOME": str(base / "pc-home"), "PRE_COMMIT_COLOR": "never"})
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.pop("PYTHONPATH", None)
    return clone, rev, env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=900
    )


def test_hook_blocks_a_missing_disclaimer_then_lets_the_fix_through(
    hook_repo: tuple[Path, str, dict[str, str]], tmp_path: Path
) -> None:
    src, rev, env = hook_repo
    newsroom = tmp_path / "newsroom"
    newsroom.mkdir()
    git(newsroom, "init", "-q", "-b", "main")
    write(
        newsroom / ".pre-commit-config.yaml",
        f"repos:\n  - repo: {src}\n    rev: {rev}\n    hooks:\n      - id: newslint\n",
    )
    write(newsroom / "tools.py", "print('not an article')\n")
    git(newsroom, "add", "-A")
    git(newsroom, "commit", "-q", "--no-verify", "-m", "set up pre-commit")
    proc = _run([str(PRE_COMMIT), "install"], newsroom, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    story = write(newsroom / "markets" / "acme.txt", FINANCIAL)
    git(newsroom, "add", "markets/acme.txt")
    proc = _run(["git", "commit", "-m", "Acme story"], newsroom, env)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "newslint" in output and "Failed" in output
    assert "markets/acme.txt" in output and "missing-disclaimer" in output
    assert git(newsroom, "rev-list", "--count", "HEAD").strip() == "1"  # nothing committed

    story.write_text(FINANCIAL + DISCLAIMER, encoding="utf-8")
    git(newsroom, "add", "markets/acme.txt")
    proc = _run(["git", "commit", "-m", "Acme story, with disclaimer"], newsroom, env)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "newslint" in output and "Passed" in output
    assert git(newsroom, "rev-list", "--count", "HEAD").strip() == "2"


def test_hook_skips_non_articles(
    hook_repo: tuple[Path, str, dict[str, str]], tmp_path: Path
) -> None:
    src, rev, env = hook_repo
    proc = _run(
        [
            str(PRE_COMMIT),
            "try-repo",
            str(src),
            "newslint",
            "--ref",
            rev,
            "--files",
            "tools.py",
            "notes.md",
            "page.html",
        ],
        _newsroom_with_files(tmp_path),
        env,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Passed" in output


def _newsroom_with_files(tmp_path: Path) -> Path:
    room = tmp_path / "room"
    room.mkdir()
    git(room, "init", "-q", "-b", "main")
    write(room / "tools.py", FINANCIAL)  # not an article type: the hook must not lint it
    write(
        room / "notes.md",
        "# Sports\n\nThe home team won 3-1 on Sunday.\n\n"
        "(Reporting by Jane Doe; Editing by John Smith)\n",
    )
    write(
        room / "page.html",
        "<html><body><h1>Weather</h1><p>Sunny tomorrow.</p>"
        "<p>Edited by John Smith</p></body></html>\n",
    )
    git(room, "add", "-A")
    return room


def test_readme_pins_a_release_tag_or_a_commit() -> None:
    """README's example ``rev:`` is this version's release tag, and says a SHA works too."""
    import newslint

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"rev: v{newslint.__version__} " in readme
    assert "commit SHA" in readme and "tagged" in readme


def test_hook_skips_the_newsrooms_own_documents(
    hook_repo: tuple[Path, str, dict[str, str]], tmp_path: Path
) -> None:
    """README/CONTRIBUTING/CHANGELOG/LICENSE are not articles, even with article-like text."""
    src, rev, env = hook_repo
    room = _newsroom_with_files(tmp_path)
    for name in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md", "LICENSE.txt", "desk/README.md"):
        write(room / name, FINANCIAL)  # would fail missing-disclaimer if it were linted
    write(room / "markets" / "acme.txt", FINANCIAL)
    git(room, "add", "-A")
    docs = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", "LICENSE.txt", "desk/README.md"]
    try_repo = [str(PRE_COMMIT), "try-repo", str(src), "newslint", "--ref", rev]
    proc = _run([*try_repo, "--files", *docs], room, env)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Passed" in output and "missing-disclaimer" not in output
    proc = _run(
        [*try_repo, "--files", *docs, "markets/acme.txt"],
        room,
        env,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "markets/acme.txt" in output and "README" not in output.split("Failed", 1)[1]


def test_config_hook_blocks_a_broken_config_then_lets_the_fix_through(
    hook_repo: tuple[Path, str, dict[str, str]], tmp_path: Path
) -> None:
    src, rev, env = hook_repo
    room = tmp_path / "room"
    room.mkdir()
    git(room, "init", "-q", "-b", "main")
    write(
        room / ".pre-commit-config.yaml",
        f"repos:\n  - repo: {src}\n    rev: {rev}\n    hooks:\n"
        "      - id: newslint\n      - id: newslint-config\n",
    )
    git(room, "add", "-A")
    git(room, "commit", "-q", "--no-verify", "-m", "set up pre-commit")
    proc = _run([str(PRE_COMMIT), "install"], room, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    write(room / "newslint.yaml", "fail-on: error\nrules:\n  missing-disclaimr: off\n")
    git(room, "add", "newslint.yaml")
    proc = _run(["git", "commit", "-m", "config"], room, env)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "newslint config" in output and "Failed" in output
    assert "newslint.yaml:3:3 at 'rules.missing-disclaimr': unknown rule" in output
    assert git(room, "rev-list", "--count", "HEAD").strip() == "1"  # nothing committed

    write(room / "newslint.yaml", "fail-on: error\nrules:\n  missing-disclaimer: off\n")
    git(room, "add", "newslint.yaml")
    proc = _run(["git", "commit", "-m", "config, fixed"], room, env)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "newslint config" in output and "Passed" in output
    assert git(room, "rev-list", "--count", "HEAD").strip() == "2"
