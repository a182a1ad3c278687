"""flake8 as a real host in the slow suite: entry points of `flake8.extension` name checkers (a
class taking `tree`, a function taking `logical_line`/`physical_line`), `flake8.report` ones
formatter classes; flake8's plugin finder loads every one on every run, with no try
(examples/contracts/flake8.toml).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI plugins, flake8's own
load and classification of each entry point (flake8.plugins.finder) as the oracle, run first.
flake8-isort 2.9.1 imports `SortImports` from isort, gone in isort 5 (installed for the other
plugins, as a current environment has it): flake8 itself fails to start. plugcheck must give no
error and no warning to the plugins flake8 loads and name the cause for the one it does not,
with the shipped contract and with `plugcheck init`'s proposal, unedited.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _init_checked, _judged, _run

pytestmark = pytest.mark.slow

PINS = [
    "flake8==7.1.1",
    "flake8-bugbear==24.10.31",
    "flake8-comprehensions==3.16.0",
    "pep8-naming==0.14.1",
    "flake8-builtins==2.5.0",
    "flake8-quotes==3.4.0",
    "flake8-docstrings==1.7.0",
    "flake8-print==5.0.0",
    "isort==5.13.2",
]
# flake8's own (pycodestyle, pyflakes, mccabe, its formatters) and the plugins'.
HEALTHY = {"E", "W", "F", "C90", "default", "pylint", "quiet-filename", "quiet-nothing"}
HEALTHY |= {"B", "C4", "N8", "A00", "Q0", "D", "T20"}
BROKEN = "I00"

_ORACLE = """
import configparser, json
from flake8.plugins import finder
opts = finder.PluginOptions.blank()
out = {}
for plugin in finder.find_plugins(configparser.RawConfigParser(), opts):
    try:
        finder._classify_plugins([finder._load_plugin(plugin)], opts)
        out[plugin.entry_point.name] = "ok"
    except Exception as exc:
        out[plugin.entry_point.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


def _named(broken: list[dict[str, str]]) -> None:
    codes = {f["code"]: f["message"] for f in broken}
    assert set(codes) == {"PC401", "PC309"}, broken  # and its undeclared testfixtures
    # isort is installed; what it lacks is SortImports.
    assert "does not provide 'isort.SortImports'" in codes["PC401"], codes


@pytest.mark.harness
def test_flake8_plugins(tmp_path: Path) -> None:
    python = _cached_venv("flake8", PINS, ["flake8-isort==2.9.1"])
    loads = json.loads(_run(python, "-c", _ORACLE).stdout)
    assert {name for name, said in loads.items() if said == "ok"} == HEALTHY, loads
    assert "SortImports" in loads[BROKEN], loads

    noise, broken = _judged(_check(python, "flake8.toml"), HEALTHY, BROKEN)
    assert noise == []
    _named(broken)

    # `plugcheck init` on flake8, unedited: both groups, no usage error, the same verdict.
    proposal, data = _init_checked(python, "flake8", tmp_path)
    assert 'entry-point-group = "flake8.extension"' in proposal
    noise, broken = _judged(data, HEALTHY, BROKEN)
    assert noise == []
    _named(broken)
