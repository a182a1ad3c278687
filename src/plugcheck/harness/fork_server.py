"""plugcheck's end of one fork server: start it in the target Python, send it its setup and its
requests as children free up (``server_messages`` says what they hold), read its lines, and watch
its process while it waits (``server_health``: stopped, traced, dead or silent is
:class:`WorkerLost`)."""

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
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, cast

from plugcheck import _exited, target_env
from plugcheck.environment import Environment, host_package
from plugcheck.harness import host_own, server_messages, worker
from plugcheck.harness.heartbeat import Silence, server_pid
from plugcheck.harness.protocol import Result, RunRequest, Setup
from plugcheck.harness.server_health import WorkerLost, gone, liveness
from plugcheck.harness.server_messages import Limits, registries, run_request
from plugcheck.harness.worker.constants import TEMP_PREFIX
from plugcheck.model import Contract, Plugin
from plugcheck.options import strict

WORKER = Path(worker.__file__).resolve().parent / "__main__.py"
BASE_ENV = target_env.BASE
"""Variables every plugin process keeps; the contract's ``lifecycle.env`` adds more."""
SILENCE = 15.0
"""Seconds plugcheck waits for any line from the fork server (it says ``alive`` twice a second)
before it counts the server as hung."""
START = 120.0
"""Seconds the fork server may take to start and preload the contract's API."""
TICK = 0.1
"""How often plugcheck looks at the fork server's process state while it waits."""


class HarnessError(Exception):
    """The harness itself failed (the worker could not start): not the plugin's fault."""


