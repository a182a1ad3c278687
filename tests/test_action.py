"""The GitHub Action (action.yml): its `run:` steps, run as the runner runs them (bash with
`-eo pipefail`, inputs substituted, `$GITHUB_OUTPUT`), on a plugin repository."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import venv
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.harness


EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")

PLUGIN = {
    "pyproject.toml": """\
        [project]
        name = "pytest-tidy"
        version = "0.1.0"

        [project.entry-points.pytest11]
        tidy = "pytest_tidy"
        """,
    "src/pytest_tidy/__init__.py": """\
        def pytest_collection_modifyitems(session, config, items, order):
            pass
        """,
}


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


def _run_steps(
    repo: Path, inputs: dict[str, str], path: str, skip: set[str]
) -> list[subprocess.CompletedProcess[str]]:
    """Every `run:` step of the action in order, until one fails (as the runner does); `uses:`
    steps are left out (setup-python is ``path``, upload-sarif is GitHub's)."""
    action = _action()
    values = {f"inputs.{k}": str(v.get("default", "")) for k, v in action["inputs"].items()}
    values.update({f"inputs.{k}": v for k, v in inputs.items()})
    values["github.action_path"] = str(ROOT)
    output = repo.parent / "github-output"
    output.write_text("")
    done = []
    for step in action["runs"]["steps"]:
        if "run" not in step or step.get("id") in skip:
            continue
        for line in output.read_text().splitlines():
            key, _, value = line.partition("=")
            values[f"steps.check.outputs.{key}"] = value

        def substitute(text: str) -> str:
            return EXPRESSION.sub(lambda m: values[m.group(1)], text)

        env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
        env.update({k: substitute(str(v)) for k, v in step.get("env", {}).items()})
        env.update(PATH=f"{path}{os.pathsep}{env['PATH']}", GITHUB_OUTPUT=str(output))
        assert step["shell"] == "bash"
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", substitute(step["run"])],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        done.append(proc)
        if proc.returncode != 0:
            break
    return done


def _plugin_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "pytest-tidy"
    for name, text in PLUGIN.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(textwrap.dedent(text))
    return repo


def _assert_reported(repo: Path, steps: list[subprocess.CompletedProcess[str]]) -> None:
    check, verdict = steps[-2], steps[-1]
    assert check.returncode == 0, check.stderr
    assert "src/pytest_tidy/__init__.py:1: PC502 " in check.stdout
    assert "plugcheck: 1 finding(s)" in check.stdout
    sarif = json.loads((repo / "plugcheck.sarif").read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["PC502"]
    assert (repo.parent / "github-output").read_text() == "exit-code=1\n"
    assert verdict.returncode == 1


def test_action_steps_check_a_plugin_repository_and_fail_on_findings(tmp_path: Path) -> None:
    action = _action()
    uses = [s["uses"] for s in action["runs"]["steps"] if "uses" in s]
    assert uses == ["actions/setup-python@v5", "github/codeql-action/upload-sarif@v3"]
    repo = _plugin_repo(tmp_path)
    # plugcheck is installed in this interpreter's environment from this checkout, which is
    # what the install step does (the slow test below runs it).
    steps = _run_steps(
        repo, {"args": "--no-dynamic"}, str(Path(sys.executable).parent), skip={"install"}
    )
    assert len(steps) == 2
    _assert_reported(repo, steps)


def test_action_usage_error_is_exit_code_2_without_a_report(tmp_path: Path) -> None:
    repo = tmp_path / "empty"
    repo.mkdir()
    steps = _run_steps(
        repo, {"args": "--no-dynamic"}, str(Path(sys.executable).parent), skip={"install"}
    )
    check, verdict = steps
    assert check.returncode == 0
    assert "plugcheck: error: no pyproject.toml with [tool.plugcheck] in " in check.stderr
    assert (repo.parent / "github-output").read_text() == "exit-code=2\n"
    assert verdict.returncode == 2


@pytest.mark.slow
def test_action_installs_plugcheck_from_its_own_checkout(tmp_path: Path) -> None:
    target = tmp_path / "python"
    venv.EnvBuilder(with_pip=True).create(target)
    repo = _plugin_repo(tmp_path)
    steps = _run_steps(
        repo, {"args": "--no-dynamic", "install": "pytest"}, str(target / "bin"), skip=set()
    )
    assert steps[0].returncode == 0, steps[0].stderr
    assert (target / "bin" / "plugcheck").is_file()
    _assert_reported(repo, steps[1:])
