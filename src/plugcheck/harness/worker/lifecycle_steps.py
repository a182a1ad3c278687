"""A plugin object's lifecycle as the host drives it: init, run (or a long-running run stopped
through shutdown), shutdown twice, the leak census after it, an invalid config and a reload."""

from __future__ import annotations

import contextlib
import importlib
import sys
import threading

from .audit import STATE, plugin_frame
from .census import census, leaked_since
from .constants import SETTLE
from .describe import defined_at, error_of, qualname
from .export_types import attribute_path
from .protocol_members import shutdown_args
from .steps import StepDriver, awaitable, member

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    from plugcheck.harness.protocol import (
        AfterShutdownFacts,
        InvalidConfigFacts,
        ReloadFacts,
        RunFacts,
        StepDone,
        StepName,
    )

    Msg = dict[str, Any]

_type = type
_getattr = getattr


def run_lifecycle(d: StepDriver, obj: Any, factory: Any, lifecycle: Msg, module: Any) -> None:
    baseline = census()
    d.exit.lifecycle_begins()
    d.clock(d.deadline)  # attribute lookups below run plugin code too
    config = lifecycle.get("config") or {}
    # What the host's protocol leaves out, the host never calls (read by the server before
    # any plugin ran): reported skipped, never called. A long-running plugin is stopped
    # through shutdown(), so there it is always called.
    undeclared = set(lifecycle.get("undeclared") or [])
    if lifecycle.get("long_running"):
        undeclared.clear()
    if "init" in undeclared:
        _not_called(d, "init")
    else:
        init = member(obj, "init")
        ok, _ = d.step("init", lambda: d.call(lambda: init(dict(config)), "init"), target=init)
        if not ok:
            return
    run = member(obj, "run")
    shutdown = member(obj, "shutdown")
    deadline = d.deadline
    d.stop_args = stop = shutdown_args(lifecycle.get("protocol"), deadline)
    if not stop:  # messages then say shutdown(), as the host calls it
        d.send({"t": "facts", "step": "shutdown", "facts": {"no_timeout": True}})
    if lifecycle.get("long_running"):
        ok = _long_running(d, run, shutdown)
        if not ok:
            return
    else:
        if "run" in undeclared:
            _not_called(d, "run")
        else:
            ok, _ = d.step("run", lambda: d.call(run, "run"), target=run)
            if not ok:
                return
        if "shutdown" in undeclared:
            d.exit.lifecycle = None  # what init() and run() started runs to the host's exit
            for step in ("shutdown", "second-shutdown", "after-shutdown"):
                _not_called(d, step)
            _after_lifecycle(d, factory, lifecycle, module, obj)
            return
        ok, _ = d.step(
            "shutdown", lambda: d.call(lambda: shutdown(*stop), "shutdown"), target=shutdown
        )
        if not ok:
            return
    d.step("second-shutdown", lambda: d.call(lambda: shutdown(*stop)), target=shutdown)
    leaks: AfterShutdownFacts = {}
    d.step(
        "after-shutdown",
        lambda: leaks.update(leaked_since(baseline, min(SETTLE, deadline))),
        target=shutdown,
        deadline=deadline + SETTLE,
    )
    if leaks:
        d.send({"t": "facts", "step": "after-shutdown", "facts": leaks})
    _after_lifecycle(d, factory, lifecycle, module, obj)


def _after_lifecycle(d: StepDriver, factory: Any, lifecycle: Msg, module: Any, obj: Any) -> None:
    invalid = lifecycle.get("invalid_config")
    if invalid is not None:
        _invalid_config(d, factory, invalid)
    if lifecycle.get("reload"):
        _reload(d, module, lifecycle, type(obj))


