"""The mypy pass's result cache: an unchanged rerun reuses the pass's findings without starting
mypy; an edited plugin, or a changed host module, runs mypy again and gives the findings of a
run without any cache.

Whether mypy ran is seen from outside: its incremental cache is made unreadable before the
rerun, so a mypy build would discard and rebuild it, and the report says so in a note."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import TESTDATA, cli_json, copy_host, run_cli

pytestmark = pytest.mark.harness

ARGS = ("--contract", "processors", "--no-dynamic", "--output-format", "json")
REBUILT = "discarded the mypy cache"
PC201_SIZED = ("showcase-sized", "PC201")


@pytest.fixture
def host(tmp_path: Path) -> Path:
    return copy_host(TESTDATA / "showcase", tmp_path / "showcase")


def _report(host: Path, *extra: str) -> dict[str, object]:
    proc = run_cli("check", str(host), *ARGS, *extra)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    report: dict[str, object] = json.loads(proc.stdout)
    return report


def _cached(host: Path) -> dict[str, object]:
    return _report(host, "--cache-dir", str(host.parent / "cache"))


def _spoil_mypy_cache(host: Path) -> None:
    """Make mypy's own cache unreadable: a build that reads it discards it with a note."""
    spoilt = 0
    for db in (host.parent / "cache" / "mypy").rglob("cache*.db"):
        db.write_bytes(b"not a database")
        spoilt += 1
    assert spoilt


def _mypy_ran(report: dict[str, object]) -> bool:
    notes = report["notes"]
    assert isinstance(notes, list)
    return any(REBUILT in n for n in notes)


def _without_notes(report: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in report.items() if k != "notes"}


def _codes(report: dict[str, object], plugin: str) -> set[str]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return {f["code"] for f in findings if f["plugin"] == plugin}


def test_an_unchanged_rerun_reuses_the_findings_without_starting_mypy(host: Path) -> None:
    cold = _cached(host)
    assert "PC201" in _codes(cold, "showcase-sized")
    _spoil_mypy_cache(host)
    warm = _cached(host)
    assert not _mypy_ran(warm)
    assert warm == cold == _report(host, "--no-cache")


def test_an_edited_plugin_runs_mypy_again(host: Path) -> None:
    _cached(host)
    sized = host / "plugins" / "sized" / "src" / "sized" / "__init__.py"
    sized.write_text(sized.read_text().replace("def new(size: int)", "def new(size: int = 8)"))
    _spoil_mypy_cache(host)
    report = _cached(host)
    assert _mypy_ran(report)
    assert "PC201" not in _codes(report, "showcase-sized")
    assert _without_notes(report) == _without_notes(_report(host, "--no-cache"))


def test_a_changed_host_module_runs_mypy_again(host: Path) -> None:
    before = _cached(host)
    api = host / "api" / "src" / "showcase_api" / "__init__.py"
    api.write_text(
        api.read_text().replace(
            "def shutdown(self, timeout: float) -> None:",
            "def shutdown(self, timeout: float, force: bool) -> None:",
        )
    )
    _spoil_mypy_cache(host)
    report = _cached(host)
    assert _mypy_ran(report)
    assert report["findings"] != before["findings"]
    assert _without_notes(report) == _without_notes(_report(host, "--no-cache"))


def test_a_same_size_edit_with_its_time_put_back_is_checked_again(host: Path) -> None:
    """mypy's own cache takes a source of its entry's size and whole-second modification time
    as unchanged; plugcheck's record of change times makes it forget the entry (red team red57).
    Both ways: a clean plugin gains its finding, and loses it again when the edit is undone.
    Each plugin's share of the plan is kept too (``typecheck.shares``): such an edit moving
    sized's factory a line down moves its PC201 (a reused share reports the old line)."""
    greeter = host / "plugins" / "greeter" / "src" / "greeter" / "__init__.py"
    sized = host / "plugins" / "sized" / "src" / "sized" / "__init__.py"
    cached = ("check", str(host), *ARGS[:-2], "--cache-dir", str(host.parent / "cache"))

    def edit(path: Path, old: str, new: str) -> None:
        before = path.stat()
        path.write_text(path.read_text().replace(old, new, 1))
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert path.stat().st_size == before.st_size

    def edited(old: str, new: str) -> dict[str, object]:
        edit(greeter, old, new)
        return cli_json(*cached, here=True)

    def lines(report: dict[str, object]) -> set[int]:
        findings = report["findings"]
        assert isinstance(findings, list)
        return {f["line"] for f in findings if (f["plugin"], f["code"]) == PC201_SIZED}

    cold = cli_json(*cached, here=True)
    assert "PC204" not in _codes(cold, "greeter")
    assert lines(cold) and list((host.parent / "cache" / "mypy-plans").rglob("*.json"))
    edit(sized, "Broken: the", "Broken:\nthe")
    broken = edited("def shutdown(self, timeout: float)", "def shutdown(self, timeout: bytes)")
    assert "PC204" in _codes(broken, "greeter")
    assert lines(broken) == {line + 1 for line in lines(cold)}
    assert "PC204" not in _codes(edited("timeout: bytes", "timeout: float"), "greeter")
