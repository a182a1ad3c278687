"""Hatch as a real host in the slow suite: pluggy behind a wrapper class (Hatchling's
PluginManager, subclassed by Hatch's, which adds its own hookspecs), hooks that take no
arguments and return plugin classes (examples/contracts/hatch.toml).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI plugins; Hatch's own
PluginManager, registering one entry point at a time and collecting every kind of plugin class
(collect() calls each hatch_register_<kind>() hook and checks each class's PLUGIN_NAME), is the
oracle. Hatch's plugin interface has been stable: no older release of the plugins tried here
(hatch-vcs 0.1/0.2, hatch-pip-compile 1.0/1.4, hatch-containers 0.3/0.7, hatch-conda 0.1,
hatch-nodejs-version 0.1/0.2, hatch-jupyter-builder 0.1/0.5, hatch-cython 0.1, hatch-sphinx,
hatch-gettext, hatch-aws, hatch-ci, hatch-calver) fails in it, so this proves the other half:
no finding at all on a healthy fleet of a new shape.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _run

# The host's own load of each plugin (the oracle) runs once per venv: test_init_hosts_shapes's
# proposal test reads the same venv, in the same xdist group.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("ecosystem-hatch")]

HATCH = ["hatch==1.18.2", "hatchling==1.33.0"]
PLUGINS = {  # distribution pin -> entry-point name
    "hatch-vcs==0.5.0": "vcs",
    "hatch-fancy-pypi-readme==25.1.0": "fancy-pypi-readme",
    "hatch-requirements-txt==0.4.1": "requirements_txt",
    "hatch-nodejs-version==0.4.0": "nodejs",
    "hatch-jupyter-builder==0.10.0": "jupyter",
    "hatch-docstring-description==1.1.1": "docstring-description",
    "hatch-autorun==1.1.0": "autorun",
    "hatch-argparse-manpage==1.0.2": "argparse-manpage",
    "hatch-pip-compile==1.11.8": "hatch-pip-compile",
    "hatch-mkdocs==0.1.0": "hatch-mkdocs",
}
_KINDS = (
    "version_source version_scheme builder build_hook metadata_hook environment "
    "environment_collector publisher template locker"
)
_ORACLE = f"""
import sys
from importlib.metadata import entry_points
from hatch.plugin.manager import PluginManager
(ep,) = [e for e in entry_points(group="hatch") if e.name == sys.argv[1]]
pm = PluginManager()
pm.initialize()
pm.initialized = True
pm.manager.register(ep.load(), name=ep.name)
for kind in "{_KINDS}".split():
    getattr(pm, kind).collect(include_third_party=False)
print("ok")
"""


@functools.cache
def _hatch_loads(python: Path, name: str) -> bool:
    proc = _run(python, "-c", _ORACLE, name)
    return proc.returncode == 0 and proc.stdout.strip() == "ok"


@pytest.mark.harness
def test_hatch_plugins() -> None:
    python = _cached_venv("hatch", [*HATCH, *PLUGINS], [])
    for name in PLUGINS.values():
        assert _hatch_loads(python, name), name

    data = _check(python, "hatch.toml")
    assert set(PLUGINS.values()) <= {p["name"] for p in data["plugins"]}
    noise = [
        (f["plugin"], f["code"], f["message"])
        for f in data["findings"]
        if f["plugin"] in PLUGINS.values() and f["severity"] != "info"
    ]
    assert noise == []


_BROKEN_HOOKS = """
from hatchling.plugin import hookimpl

from hatch_lower.plugin import LowerBuildHook


@hookimpl
def hatch_register_build_hook():
    return LowerBuildHook
"""
_BROKEN_PLUGIN = """
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class LowerBuildHook(BuildHookInterface):
    plugin_name = "lower"  # Hatch reads PLUGIN_NAME

    def initialize(self, version, build_data):
        build_data["lower"] = True
"""
_ORACLE_MODULE = """
import importlib, sys
sys.path.insert(0, sys.argv[1])
from hatch.plugin.manager import PluginManager
pm = PluginManager()
pm.initialize()
pm.initialized = True
pm.manager.register(importlib.import_module("hatch_lower.hooks"), name="lower")
try:
    pm.build_hook.collect(include_third_party=False)
except ValueError as exc:
    print("refused:", exc)
"""


@pytest.mark.harness
def test_hatch_hook_returns_a_class_without_plugin_name(tmp_path: Path) -> None:
    """A build hook class that spells its name plugin_name: Hatch's collect() refuses it (the
    oracle), and the contract's hook-returns finds it at the hookimpl (PC542)."""
    python = _cached_venv("hatch", [*HATCH, *PLUGINS], [])
    project = tmp_path / "hatch-lower"
    package = project / "src" / "hatch_lower"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "hooks.py").write_text(_BROKEN_HOOKS)
    (package / "plugin.py").write_text(_BROKEN_PLUGIN)
    (project / "pyproject.toml").write_text(
        '[project]\nname = "hatch-lower"\nversion = "0.1.0"\ndependencies = ["hatchling"]\n\n'
        '[project.entry-points.hatch]\nlower = "hatch_lower.hooks"\n'
    )
    oracle = _run(python, "-c", _ORACLE_MODULE, str(project / "src"))
    assert oracle.stdout.startswith("refused:"), (oracle.stdout, oracle.stderr)

    data = _check(python, "hatch.toml", project)
    found = [(f["plugin"], f["code"], f["line"]) for f in data["findings"]]
    assert ("lower", "PC542", 8) in found, data["findings"]
