"""Hostile plugins are findings: each yields its marker, one result per plugin, bounded time."""

from __future__ import annotations

import ast
import math
import os
import time
from pathlib import Path

from plugcheck import Options, check
from plugcheck.harness import PluginResult, worker

from conftest import ROOT, TESTDATA, expectations, observed, settled

HOSTILE = TESTDATA / "hostile"
JOBS = 2


def _leftovers() -> list[int]:
    """Processes still sitting in harness temporary directories that were already removed
    (live plugin processes of other, concurrent runs have theirs still)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cwd = os.readlink(f"/proc/{entry}/cwd")
        except OSError:
            continue
        if worker.TEMP_PREFIX in cwd and cwd.endswith(" (deleted)"):
            found.append(int(entry))
    return found


def test_every_hostile_plugin_yields_its_finding() -> None:
    results: list[PluginResult] = []
    start = time.monotonic()
    report = check(
        Options(paths=(HOSTILE,), static=False, mypy=False, jobs=JOBS, on_result=results.append)
    )
    elapsed = time.monotonic() - start
    assert observed(report, HOSTILE) == expectations(HOSTILE)
    assert len(report.plugins) >= 15
    names = [r.plugin.name for r in results]
    assert sorted(names) == sorted(p.name for p in report.plugins), "one result per plugin"
    assert report.crashes == []
    # Each plugin spends at most one deadline (+ the server's grace and the leak settle time)
    # in a step that never returns; everything else is fast.
    contract = report.config.contracts[0]
    assert contract.lifecycle is not None
    per_plugin = contract.lifecycle.deadline + worker.GRACE + worker.SETTLE + 1.0
    bound = math.ceil(len(report.plugins) / JOBS) * per_plugin + 5.0
    assert elapsed < bound, f"{elapsed:.1f} s > {bound:.1f} s"
    assert settled(lambda: _leftovers() == []), (
        f"a plugin process outlived the harness: {_leftovers()}"
    )


def test_hostile_results_carry_the_step_that_failed() -> None:
    results: list[PluginResult] = []
    check(
        Options(
            paths=(HOSTILE / "plugins" / "loop_run.py", HOSTILE / "plugins" / "segfault.py"),
            config=HOSTILE / "pyproject.toml",
            static=False,
            on_result=results.append,
        )
    )
    outcomes = {r.plugin.name: [(s.name, s.outcome.value) for s in r.steps] for r in results}
    assert outcomes["loop_run"][-1] == ("run", "timeout")
    assert outcomes["segfault"][-1] == ("run", "crashed")
    assert outcomes["loop_run"][0] == ("import", "ok")


def test_worker_is_stdlib_only() -> None:
    # Started by path in the target interpreter, where plugcheck need not be installed; the
    # protocol's types are imported for mypy only, under `if TYPE_CHECKING:`.
    tree = ast.parse(Path(worker.__file__).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            node.body = []
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    import sys

    assert imported - {"__future__"} <= set(sys.stdlib_module_names), imported
    assert (ROOT / "src" / "plugcheck" / "harness" / "worker.py").is_file()
