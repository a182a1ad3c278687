"""Paths named on the command line go to the contracts that can hold them: a project or an
installed distribution that declares entry points is judged by the group contracts of those
groups only, and by no group contract whose group it does not declare (init29: Pyramid's add-ons
were judged as `pyramid.pshell_runner` plugins too, every finding twice)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cli_json, write_host

pytestmark = pytest.mark.harness

CONFIG = """\
[tool.plugcheck]
search-path = ["api", "../site"]

[tool.plugcheck.contracts.addons]
kind = "factory"
paths = ["plugins/*"]

[tool.plugcheck.contracts.addons.exports]
includeme = { kind = "callable" }

[tool.plugcheck.contracts.runners]
kind = "factory"
entry-point-group = "demo.runners"

[tool.plugcheck.contracts.runners.exports]
runner = { kind = "callable" }
"""

# Each plugin lacks the export of the contract it belongs to: a finding there shows it was
# judged by that contract, and none from the other contract shows it was judged only there.
FILES = {
    "host/pyproject.toml": CONFIG,
    "host/api/demo/__init__.py": "",
    "addon_project/pyproject.toml": '[project]\nname = "addon"\nversion = "1.0"\n',
    "addon_project/addon/__init__.py": "def include_me(config):\n    return None\n",
    "runner_project/pyproject.toml": (
        '[project]\nname = "runner"\nversion = "1.0"\n\n'
        '[project.entry-points."demo.runners"]\nr = "runner_pkg:runner"\n'
    ),
    "runner_project/runner_pkg/__init__.py": "def runners():\n    return None\n",
    "loose.py": "X = 1\n",
    "site/inst_addon/__init__.py": "def include_me(config):\n    return None\n",
    "site/inst_addon-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: inst_addon\n",
    "site/inst_addon-1.0.dist-info/RECORD": (
        "inst_addon/__init__.py,,\ninst_addon-1.0.dist-info/METADATA,,\n"
        "inst_addon-1.0.dist-info/RECORD,,\n"
    ),
    # An installed single-module plugin of the group: its root is the import root, which holds
    # every other path there (sqlite-utils-sqlite-vec 0.1.0, named by its folder, was taken for
    # sqlite-utils-shell and sqlite-utils-litecli, and itself left unchecked).
    "site/run_mod.py": "def runner():\n    return None\n",
    "site/run_mod-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: run_mod\n",
    "site/run_mod-1.0.dist-info/entry_points.txt": "[demo.runners]\nm = run_mod\n",
    "site/run_mod-1.0.dist-info/RECORD": "run_mod.py,,\nrun_mod-1.0.dist-info/RECORD,,\n",
}


def test_a_path_goes_to_the_contracts_its_metadata_reaches(tmp_path: Path) -> None:
    root = write_host(tmp_path, files=FILES)
    paths = ["addon_project", "runner_project", "loose.py", "site/inst_addon"]
    data = cli_json(
        "check",
        "--no-dynamic",
        "--config",
        str(root / "host" / "pyproject.toml"),
        *(str(root / p) for p in paths),
        env={"PYTHONPATH": str(root / "site")},  # run_mod's entry point is installed
    )
    found = sorted(
        (f["contract"], f["plugin"], f["code"])
        for f in data["findings"]  # type: ignore[attr-defined]
    )
    assert found == [
        # the source project declares no entry points: not a runner
        ("addons", "addon", "PC101"),
        # the installed distribution declares none either
        ("addons", "inst_addon", "PC101"),
        # a module of no project may be either: both judge it, as before
        ("addons", "loose", "PC101"),
        ("runners", "loose", "PC101"),
        # a plugin author's project that declares the group's entry point, named as there
        ("runners", "r", "PC101"),
    ], data["findings"]
