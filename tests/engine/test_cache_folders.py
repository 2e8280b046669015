"""The per-user cache folders (entry points, parsed packs) stay bounded."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from newslint.usercache import prune_cache_files


def test_only_the_newest_files_are_kept(tmp_path: Path) -> None:
    for i in range(40):
        f = tmp_path / f"{i:02}.json"
        f.write_text("{}")
        os.utime(f, ns=(i * 10**9, i * 10**9))
    prune_cache_files(tmp_path, keep=32)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [f"{i:02}.json" for i in range(8, 40)]
    prune_cache_files(tmp_path / "missing")  # a folder that is not there is fine


def test_entry_point_cache_prunes_after_writing(tmp_path: Path, monkeypatch: object) -> None:
    from newslint import entrypoints

    folder = tmp_path / "entry-points"
    folder.mkdir()
    for i in range(50):
        (folder / f"old{i}.json").write_text("[]")
        os.utime(folder / f"old{i}.json", ns=(10**9, 10**9))
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))  # type: ignore[attr-defined]
    found = entrypoints.cached_entry_points("newslint")
    assert ("builtin", "newslint.rules") in found
    assert len(list(folder.iterdir())) == 32
    assert (folder / f"{entrypoints.site_fingerprint()}.json").exists()  # the new one is kept
    assert entrypoints.cached_entry_points("newslint") == found  # read back, verified


def test_user_cache_folder_follows_the_platform_and_the_override(
    tmp_path: Path, monkeypatch: object
) -> None:
    from newslint.usercache import user_cache_dir

    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)  # type: ignore[attr-defined]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # type: ignore[attr-defined]
    if sys.platform == "linux":
        assert user_cache_dir() == tmp_path / "xdg" / "newslint"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "mine"))  # type: ignore[attr-defined]
    assert user_cache_dir() == tmp_path / "mine"
