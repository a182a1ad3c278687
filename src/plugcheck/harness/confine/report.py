"""What confines plugin processes on this kernel, for the report."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from .kernel import _PR_SET_DUMPABLE, _prctl
from .plan import Plan

FILES = ("landlock-reads", "fs-namespace")
"""Either confines what a plugin process reads and writes (``--require-confinement``)."""


def python_plugins() -> list[str]:
    """The mechanisms that confine a Python plugin's child on this kernel (the worker builds
    its plan the same way, with the real paths to read), and the fork server's namespaces:
    ``temp-cap`` and ``net-namespace`` where unprivileged user namespaces are allowed,
    ``pid-namespace`` where the server can also be the first process of a PID namespace with a
    ``/proc`` of its own, and where Landlock is missing ``fs-namespace`` (the fallback);
    ``memory-cgroup`` where plugcheck's user may make ``memory`` cgroups (the fallback's
    server makes them through folders it opened before its read-only root).
    The namespaces are probed in a fresh interpreter (``confine/__main__.py --probe``), never by
    forking this process."""
    if not _FOUND:
        _FOUND.append(_python_plugins())
    return list(_FOUND[0])


_FOUND: list[list[str]] = []


def _python_plugins() -> list[str]:
    plan = Plan(unix=False, readable=[])
    plan.close()
    found = plan.mechanisms()
    if not sys.platform.startswith("linux"):
        return found
    import subprocess

    main = os.path.join(os.path.dirname(os.path.abspath(__file__)), "__main__.py")
    argv = [sys.executable, "-I", "-S", main, "--probe", "pid"]
    try:
        level = subprocess.run(argv, check=False, capture_output=True, timeout=30).returncode
    except (OSError, subprocess.SubprocessError):
        level = 0
    if level >= 1:
        found += ["temp-cap", "net-namespace"]
    if level == 2:
        found += ["pid-namespace"] if plan.landlock else ["pid-namespace", "fs-namespace"]
    return found + (["memory-cgroup"] if _memory_cgroups() else [])


def _memory_cgroups() -> bool:
    """Whether plugcheck's user may make ``memory`` cgroups, which bound a plugin's processes
    together. In plugcheck's process only: the worker loads this package by path, alone, and
    has its own ``pids_cgroup``."""
    from ..worker import pids_cgroup

    base = pids_cgroup.base("memory")
    return base is not None and pids_cgroup.remove(base)


NAMESPACES = frozenset({"pid-namespace", "fs-namespace", "temp-cap", "memory-cgroup"})
"""What the launcher says it put in force (``confined: ...``, :func:`.launch.launch`)."""

_WITHOUT: dict[str, bool] = {}


def ran_without(missing: Iterable[str], *, said: bool = False) -> None:
    """Note mechanisms of :func:`python_plugins` that some plugin process ran without: the
    kernel refused a fork server or the launcher (an exec plugin, a go-plugin server, a native
    loader, the setup-function worker) what the probe had found, a PID namespace or a ``/proc``
    of its own in it. The report then does not claim them (:func:`shortfall`). ``said``: the
    caller has said so already (a fork server's note naming its contract)."""
    for name in missing:
        _WITHOUT[name] = _WITHOUT.get(name, True) and said


def shortfall(*, forget: bool = False) -> dict[str, bool]:
    """What :func:`ran_without` noted since the last ``forget``, and whether that was said."""
    found = dict(_WITHOUT)
    if forget:
        _WITHOUT.clear()
    return found


def undumpable() -> bool:
    """PR_SET_DUMPABLE 0: this process's /proc files (fd, mem, environ) are root's and only a
    ptracer with CAP_SYS_PTRACE may read them."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return _prctl(_PR_SET_DUMPABLE, 0) == 0
    except (OSError, AttributeError):
        return False


_WORDS = {
    "temp-cap": "temporary directory capped (a tmpfs of its own)",
    "net-namespace": "no network (a network namespace of its own)",
    "memory-cgroup": "memory bounded for a plugin's processes together (a memory cgroup)",
    "pid-namespace": "no other process visible (a PID namespace of its own)",
    "fs-namespace": (
        "a read-only root holding only the plugin, its host, the Python environment and "
        "system paths (mount namespace)"
    ),
}


def describe(mechanisms: list[str]) -> str:
    """One line for the report's note."""
    if not set(mechanisms) - {"no-new-privs", "no-capabilities", "memory-cgroup"}:
        none = "none available (no Landlock, no seccomp, no user namespaces on this kernel)"
        return none + (f"; {_WORDS['memory-cgroup']}" if "memory-cgroup" in mechanisms else "")
    words = []
    for mechanism in mechanisms:
        if mechanism.startswith("landlock-abi-"):
            abi = int(mechanism.rsplit("-", 1)[1])
            scope = ", TCP" if abi >= 4 else ""
            scope += ", signals and abstract sockets" if abi >= 6 else ""
            words.append(f"Landlock ABI {abi} (files{scope})")
        elif mechanism == "landlock-reads":
            words.append(
                "reads only below the plugin, its host, the Python environment and system paths"
            )
        elif mechanism == "seccomp":
            words.append("seccomp filter")
        elif mechanism == "no-unix-sockets":
            words.append("no unix sockets (a go-plugin's excepted)")
        elif mechanism in _WORDS:
            words.append(_WORDS[mechanism])
        else:
            words.append(mechanism)
    if "memory-cgroup" not in mechanisms:
        words.append("not the memory of a plugin's processes together (no memory cgroup here)")
    return ", ".join(words)
