"""The host's exit in a plugin's child, once the calls it judges are done: what the plugin's
import, its entry function, the host's own code it was handed or its hooks' calls leave running
when the host's interpreter would exit, and the ``atexit`` handlers those calls registered.

The harness counts what a plugin leaves after ``shutdown()`` (PC410) and after the host drops
its object (PC421); a setup function or a pluggy hook has neither, so the host's exit is the
moment: the interpreter first runs ``threading``'s exit callbacks (an executor's idle workers
end there), then waits for every non-daemon thread, for ever, then runs the ``atexit`` handlers.
A thread still running :data:`WAIT` seconds after those callbacks keeps the host from exiting;
a process the plugin started and left running outlives the host (or, a ``multiprocessing`` one,
keeps it waiting too); so does one a handler starts. Before, each passed ("All checks passed":
red team red25 for setup functions, fixed in red26; red team red30 for hook calls).

One mechanism for both children that make calls (:class:`HostExit`): the setup-function child
(``main._answer``: the import and the entry function) and the hooks' child (``hooks._in_child``:
each hook's call, the census taken after the registration, whose import the harness judges).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from . import at_exit, shared
from .own_files import is_own
from .protocol import Where

WAIT = 2.0
"""Seconds a thread asleep may take to end once the host's exit began (an executor's idle worker
takes a few milliseconds); one still working is waited for up to the step bound."""

Defined = Callable[[str], tuple[str | None, int | None]]
"""Where the plugin defines a call (a hook, the entry function) by its name: its ``def``."""
Known = set[tuple[int, int]]
"""Processes by (pid, start time), as ``processes.known`` gives them: a recycled pid is not
the process counted before."""


class HostExit:
    """(a plugin's child) What runs before its calls, which call started what, and the exit.

    With ``census``, the child becomes a subreaper first: a process a call double-forks (its
    parent ends, the daemon is an orphan) is then this child's, not the worker's, and is counted
    (before, a setup function whose helper forked a ``setsid`` daemon and ended passed)."""

    def __init__(self, census: bool, first: str | None = None) -> None:
        if census:
            shared.APART.subreaper()
        self.judged: Known = set()
        """Processes another census judged (a pluggy plugin's hooks' child, forked from this
        one, counts what its calls left; those come back here as its orphans when it ends)."""
        self.during: str | None = None
        """The host's call the code running now is part of, for a location only (a pluggy
        registration: the addhooks hook, which the host calls while it registers the plugin)."""
        self.before = _census() if census else None
        self.strays: Known = shared.PROCESSES.known(shared.PROCESSES.strays()) if census else set()
        """Its parent's children in its process group already (a pluggy registration's, for
        its hooks' child): not made by its calls."""
        self.exits = at_exit.Registrar()
        self.exits.last = first
        self.by: dict[int, str] = {}
        """The call during which each thread (by ident) or process (by pid) was first seen."""
        self._spawned = shared.QUOTA.TREE.spawned()
        self._seen = (set(self.before[0]), set(self.before[1])) if self.before else None
        CURRENT[:] = [self]

    def begin(self) -> None:
        """What runs now is not the calls' (the plugin's import: the harness judges it)."""
        if self.before is not None:
            self.before = _census()
            self._seen = (set(self.before[0]), set(self.before[1]))

    def calling(self, call: str | None) -> None:
        """``call`` is made next (``None``: every call returned)."""
        self._attribute()
        self.exits.calling(call)

    def _attribute(self) -> None:
        """What runs now and did not at the last look is the last call's: threads are listed
        from the interpreter's table, processes from ``/proc`` only when the quota's counter
        says something was started (a process a plugin starts past the audit hook is judged
        all the same at the exit, at the last call's ``def``)."""
        last, seen = self.exits.last, self._seen
        if seen is None or last is None:
            return
        for ident in set(shared.PROCESSES.non_daemon_threads()) - seen[0]:
            self.by.setdefault(ident, last)
            seen[0].add(ident)
        spawned = shared.QUOTA.TREE.spawned()
        made = set(self.made_outside())  # (no audit event: a raw clone through ctypes)
        if spawned != self._spawned:
            self._spawned = spawned
            made |= shared.PROCESSES.children()
        new = shared.PROCESSES.unknown(made, seen[1])
        for pid in new:
            self.by.setdefault(pid, last)
        seen[1].update(shared.PROCESSES.known(new))

    def run(self, name: str, module_file: str | None, where: Defined, write: int | None) -> None:
        """As the interpreter exits: the threads' exit callbacks and the wait for them, then
        the handlers the calls registered (:class:`at_exit.Registrar`), then the processes
        those handlers left running. ``write``: the pipe ``at_exit.MARK`` goes to."""
        self.calling(None)
        started = None
        if self.before is not None:
            self._left(name, module_file, where, (self.before[0], self.before[1] | self.judged))
            started = shared.PROCESSES.known(shared.PROCESSES.children()) | self.judged
        self.exits.run(name, module_file, write, where)
        if started is not None:
            self._handlers_left(name, where, started)

    def _left(
        self, name: str, module_file: str | None, where: Defined, before: tuple[set[int], Known]
    ) -> None:
        """A ``call-failed`` answer (``problem: left-running``) for what runs now that did not
        ``before`` and is still running once the host's exit would have waited for it: at the
        innermost line of a thread's stack in the plugin's files, else at the ``def`` of the
        call it was first seen after."""
        _exit_callbacks()
        # a thread still working (runnable, gaining CPU) gets up to the host's step bound
        cap = max(WAIT, shared.STEP_SECONDS)
        threads, children = shared.PROCESSES.left_running(*before, WAIT, cap)
        children |= self.made_outside()
        if not threads and not children:
            return
        frames = sys._current_frames()
        at = Where(path=None, line=None)
        calls = []
        parts = []
        for ident, thread in threads.items():
            found = _own_frame(frames.get(ident), module_file)
            if at["path"] is None and found["path"] is not None:
                at = found
            calls.append(self.by.get(ident))
            parts.append(f"non-daemon thread {shared.PROCESSES.thread_name(thread)!r}")
        if threads:
            parts[-1] += (
                f" (still running {WAIT:g} s after the host's exit began: its interpreter waits "
                "for it and never exits)"
            )
        if children:
            listed = ", ".join(f"`{shared.PROCESSES.command(pid)}`" for pid in sorted(children)[:5])
            parts.append(f"child processes {listed} (still running: they outlive the host)")
            calls += [self.by.get(pid) for pid in sorted(children)]
        call = next((c for c in calls if c), self.exits.last)
        if at["path"] is None and (call or self.during):
            path, line = where(call or self.during or "")
            at = Where(path=path, line=line)
        message = f"it left running {'; '.join(parts)}"
        shared.call_failed(name, message, at, hook=call, problem="left-running")

    def made_outside(self) -> set[int]:
        """Processes its calls made as its parent's children (``clone`` with
        ``CLONE_PARENT``, where no seccomp filter ends them), outside its tree."""
        if self.before is None:
            return set()
        found: set[int] = shared.PROCESSES.unknown(shared.PROCESSES.strays(), self.strays)
        return found

    def _handlers_left(self, name: str, where: Defined, started: Known) -> None:
        """(after the ``atexit`` handlers ran) A ``call-failed`` answer for the processes they
        started (not among ``started``) that still run: they outlive the host. A thread one
        starts is not counted: the interpreter waited for the threads before it ran the
        handlers."""
        cap = max(WAIT, shared.STEP_SECONDS)
        _, children = shared.PROCESSES.left_running(None, started, WAIT, cap)
        if not children:
            return
        call = self.exits.hook or None
        path, line = where(call) if call else (None, None)
        listed = ", ".join(f"`{shared.PROCESSES.command(pid)}`" for pid in sorted(children)[:5])
        message = (
            f"an atexit handler {f'{call}() ' if call else 'it '}registered started child "
            f"processes {listed} and left them running (they outlive the host)"
        )
        at = Where(path=path, line=line)
        shared.call_failed(name, message, at, hook=call, problem="left-running")


CURRENT: list[HostExit] = []
"""The host's exit of this child, for :func:`begin`."""


def begin() -> None:
    """(a mode, once the plugin is imported) What runs now is the import's, not the calls'."""
    for host_exit in CURRENT:
        host_exit.begin()


def during(call: str | None) -> None:
    """(a mode) The code that runs now is part of the host's ``call`` (a location only)."""
    for host_exit in CURRENT:
        host_exit.during = call


def judged(processes: Known) -> None:
    """(a pluggy plugin's child) The hooks' child counted ``processes``, which it left: not
    this child's to count again."""
    for host_exit in CURRENT:
        host_exit.judged |= processes


def _census() -> tuple[set[int], Known]:
    """The non-daemon threads (by ident) and the child processes (by pid and start time)
    running now."""
    return set(shared.PROCESSES.non_daemon_threads()), shared.PROCESSES.known(
        shared.PROCESSES.children()
    )


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
