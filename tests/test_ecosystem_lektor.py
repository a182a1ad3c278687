"""Lektor as a real host in the slow suite: every entry point of `lektor.plugins` names a
subclass of lektor.pluginsystem.Plugin; Lektor 3.3 loads them through pkg_resources, refuses a
distribution not named "lektor-" + the entry point's name, builds each class as
`plugin_cls(env, plugin_id)` and emits "setup-env" (examples/contracts/lektor.toml).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI plugins, Lektor's own
load of each plugin (in an empty project's Environment) as the oracle, run first.
lektor-feed 20191006.1 imports `werkzeug._compat`, gone since Werkzeug 2.1: its import fails.
lektor-amp imports `distutils`, which (setuptools' shim) imports setuptools, whose first import
pops the `backports` module pkg_resources had loaded from setuptools/_vendor: that is
setuptools' own doing in the host too, not the plugin's (it was a false PC414 error).
plugcheck must give no error and no warning to the plugins Lektor loads and name the cause for
the one it does not, with the shipped contract and with `plugcheck init`'s proposal, unedited.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _init_checked, _judged, _run

pytestmark = pytest.mark.slow

PLUGINS = {  # distribution pin -> its entry-point name
    "lektor-amp==0.1.1": "amp",
    "lektor-datetime-helpers==1.0.1": "datetime-helpers",
    "lektor-groupby==1.0.0": "groupby",
    "lektor-jinja-content==0.4.4": "jinja-content",
    "lektor-markdown-header-anchors==0.4.0": "markdown-header-anchors",
    "lektor-markdown-highlighter==0.3.2": "markdown-highlighter",
    "lektor-nl2br==0.3.0": "nl2br",
    "lektor-shortcodes==0.2.7": "shortcodes",
    "lektor-tags==0.5.2": "tags",
}
PINS = ["lektor==3.3.14", "werkzeug==2.3.8", "setuptools==80.10.2", *PLUGINS]
HEALTHY = set(PLUGINS.values())
BROKEN = "feed"

_ORACLE = """
import json, os, tempfile, warnings
warnings.simplefilter("ignore")
import pkg_resources
from lektor.environment import Environment
from lektor.project import Project
root = tempfile.mkdtemp()
with open(os.path.join(root, "site.lektorproject"), "w") as f:
    f.write("[project]\\nname = site\\n")
out = {}
for ep in pkg_resources.iter_entry_points("lektor.plugins"):
    try:
        if "lektor-" + ep.name.lower() != ep.dist.project_name.lower():
            raise RuntimeError(f"Disallowed distribution name: {ep.dist.project_name}")
        env = Environment(Project.from_path(root), load_plugins=False)
        env.plugin_controller.instanciate_plugin(ep.name, ep.load())
        env.plugin_controller.emit("setup-env")
        out[ep.name] = "ok"
    except Exception as exc:
        out[ep.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


@pytest.mark.harness
def test_lektor_plugins(tmp_path: Path) -> None:
    python = _cached_venv("lektor", PINS, ["lektor-feed==20191006.1"])
    loads = json.loads(_run(python, "-c", _ORACLE).stdout)
    assert {name for name, said in loads.items() if said == "ok"} == HEALTHY, loads
    assert "No module named 'werkzeug._compat'" in loads[BROKEN], loads

    data = _check(python, "lektor.toml")
    noise, broken = _judged(data, HEALTHY, BROKEN)
    assert noise == []
    assert [f["code"] for f in broken] == ["PC401"], broken
    assert "No module named 'werkzeug._compat'" in broken[0]["message"]

    # `plugcheck init` on lektor, unedited: the group it asks pkg_resources for, and the host
    # names plugins import (no export: the class reaches plugin_cls(env, id) through a dict).
    proposal, data = _init_checked(python, "lektor", tmp_path)
    assert 'entry-point-group = "lektor.plugins"' in proposal
    # ep.load() of pkg_resources, require=True: a plugin with unmet requirements is refused (PC310)
    assert "entry-point-require = true" in proposal, proposal
    # load_plugins' "lektor-" + ep.name.lower() != ep.dist.project_name.lower() (PC006)
    assert 'distribution-name = "lektor-{name}"' in proposal, proposal
    noise, broken = _judged(data, HEALTHY, BROKEN)
    assert noise == []
    assert [f["code"] for f in broken] == ["PC401"], broken


# (dist-info folder, METADATA Name, entry-point name) -> whether Lektor's load_plugins refuses it
CRAFTED = {  # no two of one canonical name: plugcheck sees them all at once
    ("lektor_foo_bar-1.0", "lektor-foo-bar", "foo_bar"): True,  # "_" is never rewritten
    ("lektor_baz_qux-1.0", "lektor-baz-qux", "baz-qux"): False,
    ("Lektor_Up-1.0", "Lektor_Up", "Up"): False,  # case-insensitive
    ("lektor_one-1.0", "lektor-one", "two"): True,
    ("lektor.dot-1.0", "lektor.dot", "dot"): True,  # "." is kept
    ("lektor_dotted-1.0", "lektor.dotted", "dotted"): False,  # the name comes from the folder
}


@pytest.mark.harness
def test_lektor_distribution_names(tmp_path: Path) -> None:
    """Lektor's own load_plugins on each crafted distribution (first on sys.path) is the oracle
    for PC006 with the shipped contract's ``distribution-name``; plugcheck sees them all at once."""
    python = _cached_venv("lektor", PINS, ["lektor-feed==20191006.1"])
    sites, expected = [], set()
    for number, ((folder, name, ep_name), refused) in enumerate(CRAFTED.items()):
        site = tmp_path / str(number)
        info = site / f"{folder}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
        module = f"lkcrafted{number}"
        (info / "entry_points.txt").write_text(f"[lektor.plugins]\n{ep_name} = {module}:P\n")
        (site / f"{module}.py").write_text(
            "from lektor.pluginsystem import Plugin\n\n\nclass P(Plugin):\n    name = 'x'\n"
        )
        oracle = _run(
            python,
            "-W",
            "ignore",
            "-c",
            "from lektor.pluginsystem import load_plugins\n"
            "try:\n    load_plugins()\nexcept Exception as exc:\n    print(exc)\n",
            PYTHONPATH=str(site),
        ).stdout
        assert ("Disallowed distribution name" in oracle) is refused, (folder, ep_name, oracle)
        sites.append(str(site))
        if refused:
            expected.add(str(info / "entry_points.txt"))
    data = _check(python, "lektor.toml", env={"PYTHONPATH": os.pathsep.join(sites)})
    found = {f["path"] for f in data["findings"] if f["code"] == "PC006"}
    assert {str(Path(p).resolve()) for p in found} == {str(Path(p).resolve()) for p in expected}, (
        data["findings"]
    )
