"""The real `pre-commit run` runs this repository's `plugcheck` hooks on a host repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from demo_host import demo_host

from conftest import ROOT

pytestmark = pytest.mark.harness


BROKEN = """\
from demo_api import Plugin


def create() -> Plugin:
    return Plugin()
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


def run_hook(repo: Path, hooks: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    """``pre-commit run HOOK --all-files`` in ``repo``, whose ``.pre-commit-config.yaml`` (written
    and staged here) names ``hooks`` at its HEAD, with ``home`` as ``PRE_COMMIT_HOME``. Not
    ``try-repo``: it builds the hook's environment in a new temporary store at every call (pip
    installing plugcheck and mypy, 20-40 s each); ``run`` builds it once per home, as on a
    user's machine, and every call runs the real hook in it."""
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hooks, capture_output=True, text=True, check=True
    ).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n"
    )
    _git(repo, "add", ".pre-commit-config.yaml")  # pre-commit refuses an unstaged config
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "VIRTUAL_ENV"))},
        "PRE_COMMIT_HOME": str(home),
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", hook, "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.xdist_group("pre-commit-hooks")
def test_precommit_hook_fails_on_a_broken_plugin_and_passes_once_fixed(
    tmp_path: Path, hook_repo: Path, precommit_home: Path
) -> None:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of plugcheck")
    repo = demo_host(tmp_path / "host", {"broken": BROKEN})
    plugin = repo / "plugins" / "broken" / "__init__.py"
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "host")
    failed = run_hook(repo, hook_repo, "plugcheck", precommit_home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "PC101" in failed.stdout and "plugins/broken/__init__.py:1:1" in failed.stdout

    plugin.write_text(BROKEN + textwrap.dedent("\n\nnew = create\n"))
    _git(repo, "add", "-A")
    passed = run_hook(repo, hook_repo, "plugcheck", precommit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "All checks passed" in passed.stdout or "Passed" in passed.stdout


@pytest.mark.slow
def test_precommit_hook_in_a_plugin_repository_without_configuration(
    tmp_path: Path, hook_repo: Path
) -> None:
    """A pytest plugin's repository: the hook finds the bundled pytest contract, with pytest as
    the hook environment's additional dependency (the host must be importable there)."""
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of plugcheck")
    hooks = hook_repo
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hooks, capture_output=True, text=True, check=True
    ).stdout.strip()
    repo = tmp_path / "pytest-tidy"
    plugin = repo / "src" / "pytest_tidy" / "__init__.py"
    plugin.parent.mkdir(parents=True)
    plugin.write_text(
        "def pytest_collection_modifyitems(session, config, items, order):\n    pass\n"
    )
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "pytest-tidy"\nversion = "0.1"\n\n'
        '[project.entry-points.pytest11]\ntidy = "pytest_tidy"\n'
    )
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: plugcheck\n"
        "        additional_dependencies: [pytest]\n"
    )
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "VIRTUAL_ENV"))},
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "src/pytest_tidy/__init__.py:1:1: PC502 " in proc.stdout, proc.stdout
