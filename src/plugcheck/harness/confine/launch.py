"""The launcher for executables: ``python -I -S confine/__main__.py LIMITS WRITABLE TCP
READABLE REPORT -- PROGRAM ARGS...``."""

from __future__ import annotations

import contextlib
import os
import sys

from .limits import oom_first, set_limit
from .namespaces import _MS_NODEV, _MS_NOSUID, _fallback, _mount, pid_namespace_of_its_own
from .plan import Plan


def launch(argv: list[str]) -> int:
    """``confine/__main__.py LIMITS WRITABLE TCP READABLE REPORT -- PROGRAM ARGS...``: set each
    ``resource=value`` limit (soft = hard), join a memory cgroup (``CGROUP_FD=n``), cap
    ``WRITABLE`` (``TEMP_SIZE=bytes``), confine (reading only below :data:`SYSTEM` and the
    ``READABLE`` paths; ``*``: everywhere), exec. Exit 126/127 with one line on stderr when it
    cannot. ``REPORT`` (a descriptor number, or ``-``) gets one line before the ``exec``, the
    namespaces the program really runs in (:func:`_said`): where one could not be made (the
    kernel refused a PID namespace, or a ``/proc`` of its own in it), the program runs without
    it and plugcheck's report must not claim it (before, nothing said so)."""
    try:
        split = argv.index("--")
    except ValueError:
        split = len(argv)
    options, program = argv[1:split], argv[split + 1 :]
    if len(options) != 5 or not program:
        sys.stderr.write(
            "plugcheck-confine: usage: LIMITS WRITABLE TCP READABLE REPORT -- PROGRAM ARGS...\n"
        )
        return 2
    limits, writable, tcp, reads, report = options
    temp_size = 0
    joined = False
    for pair in filter(None, limits.split(",")):
        name, _, value = pair.partition("=")
        if name == TEMP_SIZE:
            temp_size = int(value)
            continue
        if name in (CGROUP_FD, CPU_CGROUP_FD):  # before it forks: what it starts is born there too
            entered = _join(int(value))
            joined = entered if name == CGROUP_FD else joined  # (the report names the memory one)
            continue
        if not set_limit(name, int(value)):
            sys.stderr.write(
                f"plugcheck-confine: failed to execute {program[0]}: cannot set {name}\n"
            )
            return 126
    oom_first()  # the program, before anything else of the machine's
    readable = None if reads == "*" else [r for r in reads.split(os.pathsep) if r]
    writable_paths = [w for w in writable.split(os.pathsep) if w]
    landlock = bool(Plan(tcp_listen=tcp == "1").landlock)
    # A go-plugin server (``tcp``) keeps unix sockets, whose connect() no Landlock right
    # covers: in the private root, a socket file outside what it may read (docker.sock, an
    # ssh agent's, a CI runner's) is not there at all (red team red23).
    if readable is not None and (tcp == "1" or not landlock):
        # The program's directory, its PATH and the launcher's Python are in ``readable``.
        extra = [sys.prefix, sys.base_prefix]
        found = _fallback([*readable, *extra], writable_paths, net=tcp != "1", landlock=landlock)
    else:  # nothing the program starts outlives it, even out of its session
        found = pid_namespace_of_its_own(net=tcp != "1")
    # A go-plugin server's too: plugcheck reaches its unix socket through /proc/<pid>/root.
    if found and temp_size and _temp_capped(writable_paths, temp_size):
        found.append("temp-cap")
    _said(report, [*found, *(["memory-cgroup"] if joined else [])])
    # The read rules are opened now, in the PID namespace: the rule for /proc is its own /proc's.
    plan = Plan(tcp_listen=tcp == "1", readable=readable)
    if plan.apply(writable_paths) != plan.mechanisms():
        sys.stderr.write(f"plugcheck-confine: failed to execute {program[0]}: cannot confine it\n")
        return 126
    try:
        os.execvp(program[0], program)
    except OSError as exc:
        sys.stderr.write(
            f"plugcheck-confine: failed to execute {program[0]}: {exc.strerror or exc}\n"
        )
        return 127 if isinstance(exc, FileNotFoundError) else 126


TEMP_SIZE = "TEMP_SIZE"
"""The ``LIMITS`` entry (``TEMP_SIZE=bytes``) that caps the writable directories in all."""


CGROUP_FD = "CGROUP_FD"
"""The ``LIMITS`` entry (``CGROUP_FD=n``): a descriptor of the ``cgroup.procs`` of the memory
cgroup plugcheck made for this program's processes (``plugcheck.sandbox_memory``)."""
CPU_CGROUP_FD = "CPU_CGROUP_FD"
"""Likewise for the ``cpu`` cgroup in which its processes weigh as one."""


def _join(fd: int) -> bool:
    """Move this process into the cgroup whose ``cgroup.procs`` ``fd`` is open on, and close
    it (the program never holds it). Where the kernel refuses, it runs without (and says so)."""
    try:
        os.write(fd, b"0")
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
    return True


def _temp_capped(writable: list[str], size: int) -> bool:
    """(in the user and mount namespaces the launcher made) Mount a tmpfs of ``size`` bytes,
    and one inode per page, over each ``writable`` directory, and work in it again: what the
    program writes there, data or empty files, ends in ``ENOSPC`` instead of filling the
    machine's disk (``RLIMIT_FSIZE`` bounds only each file). Its files go with the namespace;
    plugcheck reads none of them. Before, an exec plugin wrote 120 MiB and 30,000 files into
    its directory in the system's temp dir, as many as its deadline allowed (red team red53)."""
    here = os.getcwd()
    options = f"size={size},nr_inodes={max(size // 4096, 1024)},mode=0700".encode()
    for path in writable:
        if not _mount(b"tmpfs", path, b"tmpfs", _MS_NOSUID | _MS_NODEV, options):
            return False
    with contextlib.suppress(OSError):
        os.chdir(here)  # the mount over it, not the directory beneath
    return True


def _said(report: str, found: list[str]) -> None:
    """Write ``confined: NAME...`` (the namespaces in force) on the descriptor ``report`` and
    close it, so the program never holds it."""
    if not report.isdigit():
        return
    fd = int(report)
    try:
        os.write(fd, ("confined: " + " ".join(found) + "\n").encode())
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
