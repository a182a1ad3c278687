"""A ``pids`` cgroup per plugin process, where this process may make one: its threads and
processes together at most :data:`PIDS_MAX`, as root too (``RLIMIT_NPROC`` does not bind root).
The same functions make ``memory`` cgroups (``controller="memory"``): a plugin's processes
together hold at most a given number of bytes, where ``RLIMIT_AS`` bounds each one alone;
and ``cpu`` cgroups (``controller="cpu"``): a plugin's processes together weigh as one process
of the machine's when the processors are shared, however many it starts.

The server finds the ``pids`` controller of its own cgroup (cgroup v1's ``pids`` hierarchy, or
a v2 cgroup that delegates ``pids`` to its children), makes ``plugcheck-<pid>`` in it and one
cgroup per child; the child moves itself in before any plugin code runs. Where none can be made
(no ``pids`` controller, not writable), nothing is limited this way and nothing fails.

The namespace fallback's root holds ``/sys`` read-only: the server opens each base (and the
folder above it) first (``hold``), and every path below a held folder is then reached through
its descriptor, on the mount it was opened on (``_at``), as the launcher's ``CGROUP_FD`` is.
"""

from __future__ import annotations

import contextlib
import os

PIDS_MAX = 1024
"""Threads and processes of one plugin process, its own included: far above what a healthy
plugin starts (a thread pool, a few workers), far below the machine's ``pid_max``."""

_MOUNTS = "/proc/self/mountinfo"

_HELD: dict[str, int] = {}
"""Folders opened before the namespace fallback's root (``hold``), by path."""


def hold(path: str | None) -> None:
    """(server, before its confinement is prepared) Keep ``path`` and the folder above it
    open: what is made, written, read and removed below them later goes through them."""
    if not path:
        return
    for folder in (os.path.dirname(path), path):
        if folder not in _HELD:
            with contextlib.suppress(OSError):
                _HELD[folder] = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)


def held() -> list[int]:
    """The held folders' descriptors (a forked child keeps them until it is in its cgroups)."""
    return sorted(_HELD.values())


def release() -> None:
    """(a forked child, in its cgroups, before any plugin code) Close the held folders."""
    for fd in _HELD.values():
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


def _at(path: str) -> tuple[str, int | None]:
    """``path`` relative to the nearest held folder above it, and that folder's descriptor;
    ``(path, None)`` where none is held."""
    folder = os.path.dirname(path)
    while folder and folder != os.path.dirname(folder):
        held = _HELD.get(folder)
        if held is not None:
            return os.path.relpath(path, folder), held
        folder = os.path.dirname(folder)
    return path, None


def _open(path: str, flags: int) -> int:
    name, folder = _at(path)
    return os.open(name, flags, dir_fd=folder)


def _exists(path: str) -> bool:
    try:
        os.close(_open(path, os.O_RDONLY))
    except OSError:
        return False
    return True


def base(controller: str = "pids") -> str | None:
    """A cgroup of this server's own for its children's cgroups of ``controller``, or
    ``None``."""
    for parent in _candidates(controller):
        _sweep(parent)
        path = os.path.join(parent, f"plugcheck-{os.getpid()}")
        try:
            os.mkdir(path, 0o755)
        except FileExistsError:
            pass
        except OSError:
            continue
        if _delegates(parent, controller):  # cgroup v2: hand the controller on to the children
            with contextlib.suppress(OSError):
                _write(os.path.join(path, "cgroup.subtree_control"), f"+{controller}")
        probe = make(path, "probe", 1 if controller == "cpu" else PIDS_MAX, controller)
        if probe is not None:
            remove(probe)
            return path
        remove(path)
    return None


def make(
    parent: str | None, name: str, limit: int = PIDS_MAX, controller: str = "pids"
) -> str | None:
    """The cgroup ``name`` under ``parent`` with its ``controller``'s limit (``pids.max``;
    ``memory.max``, cgroup v1's ``memory.limit_in_bytes``; ``cpu.weight``, v1's
    ``cpu.shares``: ``limit`` times one process's weight) set to ``limit``, or ``None``."""
    if parent is None:
        return None
    path = os.path.join(parent, name)
    try:
        with contextlib.suppress(FileExistsError):
            name, folder = _at(path)
            os.mkdir(name, 0o755, dir_fd=folder)
        knob = _knob(path, controller)
        _write(os.path.join(path, knob), str(limit * _ONE.get(knob, 1)))
    except OSError:
        remove(path)
        return None
    return path


def enter(path: str | None, pid: int = 0) -> bool:
    """Move the process ``pid`` (0: this one), every thread of it, into ``path``."""
    if not path:
        return False
    try:
        _write(os.path.join(path, "cgroup.procs"), str(pid))
    except OSError:
        return False
    return True