class ForkServerClient:
    """plugcheck's end of one fork server (``worker/server.py``'s ``ForkServer``, in the target)
    for one contract (its API preloaded), at most ``jobs`` children at once.

    It talks over two socket pairs (requests in, results out), not pipes: a plugin cannot
    open a socket through ``/proc/<pid>/fd/N``. Every read has a deadline, and while waiting
    plugcheck looks at the server's process: stopped, traced, dead or silent is
    :class:`WorkerLost`, never a hang."""

    def __init__(
        self,
        env: Environment,
        contract: Contract,
        jobs: int,
        limits: Limits,
        *,
        host_roots: Sequence[str] = (),
        guarded: Sequence[Plugin] = (),
    ) -> None:
        self.env = env
        self.host_roots = list(host_roots)
        self.guarded = tuple(guarded)
        self.plugin_modules: list[str] = []
        """The modules whose code the server must never run (``host_own.guarded``)."""
        """Plugins the run does not check here whose code the server must never run either
        (another shard's, the host's other plugins in a run on paths, other contracts')."""
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
        self.heart = 0
        """The server's own process, once it is ready (its silence: ``heartbeat``)."""
        self.undeclared: list[str] = []
        """Lifecycle methods the contract's protocol does not declare (the ``ready`` line)."""
        self.absent_builtins: list[str] = []
        """The contract's host-builtins no preload put in builtins (the ``ready`` line)."""
        self.failed_call: tuple[str, str] | None = None
        self.preload_raised_at: dict[str, list[tuple[Path, int]]] = {}
        self.deferred: dict[str, str] = {}
        """Preloads the server left to each child: they run a plugin's code (what)."""
        """Each preload that raised: the frames of its traceback, outermost first."""
        """The contract's ``preload-calls`` entry that raised, and what it raised (the ``ready``
        line): every plugin then ran without the session the host starts."""
        self._real: dict[Path, Path] = {}
        self.launched_for: tuple[int, ...] = ()
        """The plugins (by ``id``) :meth:`launch` started the server for."""

    def real(self, path: Path) -> Path:
        """``path.resolve()``, once per server: a plugin's roots are resolved for the setup's
        read rules, for its request and for its result (a realpath is an lstat per component)."""
        found = self._real.get(path)
        if found is None:
            try:
                found = path.resolve()
            except (OSError, RuntimeError):  # a link loop (RuntimeError before Python 3.13)
                found = path  # a plugin the static pass reports (PC001), which never runs
            self._real[path] = found
        return found

    def code_roots(self, plugin: Plugin) -> tuple[Path, ...]:
        """The plugin's code roots, each resolved and as given."""
        return tuple(r for root in plugin.code_roots for r in (self.real(root), root))

    def __enter__(self) -> ForkServerClient:
        return self

    def __exit__(self, *exc: object) -> None:
        for sock in (self.ctl, self.res):
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.close()
        self.selector.close()
        if self.proc is not None:
            try:
                _exited.wait(self.proc, 10)
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
        """Start the server for ``plugins`` (unless :meth:`launch` did) and wait until it is
        ready: what each preload raised (``None``: imported)."""
        if self.proc is None:
            self.launch(plugins)
        return self._ready()

    def launch(self, plugins: Sequence[Plugin]) -> None:
        """Start the server and send it its setup, without waiting for it: it preloads and
        confines while plugcheck does other work (the static pass) before :meth:`start`."""
        ctl, ctl_theirs = socket.socketpair()
        res, res_theirs = socket.socketpair()
        self.ctl, self.res = ctl, res
        theirs = (ctl_theirs.fileno(), res_theirs.fileno())
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__
        lifecycle = self.contract.lifecycle
        allow = [*BASE_ENV, *(lifecycle.env if lifecycle else ())]
        try:
            self.proc = subprocess.Popen(
                # -S: no .pth line or sitecustomize runs before confinement; each child runs
                # them once confined (worker/startup.py). -B: checking a tree never writes
                # __pycache__ into it (the host package the server preloads from the user's
                # checkout, a plugin run without confinement); bytecode already there is read.
                [str(self.env.executable), "-I", "-S", "-B", str(WORKER), *map(str, theirs)],
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
        setup = server_messages.setup(
            self.env,
            self.contract,
            plugins,
            jobs=self.jobs,
            limits=self.limits,
            allow=allow,
            real=self.real,
            host_roots=self.host_roots,
            guarded=self.guarded,
        )
        self.plugin_modules = setup["plugin_modules"]
        self._send(setup)

    def _ready(self) -> dict[str, str | None]:
        try:
            ready = self._receive(START)
        except WorkerLost as exc:
            raise HarnessError(f"the harness worker did not start: {exc.what}") from None
        if ready is None or ready.get("t") != "ready":
            raise HarnessError(f"the harness worker did not start: {self._stderr()}")
        preloaded: dict[str, str | None] = ready.get("preloaded", {})
        self.preload_raised_at = {
            str(name): [
                (Path(str(at.get("path", ""))), int(at.get("line", 0)))
                for at in frames
                if isinstance(at, dict)
            ]
            for name, frames in dict(ready.get("preload_raised_at", {})).items()
            if isinstance(frames, list)
        }
        self.deferred = {str(k): str(v) for k, v in dict(ready.get("deferred", {})).items()}
        self.temp_bound = int(ready.get("temp_bound", 0))
        self.confinement = [str(m) for m in ready.get("confinement", [])]
        self.heart = server_pid(
            self.proc.pid if self.proc else 0, "pid-namespace" in self.confinement
        )
        self.absent_builtins = [str(n) for n in ready.get("absent_builtins", [])]
        called = ready.get("called", {})
        self.failed_call = next(((str(f), str(w)) for f, w in called.items() if w), None)
        declares = ready.get("declares")
        self.undeclared = (
            [s for s in ("init", "run", "shutdown") if s not in declares]
            if isinstance(declares, list)
            else []
        )
        # A hookspec module and the host's package are preloaded unasked (the host imports them
        # before any plugin): when one cannot be, each child imports it again, and the pluggy
        # pass says why.
        unasked = {
            *host_own.hookspec_modules(self.contract),
            *host_package(self.contract, self.env),
            *(m for m, _ in registries(self.contract)),
        } - set(self.contract.options.get("preload", ()))
        return {name: problem for name, problem in preloaded.items() if name not in unasked}

    def _send(self, message: Setup | RunRequest | Mapping[str, str]) -> None:
        assert self.ctl is not None
        self.ctl.sendall(json.dumps(message).encode() + b"\n")

    def _receive(self, silence: float = SILENCE) -> dict[str, Any] | None:
        """The server's next line; ``None`` once it closed its end. Raises :class:`WorkerLost`
        when the server is stopped, traced or dead, or says nothing for ``silence`` seconds."""
        line = self._line(silence)
        if line is None:
            return None
        try:
            message: dict[str, Any] = json.loads(line)
        except ValueError:
            if strict():
                raise HarnessError(f"not a harness message: {line[:200]!r}") from None
            return {}
        if isinstance(message, dict) and message.get("t") == "result":
            # The child's records follow it as their own lines, as written (protocol.Result).
            lines = [self._line(silence) for _ in range(int(message.get("records") or 0))]
            if None in lines:
                return None  # the server ended within them: no result from half its records
            message["lines"] = lines
        return message if isinstance(message, dict) else {}

    def _line(self, silence: float) -> bytes | None:
        assert self.res is not None
        quiet = Silence(self.heart, silence)
        while b"\n" not in self.buffer:
            if not self.selector.select(TICK):
                lost = liveness(self.proc)
                if lost is not None:
                    raise lost
                if quiet.over():
                    waited = f" plus the {quiet.kept:.1f} s it waited for a processor"
                    raise WorkerLost(f"sent nothing for {silence:g} s" + waited * (quiet.kept > 0))
                continue
            try:
                chunk = self.res.recv(1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                return None
            self.buffer += chunk
            quiet.heard()
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line

    def _stderr(self) -> str:
        if self.proc is not None:
            try:
                _exited.wait(self.proc, 5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        assert self.stderr is not None
        self.stderr.seek(0)
        text = self.stderr.read().decode("utf-8", "replace").strip()
        return (text.splitlines() or ["no output"])[-1]

    def run(self, plugins: Sequence[Plugin], batch: Sequence[int]) -> Iterator[tuple[int, Result]]:
        # Requests go out as children finish, a few ahead so the server never idles: it holds
        # a short queue instead of every request of the batch.
        todo = deque(batch)
        self._feed(plugins, todo, max(2 * self.jobs, 2))
        waiting = set(batch)
        while waiting:
            message = self._receive()
            if message is None:
                raise gone(self.proc)
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
                yield index, cast(Result, message)

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
        roots = self.code_roots(plugin)
        return run_request(index, plugin, self.env, self.contract, roots, self.undeclared)


def scrubbed(allow: Sequence[str]) -> dict[str, str]:
    """plugcheck's environment reduced to the allow-listed names: what a plugin process may see
    (``/proc/<pid>/environ`` included)."""
    return {name: os.environ[name] for name in allow if name in os.environ}
