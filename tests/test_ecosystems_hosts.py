"""Proof on real hosts of other shapes: mypy, whose entry function returns the plugin class.

As in test_ecosystems: a cached venv with the pinned host and real PyPI plugins, the host's own
loading run first as the oracle (healthy plugins load, the broken release fails there), then the
shipped example contract must give no error and no warning to the healthy plugins and name the
cause of the break.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import CONTRACTS, _cached_venv, _check, _run, _site

from conftest import run_cli

pytestmark = pytest.mark.slow

# mypy loads the modules its config's `plugins` lists, calls plugin(version), checks the class
# it returns with issubclass(cls, mypy.plugin.Plugin) and instantiates it with its Options.
MYPY_PLUGINS = {  # distribution pin -> the plugin module mypy's config names
    "pydantic==2.14.4": "pydantic.mypy",
    "returns==0.30.0": "returns.contrib.mypy.returns_plugin",
    "strawberry-graphql==0.341.2": "strawberry.ext.mypy_plugin",
    "marshmallow-dataclass==8.7.1": "marshmallow_dataclass.mypy",
    "mypy-zope==1.0.17": "mypy_zope.plugin",
    "typing-protocol-intersection==0.6.7": "typing_protocol_intersection.mypy_plugin",
    # Probes for conflicting stubs with `try: __import__("sqlalchemy-stubs")` at import time:
    "sqlalchemy==2.0.36": "sqlalchemy.ext.mypy.plugin",
}
# classes 0.4.1: its plugin imports typeops/call_signatures.py, which imports
# mypy.types.union_items, removed from mypy; installed without its dependencies.
MYPY_BROKEN = {"classes==0.4.1": "classes.contrib.mypy.classes_plugin"}


@pytest.fixture(scope="module")
def mypy_venv() -> Path:
    return _cached_venv("hosts-mypy", ["mypy==2.4.1", *MYPY_PLUGINS], [*MYPY_BROKEN])


def _mypy(python: Path, plugin: str, tmp_path: Path) -> str:
    """mypy's own verdict on ``plugin``: its output, empty when it loads."""
    (tmp_path / "one.py").write_text("x: int = 1\n")
    (tmp_path / "mypy.ini").write_text(f"[mypy]\nplugins = {plugin}\n")
    proc = _run(python, "-m", "mypy", "--no-incremental", "one.py", cwd=tmp_path)
    return "" if proc.returncode == 0 else proc.stdout + proc.stderr


@pytest.mark.harness
def test_mypy_plugins(mypy_venv: Path, tmp_path: Path) -> None:
    for module in MYPY_PLUGINS.values():
        assert _mypy(mypy_venv, module, tmp_path) == "", f"mypy itself fails to load {module}"
    (broken,) = MYPY_BROKEN.values()
    assert "cannot import name 'union_items'" in _mypy(mypy_venv, broken, tmp_path)

    site = _site(mypy_venv)
    modules = [*MYPY_PLUGINS.values(), broken]
    paths = [site.joinpath(*m.split(".")).with_suffix(".py") for m in modules]
    data = _check(mypy_venv, "mypy.toml", *paths)
    by_module = {p["module"]: p["name"] for p in data["plugins"]}
    assert set(modules) <= set(by_module)
    healthy = {by_module[m] for m in MYPY_PLUGINS.values()}
    noise = [f for f in data["findings"] if f["plugin"] in healthy and f["severity"] != "info"]
    assert noise == []
    found = [f for f in data["findings"] if f["plugin"] == by_module[broken]]
    assert found and found[0]["code"] == "PC530", found
    assert "'union_items'" in found[0]["message"] and "mypy.types" in found[0]["message"]
    assert found[0]["path"].endswith("classes/contrib/mypy/typeops/call_signatures.py")


