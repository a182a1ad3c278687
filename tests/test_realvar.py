"""Differential test on real hosts (slow): generated plugin variants judged by flake8, pylint
and pytest themselves, against plugcheck with the shipped contracts (issues 12 and 14).

``tests/differential/realvar.py`` writes each variant as an installed plugin project (module +
``.dist-info``) in a folder of its own, on ``PYTHONPATH``, over the slow suite's cached venvs
(nothing is installed); ``realvar_oracle.py`` runs the host's own code on each in a forked
child (flake8's Application on a file, pylint's Run with ``--load-plugins``, ``pytest -p``
``--co`` and one test using the plugin's fixture). This test takes a small fixed sample per host,
static + dynamic only, to stay within about 15 s of CPU; ``python scripts/differential.py
--family realvar`` runs every kind, static and static + dynamic, and prints what was missed.

``FLOOR`` is the sample's measured score. ``bad-unknown-parameter`` (flake8 builds a checker
with keyword arguments named by its ``__init__``, and fails on a name it does not have) was
missed until the flake8 contract handed each checker to flake8's own steps
(``flake8_contract.py``); ``bad-raises-in-hook`` and ``bad-fixture-raises`` (a
``pytest_collection_modifyitems`` or an autouse fixture that raises) until the pytest contract ran
one sample test with each plugin (``pytest_contract.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from differential import compare, realvar
from test_ecosystem_pylint import PINS as PYLINT_PINS
from test_ecosystems import (
    BROKEN,
    FLAKE8_PLUGINS,
    KEYRING_PLUGINS,
    MORE_BROKEN,
    MORE_HOSTS,
    MORE_MKDOCS,
    PYGMENTS_PLUGINS,
    _cached_venv,
    _pins,
)

pytestmark = [pytest.mark.slow, pytest.mark.harness]

SAMPLE = {
    "flake8": (
        "ok-class",
        "ok-logical-line",
        "ok-dead-removed-api",
        "ok-optional-dep",
        "bad-removed-api",
        "bad-missing-dep",
        "bad-entry-point-name",
        "bad-unknown-parameter",
    ),
    "pylint": (
        "ok-basic",
        "ok-type-checking",
        "ok-transform",
        "ok-dead-removed-api",
        "bad-removed-api",
        "bad-register-arity",
        "bad-visit-arity",
        "bad-unknown-message",
    ),
    "pytest": (
        "ok-basic",
        "ok-wrapper",
        "ok-dead-legacy-hook",
        "old-api-still-there",
        "bad-misspelled-hook",
        "bad-removed-argument",
        "bad-missing-dep",
        "bad-option-clash",
        "bad-raises-in-hook",
        "bad-fixture-raises",
    ),
}
# host -> metric -> lowest accepted value (static + dynamic; every failure is a positive).
FLOOR: dict[str, dict[str, float]] = {
    "flake8": {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    "pylint": {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    "pytest": {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


def _pythons() -> dict[str, Path]:
    more = [*MORE_HOSTS, *FLAKE8_PLUGINS, *PYGMENTS_PLUGINS, *KEYRING_PLUGINS, *MORE_MKDOCS]
    more_venv = _cached_venv("ecosystems-more", more, MORE_BROKEN)  # flake8 7.5, MkDocs 1.6.1
    return {
        "flake8": more_venv,
        "mkdocs": more_venv,
        "pylint": _cached_venv("pylint", PYLINT_PINS, ["pylint-quotes==0.2.3"]),
        "pytest": _cached_venv("ecosystems", _pins(), BROKEN, "isort"),
    }


def test_real_hosts_judge_generated_variants(tmp_path: Path) -> None:
    pythons = {host: python for host, python in _pythons().items() if host in SAMPLE}
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path / "xdg-cache")
    try:
        found = realvar.differential(tmp_path, pythons, runs=("full",), sample=SAMPLE)
    finally:
        if old is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = old
    print("\n" + compare.matrices(found) + "\n" + compare.table(found))
    assert {r.host for r in found} == set(SAMPLE)
    for result in found:
        # The oracle is the host: every healthy kind loads and works, every bad one fails.
        truths = {row.variant.kind: row.truth for row in result.rows}
        assert truths == {
            kind: "ok" if not kind.startswith("bad-") else truths[kind]
            for kind in SAMPLE[result.host]
        }
        assert all(t != "ok" for k, t in truths.items() if k.startswith("bad-")), truths
        assert not result.crashes, result.crashes
        metrics = result.metrics()
        low = {
            name: metrics[name]
            for name, floor in FLOOR[result.host].items()
            if (metrics[name] if metrics[name] is not None else 1.0) < floor  # type: ignore[operator]
        }
        assert not low, f"{result.host} fell below {FLOOR[result.host]}: {low}\n" + (
            compare.details([result], limit=9)
        )
