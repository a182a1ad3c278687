"""Proof on a real untyped host whose entry points name Extension factories: PyScaffold 4.6
(issue 20).

PyScaffold ships no py.typed. Its `pyscaffold.cli` entry points name Extension classes;
`load_from_entry_point(ep)` calls `ep.load()(ep.name)` and the CLI calls `augment_cli(parser)`
on every extension it lists (examples/contracts/pyscaffold.toml). The oracle is PyScaffold
itself: load_from_entry_point and augment_cli, as its CLI does. Three extensions written for
PyScaffold 3 (installed without their dependencies, as a user upgrading PyScaffold keeps them)
import `pyscaffold.api.Extension`, which PyScaffold 4 moved: PC530, and PC302 for their pin.
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

HOST = ["pyscaffold==4.6", "setuptools<81"]  # the old extensions' __init__ uses pkg_resources
PLUGINS = ["pyscaffoldext-django==0.1", "pyscaffoldext-travis==0.2"]
BROKEN = [
    "pyscaffoldext-markdown==0.3",
    "pyscaffoldext-dsproject==0.4",
    "pyscaffoldext-custom-extension==0.5",
]

_ORACLE = """
import argparse, json, warnings
warnings.simplefilter("ignore")
from pyscaffold.extensions import iterate_entry_points, load_from_entry_point
verdicts = {}
for ep in iterate_entry_points():
    try:
        load_from_entry_point(ep).augment_cli(argparse.ArgumentParser())
        verdict = "ok"
    except Exception as exc:
        cause = exc.__cause__ or exc
        verdict = f"{type(cause).__name__}: {cause}"
    verdicts[ep.name] = [ep.dist.name if ep.dist else None, verdict]
print(json.dumps(verdicts))
"""


@pytest.fixture(scope="module")
def python() -> Path:
    return _cached_venv("ecosystem-pyscaffold", [*HOST, *PLUGINS], BROKEN)


def _errors(data: dict[str, Any], *, warnings: bool = False) -> dict[str, set[str]]:
    """Error codes (and warning codes, with ``warnings``) by the distribution of the plugin
    they are about."""
    owner = {(p["contract"], p["name"]): p["distribution"] for p in data["plugins"]}
    found: dict[str, set[str]] = {}
    for f in data["findings"]:
        if f["severity"] == "error" or (warnings and f["severity"] == "warning"):
            found.setdefault(owner[(f["contract"], f["plugin"])], set()).add(f["code"])
    return found


def _oracle(python: Path) -> dict[str, list[str]]:
    proc = _run(python, "-c", _ORACLE)
    assert proc.returncode == 0, proc.stderr
    verdicts: dict[str, list[str]] = json.loads(proc.stdout)
    broken = {d for d, v in verdicts.values() if v != "ok"}
    assert broken == {
        "pyscaffoldext-markdown",
        "pyscaffoldext-dsproject",
        "pyscaffoldext-custom-extension",
    }, verdicts
    assert all("pyscaffold.api" in v for d, v in verdicts.values() if d in broken), verdicts
    return verdicts


@pytest.mark.harness
def test_pyscaffold_extensions(python: Path) -> None:
    verdicts = _oracle(python)
    data = _check_with(python, CONTRACTS / "pyscaffold.toml")
    assert {p["distribution"] for p in data["plugins"]} >= {d for d, _ in verdicts.values()}
    # Each break found with the rule naming its cause (the removed host name), nothing on the
    # extensions PyScaffold loads (no error, no warning).
    assert _errors(data, warnings=True) == {
        "pyscaffoldext-markdown": {"PC530", "PC302"},
        "pyscaffoldext-dsproject": {"PC530", "PC302"},
        "pyscaffoldext-custom-extension": {"PC530", "PC302"},
    }


@pytest.mark.harness
def test_pyscaffold_init_proposal(python: Path, tmp_path: Path) -> None:
    """`plugcheck init` on PyScaffold, unedited: the group is the default of
    iterate_entry_points(group=ENTRYPOINT_GROUP); the same breaks found, nothing on the others."""
    proc = run_cli("init", str(_site(python) / "pyscaffold"))
    assert proc.returncode == 0, proc.stderr
    assert 'entry-point-group = "pyscaffold.cli"' in proc.stdout
    proposal = tmp_path / "pyproject.toml"
    proposal.write_text(proc.stdout)
    data = _check_with(python, proposal)
    assert _errors(data) == {
        "pyscaffoldext-markdown": {"PC530", "PC302"},
        "pyscaffoldext-dsproject": {"PC530", "PC302"},
        "pyscaffoldext-custom-extension": {"PC530", "PC302"},
    }
