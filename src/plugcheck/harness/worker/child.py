"""The child's step driver: one plugin through its steps (import, lookup, ...), each reported."""

from __future__ import annotations

import builtins
import contextlib
import functools
import importlib
import os
import sys
import threading
import time
from collections.abc import Callable

from . import at_exit, preload_guard, registered, registry_census, starvation
from .accepts import iterate, refused, unrun
from .audit import STATE, plugin_frame
from .census import census, leaked_since
from .channel import Channel
from .constants import BETWEEN, GRACE, SETTLE
from .describe import defined_at, error_of, preload_failure, qualname, raised_inside, safe_str
from .export_types import Judge, attribute_path
from .host_exit import HostExit
from .identity import identity_facts, maker, resolve
from .kept import Kept
from .modules_gone import gone_modules
from .protocol_members import off_contract, shutdown_args
from .release import Release
from .stdout import StdoutRecorder

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    import asyncio
    from typing import Any

    from plugcheck.harness.protocol import (
        AfterShutdownFacts,
        CallFacts,
        ChildRecord,
        IdentityFacts,
        ImportFacts,
        InvalidConfigFacts,
        LookupFacts,
        RegisterFacts,
        ReloadFacts,
        RunFacts,
        StdoutGrowth,
        StepDone,
        StepName,
    )

    Msg = dict[str, Any]

_monotonic = time.monotonic
_isinstance = isinstance
_type = type
_getattr = getattr
_hasattr = hasattr


