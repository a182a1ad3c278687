"""`plugcheck impact` on two real releases of a real host from PyPI: pytest 7.4.4 -> 9.2.0 and
the plugin pytest-isort 1.3.0, whose ``pytest_collect_file(path, parent)`` pytest 9 no longer
provides ``path`` for. pytest itself is the oracle: it loads the plugin in the before side's
environment and refuses it in the after side's."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

pytestmark = pytest.mark.slow


def test_pytest_7_to_9_newly_breaks_pytest_isort(tmp_path: Path) -> None:
    requirements = tmp_path / "plugins.txt"
    requirements.write_text("pytest-isort==1.3.0\n")
    proc = run_cli(
        "impact",
        "--config",
        str(ROOT / "examples" / "contracts" / "pytest.toml"),
        "--before",
        "pytest==7.4.4",
        "--after",
        "pytest==9.2.0",
        "-r",
        str(requirements),
        "--output-format",
        "json",
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    document = json.loads(proc.stdout)

    # The host's own verdict, in each side's environment.
    work = tmp_path / "project"
    work.mkdir()
    verdicts = []
    for side in document["sides"]:
        python = Path(side["environment"]) / "bin" / "python"
        run = subprocess.run(
            [str(python), "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q"],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=300,
        )
        verdicts.append((run.returncode, run.stdout + run.stderr))
    assert verdicts[0][0] == 5, verdicts[0][1]  # loaded; no tests collected
    assert verdicts[1][0] not in (0, 5)
    assert "PluginValidationError" in verdicts[1][1] and "path" in verdicts[1][1]

    (plugin,) = document["plugins"]
    assert plugin["status"] == "newly-broken"
    (new,) = plugin["new"]
    assert new["code"] == "PC502"
    assert new["causes"] == ["_pytest.hookspec.pytest_collect_file"]
    (change,) = [c for c in document["changes"] if c["plugins"]]
    assert change["text"] == "`hookspec.pytest_collect_file` lost parameter `path`"
