"""The composite GitHub action: valid YAML, and its steps run locally with bash.

GitHub substitutes ``${{ inputs.* }}`` and runs each ``run:`` with ``bash -e {0}``; this test
does the same with a fake runner environment (GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_ENV,
GITHUB_OUTPUT) and checks the SARIF log, the annotations and the step outputs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import regex
from pipeline_helpers import HERE, ROOT, _env, copy_project, write
from ruamel.yaml import YAML

ACTION = ROOT / "action.yml"
_EXPR = regex.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _load() -> dict[str, Any]:
    return YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))


def test_action_yaml_is_a_valid_composite_action() -> None:
    action = _load()
    assert action["name"] and action["description"]
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {"paths", "fail-on", "sarif-file", "args"}
    for name, spec in action["inputs"].items():
        assert spec.get("description"), name
    for step in action["runs"]["steps"]:
        assert step.get("shell") == "bash", step  # composite run steps need a shell
        assert "run" in step
        # inputs reach scripts through env only (no ${{ }} inside scripts: injection-safe)
        assert "${{" not in step["run"], step["name"]
    for name, out in action["outputs"].items():
        assert "steps." in out["value"], name


class Runner:
    """Runs the action's steps as GitHub would, in ``workspace``."""

    def __init__(self, workspace: Path, action_path: Path, temp: Path) -> None:
        self.workspace = workspace
        self.action_path = action_path
        self.temp = temp
        self.github_env: dict[str, str] = {}
        self.outputs: dict[str, dict[str, str]] = {}

    def run_step(
        self, step: dict[str, Any], inputs: dict[str, str]
    ) -> subprocess.CompletedProcess[str]:
        action = _load()
        values = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
        values.update(inputs)

        def substitute(text: str) -> str:
            def one(m: regex.Match[str]) -> str:
                expr = m.group(1)
                assert expr.startswith("inputs."), expr
                return values[expr.removeprefix("inputs.")]

            return _EXPR.sub(one, text)

        env = _env({"PYTHONPATH": str(HERE)})
        env.update(self.github_env)
        env_file = self.temp / "github_env"
        out_file = self.temp / f"output_{step.get('id', 'x')}"
        env_file.write_text("")
        out_file.write_text("")
        env.update(
            GITHUB_ACTIONS="true",
            GITHUB_ACTION_PATH=str(self.action_path),
            RUNNER_TEMP=str(self.temp),
            GITHUB_ENV=str(env_file),
            GITHUB_OUTPUT=str(out_file),
            GITHUB_WORKSPACE=str(self.workspace),
        )
        for key, value in (step.get("env") or {}).items():
            env[key] = substitute(str(value))
        script = self.temp / "step.sh"
        script.write_text(step["run"])
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", str(script)],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        self.github_env.update(_key_values(env_file.read_text()))
        if "id" in step:
            self.outputs[step["id"]] = _key_values(out_file.read_text())
        return proc


def _key_values(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    base = tmp_path_factory.mktemp("action")
    action_path = copy_project(base / "action-src")
    workspace = base / "workspace"
    temp = base / "runner-temp"
    temp.mkdir()
    write(workspace / "news" / "a,b:c.txt", "Head\n\nFLAGME and ODDME.\n\nSIGNED-OFF\n")
    write(workspace / "news" / "ok.txt", "Head\n\nFine.\n\nSIGNED-OFF\n")
    r = Runner(workspace, action_path, temp)
    install = _load()["runs"]["steps"][0]
    proc = r.run_step(install, {"python": sys.executable})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert Path(r.github_env["NEWSLINT_VENV_PYTHON"]).exists()
    return r


def _run_step(runner: Runner, **inputs: str) -> subprocess.CompletedProcess[str]:
    step = next(s for s in _load()["runs"]["steps"] if s.get("id") == "run")
    return runner.run_step(step, inputs)


def test_one_run_gives_sarif_and_escaped_annotations(runner: Runner) -> None:
    proc = _run_step(
        runner,
        paths="news",
        args="-p pipeline_probe_plugin --select PP",
        **{"sarif-file": "out/newslint.sarif"},
    )
    # the SARIF folder does not exist: a clear usage error, not a traceback
    assert proc.returncode == 2 and "does not exist" in proc.stderr
    (runner.workspace / "out").mkdir()
    proc = _run_step(
        runner,
        paths="news",
        args="-p pipeline_probe_plugin --select PP",
        **{"sarif-file": "out/newslint.sarif"},
    )
    assert proc.returncode == 1, proc.stderr
    outputs = runner.outputs["run"]
    assert outputs == {"exit-code": "1", "sarif-file": "out/newslint.sarif"}
    sarif = json.loads((runner.workspace / "out" / "newslint.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == ["PP001", "PP003"]
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("::")]
    odd = next(ln for ln in lines if "PP003" in ln)
    # file property escapes ',' and ':'; the message escapes '%'. The engine has put the
    # rule's CR and LF on one line already (escaping CR/LF: tests/formatters/test_fmt_github.py)
    assert "file=news/a%2Cb%3Ac.txt" in odd
    assert odd.endswith('::100%25 odd: <here> & "there", second line')
    assert "\n" not in odd
    assert "SARIF over GitHub" not in proc.stdout


def test_fail_on_never_passes_and_no_sarif(runner: Runner) -> None:
    proc = _run_step(
        runner,
        paths="news/ok.txt",
        args="-p pipeline_probe_plugin --select PP",
        **{"fail-on": "never", "sarif-file": ""},
    )
    assert proc.returncode == 0, proc.stderr
    assert runner.outputs["run"] == {"exit-code": "0", "sarif-file": ""}


def test_warns_when_sarif_exceeds_github_limits(runner: Runner) -> None:
    big = "\n".join(f"FLAGME {i}" for i in range(25_001))
    write(runner.workspace / "big" / "huge.txt", f"Head\n\n{big}\n\nSIGNED-OFF\n")
    proc = _run_step(
        runner,
        paths="big",
        args="-p pipeline_probe_plugin --select PP --no-cache",
        **{"sarif-file": "big.sarif"},
    )
    assert proc.returncode == 1, proc.stderr
    warning = [ln for ln in proc.stdout.splitlines() if "SARIF over GitHub" in ln]
    assert warning and "25001 results" in warning[0] and "baseline" in warning[0]


def test_action_runs_are_documented() -> None:
    doc = (ROOT / "docs" / "pipelines.md").read_text(encoding="utf-8")
    workflow = YAML(typ="safe").load(
        (ROOT / "docs" / "examples" / "github-workflow.yml").read_text()
    )
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(
        str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif") for s in steps
    )
    assert "25,000" in doc and "10 MB" in doc
    assert os.path.exists(ROOT / "docs" / "examples" / "gitlab-ci.yml")
