"""`plugcheck impact`: a synthetic host whose API goes 1.0 -> 2.0 with each kind of breaking
change, and 20 plugins each broken by a known subset of them (tests/impact_host.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from impact_host import (
    BROKEN_BY,
    CHANGES,
    FIXED,
    SAFE,
    STILL_BROKEN,
    add_other_contract,
    make_host,
    sides,
)

from conftest import ROOT, run_cli, validate_report

pytestmark = pytest.mark.harness


def impact(
    host: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli("impact", *args, cwd=host, env=env)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    host, wheelhouse = make_host(tmp_path_factory.mktemp("impact"))
    proc = impact(host, *sides(wheelhouse), "--output-format", "json")
    assert proc.returncode == 1, proc.stderr
    document = json.loads(proc.stdout)
    validate_report(document, "impact")
    return host, wheelhouse, document


def test_each_plugin_gets_the_status_its_changes_give_it(
    synthetic: tuple[Path, Path, dict[str, Any]],
) -> None:
    _, _, document = synthetic
    status = {p["plugin"]: p["status"] for p in document["plugins"]}
    expected = {
        name: "still-broken"
        if name in STILL_BROKEN
        else "newly-broken"
        if changes
        else "fixed"
        if name in FIXED
        else "unchanged"
        for name, changes in BROKEN_BY.items()
    }
    assert status == expected
    newly = [n for n, c in BROKEN_BY.items() if c and n not in STILL_BROKEN]
    assert document["summary"]["newly-broken"] == len(newly)
    assert document["summary"]["failed"] is True


def test_each_newly_broken_finding_is_tied_to_the_change_that_breaks_it(
    synthetic: tuple[Path, Path, dict[str, Any]],
) -> None:
    _, _, document = synthetic
    for plugin in document["plugins"]:
        causes = {c for f in plugin["new"] for c in f["causes"]}
        assert causes == {CHANGES[k] for k in BROKEN_BY[plugin["plugin"]]}, plugin
    changes = {c["path"]: c for c in document["changes"]}
    for kind, path in CHANGES.items():
        broken = {n for n, ks in BROKEN_BY.items() if kind in ks}
        assert set(changes[path]["plugins"]) == broken, kind
    assert changes[SAFE]["safe"] is True
    assert changes[CHANGES["renamed"]]["text"] == "`Plugin.label` was renamed to `title`"


def test_text_report_counts_plugins_per_change_and_lists_safe_changes(
    synthetic: tuple[Path, Path, dict[str, Any]],
) -> None:
    host, wheelhouse, _ = synthetic
    proc = impact(host, *sides(wheelhouse))
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert (
        "  `register_option` gained required parameter `help`: breaks 2 plugins (PC403 x2)" in lines
    )
    assert "  `unused_helper` was removed: breaks no plugin of this ecosystem (safe)" in lines
    assert "fixed: future1" in lines
    assert lines[-1] == (
        "Impact: 13 newly broken, 1 fixed, 1 still broken, 5 unchanged (of 20 plugins)."
    )
    # The second run reuses both environments.
    assert sum("cached environment" in line for line in lines) == 2
    # The README's example is this run's output.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.partition("$ plugcheck impact --before synth-api==1.0")[2]
    shown = example.partition("\n")[2].partition("```")[0].splitlines()
    assert len(shown) > 20
    rest = iter(lines)  # in the same order, the lines "..." stands for left out
    assert all(any(line == out for out in rest) for line in shown if line != "..."), shown


def test_no_change_no_failure(tmp_path: Path) -> None:
    host, wheelhouse = make_host(tmp_path, plugins={"ok01", "nofactory"})
    args = ["--before", "synth-api==2.0", "--after", "synth-api==2.0"]
    proc = impact(host, *args, "--find-links", str(wheelhouse), "--no-index", "--no-dynamic")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1] == (
        "Impact: 0 newly broken, 0 fixed, 1 still broken, 1 unchanged (of 2 plugins)."
    )


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("not a spec!", "is neither a directory, a git ref"),
        ("synth-api==9.9", "building its environment failed"),
    ],
)
def test_bad_spec_is_one_line_and_exit_2(tmp_path: Path, spec: str, message: str) -> None:
    host, wheelhouse = make_host(tmp_path, plugins={"ok01"})
    proc = impact(
        host,
        "--before",
        "synth-api==1.0",
        "--after",
        spec,
        "--find-links",
        str(wheelhouse),
        "--no-index",
    )
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_pip_builds_the_environments_without_uv(tmp_path: Path) -> None:
    host, wheelhouse = make_host(tmp_path, plugins={"ok01", "legacy1"})
    proc = impact(host, *sides(wheelhouse), "--no-dynamic", env={"PLUGCHECK_INSTALLER": "pip"})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "newly broken: legacy1" in proc.stdout.splitlines()


def test_shards_merge_into_the_whole_impact(
    synthetic: tuple[Path, Path, dict[str, Any]], tmp_path: Path
) -> None:
    host, wheelhouse, whole = synthetic
    paths = []
    for index in (1, 2):
        proc = impact(host, *sides(wheelhouse), "--shard", f"{index}/2", "--output-format", "json")
        assert proc.returncode in (0, 1), proc.stderr
        assert json.loads(proc.stdout)["summary"]["plugins"] < 20
        paths.append(tmp_path / f"shard-{index}.json")
        paths[-1].write_text(proc.stdout)
    merged = run_cli("merge", *map(str, paths))
    assert merged.returncode == 1, merged.stderr
    document = json.loads(merged.stdout)
    validate_report(document, "impact")
    assert {p["plugin"]: p["status"] for p in document["plugins"]} == {
        p["plugin"]: p["status"] for p in whole["plugins"]
    }
    assert {c["path"]: c["plugins"] for c in document["changes"]} == {
        c["path"]: sorted(c["plugins"]) for c in whole["changes"]
    }
    assert document["summary"] == whole["summary"]
    part = run_cli("merge", str(paths[0]))  # red52: half the plugins unchecked merged as whole
    assert part.returncode == 2, part.stderr
    assert [e for e in json.loads(part.stdout)["errors"] if "2/2 missing" in e]


def test_after_side_carries_over_only_plugins_no_change_reaches(tmp_path: Path) -> None:
    """A second contract whose API is installed alike on both sides: its plugins that reach
    nothing of synth_api keep their before side's results (a plugin failing at run() still
    fails), one that imports synth_api is checked again, and the after side says the same as
    a plain check of the after environment."""
    host, wheelhouse = make_host(tmp_path, plugins={"ok01", "legacy1"})
    add_other_contract(
        host,
        wheelhouse,
        {
            "calm": "pass",
            "failing": "raise RuntimeError('no')",
            "mixed": "synth_api.register_option('x')",  # 2.0 requires `help`
        },
        imports={"mixed": "import synth_api"},
    )
    proc = impact(host, *sides(wheelhouse), "-r", "requirements.txt", "--output-format", "json")
    assert proc.returncode == 1, proc.stderr
    document = json.loads(proc.stdout)
    validate_report(document, "impact")
    plugins = {p["plugin"]: p for p in document["plugins"]}
    assert {n for n, p in plugins.items() if p["carried"]} == {"calm", "failing"}
    assert "synth_api" in plugins["mixed"]["checked_because"]
    assert "synth_api" in plugins["ok01"]["checked_because"]
    assert plugins["failing"]["status"] == "still-broken"
    assert [f["code"] for f in plugins["failing"]["after"]] == [
        f["code"] for f in plugins["failing"]["before"]
    ]
    assert plugins["mixed"]["status"] == "newly-broken"  # register_option gained `help`
    assert plugins["legacy1"]["status"] == "newly-broken"
    assert any("2 of 5 plugins carried over" in n for n in document["notes"])
    # The carried results are what a plain check of the after environment finds.
    python = Path(document["sides"][1]["environment"]) / "bin" / "python"
    plain = run_cli(
        "check",
        "--contract",
        "other",
        "--python",
        str(python),
        "--output-format",
        "json",
        cwd=host,
    )
    found = json.loads(plain.stdout)
    assert plain.returncode == 1, plain.stderr
    codes = {(f["plugin"], f["code"]) for f in found["findings"] if f["severity"] == "error"}
    carried = {
        (name, f["code"])
        for name, p in plugins.items()
        if p["contract"] == "other"
        for f in p["after"]
    }
    assert carried == codes
