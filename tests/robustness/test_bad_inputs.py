"""Unreadable inputs: one clear message naming the file and the reason, exit 3, others linted."""

from __future__ import annotations

import codecs
import json
import os
import zipfile
from pathlib import Path

import pytest

GOOD = "A headline\n\nThe council met on Tuesday and approved the park plan.\n"

CASES = {
    "invalid_utf8.txt": (b"Hello \xff\xfe world\n", "not valid UTF-8"),
    "latin1.txt": ("Le caf\xe9 est ferm\xe9.\n".encode("latin-1"), "Latin-1"),
    "cp1252.txt": ("\u201cQuoted\u201d text\n".encode("cp1252"), "not valid UTF-8"),
    "utf16_nobom.txt": (
        "Hello world, this is text\n".encode("utf-16-le"),
        "UTF-16 without a byte-order mark",
    ),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
    "doc.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
    "nul.txt": (b"Some text\x00more text\n", "NUL"),
}


def _zip_bytes(tmp: Path) -> bytes:
    z = tmp / "z.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("a.txt", "hello")
    return z.read_bytes()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, (data, _) in CASES.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "archive.txt").write_bytes(_zip_bytes(tmp_path))
    (tmp_path / "z.zip").unlink()
    return tmp_path


def test_each_bad_file_reported_once_and_run_incomplete(tree: Path, cli) -> None:
    proc = cli("check", "--isolated", "--format", "json", ".", cwd=tree)
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    errors = {e["path"]: e for e in report["errors"]}
    for name, (_, fragment) in CASES.items():
        assert name in errors, name
        assert errors[name]["kind"] == "input"
        assert fragment in errors[name]["message"], (name, errors[name]["message"])
    assert "ZIP" in errors["archive.txt"]["message"]
    assert "good.txt" not in errors
    assert report["summary"]["files_linted"] == 1
    assert report["summary"]["files_in_error"] == len(CASES) + 1


def test_utf16_and_utf8_bom_are_read(tmp_path: Path, cli) -> None:
    (tmp_path / "bom8.txt").write_bytes(codecs.BOM_UTF8 + GOOD.encode())
    (tmp_path / "bom16.txt").write_bytes(GOOD.encode("utf-16"))
    proc = cli("check", "--isolated", "--format", "json", ".", cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert report["errors"] == [] and report["summary"]["files_linted"] == 2


def test_size_limit(tmp_path: Path, cli) -> None:
    (tmp_path / "newslint.yaml").write_text("max-file-size: 1000\n", encoding="utf-8")
    (tmp_path / "big.txt").write_text("word " * 1000, encoding="utf-8")
    (tmp_path / "small.txt").write_text(GOOD, encoding="utf-8")
    proc = cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 3
    assert "big.txt: error: file is 5,000 bytes, over the 1,000-byte limit" in proc.stdout


def test_symlinks_missing_paths_and_directories(tmp_path: Path, cli) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("nowhere.txt", tmp_path / "broken.txt")
    os.symlink("loop_b.txt", tmp_path / "loop_a.txt")
    os.symlink("loop_a.txt", tmp_path / "loop_b.txt")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "folder.txt" / "inner.txt").write_text(GOOD, encoding="utf-8")
    proc = cli("check", "--isolated", "--format", "json", ".", "does-not-exist.md", cwd=tmp_path)
    assert proc.returncode == 3
    errors = {e["path"]: e["message"] for e in json.loads(proc.stdout)["errors"]}
    assert errors["broken.txt"] == "broken symbolic link"
    assert errors["loop_a.txt"] == errors["loop_b.txt"] == "symbolic link loop"
    assert errors["does-not-exist.md"] == "no such file or directory"
    # A folder named like an article is a folder: its articles are linted, not an error.
    assert "folder.txt" not in errors
    assert json.loads(proc.stdout)["summary"]["files_linted"] == 2


def test_permission_denied(cli) -> None:
    """A file without read permission; as root (CI) the CLI runs as user ``nobody``."""
    import shutil
    import subprocess
    import sys
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="newslint-perm-"))
    try:
        work.chmod(0o777)
        p = work / "secret.txt"
        p.write_text(GOOD, encoding="utf-8")
        (work / "open.txt").write_text(GOOD, encoding="utf-8")
        (work / "open.txt").chmod(0o644)
        p.chmod(0)
        kwargs: dict = {}
        if os.geteuid() == 0:
            kwargs = {"user": 65534, "group": 65534}
        env = {**os.environ, "NO_COLOR": "1", "NEWSLINT_CACHE_DIR": str(work / "cache")}
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "newslint", "check", "--isolated", "secret.txt", "open.txt"],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                check=False,
                timeout=120,
                **kwargs,
            )
        except PermissionError:
            pytest.skip("user nobody cannot run this interpreter (it lives in root's home)")
        if proc.returncode == 2 and "Permission denied" in proc.stderr:
            pytest.skip("the interpreter itself is not readable by user nobody here")
        assert proc.returncode == 3, proc.stdout + proc.stderr
        assert "secret.txt: error: permission denied" in proc.stdout
        assert "Found 0 findings" in proc.stdout and "in 1 file" in proc.stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.parametrize(
    "content",
    [
        "",
        "   \n\n\t\n",
        "x" * 200_000,
        "Title\r\n\r\nBody line one.\r\nBody two.\r\n",
        "Title\rBody\rMore\r",
        "Mixed\r\nends\nand\rbare\r\n",
    ],
)
def test_odd_but_valid_files_lint_normally(tmp_path: Path, cli, content: str) -> None:
    (tmp_path / "odd.txt").write_text(content, encoding="utf-8", newline="")
    proc = cli("check", "--isolated", "--format", "json", "odd.txt", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["errors"] == []
    assert report["summary"]["files_linted"] == 1


def test_permission_denied_reason_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same path in-process, for machines where the subprocess test must skip (root)."""
    import builtins

    from newslint.engine import read_input
    from newslint.errors import InputError

    p = tmp_path / "secret.txt"
    p.write_text(GOOD, encoding="utf-8")
    real_open = builtins.open

    def deny(file, *a, **k):  # type: ignore[no-untyped-def]
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", deny)
    with pytest.raises(InputError, match="permission denied"):
        read_input(p, "secret.txt", 10_000)
