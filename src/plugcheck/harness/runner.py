"""The plugcheck side of the harness: start the fork server in the target Python, feed it
plugins, turn its answers into :class:`PluginResult` objects (one per plugin, always)."""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from plugcheck.environment import Environment
from plugcheck.harness import worker
from plugcheck.harness.protocol import (
    Facts,
    FactsRecord,
    LifecycleSpec,
    RegisterSpec,
    Result,
    RunRequest,
    Setup,
    Step,
    StepDone,
)
from plugcheck.harness.results import (
    Failure,
    Frame,
    Outcome,
    PluginResult,
    StepResult,
    failure,
    fault_frame,
    frame,
    signal_name,
    step_deadline,
)
from plugcheck.harness.worker.constants import (
    HARNESS_EXIT,
    LOST_EXIT,
    MESSAGE_LIMIT,
    TEMP_PREFIX,
)
from plugcheck.model import Contract, Plugin
from plugcheck.options import strict

WORKER = Path(worker.__file__).resolve().parent / "__main__.py"
MIB = 1 << 20
BASE_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ")
"""Variables every plugin process keeps; the contract's ``lifecycle.env`` adds more."""
_OWN_DIRS = {WORKER.parent, WORKER.parent.parent, WORKER.parent.parent.parent}
SILENCE = 15.0
"""Seconds plugcheck waits for any line from the fork server (it says ``alive`` twice a second)
before it counts the server as hung."""
START = 120.0
"""Seconds the fork server may take to start and preload the contract's API."""
TICK = 0.1
"""How often plugcheck looks at the fork server's process state while it waits."""
IDLE_RETRIES = 2
"""New fork servers after one was lost while no plugin ran, before the rest is not run."""


class HarnessError(Exception):
    """The harness itself failed (the worker could not start): not the plugin's fault."""


