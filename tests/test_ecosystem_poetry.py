"""Poetry as a real host in the slow suite: entry points of `poetry.application.plugin` name
ApplicationPlugin classes, which Poetry loads, checks with issubclass, builds with no arguments
and activates on every command (examples/contracts/poetry.toml).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI plugins, and a
release Poetry itself fails to load (poetry-aliases 1.0.1, written for Poetry 1 and installed
without its dependencies: `import click`); Poetry's own load and activate of each entry point is
the oracle, run first. plugcheck must give no error and no warning to the plugins Poetry loads
and name the cause for the one it does not.
"""

from __future__ import annotations

import json

import pytest
from test_ecosystems import _cached_venv, _check, _run

pytestmark = pytest.mark.slow

PINS = [
    "poetry==2.2.1",
    "poetry-plugin-up==0.9.0",
    "poetry-plugin-shell==1.0.1",
    "poetry-dynamic-versioning==1.10.1",
]
HEALTHY = {"up", "shell", "poetry-dynamic-versioning"}
BROKEN = "aliases"

_ORACLE = """
import importlib.metadata as md, json
from poetry.console.application import Application
from poetry.plugins.application_plugin import ApplicationPlugin
out = {}
for ep in md.entry_points(group="poetry.application.plugin"):
    try:
        cls = ep.load()
        assert issubclass(cls, ApplicationPlugin)
        app = Application()
        app._disable_plugins = True
        cls().activate(app)
        out[ep.name] = "ok"
    except Exception as exc:
        out[ep.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


def _judged(data: dict[str, object]) -> tuple[list[tuple[str, str]], list[dict[str, str]]]:
    findings: list[dict[str, str]] = data["findings"]  # type: ignore[assignment]
    noise = [
        (f["plugin"], f["code"])
        for f in findings
        if f["plugin"] in HEALTHY and f["severity"] != "info"
    ]
    return noise, [f for f in findings if f["plugin"] == BROKEN and f["severity"] == "error"]


@pytest.mark.harness
def test_poetry_application_plugins() -> None:
    python = _cached_venv("poetry", PINS, ["poetry-aliases==1.0.1"])
    loads = json.loads(_run(python, "-c", _ORACLE).stdout)
    assert {name for name, said in loads.items() if said == "ok"} == HEALTHY, loads
    assert "No module named 'click'" in loads[BROKEN], loads

    noise, broken = _judged(_check(python, "poetry.toml"))
    assert noise == []
    # Named statically since PC309 follows the plugin package's own imports (528b2f59):
    # "poetry_aliases.commands ... imports click, but click is not installed".
    assert any(
        "No module named 'click'" in f["message"] or "click is not installed" in f["message"]
        for f in broken
    ), broken
    # Its declared `poetry (>=1.3.2,<2.0.0)` keeps `poetry self add` from installing it at all.
    assert "PC302" in {f["code"] for f in broken}, broken
    # `plugcheck init`'s proposal, unedited, gives the same (measured by hand, not run here: it
    # reads all of Poetry, about 30 s of this test's budget).
