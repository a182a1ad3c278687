"""PyInstaller as a real host in the slow suite: libraries point PyInstaller at their hook
directories through a `hook-dirs` entry point of `pyinstaller40`, a function PyInstaller calls
with no arguments in an isolated subprocess before every build; it returns the directories
(examples/contracts/pyinstaller.toml). Other names in the group are not for builds: RapidFuzz's
`tests` entry point (get_PyInstaller_tests) is for PyInstaller's test suite.

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI libraries, PyInstaller's
own discovery (building.build_main.discover_hook_directories, which logs a warning for an entry
point that fails) and each entry point's call as the oracle, run first. The plugins are whole
libraries (numpy, pygame-ce): plugcheck must give them no error and no warning, and read only
the `hook-dirs` entry points. No release that PyInstaller itself fails on was found for this
test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _init_checked, _run

pytestmark = pytest.mark.slow

PLUGINS = {  # distribution pin -> the module its hook-dirs entry point names
    "numpy==2.4.6": "numpy",
    "newspaper4k==0.9.6": "newspaper._pyinstaller",
    "pygame-ce==2.5.8": "pygame.__pyinstaller",
    "pyinstaller-hooks-contrib==2026.10": "_pyinstaller_hooks_contrib",
    "pywebview==6.2.1": "webview.__pyinstaller",
}
PINS = ["pyinstaller==6.22.3", "rapidfuzz==3.14.6", *PLUGINS]

_ORACLE = """
import importlib.metadata as md, json, logging, os
from PyInstaller.building.build_main import discover_hook_directories
out = {}
for ep in md.entry_points(group="pyinstaller40", name="hook-dirs"):
    try:
        dirs = list(ep.load()())
        out[ep.module] = "ok" if dirs and all(os.path.isdir(d) for d in dirs) else f"dirs: {dirs}"
    except Exception as exc:
        out[ep.module] = f"{type(exc).__name__}: {exc}"
warned = []
logging.getLogger("PyInstaller").addHandler(logging.Handler())
handler = logging.getLogger("PyInstaller").handlers[-1]
handler.emit = lambda record: warned.append(record.getMessage())
found = discover_hook_directories()
print(json.dumps({"each": out, "found": len(found), "warned": warned}))
"""


@pytest.mark.harness
def test_pyinstaller_hook_dirs(tmp_path: Path) -> None:
    python = _cached_venv("pyinstaller", PINS, [])
    said = json.loads(_run(python, "-c", _ORACLE).stdout.splitlines()[-1])  # pygame prints too
    assert said["each"] == dict.fromkeys(PLUGINS.values(), "ok"), said
    assert said["warned"] == [] and said["found"] >= len(PLUGINS), said

    data = _check(python, "pyinstaller.toml")
    modules = {p["module"] for p in data["plugins"]}
    assert modules == set(PLUGINS.values()), modules  # RapidFuzz's `tests` is not a plugin
    loud = [(f["path"], f["code"]) for f in data["findings"] if f["severity"] != "info"]
    assert loud == []

    # `plugcheck init` on PyInstaller, unedited: it asks for the `hook-dirs` names only (build_main,
    # not the test runner's `tests`), and judges each library on what its import can run: numpy's
    # add_newdoc imports by a computed name, which no longer makes its conftest.py and example
    # scripts import-time code (issue 14). The rest is the libraries' own import-time work (warnings
    # the shipped contract ignores: PyInstaller imports them in an isolated subprocess).
    proposal, data = _init_checked(python, "PyInstaller", tmp_path)
    assert 'entry-point-names = ["hook-dirs"]' in proposal, proposal
    hooked = {p["module"] for p in data["plugins"] if p["contract"] == "pyinstaller40"}
    assert hooked == set(PLUGINS.values()), hooked
    assert [f for f in data["findings"] if f["severity"] == "error"] == []
    judged = {f["path"].split("site-packages/")[-1] for f in data["findings"]}
    assert not {p for p in judged if p == "numpy/conftest.py" or "/_examples/" in p}, judged
