"""The resource limits a sandboxed program gets (:class:`SandboxLimits`) as ``(resource, (soft,
hard))`` pairs, and the ways of setting them before it runs: the launcher's ``LIMITS``
(:func:`named`), ``prlimit``'s flags (:func:`prlimit_argv`) or a pre-exec hook (:func:`limiter`)."""

from __future__ import annotations

import functools
import math
import resource
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from plugcheck.harness.confine import capped, set_limit

MIB = 1 << 20


@dataclass(frozen=True, slots=True)
class SandboxLimits:
    """Resource limits applied in the child before ``exec``; ``None`` leaves one unset.

    ``processes`` is a budget of *new* tasks: RLIMIT_NPROC counts every task (thread) of the user,
    so the limit set is the machine's current task count plus this budget — never spuriously
    below what the user already runs. Root ignores RLIMIT_NPROC.
    """

    address_space: int | None = 2048 * MIB
    cpu_seconds: int | None = None
    """Default: twice the wall deadline, rounded up (at least 1 s)."""
    processes: int | None = 256
    file_size: int | None = 64 * MIB
    descriptors: int | None = 1024
    temp_size: int | None = 64 * MIB
    """What its directory (cwd, ``HOME``, ``TMPDIR``) holds in all: a tmpfs of that size, where
    the launcher makes namespaces (:func:`named`)."""


NO_MORE_THAN = SandboxLimits()
"""The default limits."""


def wanted(limits: SandboxLimits, deadline: float) -> list[tuple[int, tuple[int, int]]]:
    """The ``(resource, (soft, hard))`` limits to set in the child."""
    cpu = limits.cpu_seconds or max(1, math.ceil(deadline * 2))
    pairs: list[tuple[int, int]] = [(resource.RLIMIT_CPU, cpu)]
    if limits.address_space is not None:
        pairs.append((resource.RLIMIT_AS, limits.address_space))
    if limits.file_size is not None:
        pairs.append((resource.RLIMIT_FSIZE, limits.file_size))
    if limits.processes is not None and hasattr(resource, "RLIMIT_NPROC"):
        pairs.append((resource.RLIMIT_NPROC, _task_count() + limits.processes))
    if limits.descriptors is not None:
        pairs.append((resource.RLIMIT_NOFILE, limits.descriptors))
    pairs.append((resource.RLIMIT_CORE, 0))
    for name in ("RLIMIT_RTPRIO", "RLIMIT_NICE"):  # no real-time scheduling, no lower nice
        if hasattr(resource, name):
            pairs.append((getattr(resource, name), 0))
    return [(which, _capped(which, value)) for which, value in pairs]


_PRLIMIT_FLAGS = {
    resource.RLIMIT_CPU: "--cpu",
    resource.RLIMIT_AS: "--as",
    resource.RLIMIT_FSIZE: "--fsize",
    getattr(resource, "RLIMIT_NPROC", -1): "--nproc",
    resource.RLIMIT_NOFILE: "--nofile",
    resource.RLIMIT_CORE: "--core",
    getattr(resource, "RLIMIT_RTPRIO", -2): "--rtprio",
    getattr(resource, "RLIMIT_NICE", -3): "--nice",
}
_RLIMIT_NAMES = {
    value: name
    for name, value in vars(resource).items()
    if name.startswith("RLIMIT_") and isinstance(value, int)
}


def named(wanted: list[tuple[int, tuple[int, int]]], temp_size: int) -> str:
    """The launcher's ``LIMITS``: ``RLIMIT_AS=...,...`` and, where ``temp_size``, the cap of the
    program's directory in all (``TEMP_SIZE=bytes``, :func:`.confine.launch._temp_capped`)."""
    limits = ",".join(f"{_RLIMIT_NAMES[which]}={soft}" for which, (soft, _hard) in wanted)
    return limits + (f",TEMP_SIZE={temp_size}" if temp_size else "")


@functools.cache
def _prlimit() -> str | None:
    return shutil.which("prlimit")


def prlimit_argv(wanted: list[tuple[int, tuple[int, int]]]) -> list[str]:
    """``prlimit --cpu=.. --as=.. --`` (util-linux): limits set without forking the parent."""
    prlimit = _prlimit()
    if prlimit is None:
        return []
    flags = [f"{_PRLIMIT_FLAGS[which]}={soft}:{hard}" for which, (soft, hard) in wanted]
    return [prlimit, *flags, "--"]


def limiter(wanted: list[tuple[int, tuple[int, int]]]) -> Callable[[], None]:
    """The pre-exec hook when there is no prlimit (it runs between fork and exec)."""

    def apply() -> None:
        for which, (soft, _hard) in wanted:
            if not set_limit(_RLIMIT_NAMES[which], soft):
                raise OSError(f"cannot set {_RLIMIT_NAMES[which]}")

    return apply


def _capped(which: int, value: int) -> tuple[int, int]:
    """``(value, value)`` lowered to the current hard limit (raising it needs privileges)."""
    value = capped(which, value)
    return value, value


def _task_count() -> int:
    """Tasks on the machine now (an upper bound on the user's), from /proc/loadavg."""
    try:
        field = Path("/proc/loadavg").read_text().split()[3]
        return int(field.partition("/")[2])
    except (OSError, IndexError, ValueError):
        return 4096
