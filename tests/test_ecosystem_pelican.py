"""Pelican as a real host in the slow suite: namespace-package plugins (`pelican.plugins.<name>`,
installed into Pelican's own package folder), whose register() Pelican calls with no arguments
(examples/contracts/pelican.toml).

As in test_ecosystems.py: a cached venv with pinned host and plugins, and one older release that
the host itself fails to load; Pelican's own plugin loading (``Pelican(settings)``) is the
oracle. plugcheck must give no error and no warning to the plugins Pelican loads, and name the
cause for the one it does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _run, _site

pytestmark = pytest.mark.slow

PELICAN = "pelican==4.12.0"
PLUGINS = {  # distribution pin -> the name in PLUGINS (pelican.plugins.<name>)
    "pelican-sitemap==1.2.2": "sitemap",
    "pelican-neighbors==1.2.0": "neighbors",
    "pelican-render-math==1.0.5": "render_math",
    "pelican-jinja-filters==2.1.1": "jinja_filters",
    "pelican-seo==1.4.0": "seo",
    "pelican-related-posts==1.0.0": "related_posts",
    "pelican-simple-footnotes==1.0.3": "simple_footnotes",
    "pelican-readtime==0.2.1": "readtime",
}
# A legacy (non-namespace) plugin: `import pelican.signals`, a module Pelican 4.5+ keeps only to
# raise ImportError("Importing from `pelican.signals` is deprecated..."). Pelican logs "Cannot
# load plugin `frontmark`" and goes on without it.
BROKEN = {"pelican-frontmark==1.2.1": "frontmark"}

_ORACLE = """
import sys
from pelican import Pelican
from pelican.settings import read_settings
name = sys.argv[1]
settings = {"PLUGINS": [name], "PATH": ".", "OUTPUT_PATH": "out", "SITEURL": "https://x.org"}
loaded = Pelican(read_settings(override=settings)).settings["PLUGINS"]
print("ok" if loaded and loaded[0].rpartition(".")[2] == name else f"not loaded: {loaded}")
"""


def _pelican_loads(python: Path, name: str, tmp_path: Path) -> str:
    where = tmp_path / name
    where.mkdir()
    proc = _run(python, "-c", _ORACLE, name, cwd=where)
    return (proc.stdout.strip() or proc.stderr.strip()).splitlines()[-1]


@pytest.mark.harness
def test_pelican_plugins(tmp_path: Path) -> None:
    python = _cached_venv("pelican", [PELICAN, *PLUGINS], [*BROKEN])
    for name in PLUGINS.values():
        assert _pelican_loads(python, name, tmp_path) == "ok", name
    (broken,) = BROKEN.values()
    assert _pelican_loads(python, broken, tmp_path).startswith("not loaded")

    site = _site(python)
    paths = [site / "pelican" / "plugins" / n for n in PLUGINS.values()]
    data = _check(python, "pelican.toml", *paths, site / broken)
    assert {p["name"] for p in data["plugins"]} == {*PLUGINS.values(), broken}
    noise = [
        (f["plugin"], f["code"], f["message"])
        for f in data["findings"]
        if f["plugin"] != broken and f["severity"] != "info"
    ]
    assert noise == []
    # `from pelican import signals` is pelican.plugins.signals, bound in pelican/__init__.py:
    # the signals the healthy plugins connect to were judged there, and found.
    causes = {f["code"] for f in data["findings"] if f["plugin"] == broken}
    assert "PC530" in causes
    (finding,) = [f for f in data["findings"] if f["code"] == "PC530"]
    assert "pelican.signals only raises when imported" in finding["message"]
