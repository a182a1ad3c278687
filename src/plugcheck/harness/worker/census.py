"""The leak census: threads, child processes and descriptors a plugin left behind after
``shutdown``, counted even when the plugin exhausted its descriptors."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time

from .audit import plugin_frame
from .processes import children as _children
from .processes import command as _command
from .processes import known as _known
from .processes import non_daemon_threads as _threads
from .processes import pooled as _pooled
from .processes import running as _reap
from .processes import unknown as _unknown

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    from plugcheck.harness.protocol import AfterShutdownFacts

    Msg = dict[str, Any]

_monotonic = time.monotonic


def _fds() -> set[int]:
    """Open descriptors (not the transient ones used to list them)."""
    for directory in ("/proc/self/fd", "/dev/fd"):
        try:
            names = os.listdir(directory)
        except OSError:
            continue
        found = set()
        for name in names:
            try:
                os.fstat(int(name))
            except (OSError, ValueError):
                continue  # the listing's own descriptor, closed by now
            found.add(int(name))
        return found
    return set()


def child_pids() -> set[int]:
    """This process's children. Not skipped when the audit hook counted no fork: a C library's
    ``fork`` (a native extension's helper, ``ctypes``) raises no audit event, and such a helper
    left running after ``shutdown()`` passed (``testdata/hostile/plugins/native_fork_helper.py``).
    Asking costs one ``waitid`` where there is no child (``processes.childless``)."""
    return _children()


def census() -> Msg:
    with SPARE:
        # by (pid, start time): a recycled pid is not the process counted here
        return {"threads": set(_threads()), "children": _known(child_pids()), "fds": _fds()}


class Spare:
    """Descriptors held back from the plugin: released while the harness lists /proc (which
    needs a descriptor or two), so a plugin that exhausts RLIMIT_NOFILE cannot hide its leaks."""

    COUNT = 4

    def __init__(self) -> None:
        self.fds: list[tuple[int, tuple[int, int]]] = []

    def take(self) -> None:
        for _ in range(self.COUNT - len(self.fds)):
            try:
                fd = os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC)
                stat = os.fstat(fd)
            except OSError:
                return
            self.fds.append((fd, (stat.st_dev, stat.st_ino)))

    def __enter__(self) -> None:
        for fd, identity in self.fds:
            with contextlib.suppress(OSError):
                stat = os.fstat(fd)
                if (stat.st_dev, stat.st_ino) == identity:  # still ours, not the plugin's
                    os.close(fd)
        self.fds = []

    def __exit__(self, *exc: object) -> None:
        self.take()


SPARE = Spare()


def leaked_since(before: Msg, settle: float) -> AfterShutdownFacts:
    """Non-daemon threads, child processes and fds that exist now but did not before init."""
    with SPARE:
        return _measure_leaks(before, settle)


def _measure_leaks(before: Msg, settle: float) -> AfterShutdownFacts:
    until = _monotonic() + settle
    while True:
        threads = {
            k: t for k, t in _threads().items() if k not in before["threads"] and not _pooled(t)
        }
        children = _reap(_unknown(child_pids(), before["children"]))
        if (not threads and not children) or _monotonic() >= until:
            break
        time.sleep(0.005)
    fds = sorted(_fds() - before["fds"])
    if fds:
        gc.collect()  # a file object in a reference cycle is closed by the collector
        fds = sorted(_fds() - before["fds"])
    facts: AfterShutdownFacts = {}
    if threads:
        frames = sys._current_frames()
        facts["threads"] = [
            {"name": t.name, "where": plugin_frame(frames.get(ident))}
            for ident, t in threads.items()
        ]
    home = os.getcwd()
    if children:
        facts["children"] = sorted(_command(pid) for pid in children)
    if fds:
        described = []
        for fd in fds[:10]:
            try:
                target = os.readlink(f"/proc/self/fd/{fd}").replace(home, "$HOME")
                described.append(f"{fd} -> {target}")
            except OSError:
                described.append(str(fd))
        facts["fds"] = described
    return facts
