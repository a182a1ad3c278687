"""Every check is registered when a run needs it: a run imports the rules every Python kind
shares with the engine, and a kind's own checks only when it has a contract of that kind
(``Kind.load``). A check whose module nothing imports, or that only another kind's loading
imports, would be missing from a run: a false pass."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from conftest import ROOT

pytestmark = pytest.mark.harness

# In a fresh interpreter: what importing the engine registers; then, in a forked child per
# built-in kind (a fresh state each), what loading that kind adds; then every module under
# plugcheck.rules and plugcheck.kinds imported, and everything there is.
SCRIPT = r"""
import importlib, json, os, pkgutil, sys
from pathlib import Path

import plugcheck.engine
import plugcheck.kinds
import plugcheck.rules
from plugcheck.kinds import BUILTIN
from plugcheck.passes import RUN_PASSES
from plugcheck.registry import DEFINED_AT
from plugcheck.rules.base import CHECKS


def name(fn):
    return f"{fn.__module__}:{fn.__qualname__}"


def registered():
    checks = [name(c.per_plugin or c.per_contract or c.join or c.gather) for c in CHECKS]
    passes = [f"{name(p.run)} ({p.name})" for p in RUN_PASSES.values()]
    root = Path(plugcheck.__file__).parent
    rules = {
        code: ".".join(("plugcheck", *at.path.relative_to(root).with_suffix("").parts))
        for code, at in DEFINED_AT.items()
    }
    return {"checks": sorted(checks), "passes": sorted(passes), "rules": rules}


out = {"base": registered(), "kinds": {}}
for kind in BUILTIN:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        kind.load()
        os.write(write, json.dumps(registered()).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        out["kinds"][kind.name] = json.loads(pipe.read())
    os.waitpid(pid, 0)
for package in (plugcheck.rules, plugcheck.kinds):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
out["all"] = registered()
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def loaded() -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=True
    )
    found: dict[str, Any] = json.loads(proc.stdout)
    return found


def _package(kind: str) -> str:
    return f"plugcheck.kinds.{kind.replace('-', '_')}"


def _owner(module: str, kinds: dict[str, Any]) -> str | None:
    """The kind whose package holds ``module`` (``None``: a module every run imports)."""
    return next((k for k in kinds if module.startswith(_package(k) + ".")), None)


@pytest.mark.parametrize("what", ["checks", "passes"])
def test_each_check_and_pass_is_registered_in_every_run_that_needs_it(
    loaded: dict[str, Any], what: str
) -> None:
    base, kinds = set(loaded["base"][what]), loaded["kinds"]
    assert loaded["all"][what], "nothing registered: the script looks in the wrong place"
    for entry in loaded["all"][what]:
        owner = _owner(entry.partition(":")[0], kinds)
        if owner is None:  # the rules every Python kind shares: in every run
            assert entry in base, f"{entry}: not registered by importing the engine"
        else:  # a kind's own: in every run with a contract of that kind
            assert entry not in base, f"{entry}: registered in runs without a {owner} contract"
            assert entry in kinds[owner][what], f"{entry}: not registered by loading {owner}"
    for kind, found in kinds.items():
        for entry in set(found[what]) - base:  # what a kind's loading adds is its own
            assert _owner(entry.partition(":")[0], kinds) == kind, f"{kind} loads {entry}"


def test_every_rule_of_the_table_is_defined_where_a_run_that_reports_it_loads_it(
    loaded: dict[str, Any],
) -> None:
    table = json.loads((ROOT / "src" / "plugcheck" / "rule_table.json").read_text())
    codes = {entry["code"] for entry in table}
    defined, base, kinds = loaded["all"]["rules"], loaded["base"]["rules"], loaded["kinds"]
    assert codes <= set(defined), f"rules nothing defines: {sorted(codes - set(defined))}"
    for code, module in defined.items():
        owner = _owner(module, kinds)
        where = base if owner is None else kinds[owner]["rules"]
        assert code in where, f"{code} ({module}): not defined by a run that checks it"


def test_loading_one_kind_leaves_the_others_checks_out(loaded: dict[str, Any]) -> None:
    """What a factory run imports: no check of another kind (the point of loading lazily)."""
    base = loaded["base"]
    assert not [c for c in base["checks"] if c.startswith("plugcheck.kinds.")]
    assert not [m for m in base["rules"].values() if m.endswith(".checks")]
