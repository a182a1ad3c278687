"""tox 4 as a real host in the slow suite: modules advertised under the `tox` entry-point group
holding pluggy hookimpls (project "tox"), loaded with load_setuptools_entrypoints on every run
(examples/contracts/tox.toml).

As in test_ecosystems.py: a cached venv with the pinned host and plugins, and a release that
tox itself fails on (installed without its dependencies); `tox --version` with every other
external plugin blocked (TOX_DISABLED_EXTERNAL_PLUGINS, tox's own switch) is the oracle.
plugcheck must give no error to the plugins tox loads, and name the cause for the one it does
not, and no warning to a healthy plugin (their import-time work is information, named).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _run

pytestmark = pytest.mark.slow

TOX = "tox==4.67.13"
PLUGINS = {  # distribution pin -> its entry-point name
    "tox-gh==1.9.1": "tox-gh",
    "tox-pdm==0.7.2": "pdm",
    "tox-extra==2.2.0": "extra",  # brings tox-uv-bare (entry point tox-uv)
    "tox-ignore-env-name-mismatch==0.2.0.post2": "ignore_env_name_mismatch",
    "tox-current-env==0.0.17": "current-env",
}
# A tox 3 plugin: imports tox.config._split_env and uses tox.hookimpl, both gone in tox 4.
BROKEN = {"tox-travis==0.13": "travis"}


def _tox_loads(python: Path, name: str, every: list[str]) -> tuple[bool, str]:
    others = ",".join(n for n in every if n != name)
    proc = _run(python.parent / "tox", "--version", TOX_DISABLED_EXTERNAL_PLUGINS=others)
    return proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr


@pytest.mark.harness
def test_tox_plugins() -> None:
    python = _cached_venv("tox", [TOX, *PLUGINS], [*BROKEN])
    healthy = {*PLUGINS.values(), "tox-uv"}
    every = [*healthy, *BROKEN.values()]
    for name in healthy:
        loads, out = _tox_loads(python, name, every)
        assert loads, out
    (broken,) = BROKEN.values()
    loads, out = _tox_loads(python, broken, every)
    assert not loads and "_split_env" in out

    data = _check(python, "tox.toml")
    assert {*every} <= {p["name"] for p in data["plugins"]}
    errors = [f for f in data["findings"] if f["plugin"] != broken and f["severity"] == "error"]
    assert errors == []
    warnings = {
        (f["plugin"], f["code"])
        for f in data["findings"]
        if f["plugin"] != broken and f["severity"] == "warning"
    }
    assert warnings == set()
    # tox-pdm pops NO_SITE_PACKAGES from os.environ, tox-extra sets FORCE_COLOR and friends: tox
    # imports each plugin only to register it, on every run, so that is what a first hook would
    # do (info). tox-extra's `import git` runs `git version`: GitPython's own import (info).
    infos = {
        (f["plugin"], f["code"])
        for f in data["findings"]
        if f["plugin"] != broken and f["severity"] == "info"
    }
    assert {("pdm", "PC110"), ("extra", "PC110"), ("extra", "PC411")} <= infos
    causes = [f for f in data["findings"] if f["plugin"] == broken and f["code"] == "PC530"]
    assert causes and any("'hookimpl'" in f["message"] for f in causes), causes
