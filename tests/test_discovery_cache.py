"""Discovery's result cache: an unchanged rerun takes the plugins from the last run, with the
report of a run without the cache, and so does one after a module plugin's edit; a plugin added,
removed or renamed, a project file edited, a module added to a package plugin is found again; a
tree with a symbolic link is never cached."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from demo_host import API, CONTRACT, GOOD

from conftest import TESTDATA, copy_host, run_cli, write_host

pytestmark = pytest.mark.harness

ARGS = ("--contract", "processors", "--no-dynamic", "--no-mypy", "-v", "--output-format", "json")
FOUND = "plugins found from the discovery cache"


def _settle(host: Path) -> None:
    """Every file and folder of ``host`` last modified an hour ago (what the cache trusts)."""
    long_ago = time.time() - 3600
    for path in [*host.rglob("*"), host]:
        os.utime(path, (long_ago, long_ago), follow_symlinks=False)


@pytest.fixture
def host(tmp_path: Path) -> Path:
    where = copy_host(TESTDATA / "showcase", tmp_path / "showcase")
    _settle(where)
    return where


def _check(host: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    proc = run_cli("check", str(host), *ARGS, *extra)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def _cached(host: Path) -> tuple[dict[str, object], int]:
    """The report of a run with the cache beside the host, and how many plugins it found in
    the discovery cache."""
    proc = _check(host, "--cache-dir", str(host.parent / "cache"))
    found = 0
    for line in proc.stderr.splitlines():
        what, _, count = line.removeprefix("plugcheck: ").rpartition(": ")
        if what == FOUND:
            found = int(count)
    report: dict[str, object] = json.loads(proc.stdout)
    return report, found


def _uncached(host: Path) -> dict[str, object]:
    report: dict[str, object] = json.loads(_check(host, "--no-cache").stdout)
    return report


def _plugins(report: dict[str, object]) -> set[str]:
    plugins = report["plugins"]
    assert isinstance(plugins, list)
    return {p["name"] for p in plugins}


def test_an_unchanged_rerun_finds_the_plugins_in_the_cache(host: Path) -> None:
    cold, cold_found = _cached(host)
    warm, warm_found = _cached(host)
    assert cold_found == 0
    plugins = cold["plugins"]
    assert isinstance(plugins, list)
    assert warm_found == len(plugins) > 20
    assert warm == cold == _uncached(host)


def test_a_plugin_added_or_removed_is_found_again(host: Path) -> None:
    _cached(host)
    (host / "plugins" / "extra.py").write_text("def new():\n    return None\n")
    report, found = _cached(host)
    assert found == 0 and "extra" in _plugins(report)
    assert report == _uncached(host)
    # A module plugin's edit (discovery never reads its text) finds the same plugins from the
    # cache, and the passes judge the new text.
    _settle(host)
    _cached(host)
    (host / "plugins" / "extra.py").write_text("def new(:\n")
    report, found = _cached(host)
    plugins = report["plugins"]
    assert isinstance(plugins, list)
    assert found == len(plugins) > 20
    assert report == _uncached(host)
    findings = report["findings"]
    assert isinstance(findings, list)
    assert any(f["code"] == "PC001" and f["path"].endswith("extra.py") for f in findings)
    (host / "plugins" / "extra.py").unlink()
    shutil.rmtree(host / "plugins" / "printer")
    report, found = _cached(host)
    assert found == 0 and not {"extra", "showcase-printer"} & _plugins(report)
    assert report == _uncached(host)
    # Added with the folder's modification time put back (rsync -t, tar, touch -d): its change
    # time moved. Before, the cache's plugins were taken and the new one went unchecked.
    _settle(host)
    _cached(host)
    folder = (host / "plugins").stat()
    (host / "plugins" / "late.py").write_text("def new():\n    return None\n")
    os.utime(host / "plugins", ns=(folder.st_atime_ns, folder.st_mtime_ns))
    report, found = _cached(host)
    assert found == 0 and "late" in _plugins(report)


def test_an_edited_project_file_is_read_again(host: Path) -> None:
    _cached(host)
    pyproject = host / "plugins" / "greeter" / "pyproject.toml"
    text = pyproject.read_text()
    assert 'greeter = "greeter"' in text  # its entry point, the plugin's name
    pyproject.write_text(text.replace('greeter = "greeter"', 'welcomer = "greeter"'))
    report, found = _cached(host)
    assert found == 0 and "welcomer" in _plugins(report)
    assert report == _uncached(host)


def test_a_module_added_deep_in_a_package_plugin_is_checked(host: Path) -> None:
    _cached(host)
    package = host / "plugins" / "greeter" / "src" / "greeter"
    (package / "deep").mkdir()
    _settle(host)  # the new folder as old as the rest: only its file's arrival changes it
    _cached(host)
    assert _cached(host)[1] > 0
    (package / "deep" / "helper.py").write_text("def broken(:\n")  # PC001
    report, found = _cached(host)
    assert found == 0
    assert report == _uncached(host)
    findings = report["findings"]
    assert isinstance(findings, list)
    assert any(f["path"].endswith("helper.py") for f in findings)


def test_a_tree_with_a_symbolic_link_is_not_cached(host: Path) -> None:
    (host / "plugins" / "linked.py").symlink_to(
        host / "plugins" / "sloppy" / "src" / "sloppy" / "__init__.py"
    )
    _settle(host)
    _cached(host)
    report, found = _cached(host)
    assert found == 0 and "linked" in _plugins(report)
    assert report == _uncached(host)


def test_a_distribution_installed_since_the_last_run_is_found(tmp_path: Path) -> None:
    """The target environment's description is kept too (the target is the running
    interpreter): an entry point installed since is found, one uninstalled is gone."""
    site = tmp_path / "site"
    site.mkdir()
    host = write_host(
        tmp_path / "host",
        {"demo_api": API},
        plugins={},
        pyproject=CONTRACT.format(extra='entry-point-group = "demo.plugins"\n'),
    )
    _settle(tmp_path)
    env = {"PYTHONPATH": str(site)}

    def names() -> list[str]:
        proc = run_cli(
            "check", str(host), "--no-dynamic", "--no-mypy", "--output-format", "json",
            "--cache-dir", str(tmp_path / "cache"), env=env,
        )  # fmt: skip
        assert proc.returncode in (0, 1), proc.stderr
        return sorted(p["name"] for p in json.loads(proc.stdout)["plugins"])

    assert names() == names() == []
    info = site / "extra_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: extra-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[demo.plugins]\nextra = extra_plugin\n")
    (site / "extra_plugin.py").write_text(GOOD)
    assert names() == ["extra"]
    _settle(tmp_path)
    assert names() == names() == ["extra"]
    shutil.rmtree(info)
    assert names() == []
