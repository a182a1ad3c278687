"""`plugcheck impact` on two real releases of a real host from PyPI: pytest 7.4.4 -> 9.2.0 and
the plugin pytest-isort 1.3.0, whose ``pytest_collect_file(path, parent)`` pytest 9 no longer
provides ``path`` for. pytest itself is the oracle: it loads the plugin in the before side's
environment and refuses it in the after side's. Also the two other kinds of SPEC, a git ref of
the host's repository and a directory, with a real build backend from the index."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from impact_host import API_1, API_2, CONTRACT

from conftest import ROOT, run_cli, validate_report

pytestmark = pytest.mark.slow


@pytest.mark.harness
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


@pytest.mark.harness
def test_git_refs_and_a_directory_of_the_hosts_repository(tmp_path: Path) -> None:
    """A host repository with its API project inside (search-path points at its source):
    SPECs are the tag of the old API, and the working tree; each side installs the API project
    (found by the contract's api-distribution) with a real build backend, and checks the
    plugins of its own tree: the tag's committed ones, the working tree's."""
    repo = tmp_path / "repo"
    api = repo / "api"
    plugins = repo / "plugins"
    plugins.mkdir(parents=True)
    (repo / "pyproject.toml").write_text(
        '[tool.plugcheck]\nsearch-path = ["api/src"]\n' + CONTRACT, encoding="utf-8"
    )
    (plugins / "legacy.py").write_text(
        "from synth_api import BasePlugin, legacy_format\n\n"
        "class P(BasePlugin):\n    def run(self) -> None:\n        pass\n"
        "    def validate(self) -> None:\n        pass\n\n"
        "def new() -> P:\n    return P()\n",
        encoding="utf-8",
    )

    def write_api(files: dict[str, str], version: str) -> None:
        shutil.rmtree(api, ignore_errors=True)
        for name, text in files.items():
            path = api / "src" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        (api / "pyproject.toml").write_text(
            '[build-system]\nrequires = ["setuptools>=61"]\n'
            'build-backend = "setuptools.build_meta"\n'
            f'[project]\nname = "synth-api"\nversion = "{version}"\n'
            '[tool.setuptools.packages.find]\nwhere = ["src"]\n',
            encoding="utf-8",
        )

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=repo,
            check=True,
            capture_output=True,
        )

    write_api(API_1, "1.0")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "API 1.0")
    (plugins / "gone.py").write_text("def new() -> None:\n    pass\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "a plugin the working tree deletes")
    git("tag", "v1")
    (plugins / "gone.py").unlink()  # the working tree: not committed
    (plugins / "wip.py").write_text((plugins / "legacy.py").read_text(), encoding="utf-8")
    write_api(API_2, "2.0")
    proc = run_cli(
        "impact", "--before", "v1", "--after", str(repo), "--output-format", "json", cwd=repo
    )
    assert proc.returncode == 1, proc.stderr
    document = json.loads(proc.stdout)
    validate_report(document, "impact")
    assert [s["kind"] for s in document["sides"]] == ["git", "directory"]
    status = {p["plugin"]: p["status"] for p in document["plugins"]}
    assert status == {"legacy": "newly-broken", "gone": "only-before", "wip": "only-after"}
    (plugin,) = [p for p in document["plugins"] if p["plugin"] == "legacy"]
    assert [f["causes"] for f in plugin["new"]] == [["synth_api.legacy_format"]]
    assert any(
        "v1: plugins and configuration from the tree of that ref" in n for n in document["notes"]
    )
