"""The leak censuses know a process by its pid and its start time: the kernel hands a pid out
again once its process is reaped, and a process a plugin left running under the pid of one
counted before (one that ended since) was no leak: the census after ``shutdown()`` (PC410) and
the host's exit (``processes.left_running``: the harness's ``host_exit``, the setup-function
worker's PC569) passed it (red team red49, red50, red51). The pid is recycled for certain here:
in a PID namespace of the test's own, where its init may choose the next pid
(``ns_last_pid``); a plugin without that capability gets there by starting threads or
processes until the pids wrap, each taking one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

RECYCLE = """
import json, os, signal, sys
from plugcheck.harness.worker import census, processes


def sleeper():
    read, write = os.pipe()  # close-on-exec: its end means the exec is done
    pid = os.fork()
    if pid == 0:
        os.execv("/bin/sleep", ["sleep", "60"])
    os.close(write)
    os.read(read, 1)
    os.close(read)
    return pid


first = sleeper()
before = census.census()  # as the harness's child takes it before init()
at_exit = processes.known(processes.children())  # and host_exit before the import
os.kill(first, signal.SIGKILL)
os.waitpid(first, 0)
# A start time counts clock ticks (10 ms): a pid the kernel hands out again within the same tick
# is not told apart. The ns_last_pid shortcut is that fast; pids that wrap round (32,768 forks)
# never are. Wait for the tick counter itself to move on twice.
tick = os.times().elapsed
while os.times().elapsed - tick < 2 / os.sysconf("SC_CLK_TCK"):
    pass
with open("/proc/sys/kernel/ns_last_pid", "w") as handle:
    handle.write(str(first - 1))
second = sleeper()  # the leak, under the pid of the one that ended
try:
    leaked = census.leaked_since(before, 0.0).get("children", [])
    _, alive = processes.left_running(None, at_exit, 0.0, 0.0)
finally:
    os.kill(second, signal.SIGKILL)
    os.waitpid(second, 0)
print(json.dumps({"same": first == second, "leaked": leaked, "alive": sorted(alive)}))
"""


def test_a_process_under_a_recycled_pid_is_a_new_one() -> None:
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare(1)")
    proc = subprocess.run(
        [unshare, "-Urpf", "--mount-proc", sys.executable, "-c", RECYCLE],
        capture_output=True,
        text=True,
        cwd=ROOT / "src",
        timeout=60,
        check=False,
    )
    if proc.returncode != 0 and "unshare" in proc.stderr:
        pytest.skip(f"no user and PID namespace here: {proc.stderr.strip()}")
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert found["same"], found  # the kernel did hand the pid out again
    assert found["leaked"] == ["sleep 60"], found
    assert len(found["alive"]) == 1, found
