"""Bundled contracts without an entry-point group (Sphinx, pylint, mypy, beets, Markdown by
module, coverage) apply to a plugin project through their ``applies-to`` rule — the project
depends on the host and carries the host's plugin marker — or when named with ``--contract`` or
``[tool.plugcheck] use``; ``plugcheck contracts`` says why each applies or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


SPHINX_PROJECT = {
    "pyproject.toml": """\
        [project]
        name = "sphinx-tidy"
        version = "0.1.0"
        dependencies = ["sphinx>=7"]
        """,
    "src/sphinx_tidy/__init__.py": "",
    "src/sphinx_tidy/cards.py": "def setup(app):\n    return {'parallel_read_safe': True}\n",
    "src/sphinx_tidy/tabs/__init__.py": "from sphinx_tidy.tabs.impl import setup\n",
    "src/sphinx_tidy/tabs/impl.py": "def setup(app):\n    return {}\n",
    "src/sphinx_tidy/util.py": "def helper():\n    pass\n",
}


def _plugins(repo: Path, *args: str) -> tuple[list[str], list[str]]:
    proc = run_cli_here("check", "--no-dynamic", "--output-format", "json", *args, cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    return [p["name"] for p in report["plugins"]], [f["code"] for f in report["findings"]]


def test_a_sphinx_extension_project_gets_the_sphinx_contract(tmp_path: Path) -> None:
    repo = write_host(tmp_path / "sphinx-tidy", files=SPHINX_PROJECT, dedent=True)
    listed = run_cli_here("contracts", cwd=repo)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("sphinx-extensions (factory): bundled with plugcheck: ")
    assert lines[1] == (
        "  applies: the project depends on sphinx and its modules define setup() at module "
        "level (src/sphinx_tidy/cards.py, src/sphinx_tidy/tabs)"
    )
    assert "not applied: pylint-plugins (bundled): the project does not depend on pylint" in lines
    # Each module with the marker is a plugin, under the name Sphinx imports it by; a package
    # whose __init__ provides setup() is one plugin, not one per module inside.
    assert _plugins(repo)[0] == ["sphinx_tidy.cards", "sphinx_tidy.tabs"]


def test_the_marker_is_needed_besides_the_dependency(tmp_path: Path) -> None:
    files = {k: v for k, v in SPHINX_PROJECT.items() if "cards" not in k and "tabs" not in k}
    repo = write_host(tmp_path / "sphinx-tidy", files=files, dedent=True)
    listed = run_cli_here("contracts", cwd=repo)
    assert (
        "not applied: sphinx-extensions (bundled): the project depends on sphinx but none of "
        "its modules defines setup() at module level"
    ) in listed.stdout.splitlines()
    proc = run_cli_here("check", "--no-dynamic", cwd=repo)
    assert proc.returncode == 2
    assert "(`plugcheck contracts` says why); pass --contract NAME or --config FILE" in (
        proc.stderr
    )


def test_a_beets_plugin_project_is_found_by_its_namespace_package(tmp_path: Path) -> None:
    repo = write_host(
        tmp_path / "beets-tidy",
        files={
            "pyproject.toml": '[project]\nname = "beets-tidy"\ndependencies = ["beets"]\n',
            "beetsplug/tidy.py": "class Tidy:\n    pass\n",
        },
        dedent=True,
    )
    listed = run_cli_here("contracts", cwd=repo)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[1] == (
        "  applies: the project depends on beets and ships modules in the beetsplug namespace "
        "package (beetsplug/tidy.py)"
    )


def test_a_contract_is_chosen_by_name(tmp_path: Path) -> None:
    """A pylint plugin that does not depend on pylint: named with --contract (by its bundled
    file's name or the contract's), or with [tool.plugcheck] use, it is checked."""
    repo = write_host(
        tmp_path / "pylint-tidy",
        files={
            "pyproject.toml": '[project]\nname = "pylint-tidy"\n',
            "pylint_tidy.py": "def regsiter(linter):\n    pass\n",
        },
        dedent=True,
    )
    assert run_cli_here("check", "--no-dynamic", cwd=repo).returncode == 2
    for name in ("pylint", "pylint-plugins"):
        assert _plugins(repo, "--contract", name) == (["pylint-tidy"], ["PC101"])
    listed = run_cli_here("contracts", "--contract", "pylint", cwd=repo)
    assert listed.stdout.splitlines()[1] == (
        "  applies: chosen by name (--contract or [tool.plugcheck] use)"
    )
    with (repo / "pyproject.toml").open("a") as stream:
        stream.write('\n[tool.plugcheck]\nuse = ["pylint"]\n')
    assert _plugins(repo) == (["pylint-tidy"], ["PC101"])
    unknown = run_cli_here("check", "--contract", "nosuch", cwd=repo)
    assert unknown.returncode == 2
    assert "--contract/use 'nosuch': no contract of that name" in unknown.stderr
    with (repo / "pyproject.toml").open("a") as stream:
        stream.write('[tool.plugcheck.contracts.own]\nkind = "factory"\npaths = ["*.py"]\n')
    mixed = run_cli_here("check", cwd=repo)
    assert mixed.returncode == 2
    assert "use names the contracts a plugin project follows; it cannot be combined" in (
        mixed.stderr
    )
