"""The harness's fork server and plugin child: stdlib only, started by path in the target Python.

``python worker.py CTL_FD RES_FD`` reads JSON lines from ``CTL_FD`` (a setup line, then one
``run`` request per plugin, then ``close``) and writes one JSON line per plugin to ``RES_FD``.
The server preloads the host's API modules once, then forks one child per plugin, at most
``jobs`` at a time. A child runs in its own process group under rlimits, in a temporary
directory with a scrubbed environment, stdin closed and stdout/stderr captured to files; it
drives the plugin through its lifecycle and reports each step over a private pipe. The server
enforces the per-step wall deadline, kills the child's whole process group at the end and turns
whatever happened (exit, signal, timeout, a closed pipe) into plain data. Nothing here imports
plugcheck, so plugcheck need not be installed in the target environment.
"""

from __future__ import annotations

import builtins
import contextlib
import faulthandler
import gc
import importlib
import importlib.machinery
import json
import linecache
import mmap
import os
import selectors
import signal
import socket
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Callable

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    import asyncio
    from typing import Any

    from plugcheck.harness.protocol import (
        AfterShutdownFacts,
        ChildRecord,
        Effect,
        ErrorDict,
        FrameDict,
        IdentityFacts,
        InvalidConfigFacts,
        RegisterFacts,
        ReloadFacts,
        RunFacts,
        ServerMessage,
        StdoutGrowth,
        StepDone,
        StepName,
        VendoredBase,
    )

    Msg = dict[str, Any]

try:
    import resource
except ImportError:  # pragma: no cover - not POSIX
    resource = None  # type: ignore[assignment]

_dumps = json.dumps
_loads = json.loads
_write = os.write
_monotonic = time.monotonic
_isinstance = isinstance
_type = type
_getattr = getattr
_hasattr = hasattr
_repr = object.__repr__
_exit_now = os._exit

GRACE = 0.25
"""Seconds between asking a late child for its stacks (SIGUSR1) and killing its group."""
SETUP_DEADLINE = 10.0
BETWEEN = 2.0
"""Seconds the harness may take between two steps (its own bookkeeping)."""
STDOUT_HEAD = 200
STDERR_TAIL = 2000
FAULT_HEAD = 16000
MESSAGE_LIMIT = 1 << 20
PROCESS_QUOTA = 16
"""New processes a plugin's whole process tree may start (enforced through an audit hook)."""
SETTLE = 0.5
"""Seconds after shutdown that threads and children get to finish before they count as leaks."""
LOST_EXIT = 75
"""Exit status of a child whose result pipe was closed or replaced by the plugin."""
HARNESS_EXIT = 70
"""Exit status of a child in which the harness itself failed (a plugcheck bug)."""
TEMP_PREFIX = "plugcheck-harness-"
NOFILE = 1024
"""RLIMIT_NOFILE of a plugin process (soft and hard)."""
SWEEP_DEADLINE = 5.0
"""Seconds the server spends at most killing orphaned descendants after a plugin ends."""

_SPAWN_EVENTS = {"os.fork", "os.forkpty", "subprocess.Popen", "os.posix_spawn", "os.spawn"}
_EFFECT_EVENTS = {
    "os.system": "os.system",
    "subprocess.Popen": "subprocess",
    "os.posix_spawn": "subprocess",
    "os.spawn": "subprocess",
    "os.exec": "exec",
    "os.fork": "fork",
    "socket.connect": "socket connect",
    "socket.sendto": "socket send",
    "os.remove": "file delete",
    "os.rmdir": "file delete",
    "shutil.rmtree": "file delete",
    "os.rename": "file rename",
}
_CLOCK = struct.Struct("d")
"""The shared page between server and child: the monotonic time the current step must end."""
SCRATCH_FREE = 1 << 30
"""Per-plugin directories go to /dev/shm (tmpfs, cheap) only when it has this much room."""
POLL = 0.05
"""How often the server reads its children's pipes and clocks (children never wake it)."""
HEARTBEAT = 0.5
"""Seconds between two ``alive`` lines to plugcheck when nothing else was sent: its proof that
the server still runs (plugcheck reads with a deadline)."""
REJECTED_SAMPLE = 200
"""Bytes of the first record a child's channel carried without its token, kept as evidence."""
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


# --- child state, shared with the audit hook ----------------------------------------------


class _State:
    """What the audit hook needs: installed once in the server, switched on in a child."""

    def __init__(self) -> None:
        self.active = False
        self.recording = False
        self.events: list[Effect] = []
        self.roots: tuple[str, ...] = ()
        self.quota: mmap.mmap | None = None
        self.home = ""
        self.snapshot: tuple[dict[str, Any], dict[str, Any]] = ({}, {})


_STATE = _State()


def _plugin_frame(frame: Any) -> tuple[str, int] | None:
    """The innermost frame (from ``frame`` outwards) whose file is inside the plugin."""
    roots = _STATE.roots
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(roots):
            return filename, frame.f_lineno
        frame = frame.f_back
    return None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    state = _STATE
    if not state.active:
        return
    if event in _SPAWN_EVENTS and state.quota is not None:
        count = int.from_bytes(state.quota[:8], "little") + 1
        state.quota[:8] = count.to_bytes(8, "little")
        if count > PROCESS_QUOTA:
            raise RuntimeError(
                f"plugcheck harness: the plugin started more than {PROCESS_QUOTA} processes"
            )
    if not state.recording or len(state.events) >= 50:
        return
    kind = _EFFECT_EVENTS.get(event)
    detail = ""
    if event == "open":
        path, mode, flags = ([*list(args), None, None, None])[:3]
        writing = (
            _isinstance(mode, str) and any(c in mode for c in "wax+")
            if mode is not None
            else _isinstance(flags, int) and bool(flags & _WRITE_FLAGS)
        )
        if not writing or not _isinstance(path, (str, bytes)):
            return
        text = os.fsdecode(path)
        kind, detail = "file write", text
    elif kind is None:
        return
    elif event == "socket.connect" and len(args) > 1:
        detail = str(args[1])
    elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"):
        command = args[1] if event != "os.system" else args[0]
        if _isinstance(command, bytes):  # os.system's audit event passes the encoded command
            command = os.fsdecode(command)
        detail = str(command)[:200]
    elif args:
        detail = str(args[0])[:200]
    if "__pycache__" in detail:
        return  # the import system caching bytecode, not the plugin
    if state.home:
        detail = detail.replace(state.home, "$HOME")  # the same text on every run
    where = _plugin_frame(sys._getframe(1))
    state.events.append({"kind": kind, "detail": detail, "where": where})


