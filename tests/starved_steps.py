"""(run by tests/test_starvation.py in a process of its own, pinned to one CPU) Three steps that
each need WORK seconds of CPU, watched by ``starvation.Allowance`` as the fork server watches a
plugin's step: beside a busy process of another tree ("outside"), beside two busy processes of
its own ("own"), and beside an outside one after lowering its own priority ("lowered"). Prints
one JSON object: per step, its wall time, its tree's CPU time and what it was granted."""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import time

CPU = min(os.sched_getaffinity(0))
os.sched_setaffinity(0, {CPU})  # before starvation's import: the processors every step starts with

from plugcheck.harness.worker import starvation  # noqa: E402 - after pinning, on purpose

WORK = 0.2


def _spin() -> None:
    while True:
        pass


def _step(mode: str, done: int) -> None:
    """(the step's process, a group of its own) Burn WORK of CPU, say so, wait to be killed."""
    os.setpgid(0, 0)
    if mode == "own":
        for _ in range(2):
            if os.fork() == 0:
                _spin()
    if mode == "lowered":
        os.nice(1)
    end = time.thread_time() + WORK
    while time.thread_time() < end:
        pass
    os.write(done, b"x")
    signal.pause()


def _cpu(pid: int) -> float:
    seen = starvation.look(pid)
    return sum(seen.cpu.values()) / 1e9 if seen is not None else 0.0


def watch(mode: str) -> dict[str, float]:
    competitor = os.fork() if mode in ("outside", "lowered") else -1
    if competitor == 0:
        _spin()
    read, write = os.pipe()
    step = os.fork()
    if step == 0:
        _step(mode, write)
    allowance = starvation.Allowance(step)
    start = time.monotonic()
    allowance.start(start, first=0.0)
    kept = 0.0
    while True:
        finished = bool(select.select([read], [], [], starvation.LOOK)[0])
        allowance.due = 0.0  # look now: the last interval counts too
        kept = allowance.grant(time.monotonic(), 100.0)
        if finished:
            break
    wall = time.monotonic() - start
    tree = _cpu(step)
    for pid in (step, competitor):
        if pid > 0:
            os.killpg(pid, signal.SIGKILL) if pid == step else os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    return {"wall": wall, "tree": tree, "kept": kept}


def sandboxed() -> dict[str, float]:
    """A sandboxed program (``sandbox.run``, as an exec plugin's call) that needs WORK * 2 of
    CPU beside a busy process of another tree, under a deadline it meets alone (about 0.6 s)."""
    from plugcheck import sandbox

    competitor = os.fork()
    if competitor == 0:
        _spin()
    code = (
        f"import time\nend = time.thread_time() + {WORK * 2}\nwhile time.thread_time() < end: pass"
    )
    result = sandbox.run([sys.executable, "-c", code], deadline=1.0)
    os.kill(competitor, signal.SIGKILL)
    os.waitpid(competitor, 0)
    return {"timed_out": result.timed_out, "wall": result.duration, "code": result.exit_code}


def silent() -> dict[str, float]:
    """What a silent fork server is granted (``heartbeat.Silence``, 0.2 s): one kept off the
    processors by a busy process of another tree, one stopped (which waits for none)."""
    from plugcheck.harness.heartbeat import Silence

    found: dict[str, float] = {}
    for mode in ("starved", "stopped"):
        pids = []
        for _ in range(2 if mode == "starved" else 1):  # the server, and one that starves it
            pid = os.fork()
            if pid == 0:
                _spin()
            pids.append(pid)
        if mode == "stopped":
            os.kill(pids[0], signal.SIGSTOP)
        quiet = Silence(pids[0], 0.2)
        start = time.monotonic()
        while not quiet.over() and time.monotonic() - start < 1.0:
            time.sleep(0.1)
        found[mode] = quiet.kept
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    return found


MODES = {"sandbox": sandboxed, "silence": silent}
print(json.dumps({m: MODES[m]() if m in MODES else watch(m) for m in sys.argv[1:]}))
