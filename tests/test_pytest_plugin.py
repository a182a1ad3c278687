"""The pytest plugin: `pytest --plugcheck` items (also with xdist), the plugcheck_run fixture."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from demo_host import GOOD, demo_host

from plugcheck import Options, check

from conftest import TESTDATA, validate_report

pytestmark = pytest.mark.harness


SHOWCASE = TESTDATA / "showcase"


def _pytest(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (cwd / "pytest.ini").write_text("[pytest]\n")  # keep this repo's addopts out
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
        check=False,
    )


def _outcomes(junit: Path) -> dict[str, str]:
    outcomes = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        failed = case.find("failure") is not None or case.find("error") is not None
        outcomes[case.attrib["name"]] = "failed" if failed else "passed"
    return outcomes


PLUGINS = {
    "good_a": GOOD,
    "good_b": GOOD,
    "missing": "from demo_api import Plugin\n\n\ndef make() -> Plugin:\n    return Plugin()\n",
    "eager": "from demo_api import Plugin\n\nprint('hi')\n\n\ndef new() -> Plugin:\n"
    "    return Plugin()\n",
    "private": "from demo_api import Plugin\n\n\ndef _new() -> Plugin:\n    return Plugin()\n",
}


def test_one_item_per_plugin_same_under_xdist(tmp_path: Path) -> None:
    host = demo_host(tmp_path / "host", PLUGINS)
    config = str(host / "pyproject.toml")
    # A second contract: each contract's batch report carries its --shard slice, and two
    # contracts' batches are not two copies of one shard (the joined report must be written).
    with open(config, "a", encoding="utf-8") as more:
        more.write(
            '\n[tool.plugcheck.contracts.again]\nkind = "factory"\napi = "demo_api"\n'
            'paths = ["plugins/good_a"]\n\n[tool.plugcheck.contracts.again.exports]\n'
            'new = "demo_api:Factory"\n'
        )
    args = ("--plugcheck", "--plugcheck-config", config, "--plugcheck-static-only")
    serial = _pytest(tmp_path, *args, "--junitxml=s.xml")
    assert serial.returncode == 1, serial.stdout + serial.stderr
    parallel = _pytest(
        tmp_path, *args, "-n", "2", "--junitxml=p.xml", "--plugcheck-report", "p.json"
    )
    assert parallel.returncode == 1, parallel.stdout + parallel.stderr
    assert "2 workers" in parallel.stdout
    # The batches' reports, joined on the controller: one report of every plugin.
    joined = json.loads((tmp_path / "p.json").read_text())
    validate_report(joined, "report")
    assert {p["name"] for p in joined["plugins"]} == set(PLUGINS)
    got = _outcomes(tmp_path / "s.xml")
    assert got == _outcomes(tmp_path / "p.xml")

    report = check(Options(paths=(host,), dynamic=False))
    # junit names an item by its last part; an item fails on findings at or above fail-on.
    failing = {f.plugin for f in report.findings if report.fail_on <= f.severity}
    assert set(got) == {p.name for p in report.plugins} == set(PLUGINS)
    assert {name for name, outcome in got.items() if outcome == "failed"} == failing
    assert failing == {"missing", "eager", "private"}
    # The failure text is the plugin's findings, at its own file and line.
    for finding in report.findings:
        assert f"{finding.location.path.name}:{finding.location.line}:" in serial.stdout
        assert finding.code in serial.stdout
    assert {(f["plugin"], f["code"]) for f in joined["findings"]} == {
        (f.plugin, f.code) for f in report.findings
    }


def test_batches_are_the_shards_their_runs_check(tmp_path: Path) -> None:
    # Two go-so plugins of one plugin path (PC729) share a --shard slice (red team sand21), so
    # a batch is that slice too: with 3 workers their names give batch 1, their plugin path
    # shard 3, and a batch-1 run that checked neither would have passed both.
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC729" / "bad", host)
    config = str(host / "pyproject.toml")
    args = ("--plugcheck", "--plugcheck-config", config, "--plugcheck-static-only")
    proc = _pytest(tmp_path, *args, "-n", "3", "--junitxml=p.xml")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert _outcomes(tmp_path / "p.xml") == {"greeter.so": "passed", "greeter2.so": "failed"}
    assert "PC729" in proc.stdout


def test_items_can_be_selected_by_keyword(tmp_path: Path) -> None:
    host = demo_host(tmp_path / "host", PLUGINS)
    config = str(host / "pyproject.toml")
    args = ("--plugcheck", "--plugcheck-config", config, "--plugcheck-static-only")
    proc = _pytest(tmp_path, *args, "-k", "good_a or eager", "-q")
    assert proc.returncode == 1, proc.stdout
    assert "1 failed, 1 passed, 3 deselected" in proc.stdout
    assert "PC110" in proc.stdout


def test_without_the_flag_nothing_is_added(tmp_path: Path) -> None:
    (tmp_path / "test_x.py").write_text("def test_x() -> None:\n    pass\n")
    proc = _pytest(tmp_path, "-q")
    assert proc.returncode == 0 and "1 passed" in proc.stdout


def test_fixture_for_plugin_authors(tmp_path: Path) -> None:
    plugins = SHOWCASE / "plugins"
    (tmp_path / "test_my_plugin.py").write_text(
        f"""
