"""``--changed-since REF`` and ``--changed-lines`` on a real repository.

The repository has, on a feature branch forked from main: an added article, an edited one,
a renamed-and-edited one, a deleted one, an untracked new one and an edited non-article; main
moves on after the fork (merge-base semantics: that must not count).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pipeline_helpers import PROBE, RunCli, git, write

PARAS = "\n\n".join(f"Paragraph {i} of plain prose." for i in range(1, 9))


@pytest.fixture
def feature_repo(repo: Path) -> Path:
    write(repo / "keep.txt", "Keep\n\nFLAGME in an untouched file.\n")
    write(repo / "edit.txt", f"Edit\n\nFLAGME was here before.\n\n{PARAS}\n")
    write(repo / "old" / "story.txt", f"Story\n\n{PARAS}\n\nFLAGME old line.\n")
    write(repo / "gone.txt", "Gone\n\nFLAGME\n")
    write(repo / "settings.yaml", "a: 1\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo / "added.txt", "Added\n\nFLAGME in a new file.\n\nSIGNED-OFF\n")
    with (repo / "edit.txt").open("a") as fh:
        fh.write("\nFLAGME added by the branch.\n")
    git(repo, "mv", "old/story.txt", "new-story.txt")
    text = (repo / "new-story.txt").read_text()
    (repo / "new-story.txt").write_text(text.replace("Paragraph 3 of", "Paragraph three of"))
    git(repo, "rm", "-q", "gone.txt")
    write(repo / "settings.yaml", "a: 2\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "feature work")
    write(repo / "fresh.txt", "Fresh\n\nFLAGME untracked.\n")  # not committed: still counts
    git(repo, "checkout", "-q", "main")
    write(repo / "main-only.txt", "Main\n\nFLAGME on main after the fork.\n")
    git(repo, "add", "main-only.txt")
    git(repo, "commit", "-q", "-m", "main moves on")
    git(repo, "checkout", "-q", "feature")
    return repo


def _findings(run_cli: RunCli, repo: Path, *args: str) -> list[dict]:
    proc = run_cli("check", *PROBE, "--no-cache", "--format", "json", *args, cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["findings"]


def test_changed_since_lists_added_modified_renamed_untracked(
    run_cli: RunCli, feature_repo: Path
) -> None:
    proc = run_cli("check", "--changed-since", "main", "--show-files", cwd=feature_repo)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["added.txt", "edit.txt", "fresh.txt", "new-story.txt"]


def test_changed_since_respects_given_paths(run_cli: RunCli, feature_repo: Path) -> None:
    proc = run_cli(
        "check", "--changed-since", "main", "--show-files", "edit.txt", "keep.txt", cwd=feature_repo
    )
    assert proc.stdout.split() == ["edit.txt"]


def test_changed_since_from_a_subfolder(run_cli: RunCli, feature_repo: Path) -> None:
    sub = feature_repo / "sub"
    write(sub / "inner.txt", "Inner\n\ntext\n")
    proc = run_cli("check", "--changed-since", "main", "--show-files", ".", cwd=sub)
    assert proc.stdout.split() == ["inner.txt"]


def test_changed_since_lints_only_changed_files(run_cli: RunCli, feature_repo: Path) -> None:
    paths = {f["path"] for f in _findings(run_cli, feature_repo, "--changed-since", "main")}
    assert paths == {"added.txt", "edit.txt", "fresh.txt", "new-story.txt"}


def test_changed_lines_keeps_touched_lines_and_article_level(
    run_cli: RunCli, feature_repo: Path
) -> None:
    found = _findings(run_cli, feature_repo, "--changed-since", "main", "--changed-lines")
    got = sorted((f["path"], f["code"], f["line"]) for f in found)
    edit_lines = (feature_repo / "edit.txt").read_text().splitlines()
    new_line = edit_lines.index("FLAGME added by the branch.") + 1
    assert got == sorted(
        [
            ("added.txt", "PP001", 3),  # new file: every line counts
            ("edit.txt", "PP001", new_line),  # the line the branch added
            ("edit.txt", "PP101", len(edit_lines)),  # article-level: kept though not touched
            ("fresh.txt", "PP001", 3),
            ("fresh.txt", "PP101", 3),
            ("new-story.txt", "PP101", got_line(feature_repo / "new-story.txt")),
        ]
    )
    # the untouched FLAGME lines of edit.txt (line 3) and new-story.txt are dropped
    assert ("edit.txt", "PP001", 3) not in got
    assert not [g for g in got if g[0] == "new-story.txt" and g[1] == "PP001"]


def got_line(path: Path) -> int:
    return len(path.read_text().rstrip().splitlines())


def test_changed_lines_needs_changed_since(run_cli: RunCli, feature_repo: Path) -> None:
    proc = run_cli("check", "--changed-lines", ".", cwd=feature_repo)
    assert proc.returncode == 2
    assert "--changed-since" in proc.stderr


def test_unknown_ref_is_a_usage_error(run_cli: RunCli, feature_repo: Path) -> None:
    proc = run_cli("check", "--changed-since", "origin/nope", ".", cwd=feature_repo)
    assert proc.returncode == 2
    assert "'origin/nope' not found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_not_a_repository(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "A\n\nb\n")
    proc = run_cli(
        "check",
        "--changed-since",
        "main",
        ".",
        cwd=tmp_path,
        env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)},
    )
    assert proc.returncode == 2
    assert "git repository" in proc.stderr


def test_shallow_clone_without_the_ref(run_cli: RunCli, feature_repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(
        tmp_path,
        "clone",
        "-q",
        "--depth",
        "1",
        "--branch",
        "feature",
        f"file://{feature_repo}",
        str(clone),
    )
    proc = run_cli("check", "--changed-since", "origin/main", ".", cwd=clone)
    assert proc.returncode == 2
    assert "not found" in proc.stderr and "shallow clone" in proc.stderr
    assert "git fetch" in proc.stderr


def test_shallow_clone_without_common_history(
    run_cli: RunCli, feature_repo: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "shallow2"
    git(
        tmp_path,
        "clone",
        "-q",
        "--depth",
        "1",
        "--no-single-branch",
        "--branch",
        "feature",
        f"file://{feature_repo}",
        str(clone),
    )
    proc = run_cli("check", "--changed-since", "origin/main", ".", cwd=clone)
    assert proc.returncode == 2
    assert "no common ancestor" in proc.stderr and "shallow clone" in proc.stderr
    # after deepening, the same command works
    git(clone, "fetch", "-q", "--unshallow")
    proc = run_cli("check", "--changed-since", "origin/main", "--show-files", ".", cwd=clone)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["added.txt", "edit.txt", "new-story.txt"]
