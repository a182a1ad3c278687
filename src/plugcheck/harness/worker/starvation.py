"""What a step's wall deadline grows by on a starved machine: the time the plugin's processes
could have run but others held the processors (a slow machine is not the plugin's failure).

Each process's main thread accrues *run delay* (``/proc/PID/schedstat``'s second field: time
runnable, waiting for a processor). Part of a wait may be the plugin's own doing: its other
threads and processes running meanwhile. So between the step's first look and its latest, for
each process ``p`` of the tree, ``delay(p's main thread) - cpu(the tree but that thread)`` is a
lower bound of the time nothing of the plugin ran while that thread could have (every moment it
waited while one of the plugin's own ran is in that one's CPU time); the largest is granted.
Taken from the first look, not summed over the intervals between looks: the kernel adds a wait
to the delay only once it ends, so an interval's share is off by a wait, and the sum of their
positive parts exceeded what the tree could not run (0.17 s in 0.2 s where it was 0.13 s).

A plugin whose busy threads or processes starve its own main thread buys nothing. A plugin that
lowered its own priority (nice, ``SCHED_IDLE``, ``SCHED_BATCH``) or narrowed its processors
forfeits every extension (it cannot undo a nice value: ``RLIMIT_NICE`` is 0). The extension is
bounded: a step never runs longer than ``CAP`` times its deadline.

Standard library only, no relative imports: the fork server, each plugin's child and the
setup-function worker (which loads this file by path) share it.
"""

from __future__ import annotations

import os
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

CAP = 3.0
"""A step's wall time is at most CAP times its deadline, however starved the machine."""
FIRST = 0.05
"""Seconds into a step before its first look: a step shorter than this is never looked at."""
LOOK = 0.2
"""Seconds between two looks at a step still running (each costs about 50 us of the looker's
CPU per process of the tree), and at every turn once its deadline, so far, has come."""
TREE = 64
"""Processes of a tree looked at: past that its CPU time is not known, and the look grants
nothing."""
THREADS = 256
"""Threads of a tree whose children are listed: past that the look grants nothing (a plugin's
thousand threads, its pids cgroup's bound, would cost each look of the server's a thousand
reads, some 50 ms, every 0.2 s)."""

_TICK = 1e9 / (os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100)
_LOW = {getattr(os, "SCHED_IDLE", -1), getattr(os, "SCHED_BATCH", -1)}