def _through_recorder(stream: Any, recorder: _StdoutRecorder) -> None:
    """Logging handlers the host set up before the fork (``preload``) hold the real stdout:
    route them through the recorder, which tells the host's output from the plugin's."""
    logging = sys.modules.get("logging")
    if logging is None:
        return
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for logger in loggers:
        for handler in getattr(logger, "handlers", ()):
            if getattr(handler, "stream", None) is stream:
                handler.stream = recorder


def _host_channel(frame: Any) -> bool:
    """Whether a write comes through ``logging`` or ``warnings`` before any plugin frame: the
    host's own output (its log, the warnings it shows), even when a plugin's call led to it."""
    channels: list[str] = []
    for name in ("logging", "warnings"):
        path: Any = getattr(sys.modules.get(name), "__file__", None)
        if _isinstance(path, str):
            channels.append(os.path.join(os.path.dirname(path), "") if name == "logging" else path)
    roots = _STATE.roots
    while frame is not None and channels:
        filename = frame.f_code.co_filename
        if filename.startswith(roots):
            return False
        if filename.startswith(tuple(channels)):
            return True
        frame = frame.f_back
    return False


class _StdoutRecorder:
    """Stands in for ``sys.stdout``: remembers where the plugin first wrote to it; the host's
    own output (through logging or warnings) goes to ``host`` (stderr) instead."""

    def __init__(
        self, stream: Any, host: Any, report: Callable[[tuple[str, int] | None], None]
    ) -> None:
        self._stream = stream
        self._host = host
        self._report = report
        self.first: tuple[str, int] | None = None
        self.seen = False

    def write(self, text: str) -> int:
        if _host_channel(sys._getframe(1)):
            written = int(self._host.write(text))
            self._host.flush()
            return written
        if not self.seen:
            # Said at once: a step that then floods, hangs or crashes never reports its end.
            self.seen = True
            self.first = _plugin_frame(sys._getframe(1))
            self._report(self.first)
        return int(self._stream.write(text))

    def __getattr__(self, name: str) -> Any:
        return _getattr(self._stream, name)


# --- describing exceptions and code without trusting them ---------------------------------


def _safe_str(obj: object, limit: int = 500) -> str:
    try:
        text = str(obj)
    except BaseException as exc:  # plugin objects may raise anything
        try:
            return f"<unprintable: str() raised {_type(exc).__name__}>"
        except BaseException:
            return "<unprintable>"
    if not _isinstance(text, str):
        return "<unprintable>"
    return text if len(text) <= limit else text[:limit] + "..."


def _qualname(cls: Any) -> str:
    try:
        module = _type.__getattribute__(cls, "__module__")
        name = _type.__getattribute__(cls, "__qualname__")
        return f"{module}.{name}" if module not in ("builtins", None) else str(name)
    except BaseException:
        return "<unknown type>"


def _in_plugin(filename: str) -> bool:
    return filename.startswith(_STATE.roots)


def _error(exc: BaseException) -> ErrorDict:
    """Type, message and the traceback trimmed to the plugin's own frames."""
    frames: list[FrameDict] = []
    tb = exc.__traceback__
    count = 0
    while tb is not None and count < 500:
        code = tb.tb_frame.f_code
        if _in_plugin(code.co_filename):
            try:
                source = linecache.getline(code.co_filename, tb.tb_lineno).strip()
            except BaseException:
                source = ""
            frames.append(
                {
                    "path": code.co_filename,
                    "line": tb.tb_lineno,
                    "function": code.co_name,
                    "source": source[:200],
                }
            )
        tb = tb.tb_next
        count += 1
    if len(frames) > 20:
        frames = frames[:5] + frames[-15:]
    return {
        "type": _qualname(_type(exc)),
        "message": _safe_str(exc),
        "frames": frames,
    }


def _where(fn: Any) -> FrameDict | None:
    """Where ``fn`` (a function, bound method or class) is defined."""
    try:
        target = fn
        for _ in range(100):  # inspect.unwrap, without importing inspect
            wrapped = _getattr(target, "__wrapped__", None)
            if wrapped is None:
                break
            target = wrapped
        target = _getattr(target, "__func__", target)
        code = _getattr(target, "__code__", None)
        if code is not None:
            return {
                "path": code.co_filename,
                "line": code.co_firstlineno,
                "function": code.co_qualname if _hasattr(code, "co_qualname") else code.co_name,
            }
        if _isinstance(target, type):
            import inspect  # only for a failure report: it is a heavy import

            path = inspect.getsourcefile(target)
            line = inspect.getsourcelines(target)[1]
            if path:
                return {"path": path, "line": line, "function": target.__qualname__}
    except BaseException:
        return None
    return None


def _resolve(ref: list[str]) -> Any:
    obj: Any = importlib.import_module(ref[0])
    for part in ref[1].split("."):
        obj = _getattr(obj, part)
    return obj


