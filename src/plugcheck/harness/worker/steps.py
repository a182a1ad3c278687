"""One step of a plugin's run: timed against its deadline, reported (start, end, what it wrote
to stdout) and followed by a look at what the plugin tampered with."""

from __future__ import annotations

import builtins
import os
import sys
import time
from collections.abc import Callable

from . import starvation
from .accepts import unrun
from .audit import STATE
from .channel import Channel
from .constants import BETWEEN
from .describe import defined_at, error_of
from .host_exit import HostExit
from .kept import Kept
from .modules_gone import gone_modules
from .protocol_members import off_contract
from .shared_modules import SHARED
from .stdout import StdoutRecorder

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    import asyncio
    from typing import Any

    from plugcheck.harness.protocol import ChildRecord, StdoutGrowth, StepDone, StepName

    Msg = dict[str, Any]

_monotonic = time.monotonic
_type = type
_getattr = getattr
_hasattr = hasattr


class StepDriver:
    """Runs a plugin's steps one at a time, each timed against its deadline and reported over
    ``fd`` (its start, its end, what the plugin changed that it must not)."""

    def __init__(self, fd: int, request: Msg) -> None:
        self.channel = Channel(fd, request)
        self.request = request
        self.deadline = float(request["deadline"])
        self.stop_args: tuple[float, ...] = (self.deadline,)
        self.recorder: StdoutRecorder | None = None
        self.out_fd = -1
        self.fault_fd = -1
        self.builtins: dict[str, Any] = {}
        self.modules: dict[str, Any] = {}
        self.kept = (Kept({}), Kept({}))
        self.tampered: list[str] = []
        self.tamper_step: StepName | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.current: StepName = "import"
        self.exit = HostExit()

    def send(self, message: ChildRecord) -> None:
        self.channel.send(message)

    def clock(self, limit: float) -> float:
        return self.channel.clock(limit)

    def call(self, fn: Callable[[], Any], step: str = "") -> Any:
        """``fn()`` as the host calls it: awaited by an async host; from a lifecycle ``step`` of
        a synchronous host, a coroutine or generator is a failure (its body never runs)."""
        result = fn()
        if self.request.get("async") and awaitable_value(result):
            assert self.loop is not None
            return self.loop.run_until_complete(result)
        if step and (why := unrun(step, result) or off_contract(step, result)) is not None:
            raise TypeError(why)
        return result

    def step(
        self,
        name: StepName,
        fn: Callable[[], Any],
        *,
        target: Any = None,
        deadline: float | None = None,
    ) -> tuple[bool, Any]:
        limit = self.deadline if deadline is None else deadline
        end = self.clock(limit)
        where = defined_at(target) if target is not None else None
        self.send({"t": "step", "step": name, "deadline": limit, "target": where})
        before = self._stdout_size()
        if self.recorder is not None:
            self.recorder.first = None
            self.recorder.seen = False
        self.current = name
        looked, asked = starvation.look(self.channel.pid, alone=True), self._asked()
        start = _monotonic()
        value: Any = None
        failed: BaseException | None = None
        try:
            value = fn()
        except BaseException as exc:  # every plugin failure is data
            failed = exc
        now = _monotonic()
        seconds = now - start
        self.clock(BETWEEN)  # describing it runs plugin code (its __str__): on the harness's time
        # The server asked for its stacks past this step's end (its deadline counts from the
        # clock's start: a C sleep the signal cut short returned at 0.999 s of the driver's own
        # clock), not for the time between steps before it; or late by more than it waited.
        late = (self._asked() != asked and now >= end) or (
            seconds > limit and starvation.late(looked, self.channel.pid, seconds, limit)
        )
        error = error_of(failed) if failed is not None else None
        record: StepDone = {"t": "done", "step": name, "seconds": seconds, "target": where}
        record["outcome"] = "raised" if error else "timeout" if late else "ok"
        if error is not None:
            record["error"] = error
        record["stdout"] = self._stdout_record(before)
        self._check_tampering(name)
        self.send(record)
        # What init() and run() changed of the shared modules, before a shutdown() undoes it.
        if name == "run" and SHARED.look(STATE.roots, "by the end of its run"):
            self.send({"t": "facts", "step": "import", "facts": {"patched": SHARED.said}})
        return error is None and not late, value

    def _asked(self) -> int:
        """The size of the fault file, which grows when the server asks for the stacks."""
        try:
            return os.fstat(self.fault_fd).st_size
        except OSError:
            return -1

    def _stdout_size(self) -> int:
        try:
            if self.recorder is not None:
                self.recorder._stream.flush()
            return os.fstat(self.out_fd).st_size
        except BaseException:
            return 0

    def _stdout_record(self, before: int) -> StdoutGrowth | None:
        grown = self._stdout_size() - before
        if grown <= 0:
            return None
        where = self.recorder.first if self.recorder is not None else None
        return {"bytes": grown, "where": where}

    def _check_tampering(self, step: StepName) -> None:
        problems: list[str] = []
        current = builtins.__dict__
        # Fast path: identities compared in C (never ==, which runs a replacement's __eq__).
        same = self.kept[0].holds(current) and self.kept[1].holds(sys.modules)
        changed = (
            []
            if same
            else sorted(
                k for k, v in self.builtins.items() if k not in current or current[k] is not v
            )
        )
        if changed:
            problems.append("replaced builtins " + ", ".join(changed[:8]))
            current.clear()
            current.update(self.builtins)
        gone = [] if same else gone_modules(self.modules, self.request["module"].split(".")[0])
        if gone:
            problems.append("removed or replaced modules in sys.modules: " + ", ".join(gone[:8]))
            sys.modules.update({k: self.modules[k] for k in gone})
        for fd, stream in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
            try:
                os.fstat(fd)
            except OSError:
                problems.append(f"closed the process's {stream} (fd {fd})")
        if self.recorder is not None and not STATE.stdout_kept(self.recorder):
            problems.append("replaced sys.stdout")
            sys.stdout = self.recorder if STATE.host_stdout is None else STATE.host_stdout
        if problems and not self.tampered:
            self.tampered = problems
            self.tamper_step = step


def member(obj: Any, name: str) -> Any:
    """``obj.name``; if looking it up fails, a stand-in that fails the same way when called
    (inside the step, where failures are reported)."""
    try:
        return _getattr(obj, name)
    except BaseException as exc:
        error = exc

        def unavailable(*_args: Any, **_kwargs: Any) -> Any:
            raise error

        return unavailable


async def awaitable(value: Any) -> Any:
    return await value if awaitable_value(value) else value


def awaitable_value(value: Any) -> bool:
    return _hasattr(_type(value), "__await__") or _getattr(value, "__await__", None) is not None
