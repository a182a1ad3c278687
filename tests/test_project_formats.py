"""A plugin project with no ``[tool.plugcheck]`` is read from whichever file declares it:
``pyproject.toml``, ``setup.cfg``, or ``setup.py`` (parsed, never run); what those leave dynamic
comes from the project's installed metadata, else a one-line error says what could not be read."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

from conftest import TESTDATA, run_cli_here

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


HOOKS = """\
def pytest_configure(config):
    pass


def pytest_collection_modifyitems(session, config, items, order):
    pass
"""

SETUP_CFG = """\
[metadata]
name = pytest-tidy
version = 0.1.0

[options]
packages = find:
install_requires =
    pytest>=7

[options.entry_points]
console_scripts =
    tidy = pytest_tidy:main
pytest11 =
    tidy = pytest_tidy
"""

SETUP_PY = """\
from setuptools import setup

setup(
    name="pytest-tidy",
    version="0.1.0",
    install_requires=["pytest>=7"],
    entry_points={
        "console_scripts": ["tidy = pytest_tidy:main"],
        "pytest11": ["tidy = pytest_tidy"],
    },
)
"""

COMPUTED_SETUP_PY = """\
from setuptools import setup

ENTRY_POINTS = {"pytest11": ["tidy = pytest_tidy"]}

setup(name="pytest-tidy", version="0.1.0", entry_points=ENTRY_POINTS)
"""

DYNAMIC_PYPROJECT = """\
[project]
name = "pytest-tidy"
version = "0.1.0"
dependencies = ["pytest>=7"]
dynamic = ["entry-points"]
"""


def _repo(root: Path, files: dict[str, str]) -> Path:
    for name, text in {"pytest_tidy/__init__.py": HOOKS, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _checked(repo: Path, *args: str) -> list[tuple[str, str, str, int]]:
    proc = run_cli_here("check", "--no-dynamic", "--output-format", "json", *args, cwd=repo)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert [p["name"] for p in report["plugins"]] == ["tidy"]
    return [(f["code"], f["plugin"], f["path"], f["line"]) for f in report["findings"]]


def test_a_setup_cfg_project_is_checked_against_its_groups_contract(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "pytest-tidy", {"setup.cfg": SETUP_CFG, "setup.py": "import x\n"})
    listed = run_cli_here("contracts", cwd=repo)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("pytest-plugins (pluggy, entry-point group pytest11): bundled")
    assert _checked(repo) == [("PC502", "tidy", "pytest_tidy/__init__.py", 5)]


def test_a_setup_py_projects_literal_arguments_are_read_without_running_it(
    tmp_path: Path,
) -> None:
    ran = tmp_path / "ran"
    setup = f"open({str(ran)!r}, 'w').close()\n" + SETUP_PY
    repo = _repo(tmp_path / "pytest-tidy", {"setup.py": setup})
    assert _checked(repo) == [("PC502", "tidy", "pytest_tidy/__init__.py", 5)]
    assert not ran.exists()


def test_entry_points_that_cannot_be_read_are_said_not_passed(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "pytest-tidy", {"setup.py": COMPUTED_SETUP_PY})
    proc = run_cli_here("check", "--no-dynamic", cwd=repo)
    assert proc.returncode == 2, proc.stdout
    assert proc.stdout == ""
    problems = proc.stderr.splitlines()
    assert "registers entry-point groups none" in problems[0]
    assert problems[1] == (
        f"plugcheck: error: {repo / 'setup.py'} (project 'pytest-tidy'): cannot read its entry "
        f"points ({repo / 'setup.py'}:5 computes entry_points=), and 'pytest-tidy' is not "
        "installed in the target environment to read them from its metadata "
        "(`pip install -e .` there)"
    )


def test_dynamic_entry_points_are_read_from_the_installed_metadata(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "pytest-tidy", {"pyproject.toml": DYNAMIC_PYPROJECT})
    proc = run_cli_here("check", "--no-dynamic", cwd=repo)
    assert proc.returncode == 2
    assert 'pyproject.toml says dynamic = ["entry-points"]' in proc.stderr
    # Installed as `pip install -e .` would: the metadata in site-packages, the code in the repo.
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    site = next((target / "lib").glob("python*/site-packages"))
    info = site / "pytest_tidy-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: pytest-tidy\nVersion: 0.1.0\nRequires-Dist: pytest>=7\n"
    )
    (info / "entry_points.txt").write_text("[pytest11]\ntidy = pytest_tidy\n")
    (site / "pytest_tidy.pth").write_text(f"{repo}\n")
    # The host, pytest, from this interpreter's environment: its hookspecs are the contract's.
    (site / "host.pth").write_text(f"{Path(pytest.__file__).parents[1]}\n")
    python = str(target / "bin" / "python")
    listed = run_cli_here("contracts", "--python", python, cwd=repo)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("pytest-plugins (pluggy, entry-point group pytest11): bundled")
    assert _checked(repo, "--python", python) == [("PC502", "tidy", "pytest_tidy/__init__.py", 5)]


def test_the_pinning_rules_read_a_setup_cfg_projects_requirements(tmp_path: Path) -> None:
    """A host's plugin directory holding a setup.cfg project: its install_requires is what
    the pinning rules judge, at its own line."""
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC304" / "bad", host)
    project = host / "plugins" / "pinned"
    (project / "pyproject.toml").unlink()
    (project / "setup.cfg").write_text(
        "[metadata]\nname = pinned\nversion = 1.0.0\n\n"
        "[options]\ninstall_requires =\n    attrs\n    pinapi==2.1.0\n"
    )
    proc = run_cli_here("check", str(host), "--no-dynamic", "--no-mypy", "--output-format", "json")
    assert proc.returncode == 0, proc.stderr  # PC304 (an exact pin the host satisfies) is info
    findings = json.loads(proc.stdout)["findings"]
    assert [(f["code"], f["severity"], Path(f["path"]).name, f["line"]) for f in findings] == [
        ("PC304", "info", "setup.cfg", 8)
    ]
    assert findings[0]["autofix"] is None  # --fix edits pyproject.toml only


QUIET = ["-q", "-p", "no:cacheprovider"]


def test_the_pytest_plugin_checks_a_setup_cfg_project(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "pytest-tidy", {"setup.cfg": SETUP_CFG})
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "--plugcheck", "--plugcheck-static-only", *QUIET],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert suite.returncode == 1, suite.stdout + suite.stderr
    assert "FAILED setup.cfg::pytest-plugins::tidy" in suite.stdout
