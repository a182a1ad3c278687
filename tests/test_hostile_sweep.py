"""What a plugin left running is seen whichever plugin's process the fork server sees end first
(testdata/hostile/sweep_race/): the order is chosen here, not left to the scheduler."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
from collections import deque
from collections.abc import Callable
from pathlib import Path

import pytest

from plugcheck.config import load_config
from plugcheck.discovery import discover
from plugcheck.environment import query
from plugcheck.harness.fork_server import ForkServerClient
from plugcheck.harness.server_messages import Limits
from plugcheck.harness.worker import pids_cgroup
from plugcheck.kinds import available

from conftest import TESTDATA, copy_host, settled

pytestmark = pytest.mark.harness


def _state(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/stat").read_bytes().rpartition(b")")[2].split()[0]
    except (OSError, IndexError):
        return b"?"


def _children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError):
                found += map(int, Path(f"/proc/{pid}/task/{task}/children").read_text().split())
    return found


def _daemon_started(server: int) -> bool:
    """The escaper's daemon (``sleep 30``) runs: a process under one of the server's children."""
    for child in _children(server):
        for pid in _children(child):
            with contextlib.suppress(OSError):
                if Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"sleep\0"):
                    return True
    return False


def _releaser(fifo: Path) -> Callable[[], bool]:
    """:func:`_release` once: ``settled`` asks its predicate again after it held, and a second
    open finds the plugin gone once it read its end (ci39 failed on exactly that)."""
    done: list[bool] = []

    def release() -> bool:
        if not done and _release(fifo):
            done.append(True)
        return bool(done)

    return release


def _server(pid: int) -> int:
    """The fork server's own process: ``pid``, or the one process under it (the first of a PID
    namespace of its own, whose parent only waits for it)."""
    while len(kids := _children(pid)) == 1:
        pid = kids[0]
    return pid


def _ended(server: int) -> int:
    """How many of the server's children have ended and wait to be reaped."""
    return sum(_state(pid) == b"Z" for pid in _children(server))


def _release(fifo: Path) -> bool:
    """Open ``fifo`` for writing once its plugin waits on it, then close it (the plugin reads
    its end); ``False`` while nobody reads it."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            return False
        raise
    os.close(fd)
    return True


@pytest.mark.skipif(
    not pids_cgroup._candidates("pids"), reason="no pids cgroup: nothing seen outside"
)
def test_an_escaped_daemon_is_seen_when_another_plugin_ends_just_before(tmp_path: Path) -> None:
    root = copy_host(TESTDATA / "hostile", tmp_path / "hostile") / "sweep_race"
    for name in ("escaper", "bystander"):
        os.mkfifo(root / "plugins" / f"{name}.fifo")
    config = load_config(root / "pyproject.toml", available())
    (contract,) = config.contracts
    env = query(None, [])
    plugins = sorted(discover(contract, env), key=lambda p: p.name)
    assert [p.name for p in plugins] == ["bystander", "escaper"]
    with ForkServerClient(env, contract, 2, Limits()) as server:
        server.start(plugins)
        server._feed(plugins, deque([0, 1]), 2)
        results: dict[int, dict[str, object]] = {}
        started = 0
        while started < 2:
            message = server._receive()
            assert message is not None
            started += message.get("t") == "started"
        assert server.proc is not None
        pid = _server(server.proc.pid)
        stopped = False
        try:
            # With the server stopped, the bystander's process ends, then the escaper's (each
            # once it waits in shutdown(), its daemon running): the server wakes up with both
            # ended, the bystander's first (its pidfd became readable first).
            # Only once the escaper's init() started its daemon, before the server stops.
            assert settled(lambda: _daemon_started(pid), timeout=60)
            os.kill(pid, signal.SIGSTOP)
            stopped = True
            assert settled(_releaser(root / "plugins" / "bystander.fifo"), timeout=60)
            assert settled(lambda: _ended(pid) == 1)
            assert settled(_releaser(root / "plugins" / "escaper.fifo"), timeout=60)
            assert settled(lambda: _ended(pid) == 2)
        finally:
            if stopped:
                os.kill(pid, signal.SIGCONT)
        while len(results) < 2:
            message = server._receive()
            assert message is not None
            if message.get("t") == "result":
                results[int(message["id"])] = message
        with contextlib.suppress(OSError):
            server._send({"t": "close"})
    # Before, the bystander's sweep killed the daemon, and the escaper's look found nothing.
    assert results[1].get("escaped") == ["sleep 30"]
    assert not results[0].get("escaped")
