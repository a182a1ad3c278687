"""Proof on a real pluggy host that checks pending hooks: devpi-server 6.20 (issue 14).

devpi-server's get_pluginmanager registers every `devpi_server` entry point with
``load_setuptools_entrypoints`` and calls ``check_pending()`` (examples/contracts/devpi.toml).
The oracle is devpi itself: its hookspecs, each entry point loaded and registered, then
``check_pending()``. devpi-lockdown 1.0.1 imports ``pyramid.compat``, which Pyramid 2 (what
devpi-server 6 installs) no longer has. Its environment holds PasteDeploy's ``-nspkg.pth``,
which kept PC309 silent for the whole environment before. Checked statically (--no-dynamic): a
full run imports Pyramid in each of 20 plugins, 30 s of CPU, over this suite's budget.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystem_sopel import _check
from test_ecosystems import CONTRACTS, _cached_venv, _run, _site

from conftest import run_cli

pytestmark = pytest.mark.slow

HOST = ["devpi-server==6.20.3"]
PLUGINS = [
    "devpi-web==5.1.1",
    "devpi-findlinks==3.1.0",
    "devpi-constrained==2.1.0",
    "devpi-jenkins==3.0.1",
    "devpi-mirror-index-acl==1.0.0",
    "devpi-remote-user==0.3",
    "devpi-json-info==0.1.3",
    "devpi-metawheel==0.5",
]
BROKEN = ["devpi-lockdown==1.0.1"]

_ORACLE = """
import json, warnings
warnings.simplefilter("ignore")
from importlib.metadata import entry_points
from pluggy import PluginManager
from devpi_server import hookspecs
verdicts = {}
for ep in entry_points(group="devpi_server"):
    pm = PluginManager("devpiserver")
    pm.add_hookspecs(hookspecs)
    hooks = 0
    try:
        plugin = ep.load()
        pm.register(plugin, ep.name)
        pm.check_pending()
        verdict = "ok"
        hooks = len(pm.get_hookcallers(plugin) or [])
    except Exception as exc:
        verdict = f"{type(exc).__name__}: {exc}"
    verdicts[ep.name] = [ep.dist.name, verdict, hooks]
print(json.dumps(verdicts))
"""


@pytest.fixture(scope="module")
def python() -> Path:
    return _cached_venv("ecosystem-devpi", [*HOST, *PLUGINS], BROKEN)


@pytest.mark.harness
def test_devpi_plugins(python: Path, tmp_path: Path) -> None:
    proc = _run(python, "-c", _ORACLE)
    assert proc.returncode == 0, proc.stderr
    verdicts = json.loads(proc.stdout)
    assert {d for d, _, _ in verdicts.values()} >= {p.partition("==")[0] for p in PLUGINS}
    failing = {d: v for d, v, _ in verdicts.values() if v != "ok"}
    idle = {d for d, v, hooks in verdicts.values() if v == "ok" and not hooks}
    assert idle == {"devpi-metawheel"}  # registered, no hook: its unmarked hooks never run
    assert failing == {"devpi-lockdown": "ModuleNotFoundError: No module named 'pyramid.compat'"}
    assert any(p.name.endswith("-nspkg.pth") for p in _site(python).iterdir())

    # devpi-remote-user 0.3 implements devpiserver_auth_user, which devpi's hookspec marks
    # deprecated (pluggy warns at registration): PC506, a true warning. devpi-metawheel 0.5 and
    # devpi-lockdown 1.0.1 define their devpiserver_* hooks unmarked, from the days devpi's
    # manager took them by prefix: pluggy registers none of them (metawheel registers no hook at
    # all, as the oracle's manager shows), PC573, true warnings.
    expected = {
        "devpi-lockdown": {"PC309", "PC573"},
        "devpi-metawheel": {"PC573"},
        "devpi-remote_user": {"PC506"},
    }
    assert _check(python, CONTRACTS / "devpi.toml", "--no-dynamic") == expected

    # init, unedited: the same contract, the same verdicts.
    proc = run_cli("init", str(_site(python) / "devpi_server"))
    assert proc.returncode == 0, proc.stderr
    assert 'entry-point-group = "devpi_server"' in proc.stdout
    assert 'project = "devpiserver"' in proc.stdout
    proposal = tmp_path / "pyproject.toml"
    proposal.write_text(proc.stdout)
    assert _check(python, proposal, "--no-dynamic") == expected
