"""A Python plugin that floods threads, as root: ``RLIMIT_NPROC`` does not bind root, and with
glibc's arenas capped (``mallopt(M_ARENA_MAX, 1)``) the address space bounds it only at
thousands of threads, each a process number of the machine (red team sand21). A ``pids``
cgroup per plugin process bounds it where one can be made (``harness/worker/pids_cgroup.py``)."""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

import pytest

from plugcheck.harness.worker import pids_cgroup

from conftest import TESTDATA, copy_host, run_cli

pytestmark = pytest.mark.harness

TRIED = 3000

FLOOD = f"""
import ctypes
import threading


class P:
    def init(self, config):
        ctypes.CDLL(None).mallopt(-8, 1)  # M_ARENA_MAX: one malloc arena for every thread
        threading.stack_size(32768)
        stop = threading.Event()
        started = 0
        try:
            for _ in range({TRIED}):
                threading.Thread(target=stop.wait, daemon=True).start()
                started += 1
        except RuntimeError:
            pass
        stop.set()
        raise RuntimeError(f"started {{started}} threads")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
"""


def test_a_thread_flood_stops_at_the_pids_cgroups_limit(tmp_path: Path) -> None:
    base = pids_cgroup.base()
    if base is None:
        pytest.skip("no pids cgroup can be made here (no pids controller, or not writable)")
    pids_cgroup.remove(base)
    root = copy_host(TESTDATA / "hostile", tmp_path / "hostile")
    # Starting a thousand threads takes more than the contract's 1 s on a loaded CI machine
    # (the official run of stop 41: the second flood hit the deadline); the limit is the point.
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert "deadline = 1.0" in text
    pyproject.write_text(text.replace("deadline = 1.0", "deadline = 30.0"), encoding="utf-8")
    # Two, one after the other in the one slot (its zygote sits in the slot's cgroup,
    # cells.py): the second has the whole limit again, none of the first's threads or the
    # zygote charged to it.
    plugins = [root / "plugins" / f"thread_flood_{n}.py" for n in (1, 2)]
    for plugin in plugins:
        plugin.write_text(FLOOD, encoding="utf-8")
    proc = run_cli(
        "harness",
        *map(str, plugins),
        "--jobs",
        "1",
        "--output-format",
        "json",
        env={"XDG_CACHE_HOME": str(tmp_path / "c")},
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    messages = [f["message"] for f in json.loads(proc.stdout)["findings"]]
    started = [int(m) for text in messages for m in re.findall(r"started (\d+) threads", text)]
    assert len(started) == 2, messages
    # Its own threads and the harness's count too: fewer than the limit were started.
    assert 0 < started[0] == started[1] < pids_cgroup.PIDS_MAX, messages


def test_the_exit_census_waits_for_a_working_thread_not_for_a_sleeping_one() -> None:
    """The host's exit waits for every non-daemon thread. A thread still at its last piece of
    work on a loaded machine ends later than the census's first wait: before, it was reported
    as never ending (a false PC569); now it is waited for while it works (runnable, or gaining
    CPU time), up to the cap. One asleep in a wait nobody ends is judged at the first wait."""
    from plugcheck.harness.worker import processes

    before = set(processes.non_daemon_threads())
    work_until = time.monotonic() + 0.6

    def last_piece_of_work() -> None:
        while time.monotonic() < work_until:
            pass

    worker = threading.Thread(target=last_piece_of_work)
    worker.start()
    threads, children = processes.left_running(before, processes.children(), 0.1, 30.0)
    assert (threads, children) == ({}, set())
    assert not worker.is_alive()

    stop = threading.Event()
    stuck = threading.Thread(target=stop.wait, name="stuck")
    stuck.start()
    start = time.monotonic()
    threads, _ = processes.left_running(before, processes.children(), 0.1, 30.0)
    waited = time.monotonic() - start
    stop.set()
    stuck.join()
    assert [t.name for t in threads.values()] == ["stuck"]
    assert waited < 5.0, waited
