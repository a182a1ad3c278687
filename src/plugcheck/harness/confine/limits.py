"""Resource limits as every plugin process gets them: soft and hard both the value, at most the
current hard limit (raising that needs privileges), so a plugin cannot lift a soft limit up to a
hard one left open. Python children set them in the worker (``worker/isolate.py``), executables
in the launcher (:mod:`.launch`) or, where it is not used, in :mod:`plugcheck.sandbox`'s pre-exec
hook; the parent reads :func:`capped` for ``prlimit``'s flags."""

from __future__ import annotations

import os

try:
    import resource
except ImportError:  # pragma: no cover - not POSIX
    resource = None  # type: ignore[assignment]

_getattr = getattr
_hasattr = hasattr


def capped(which: int, value: int) -> int:
    """``value`` lowered to the current hard limit of ``which``."""
    _soft, hard = resource.getrlimit(which)
    return value if hard == resource.RLIM_INFINITY else min(value, hard)


def set_limit(name: str, value: int) -> bool:
    """Limit ``name`` (``"RLIMIT_AS"``) to ``value``, soft and hard, capped; ``False`` where
    this system has no such limit or refuses it."""
    if resource is None or not _hasattr(resource, name):
        return False
    which = _getattr(resource, name)
    try:
        number = capped(which, value)
        resource.setrlimit(which, (number, number))
    except (ValueError, OSError):
        return False
    return True


def oom_first(proc: int | None = None) -> None:
    """``oom_score_adj`` 1000 for this process and what it starts: when memory runs out (its
    memory cgroup's or the machine's), the kernel kills a plugin's process first, not the fork
    server's zygote beside it nor another job. Raising it needs no privilege; the process may
    lower it again only as far as where it started (0), which makes it no worse than before.
    ``proc``: a descriptor of a ``/proc`` to write through (the namespace fallback's own
    ``/proc`` is read-only), else this process's ``/proc``."""
    try:
        if proc is None:
            fd = os.open("/proc/self/oom_score_adj", os.O_WRONLY)
        else:
            fd = os.open("self/oom_score_adj", os.O_WRONLY, dir_fd=proc)
    except OSError:
        return
    try:
        os.write(fd, b"1000")
    except OSError:
        pass
    finally:
        os.close(fd)
