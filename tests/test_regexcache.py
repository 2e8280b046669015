"""The persistent compiled-pattern cache: replays behave the same; bad files are ignored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: Installs the cache from argv[1] and counts the patterns that had to be parsed.
_SPY = r"""
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
"""
PROBE = (
    _SPY
    + r"""
p = regex.compile(r"(?<![\p{L}])(?:a\s+déclaré|said)(?![\p{L}])|(?P<n>\d+)\s*%", regex.I | regex.V0)
print(misses[0], [m.group() for m in p.finditer("He SAID 13 % and a  déclaré; unsaid")])
"""
)


def _python(script: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "NEWSLINT_NO_REGEX_CACHE"}
    proc = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return proc.stdout.strip()


def _run(cache: Path) -> str:
    return _python(PROBE, str(cache))


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


ONE = (
    _SPY
    + r"""
regex.compile(sys.argv[2])
print(misses[0])
"""
)


def _compile_in_process(cache: Path, pattern: str) -> int:
    return int(_python(ONE, str(cache), pattern))


def test_patterns_unused_for_many_saves_are_dropped(tmp_path: Path) -> None:
    """Old patterns (an earlier version's, an edited house rule's) must not pile up."""
    from newslint.regexcache import KEEP_GENERATIONS

    assert _compile_in_process(tmp_path, "kept") == 1
    assert _compile_in_process(tmp_path, "stale") == 1
    for i in range(KEEP_GENERATIONS - 1):  # saves that use "kept" but not "stale"
        assert _compile_in_process(tmp_path, "kept") == 0
        assert _compile_in_process(tmp_path, f"new {i}") == 1
    assert _compile_in_process(tmp_path, "stale") == 0  # still within its generations
    for i in range(KEEP_GENERATIONS + 1):
        assert _compile_in_process(tmp_path, f"newer {i}") == 1
    assert _compile_in_process(tmp_path, "stale") == 1  # dropped: parsed again
