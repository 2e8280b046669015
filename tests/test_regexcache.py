"""The persistent compiled-pattern cache: replays behave the same; bad files are ignored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = r"""
import sys
from pathlib import Path
from newslint import regexcache as rc
rc.install(Path(sys.argv[1]))
misses = [0]
orig = rc._original_compile
def spy(p, flags=0, *a, **k):
    misses[0] += 1
    return orig(p, flags, *a, **k)
rc._original_compile = spy
import regex
p = regex.compile(r"(?<![\p{L}])(?:a\s+déclaré|said)(?![\p{L}])|(?P<n>\d+)\s*%", regex.I | regex.V0)
print(misses[0], [m.group() for m in p.finditer("He SAID 13 % and a  déclaré; unsaid")])
"""


def _run(cache: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k != "NEWSLINT_NO_REGEX_CACHE"}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(cache)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return proc.stdout.strip()


def test_second_process_replays_the_pattern(tmp_path: Path) -> None:
    first = _run(tmp_path)
    second = _run(tmp_path)
    expected = "['SAID', '13 %', 'a  déclaré']"
    assert first == f"1 {expected}"
    assert second == f"0 {expected}"  # no parse: replayed from the cache


def test_corrupted_cache_is_ignored(tmp_path: Path) -> None:
    _run(tmp_path)
    [blob] = list((tmp_path / "regex").glob("*.bin"))
    data = bytearray(blob.read_bytes())
    data[-5] ^= 0xFF  # flip bits in the payload: the checksum no longer matches
    blob.write_bytes(bytes(data))
    assert _run(tmp_path) == "1 ['SAID', '13 %', 'a  déclaré']"