from pathlib import Path

CONFIG = Path({str(SHOWCASE / "pyproject.toml")!r})


def test_counter_is_clean(plugcheck_run):
    report = plugcheck_run({str(plugins / "counter")!r}, config=CONFIG, dynamic=False)
    assert [p.root.name for p in report.plugins] == ["counter"]
    assert report.findings == [] and not report.failed()


def test_eager_is_reported(plugcheck_run):
    report = plugcheck_run(
        {str(plugins / "eager")!r}, config=CONFIG, fail_on="warning", dynamic=False, mypy=False
    )
    assert [f.code for f in report.findings] == ["PC110"]
    assert report.failed()


def test_usage_error_fails_cleanly(plugcheck_run):
    plugcheck_run("no/such/plugin", config=CONFIG)
"""
    )
    proc = _pytest(tmp_path, "-q", "-rf")
    assert "1 failed, 2 passed" in proc.stdout, proc.stdout
    assert "no/such/plugin: no such file or directory" in proc.stdout


def test_config_from_the_ini_file(tmp_path: Path) -> None:
    demo_host(tmp_path / "host", {"good_a": GOOD})
    proc = _pytest(tmp_path, "--plugcheck", "--plugcheck-static-only", "-q")
    assert proc.returncode == 4  # no [tool.plugcheck] upwards of tmp_path: a usage error
    assert "--plugcheck: no pyproject.toml with [tool.plugcheck] found" in proc.stderr
    (tmp_path / "setup.cfg").write_text("[tool:pytest]\nplugcheck_config = host/pyproject.toml\n")
    proc = _pytest(tmp_path, "--plugcheck", "--plugcheck-static-only", "-c", "setup.cfg")
    assert proc.returncode == 0 and "1 passed" in proc.stdout, proc.stdout + proc.stderr
    assert "plugcheck: static checks only (--plugcheck-static-only)" in proc.stdout
    # The full check: the contract has no lifecycle, so the plugin is imported, never called;
    # `plugcheck check` names that in its passing summary, and the item is skipped saying so
    # instead of passing (red team red32).
    proc = _pytest(tmp_path, "--plugcheck", "-rs", "-c", "setup.cfg")
    assert proc.returncode == 0 and "1 skipped" in proc.stdout, proc.stdout + proc.stderr
    assert "plugcheck: no finding, but not checked: plugins imported, never called" in proc.stdout


def test_a_plugin_the_listing_could_not_list_is_a_failing_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PC005: an entry point of a distribution whose metadata cannot be read, which the host's
    entry_points() loads. No plugin item carried it, so `pytest --plugcheck` passed where
    `plugcheck check` exits 1 (red team red52); it is an item of its own, failing."""
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC005" / "bad", host)
    monkeypatch.setenv("PYTHONPATH", str(host / "site"))
    proc = _pytest(host, "--plugcheck", "--plugcheck-static-only", "--junitxml=r.xml")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert _outcomes(host / "r.xml") == {"latin": "failed"}  # junit: the last part
    assert "PC005 entry point latin" in proc.stdout
