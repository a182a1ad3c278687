"""Kedro as a real host in the slow suite: a pluggy host with class-based hookspecs and two
managers (pluggy's own PluginManager("kedro") for pipeline hooks, loaded from `kedro.hooks`; a
PluginManager subclass for CLI hooks, project "kedro_cli", loaded from `kedro.cli_hooks`), which
never calls check_pending() (examples/contracts/kedro.toml).

As in test_ecosystems.py: a cached venv with the pinned host and plugins, and a release that
Kedro itself fails on (installed without its dependencies); Kedro's own manager
(_create_hook_manager) loading the one entry point and registering it, as
load_setuptools_entrypoints does, is the oracle. plugcheck must give no error to the plugins
Kedro registers, and name the cause for the one it does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ecosystems import CONTRACTS, _cached_venv, _check, _run, _site

from plugcheck.config import load_config
from plugcheck.kinds import available

from conftest import run_cli

pytestmark = pytest.mark.slow

KEDRO = "kedro==1.7.0"  # brings kedro-telemetry, whose hook is in both groups
PLUGINS = {  # distribution pin -> its `kedro.hooks` entry-point name
    "kedro-boot==0.3.0": "kedro_boot_hook",
    "kedro-intercept==0.0.1": "intercept",
    "kedro-psutil-telemetry==0.0.2": "psutil_telemetry",
}
# Imports load_context from kedro.framework.context and DataSetError from kedro.io, both gone
# since Kedro 0.19 (it requires kedro==0.17.3): Kedro cannot import the hook.
BROKEN = {"kedro-popmon==0.1.0": "kedro_popmon"}

_ORACLE = """
import sys
from importlib.metadata import entry_points
from kedro.framework.hooks.manager import _create_hook_manager
(ep,) = [e for e in entry_points(group="kedro.hooks") if e.name == sys.argv[1]]
manager = _create_hook_manager()
manager.register(ep.load(), name=ep.name)
print("ok")
"""


def _kedro_registers(python: Path, name: str) -> str:
    proc = _run(python, "-c", _ORACLE, name)
    # Kedro logs its logging set-up to stdout first.
    if proc.returncode == 0 and proc.stdout.strip().endswith("ok"):
        return "ok"
    return proc.stderr


@pytest.mark.harness
def test_kedro_hooks(tmp_path: Path) -> None:
    # pandas: kedro-popmon imports it before Kedro's names (popmon itself is left out).
    python = _cached_venv("kedro", [KEDRO, *PLUGINS, "pandas"], [*BROKEN])
    healthy = {*PLUGINS.values(), "kedro-telemetry"}
    for name in healthy:
        assert _kedro_registers(python, name) == "ok", name
    (broken,) = BROKEN.values()
    assert "load_context" in _kedro_registers(python, broken)

    data = _check(python, "kedro.toml")
    assert healthy | {broken} <= {p["name"] for p in data["plugins"]}
    noise = [
        (f["plugin"], f["code"], f["message"])
        for f in data["findings"]
        if f["plugin"] != broken and f["severity"] != "info"
    ]
    assert noise == []
    causes = [f for f in data["findings"] if f["plugin"] == broken and f["code"] == "PC530"]
    assert causes and "'load_context'" in causes[0]["message"], data["findings"]

    # `plugcheck init` on Kedro, unedited: a contract per manager, each with its own project and
    # spec classes (the one hand-written in examples/contracts/kedro.toml), and run as it is no
    # healthy plugin gets an error, and the broken one is still found.
    proc = run_cli("init", str(_site(python) / "kedro"))
    assert proc.returncode == 0, proc.stderr
    proposal = tmp_path / "proposal" / "pyproject.toml"
    proposal.parent.mkdir()
    proposal.write_text(proc.stdout)
    hand = {
        c.name: c.options["pluggy"]
        for c in load_config(CONTRACTS / "kedro.toml", available()).contracts
    }
    made = {
        c.entry_point_group: c.options["pluggy"]
        for c in load_config(proposal, available()).contracts
    }
    assert set(made) == {"kedro.hooks", "kedro.cli_hooks"}
    for group, name in [("kedro.hooks", "kedro-hooks"), ("kedro.cli_hooks", "kedro-cli-hooks")]:
        assert made[group]["project"] == hand[name]["project"]
        assert sorted(made[group]["hookspecs"]) == sorted(hand[name]["hookspecs"])
    data = _check(python, str(proposal))
    errors = [f for f in data["findings"] if f["plugin"] in healthy and f["severity"] == "error"]
    assert errors == [], errors
    assert any(f["plugin"] == broken and f["severity"] == "error" for f in data["findings"])
