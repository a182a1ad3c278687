"""Plugins that attack the harness itself (testdata/hostile/channel/): its result channel, its
fork server, its environment. Each must be contained: its own finding, the other plugins'
findings unchanged, no process left behind, and a run that never says it passed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_confine import _kernel_without_landlock

from plugcheck import Options, Report, check
from plugcheck.harness import PluginResult
from plugcheck.harness.fork_server import WORKER
from plugcheck.harness.worker import zygote
from plugcheck.report import json_, text

from conftest import TESTDATA, run_cli, user_namespaces

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
    server's children), and still so after 5 s. Other runs' live servers and children, from
    tests running in parallel, have a live parent and are not stopped for long: a test in
    another worker may be in the middle of its own attack (a zygote a plugin stopped, until its
    server kills it; a killed server's children, until their parent-death signal lands)."""
    deadline = time.monotonic() + 5.0
    found = _abandoned_now()
    while found and time.monotonic() < deadline:
        time.sleep(0.05)
        found = [pid for pid in _abandoned_now() if pid in found]
    return found


def _abandoned_now() -> list[int]:
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


def _outcome(confinement: list[str] | None) -> str:
    """What a signal from a plugin to its fork server comes to on the kernel that gave
    ``confinement``: ``refused`` by Landlock's signal scoping (ABI 6 and later: the plugin's
    ``os.kill`` raises, "attack refused", PC420); ``dropped`` where the server is the first
    process of its own PID namespace without that scoping (Landlock ABI 4-5 or the namespace
    fallback: the kernel drops SIGSTOP and SIGKILL to it, ``os.kill`` returns and the plugin
    sleeps past its deadline, a timeout); else ``found`` (the server is stopped or killed: the
    plugin's PC426 and a run error)."""
    mechanisms = confinement or []
    abi = max((int(m.rsplit("-", 1)[1]) for m in mechanisms if m.startswith("landlock-abi-")),
              default=0)  # fmt: skip
    if abi >= 6:
        return "refused"
    return "dropped" if "pid-namespace" in mechanisms else "found"


ATTACKS = {
    # attacker: (code, words) per outcome
    "stop_worker": {
        "refused": ("PC420", "attack refused"),
        "dropped": ("PC405", "init(config) did not finish within 1 s (stuck at stop_worker.py:13)"),
        "found": ("PC426", "was stopped (SIGSTOP"),
    },
    "kill_worker": {
        "refused": ("PC420", "attack refused"),
        "dropped": ("PC407", "run() did not finish within 1 s (stuck at kill_worker.py:16)"),
        "found": ("PC426", "was killed (SIGKILL)"),
    },
}


