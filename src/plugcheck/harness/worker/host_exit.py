"""The host's exit after its last call: the interpreter runs ``threading``'s exit callbacks (an
executor's idle workers end there), then waits for every non-daemon thread, for ever. A thread
the plugin started at import, in its factory or in a host call (``lifecycle.calls``) and never
stopped keeps the host from exiting; a process it left running outlives the host. The leak
census after ``shutdown()`` (PC410) counts only what ``init`` and later steps started, so before
both passed ("All checks passed", red team red27)."""

from __future__ import annotations

import sys
import threading
import time

from .audit import plugin_frame
from .processes import (
    children,
    command,
    known,
    left_running,
    non_daemon_threads,
    pooled,
    strays,
    thread_name,
    unknown,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from plugcheck.harness.protocol import AfterShutdownFacts

    from .processes import Known

WAIT = 2.0
"""Seconds a thread asleep at the host's exit may take to end (one still working gets up to the
step's deadline): the host waits for ever, plugcheck cannot."""


class HostExit:
    """What ran before the plugin's import, and what ran when the lifecycle began."""

    def __init__(self) -> None:
        self.before: tuple[set[int], Known] = (set(), set())
        self.lifecycle: tuple[set[int], Known] | None = None
        self.handlers: Known = set()

    def start(self) -> None:
        """(before the plugin's import)"""
        self.before = (set(non_daemon_threads()), known(children()))

    def lifecycle_begins(self) -> None:
        """(at the census before ``init``) What runs from now on is PC410's after shutdown."""
        self.lifecycle = (set(non_daemon_threads()), known(children()))

    def left(self, deadline: float, clock: Callable[[float], object]) -> AfterShutdownFacts:
        """What the plugin left running that keeps the host from exiting (or outlives it)."""
        clock(deadline + 2.0)  # the server allows a step's deadline + 2.25 s
        until = time.monotonic() + deadline + 1.0
        _exit_callbacks(min(WAIT, deadline))
        cap = until - time.monotonic()
        threads, alive = left_running(*self.before, min(WAIT, deadline, cap), cap)
        if self.lifecycle is not None:  # only what ran before init(): the rest is PC410's
            earlier = self.lifecycle[0]
            threads = {k: t for k, t in threads.items() if k in earlier or pooled(t)}
            alive -= unknown(alive, self.lifecycle[1])
        facts: AfterShutdownFacts = {}
        if threads:
            frames = sys._current_frames()
            facts["threads"] = [
                {"name": thread_name(t), "where": plugin_frame(frames.get(k))}
                for k, t in threads.items()
            ]
        if alive:
            facts["children"] = sorted(command(pid) for pid in alive)
        if outside := strays():  # made outside its tree: no census above saw them
            facts["strays"] = sorted(command(pid) for pid in outside)
        self.handlers = known(children())
        return facts

    def handlers_left(self, deadline: float, clock: Callable[[float], object]) -> list[str]:
        """(after the ``atexit`` handlers ran) The processes they started that still run: they
        outlive the host as a process its import started does. A thread one starts is not
        counted: the interpreter waited for the threads before it ran the handlers."""
        clock(deadline + 2.0)
        _, alive = left_running(None, self.handlers, min(WAIT, deadline), deadline + 1.0)
        return sorted(command(pid) for pid in alive)


def _exit_callbacks(limit: float) -> None:
    """``threading``'s exit callbacks, as the interpreter calls them before it waits for the
    non-daemon threads, for ``limit`` seconds at most."""
    callbacks: Any = getattr(threading, "_threading_atexits", None)
    if not isinstance(callbacks, list):
        return
    if type(callbacks) is list and not list.__len__(callbacks):
        return  # none registered (nothing imported concurrent.futures): no thread to start

    def run() -> None:
        for callback in reversed(list(callbacks)):
            try:
                callback()
            except BaseException:  # the host's exit goes on to wait for the threads
                continue

    # In a daemon thread: one that never returns (an executor joining a worker whose work
    # never ends) holds the host's exit as a thread would, and the census names that thread.
    runner = threading.Thread(target=run, name="plugcheck-exit", daemon=True)
    try:
        runner.start()
    except RuntimeError:  # no thread left to start (the plugin took the process's limit):
        return  # the interpreter could not run them either; the census judges what is left
    runner.join(limit)