class Child:
    """Drives one plugin through its steps and reports each over ``fd``."""

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
        if self.request.get("async") and _awaitable_value(result):
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

    def run(self) -> None:
        req = self.request
        lifecycle: Msg | None = req.get("lifecycle")
        # Taken once in the server after preloading: the child starts from that very state.
        self.builtins, self.modules = STATE.snapshot
        self.kept = (Kept(self.builtins), Kept(self.modules))
        STATE.events = []
        STATE.recording = STATE.active = True
        at_exit.forget()
        self.exit.start()
        # The host's import of a preload the server left to this process comes first.
        load = functools.partial(
            preload_guard.host_first, req["module"], raised_inside, preload_failure, STATE
        )
        keys = registry_census.before(req.get("registries", []))  # the host's, before it
        ok, module = self.step("import", load)
        STATE.recording = False
        imported: ImportFacts = {"effects": list(STATE.events)} if STATE.events else {}
        registry_census.report(ok, keys, imported)
        for said in preload_guard.FAILED:  # where that import raised, if it did
            imported["preload_raised"] = said
        if imported:
            self.send({"t": "facts", "step": "import", "facts": imported})
        if not ok:
            return self.finish()
        found: dict[str, Any] = {}
        chosen: dict[str, str] = {}
        missing: list[list[str]] = []
        wrong: list[list[str]] = []
        judge = Judge(req)

        def lookup() -> None:
            for export in req["exports"]:
                for name in export["names"]:  # newest version first, as the host looks
                    held, value = attribute_path(module, name)
                    if held:
                        found[export["name"]] = value
                        chosen[export["name"]] = name
                        why = judge.why(export, value)
                        wrong.extend([[export["name"], name, why]] if why else [])
                        break
                else:
                    if not export["optional"]:
                        missing.append(export["names"])

        ok, _ = self.step("lookup", lookup, deadline=self.deadline)
        if missing or wrong:
            looked: LookupFacts = {"missing": missing, "mismatched": wrong}
            self.send({"t": "facts", "step": "lookup", "facts": looked})
        if ok:
            self._register(req.get("register"), found, chosen)
        if not ok or lifecycle is None or lifecycle.get("factory") not in found:
            return self.finish()
        factory = found[lifecycle["factory"]]
        if req.get("async"):
            import asyncio

            self.loop = asyncio.new_event_loop()
        build = lifecycle.get("build")
        try:  # built outside the step: a stand-in that fails is not the plugin's fault
            made = [maker(r)() for r in build["stand_ins"]] if build else []
            named = {k[0]: maker(k[1:])() for k in build["keywords"]} if build else {}
        except BaseException as exc:
            detail = f"a stand-in for the factory failed: {qualname(_type(exc))}: {safe_str(exc)}"
            skipped: StepDone = {"t": "done", "step": "factory", "outcome": "skipped"}
            self.send({**skipped, "seconds": 0.0, "detail": detail})
            return self.finish()
        # called inside the step: a factory that is not callable (new = 42) is the plugin's failure
        ok, obj = self.step(
            "factory", lambda: self.call(lambda: factory(*made, **named)), target=factory
        )
        if not ok:
            return self.finish()
        protocol = lifecycle.get("protocol")
        if protocol is not None:
            facts: IdentityFacts = {}
            ok, _ = self.step("identity", lambda: facts.update(identity_facts(obj, protocol)))
            self.send({"t": "facts", "step": "identity", "facts": facts})
            if not ok or not facts.get("ok"):
                return self.finish()
        if lifecycle.get("calls") is not None:
            self._calls(obj, lifecycle["calls"])
        else:
            self._lifecycle(obj, factory, lifecycle, module)
        drop, obj = Release([obj], BETWEEN / 2), None  # the host drops it after its last call
        self.step("release", drop, deadline=self.deadline + SETTLE)
        if drop.left:  # what the finalizers started, after the leak census
            self.send({"t": "facts", "step": "release", "facts": drop.left})
        return self.finish()

    def _calls(self, obj: Any, calls: list[Msg]) -> None:
        """The host's own calls on the object (``ext.extendMarkdown(md)``), in order, each with
        fresh stand-ins built outside the step: a failing stand-in is not the plugin's fault."""
        for call in calls:
            refs = call["stand_ins"]
            facts: CallFacts = {
                "method": call["method"],
                "arguments": [":".join(r) for r in refs],
                "keywords": [f"{k[0]}={k[1]}:{k[2]}" for k in call.get("keywords", [])],
            }
            self.send({"t": "facts", "step": "call", "facts": facts})
            try:
                arguments = [maker(ref)() for ref in refs]
                keywords = {k[0]: maker(k[1:])() for k in call.get("keywords", [])}
                expected = call.get("return_type")
                host_type = resolve(expected) if expected else None
            except BaseException as exc:
                reason = (
                    f"a stand-in for {call['method']}() failed: "
                    f"{qualname(_type(exc))}: {safe_str(exc)}"
                )
                skipped: StepDone = {"t": "done", "step": "call", "outcome": "skipped"}
                self.send({**skipped, "seconds": 0.0, "detail": reason})
                continue
            self.clock(self.deadline)  # the attribute lookup runs plugin code too
            method = self._method(obj, call["method"])
            # Not functools.partial: a member that is not callable (`extend = None`) must fail
            # inside the step, as the host's call does, not in the harness.
            bound = functools.partial(_call, method, arguments, keywords)

            made = functools.partial(self._accepted, bound, call, host_type)
            ok, _ = self.step("call", made, target=method)
            if not ok:
                return

    def _accepted(self, bound: Callable[[], Any], call: Msg, host_type: Any) -> Any:
        """``bound()``, and the host's own check of its result (the call's ``returns``)."""
        result = self.call(bound)
        problem = refused(
            call["method"],
            call.get("returns", "any"),
            result,
            required_keys=call.get("required_keys", []),
            expected=host_type,
        )
        if problem is not None:
            raise TypeError(problem)
        iterated = call.get("returns") == "iterable"  # a generator's body runs only then
        if iterated and (problem := iterate(result, call["method"], host_type)) is not None:
            raise TypeError(problem)  # an item that is not the return-type
        return result

    def _register(self, spec: Msg | None, found: Msg, chosen: dict[str, str]) -> None:
        """Call the register hook the host would pick with a fresh registry, as the host does
        before it calls the factory; report whether the registry gained entries."""
        reason = ""
        if spec is None:
            reason = "the contract names no registry (lifecycle.registry)"
        elif spec["export"] not in found:
            reason = f"the plugin has no {spec['export']} hook"
        else:
            try:
                registry = resolve(spec["registry"])()
            except BaseException as exc:
                reason = f"cannot build {spec['registry'][0]}:{spec['registry'][1]}(): " + (
                    f"{qualname(_type(exc))}: {safe_str(exc)}"
                )
        if reason:
            skipped: StepDone = {"t": "done", "step": "register", "outcome": "skipped"}
            self.send({**skipped, "seconds": 0.0, "detail": reason})
            return
        hook = found[spec["export"]]  # type: ignore[index]
        name = chosen[spec["export"]]  # type: ignore[index]
        self.send(
            {"t": "facts", "step": "register", "facts": {"hook": name}}
        )  # even if the step hangs
        held = registered.held(registry) if spec.get("factories") else {}  # type: ignore[union-attr]
        before = registered.entries(registry)
        ok, _ = self.step("register", lambda: self._hook(hook, registry, spec, held), target=hook)
        if ok:
            counts: RegisterFacts = {"before": before, "after": registered.entries(registry)}
            self.send({"t": "facts", "step": "register", "facts": counts})

    def _hook(self, hook: Any, registry: Any, spec: Msg | None, held: dict[int, Any]) -> None:
        """The host's call of the register hook, then (``registered-factories``) its own use of
        every factory the hook added: a broken one fails the hook's step, as in the host."""
        self.call(lambda: hook(registry))
        lifecycle = self.request.get("lifecycle")
        if spec and spec.get("factories") and lifecycle is not None:
            stop = shutdown_args(lifecycle.get("protocol"), self.deadline)
            registered.build_each(held, registry, lifecycle, stop, self.call)

    def _method(self, obj: Any, name: str) -> Any:
        """``obj.name``; if looking it up fails, a stand-in that fails the same way when called
        (inside the step, where failures are reported)."""
        try:
            return _getattr(obj, name)
        except BaseException as exc:
            error = exc

            def unavailable(*_args: Any, **_kwargs: Any) -> Any:
                raise error

            return unavailable

    def _lifecycle(self, obj: Any, factory: Any, lifecycle: Msg, module: Any) -> None:
        baseline = census()
        self.exit.lifecycle_begins()
        self.clock(self.deadline)  # attribute lookups below run plugin code too
        config = lifecycle.get("config") or {}
        # What the host's protocol leaves out, the host never calls (read by the server before
        # any plugin ran): reported skipped, never called. A long-running plugin is stopped
        # through shutdown(), so there it is always called.
        undeclared = set(lifecycle.get("undeclared") or [])
        if lifecycle.get("long_running"):
            undeclared.clear()
        if "init" in undeclared:
            self._not_called("init")
        else:
            init = self._method(obj, "init")
            ok, _ = self.step(
                "init", lambda: self.call(lambda: init(dict(config)), "init"), target=init
            )
            if not ok:
                return
        run = self._method(obj, "run")
        shutdown = self._method(obj, "shutdown")
        deadline = self.deadline
        self.stop_args = stop = shutdown_args(lifecycle.get("protocol"), deadline)
        if not stop:  # messages then say shutdown(), as the host calls it
            self.send({"t": "facts", "step": "shutdown", "facts": {"no_timeout": True}})
        if lifecycle.get("long_running"):
            ok = self._long_running(run, shutdown)
            if not ok:
                return
        else:
            if "run" in undeclared:
                self._not_called("run")
            else:
                ok, _ = self.step("run", lambda: self.call(run, "run"), target=run)
                if not ok:
                    return
            if "shutdown" in undeclared:
                self.exit.lifecycle = None  # what init() and run() started runs to the host's exit
                for step in ("shutdown", "second-shutdown", "after-shutdown"):
                    self._not_called(step)
                self._after_lifecycle(factory, lifecycle, module, obj)
                return
            ok, _ = self.step(
                "shutdown", lambda: self.call(lambda: shutdown(*stop), "shutdown"), target=shutdown
            )
            if not ok:
                return
        self.step("second-shutdown", lambda: self.call(lambda: shutdown(*stop)), target=shutdown)
        leaks: AfterShutdownFacts = {}
        self.step(
            "after-shutdown",
            lambda: leaks.update(leaked_since(baseline, min(SETTLE, deadline))),
            target=shutdown,
            deadline=deadline + SETTLE,
        )
        if leaks:
            self.send({"t": "facts", "step": "after-shutdown", "facts": leaks})
        self._after_lifecycle(factory, lifecycle, module, obj)

    def _after_lifecycle(self, factory: Any, lifecycle: Msg, module: Any, obj: Any) -> None:
        invalid = lifecycle.get("invalid_config")
        if invalid is not None:
            self._invalid_config(factory, invalid)
        if lifecycle.get("reload"):
            self._reload(module, lifecycle, type(obj))

    def _not_called(self, name: StepName) -> None:
        """A lifecycle step the host never performs: its protocol does not declare the method."""
        method = name.replace("second-", "").replace("after-", "")
        skipped: StepDone = {"t": "done", "step": name, "outcome": "skipped"}
        detail = f"the lifecycle protocol declares no {method}(): the host does not call it"
        self.send({**skipped, "seconds": 0.0, "detail": detail})

    def _long_running(self, run: Any, shutdown: Any) -> bool:
        """Start run(), request shutdown from the main thread, expect run() to return."""
        outcome: RunFacts = {}
        deadline = self.deadline
        if self.loop is not None:
            import asyncio

            loop = self.loop
            tasks: list[Any] = []

            def start() -> None:
                tasks.append(asyncio.ensure_future(_awaitable(run()), loop=loop))
                loop.run_until_complete(asyncio.sleep(0.05))
                if tasks[0].done():
                    tasks[0].result()  # run() failed (or returned) before any shutdown

            def stop() -> None:
                loop.run_until_complete(_awaitable(shutdown(*self.stop_args)))

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
                shutdown(*self.stop_args)

            def finish() -> None:
                thread.join(deadline)
                if thread.is_alive():
                    outcome["stuck"] = True
                    frames = sys._current_frames()
                    frame = frames.get(thread.ident) if thread.ident is not None else None
                    outcome["where"] = plugin_frame(frame)
                elif "error" in holder:
                    outcome["error"] = holder["error"]

        ok, _ = self.step("run", start, target=run)
        if not ok:
            return False
        ok, _ = self.step("shutdown", stop, target=shutdown)
        self.step("run-stop", finish, target=run, deadline=deadline + 1.0)
        if outcome:
            self.send({"t": "facts", "step": "run", "facts": outcome})
        return ok and not outcome

    def _invalid_config(self, factory: Any, invalid: Msg) -> None:
        holder: InvalidConfigFacts = {}

        def attempt() -> None:
            obj = self.call(factory)
            init = self._method(obj, "init")
            holder["target"] = defined_at(init)
            try:
                self.call(lambda: init(dict(invalid)))
            except Exception as exc:  # raising is the expected outcome
                holder["raised"] = qualname(_type(exc))
                return
            holder["accepted"] = True
            with contextlib.suppress(BaseException):
                self.call(lambda: self._method(obj, "shutdown")(*self.stop_args))

        self.step("invalid-config", attempt)
        self.send({"t": "facts", "step": "invalid-config", "facts": holder})

    def _reload(self, module: Any, lifecycle: Msg, old_type: type) -> None:
        holder: ReloadFacts = {}
        STATE.events = []

        def reload() -> None:
            fresh = importlib.reload(module)
            factory = attribute_path(fresh, lifecycle["factory"])[1]
            holder["factory_where"] = defined_at(factory)
            if factory is None:
                holder["missing"] = lifecycle["factory"]
                return
            obj = self.call(factory)
            cls = _type(obj)
            owner = sys.modules.get(_type.__getattribute__(cls, "__module__"))
            current: Any = owner
            for part in str(cls.__qualname__).split("."):
                current = _getattr(current, part, None)
            if (current is not None and current is not cls) or (cls is old_type and owner is fresh):
                holder["stale"] = qualname(cls)

        self.step("reload", reload, target=module)
        self.send({"t": "facts", "step": "reload", "facts": holder})

    def finish(self) -> None:
        if left := self.exit.left(self.deadline, self.clock):  # the interpreter waits first
            self.send({"t": "facts", "step": "at-exit", "facts": left})
        if at_exit.pending():  # the host's interpreter runs them when it exits
            self.step("at-exit", at_exit.run)
            if spawned := self.exit.handlers_left(self.deadline, self.clock):  # merged with left
                self.send({"t": "facts", "step": "at-exit", "facts": {"handler_children": spawned}})
        if self.tampered and self.tamper_step is not None:
            self.send(
                {"t": "facts", "step": self.tamper_step, "facts": {"tampered": self.tampered}}
            )
        self.send({"t": "end"})
        self.clock(GRACE * 4)


async def _awaitable(value: Any) -> Any:
    return await value if _awaitable_value(value) else value


def _awaitable_value(value: Any) -> bool:
    return _hasattr(_type(value), "__await__") or _getattr(value, "__await__", None) is not None


def _call(method: Any, arguments: list[Any], keywords: dict[str, Any]) -> Any:
    return method(*arguments, **keywords)