def members(path: str) -> set[int] | None:
    """The processes in ``path`` (0 for one outside this PID namespace), or ``None``."""
    try:
        with open(
            _open(os.path.join(path, "cgroup.procs"), os.O_RDONLY), encoding="ascii"
        ) as procs:
            return {int(line) for line in procs.read().split()}
    except (OSError, ValueError):
        return None


def oom_kills(path: str | None) -> int:
    """How many processes the OOM killer of the ``memory`` cgroup ``path`` has ended, its
    descendants' included (``oom_kill`` of cgroup v2's ``memory.events``, of v1's
    ``memory.oom_control``); 0 where it cannot be read."""
    if not path:
        return 0
    for name in ("memory.events", "memory.oom_control"):
        try:
            with open(_open(os.path.join(path, name), os.O_RDONLY), encoding="ascii") as counts:
                for line in counts:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        except (OSError, ValueError):
            continue
    return 0


def remove(path: str | None) -> bool:
    """Remove the cgroup ``path`` (it must hold no process any more)."""
    if not path:
        return True
    try:
        name, folder = _at(path)
        os.rmdir(name, dir_fd=folder)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def _sweep(parent: str) -> None:
    """Remove what servers killed before they could clean up left (their process is gone;
    a cgroup that still holds a process is kept by the kernel)."""
    with contextlib.suppress(OSError):
        for name in os.listdir(parent):
            owner = name.removeprefix("plugcheck-")
            if owner == name or not owner.isdigit() or _alive(int(owner)):
                continue
            path = os.path.join(parent, name)
            with contextlib.suppress(OSError):
                for job in os.listdir(path):
                    if job.startswith(("job-", "slot-")):
                        remove(os.path.join(path, job))
            remove(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _write(path: str, text: str) -> None:
    fd = _open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def weigh(path: str | None, processes: int) -> bool:
    """Give the ``cpu`` cgroup ``path`` the weight of ``processes`` processes of the machine's
    (the fork server's base: each of its ``--jobs`` cells weighs one)."""
    if not path:
        return False
    knob = _knob(path, "cpu")
    try:
        _write(os.path.join(path, knob), str(processes * _ONE[knob]))
    except OSError:
        return False
    return True


_ONE = {"cpu.shares": 1024, "cpu.weight": 100}
"""The weight of one process (a cgroup's default) in cgroup v1's and v2's ``cpu`` knob."""


def _knob(path: str, controller: str) -> str:
    """The file that limits ``controller`` in the cgroup ``path``."""
    if controller == "memory" and _exists(os.path.join(path, "memory.limit_in_bytes")):
        return "memory.limit_in_bytes"  # cgroup v1
    if controller == "cpu":
        v1 = _exists(os.path.join(path, "cpu.shares"))
        return "cpu.shares" if v1 else "cpu.weight"
    return f"{controller}.max"


def _candidates(controller: str) -> list[str]:
    """Directories of ``controller`` that hold this process's own cgroup."""
    own: dict[str, str] = {}
    try:
        with open("/proc/self/cgroup", encoding="utf-8") as lines:
            for line in lines:
                _, controllers, path = line.rstrip("\n").split(":", 2)
                for each in controllers.split(",") if controllers else [""]:
                    own[each] = path
    except (OSError, ValueError):
        return []
    found: list[str] = []
    try:
        with open(_MOUNTS, encoding="utf-8") as mounts:
            for line in mounts:
                fields = line.split()
                if " - " not in line or len(fields) < 5:
                    continue
                root, point = fields[3], fields[4]
                kind, _, options = line.split(" - ", 1)[1].partition(" ")
                within = _within(root, own.get(controller if kind == "cgroup" else ""))
                if within is None:
                    continue
                path = os.path.join(point, within)
                v1 = kind == "cgroup" and controller in options.split()[-1].split(",")
                if v1 or (kind == "cgroup2" and _delegates(path, controller)):
                    found.append(path)
    except OSError:
        return []
    return found


def _within(root: str, own: str | None) -> str | None:
    """``own`` (a cgroup path) relative to a mount of the hierarchy at ``root``."""
    if own is None:
        return None
    if root == "/":
        return own.lstrip("/")
    if own == root or own.startswith(root.rstrip("/") + "/"):
        return own[len(root) :].lstrip("/")
    return None


def _delegates(path: str, controller: str) -> bool:
    try:
        with open(os.path.join(path, "cgroup.subtree_control"), encoding="utf-8") as control:
            return controller in control.read().split()
    except OSError:
        return False