# beets imports `beetsplug.<name>` (a namespace package many distributions install into),
# instantiates every BeetsPlugin subclass it defines, and runs its commands later.
BEETS_PLUGINS = {  # distribution pin -> the name beets' config `plugins` lists
    "beets-alternatives==0.14.5": "alternatives",
    "beetcamp==0.26.0": "bandcamp",
    "beets-filetote==1.3.7": "filetote",
    "beets-usertag==1.0.1": "usertag",
    "beets-copyartifacts3==0.1.7": "copyartifacts",
    # Reads and exec()s its own about.py at import time: PC110 info (a file it ships).
    "beets-yearfixer==0.0.5": "yearfixer",
}
BEETS_BROKEN = {
    # `from beets.util import confit`: beets dropped confit; importing the plugin fails.
    "beets-follow==1.1.0": "follow",
    # __init__ calls beets.ui.get_path_formats, gone from beets: instantiating it fails.
    "beets-extrafiles==0.0.7": "extrafiles",
    # Loads, but its `beet noimport` command calls beets.importer._open_state, gone.
    "beets-noimport==0.1.0b5": "noimport",
}


@pytest.fixture(scope="module")
def beets_venv() -> Path:
    return _cached_venv("hosts-beets", ["beets==2.14.1", *BEETS_PLUGINS], [*BEETS_BROKEN])


def _beet(python: Path, plugin: str, tmp_path: Path, *command: str) -> str:
    """beets' own run with ``plugin`` enabled: everything it printed."""
    home = tmp_path / plugin
    (home / "music").mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(
        f"directory: {home / 'music'}\nlibrary: {home / 'lib.db'}\nplugins: {plugin}\n"
    )
    proc = _run(python.parent / "beet", *command, BEETSDIR=str(home))
    return proc.stdout + proc.stderr


@pytest.mark.harness
def test_beets_plugins(beets_venv: Path, tmp_path: Path) -> None:
    for name in BEETS_PLUGINS.values():
        out = _beet(beets_venv, name, tmp_path, "version")
        assert f"plugins: {name}" in out and "error" not in out, out
    assert "cannot import name 'confit'" in _beet(beets_venv, "follow", tmp_path, "version")
    assert "get_path_formats" in _beet(beets_venv, "extrafiles", tmp_path, "version")
    music = str(tmp_path / "noimport" / "music")
    assert "_open_state" in _beet(beets_venv, "noimport", tmp_path, "noimport", music)

    plugins = _site(beets_venv) / "beetsplug"
    names = [*BEETS_PLUGINS.values(), *BEETS_BROKEN.values()]
    paths = [plugins / n if (plugins / n).is_dir() else plugins / f"{n}.py" for n in names]
    data = _check(beets_venv, "beets.toml", *paths)
    assert {f"beetsplug.{n}" for n in names} <= {p["module"] for p in data["plugins"]}
    by_name = {p["module"].removeprefix("beetsplug."): p["name"] for p in data["plugins"]}
    healthy = {by_name[n] for n in BEETS_PLUGINS.values()}
    noise = [
        (f["plugin"], f["code"])
        for f in data["findings"]
        if f["plugin"] in healthy and f["severity"] != "info"
    ]
    # beets-yearfixer exec()s the about.py it ships at import: PC110 info, no warning.
    assert noise == []
    causes = {
        "follow": "the installed beets.util has no 'confit'",
        "extrafiles": "the installed beets.ui has no 'get_path_formats'",
        "noimport": "the installed beets.importer has no '_open_state'",
    }
    for name, cause in causes.items():
        found = [f for f in data["findings"] if f["plugin"] == by_name[name]]
        assert found and found[0]["code"] == "PC530", found
        assert cause in found[0]["message"]


_BEETS_LOADER = """
import sys
from beets import plugins
for name in sys.argv[1:]:
    print(name, type(plugins._get_plugin(name)).__name__)
"""


