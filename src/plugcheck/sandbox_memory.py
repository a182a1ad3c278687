"""A ``memory`` cgroup per sandboxed program (an exec plugin's call, a go-plugin server, a native
loader, the setup-function worker), where plugcheck's user may make one: its processes together
hold at most twice its ``RLIMIT_AS`` and its directory's tmpfs. ``RLIMIT_AS`` bounds each process
alone, and the launcher's PID namespace lets it have 556: before, their memory together had no
bound the machine could meet (red team red53).

The cgroups lie in ``plugcheck-<pid>`` beside plugcheck's own (``pids_cgroup.base``), one
``job-<n>`` each; the launcher moves itself in through a descriptor of its ``cgroup.procs``
(``CGROUP_FD`` in its ``LIMITS``) before it forks anything. A cgroup that still holds an exiting
process when its program is done is removed at plugcheck's exit, or by a later run once
plugcheck is gone.

Each program gets a ``cpu`` cgroup too (:func:`weighed`): its processes together weigh as one
process of the machine's when the processors are short, however many it starts (a setup
function's 120 busy processes took them from the fork server's plugins, whose cgroups weigh one
each; ``CPU_CGROUP_FD`` in the launcher's ``LIMITS``)."""

from __future__ import annotations

import atexit
import itertools
import os
import threading

from plugcheck.harness.worker import pids_cgroup

_LOCK = threading.Lock()
_BASE: list[str | None] = []
_CPU: list[str | None] = []
_LEFT: list[str] = []
_NUMBERS = itertools.count()


def make(total: int) -> str | None:
    """A cgroup whose processes hold at most ``total`` bytes together, or ``None``."""
    with _LOCK:
        if not _BASE:
            _BASE.append(pids_cgroup.base("memory"))
        base = _BASE[0]
    return pids_cgroup.make(base, f"job-{next(_NUMBERS)}", total, "memory")


def weighed() -> str | None:
    """A ``cpu`` cgroup of one process's weight, under a base of as many as the machine has
    processors (the programs that may run at once), or ``None``."""
    with _LOCK:
        if not _CPU:
            base = pids_cgroup.base("cpu")
            _CPU.append(base if pids_cgroup.weigh(base, os.cpu_count() or 1) else None)
        base = _CPU[0]
    return pids_cgroup.make(base, f"job-{next(_NUMBERS)}", 1, "cpu")


def entry(path: str | None) -> int:
    """A descriptor for writing ``path``'s ``cgroup.procs`` (the launcher moves itself in with
    it), or -1."""
    if path is None:
        return -1
    try:
        return os.open(os.path.join(path, "cgroup.procs"), os.O_WRONLY | os.O_CLOEXEC)
    except OSError:
        return -1


def oom_kills(path: str | None) -> int:
    """How many of the program's processes its cgroup's OOM killer ended (they held ``total``
    together)."""
    return pids_cgroup.oom_kills(path)


def release(path: str | None) -> None:
    """Remove ``path`` once its program is done (at plugcheck's exit if a process is still
    leaving it)."""
    if path is not None and not pids_cgroup.remove(path):
        with _LOCK:
            _LEFT.append(path)


def _remove_all() -> None:
    for path in _LEFT:
        pids_cgroup.remove(path)
    for base in (*_BASE, *_CPU):
        pids_cgroup.remove(base)


atexit.register(_remove_all)

__all__ = ["entry", "make", "oom_kills", "release", "weighed"]
