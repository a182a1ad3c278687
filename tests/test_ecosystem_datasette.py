"""Datasette as a real host in the slow suite: modules advertised under the `datasette`
entry-point group hold pluggy hookimpls marked with datasette.hookimpl; datasette.plugins
registers every one when first imported (load_setuptools_entrypoints) and never calls
check_pending() (examples/contracts/datasette.toml).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI plugins, Datasette's
own registration of each entry point as the oracle, run first (datasette.plugins' own
PluginManager and hookspecs, with its `sys._called_from_test` switch so that one plugin's
failure does not stop the others). datasette-acl 0.6a1 is for Datasette 1.0 (it imports
datasette.events): with it installed Datasette itself does not start, and
datasette-block-robots, which imports datasette.plugins, fails inside it. plugcheck must give
no error and no warning to the plugins Datasette loads (block-robots included: its failure is
acl's, PC422 on acl, and block-robots was not checked, PC424, info) and name the cause for acl,
with the shipped contract and with `plugcheck init`'s proposal, unedited.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _init_checked, _judged, _run

pytestmark = pytest.mark.slow

PINS = [
    "datasette==0.65.1",
    "setuptools==69.5.1",  # Datasette 0.65 imports pkg_resources
    "datasette-render-markdown==2.2.1",
    "datasette-json-html==1.0.1",
    "datasette-pretty-json==0.3",
    "datasette-leaflet==0.2.2",
    "datasette-search-all==1.1.4",
    "datasette-block-robots==1.1.1",
    "datasette-cluster-map==0.18.2",
    "datasette-vega==0.6.2",
    "datasette-copyable==0.3.2",
    "datasette-render-images==0.4",
    "datasette-public==0.2.3",
]
HEALTHY = {
    "render_markdown",
    "json_html",
    "pretty_json",
    "leaflet",
    "search_all",
    "block_robots",
    "cluster_map",
    "vega",
    "copyable",
    "render_images",
    "public",
}
BROKEN = "acl"

_ORACLE = """
import importlib.metadata as md, json, sys
sys._called_from_test = True  # datasette.plugins then registers only its own plugins
from datasette.plugins import pm
out = {}
for ep in md.entry_points(group="datasette"):
    try:
        pm.register(ep.load(), name=ep.name)
        out[ep.name] = "ok"
    except Exception as exc:
        out[ep.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


@pytest.mark.harness
def test_datasette_plugins(tmp_path: Path) -> None:
    python = _cached_venv("datasette", PINS, ["datasette-acl==0.6a1"])
    loads = json.loads(_run(python, "-c", _ORACLE).stdout)
    assert {name for name, said in loads.items() if said == "ok"} == HEALTHY, loads
    assert "datasette.events" in loads[BROKEN], loads
    host = _run(python, "-c", "import datasette.app")  # the whole host, as `datasette` starts
    assert host.returncode != 0 and "datasette.events" in host.stderr

    data = _check(python, "datasette.toml")
    noise, broken = _judged(data, HEALTHY, BROKEN)
    assert noise == []
    assert {f["code"] for f in broken} >= {"PC530", "PC302"}, broken
    assert any("has no 'events'" in f["message"] for f in broken)
    assert any(
        f["plugin"] == "block_robots"
        and f["code"] == "PC424"
        and "the host cannot start with acl installed" in f["message"]
        for f in data["findings"]
    ), data["findings"]
    assert "PC422" in {f["code"] for f in broken}, broken

    # `plugcheck init` on Datasette, unedited.
    proposal, data = _init_checked(python, "datasette", tmp_path)
    assert 'hookspecs = [\n    "datasette.hookspecs"' in proposal
    assert "check-pending = false" in proposal
    noise, broken = _judged(data, HEALTHY, BROKEN)
    assert noise == []
    assert {f["code"] for f in broken} >= {"PC530", "PC302"}, broken
