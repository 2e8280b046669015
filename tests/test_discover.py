"""Which files a folder walk lints: include globs, exclude globs (relative to the config root),
.gitignore files at the root and in subfolders, hidden folders and virtual environments."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from newslint.config import DEFAULT_INCLUDE
from newslint.discover import discover
from newslint.globs import glob_match, parse_gitignore


def tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


def found(
    root: Path,
    paths: list[str] | None = None,
    *,
    exclude: list[str] | None = None,
    include: list[str] | None = None,
    cwd: Path | None = None,
    gitignore: bool = True,
) -> list[str]:
    return [
        d
        for _, d in discover(
            paths or ["."],
            cwd=cwd or root,
            include=include or list(DEFAULT_INCLUDE),
            exclude=exclude or [],
            root=root,
            respect_gitignore=gitignore,
        )
    ]


def test_default_include_and_skips(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            "a.txt": "",
            "b.md": "",
            "c.markdown": "",
            "d.html": "",
            "e.htm": "",
            "f.py": "",
            "notes.pdf": "",
            ".hidden.md": "",
            ".git/x.md": "",
            ".cache/y.md": "",
            "node_modules/m.md": "",
            "env/pyvenv.cfg": "",
            "env/lib/z.md": "",
            "conda/conda-meta/history": "",
            "conda/w.md": "",
            "desk/deep/g.md": "",
        },
    )
    assert found(tmp_path) == ["a.txt", "b.md", "c.markdown", "d.html", "desk/deep/g.md", "e.htm"]


def test_explicit_files_are_linted_whatever_their_extension(tmp_path: Path) -> None:
    tree(tmp_path, {"story.rst": "", "drafts/x.txt": ""})
    assert found(tmp_path, ["story.rst", "missing.txt"]) == ["missing.txt", "story.rst"]
    assert found(tmp_path, ["drafts/x.txt"], exclude=["drafts/**"]) == []


def test_exclude_is_relative_to_config_root(tmp_path: Path) -> None:
    tree(
        tmp_path, {"drafts/a.md": "", "news/drafts/b.md": "", "news/c.md": "", "news/c.tmp.md": ""}
    )
    assert found(tmp_path, exclude=["drafts/**", "*.tmp.md"]) == ["news/c.md", "news/drafts/b.md"]
    assert found(tmp_path, exclude=["drafts"]) == ["news/c.md", "news/c.tmp.md"]
    # run from a subfolder: globs still relative to the root, output relative to the cwd
    assert found(tmp_path, ["."], exclude=["news/drafts/**"], cwd=tmp_path / "news") == [
        "c.md",
        "c.tmp.md",
    ]


def test_include_globs_may_name_folders(tmp_path: Path) -> None:
    tree(tmp_path, {"wire/a.txt": "", "web/b.txt": "", "wire/c.md": ""})
    assert found(tmp_path, include=["wire/*.txt"]) == ["wire/a.txt"]


def test_gitignore_root_and_nested(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            ".gitignore": "# build output\n*.html\n!keep.html\n/top.md\narchive/\n",
            "keep.html": "",
            "drop.html": "",
            "top.md": "",
            "sub/top.md": "",
            "archive/old.md": "",
            "sub/archive/older.md": "",
            "archive.md": "",
            "desk/.gitignore": "local.md\n/anchored.md\nnotes/**/private.md\n!important.html\n",
            "desk/local.md": "",
            "desk/x/local.md": "",
            "desk/anchored.md": "",
            "desk/x/anchored.md": "",
            "desk/notes/a/b/private.md": "",
            "desk/notes/public.md": "",
            "desk/important.html": "",
            "other/local.md": "",
        },
    )
    assert found(tmp_path) == [
        "archive.md",
        "desk/important.html",
        "desk/notes/public.md",
        "desk/x/anchored.md",
        "keep.html",
        "other/local.md",
        "sub/top.md",
    ]
    assert "drop.html" in found(tmp_path, gitignore=False)


def test_gitignore_from_ancestor_when_walking_a_subfolder(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "secret/\n", "desk/secret/a.md": "", "desk/b.md": ""})
    (tmp_path / ".git").mkdir()
    assert found(tmp_path, ["desk"]) == ["desk/b.md"]
    assert found(tmp_path / "desk", ["."], cwd=tmp_path / "desk") == ["b.md"]


@pytest.mark.parametrize(
    ("pattern", "path", "is_dir", "expected"),
    [
        ("*.md", "a/b/c.md", False, True),
        ("/c.md", "a/c.md", False, False),
        ("a/*.md", "a/c.md", False, True),
        ("a/*.md", "a/b/c.md", False, False),
        ("**/c.md", "a/b/c.md", False, True),
        ("a/**/c.md", "a/c.md", False, True),
        ("a/**", "a/x/y", False, True),
        ("build/", "build", True, True),
        ("build/", "build", False, False),
        ("\\#hash.md", "#hash.md", False, True),
        ("name\\ ", "name ", False, True),
        ("[ab].md", "b.md", False, True),
        ("[!ab].md", "b.md", False, False),
    ],
)
def test_gitignore_pattern_semantics(pattern: str, path: str, is_dir: bool, expected: bool) -> None:
    (p,) = parse_gitignore(pattern)
    matched = bool(p.regex.match(path)) and (is_dir or not p.dir_only)
    assert matched is expected


def test_config_globs() -> None:
    assert glob_match("sports/**", "sports/football/a.md")
    assert not glob_match("sports/**", "news/sports.md")
    assert glob_match("*.md", "news/a.md")
    assert glob_match("drafts", "news/drafts/a.md")


def test_show_files_cli(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            "newslint.yaml": "exclude: ['wire/embargoed/**']\n",
            ".gitignore": "scratch/\n",
            "scratch/a.md": "",
            "wire/embargoed/b.md": "",
            "wire/c.md": "",
            "web/d.html": "",
            "web/e.png": "",
        },
    )
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--show-files"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["web/d.html", "wire/c.md"]