@pytest.mark.parametrize("attacker", sorted(ATTACKS))
def test_a_plugin_that_stops_or_kills_the_server_is_found(attacker: str) -> None:
    report, results = _run(attacker)
    _contained(report)
    outcome = _outcome(report.confinement)
    code, words = ATTACKS[attacker][outcome]
    assert _codes(report)[attacker] == [code], report.findings
    assert words in _messages(report, attacker)
    if outcome == "found":
        assert words in next(r for r in results if r.plugin.name == attacker).harness_attack
        assert len(report.errors) == 1 and attacker in report.errors[0]
    else:
        assert report.errors == []


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the filter uses x86_64 numbers")
@pytest.mark.parametrize("attacker", sorted(ATTACKS))
def test_without_signal_scoping_the_servers_pid_namespace_drops_the_signal(
    attacker: str,
) -> None:
    # The third outcome, on this machine: a kernel without Landlock (the namespace fallback,
    # as Landlock ABI 4-5 with user namespaces): the server is PID 1 of its own namespace, the
    # signal is dropped, the plugin times out. No PC426, no run error, the bystanders unchanged.
    if not user_namespaces():
        pytest.skip("no user namespaces here")
    names = (attacker, *BYSTANDERS)
    argv = [sys.executable, "-m", "plugcheck", "harness", "--config", str(CONFIG)]
    argv += [str(CHANNEL / "plugins" / f"{n}.py") for n in names]
    proc = subprocess.run(
        [*argv, "--output-format", "json"], capture_output=True, text=True,
        preexec_fn=_kernel_without_landlock, timeout=300, check=False,
    )  # fmt: skip
    data = json.loads(proc.stdout)
    assert _outcome(data["confinement"]) == "dropped", data["confinement"]
    found = {(f["plugin"], f["code"]): f["message"] for f in data["findings"]}
    code, words = ATTACKS[attacker]["dropped"]
    assert sorted(found) == sorted([(attacker, code), ("bystander_broken", "PC405")])
    assert words in found[attacker, code]
    assert data["errors"] == [] and proc.returncode == 1
    assert _abandoned() == []


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the filter uses x86_64 numbers")
def test_a_plugin_that_stops_the_zygote_leaves_the_others_judged_as_before() -> None:
    # Without Landlock's signal scoping (the namespace fallback) a plugin can stop the zygote,
    # the server's other child that makes the plugin processes: the server finds it stopped,
    # kills it and forks every later plugin process itself. The plugins after the attacker are
    # judged as ever, no process is left, and the attacker's own failure is its only finding.
    if not user_namespaces() or not zygote.available():
        pytest.skip("no user namespaces here, or no zygote")
    names = ("stop_zygote", *BYSTANDERS)
    argv = [sys.executable, "-m", "plugcheck", "harness", "--config", str(CONFIG), "--jobs", "1"]
    argv += [str(CHANNEL / "plugins" / f"{n}.py") for n in names]
    proc = subprocess.run(
        [*argv, "--output-format", "json"], capture_output=True, text=True,
        preexec_fn=_kernel_without_landlock, timeout=300, check=False,
    )  # fmt: skip
    data = json.loads(proc.stdout)
    found = {(f["plugin"], f["code"]): f["message"] for f in data["findings"]}
    assert sorted(found) == [("bystander_broken", "PC405"), ("stop_zygote", "PC405")], found
    assert "zygote stopped" in found["stop_zygote", "PC405"]
    assert data["errors"] == [] and proc.returncode == 1
    assert _abandoned() == []


def test_a_plugin_that_traces_the_server_is_found() -> None:
    report, results = _run("trace_worker")
    _contained(report)
    result = next(r for r in results if r.plugin.name == "trace_worker")
    if _codes(report)["trace_worker"] == ["PC405"]:  # confinement refused the ptrace
        assert "attack refused" in _messages(report, "trace_worker")
        return
    assert _codes(report)["trace_worker"] == ["PC426"]
    assert "was traced by process" in _messages(report, "trace_worker")
    assert "was traced by process" in result.harness_attack
    assert len(report.errors) == 1 and "trace_worker" in report.errors[0]


def test_two_attackers_running_at_once_are_each_found() -> None:
    report, _ = _run("stop_worker", "kill_worker", jobs=4)
    _contained(report)
    outcome = _outcome(report.confinement)
    codes = _codes(report)
    for attacker, expected in ATTACKS.items():
        assert codes[attacker] == [expected[outcome][0]], codes
    assert len(report.errors) == (2 if outcome == "found" else 0)


def test_cli_exits_2_and_never_says_passed_when_the_server_is_killed() -> None:
    proc = run_cli(
        "harness",
        "--config",
        str(CONFIG),
        str(CHANNEL / "plugins" / "kill_worker.py"),
        str(CHANNEL / "plugins" / "honest.py"),
    )
    last = proc.stdout.strip().splitlines()[-1]
    assert "passed" not in last
    if "attack refused" in proc.stdout or "did not finish within 1 s" in proc.stdout:
        assert proc.returncode == 1  # refused or dropped: the plugin's own finding
        return
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Run incomplete: 1 error." in last
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
    # --no-mypy: the summary names what the run left out, never "All checks passed".
    assert text.summary(report).startswith("No findings in 1 plugin in 1 contract, but the run")


def test_records_naming_other_plugins_are_rejected() -> None:
    # Its own token, other plugins' ids: filed under nobody, and the bystanders run after it.
    # Two lines with its own stamp that are no record of the harness's (forwarded undecoded by
    # the server, each decoded alone by plugcheck): rejected too, its result's own keys kept.
    report, results = _run("forge_other_id", jobs=1)
    _contained(report)
    assert _codes(report)["forge_other_id"] == ["PC405", "PC425"]
    assert "128 records on its result channel" in _messages(report, "forge_other_id")
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
