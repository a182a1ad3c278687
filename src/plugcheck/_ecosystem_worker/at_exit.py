"""The ``atexit`` handlers a plugin's hooks registered, run as the host's interpreter runs them
when it exits (PC419). The hooks' child ends with ``os._exit``, which runs no handler: before, a
hookimpl that registered a handler that never returns (the host never exits) or that ends the
process with a failure status passed ("All checks passed"; red team red28). Handlers registered
at import are the harness's to run (its ``at-exit`` step), so the child forgets them first."""

from __future__ import annotations

import _thread
import atexit
import contextlib
import os
from collections.abc import Callable
from time import sleep as _sleep  # bound before any plugin runs: one may replace time.sleep

from . import shared
from .protocol import Where

MARK = b"(at-exit)"
"""What the hooks' child writes, with its pid and the hook that registered the handlers, before
it runs them: a child that ends after it ended there, not in a hook."""


class Registrar:
    """Which hook registered the handlers: the count is read before each call and after the
    last (a plugin may bypass ``atexit.register``'s Python name, never the count)."""

    def __init__(self) -> None:
        atexit._clear()  # its import's (and the host's): not the hooks', and run elsewhere
        self.count = 0
        self.last: str | None = None
        self.hook: str | None = None

    def calling(self, hook: str | None) -> None:
        """(child) ``hook`` is called next; ``None``: every call returned."""
        count = atexit._ncallbacks()
        if count > self.count:
            self.hook = self.hook or self.last
        self.count = count
        self.last = hook

    def run(
        self,
        name: str,
        module_file: str | None,
        write: int | None = None,
        where: Callable[[str], tuple[str | None, int | None]] | None = None,
    ) -> None:
        """(child) Run the handlers as the interpreter does, last registered first, within a
        step's deadline; one that hangs or raises is the plugin's answer, one that ends the
        process ends this child (after ``MARK`` on ``write``: the worker names it from there;
        else the child never says it was done, PC416)."""
        self.calling(None)
        if not self.count:
            return
        hook = self.hook or ""
        path, line = where(hook) if hook and where is not None else (None, None)
        if write is not None:
            place = f"{path}:{line}" if path and line else ""
            os.write(write, b"%s %d %s %s\n" % (MARK, os.getpid(), hook.encode(), place.encode()))

        def handlers() -> None:
            with shared.bounded():
                atexit._run_exitfuncs()

        done = _watchdog(write)
        raised = shared.UNRAISABLE.first_unraisable(handlers)
        done.append(True)
        if raised is None:
            return
        refused = shared.refusal(raised)  # first: describing it makes audit events of its own
        at = shared.plugin_frame(raised, module_file)
        if not at["path"]:
            at = Where(path=path, line=line)
        registered = f"{_registered(hook)}, {RUN}"
        if isinstance(raised, shared.StepTimeout):
            message = (
                f"{registered}, did not return within {shared.STEP_SECONDS} s: the host never exits"
            )
            shared.call_failed(name, message, at, hook=hook or None, problem="at-exit")
            return
        message = (
            f"{registered}, raised {shared.said(raised)}; "
            "the interpreter prints its traceback and exits with the host's own status"
        )
        shared.call_failed(
            name, message, at, hook=hook or None, problem="at-exit-raised", refused=refused
        )


HUNG = b"(at-exit-hung)"
"""What the watchdog writes, with the child's pid, before it ends the child (:func:`_watchdog`)."""


def _watchdog(write: int | None) -> list[bool]:
    """End this child one second after the handlers' deadline unless the list returned has
    been appended to by then: a handler that swallows the deadline's interruption and goes on
    (``except BaseException: pass`` in a loop) held the child until the worker's own deadline
    (``CHILD_SECONDS``: 17 s at a 1 s step, 162 s at the default 30 s), and was then PC416
    "did not finish" (red team red29, red30). Started with ``_thread``: no plugin's thread
    census sees it. A handler that holds the interpreter's lock (a C loop) keeps it from
    running: the worker's deadline ends the child then, named the same way (:func:`ended`)."""
    done: list[bool] = []
    if write is None:
        return done

    def watch() -> None:
        _sleep(shared.STEP_SECONDS + 1.0)
        if done:
            return
        with contextlib.suppress(OSError):
            os.write(write, b"%s %d\n" % (HUNG, os.getpid()))
        os._exit(0)

    # no thread left to start (the plugin took the process's limit): the worker's deadline
    with contextlib.suppress(RuntimeError):
        _thread.start_new_thread(watch, ())
    return done


def ended(
    said: list[bytes], pid: int | None, status: int | None
) -> tuple[str, str, str | None, int | None] | None:
    """(worker) When the child ``pid`` (any, for ``None``) ended while its handlers ran (or,
    with ``status`` ``None``, was killed at its deadline there, or its watchdog ended it):
    the message, the hook that registered them and where (both empty when unknown)."""
    hung = {raw.partition(b" ")[2] for raw in said if raw.startswith(HUNG + b" ")}
    if status is None or (hung and (pid is None or b"%d" % pid in hung)):
        did = "did not return before the step's deadline: the host never exits"
    else:
        code = os.waitstatus_to_exitcode(status)
        did = f"ended the process ({f'signal {-code}' if code < 0 else f'exit status {code}'})"
    for raw in said:
        mark, _, rest = raw.partition(b" ")
        own, _, tail = rest.partition(b" ")
        if mark != MARK or (pid is not None and own != b"%d" % pid):
            continue
        hook, _, at = tail.decode("utf-8", "replace").partition(" ")
        path, _, line_no = at.rpartition(":")
        line = int(line_no) if line_no.isdigit() else None
        return f"{_registered(hook)}, {RUN}, {did}", hook, path or None, line
    return None


RUN = "run as the host's interpreter exits"


def _registered(hook: str) -> str:
    return f"an atexit handler {hook}() registered" if hook else "an atexit handler"