@pytest.mark.harness
def test_beets_builds_the_plugin_class(beets_venv: Path) -> None:
    """plugin-classes: the class beets builds is built as beets builds it (beets' own loader,
    beets.plugins._get_plugin, is the oracle); with PC530 ignored, extrafiles' failing
    __init__ is found by building it."""
    names = [*BEETS_PLUGINS.values(), "extrafiles"]
    proc = _run(beets_venv, "-c", _BEETS_LOADER, *names)
    loaded = dict(line.split() for line in proc.stdout.splitlines())
    assert loaded["extrafiles"] == "NoneType" and "get_path_formats" in proc.stderr
    assert "NoneType" not in [loaded[n] for n in BEETS_PLUGINS.values()]

    plugins = _site(beets_venv) / "beetsplug"
    paths = [plugins / n if (plugins / n).is_dir() else plugins / f"{n}.py" for n in names]
    proc = run_cli(
        "check",
        "--config",
        str(CONTRACTS / "beets.toml"),
        "--python",
        str(beets_venv),
        "--ignore",
        "PC530",
        "--output-format",
        "json",
        *map(str, paths),
    )
    data = json.loads(proc.stdout)
    found = [(f["plugin"], f["code"]) for f in data["findings"] if f["severity"] == "error"]
    assert found == [("beetsplug.extrafiles", "PC537")], found
    (finding,) = [f for f in data["findings"] if f["code"] == "PC537"]
    assert finding["line"] == 82 and "get_path_formats" in finding["message"]


_PLUGINPATH_PLUGINS = {
    # A module named like the standard library's: beets imports it as beetsplug.string, so it
    # shadows nothing; with its folder first on sys.path it would shadow `string` for the others.
    "string.py": "from beets.plugins import BeetsPlugin\n\n\nclass StringPlugin(BeetsPlugin):\n"
    "    pass\n",
    "helpers.py": "SUFFIX = '!'\n",
    "uses.py": "import string\n\nfrom beets.plugins import BeetsPlugin\n\n"
    "from . import helpers\n\n\n"
    "class UsesPlugin(BeetsPlugin):\n    def __init__(self):\n        super().__init__()\n"
    "        self.letters = string.ascii_letters + helpers.SUFFIX\n",
    "gone.py": "from beets.plugins import BeetsPlugin\n\nfrom . import missing_helper\n\n\n"
    "class GonePlugin(BeetsPlugin):\n    pass\n",
}


@pytest.mark.harness
def test_beets_pluginpath_folder_of_any_name(beets_venv: Path, tmp_path: Path) -> None:
    """beets' `pluginpath`: a folder of any name joins `beetsplug.__path__`; `uses` imports the
    standard library's `string` and its sibling `helpers` relatively. beets itself is the oracle
    (`beet version` with the folder as pluginpath); plugcheck, told the folder through `paths`
    and `namespace = "beetsplug"` (the example contract), agrees plugin by plugin."""
    folder = tmp_path / "my-beets-plugins"
    folder.mkdir()
    for name, text in _PLUGINPATH_PLUGINS.items():
        (folder / name).write_text(text)
    for plugin in ("string", "uses"):
        home = tmp_path / f"home-{plugin}"
        (home / "music").mkdir(parents=True)
        (home / "config.yaml").write_text(
            f"directory: {home / 'music'}\nlibrary: {home / 'lib.db'}\n"
            f"pluginpath: [{folder}]\nplugins: {plugin}\n"
        )
        proc = _run(beets_venv.parent / "beet", "version", BEETSDIR=str(home))
        out = proc.stdout + proc.stderr
        assert f"plugins: {plugin}" in out and "error" not in out.lower(), out
    contract = (CONTRACTS / "beets.toml").read_text()
    contract = contract.replace('paths = ["beetsplug/*"]', 'paths = ["my-beets-plugins/*.py"]')
    assert "my-beets-plugins" in contract
    (tmp_path / "pyproject.toml").write_text(contract)
    proc = run_cli("check", str(tmp_path), "--python", str(beets_venv), "--output-format", "json")
    data = json.loads(proc.stdout)
    assert not data["errors"], data["errors"]
    modules = {p["name"]: p["module"] for p in data["plugins"]}
    assert modules["uses"] == "beetsplug.uses" and modules["string"] == "beetsplug.string"
    errors = {(f["plugin"], f["code"]) for f in data["findings"] if f["severity"] == "error"}
    assert {p for p, _ in errors} <= {"gone", "helpers"}, errors
    assert "gone" in {p for p, _ in errors}