def _not_called(d: StepDriver, name: StepName) -> None:
    """A lifecycle step the host never performs: its protocol does not declare the method."""
    method = name.replace("second-", "").replace("after-", "")
    skipped: StepDone = {"t": "done", "step": name, "outcome": "skipped"}
    detail = f"the lifecycle protocol declares no {method}(): the host does not call it"
    d.send({**skipped, "seconds": 0.0, "detail": detail})


def _long_running(d: StepDriver, run: Any, shutdown: Any) -> bool:
    """Start run(), request shutdown from the main thread, expect run() to return."""
    outcome: RunFacts = {}
    deadline = d.deadline
    if d.loop is not None:
        import asyncio

        loop = d.loop
        tasks: list[Any] = []

        def start() -> None:
            tasks.append(asyncio.ensure_future(awaitable(run()), loop=loop))
            loop.run_until_complete(asyncio.sleep(0.05))
            if tasks[0].done():
                tasks[0].result()  # run() failed (or returned) before any shutdown

        def stop() -> None:
            loop.run_until_complete(awaitable(shutdown(*d.stop_args)))

        def finish() -> None:
            if tasks[0].done():
                return
            try:
                loop.run_until_complete(asyncio.wait_for(tasks[0], deadline))
            except asyncio.TimeoutError:  # noqa: UP041 - a distinct class before 3.11
                outcome["stuck"] = True
            except BaseException as exc:
                outcome["error"] = error_of(exc)

    else:
        holder: Msg = {}

        def body() -> None:
            try:
                run()
            except BaseException as exc:
                holder["error"] = error_of(exc)

        thread = threading.Thread(target=body, name="plugcheck-run", daemon=True)

        def start() -> None:
            thread.start()
            thread.join(0.05)

        def stop() -> None:
            shutdown(*d.stop_args)

        def finish() -> None:
            thread.join(deadline)
            if thread.is_alive():
                outcome["stuck"] = True
                frames = sys._current_frames()
                frame = frames.get(thread.ident) if thread.ident is not None else None
                outcome["where"] = plugin_frame(frame)
            elif "error" in holder:
                outcome["error"] = holder["error"]

    ok, _ = d.step("run", start, target=run)
    if not ok:
        return False
    ok, _ = d.step("shutdown", stop, target=shutdown)
    d.step("run-stop", finish, target=run, deadline=deadline + 1.0)
    if outcome:
        d.send({"t": "facts", "step": "run", "facts": outcome})
    return ok and not outcome


def _invalid_config(d: StepDriver, factory: Any, invalid: Msg) -> None:
    holder: InvalidConfigFacts = {}

    def attempt() -> None:
        obj = d.call(factory)
        init = member(obj, "init")
        holder["target"] = defined_at(init)
        try:
            d.call(lambda: init(dict(invalid)))
        except Exception as exc:  # raising is the expected outcome
            holder["raised"] = qualname(_type(exc))
            return
        holder["accepted"] = True
        with contextlib.suppress(BaseException):
            d.call(lambda: member(obj, "shutdown")(*d.stop_args))

    d.step("invalid-config", attempt)
    d.send({"t": "facts", "step": "invalid-config", "facts": holder})


def _reload(d: StepDriver, module: Any, lifecycle: Msg, old_type: type) -> None:
    holder: ReloadFacts = {}
    STATE.events = []

    def reload() -> None:
        fresh = importlib.reload(module)
        factory = attribute_path(fresh, lifecycle["factory"])[1]
        holder["factory_where"] = defined_at(factory)
        if factory is None:
            holder["missing"] = lifecycle["factory"]
            return
        obj = d.call(factory)
        cls = _type(obj)
        owner = sys.modules.get(_type.__getattribute__(cls, "__module__"))
        current: Any = owner
        for part in str(cls.__qualname__).split("."):
            current = _getattr(current, part, None)
        if (current is not None and current is not cls) or (cls is old_type and owner is fresh):
            holder["stale"] = qualname(cls)

    d.step("reload", reload, target=module)
    d.send({"t": "facts", "step": "reload", "facts": holder})
