"""Proof on a real register-function host: IPython 9 extensions (issue 20).

IPython loads an extension named in `%load_ext name` by importing the module and calling its
module-level `load_ipython_extension(ipython)` with the running InteractiveShell
(IPython.core.extensions.ExtensionManager; examples/contracts/ipython.toml). IPython's own
`load_extension` is the oracle. Two real releases break on IPython 9: ipython-sql 0.3.6 imports
`IPython.config.configurable`, a subpackage IPython removed (PC530's module form: IPython 9's
package defines a module `__getattr__`, which does not make submodules), and ipycache 0.1.4
imports `cPickle` (Python 2). ipython_memory_usage reads `get_ipython().user_ns` when imported:
the contract preloads a running shell, as the session has one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_ecosystems import CONTRACTS, _cached_venv, _errors, _run, _site
from test_init_hosts import _check_with

from conftest import run_cli

pytestmark = pytest.mark.slow

HOST = ["ipython==9.18.1"]
EXTENSIONS = {  # distribution pin -> the module `%load_ext` names
    "ipython-autotime==0.3.2": "autotime",
    "line_profiler==5.1.0": "line_profiler",
    "memory_profiler==0.61.0": "memory_profiler",
    "watermark==2.6.0": "watermark",
    "pyinstrument==5.1.3": "pyinstrument",
    "snakeviz==2.2.2": "snakeviz",
    "jupyter-black==0.4.0": "jupyter_black",
    "Cython==3.1.4": "Cython",
    "version_information==1.0.4": "version_information",
    "ipython_memory_usage==1.8.3": "ipython_memory_usage",
}
BROKEN = {"ipython-sql==0.3.6": "sql", "ipycache==0.1.4": "ipycache"}

_ORACLE = """
import json, sys
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
verdicts = {}
for name in sys.argv[1:]:
    try:
        result = shell.extension_manager.load_extension(name)
        verdicts[name] = "ok" if result is None else str(result)
    except BaseException as exc:
        verdicts[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(verdicts))
"""

# Import-time work the healthy extensions really do (warnings, by design): jupyter-black calls
# logging.basicConfig(); memory_profiler edits sys.path in a function. Info, not warnings:
# pyinstrument's filterwarnings() for its own modules only (module=r"pyinstrument\..*"); Cython's
# tests and debugger modules and line_profiler's autoprofile, which only the guess for an import
# by a computed name reaches (Cython.Shadow's import_module(item, package)); Shadow's
# sys.modules["cython.parallel"] mocks (`cython` is a module only Cython installs).
KNOWN_WARNINGS = {
    ("jupyter_black", "PC110"),
    ("memory_profiler", "PC353"),
}


@pytest.fixture(scope="module")
def python() -> Path:
    return _cached_venv("ecosystem-ipython", [*HOST, *EXTENSIONS], list(BROKEN))


def _paths(python: Path) -> list[Path]:
    site = _site(python)
    modules = [*EXTENSIONS.values(), *BROKEN.values()]
    return [site / m if (site / m).is_dir() else site / f"{m}.py" for m in modules]


def _check(python: Path, config: Path) -> dict[str, Any]:
    return _check_with(python, config, *_paths(python))


@pytest.mark.harness
def test_ipython_extensions(python: Path, tmp_path: Path) -> None:
    proc = _run(python, "-c", _ORACLE, *EXTENSIONS.values(), *BROKEN.values())
    assert proc.returncode == 0, proc.stderr
    verdicts = json.loads(proc.stdout.splitlines()[-1])
    healthy = {name for name, verdict in verdicts.items() if verdict == "ok"}
    assert healthy == set(EXTENSIONS.values()), verdicts
    assert verdicts["sql"] == "ModuleNotFoundError: No module named 'IPython.config'"
    assert verdicts["ipycache"] == "ModuleNotFoundError: No module named 'cPickle'"

    data = _check(python, CONTRACTS / "ipython.toml")
    assert {p["name"] for p in data["plugins"]} == set(verdicts)
    assert _errors(data, healthy) == []
    warnings = {
        (f["plugin"], f["code"])
        for f in data["findings"]
        if f["plugin"] in healthy and f["severity"] == "warning"
    }
    assert warnings == KNOWN_WARNINGS, warnings
    sql = _errors(data, {"sql"})
    first = min(sql, key=lambda f: (f["path"].endswith("magic.py") is False, f["line"]))
    assert first["code"] == "PC530" and first["line"] == 3
    assert "the installed IPython has no 'config'" in first["message"]
    ipycache = sorted(_errors(data, {"ipycache"}), key=lambda f: f["line"])
    assert ipycache[0]["code"] == "PC309" and ipycache[0]["line"] == 11
    assert "cPickle is not installed" in ipycache[0]["message"]

    # `plugcheck init` on IPython, unedited: it reads load_ipython_extension from the helper the
    # loaded module is handed to (core/extensions.py), and finds both breaks. It cannot know that
    # a shell is running when extensions are imported: ipython_memory_usage's import-time
    # get_ipython().user_ns (None without a shell) is PC550, a finding that the import depends on
    # host state the proposal does not set up, not an error (the hand contract preloads a shell).
    proc = run_cli("init", str(_site(python) / "IPython"))
    assert proc.returncode == 0, proc.stderr
    assert "load_ipython_extension" in proc.stdout and "__all__" not in proc.stdout
    proposal = tmp_path / "proposal" / "pyproject.toml"
    proposal.parent.mkdir()
    proposal.write_text(proc.stdout)
    data = _check(python, proposal)
    assert _errors(data, healthy) == []
    # The proposal preloads IPython.core.extensions (where IPython loads extensions), which starts
    # no shell: PC550 is an info there (a preload may or may not set the state up), and the
    # harness's failure at that statement a warning it explains, never an error.
    shown = {(f["plugin"], f["code"], f["severity"]) for f in data["findings"]}
    assert ("ipython_memory_usage", "PC550", "info") in shown
    assert ("ipython_memory_usage", "PC401", "warning") in shown
    assert "PC530" in {f["code"] for f in _errors(data, {"sql"})}
    assert "PC309" in {f["code"] for f in _errors(data, {"ipycache"})}
