"""`plugcheck matrix`: plugins x API versions of the synthetic host (tests/impact_host.py), each
cell a full check; cached cells, --shard I/N over cells and `plugcheck merge`, the HTML page
(rendered in headless Chromium in the slow suite)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from impact_host import BROKEN_BY, FIXED, STILL_BROKEN, make_host

from conftest import run_cli, validate_report

pytestmark = pytest.mark.harness


PLUGINS = {"ok01", "legacy1", "option1", "direct1", "future1", "nofactory"}
VERSIONS = ["synth-api==1.0", "synth-api==2.0"]


def plugcheck(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


def matrix(host: Path, wheelhouse: Path, *args: str) -> subprocess.CompletedProcess[str]:
    columns = [a for v in VERSIONS for a in ("--version", v)]
    return plugcheck(host, "matrix", *columns, "--find-links", str(wheelhouse), "--no-index", *args)


def expected(plugin: str, version: str) -> str:
    broken_before = plugin in FIXED or plugin in STILL_BROKEN
    broken_after = bool(BROKEN_BY[plugin]) or plugin in STILL_BROKEN
    return "error" if (broken_after if version.endswith("2.0") else broken_before) else "ok"


def grid(document: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {
        (row["plugin"], spec): cell["worst"]
        for row in document["rows"]
        for spec, cell in row["cells"].items()
    }


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    host, wheelhouse = make_host(tmp_path_factory.mktemp("matrix"), plugins=PLUGINS)
    proc = matrix(host, wheelhouse, "--output-format", "json")
    assert proc.returncode == 1, proc.stderr
    document = json.loads(proc.stdout)
    validate_report(document, "matrix")
    return host, wheelhouse, document


def test_each_cell_is_the_plugins_check_against_that_version(
    synthetic: tuple[Path, Path, dict[str, Any]],
) -> None:
    _, _, document = synthetic
    assert grid(document) == {(p, v): expected(p, v) for p in PLUGINS for v in VERSIONS}
    cells = {(r["plugin"], s): c for r in document["rows"] for s, c in r["cells"].items()}
    codes = {f["code"] for f in cells[("legacy1", "synth-api==2.0")]["findings"]}
    assert codes == {"PC530"}
    assert document["summary"] == {
        "plugins": 6,
        "columns": 2,
        "cells": 12,
        "ok": 6,
        "info": 0,
        "warning": 0,
        "error": 6,
        "failed": True,
    }


def test_a_rerun_checks_only_the_cells_that_changed(tmp_path: Path) -> None:
    host, wheelhouse = make_host(tmp_path, plugins={"ok01", "ok02", "legacy1"})
    first = matrix(host, wheelhouse, "--no-dynamic")
    assert first.returncode == 1, first.stderr
    assert "note: synth-api==2.0: 3 cells checked, 0 from the cache" in first.stdout
    again = matrix(host, wheelhouse, "--no-dynamic")
    assert again.stdout.count("0 cells checked, 3 from the cache") == 2, again.stdout
    plugin = host / "plugins" / "ok02.py"
    plugin.write_text(plugin.read_text() + "\nfrom synth_api import legacy_format\n")
    changed = matrix(host, wheelhouse, "--no-dynamic")
    assert changed.stdout.count("1 cell checked, 2 from the cache") == 2, changed.stdout
    assert re.search(r"^ok02\s+ok\s+FAIL$", changed.stdout, re.M), changed.stdout


def test_shards_of_cells_merge_into_the_whole_matrix(
    synthetic: tuple[Path, Path, dict[str, Any]], tmp_path: Path
) -> None:
    host, wheelhouse, whole = synthetic
    paths = []
    for index in (1, 2, 3):
        proc = matrix(host, wheelhouse, "--shard", f"{index}/3", "--output-format", "json")
        assert proc.returncode in (0, 1), proc.stderr
        part = json.loads(proc.stdout)
        validate_report(part, "matrix")
        assert part["shard"] == [index, 3]
        paths.append(tmp_path / f"shard-{index}.json")
        paths[-1].write_text(proc.stdout)
    sizes = [json.loads(p.read_text())["summary"]["cells"] for p in paths]
    assert sum(sizes) == 12 and max(sizes) < 12
    merged = plugcheck(tmp_path, "merge", *map(str, paths))
    assert merged.returncode == 1, merged.stderr
    validate_report(json.loads(merged.stdout), "matrix")
    assert grid(json.loads(merged.stdout)) == grid(whole)
    again = plugcheck(tmp_path, "merge", str(paths[0]), str(paths[0]))
    assert again.returncode == 2
    assert "in two reports" in again.stderr
    part = plugcheck(tmp_path, "merge", *map(str, paths[:2]))  # red52: it passed a third short
    assert part.returncode == 2, part.stderr
    assert [e for e in json.loads(part.stdout)["errors"] if "3/3 missing" in e]


def test_html_is_one_self_contained_page(
    synthetic: tuple[Path, Path, dict[str, Any]],
) -> None:
    host, wheelhouse, _ = synthetic
    page = matrix(host, wheelhouse, "--output-format", "html").stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http" not in page
    assert page.count("<td class='error' data-worst='error'><details>") == 6
    assert "PC530" in page


def _chromium() -> str | None:
    return next((c for c in ("chromium", "chromium-browser") if shutil.which(c)), None)


@pytest.mark.slow
def test_html_renders_in_headless_chromium(
    synthetic: tuple[Path, Path, dict[str, Any]], tmp_path: Path
) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium; .ci/run installs it)")
    host, wheelhouse, _ = synthetic
    page = tmp_path / "matrix.html"
    page.write_text(matrix(host, wheelhouse, "--output-format", "html").stdout)
    base = [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}"]
    env = {**os.environ, "HOME": str(tmp_path)}
    dom = subprocess.run(
        [*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, env=env, timeout=120
    )
    assert dom.returncode == 0, dom.stderr
    cells = re.findall(r"<td class=\"(\w+)\" data-worst=\"\w+\">", dom.stdout)
    assert sorted(cells) == sorted(expected(p, v) for p in PLUGINS for v in VERSIONS)
    assert re.findall(r"<tr><th scope=\"row\">(\w+)</th>", dom.stdout) == sorted(PLUGINS)
    shot = tmp_path / "matrix.png"
    proc = subprocess.run(
        [*base, f"--screenshot={shot}", "--window-size=900,600", page.as_uri()],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 5000  # a rendered grid, not an empty page


def test_cells_as_pytest_items_over_xdist_join_into_one_matrix(tmp_path: Path) -> None:
    """`pytest --plugcheck --plugcheck-version ...`: an item per cell, the cells cut into one
    batch per worker and sent through xdist's remote protocol (`--tx 2*popen`), the batches'
    reports joined on the controller into one matrix report."""
    host, wheelhouse = make_host(tmp_path, plugins=PLUGINS)
    (host / "pytest.ini").write_text("[pytest]\n")  # keep this repository's addopts out
    columns = [a for v in VERSIONS for a in ("--plugcheck-version", v)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--plugcheck"),
            *(*columns, "--plugcheck-find-links", str(wheelhouse), "--plugcheck-no-index"),
            *("--plugcheck-report", "matrix.json", "--junitxml", "cells.xml"),
            *("--tx", "2*popen", "--dist", "loadgroup"),
        ],
        capture_output=True,
        text=True,
        cwd=host,
        env={**env, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        timeout=600,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "2 workers" in proc.stdout
    outcomes = {  # junit names an item by its last part
        case.attrib["name"]: case.find("failure") is None
        for case in ET.parse(host / "cells.xml").getroot().iter("testcase")
    }
    assert outcomes == {f"{p}[{v}]": expected(p, v) == "ok" for p in PLUGINS for v in VERSIONS}
    document = json.loads((host / "matrix.json").read_text())
    validate_report(document, "matrix")
    assert document["shard"] is None
    assert grid(document) == {(p, v): expected(p, v) for p in PLUGINS for v in VERSIONS}


def test_a_cell_not_checked_past_a_step_is_never_a_pass(tmp_path: Path) -> None:
    """PC423 (a warning: the host's session was missing) says the plugin was not checked past
    a step: `plugcheck check` never passes it, whatever fail-on says; a matrix cell did, under
    fail-on = "error" (red team red32). What the run left out is in the grid's notes too."""
    host, wheelhouse = make_host(tmp_path, plugins={"ok01"})
    pyproject = host / "pyproject.toml"
    text = pyproject.read_text().replace(
        'paths = ["plugins/*.py"]\n', 'paths = ["plugins/*.py"]\nhost-builtins = ["session"]\n', 1
    )
    pyproject.write_text('[tool.plugcheck]\nfail-on = "error"\n' + text)
    (host / "plugins" / "reads.py").write_text(
        (host / "plugins" / "ok01.py").read_text() + "\nSESSION = session\n"
    )
    proc = plugcheck(
        host, "matrix", "--version", VERSIONS[0], "--find-links", str(wheelhouse), "--no-index",
        "--no-mypy", "--output-format", "json",
    )  # fmt: skip
    assert proc.returncode == 1, proc.stdout + proc.stderr
    document = json.loads(proc.stdout)
    assert grid(document) == {("ok01", VERSIONS[0]): "ok", ("reads", VERSIONS[0]): "error"}
    assert f"{VERSIONS[0]}: not checked: --no-mypy: signatures" in "\n".join(document["notes"])
