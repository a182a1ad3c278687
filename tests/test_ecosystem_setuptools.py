"""Proof on a real host whose plugins run inside every build: setuptools 84 (issue 14).

setuptools' ``Distribution.finalize_options`` loads every
``setuptools.finalize_distribution_options`` entry point installed and calls each with the
distribution; ``distutils.setup_keywords`` entry points are called ``(dist, keyword, value)``
for a project that sets the keyword (examples/contracts/setuptools.toml). setuptools 84 ships no
``pkg_resources``: setuptools-scm 5.0.2 (``setuptools>=45``, so an installer keeps it) imports
it, and building a ``Distribution`` then fails for every project in the environment; pbr 5.11.1's
``pbr`` keyword imports it too. The oracle is setuptools itself: each entry point loaded as it
loads them, and one ``Distribution`` built.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_ecosystem_pybtex import _by_distribution
from test_ecosystems import CONTRACTS, _cached_venv, _run, _site
from test_init_hosts import _check_with

from conftest import run_cli

pytestmark = pytest.mark.slow

HOST = ["setuptools==84.2.1"]
PLUGINS = [
    "setuptools-git-versioning==3.2.0",
    "setuptools-rust==1.13.0",
    "cffi==2.1.1",
    "calver==2025.10.20",
    "vcversioner==2.16.0.0",
    "setuptools-golang==2.9.0",
    "milksnake==0.1.6",
]
BROKEN = ["setuptools-scm==5.0.2", "pbr==5.11.1"]

_ORACLE = """
import inspect, json, os, tempfile
from importlib.metadata import entry_points
os.chdir(tempfile.mkdtemp())
verdicts = {}
for group in ["setuptools.finalize_distribution_options", "distutils.setup_keywords"]:
    for ep in entry_points(group=group):
        try:
            obj = ep.load()
            if group == "distutils.setup_keywords":
                inspect.signature(obj).bind(None, ep.name, None)
            verdict = "ok"
        except Exception as exc:
            verdict = f"{type(exc).__name__}: {exc}"
        verdicts[f"{group}:{ep.name}"] = [ep.dist.name if ep.dist else None, verdict]
try:
    from setuptools.dist import Distribution
    Distribution({"name": "x", "version": "1"})
    built = "ok"
except Exception as exc:
    built = f"{type(exc).__name__}: {exc}"
print(json.dumps({"verdicts": verdicts, "built": built}))
"""

PKG_RESOURCES = "ModuleNotFoundError: No module named 'pkg_resources'"


@pytest.fixture(scope="module")
def python() -> Path:
    return _cached_venv("ecosystem-setuptools", [*HOST, *PLUGINS], BROKEN)


def _broken(found: dict[str, list[dict[str, Any]]]) -> dict[str, set[tuple[str, str]]]:
    """The two broken releases' findings, each of them PC309 naming pkg_resources."""
    broken = {d: found.pop(d) for d in ("setuptools-scm", "pbr")}
    for findings in broken.values():
        assert all(f["code"] == "PC309" and "pkg_resources" in f["message"] for f in findings)
    return {d: {(f["contract"], f["plugin"]) for f in fs} for d, fs in broken.items()}


@pytest.mark.harness
def test_setuptools_plugins(python: Path) -> None:
    proc = _run(python, "-c", _ORACLE)
    assert proc.returncode == 0, proc.stderr
    oracle = json.loads(proc.stdout)
    verdicts = {k: v for k, v in oracle["verdicts"].items() if v[0] != "setuptools"}
    failing = {k: d for k, (d, verdict) in verdicts.items() if verdict != "ok"}
    assert failing == {
        "setuptools.finalize_distribution_options:setuptools_scm": "setuptools-scm",
        "distutils.setup_keywords:use_scm_version": "setuptools-scm",
        "distutils.setup_keywords:pbr": "pbr",
    }, verdicts
    assert all(verdicts[k][1] == PKG_RESOURCES for k in failing)
    assert oracle["built"] == PKG_RESOURCES  # one broken finalize hook breaks every build
    healthy = {d for d, _ in verdicts.values()} - {"setuptools-scm", "pbr"}
    assert len(healthy) == len(PLUGINS)

    found = _by_distribution(_check_with(python, CONTRACTS / "setuptools.toml"))
    assert _broken(found) == {
        "setuptools-scm": {
            ("setuptools-finalize", "setuptools_scm"),
            ("setuptools-keywords", "use_scm_version"),
        },
        "pbr": {("setuptools-keywords", "pbr")},
    }
    # setuptools' own entry points import what it vendors in setuptools/_vendor, which its
    # __init__ puts on sys.path: no PC309 there (its distutils-precedence.pth is PC356's).
    assert {f["code"] for f in found.pop("setuptools", [])} <= {"PC356"}
    assert {d: [f["code"] for f in fs] for d, fs in found.items()} == {}


@pytest.mark.harness
def test_setuptools_init_proposal(python: Path, tmp_path: Path) -> None:
    """`plugcheck init` on setuptools, unedited (checked statically: the time budget): the
    finalize group, whose name Distribution.finalize_options binds to a local first, is among
    its contracts; the breaks are found, no healthy plugin gets an error."""
    proc = run_cli("init", str(_site(python) / "setuptools"))
    assert proc.returncode == 0, proc.stderr
    for group in ("setuptools.finalize_distribution_options", "distutils.setup_keywords"):
        assert f'entry-point-group = "{group}"' in proc.stdout
    proposal = tmp_path / "pyproject.toml"
    proposal.write_text(proc.stdout)
    static = run_cli(
        "check",
        "--no-dynamic",
        "--config",
        str(proposal),
        "--python",
        str(python),
        "--output-format",
        "json",
    )
    assert static.returncode == 1, static.stderr
    data = json.loads(static.stdout)
    assert not data["errors"], data["errors"]
    found = _by_distribution(data)
    broken = _broken(found)
    assert ("setuptools-finalize_distribution_options", "setuptools_scm") in broken[
        "setuptools-scm"
    ]
    assert ("distutils-setup_keywords", "pbr") in broken["pbr"]
    assert {f["code"] for f in found.pop("setuptools", [])} <= {"PC356"}
    # setuptools-git-versioning puts the project's root on sys.path when it imports the
    # project's version callback (PC353, a warning the shipped contract ignores).
    assert {d: {f["code"] for f in fs} for d, fs in found.items()} in (
        {},
        {"setuptools-git-versioning": {"PC353"}},
    )
    assert all(f["severity"] == "warning" for fs in found.values() for f in fs)
