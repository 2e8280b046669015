"""The process pool also works where workers are spawned, not forked (macOS, Windows).

Spawned workers receive the linter (and the report renderer) pickled: a closure or a
``mappingproxy`` anywhere in the registry, the config or a formatter's RunInfo used to
crash any run of 200 files or more there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import json, multiprocessing, sys
from pathlib import Path

def main():
    multiprocessing.get_all_start_methods = lambda: ["spawn"]  # as on macOS and Windows
    from newslint import engine
    from newslint.api import Session
    from newslint.render import Renderer

    root = Path(sys.argv[1])
    session = Session.create(cwd=root, config={})
    files = [(p, p.name) for p in sorted(root.glob("*.txt"))]
    info = session.run_info(color=False, show_suppressed=False, explain=False, fail_on=None)
    renderer = Renderer([("json", "json", info), ("text", "text:000", info)], payload=True)
    one = [r.fragments["json"] for r in engine.lint_files(session.linter, files, 1, renderer)]
    two = [r.fragments["json"] for r in engine.lint_files(session.linter, files, 2, renderer)]
    plain = [len(r.findings) for r in engine.lint_files(session.linter, files, 2)]
    print(json.dumps({"same": one == two, "findings": plain, "texts": len(two)}))

if __name__ == "__main__":
    main()
"""


def test_spawned_workers_lint_and_render_like_one_process(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"a{i}.txt").write_text(
            f"Titre {i}\n\nLes actions ont perdu {i + 2} % mardi. « Rien ne va plus. »\n",
            encoding="utf-8",
        )
    script = tmp_path / "spawn_probe.py"
    script.write_text(SCRIPT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["same"] is True
    assert out["texts"] == 6
    assert all(n >= 2 for n in out["findings"])  # the figure and the quote, in every file