class WorkerLost(Exception):
    """The fork server stopped answering: stopped, traced, killed or silent."""

    def __init__(self, what: str, tracer: int | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.tracer = tracer


@dataclass(frozen=True, slots=True)
class Limits:
    address_space: int = 1024 * MIB
    file_size: int = 16 * MIB
    temp_size: int = 64 * MIB
    """All a plugin may write to its temporary directory (a tmpfs of its own, where the kernel
    allows unprivileged user namespaces); ``file_size`` bounds each file everywhere."""
    processes: int = 256
    """RLIMIT_NPROC for non-root users (root ignores it; an audit-hook quota applies to all)."""
    confine: bool = True
    """Landlock, seccomp and no capabilities in every plugin process (harness/confine);
    off only to measure what it costs (bench/bench_harness.py)."""
    confinement: tuple[str, ...] = ()
    """What the report says confines plugin processes (``confine.python_plugins()``): a fork
    server that could not put one of them in force is a note, or with ``required`` an error."""
    required: bool = False


OnResult = Callable[[PluginResult], None]


def run(
    units: Sequence[tuple[Contract, Sequence[Plugin]]],
    env: Environment,
    *,
    jobs: int | None = None,
    limits: Limits | None = None,
    on_result: OnResult | None = None,
    notes: list[str] | None = None,
    errors: list[str] | None = None,
) -> list[PluginResult]:
    """Drive every plugin through its lifecycle, each in its own process; ``on_result`` is
    called with each result as soon as it is known (progress bars), in completion order.
    Results come back in input order, one per plugin, even when a plugin stops or kills the
    fork server (it gets a result saying so; the others are run again on a fresh one).
    ``errors`` receives what makes the run incomplete or untrustworthy."""
    results: list[PluginResult] = []
    for contract, plugins in units:
        if not plugins:
            continue
        run_ = _ContractRun(env, contract, plugins, jobs or _cores(), limits or Limits())
        run_.on_result = on_result
        results.extend(run_.all())
        if notes is not None:
            notes.extend(run_.notes)
        if errors is not None:
            errors.extend(run_.errors)
    return results


@dataclass
class _ContractRun:
    """All plugins of one contract: fork servers until each plugin has its result. A plugin
    whose process stops, traces or kills the server is found (alone in flight, or run again
    alone) and gets a result saying so; everything else is run again on a new server."""

    env: Environment
    contract: Contract
    plugins: Sequence[Plugin]
    jobs: int
    limits: Limits
    on_result: OnResult | None = None
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    done: dict[int, PluginResult] = field(default_factory=dict)

    def all(self) -> list[PluginResult]:
        pending = list(range(len(self.plugins)))
        suspects: list[int] = []
        unexplained: list[tuple[str, list[int]]] = []
        idle = 0
        while pending or suspects:
            alone = suspects[:1]
            suspects = suspects[1:]
            server, failure = self._serve(alone or pending, jobs=1 if alone else self.jobs)
            if failure is not None:
                running = [i for i in server.running if i not in self.done]
                culprit, how = _culprit(server, failure, running, alone=bool(alone))
                if culprit is not None:
                    self._blame(culprit, failure, how)
                    running.remove(culprit)
                elif running:
                    # Blamed only if it happens again with the plugin alone: a daemon left by a
                    # plugin that has finished may have done it while this one ran.
                    unexplained.append((failure.what, running))
                else:
                    idle += 1
                    running = [i for i in alone if i not in self.done]
                    if not self._idle(failure, idle):
                        break
                suspects = [*running, *(i for i in suspects if i not in running)]
            pending = [i for i in pending if i not in self.done and i not in suspects]
        for index in range(len(self.plugins)):
            if index not in self.done:  # the server kept failing with nothing running
                self._record(index, _unrun(self.plugins[index], self.contract, "failed"))
        for what, group in unexplained:
            if not any(self.done[i].harness_attack for i in group):
                self.errors.append(
                    f"harness: contract {self.contract.name}: the fork server {what} while "
                    + ", ".join(self.plugins[i].name for i in group)
                    + " ran; run again one at a time, none of them did it again"
                )
        return [self.done[i] for i in range(len(self.plugins))]

    def _serve(self, batch: list[int], *, jobs: int) -> tuple[_Server, WorkerLost | None]:
        """Run ``batch`` on one fork server: the server, and what stopped it if anything."""
        server = _Server(self.env, self.contract, jobs, self.limits)
        with server:
            try:
                preload = server.start(self.plugins)
                for name, problem in sorted(preload.items()):
                    note = (
                        f"harness: contract {self.contract.name}: cannot preload {name} in "
                        f"{self.env.executable}: {problem}"
                    )
                    if problem and note not in self.notes:
                        self.notes.append(note)
                if self.limits.temp_size and not server.temp_bound:
                    note = (
                        f"harness: contract {self.contract.name}: plugin temporary directories "
                        "are bounded per file only (RLIMIT_FSIZE), not in all, and plugins share "
                        "the machine's network namespace: this system refuses unprivileged user "
                        "namespaces"
                    )
                    if note not in self.notes:
                        self.notes.append(note)
                self._confined(server.confinement)
                lifecycle = self.contract.lifecycle
                if server.undeclared and lifecycle is not None and lifecycle.calls is None:
                    note = (
                        f"harness: contract {self.contract.name}: the lifecycle protocol "
                        f"{lifecycle.protocol} declares no "
                        + ", ".join(f"{m}()" for m in server.undeclared)
                        + ": the harness does not call "
                        + ("it" if len(server.undeclared) == 1 else "them")
                        + "; lifecycle.calls declares the calls the host makes instead"
                    )
                    if note not in self.notes:
                        self.notes.append(note)
                for index, result in server.run(self.plugins, batch):
                    self._record(index, result)
            except WorkerLost as exc:
                server.kill([i for i in server.running if i not in self.done])
                return server, exc
        return server, None

    def _confined(self, actual: list[str]) -> None:
        """Say when the server confines its children with less than the report says."""
        if not self.limits.confine:
            return
        missing = [m for m in self.limits.confinement if m not in actual]
        if not missing:
            return
        said = (
            f"harness: contract {self.contract.name}: plugin processes ran without "
            f"{', '.join(missing)}: the fork server could not put it in force"
        )
        where = self.errors if self.limits.required else self.notes
        if said not in where:
            where.append(said)

    def _idle(self, failure: WorkerLost, count: int) -> bool:
        """A server lost while no plugin ran (a daemon a finished plugin left behind): say so;
        whether to start another for the plugins not yet run (twice at the most)."""
        again = count <= IDLE_RETRIES
        self.errors.append(
            f"harness: contract {self.contract.name}: the fork server {failure.what} while no "
            "plugin was running; "
            + (
                "the plugins not yet run were run on a new server"
                if again
                else "the plugins not yet run were not run"
            )
        )
        return again

    def _blame(self, index: int, failure: WorkerLost, how: str) -> None:
        plugin = self.plugins[index]
        self._record(index, _attacker(plugin, self.contract, failure.what))
        self.errors.append(
            f"harness: contract {self.contract.name}: the fork server {failure.what} while "
            f"{plugin.name} ran{how}: reported as {plugin.name}'s PC426"
            + ("; the other plugins were run on a new server" if len(self.plugins) > 1 else "")
        )

    def _record(self, index: int, result: PluginResult) -> None:
        self.done[index] = result
        if self.on_result is not None:
            self.on_result(result)


def _cores() -> int:
    """CPUs this process may run on (a container's or taskset's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _hookspecs(contract: Contract) -> list[str]:
    """A pluggy contract's hookspec modules: its host imports them before it loads plugins."""
    raw = contract.options.get("pluggy") if contract.kind == "pluggy" else None
    specs = raw.get("hookspecs") if isinstance(raw, dict) else None
    return [s for s in specs if isinstance(s, str)] if isinstance(specs, list) else []


def _sys_path(env: Environment, contract: Contract) -> list[str]:
    paths = [*contract.search_path, *env.sys_path]
    seen: list[str] = []
    for path in paths:
        text = str(path)
        if path.resolve() in _OWN_DIRS or text in seen:
            continue
        seen.append(text)
    return seen


def _readable(contract: Contract, plugins: Sequence[Plugin]) -> list[str]:
    """What plugcheck knows a confined plugin may read: the host's directory and search path,
    and every plugin's root (the worker adds its Python's own paths)."""
    paths = {contract.root, *contract.search_path}
    for plugin in plugins:
        paths.add(plugin.root)
        if plugin.import_root is not None:
            paths.add(plugin.import_root)
    return sorted({str(p) for p in paths} | {str(p.resolve()) for p in paths})


class _Server:
    """One fork server for one contract (its API preloaded), at most ``jobs`` children at once.

    It talks over two socket pairs (requests in, results out), not pipes: a plugin cannot
    open a socket through ``/proc/<pid>/fd/N``. Every read has a deadline, and while waiting
    plugcheck looks at the server's process: stopped, traced, dead or silent is
    :class:`WorkerLost`, never a hang."""

    def __init__(self, env: Environment, contract: Contract, jobs: int, limits: Limits) -> None:
        self.env = env
        self.contract = contract
        self.jobs = jobs
        self.limits = limits
        self.proc: subprocess.Popen[bytes] | None = None
        self.ctl: socket.socket | None = None
        self.res: socket.socket | None = None
        self.stderr: IO[bytes] | None = None
        self.buffer = b""
        self.selector = selectors.DefaultSelector()
        self.running: list[int] = []
        """Plugins whose child the server has started and not yet reported, in start order."""
        self.pids: dict[int, int] = {}
        self.tmps: dict[int, Path] = {}
        self.closed = False
        """Whether the server was told that no more requests come."""
        self.temp_bound = 0
        """Bytes a child's temporary directory may hold in all (0: bounded per file only)."""
        self.confinement: list[str] = []
        """What confines every child of this server (its ``ready`` line)."""
        self.undeclared: list[str] = []
        """Lifecycle methods the contract's protocol does not declare (the ``ready`` line)."""

    def __enter__(self) -> _Server:
        return self

    def __exit__(self, *exc: object) -> None:
        for sock in (self.ctl, self.res):
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.close()
        self.selector.close()
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.stderr is not None:
            self.stderr.close()

    def kill(self, running: Sequence[int]) -> None:
        """End a lost server and the process groups of the children it was running (they also
        die with it: PR_SET_PDEATHSIG)."""
        if self.proc is not None:
            with contextlib.suppress(OSError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.kill()
        for index in running:
            if index in self.pids:
                with contextlib.suppress(OSError):
                    os.killpg(self.pids[index], signal.SIGKILL)
            tmp = self.tmps.get(index)
            if tmp is not None and tmp.name.startswith(TEMP_PREFIX):
                shutil.rmtree(tmp, ignore_errors=True)  # the server cannot remove it any more

    def start(self, plugins: Sequence[Plugin]) -> dict[str, str | None]:
        ctl, ctl_theirs = socket.socketpair()
        res, res_theirs = socket.socketpair()
        self.ctl, self.res = ctl, res
        theirs = (ctl_theirs.fileno(), res_theirs.fileno())
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__
        lifecycle = self.contract.lifecycle
        allow = [*BASE_ENV, *(lifecycle.env if lifecycle else ())]
        try:
            self.proc = subprocess.Popen(
                [str(self.env.executable), "-I", str(WORKER), *map(str, theirs)],
                pass_fds=theirs,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self.stderr,
                start_new_session=True,
                # Scrubbed before exec, not after: /proc/<pid>/environ of the server and of
                # every child shows the environment the server was started with.
                env=scrubbed(allow),
            )
        except OSError as exc:
            raise HarnessError(f"cannot start {self.env.executable}: {exc}") from None
        finally:
            ctl_theirs.close()
            res_theirs.close()
        self.selector.register(res, selectors.EVENT_READ)
        deadline = step_deadline(self.contract)
        setup: Setup = {
            "sys_path": _sys_path(self.env, self.contract),
            "preload": sorted(
                {r.module for r in self.contract.references()}
                | ({self.contract.api} if self.contract.api else set())
                | set(self.contract.options.get("preload", ()))
                | set(_hookspecs(self.contract))
            ),
            "jobs": self.jobs,
            "env_allow": allow,
            "scratch": tempfile.gettempdir(),
            "limits": {
                "address_space": (
                    lifecycle.memory * MIB if lifecycle else self.limits.address_space
                ),
                "file_size": self.limits.file_size,
                "temp_size": self.limits.temp_size,
                "processes": self.limits.processes,
                "cpu_seconds": int(deadline * 10 + 2),
            },
            "confine": self.limits.confine,
            "readable": _readable(self.contract, plugins),
            "protocol": (
                [lifecycle.protocol.module, lifecycle.protocol.name]
                if lifecycle is not None and lifecycle.protocol is not None
                else None
            ),
        }
        self._send(setup)
        try:
            ready = self._receive(START)
        except WorkerLost as exc:
            raise HarnessError(f"the harness worker did not start: {exc.what}") from None
        if ready is None or ready.get("t") != "ready":
            raise HarnessError(f"the harness worker did not start: {self._stderr()}")
        preloaded: dict[str, str | None] = ready.get("preloaded", {})
        self.temp_bound = int(ready.get("temp_bound", 0))
        self.confinement = [str(m) for m in ready.get("confinement", [])]
        declares = ready.get("declares")
        self.undeclared = (
            [s for s in ("init", "run", "shutdown") if s not in declares]
            if isinstance(declares, list)
            else []
        )
        # A hookspec module is preloaded unasked (the host imports it before any plugin): when
        # it cannot be, each child imports it again, and the pluggy pass says why.
        unasked = set(_hookspecs(self.contract)) - set(self.contract.options.get("preload", ()))
        return {name: problem for name, problem in preloaded.items() if name not in unasked}

    def _send(self, message: Setup | RunRequest | Mapping[str, str]) -> None:
        assert self.ctl is not None
        self.ctl.sendall(json.dumps(message).encode() + b"\n")

    def _receive(self, silence: float = SILENCE) -> dict[str, Any] | None:
        """The server's next line; ``None`` once it closed its end. Raises :class:`WorkerLost`
        when the server is stopped, traced or dead, or says nothing for ``silence`` seconds."""
        assert self.res is not None
        quiet_since = time.monotonic()
        while b"\n" not in self.buffer:
            if not self.selector.select(TICK):
                lost = self._liveness()
                if lost is not None:
                    raise lost
                if time.monotonic() - quiet_since > silence:
                    raise WorkerLost(f"sent nothing for {silence:g} s")
                continue
            try:
                chunk = self.res.recv(1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                return None
            self.buffer += chunk
            quiet_since = time.monotonic()
        line, _, self.buffer = self.buffer.partition(b"\n")
        try:
            message: dict[str, Any] = json.loads(line)
        except ValueError:
            if strict():
                raise HarnessError(f"not a harness message: {line[:200]!r}") from None
            return {}
        return message if isinstance(message, dict) else {}

    def _liveness(self) -> WorkerLost | None:
        """What is wrong with the server's process, if anything: gone, stopped or traced."""
        assert self.proc is not None
        code = self.proc.poll()
        if code is not None:
            return WorkerLost(_ended_how(code))
        state, tracer = _proc_state(self.proc.pid)
        if tracer:
            return WorkerLost(f"was traced by process {tracer}", tracer)
        if state == "T":
            return WorkerLost("was stopped (SIGSTOP or another stop signal)")
        if state == "t":
            return WorkerLost("was stopped by a tracer")
        return None

    def _gone(self) -> WorkerLost:
        """The server closed its result socket: how it ended (it may still be exiting)."""
        assert self.proc is not None
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return WorkerLost("closed its result channel")
        return WorkerLost(_ended_how(code))

    def _stderr(self) -> str:
        if self.proc is not None:
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        assert self.stderr is not None
        self.stderr.seek(0)
        text = self.stderr.read().decode("utf-8", "replace").strip()
        return (text.splitlines() or ["no output"])[-1]

    def run(
        self, plugins: Sequence[Plugin], batch: Sequence[int]
    ) -> Iterator[tuple[int, PluginResult]]:
        # Requests go out as children finish, a few ahead so the server never idles: it holds
        # a short queue instead of every request of the batch.
        todo = deque(batch)
        self._feed(plugins, todo, max(2 * self.jobs, 2))
        waiting = set(batch)
        while waiting:
            message = self._receive()
            if message is None:
                raise self._gone()
            kind = message.get("t")
            index = message.get("id")
            if kind == "started" and index in waiting:
                self.running.append(index)
                if int(message["pid"]) > 0:
                    self.pids[index] = int(message["pid"])
                self.tmps[index] = Path(str(message.get("tmp", "")))
            elif kind == "result" and index in waiting:
                waiting.discard(index)
                if index in self.running:
                    self.running.remove(index)
                self._feed(plugins, todo, 1)
                yield index, _result(plugins[index], self.contract, cast(Result, message))

    def _feed(self, plugins: Sequence[Plugin], todo: deque[int], count: int) -> None:
        """Send the next ``count`` requests; after the last one, say so."""
        try:
            for _ in range(min(count, len(todo))):
                index = todo.popleft()
                self._send(self._request(index, plugins[index]))
            if not todo and not self.closed:
                self.closed = True
                self._send({"t": "close"})
        except (OSError, ValueError):
            pass  # the server died: _receive() says how

    def _request(self, index: int, plugin: Plugin) -> RunRequest:
        contract = self.contract
        lifecycle = contract.lifecycle
        roots = sorted({str(r) for root in plugin.code_roots for r in (root, root.resolve())})
        path = [str(plugin.import_root)] if plugin.import_root else []
        request: RunRequest = {
            "t": "run",
            "id": index,
            "module": plugin.module,
            "path": path,
            "roots": roots,
            "exports": [
                {"name": e.name, "names": list(e.names), "optional": e.optional}
                for e in contract.exports_of(plugin)
            ],
            "deadline": step_deadline(self.contract),
            "async": bool(lifecycle and lifecycle.is_async),
            "lifecycle": None,
            "register": None,
        }
        if lifecycle is not None and lifecycle.register and lifecycle.registry:
            registry = lifecycle.registry
            register: RegisterSpec = {
                "export": lifecycle.register,
                "registry": [registry.module, registry.name],
            }
            request["register"] = register
        factory = contract.factory_of(plugin)
        if lifecycle is not None and factory:
            protocol = lifecycle.protocol
            spec: LifecycleSpec = {
                "factory": factory,
                "protocol": [protocol.module, protocol.name] if protocol else None,
                "config": dict(lifecycle.config),
                "invalid_config": (
                    dict(lifecycle.invalid_config) if lifecycle.invalid_config is not None else None
                ),
                "long_running": lifecycle.long_running,
                "reload": lifecycle.reload,
                "calls": None,
                "undeclared": list(self.undeclared),
            }
            if lifecycle.calls is not None:
                spec["calls"] = [
                    {
                        "method": c.method,
                        "stand_ins": [[r.module, r.name] for r in c.stand_ins],
                        "keywords": [[name, r.module, r.name] for name, r in c.keywords],
                        "returns": c.returns,
                        "required_keys": list(c.required_keys),
                        "return_type": (
                            [c.return_type.module, c.return_type.name] if c.return_type else None
                        ),
                    }
                    for c in lifecycle.calls
                ]
            request["lifecycle"] = spec
        return request


def scrubbed(allow: Sequence[str]) -> dict[str, str]:
    """plugcheck's environment reduced to the allow-listed names: what a plugin process may see
    (``/proc/<pid>/environ`` included)."""
    return {name: os.environ[name] for name in allow if name in os.environ}


def _ended_how(code: int) -> str:
    if code < 0:
        return f"was killed ({signal_name(-code)})"
    return f"exited with status {code}"


def _proc_state(pid: int) -> tuple[str, int]:
    """A process's state letter (``T`` stopped, ``t`` stopped by a tracer) and its tracer's pid,
    from /proc; ``("", 0)`` where there is no /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            state = handle.read().rpartition(b")")[2].split()[0].decode()
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"TracerPid:"):
                    return state, int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return "", 0


def _culprit(
    server: _Server, failure: WorkerLost, running: list[int], *, alone: bool
) -> tuple[int | None, str]:
    """The plugin whose process did it, and how plugcheck knows: the tracer is its process,
    or it happened again while the plugin ran alone on a fresh server."""
    if failure.tracer:
        for index in running:
            if index in server.pids and _descends(failure.tracer, server.pids[index]):
                return index, f" (the tracer, process {failure.tracer}, is its own)"
    if alone and len(running) == 1:
        return running[0], " again, alone on a new server"
    return None, ""


def _descends(pid: int, ancestor: int) -> bool:
    for _ in range(64):
        if pid == ancestor:
            return True
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                pid = int(handle.read().rpartition(b")")[2].split()[1])
        except (OSError, IndexError, ValueError):
            return False
        if pid <= 1:
            return False
    return False


def _attacker(plugin: Plugin, contract: Contract, what: str) -> PluginResult:
    """The result of a plugin whose process stopped, traced or killed the fork server: its
    own records went down with the server (the server reads them only every few ms)."""
    return PluginResult(
        plugin=plugin, contract=contract, harness_attack=f"the harness's fork server {what}"
    )


def _unrun(plugin: Plugin, contract: Contract, what: str) -> PluginResult:
    return PluginResult(
        plugin=plugin, contract=contract, skipped=f"the harness's fork server {what}"
    )


def _result(plugin: Plugin, contract: Contract, message: Result) -> PluginResult:
    steps: list[StepResult] = []
    merged: dict[str, dict[str, Any]] = {}
    roots = tuple(r for root in plugin.code_roots for r in (root.resolve(), root))
    for record in message.get("messages", []):
        if record.get("t") == "facts":
            observed = cast(FactsRecord, record)
            merged.setdefault(str(observed["step"]), {}).update(observed.get("facts") or {})
            continue
        raw = cast(StepDone, record)
        stdout = raw.get("stdout") or {"bytes": 0, "where": None}
        steps.append(
            StepResult(
                name=str(raw.get("step")),
                outcome=_outcome(raw.get("outcome")),
                seconds=float(raw.get("seconds", 0.0)),
                target=frame(raw.get("target")),
                failure=failure(raw.get("error")),
                stdout_bytes=int(stdout.get("bytes", 0)),
                stdout_where=frame(stdout.get("where")),
                detail=str(raw.get("detail", "")),
            )
        )
    exit_code = message.get("exit")
    fault = str(message.get("fault", ""))
    current = message.get("current")
    if exit_code == HARNESS_EXIT and strict():
        raise HarnessError(f"harness child failed on {plugin.name}: {message.get('stderr')}")
    facts = cast(Facts, merged)
    forged = _forged(contract, plugin, steps, facts, message)
    if current is not None or not message.get("ended"):
        name = str(current.get("step")) if current else (steps[-1].name if steps else "import")
        target = frame(current.get("target")) if current else None
        steps.append(_ended(name, target, message, fault, roots))
    return PluginResult(
        plugin=plugin,
        contract=contract,
        steps=tuple(steps),
        facts=facts,
        exit_code=exit_code if isinstance(exit_code, int) else None,
        stdout_head=str(message.get("stdout_head", "")),
        stdout_bytes=int(message.get("stdout_size", 0)),
        stderr_tail=str(message.get("stderr", "")),
        seconds=float(message.get("seconds", 0.0)),
        forged=forged,
        forged_step=_forged_step(message),
    )


def expected_steps(contract: Contract, plugin: Plugin) -> list[Step]:
    """The steps the worker reports, in order, for a plugin that passes every one of them."""
    lifecycle = contract.lifecycle
    steps = [Step.IMPORT, Step.LOOKUP, Step.REGISTER]
    if lifecycle is None or not contract.factory_of(plugin):
        return steps
    steps.append(Step.FACTORY)
    if lifecycle.protocol is not None:
        steps.append(Step.IDENTITY)
    if lifecycle.calls is not None:
        return steps + [Step.CALL] * len(lifecycle.calls)
    steps += [Step.INIT, Step.RUN, Step.SHUTDOWN]
    if lifecycle.long_running:
        steps.append(Step.RUN_STOP)
    steps += [Step.SECOND_SHUTDOWN, Step.AFTER_SHUTDOWN]
    if lifecycle.invalid_config is not None:
        steps.append(Step.INVALID_CONFIG)
    if lifecycle.reload:
        steps.append(Step.RELOAD)
    return steps


_NOT_STOPPING = {
    Step.REGISTER,
    Step.SECOND_SHUTDOWN,
    Step.AFTER_SHUTDOWN,
    Step.INVALID_CONFIG,
    Step.RELOAD,
}
"""Steps after whose failure the worker carries on with the next one."""


def _forged(
    contract: Contract,
    plugin: Plugin,
    steps: Sequence[StepResult],
    facts: Facts,
    message: Result,
) -> tuple[str, ...]:
    """Why this plugin's records are not the harness's own: records on its channel without
    the child's token, steps out of the contract's order, or an ``end`` before the steps the
    contract requires when nothing failed that would have stopped them."""
    reasons = []
    rejected = message.get("rejected")
    if isinstance(rejected, int) and rejected > 0:
        sample = str(message.get("rejected_sample", ""))[:80]
        reasons.append(
            f"{rejected} record{'s' if rejected != 1 else ''} on its result channel did not "
            f"carry the harness's token and plugin id for this child (first: {sample!r})"
        )
    names = [s.name for s in steps]
    expected: list[str] = [s.value for s in expected_steps(contract, plugin)]
    if names != expected[: len(names)]:
        reasons.append(
            f"steps reported out of order: {', '.join(names)} (expected {', '.join(expected)})"
        )
    elif (
        message.get("ended")
        and len(names) < len(expected)
        and not _stopped_early(contract, plugin, steps, facts)
    ):
        reasons.append(
            "its process reported the end after "
            + (names[-1] if names else "no step")
            + " with nothing failed; "
            + ", ".join(expected[len(names) :])
            + " never ran"
        )
    return tuple(reasons)


def _stopped_early(
    contract: Contract, plugin: Plugin, steps: Sequence[StepResult], facts: Facts
) -> bool:
    """Whether the worker had a reason to stop after the last step it reported."""
    done = (Outcome.OK, Outcome.SKIPPED)
    if any(s.outcome not in done and s.name not in _NOT_STOPPING for s in steps):
        return True
    if facts.get("identity", {}).get("ok") is False or facts.get("run"):
        return True  # not the host's class; a long-running run() that did not stop
    lifecycle = contract.lifecycle
    if lifecycle is not None and steps and steps[-1].name == Step.REGISTER:
        name = contract.factory_of(plugin)
        factory = next((e for e in contract.exports_of(plugin) if e.name == name), None)
        return factory is None or factory.optional or bool(facts.get("lookup", {}).get("missing"))
    return False


def _forged_step(message: Result) -> str | None:
    at = message.get("rejected_step")
    return str(at["step"]) if at else None


def _outcome(raw: object) -> Outcome:
    """The worker's outcome name; an unknown one is a plugcheck bug (raised under the test
    suite's PLUGCHECK_STRICT, reported as a lost step otherwise)."""
    try:
        return Outcome(raw)
    except ValueError:
        if strict():
            raise HarnessError(f"unknown step outcome from the worker: {raw!r}") from None
        return Outcome.LOST


def _ended(
    name: str,
    target: Frame | None,
    message: Mapping[str, Any],
    fault: str,
    roots: tuple[Path, ...],
) -> StepResult:
    """The step during which the process stopped without reporting: why, and where it was."""
    code = message.get("exit")
    timed_out = message.get("killed") is True
    main = message.get("main_thread")
    prefer = main if timed_out and isinstance(main, int) else None
    where = fault_frame(fault, roots, prefer) or frame(message.get("exit_where"))
    if timed_out:
        outcome, detail = Outcome.TIMEOUT, ""
    elif isinstance(code, int) and code < 0:
        outcome, detail = Outcome.CRASHED, signal_name(-code)
    elif message.get("oversized"):
        limit = MESSAGE_LIMIT >> 20
        outcome = Outcome.LOST
        detail = f"its reports exceeded the harness's {limit} MiB limit and the rest was dropped"
    elif code == LOST_EXIT:
        outcome, detail = Outcome.LOST, ""
    else:
        outcome, detail = Outcome.EXITED, f"exit status {code}"
    stderr = str(message.get("stderr", "")).strip().splitlines()
    failure_ = None
    if outcome is Outcome.CRASHED and stderr:
        failure_ = Failure(detail, stderr[0][:200])
    return StepResult(name, outcome, target=target, where=where, detail=detail, failure=failure_)


__all__ = ["HarnessError", "Limits", "OnResult", "run"]