def _base() -> tuple[int, frozenset[int]]:
    """The priority and processors a plugin's process starts with (this process's, inherited)."""
    try:
        return os.getpriority(os.PRIO_PROCESS, 0), frozenset(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return 0, frozenset()


BASE = _base()


def _read(path: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _own_proc() -> bool:
    """Whether ``/proc`` shows this PID namespace (else a pid names another process there)."""
    try:
        return int(os.readlink("/proc/self")) == os.getpid()
    except (OSError, ValueError):
        return False


class Look:
    """One look at a process tree: each process's main thread (its run time and run delay, ns)
    and each process's CPU time (its threads, living and ended, and the children it reaped)."""

    __slots__ = ("at", "cpu", "lowered", "main")

    def __init__(self, at: float) -> None:
        self.at = at
        self.main: dict[int, tuple[int, int]] = {}
        self.cpu: dict[int, float] = {}
        self.lowered = False


def look(root: int, also: Iterable[int] = (), *, alone: bool = False) -> Look | None:
    """The tree of ``root`` (its descendants, and the processes ``also`` names, a cgroup's):
    ``None`` where it cannot be seen (no ``/proc`` of this PID namespace, too many processes).
    ``alone``: ``root`` only (a step's first look in its own process, about 20 us instead of
    50 us and more: the CPU time of processes it does not hold is then all counted as the
    step's, which only grants less)."""
    seen = Look(time.monotonic())
    if alone and root == os.getpid() and _own(seen, root):
        return seen
    todo = [root, *also]
    threads = 0
    while todo:
        pid = todo.pop()
        if pid in seen.cpu or pid <= 0:
            continue
        if len(seen.cpu) >= TREE:
            return None
        stat = _read(f"/proc/{pid}/stat").rpartition(b")")[2].split()
        schedstat = _read(f"/proc/{pid}/schedstat").split()
        try:
            cpu = time.clock_gettime_ns(((~pid) << 3) | 2)  # its CPU clock (clock_getcpuclockid)
            reaped = (int(stat[13]) + int(stat[14])) * _TICK  # cutime + cstime
            ran, waited = int(schedstat[0]), int(schedstat[1])
        except (OSError, ValueError, IndexError):
            if pid == root:
                return None
            continue  # ended since it was listed: what it ran is its reaper's now
        seen.cpu[pid] = cpu + reaped
        seen.main[pid] = ran, waited
        if alone:
            break
        seen.lowered = seen.lowered or _lowered(pid)
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        threads += len(tasks)
        if threads > THREADS:
            return None
        for task in tasks:
            todo.extend(int(c) for c in _read(f"/proc/{pid}/task/{task}/children").split())
    return seen


_KEPT: list[tuple[int, int, tuple[int, int]]] = []
"""This process's ``/proc/PID/schedstat``, opened by its first look at itself and kept: its pid,
the descriptor and the file's identity (``st_dev``, ``st_ino``). Each later look reads it again
(``pread``; the kernel writes it anew on every read) and takes the CPU time of the children it
reaped from ``times()``: no file opened and closed per step (each open in a confined plugin
process walks its Landlock rules; two per look were about three quarters of a step's look)."""


def _own(seen: Look, pid: int) -> bool:
    """``seen`` filled for this process alone (``look(..., alone=True)``), through its kept
    ``schedstat``; False: read as any other process's. A descriptor closed or replaced since
    (by the plugin: it runs in this process) is never opened again, so no descriptor of the
    harness's appears after a leak census began."""
    if not _KEPT:
        try:
            fd = _aside(os.open(f"/proc/{pid}/schedstat", os.O_RDONLY | os.O_CLOEXEC))
            opened = os.fstat(fd)
        except OSError:
            return False
        _KEPT.append((pid, fd, (opened.st_dev, opened.st_ino)))
    owner, fd, identity = _KEPT[0]
    try:
        now = os.fstat(fd)
        if owner != pid or (now.st_dev, now.st_ino) != identity:
            return False
        schedstat = os.pread(fd, 256, 0).split()
        reaped = os.times()
        cpu = time.clock_gettime_ns(((~pid) << 3) | 2)
        ran, waited = int(schedstat[0]), int(schedstat[1])
    except (OSError, ValueError, IndexError):
        return False
    seen.cpu[pid] = cpu + (reaped.children_user + reaped.children_system) * 1e9
    seen.main[pid] = ran, waited
    return True


def _aside(fd: int) -> int:
    """``fd`` moved to the highest free descriptor below the process's limit: the lowest free
    ones stay what the plugin's own files get, as before (its leaked descriptor's number is in
    PC410's message)."""
    try:
        top = os.sysconf("SC_OPEN_MAX")
        for high in range(top - 1, max(fd, top - 64), -1):
            try:
                os.fstat(high)
            except OSError:
                os.dup2(fd, high, inheritable=False)
                os.close(fd)
                return high
    except (OSError, ValueError):
        pass
    return fd


def _lowered(pid: int) -> bool:
    """Whether process ``pid``'s main thread runs below the priority or on fewer processors
    than it started with (its own doing: it may change no other process's)."""
    try:
        nice = os.getpriority(os.PRIO_PROCESS, pid)
        policy = os.sched_getscheduler(pid)
        cpus = frozenset(os.sched_getaffinity(pid))
    except (AttributeError, OSError):
        return False
    return nice > BASE[0] or policy in _LOW or bool(BASE[1] and cpus != BASE[1])


def kept_off(before: Look, after: Look) -> float:
    """Seconds between two looks that the tree was kept off the processors by others (the
    module's docstring: a lower bound, never what its own threads and processes explain)."""
    ran = sum(max(0.0, cpu - before.cpu.get(pid, 0.0)) for pid, cpu in after.cpu.items())
    best = 0.0
    for pid, (own, waited) in after.main.items():
        if pid in before.main:
            was_own, was_waited = before.main[pid]
            best = max(best, (waited - was_waited) - (ran - (own - was_own)))
    return max(0.0, min(best / 1e9, after.at - before.at))


def beyond(limit: float) -> float:
    """How far past a deadline of ``limit`` seconds a starved step may run: (CAP - 1) times it."""
    return (CAP - 1.0) * max(limit, 0.0)


def late(before: Look | None, root: int, seconds: float, limit: float) -> bool:
    """(a process judging its own step, begun with its look ``before``) Whether a step that took
    ``seconds`` overran its deadline of ``limit`` seconds by more than its tree was kept off the
    processors meanwhile (at most ``beyond(limit)``)."""
    after = look(root) if before is not None else None
    if after is None or before is None or after.lowered or not _own_proc():
        return seconds > limit
    return seconds - min(kept_off(before, after), beyond(limit)) > limit


class Allowance:
    """What the current step's deadline grows by: the time its tree was kept off the processors
    between the step's first look (``FIRST`` after it began, or ``first``) and its latest, at
    most ``most``; nothing once the tree lowered its own priority."""

    def __init__(self, root: int, members: Callable[[], Iterable[int]] | None = None) -> None:
        self.root = root
        self.members = members
        self.forfeit = not _own_proc()
        self.kept = 0.0
        self.first: Look | None = None
        self.due = 0.0

    def start(self, now: float, first: float = FIRST) -> None:
        """A new step began at ``now``: its first look is ``first`` seconds later."""
        self.kept = 0.0
        self.first = None
        self.due = now + first

    def grant(self, now: float, most: float, fresh: bool = False) -> float:
        """Seconds the step may run past its deadline, as of ``now`` (a look when one is due,
        or ``fresh``: a look now, before a late step is ended)."""
        if not self.forfeit and (now >= self.due or (fresh and self.kept < most)):
            self.due = now + LOOK
            seen = look(self.root, self.members() if self.members is not None else ())
            if seen is not None and seen.lowered:
                self.forfeit = True
            elif seen is not None and self.first is not None:
                self.kept = max(self.kept, kept_off(self.first, seen))
            elif seen is not None:
                self.first = seen
        return 0.0 if self.forfeit else min(self.kept, most)


class Deadline:
    """Process ``root``'s tree must end within ``seconds`` from now, plus its allowance."""

    def __init__(self, root: int, seconds: float) -> None:
        self.seconds = seconds
        self.allowance = Allowance(root)
        now = time.monotonic()
        self.allowance.start(now)
        self.end = now + seconds

    def left(self) -> float:
        """Seconds left (0 or less: past it); a caller waits ``min(left, LOOK)`` at a time."""
        now = time.monotonic()
        left = self.end + self.allowance.grant(now, beyond(self.seconds)) - now
        if left <= 0:  # a look now, before it is ended
            left = self.end + self.allowance.grant(now, beyond(self.seconds), fresh=True) - now
        return left
