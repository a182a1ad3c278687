"""MkDocs as a real host in the slow suite: entry points of `mkdocs.plugins` name plugin
classes; config_options.Plugins.load_plugin() loads the one mkdocs.yml names, rejects it unless
issubclass(cls, mkdocs.plugins.BasePlugin), builds it with no arguments and calls its
load_config(options) (examples/contracts/mkdocs.toml).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI plugins, MkDocs' own
load of each entry point (Plugins().run_validation([name])) as the oracle, run first.
mkdocs-awesome-pages-plugin 1.2.0 reads mkdocs.utils.string_types in its class body, gone from
MkDocs 1.6: MkDocs itself fails to load it. plugcheck must give no error to the plugins MkDocs
loads and name the cause for the one it does not, with the shipped contract and with
`plugcheck init`'s proposal, unedited. The unedited proposal reads the loader as it is:
entry points name BasePlugin subclasses, and the module of MkDocs' command, mkdocs.__main__
(which has imported mkdocs.plugins and mkdocs.config.config_options by then), is preloaded, so
mkdocs-exclude's bare `import mkdocs` then `mkdocs.config.config_options.Type` is no PC401.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _init_checked, _judged, _run

pytestmark = pytest.mark.slow

PINS = [
    "mkdocs==1.6.1",
    "mkdocs-minify-plugin==0.8.0",
    "mkdocs-redirects==1.2.2",
    "mkdocs-glightbox==0.4.0",
    "mkdocs-include-markdown-plugin==7.1.2",
    "mkdocs-enumerate-headings-plugin==0.6.1",
    "mkdocs-simple-hooks==0.1.5",
    "mkdocs-exclude==1.0.2",
]
HEALTHY = {
    "search",  # MkDocs' own
    "minify",
    "redirects",
    "glightbox",
    "include-markdown",
    "enumerate-headings",
    "mkdocs-simple-hooks",
    "exclude",
}
BROKEN = "awesome-pages"
# Warnings judged right on a plugin MkDocs loads: mkdocs-simple-hooks appends the working
# directory and its parent to sys.path when its config loads and never takes them off (PC353:
# every sibling of the docs project becomes importable in the host for the whole build). MkDocs'
# own `hooks:` (config_options.Hooks._load_hook) puts a hook's folder on sys.path only while it
# imports the hook, then restores sys.path: the host itself treats the lasting change as one to
# avoid.
KNOWN = [("mkdocs-simple-hooks", "PC353"), ("mkdocs-simple-hooks", "PC353")]

_ORACLE = """
import importlib.metadata as md, json
from mkdocs.config.config_options import Plugins
out = {}
for ep in md.entry_points(group="mkdocs.plugins"):
    try:
        Plugins().run_validation([ep.name])
        out[ep.name] = "ok"
    except Exception as exc:
        out[ep.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


@pytest.mark.harness
def test_mkdocs_plugins(tmp_path: Path) -> None:
    python = _cached_venv("mkdocs", PINS, ["mkdocs-awesome-pages-plugin==1.2.0"])
    loads = json.loads(_run(python, "-c", _ORACLE).stdout)
    assert {name for name, said in loads.items() if said == "ok"} == HEALTHY, loads
    assert "string_types" in loads[BROKEN], loads

    noise, broken = _judged(_check(python, "mkdocs.toml"), HEALTHY, BROKEN)
    assert noise == [(p, c, "warning") for p, c in KNOWN]
    assert [f["code"] for f in broken] == ["PC530"], broken
    assert "string_types" in broken[0]["message"]

    # `plugcheck init` on MkDocs, unedited.
    proposal, data = _init_checked(python, "mkdocs", tmp_path)
    assert 'type = "mkdocs.plugins:BasePlugin", kind = "class"' in proposal
    # The module of MkDocs' own command, which has imported mkdocs.config.config_options by then.
    assert 'preload = ["mkdocs.__main__"]' in proposal
    noise, broken = _judged(data, HEALTHY, BROKEN)
    # MkDocs loads its plugins itself: no PC301 for mkdocs-glightbox, which does not declare it.
    assert '"PC301"]  # ' in proposal  # in the one ignore list init proposes
    assert noise == [(p, c, "warning") for p, c in KNOWN]
    assert [f["code"] for f in broken] == ["PC530"], broken
