"""Plugins that attack the harness itself (testdata/hostile/channel/): its result channel, its
fork server, its environment. Each must be contained: its own finding, the other plugins'
findings unchanged, no process left behind, and a run that never says it passed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from plugcheck import Options, Report, check
from plugcheck.harness import PluginResult
from plugcheck.harness.fork_server import WORKER
from plugcheck.report import json_, text

from conftest import TESTDATA, run_cli

pytestmark = pytest.mark.harness


CHANNEL = TESTDATA / "hostile" / "channel"
CONFIG = CHANNEL / "pyproject.toml"
SECRET = "plugcheck-test-secret-4d1f0b"
BYSTANDERS = ("honest", "bystander_broken")
"""Run next to every attacker: their findings must be exactly what they are alone."""


def _run(*names: str, jobs: int = 2) -> tuple[Report, list[PluginResult]]:
    results: list[PluginResult] = []
    report = check(
        Options(
            paths=tuple(CHANNEL / "plugins" / f"{n}.py" for n in (*names, *BYSTANDERS)),
            config=CONFIG,
            static=False,
            mypy=False,
            jobs=jobs,
            on_result=results.append,
        )
    )
    assert sorted(r.plugin.name for r in results) == sorted((*names, *BYSTANDERS))
    return report, results


def _codes(report: Report) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in report.findings:
        found.setdefault(finding.plugin, []).append(finding.code)
    return {name: sorted(codes) for name, codes in found.items()}


def _messages(report: Report, plugin: str) -> str:
    return "\n".join(f.message for f in report.findings if f.plugin == plugin)


def _abandoned() -> list[int]:
    """Fork servers or plugin children of this checkout left stopped or orphaned (a killed
    server's children). Other runs' live servers and children, from tests running in
    parallel, have a live parent and are not stopped."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            stat = Path(f"/proc/{entry}/stat").read_bytes().rpartition(b")")[2].split()
        except (OSError, IndexError):
            continue
        if str(WORKER).encode() not in cmdline:
            continue
        state, parent = stat[0], int(stat[1])
        if state == b"Z":
            continue
        if state in (b"T", b"t") or parent == 1 or not Path(f"/proc/{parent}").exists():
            found.append(int(entry))
    return found


def _contained(report: Report) -> None:
    """The bystanders' findings are theirs alone, no process is left, and the text never
    says the run passed."""
    codes = _codes(report)
    assert "honest" not in codes, report.findings
    assert codes["bystander_broken"] == ["PC405"]
    assert "bystander: bad config" in _messages(report, "bystander_broken")
    assert _abandoned() == []
    assert "passed" not in text.summary(report)


def test_results_written_through_proc_fd_are_not_accepted() -> None:
    # Alone at a time (jobs=1): what it can reach is the fork server's descriptors; the result
    # sockets cannot be opened through /proc (ENXIO), so no forged `ok` reaches plugcheck.
    report, results = _run("forge_via_proc_fd", jobs=1)
    _contained(report)
    assert "PC405" in _codes(report)["forge_via_proc_fd"]
    assert not next(r for r in results if r.plugin.name == "bystander_broken").ok
    assert report.errors == []


def test_forged_own_result_without_the_token_is_rejected() -> None:
    report, _ = _run("forge_own_two_lines")
    _contained(report)
    assert _codes(report)["forge_own_two_lines"] == ["PC401", "PC425"]
    message = _messages(report, "forge_own_two_lines")
    assert (
        "2 records on its result channel did not carry the harness's token and plugin id" in message
    )
    assert "ended the process (exit status 0)" in message


def test_forged_own_result_with_the_token_is_incomplete() -> None:
    report, results = _run("forge_own_with_token")
    _contained(report)
    assert _codes(report)["forge_own_with_token"] == ["PC425"]
    assert "reported the end after import with nothing failed" in _messages(
        report, "forge_own_with_token"
    )
    assert not next(r for r in results if r.plugin.name == "forge_own_with_token").ok


def test_patching_the_harness_through_main_fails_the_import() -> None:
    report, _ = _run("patch_main")
    _contained(report)
    assert _codes(report)["patch_main"] == ["PC401"]
    assert "module '__main__' has no attribute 'Child'" in _messages(report, "patch_main")


def test_patching_the_harness_in_process_breaks_the_step_sequence() -> None:
    report, _ = _run("patch_harness_gc")
    _contained(report)
    assert _codes(report)["patch_harness_gc"] == ["PC425"]
    assert "steps reported out of order: import, register" in _messages(report, "patch_harness_gc")


