"""Whether a fork server's process still works for plugcheck: gone, stopped or traced is
:class:`WorkerLost`, and how it ended."""

from __future__ import annotations

import subprocess

from plugcheck import _exited
from plugcheck.harness.results import signal_name


class WorkerLost(Exception):
    """The fork server stopped answering: stopped, traced, killed or silent."""

    def __init__(self, what: str, tracer: int | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.tracer = tracer


def liveness(proc: subprocess.Popen[bytes] | None) -> WorkerLost | None:
    """What is wrong with the server's process, if anything: gone, stopped or traced."""
    assert proc is not None
    code = proc.poll()
    if code is not None:
        return WorkerLost(_ended_how(code))
    state, tracer = _proc_state(proc.pid)
    if tracer:
        return WorkerLost(f"was traced by process {tracer}", tracer)
    if state == "T":
        return WorkerLost("was stopped (SIGSTOP or another stop signal)")
    if state == "t":
        return WorkerLost("was stopped by a tracer")
    return None


def gone(proc: subprocess.Popen[bytes] | None) -> WorkerLost:
    """The server closed its result socket: how it ended (it may still be exiting)."""
    assert proc is not None
    try:
        code = _exited.wait(proc, 2)
    except subprocess.TimeoutExpired:
        return WorkerLost("closed its result channel")
    return WorkerLost(_ended_how(code))


def _ended_how(code: int) -> str:
    if code < 0:
        return f"was killed ({signal_name(-code)})"
    return f"exited with status {code}"


def _proc_state(pid: int) -> tuple[str, int]:
    """A process's state letter (``T`` stopped, ``t`` stopped by a tracer) and its tracer's pid,
    from /proc; ``("", 0)`` where there is no /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            state = handle.read().rpartition(b")")[2].split()[0].decode()
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"TracerPid:"):
                    return state, int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return "", 0
