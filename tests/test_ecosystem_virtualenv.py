"""virtualenv as a real host in the slow suite: classes advertised under four entry-point groups
(virtualenv.discovery, .create, .seed, .activate), every one of them loaded with ep.load() on
every run (PluginLoader.entry_points_for), beside virtualenv's own plugins in the same groups
(examples/contracts/virtualenv.toml).

As in test_ecosystems.py: a cached venv with the pinned host and plugins, and a release that
virtualenv itself fails on (installed without its dependencies); virtualenv's own session
building (session_via_cli: every plugin loaded, the chosen ones built with the parsed options),
with only virtualenv's plugins and the one under test installed, is the oracle. plugcheck must
give no error to the plugins virtualenv loads, and name the cause for the one it does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _run

pytestmark = pytest.mark.slow

VIRTUALENV = "virtualenv==21.15.7"
PLUGINS = {  # distribution pin -> its entry-point names
    "virtualenv-pyenv==0.7.0": ["pyenv", "pyenv-compat", "pyenv-fallback", "pyenv-strict"],
    "virtualenv-asdf==0.1.0": ["asdf"],
    "virtualenv-multipython==0.5.1": ["multipython"],
    "virtualenv-seedhelper==0.0.1": ["seedhelper"],
}
# Imports virtualenv.create.via_global_ref.builtin.python2, which virtualenv 20.22 removed: every
# virtualenv run fails with ModuleNotFoundError while it is installed.
BROKEN = {"virtualenv-tauthon==0.0.2": ["tauthon-posix", "tauthon-win"]}

_ORACLE = """
import sys
from importlib.metadata import EntryPoints, distributions

from virtualenv.run.plugin.base import PluginLoader

only, dest = sys.argv[1], sys.argv[2]
PluginLoader._ENTRY_POINTS = EntryPoints(
    e
    for d in distributions()
    for e in d.entry_points
    if not e.group.startswith("virtualenv.") or e.value.startswith("virtualenv.") or e.name == only
)
from virtualenv.run import session_via_cli

session_via_cli([dest, *sys.argv[3:]])
print("ok")
"""


def _virtualenv_runs(python: Path, name: str, dest: Path, *argv: str) -> str:
    proc = _run(python, "-c", _ORACLE, name, dest, *argv)
    return proc.stdout.strip() or proc.stderr.strip().splitlines()[-1]


@pytest.mark.harness
def test_virtualenv_plugins(tmp_path: Path) -> None:
    python = _cached_venv("virtualenv", [VIRTUALENV, *PLUGINS], [*BROKEN])
    healthy = {n for names in PLUGINS.values() for n in names}
    for name in healthy:
        assert _virtualenv_runs(python, name, tmp_path / name) == "ok", name
    seeded = _virtualenv_runs(python, "seedhelper", tmp_path / "s", "--seeder", "seedhelper")
    assert seeded == "ok"
    broken = {n for names in BROKEN.values() for n in names}
    for name in broken:
        assert "builtin.python2" in _virtualenv_runs(python, name, tmp_path / name), name

    data = _check(python, "virtualenv.toml")
    names = {p["name"] for p in data["plugins"]}
    assert healthy | broken <= names
    # virtualenv's own plugins (builtin, venv, cpython3-posix, bash, app-data, ...) are checked
    # too, and are as healthy as the host.
    noise = [
        (f["plugin"], f["code"], f["message"])
        for f in data["findings"]
        if f["plugin"] not in broken and f["severity"] != "info"
    ]
    # multipython's logging.basicConfig() runs only under its own MULTIPYTHON_DEBUG switch:
    # PC110 info, no default run does it (and virtualenv's setup_report has set up the root
    # logger before it loads discovery plugins, so basicConfig() would change nothing).
    assert noise == [], noise
    for name in broken:
        causes = [f for f in data["findings"] if f["plugin"] == name and f["code"] == "PC530"]
        assert causes and "'python2'" in causes[0]["message"], name