@pytest.mark.parametrize(
    ("attacker", "what", "refused"),
    [
        # Landlock's signal scoping refuses the signal: the sandbox's refusal (PC420)
        ("stop_worker", "was stopped (SIGSTOP", "PC420"),
        ("kill_worker", "was killed (SIGKILL)", "PC420"),
        ("trace_worker", "was traced by process", "PC405"),
    ],
)
def test_a_plugin_that_stops_kills_or_traces_the_server_is_found(
    attacker: str, what: str, refused: str
) -> None:
    report, results = _run(attacker)
    _contained(report)
    result = next(r for r in results if r.plugin.name == attacker)
    if _codes(report)[attacker] == [refused]:  # confinement refused the signal or ptrace
        assert "attack refused" in _messages(report, attacker)
        return
    assert _codes(report)[attacker] == ["PC426"]
    assert what in _messages(report, attacker)
    assert what in result.harness_attack
    assert len(report.errors) == 1 and attacker in report.errors[0]


def test_two_attackers_running_at_once_are_each_found() -> None:
    report, _ = _run("stop_worker", "kill_worker", jobs=4)
    _contained(report)
    codes = _codes(report)
    if codes["stop_worker"] == ["PC420"] and codes["kill_worker"] == ["PC420"]:
        return  # confinement refused both signals
    assert codes["stop_worker"] == ["PC426"] and codes["kill_worker"] == ["PC426"]
    assert len(report.errors) == 2


def test_cli_exits_2_and_never_says_passed_when_the_server_is_killed() -> None:
    proc = run_cli(
        "harness",
        "--config",
        str(CONFIG),
        str(CHANNEL / "plugins" / "kill_worker.py"),
        str(CHANNEL / "plugins" / "honest.py"),
    )
    last = proc.stdout.strip().splitlines()[-1]
    if "attack refused" in proc.stdout:
        assert proc.returncode == 1
        return
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "passed" not in last and "Run incomplete: 1 error." in last
    assert "error: harness: contract channel: the fork server was killed (SIGKILL)" in proc.stdout


def test_no_secret_in_any_environment_a_plugin_can_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLUGCHECK_TEST_SECRET", SECRET)
    monkeypatch.setenv("CI_JOB_TOKEN", SECRET)
    report, _ = _run("read_environ")
    _contained(report)
    message = _messages(report, "read_environ")
    assert "secrets {}" in message, message
    assert "/proc/<ppid>/environ" in message and "/proc/self/environ" in message
    rendered = text.render(report, color=False) + json.dumps(json_.document(report))
    assert SECRET not in rendered
    assert "PLUGCHECK_TEST_SECRET" not in rendered and "CI_JOB_TOKEN" not in rendered


def test_a_well_behaved_plugin_still_passes_alone() -> None:
    results: list[PluginResult] = []
    report = check(
        Options(
            paths=(CHANNEL / "plugins" / "honest.py",),
            config=CONFIG,
            static=False,
            mypy=False,
            on_result=results.append,
        )
    )
    assert report.findings == [] and report.errors == []
    assert [r.ok for r in results] == [True]
    assert text.summary(report).startswith("All checks passed")


def test_records_naming_other_plugins_are_rejected() -> None:
    # Its own token, other plugins' ids: filed under nobody, and the bystanders run after it.
    report, results = _run("forge_other_id", jobs=1)
    _contained(report)
    assert _codes(report)["forge_other_id"] == ["PC405", "PC425"]
    assert "126 records on its result channel" in _messages(report, "forge_other_id")
    assert [r.ok for r in results if r.plugin.name == "honest"] == [True]
    assert report.errors == []


def test_a_daemon_that_kills_the_server_later_gets_no_bystander_blamed() -> None:
    # Its daemon kills the server once the plugin's own process is gone: while nothing runs,
    # or while a bystander runs. Nobody innocent gets PC426; the run is not "passed".
    report, _ = _run("late_killer", jobs=1)
    _contained(report)
    codes = _codes(report)
    assert "PC426" not in codes.get("honest", []) + codes["bystander_broken"]
    # The daemon it left behind (PC410); or, when the server died before the plugin's result
    # was sent, it did it again running alone: its own PC426.
    assert "PC410" in codes["late_killer"] or codes["late_killer"] == ["PC426"]
    if report.errors:  # confinement may refuse the daemon its kill
        assert "the fork server was killed (SIGKILL)" in report.errors[0]