def _shutdown_args(ref: list[str] | None, deadline: float) -> tuple[float, ...]:
    """What the host passes to ``shutdown``: the deadline when the protocol's ``shutdown`` takes
    a parameter (``shutdown(self, timeout)``), nothing when it takes none; the deadline when the
    contract names no protocol."""
    if ref is None:
        return (deadline,)
    try:
        code = _resolve(ref).shutdown.__code__
    except BaseException:
        return (deadline,)
    takes = code.co_argcount > 1 or code.co_flags & 0x04  # beyond self, or *args
    return (deadline,) if takes else ()


# --- the child -------------------------------------------------------------------------------


class _Child:
    """Drives one plugin through its steps and reports each over ``fd``."""

    def __init__(self, fd: int, request: Msg) -> None:
        self.fd = fd
        self.request = request
        self.stamp = {"tok": request.get("token", ""), "id": request.get("id")}
        """Carried by every record: the server drops records without this child's token."""
        self.deadline = float(request["deadline"])
        self.stop_args: tuple[float, ...] = (self.deadline,)
        self.lost = False
        self.recorder: _StdoutRecorder | None = None
        self.out_fd = -1
        self.fault_fd = -1
        self.builtins: dict[str, Any] = {}
        self.modules: dict[str, Any] = {}
        self.tampered: list[str] = []
        self.tamper_step: StepName | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.shared: mmap.mmap | None = None
        self.current: StepName = "import"
        self.sending = threading.Lock()
        self.pid = os.getpid()

    def send(self, message: ChildRecord) -> None:
        if self.lost or os.getpid() != self.pid:
            return  # the pipe is gone, or this is a process the plugin forked
        try:
            stamped = {**message, **self.stamp}
            data = (_dumps(stamped, default=_safe_str) + "\n").encode("utf-8", "replace")
            with self.sending:  # plugin threads report stdout writes too: one line at a time
                while data:
                    written = _write(self.fd, data)
                    data = data[written:]
        except BaseException:  # the plugin closed or replaced our pipe
            self.lost = True

    def clock(self, limit: float) -> None:
        """Tell the server (through shared memory, no wake-up) when this step must end."""
        if self.shared is not None:
            _CLOCK.pack_into(self.shared, 0, _monotonic() + limit)

    def call(self, fn: Callable[[], Any]) -> Any:
        result = fn()
        if self.request.get("async") and _awaitable_value(result):
            assert self.loop is not None
            return self.loop.run_until_complete(result)
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
        self.clock(limit)
        where = _where(target) if target is not None else None
        self.send({"t": "step", "step": name, "deadline": limit, "target": where})
        before = self._stdout_size()
        if self.recorder is not None:
            self.recorder.first = None
            self.recorder.seen = False
        self.current = name
        start = _monotonic()
        value: Any = None
        error: ErrorDict | None = None
        try:
            value = fn()
        except BaseException as exc:  # every plugin failure is data
            error = _error(exc)
        seconds = _monotonic() - start
        self.clock(BETWEEN)
        record: StepDone = {"t": "done", "step": name, "seconds": seconds, "target": where}
        if error is not None:
            record["outcome"] = "raised"
            record["error"] = error
        elif seconds > limit:
            record["outcome"] = "timeout"
        else:
            record["outcome"] = "ok"
        record["stdout"] = self._stdout_record(before)
        self._check_tampering(name)
        self.send(record)
        return error is None and seconds <= limit, value

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
        # Fast path: dict item views compare in C (values by identity first).
        try:
            same = (
                self.builtins.items() <= current.items()
                and self.modules.items() <= sys.modules.items()
            )
        except BaseException:  # a replacement with a hostile __eq__: compare identities below
            same = False
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
        gone = (
            []
            if same
            else sorted(
                k
                for k, v in self.modules.items()
                if k not in sys.modules or sys.modules[k] is not v
            )
        )
        if gone:
            problems.append("removed or replaced modules in sys.modules: " + ", ".join(gone[:8]))
            sys.modules.update(self.modules)
        for fd, stream in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
            try:
                os.fstat(fd)
            except OSError:
                problems.append(f"closed the process's {stream} (fd {fd})")
        if self.recorder is not None and sys.stdout is not self.recorder:
            problems.append("replaced sys.stdout")
            sys.stdout = self.recorder
        if problems and not self.tampered:
            self.tampered = problems
            self.tamper_step = step

    def run(self) -> None:
        req = self.request
        lifecycle: Msg | None = req.get("lifecycle")
        # Taken once in the server after preloading: the child starts from that very state.
        self.builtins, self.modules = _STATE.snapshot
        _STATE.events = []
        _STATE.recording = True
        _STATE.active = True
        ok, module = self.step("import", lambda: importlib.import_module(req["module"]))
        _STATE.recording = False
        effects = list(_STATE.events)
        if effects:
            self.send({"t": "facts", "step": "import", "facts": {"effects": effects}})
        if not ok:
            return self.finish()
        found: dict[str, Any] = {}
        chosen: dict[str, str] = {}
        missing: list[list[str]] = []

        def lookup() -> None:
            for export in req["exports"]:
                for name in export["names"]:  # newest version first, as the host looks
                    if _hasattr(module, name):
                        found[export["name"]] = _getattr(module, name)
                        chosen[export["name"]] = name
                        break
                else:
                    if not export["optional"]:
                        missing.append(export["names"])

        ok, _ = self.step("lookup", lookup, deadline=self.deadline)
        if missing:
            self.send({"t": "facts", "step": "lookup", "facts": {"missing": missing}})
        if ok:
            self._register(req.get("register"), found, chosen)
        if not ok or lifecycle is None or lifecycle.get("factory") not in found:
            return self.finish()
        factory = found[lifecycle["factory"]]
        if req.get("async"):
            import asyncio

            self.loop = asyncio.new_event_loop()
        ok, obj = self.step("factory", lambda: self.call(factory), target=factory)
        if not ok:
            return self.finish()
        protocol = lifecycle.get("protocol")
        if protocol is not None:
            facts: IdentityFacts = {}
            ok, _ = self.step("identity", lambda: facts.update(self._identity(obj, protocol)))
            self.send({"t": "facts", "step": "identity", "facts": facts})
            if not ok or not facts.get("ok"):
                return self.finish()
        self._lifecycle(obj, factory, lifecycle, module)
        return self.finish()

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
                registry = _resolve(spec["registry"])()
            except BaseException as exc:
                reason = f"cannot build {spec['registry'][0]}:{spec['registry'][1]}(): " + (
                    f"{_qualname(_type(exc))}: {_safe_str(exc)}"
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
        before = _entries(registry)
        ok, _ = self.step("register", lambda: self.call(lambda: hook(registry)), target=hook)
        if ok:
            counts: RegisterFacts = {"before": before, "after": _entries(registry)}
            self.send({"t": "facts", "step": "register", "facts": counts})

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
        baseline = _snapshot()
        self.clock(self.deadline)  # attribute lookups below run plugin code too
        config = lifecycle.get("config") or {}
        init = self._method(obj, "init")
        ok, _ = self.step("init", lambda: self.call(lambda: init(dict(config))), target=init)
        if not ok:
            return
        run = self._method(obj, "run")
        shutdown = self._method(obj, "shutdown")
        deadline = self.deadline
        self.stop_args = stop = _shutdown_args(lifecycle.get("protocol"), deadline)
        if not stop:  # messages then say shutdown(), as the host calls it
            self.send({"t": "facts", "step": "shutdown", "facts": {"no_timeout": True}})
        if lifecycle.get("long_running"):
            ok = self._long_running(run, shutdown)
            if not ok:
                return
        else:
            ok, _ = self.step("run", lambda: self.call(run), target=run)
            if not ok:
                return
            ok, _ = self.step(
                "shutdown", lambda: self.call(lambda: shutdown(*stop)), target=shutdown
            )
            if not ok:
                return
        self.step("second-shutdown", lambda: self.call(lambda: shutdown(*stop)), target=shutdown)
        leaks: AfterShutdownFacts = {}
        self.step(
            "after-shutdown",
            lambda: leaks.update(_leaks(baseline, min(SETTLE, deadline))),
            target=shutdown,
            deadline=deadline + SETTLE,
        )
        if leaks:
            self.send({"t": "facts", "step": "after-shutdown", "facts": leaks})
        invalid = lifecycle.get("invalid_config")
        if invalid is not None:
            self._invalid_config(factory, invalid)
        if lifecycle.get("reload"):
            self._reload(module, lifecycle, type(obj))

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
                    outcome["error"] = _error(exc)

        else:
            holder: Msg = {}

            def body() -> None:
                try:
                    run()
                except BaseException as exc:
                    holder["error"] = _error(exc)

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
                    outcome["where"] = _plugin_frame(frame)
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

    def _identity(self, obj: Any, ref: list[str]) -> IdentityFacts:
        proto = _resolve(ref)
        cls = _type(obj)
        facts: IdentityFacts = {"type": _qualname(cls), "expected": _qualname(proto)}
        try:
            ok = bool(_isinstance(obj, proto))
            facts["structural"] = bool(_getattr(proto, "_is_protocol", False))
        except TypeError:
            members = [
                n
                for n in vars(proto)
                if not n.startswith("_") and callable(_getattr(proto, n, None))
            ]
            missing = [n for n in members if not _hasattr(obj, n)]
            ok = not missing
            facts["structural"] = True
            if missing:
                facts["missing_members"] = missing
        if not ok and facts.get("structural"):
            facts["missing_members"] = [
                n
                for n in dir(proto)
                if not n.startswith("_") and callable(_getattr(proto, n, None))
                if not _hasattr(obj, n)
            ]
        vendored: list[VendoredBase] = []
        proto_file = _module_file(_getattr(proto, "__module__", ""))
        for klass in _type.__getattribute__(cls, "__mro__"):
            if klass is proto:
                continue
            if _type.__getattribute__(klass, "__qualname__") == proto.__qualname__:
                module = _type.__getattribute__(klass, "__module__")
                vendored.append(
                    {"class": _qualname(klass), "module": module, "file": _module_file(module)}
                )
        aliases = _aliases(proto.__module__, proto_file) if not ok or vendored else []
        facts.update(
            {
                "ok": ok and not vendored,
                "isinstance": ok,
                "vendored": vendored,
                "aliases": aliases,
                "proto_module": proto.__module__,
                "proto_file": proto_file,
            }
        )
        if not facts["ok"]:
            facts["type_where"] = _where(cls)
        return facts

    def _invalid_config(self, factory: Any, invalid: Msg) -> None:
        holder: InvalidConfigFacts = {}

        def attempt() -> None:
            obj = self.call(factory)
            init = self._method(obj, "init")
            holder["target"] = _where(init)
            try:
                self.call(lambda: init(dict(invalid)))
            except Exception as exc:  # raising is the expected outcome
                holder["raised"] = _qualname(_type(exc))
                return
            holder["accepted"] = True
            with contextlib.suppress(BaseException):
                self.call(lambda: self._method(obj, "shutdown")(*self.stop_args))

        self.step("invalid-config", attempt)
        self.send({"t": "facts", "step": "invalid-config", "facts": holder})

    def _reload(self, module: Any, lifecycle: Msg, old_type: type) -> None:
        holder: ReloadFacts = {}
        _STATE.events = []

        def reload() -> None:
            fresh = importlib.reload(module)
            factory = _getattr(fresh, lifecycle["factory"], None)
            holder["factory_where"] = _where(factory)
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
                holder["stale"] = _qualname(cls)

        self.step("reload", reload, target=module)
        self.send({"t": "facts", "step": "reload", "facts": holder})

    def finish(self) -> None:
        if self.tampered and self.tamper_step is not None:
            self.send(
                {"t": "facts", "step": self.tamper_step, "facts": {"tampered": self.tampered}}
            )
        self.send({"t": "end"})
        self.clock(GRACE * 4)


def _entries(registry: Any) -> int | None:
    """How many entries ``registry`` holds: its ``len()``, else the total size of the
    containers among its attributes; ``None`` when it offers no way to tell."""
    try:
        return len(registry)
    except BaseException:
        pass
    try:
        fields = list(_getattr(registry, "__dict__", {}).values())
    except BaseException:
        return None
    sizes = [len(f) for f in fields if _isinstance(f, dict | list | set | tuple | frozenset)]
    return sum(sizes) if sizes else None


async def _awaitable(value: Any) -> Any:
    return await value if _awaitable_value(value) else value


def _awaitable_value(value: Any) -> bool:
    return _hasattr(_type(value), "__await__") or _getattr(value, "__await__", None) is not None


def _aliases(name: str, path: str | None) -> list[str]:
    """Other names under which the module file ``path`` sits in sys.modules."""
    if path is None:
        return []
    base = os.path.basename(path)
    found = []
    for other, module in list(sys.modules.items()):
        candidate = _getattr(module, "__file__", None)
        if other == name or not isinstance(candidate, str):
            continue
        if os.path.basename(candidate) == base and os.path.realpath(candidate) == path:
            found.append(other)
    return sorted(found)


def _module_file(name: str) -> str | None:
    module = sys.modules.get(name)
    path = _getattr(module, "__file__", None) if module is not None else None
    return os.path.realpath(path) if isinstance(path, str) else None


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


def _spawned() -> int:
    quota = _STATE.quota
    return int.from_bytes(quota[:8], "little") if quota is not None else 1


def _children() -> set[int]:
    pids: set[int] = set()
    if not _spawned():
        return pids  # nothing forked or spawned since the child started
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return pids
    for task in tasks:
        try:
            with open(f"/proc/self/task/{task}/children") as handle:
                pids.update(int(p) for p in handle.read().split())
        except (OSError, ValueError):
            continue
    return pids


def _threads() -> dict[int, threading.Thread]:
    return {
        t.ident: t
        for t in threading.enumerate()
        if t.ident is not None and not t.daemon and t is not threading.main_thread()
    }


def _snapshot() -> Msg:
    with _SPARE:
        return {"threads": set(_threads()), "children": _children(), "fds": _fds()}


class _Spare:
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


_SPARE = _Spare()


def _reap(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        if done == 0:
            alive.add(pid)
    return alive


def _leaks(before: Msg, settle: float) -> AfterShutdownFacts:
    """Non-daemon threads, child processes and fds that exist now but did not before init."""
    with _SPARE:
        return _measure_leaks(before, settle)


def _measure_leaks(before: Msg, settle: float) -> AfterShutdownFacts:
    until = _monotonic() + settle
    while True:
        threads = {k: t for k, t in _threads().items() if k not in before["threads"]}
        children = _reap(_children() - before["children"])
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
            {"name": t.name, "where": _plugin_frame(frames.get(ident))}
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


def _command(pid: int) -> str:
    """A child's command line (its pid varies from run to run; the command does not)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            argv = handle.read().split(b"\0")
    except OSError:
        return "a process"
    return " ".join(a.decode("utf-8", "replace") for a in argv if a)[:120] or "a process"


def _limit(name: str, value: int) -> None:
    """Soft and hard limit both ``value`` (at most the current hard limit): a plugin cannot
    lift a soft limit up to a hard one that was left open."""
    if resource is None or not _hasattr(resource, name):
        return
    which = _getattr(resource, name)
    try:
        _soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):
        pass


def _child_main(fd: int, tmp: str, request: Msg, setup: Msg, shared: mmap.mmap) -> None:
    """In the forked child: isolate, then drive the plugin. Never returns."""
    os.setpgid(0, 0)
    # PR_SET_PDEATHSIG: if the server dies (plugcheck interrupted), so does this child.
    if _prctl(1, signal.SIGKILL) and os.getppid() != setup["server_pid"]:
        _exit_now(0)  # it died before we asked
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGCHLD):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    os.dup2(fd, 3)
    os.closerange(4, 1 << 16)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    for target, name in ((1, "stdout"), (2, "stderr")):
        out = os.open(os.path.join(tmp, name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, target)
        os.close(out)
    child = _Child(3, request)
    child.out_fd = os.open(os.path.join(tmp, "stdout"), os.O_RDONLY)
    child.fault_fd = os.open(
        os.path.join(tmp, "fault"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600
    )
    faulthandler.enable(file=child.fault_fd, all_threads=True)
    faulthandler.register(signal.SIGUSR1, file=child.fault_fd, all_threads=True)
    child.shared = shared
    home = os.path.join(tmp, "home")
    os.mkdir(home)
    os.chdir(home)
    # The server's environment is already scrubbed to the contract's allowlist.
    os.environ["HOME"] = os.environ["TMPDIR"] = home
    if "tempfile" in sys.modules:  # imported by the API: forget the server's temp dir
        setattr(sys.modules["tempfile"], "tempdir", None)  # noqa: B010 - untyped on purpose
    limits = setup["limits"]
    _limit("RLIMIT_AS", limits["address_space"])
    _limit("RLIMIT_CPU", max(1, int(limits["cpu_seconds"])))
    _limit("RLIMIT_FSIZE", limits["file_size"])
    _limit("RLIMIT_CORE", 0)
    _limit("RLIMIT_NOFILE", NOFILE)
    if os.getuid() != 0 and limits.get("processes"):
        _limit("RLIMIT_NPROC", limits["processes"])
    _SPARE.take()
    # Orphaned descendants (a setsid + fork chain) come back to this child while it lives, and
    # to the server (which kills them) once it is gone.
    _subreaper()
    if _PLAN:  # after the rlimits (the filter refuses setrlimit) and every set-up write
        plan = _PLAN[0]
        if plan.apply([tmp]) != plan.mechanisms():
            # The report says what confined every plugin: never run one with less.
            os.write(2, b"plugcheck harness: cannot confine this plugin process\n")
            _exit_now(HARNESS_EXIT)
    for entry in reversed(request.get("path", [])):  # the plugin's own root first, as hosts do
        if entry in sys.path:
            sys.path.remove(entry)
        sys.path.insert(0, entry)
    _STATE.roots = tuple(r if r.endswith(".py") else os.path.join(r, "") for r in request["roots"])
    _STATE.home = home
    _STATE.quota = mmap.mmap(-1, 8)
    stream = sys.stdout if sys.stdout is not None else open(1, "w", closefd=False)  # noqa: SIM115
    child.recorder = _StdoutRecorder(
        stream,
        open(2, "w", closefd=False),  # noqa: SIM115
        lambda where: child.send(
            {"t": "facts", "step": child.current, "facts": {"stdout_at": where}}
        ),
    )
    _through_recorder(stream, child.recorder)

    def recording_exit(status: int) -> None:
        # os._exit skips every handler: note where the plugin called it, then do it.
        child.send({"t": "exit", "where": _plugin_frame(sys._getframe(1)), "status": status})
        _exit_now(status)

    os._exit = recording_exit  # type: ignore[assignment]
    sys.stdout = child.recorder
    code = 0
    try:
        child.run()
    except BaseException:  # a failure of the harness itself
        code = HARNESS_EXIT
        try:
            import traceback

            traceback.print_exc()
        except BaseException:
            pass
    with contextlib.suppress(BaseException):
        child.recorder._stream.flush()
    _exit_now(LOST_EXIT if child.lost and code == 0 else code)


# --- the server ------------------------------------------------------------------------------


class _Job:
    def __init__(self, request: Msg) -> None:
        self.request = request
        self.id = request["id"]
        self.pid = 0
        self.tmp = ""
        self.pipe = -1
        self.pidfd = -1
        self.buffer = b""
        self.received = 0
        self.messages: list[bytes] = []
        self.current: Msg | None = None
        self.ended = False
        self.eof = False
        self.shared = mmap.mmap(-1, _CLOCK.size)
        self.asked: float | None = None
        self.asked_clock = 0.0
        self.killed = False
        self.started = 0.0
        self.exit_where: Any = None
        self.token = os.urandom(16).hex()
        """Unguessable, made just before this child is forked: a sibling forked earlier never
        saw it, and later ones get it removed from their copy of the server (``_forget``)."""
        self.rejected = 0
        self.rejected_sample = ""
        self.rejected_step: Msg | None = None

    def deadline(self) -> float:
        """When the current step must end; once asked for its stacks, shortly after that."""
        clock = float(_CLOCK.unpack_from(self.shared, 0)[0])
        if self.asked is not None:
            if clock == self.asked_clock:
                return self.asked + GRACE
            self.asked = None  # it moved on to another step after all: forget that dump
            with contextlib.suppress(OSError):
                os.truncate(os.path.join(self.tmp, "fault"), 0)
        return clock


class _Server:
    def __init__(self, ctl: int, res: int) -> None:
        self.ctl = ctl
        self.res = res
        self.selector = selectors.DefaultSelector()
        self.queue: deque[Msg] = deque()
        self.jobs: dict[int, _Job] = {}
        self.closed = False
        self.ctl_buffer = b""
        self.setup: Msg = {}
        self.scratch = "/tmp"
        self.subreaper = False
        self.aborted = False
        self.warm: set[str] = set()
        self.last_sent = 0.0

    def send(self, message: ServerMessage) -> None:
        self.send_raw((_dumps(message, default=str) + "\n").encode())

    def send_raw(self, data: bytes) -> None:
        if self.aborted:
            return
        self.last_sent = _monotonic()
        try:
            while data:
                data = data[os.write(self.res, data) :]
        except OSError:  # plugcheck is gone (BrokenPipeError)
            self._abort()

    def start(self) -> None:
        line = self._read_line_blocking()
        self.setup = _loads(line)
        shm = "/dev/shm"
        if os.access(shm, os.W_OK | os.X_OK) and _free(shm) >= SCRATCH_FREE:
            self.scratch = shm  # tmpfs: creating and removing per-plugin dirs costs nothing
        else:  # plugcheck's temporary directory: the environment here is already scrubbed
            self.scratch = self.setup.get("scratch") or os.environ.get("TMPDIR") or "/tmp"
        allow = set(self.setup.get("env_allow", []))
        for name in [k for k in os.environ if k not in allow]:
            del os.environ[name]
        sys.path[:] = [p for p in self.setup["sys_path"] if p]
        preloaded: dict[str, str | None] = {}
        for name in self.setup.get("preload", []):
            try:
                importlib.import_module(name)
                preloaded[name] = None
            except BaseException as exc:  # reported, children retry
                preloaded[name] = f"{_type(exc).__name__}: {_safe_str(exc)}"
        if _hasattr(sys, "addaudithook"):  # not on every implementation (PyPy)
            sys.addaudithook(_audit)
        # Plugins see a __main__ of their own, as in a host, not this file's module: patching
        # the harness through `import __main__` then fails (the module object stays reachable
        # through the garbage collector; docs/harness.md says what that allows).
        sys.modules["__main__"] = _type(sys)("__main__")
        _STATE.snapshot = (dict(builtins.__dict__), dict(sys.modules))
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        self.subreaper = _subreaper()
        self.setup["server_pid"] = os.getpid()
        confinement = _confine(self.setup)
        gc.collect()
        gc.freeze()
        self.send(
            {
                "t": "ready",
                "preloaded": preloaded,
                "python": sys.version.split()[0],
                "confinement": confinement,
            }
        )
        os.set_blocking(self.ctl, False)
        self.selector.register(self.ctl, selectors.EVENT_READ, None)
        self._ctl_lines()

    def _read_line_blocking(self) -> bytes:
        while b"\n" not in self.ctl_buffer:
            chunk = os.read(self.ctl, 65536)
            if not chunk:
                raise SystemExit(0)
            self.ctl_buffer += chunk
        line, _, self.ctl_buffer = self.ctl_buffer.partition(b"\n")
        return line

    def serve(self) -> None:
        try:
            self._serve()
        finally:
            for job in self.jobs.values():
                _killpg(job.pid)
            self._sweep()

    def _sweep(self) -> None:
        """Kill and reap orphans reparented to us: processes a plugin started in a session of
        their own (so the group kill missed them) once their parent and the plugin's child
        (their subreaper while it lives) are gone. A running plugin's orphans are its child's,
        so every child of ours that is not a job is fair game. Repeated until none remain (a
        chain of setsid + fork hands us one generation per round), within SWEEP_DEADLINE."""
        if not self.subreaper:
            return
        until = _monotonic() + SWEEP_DEADLINE
        while _monotonic() < until:
            orphans = _children() - set(self.jobs)
            if not orphans:
                return
            for pid in orphans:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)

    def _serve(self) -> None:
        jobs = max(1, int(self.setup.get("jobs", 1)))
        while not (self.closed and not self.queue and not self.jobs):
            while self.queue and len(self.jobs) < jobs:
                self._spawn(self.queue.popleft())
            now = _monotonic()
            timeout = POLL
            for job in self.jobs.values():
                timeout = min(timeout, job.deadline() - now)
                if job.pidfd < 0:
                    timeout = min(timeout, 0.005)
            for key, _ in self.selector.select(max(0.0, timeout)):
                job = key.data
                if job is None:
                    self._read_ctl()
                elif job.pid in self.jobs:
                    self._finish(job)
            now = _monotonic()
            for job in list(self.jobs.values()):
                self._drain(job)
                if job.pidfd < 0:
                    try:
                        pid, status = os.waitpid(job.pid, os.WNOHANG)
                    except ChildProcessError:
                        pid, status = job.pid, 0
                    if pid:
                        self._finish(job, status)
                        continue
                if now < job.deadline():
                    continue
                if job.asked is None:
                    # Late: ask for its stacks (faulthandler on SIGUSR1), then kill the group.
                    job.asked = now
                    job.asked_clock = float(_CLOCK.unpack_from(job.shared, 0)[0])
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(job.pid, signal.SIGUSR1)
                elif not job.killed:
                    job.killed = True
                    _killpg(job.pid)
            if now - self.last_sent >= HEARTBEAT:
                self.send({"t": "alive"})

    def _read_ctl(self) -> None:
        try:
            chunk = os.read(self.ctl, 65536)
        except BlockingIOError:
            return
        if not chunk:
            if not self.closed:
                self._abort()  # plugcheck went away without saying "close"
            self.closed = True
            self.selector.unregister(self.ctl)
            return
        self.ctl_buffer += chunk
        self._ctl_lines()

    def _abort(self) -> None:
        """Nobody is waiting for results any more: drop the queue, kill what runs."""
        self.aborted = True
        self.queue.clear()
        for job in self.jobs.values():
            job.killed = True
            _killpg(job.pid)

    def _ctl_lines(self) -> None:
        while b"\n" in self.ctl_buffer:
            line, _, self.ctl_buffer = self.ctl_buffer.partition(b"\n")
            message = _loads(line)
            if message.get("t") == "run":
                self.queue.append(message)
            elif message.get("t") == "close":
                self.closed = True

    def _spawn(self, request: Msg) -> None:
        job = _Job(request)
        job.tmp = _mkdtemp(self.scratch)
        self._warm(request)
        # A socket, not a pipe: /proc/<pid>/fd/N of a pipe can be opened by any process of the
        # same user (a sibling plugin), a socket's cannot (ENXIO).
        ours, theirs = socket.socketpair()
        read, write = ours.detach(), theirs.detach()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read)
                self._forget()
                _child_main(write, job.tmp, {**request, "token": job.token}, self.setup, job.shared)
            finally:
                _exit_now(71)
        os.close(write)
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)
        job.pid = pid
        job.pipe = read
        job.started = _monotonic()
        _CLOCK.pack_into(job.shared, 0, job.started + SETUP_DEADLINE)
        os.set_blocking(read, False)
        pidfd_open = _getattr(os, "pidfd_open", None)
        if pidfd_open is not None:
            try:
                job.pidfd = pidfd_open(pid)
                self.selector.register(job.pidfd, selectors.EVENT_READ, job)
            except OSError:
                job.pidfd = -1
        self.jobs[pid] = job
        self.send({"t": "started", "id": job.id, "pid": pid, "tmp": job.tmp})

    def _forget(self) -> None:
        """In a new child: drop what its plugin must not see of the server it is a copy of
        (the other children's tokens and channels)."""
        for other in self.jobs.values():
            other.token = ""
            with contextlib.suppress(OSError):
                os.close(other.pipe)
        self.jobs.clear()

    def _warm(self, request: Msg) -> None:
        """Fill the import system's directory caches for the plugin's path here, once, instead
        of in every child (locating a top-level name imports nothing)."""
        for entry in request.get("path", []):
            if entry not in self.warm:
                self.warm.add(entry)
                with contextlib.suppress(Exception):
                    importlib.machinery.PathFinder.find_spec(
                        request["module"].split(".")[0], [entry]
                    )

    def _drain(self, job: _Job) -> None:
        """Read what the child has written so far (it never blocks for long: we poll)."""
        while not job.eof:
            try:
                chunk = os.read(job.pipe, 65536)
            except BlockingIOError:
                return
            except OSError:
                chunk = b""
            if not chunk:
                job.eof = True
                return
            job.received += len(chunk)
            if job.received <= MESSAGE_LIMIT:
                job.buffer += chunk
                self._messages(job)

    def _messages(self, job: _Job) -> None:
        while b"\n" in job.buffer:
            line, _, job.buffer = job.buffer.partition(b"\n")
            try:
                message = _loads(line)
            except ValueError:
                message = None
            if (
                not _isinstance(message, dict)
                or message.pop("tok", None) != job.token
                or message.pop("id", None) != job.id
            ):
                # Not written by the harness in this child: a plugin forging records.
                job.rejected += 1
                if job.rejected == 1:
                    shown = (
                        message if _isinstance(message, dict) else line.decode("utf-8", "replace")
                    )
                    job.rejected_sample = _dumps(shown, default=str)[:REJECTED_SAMPLE]
                    job.rejected_step = job.current
                continue
            line = _dumps(message, default=str).encode()
            kind = message.get("t")
            if kind == "step":
                job.current = message
            elif kind == "done":
                job.current = None
                job.messages.append(line)
            elif kind == "facts":
                job.messages.append(line)
            elif kind == "exit":
                job.exit_where = message.get("where")
            elif kind == "end":
                job.ended = True

    def _finish(self, job: _Job, status: int | None = None) -> None:
        self._drain(job)
        _killpg(job.pid)
        if status is None:
            try:
                _, status = os.waitpid(job.pid, 0)
            except ChildProcessError:
                status = 0
        os.close(job.pipe)
        if job.pidfd >= 0:
            self.selector.unregister(job.pidfd)
            os.close(job.pidfd)
        job.shared.close()
        del self.jobs[job.pid]
        self._sweep()
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        fault = _read(os.path.join(job.tmp, "fault"), head=FAULT_HEAD)
        result: Msg = {
            "t": "result",
            "id": job.id,
            "exit": code,
            "killed": job.killed,
            "ended": job.ended,
            "current": job.current,
            "exit_where": job.exit_where,
            "main_thread": threading.get_ident(),  # the child's main thread is a copy of ours
            "fault": fault,
            "stderr": _read(os.path.join(job.tmp, "stderr"), tail=STDERR_TAIL),
            "stdout_head": _read(os.path.join(job.tmp, "stdout"), head=STDOUT_HEAD),
            "stdout_size": _size(os.path.join(job.tmp, "stdout")),
            "seconds": _monotonic() - job.started,
            "rejected": job.rejected,
            "rejected_sample": job.rejected_sample,
            "rejected_step": job.rejected_step,
        }
        _rmtree(job.tmp)
        # The child's lines were each parsed above: splice them in rather than re-encode them.
        head = _dumps(result, default=str)[:-1].encode()
        self.send_raw(head + b', "messages": [' + b",".join(job.messages) + b"]}\n")


_LIBC: list[Any] = []


def _prctl(option: int, value: int) -> bool:
    """Linux's prctl(2) through ctypes (loaded once, in the server); False where unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        if not _LIBC:
            import ctypes

            _LIBC.append(ctypes.CDLL(None, use_errno=True))
        return bool(_LIBC[0].prctl(option, value, 0, 0, 0) == 0)
    except Exception:
        return False


_PLAN: list[Any] = []
"""The confinement every child applies (confine.Plan), prepared once in the server."""


def _confine(setup: Msg) -> list[str]:
    """Make this server undumpable and prepare the children's confinement (unless the setup
    says ``"confine": false``): the mechanisms each child will apply."""
    import importlib.util

    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("_plugcheck_confine", f"{here}/confine.py")
    if spec is None or spec.loader is None:
        return []
    confine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(confine)
    # Children (and the plugin) cannot read this process's /proc/<pid>/fd, mem or environ.
    confine.undumpable()
    if not setup.get("confine", True):
        return []
    plan = confine.Plan(tcp_listen=False)
    _PLAN.append(plan)
    return list(plan.mechanisms())


def _subreaper() -> bool:
    """Become the parent of every orphaned descendant (PR_SET_CHILD_SUBREAPER)."""
    return _prctl(36, 1)


def _mkdtemp(parent: str) -> str:
    for _ in range(100):
        path = os.path.join(parent, TEMP_PREFIX + os.urandom(6).hex())
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free temporary directory name in {parent}")


def _rmtree(path: str) -> None:
    """Remove what a plugin left in its directory, never following its symlinks."""
    try:
        os.chmod(path, 0o700)
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    _rmtree(entry.path)
                else:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
        os.rmdir(path)
    except OSError:
        pass


def _free(path: str) -> int:
    try:
        stat = os.statvfs(path)
    except OSError:
        return 0
    return stat.f_bavail * stat.f_frsize


def _killpg(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _read(path: str, *, head: int = 0, tail: int = 0) -> str:
    try:
        if os.stat(path).st_size == 0:
            return ""  # the usual case: one syscall instead of three
        with open(path, "rb") as handle:
            if tail:
                size = os.fstat(handle.fileno()).st_size
                handle.seek(max(0, size - tail))
                return handle.read(tail).decode("utf-8", "replace")
            return handle.read(head).decode("utf-8", "replace")
    except OSError:
        return ""


def main(argv: list[str]) -> int:
    # Started by path: drop this file's directory so `import worker` siblings never shadow.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    server = _Server(int(argv[1]), int(argv[2]))
    server.start()
    server.serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
