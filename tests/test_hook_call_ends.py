"""A hook that ends the host's process when called is a failed call, however it ends it: exit
status 0 (``os._exit(0)``), its whole process group killed, a thread that exits while the hook
runs. Before, the hook-calling child's exit 0 and the killed group both read as "calls done"
and the plugin got "All checks passed" (red team, issue 12)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plugcheck import Options, check

from conftest import TESTDATA

pytestmark = pytest.mark.harness

PLUGINS = {
    "exits": "os._exit(0)",
    "kills_group": "os.killpg(0, signal.SIGKILL)",
    "thread_exits": (
        "threading.Thread(target=lambda: (time.sleep(0.1), os._exit(0)), daemon=True).start()\n"
        "    time.sleep(5)"
    ),
    "stops_parent": "os.kill(os.getppid(), signal.SIGSTOP)",
    # The host runs on after the call: the thread ends it 0.2 s later (red team 15).
    "exits_later": (
        "threading.Thread(target=lambda: (time.sleep(0.2), os._exit(0)), daemon=True).start()"
    ),
}
FINE = {
    # A daemon thread that outlives the calls, and a worker thread the host's exit waits for.
    "lingers": "threading.Thread(target=time.sleep, args=(60,), daemon=True).start()",
    "joins": "threading.Thread(target=time.sleep, args=(0.2,)).start()",
}

TEMPLATE = """import os
import signal
import threading
import time

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    {body}
"""


def test_a_hook_that_ends_the_process_is_a_failed_call(tmp_path: Path) -> None:
    host = tmp_path / "host"
    case = TESTDATA / "rules" / "PC519" / "bad"
    shutil.copytree(case, host, ignore=shutil.ignore_patterns("__pycache__"))
    for old in (host / "plugins").glob("*.py"):
        old.unlink()
    for name, body in {**PLUGINS, **FINE}.items():
        (host / "plugins" / f"{name}.py").write_text(TEMPLATE.format(body=body))
    report = check(Options(paths=(host,), cache_dir=tmp_path / "cache"))
    assert not [f for f in report.findings if f.plugin in FINE and f.severity.value == "error"]
    failed = {f.plugin: f for f in report.findings if f.code in ("PC519", "PC420")}
    assert set(failed) == set(PLUGINS), [(f.plugin, f.code, f.message) for f in report.findings]
    # The worker is outside the hook's Landlock scope: the signal is refused, the sandbox's doing
    assert failed["stops_parent"].code == "PC420", failed["stops_parent"].message
    assert "a signal to process" in failed["stops_parent"].message
    for name in ("exits", "kills_group", "thread_exits"):
        assert "demo_startup() ended the process" in failed[name].message
        assert failed[name].location.line == 10  # the hookimpl's def
    later = failed["exits_later"].message
    assert "a thread the plugin started ended the process (exit status 0)" in later


SLOW = """import time

from demo_host import hookimpl

time.sleep(3)  # a large SDK's import: slow, not broken


@hookimpl
def demo_startup(config):
    return None
"""


def test_a_slow_import_gets_the_harness_deadline_in_the_registration_check(
    tmp_path: Path,
) -> None:
    """The registration worker's steps get the harness's deadline (the contract's
    ``lifecycle.deadline``, else 30 s), not a fixed 10 s: an 11 s import was PC416 'did not
    finish within 10 s' (red team 19). A 2 s deadline and a 3 s import prove the same plumbing
    in seconds: under a fixed 10 s the worker would import the plugin without a word."""
    host = tmp_path / "host"
    case = TESTDATA / "rules" / "PC519" / "bad"
    shutil.copytree(case, host, ignore=shutil.ignore_patterns("__pycache__"))
    for old in (host / "plugins").glob("*.py"):
        old.unlink()
    (host / "plugins" / "slow.py").write_text(SLOW)
    pyproject = host / "pyproject.toml"
    deadline = "\n[tool.plugcheck.contracts.demo.lifecycle]\ndeadline = 2.0\n"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + deadline, encoding="utf-8")
    report = check(Options(paths=(host,), cache_dir=tmp_path / "cache"))
    worker = [n for n in report.notes if "did not finish within" in n]
    assert worker == [
        "pluggy: slow: not checked (StepTimeout: did not finish within 2 s (plugcheck's limit"
        " per step)): see its errors"
    ], report.notes


TIMED = """import signal

from demo_host import hookimpl

# The step's alarm, as the plugin sees it while it is imported (0 where no alarm is set)
LEFT = signal.getitimer(signal.ITIMER_REAL)[0]
if LEFT:
    raise RuntimeError(f"imported under a {round(LEFT)} s alarm")


@hookimpl
def demo_startup(config):
    return None
"""


def test_a_host_without_a_lifecycle_gives_each_registration_step_30_seconds(
    tmp_path: Path,
) -> None:
    """A contract without a ``lifecycle`` table gets :data:`NO_HOST_DEADLINE` (30 s) per step in
    the registration worker, read by the plugin itself from the worker's alarm: no 30 s wait. A
    worker pinned to another limit (the old fixed 10 s) names that limit instead."""
    host = tmp_path / "host"
    case = TESTDATA / "rules" / "PC519" / "bad"
    shutil.copytree(case, host, ignore=shutil.ignore_patterns("__pycache__"))
    for old in (host / "plugins").glob("*.py"):
        old.unlink()
    (host / "plugins" / "timed.py").write_text(TIMED)
    report = check(Options(paths=(host,), cache_dir=tmp_path / "cache"))
    alarms = [(f.plugin, f.code, f.message) for f in report.findings if "alarm" in f.message]
    assert len(alarms) == 1, (report.notes, [(f.code, f.message) for f in report.findings])
    assert alarms[0][:2] == ("timed", "PC416"), alarms
    assert alarms[0][2].endswith("RuntimeError: imported under a 30 s alarm"), alarms
