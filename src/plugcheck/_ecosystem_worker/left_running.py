"""The leak census of a plugin's child: what the plugin's import, its entry function and the
host's own code it was handed leave running when the host's interpreter would exit.

The harness counts what a plugin leaves after ``shutdown()`` (PC410) and after the host drops
its object (PC421); a setup function has neither, so the host's exit is the moment: the
interpreter first runs ``threading``'s exit callbacks (an executor's idle workers end there),
then waits for every non-daemon thread, for ever. A thread still running :data:`WAIT` seconds
after those callbacks keeps the host from exiting; a process the plugin started and left
running outlives the host (or, a ``multiprocessing`` one, keeps it waiting too). Before, both
passed ("All checks passed": red team red25, fixed in red26).
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from . import shared
from .own_files import is_own
from .protocol import Where

WAIT = 2.0
"""Seconds a thread asleep may take to end once the host's exit began (an executor's idle worker
takes a few milliseconds); one still working is waited for up to the step bound."""


def census() -> tuple[set[int], set[int]]:
    """The non-daemon threads (by ident) and the child processes (by pid) running now."""
    return set(shared.PROCESSES.non_daemon_threads()), shared.PROCESSES.children()


def report(name: str, ref: str, export: str, before: tuple[set[int], set[int]]) -> None:
    """A ``call-failed`` answer (``problem: left-running``) for what runs now that did not
    ``before`` and is still running once the host's exit would have waited for it: at the
    innermost line of a thread's stack in the plugin's files, else at ``export``'s ``def``."""
    _exit_callbacks()
    # a thread still working (runnable, gaining CPU) gets up to the host's step bound
    threads, children = shared.PROCESSES.left_running(*before, WAIT, max(WAIT, shared.STEP_SECONDS))
    if not threads and not children:
        return
    module = sys.modules.get(ref.partition(":")[0])
    module_file = getattr(module, "__file__", None)
    frames = sys._current_frames()
    where = Where(path=None, line=None)
    parts = []
    for ident, thread in threads.items():
        found = _own_frame(frames.get(ident), module_file)
        if where["path"] is None and found["path"] is not None:
            where = found
        parts.append(f"non-daemon thread {shared.PROCESSES.thread_name(thread)!r}")
    if threads:
        parts[-1] += (
            f" (still running {WAIT:g} s after the host's exit began: its interpreter waits "
            "for it and never exits)"
        )
    if where["path"] is None:
        function = getattr(module, export, None) if module is not None else None
        where = shared.class_where(function) if function is not None else where
    if children:
        listed = ", ".join(f"`{shared.PROCESSES.command(pid)}`" for pid in sorted(children)[:5])
        parts.append(f"child processes {listed} (still running: they outlive the host)")
    shared.call_failed(name, f"it left running {'; '.join(parts)}", where, problem="left-running")


def handlers_left(name: str, ref: str, export: str, started: set[int]) -> None:
    """(after the ``atexit`` handlers ran) A ``call-failed`` answer for the processes they
    started (not among ``started``) that still run: they outlive the host. A thread one starts
    is not counted: the interpreter waited for the threads before it ran the handlers."""
    _, children = shared.PROCESSES.left_running(None, started, WAIT, max(WAIT, shared.STEP_SECONDS))
    if not children:
        return
    module = sys.modules.get(ref.partition(":")[0])
    function = getattr(module, export, None) if module is not None else None
    where = shared.class_where(function) if function is not None else Where(path=None, line=None)
    listed = ", ".join(f"`{shared.PROCESSES.command(pid)}`" for pid in sorted(children)[:5])
    message = (
        f"an atexit handler it registered started child processes {listed} and left them "
        "running (they outlive the host)"
    )
    shared.call_failed(name, message, where, problem="left-running")


def _exit_callbacks() -> None:
    """``threading``'s exit callbacks, as the interpreter calls them before it waits for the
    non-daemon threads (``concurrent.futures`` wakes and ends its idle workers there)."""
    callbacks = getattr(threading, "_threading_atexits", None)
    if not isinstance(callbacks, list):
        return
    for callback in reversed(list(callbacks)):
        try:
            with shared.bounded(int(WAIT) + 1):
                callback()
        except BaseException:  # the host's exit goes on to wait for the threads
            continue


def _own_frame(frame: Any, module_file: str | None) -> Where:
    """The innermost frame of ``frame``'s stack in the plugin's own files."""
    while frame is not None:
        filename = frame.f_code.co_filename
        if is_own(filename, module_file):
            return Where(path=filename, line=frame.f_lineno)
        frame = frame.f_back
    return Where(path=None, line=None)
