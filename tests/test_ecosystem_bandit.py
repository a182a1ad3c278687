"""Proof on a real untyped host that loads entry points naming functions through stevedore:
bandit 1.9.4 (issue 20).

bandit ships no py.typed. stevedore's ExtensionManager loads `bandit.plugins` (test functions)
and `bandit.formatters` (report functions) (examples/contracts/bandit.toml). The oracle is
bandit itself: the extension loader's manager lists the plugins it loaded (a plugin stevedore
cannot import is left out) and a formatter writes a report. bandit-high-entropy-string 2.1.2 is
Python 2 code (a print statement): its four entry points do not load.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_ecosystems import CONTRACTS, _cached_venv, _run, _site
from test_init_hosts import _check_with

from conftest import run_cli

pytestmark = pytest.mark.slow

HOST = ["bandit==1.9.4"]
PLUGINS = [
    "bandit-aws==0.0.20200316120836",
    "bandit-allowed-modules==0.0.1",
    "bandit-ban-network-requests==0.0.3",
    "bandit-formatter-junit==0.2.0",
    "bandit-sarif-formatter==1.1.1",
    "bandit-multi-format==0.1.1",
]
BROKEN = ["bandit-high-entropy-string==2.1.2"]

_ORACLE = """
import json, logging
logging.disable(logging.CRITICAL)
from importlib.metadata import entry_points
from bandit.core import extension_loader
manager = extension_loader.MANAGER
loaded = {"bandit.plugins": set(manager.plugins_by_name),
          "bandit.formatters": set(manager.formatter_names)}
verdicts = {}
for group, names in loaded.items():
    for ep in entry_points(group=group):
        if ep.dist is not None and ep.dist.name != "bandit":
            verdicts[f"{group}:{ep.name}"] = [ep.dist.name, ep.name in names]
print(json.dumps(verdicts))
"""


@pytest.fixture(scope="module")
def python() -> Path:
    return _cached_venv("ecosystem-bandit", [*HOST, *PLUGINS, *BROKEN], [])


def _errors(data: dict[str, Any], *, warnings: bool = False) -> dict[str, set[str]]:
    """Error codes (and warning codes, with ``warnings``) by the distribution of the plugin
    they are about."""
    owner = {(p["contract"], p["name"]): p["distribution"] for p in data["plugins"]}
    found: dict[str, set[str]] = {}
    for f in data["findings"]:
        if f["severity"] == "error" or (warnings and f["severity"] == "warning"):
            found.setdefault(owner[(f["contract"], f["plugin"])], set()).add(f["code"])
    return found


def _oracle(python: Path) -> None:
    proc = _run(python, "-c", _ORACLE)
    assert proc.returncode == 0, proc.stderr
    verdicts = json.loads(proc.stdout)
    refused = {dist for dist, loaded in verdicts.values() if not loaded}
    assert refused == {"bandit-high-entropy-string"}, verdicts
    assert len(verdicts) >= 10, verdicts


@pytest.mark.harness
def test_bandit_plugins_and_formatters(python: Path) -> None:
    _oracle(python)
    data = _check_with(python, CONTRACTS / "bandit.toml")
    # The broken one found (its import raises SyntaxError), no error on what bandit loads, its
    # own plugins included (bandit.LOW and the other ranks are bound through globals()).
    # No warning either: the shipped contract's target (issue 14).
    assert _errors(data, warnings=True) == {"bandit-high-entropy-string": {"PC401"}}


@pytest.mark.harness
def test_bandit_init_proposal(python: Path, tmp_path: Path) -> None:
    """`plugcheck init` on bandit, unedited: stevedore's namespaces are the groups."""
    proc = run_cli("init", str(_site(python) / "bandit"))
    assert proc.returncode == 0, proc.stderr
    for group in ("bandit.plugins", "bandit.formatters", "bandit.blacklists"):
        assert f'entry-point-group = "{group}"' in proc.stdout
    proposal = tmp_path / "pyproject.toml"
    proposal.write_text(proc.stdout)
    assert _errors(_check_with(python, proposal)) == {"bandit-high-entropy-string": {"PC401"}}
