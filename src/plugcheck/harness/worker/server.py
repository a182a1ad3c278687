"""The fork server: preloads the host's API once, has one child per plugin made (by the zygote,
else it forks it; at most ``jobs`` at a time), enforces deadlines, reads each child's records and
turns whatever happened into one result line per plugin for plugcheck."""

from __future__ import annotations

import builtins
import contextlib
import gc
import json
import mmap
import os
import selectors
import signal
import socket
import sys
import threading
import time
from collections import deque

from . import pids_cgroup, preload_guard, protocol_members, startup, stdlib_first, worker_only
from .audit import STATE, audit_hook
from .cells import Cell, close_cells, cpu_base, memory_bounded, memory_limit, open_cells
from .census import child_pids
from .channel import CLOCK
from .constants import (
    FAULT_HEAD,
    HEARTBEAT,
    MESSAGE_LIMIT,
    POLL,
    SCRATCH_FREE,
    STDERR_TAIL,
    STDOUT_HEAD,
    SWEEP_DEADLINE,
)
from .describe import raised_through, str_here
from .isolate import child_main, load_confine, prepare_confinement, setup_confines, subreaper
from .job import Job
from .preload_calls import call_all
from .records import take
from .remove_tree import rmtree
from .scratch import Slots, file_size, free_bytes, mkdtemp, read_file, sweep_stale
from .shared_modules import SHARED
from .warm import load_fork_exec, warm

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    from plugcheck.harness.protocol import ServerMessage

    Msg = dict[str, Any]

_dumps = json.JSONEncoder(default=str).encode
"""``json.dumps(..., default=str)``, one encoder for every message (not one built per call)."""
_loads = json.loads
_monotonic = time.monotonic
_type = type
_getattr = getattr
_hasattr = hasattr
_exit_now = os._exit


class ForkServer:
    def __init__(self, ctl: int, res: int) -> None:
        self.ctl = ctl
        self.res = res
        self.selector = selectors.DefaultSelector()
        self.queue: deque[Msg] = deque()
        self.jobs: dict[int, Job] = {}
        self.closed = False
        self.ctl_buffer = b""
        self.setup: Msg = {}
        self.scratch = "/tmp"
        self.slots = Slots(self.scratch, 0, 0)
        self.pids_base: str | None = None
        self.memory_base: str | None = None
        self.cpu_base: str | None = None
        self.cgroups_left: list[str] = []
        self.subreaper = False
        self.aborted = False
        self.last_sent = 0.0
        self.cells: list[Cell] = []
        """A place per concurrent plugin process, each with the zygote that makes it, when it
        can (``cells.py``, ``zygote.py``); none: the server forks."""
        self.free_cells: list[Cell] = []
        self.outbox: list[bytes] = []
        """Lines for plugcheck written together once per turn of the loop (``flush``): a
        plugin's result and the next plugin's ``started`` go out in one write, and plugcheck
        wakes once per plugin instead of twice."""

    def send(self, message: ServerMessage) -> None:
        self.send_raw((_dumps(message) + "\n").encode())

    def post(self, message: ServerMessage) -> None:
        self.outbox.append((_dumps(message) + "\n").encode())

    def flush(self) -> None:
        if self.outbox:
            data, self.outbox = b"".join(self.outbox), []
            self.send_raw(data)

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
        # What servers killed before they could clean up left (this user's, owner gone).
        for parent in {shm, self.setup.get("scratch") or "/tmp", "/tmp"}:
            sweep_stale(parent)
        if os.access(shm, os.W_OK | os.X_OK) and free_bytes(shm) >= SCRATCH_FREE:
            self.scratch = shm  # tmpfs: creating and removing per-plugin dirs costs nothing
        else:  # plugcheck's temporary directory: the environment here is already scrubbed
            self.scratch = self.setup.get("scratch") or os.environ.get("TMPDIR") or "/tmp"
        # Before anything can start a thread (a new user namespace needs a single thread).
        # Confined, this process becomes the first of a PID namespace: without Landlock, the
        # fallback builds a root of its own; with it, a /proc of its own hides the machine's
        # other processes (their cmdline) from plugins.
        confine = load_confine()
        confining = setup_confines(self.setup) and confine is not None
        # Made as the user plugcheck runs as, before a user namespace maps it.
        self.pids_base = pids_cgroup.base() if confining else None
        self.memory_base = pids_cgroup.base("memory") if confining else None
        self.cpu_base = cpu_base(max(1, int(self.setup.get("jobs", 1)))) if confining else None
        for base in (self.pids_base, self.memory_base, self.cpu_base):
            pids_cgroup.hold(base)  # the namespace fallback's root holds /sys read-only
        spaces = confine.enter_namespaces(pid=confining) if confine is not None else []
        if "pid-namespace" in spaces and confine.landlock() and not confine.own_proc():
            spaces.remove("pid-namespace")  # PID 1 all the same, but every process listed
        size = int(self.setup["limits"].get("temp_size", 0))
        jobs = max(1, int(self.setup.get("jobs", 1)))
        self.slots = Slots(self.scratch, jobs, size, private="net-namespace" in spaces)
        allow = set(self.setup.get("env_allow", []))
        for name in [k for k in os.environ if k not in allow]:
            del os.environ[name]
        sys.path[:] = [p for p in self.setup["sys_path"] if p]
        # Started with -S: the start-up code of the environment runs in each child, confined.
        startup.venv_prefix()  # before `import site`, which reads it
        startup.site_builtins()
        self.setup["pth_lines"] = startup.compiled(startup.import_lines(sys.path))
        # The host's sys.modules, not this worker's: the preloads import back what it needs.
        worker_only.hide(getattr(sys.modules.get(__package__ or ""), "STARTUP", None))
        preloaded: dict[str, str | None] = {}
        preload_raised_at = {}
        preload_guard.install(self.setup)  # no plugin's code here: left to each child
        for name in self.setup.get("preload", []):
            try:
                preload_guard.preload(name)
                preloaded[name] = None
            except BaseException as exc:  # reported, children retry
                preloaded[name] = f"{_type(exc).__name__}: {str_here(exc, 500)}"
                preload_raised_at[name] = raised_through(exc)
        # The host's session, as it starts it before its plugins: every child is forked from it.
        called = preload_guard.guarded(lambda: call_all(self.setup.get("preload_calls", [])))
        # Every child searches the environment's path (its .pth lines, sitecustomize, the
        # plugin's imports): its directory listings are read here once, not in each child.
        # (What the setup's "warm" names are the entries several plugins share: one plugin's
        # own is left to its child, so the server's import state does not grow per plugin.)
        warmed = warm([*(p for p in sys.path if p), *self.setup.get("warm", [])])
        # A .pth line that adds a path hook makes the child drop these (isolate.child_main).
        self.setup["warmed"] = (list(sys.path_hooks), warmed)
        load_fork_exec()
        STATE.host_roots = tuple(os.path.join(r, "") for r in self.setup.get("host_roots", []))
        stdlib_first.install(sys.path)  # before any plugin's root joins sys.path (in a child)
        declares = protocol_members.declares(
            self.setup.get("protocol")
        )  # before any plugin can patch it
        if _hasattr(sys, "addaudithook"):  # not on every implementation (PyPy)
            sys.addaudithook(audit_hook)
        # Plugins see a __main__ of their own, as in a host, not this file's module: patching
        # the harness through `import __main__` then fails (the module object stays reachable
        # through the garbage collector; docs/harness.md says what that allows).
        # It is the host's script's module, as a console script's (red team finding 9: a plugin
        # reading `__main__.__file__` for its program name was PC405 AttributeError).
        main = _type(sys)("__main__")
        main_file = self.setup.get("main_file")
        if main_file:
            main.__file__ = main_file
            sys.argv[:] = [main_file]
        main.__spec__ = None
        main.__builtins__ = builtins  # type: ignore[attr-defined]
        sys.modules["__main__"] = main
        STATE.snapshot = (dict(builtins.__dict__), dict(sys.modules))
        SHARED.take(__name__.partition(".")[0], STATE.host_roots)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        self.subreaper = subreaper()
        self.setup["server_pid"] = os.getpid()
        root = self.slots.base if "pid-namespace" in spaces and self.slots.mounted else ""
        confinement = prepare_confinement(self.setup, self.slots.mounted, root)
        if setup_confines(self.setup):
            confinement += ["temp-cap"] if self.slots.mounted else []
            confinement += spaces
        gc.collect()
        gc.freeze()
        if self.setup.get("zygote", True):
            self.cells = open_cells(
                jobs,
                self.pids_base,
                self._zygote_child,
                (self.ctl, self.res),
                self._memory(),
                self.cpu_base,
            )
        if setup_confines(self.setup) and memory_bounded(self.cells, self._memory()):
            confinement.append("memory-cgroup")
        self.free_cells = list(self.cells)
        self.send(
            {
                "t": "ready",
                "preloaded": preloaded,
                "preload_raised_at": {k: v for k, v in preload_raised_at.items() if v},
                "deferred": preload_guard.DEFERRED,
                "called": called,
                "absent_builtins": [
                    n for n in self.setup.get("host_builtins", []) if not _hasattr(builtins, n)
                ],
                "python": sys.version.split()[0],
                "confinement": confinement,
                "temp_bound": self.slots.size if self.slots.mounted else 0,
                "declares": declares,
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
            self.flush()
            for job in self.jobs.values():
                _killpg(job.pid)
            close_cells(self.cells, self.cgroups_left)
            self._sweep()
            self.slots.close()

    def _sweep(self, force: bool = False, spare: bool = False) -> None:
        """Kill and reap orphans reparented to us (a plugin's processes in a session of their
        own, once their parent and the plugin's child, their subreaper, are gone), round after
        round (a setsid + fork chain hands us one generation per round) within SWEEP_DEADLINE.
        ``force``: also without being a subreaper (a child the lost zygote may have made);
        ``spare``: not those in the cgroup of a job not finished yet (``Job.held``)."""
        if not self.subreaper and not force:
            return
        spared = {pid for job in self.jobs.values() for pid in job.held()} if spare else set()
        until = _monotonic() + SWEEP_DEADLINE
        while _monotonic() < until:
            zygotes = {cell.zygote.pid for cell in self.cells if cell.zygote}
            orphans = child_pids() - set(self.jobs) - spared - zygotes
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
            self.flush()  # before any wait: what ended last turn, what started this one
            now = _monotonic()
            timeout = POLL
            for job in self.jobs.values():
                timeout = min(timeout, job.deadline(now) - now)
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
                if now < job.deadline(now):
                    continue
                if job.asked is None:
                    # Late: ask for its stacks (faulthandler on SIGUSR1), then kill the group.
                    job.ask(now)
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(job.pid, signal.SIGUSR1)
                        # A stopped process (its own SIGSTOP) takes SIGUSR1 only once it runs:
                        # before, such a hang lost its "stuck at" location (red team sand17).
                        os.kill(job.pid, signal.SIGCONT)
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
        job = Job(request)
        job.slot = self.slots.take()
        job.tmp = mkdtemp(job.slot)
        job.cell = cell = self.free_cells.pop() if self.free_cells else None
        if cell is None or cell.cgroup is None:  # else made in the cell's, where its zygote is
            job.cgroup = pids_cgroup.make(self.pids_base, f"job-{job.id}")
        if cell is None or cell.memory is None:  # it moves itself into one of its own
            base, limit = self._memory()
            job.memory = pids_cgroup.make(base, f"job-{job.id}", limit, "memory")
        if cell is None or cell.cpu is None:
            job.cpu = pids_cgroup.make(self.cpu_base, f"job-{job.id}", 1, "cpu")
        # A socket, not a pipe: /proc/<pid>/fd/N of a pipe can be opened by any process of the
        # same user (a sibling plugin), a socket's cannot (ENXIO).
        ours, theirs = socket.socketpair()
        read, write = ours.detach(), theirs.detach()
        pid = self._clone(job, write, cell) if cell is not None and cell.zygote else -1
        if pid <= 0 and job.cgroup is None:  # forked here: it moves itself into one of its own
            job.cgroup = pids_cgroup.make(self.pids_base, f"job-{job.id}")
        if pid == 0:  # the zygote was lost, perhaps after it made the child: start afresh
            os.close(read)
            os.close(write)
            rmtree(job.tmp)
            job.tmp = mkdtemp(job.slot)
            job.token = os.urandom(16).hex()
            ours, theirs = socket.socketpair()
            read, write = ours.detach(), theirs.detach()
        if pid <= 0:  # no zygote, or not for this request: the server forks the child itself
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
        if pid == 0:
            try:
                os.close(read)
                self._forget()
                child_main(
                    write,
                    job.tmp,
                    {**request, "token": job.token, **job.cgroups()},
                    self.setup,
                    job.shared,
                )
            finally:
                _exit_now(71)
        os.close(write)
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)
        job.pid = pid
        job.pipe = read
        job.started = _monotonic()
        job.start_clock(job.started)
        os.set_blocking(read, False)
        pidfd_open = _getattr(os, "pidfd_open", None)
        if pidfd_open is not None:
            try:
                job.pidfd = pidfd_open(pid)
                self.selector.register(job.pidfd, selectors.EVENT_READ, job)
            except OSError:
                job.pidfd = -1
        self.jobs[pid] = job
        # In a PID namespace of its own the pid means nothing to plugcheck (and must not be
        # signalled there): the kernel kills every child when the server is killed.
        shown = 0 if self.setup["server_pid"] == 1 else pid
        self.post({"t": "started", "id": job.id, "pid": shown, "tmp": job.tmp})

    def _clone(self, job: Job, write: int, cell: Cell) -> int:
        """Have the cell's zygote make ``job``'s child (the server's child all the same), its
        step clock a ``memfd`` both map: its pid; -1: fork this one here; 0: the zygote is lost
        (the cell retired)."""
        assert cell.zygote is not None
        page = os.memfd_create("plugcheck-clock")
        fds = [write, page]
        with contextlib.suppress(OSError, TypeError):  # a v2 cgroup: made in it, not moved
            if os.path.exists(os.path.join(job.cgroup, "cgroup.controllers")):  # type: ignore[arg-type]
                fds.append(os.open(job.cgroup, os.O_RDONLY | os.O_DIRECTORY))  # type: ignore[arg-type]
        try:
            os.ftruncate(page, CLOCK.size)
            shared = mmap.mmap(page, CLOCK.size)
            request = {**job.request, "token": job.token, **job.cgroups()}
            payload = _dumps({"tmp": job.tmp, "request": request}).encode()
            pid = cell.zygote.spawn(payload, fds)
        finally:
            for fd in fds[1:]:
                os.close(fd)
        if pid > 0:
            job.shared.close()
            job.shared = shared
            return pid
        shared.close()
        if pid == 0:  # killed and reaped (Zygote.lost)
            cell.zygote = None
            self._sweep(force=True)  # what it may have made before it was stopped
            cell.retire(self.cgroups_left)
        return pid

    def _memory(self) -> tuple[str | None, int]:
        """Where each plugin process's ``memory`` cgroup goes, and its limit (``cells``)."""
        return self.memory_base, memory_limit(self.setup["limits"])

    def _zygote_child(self, payload: bytes, fds: list[int], into: bool) -> None:
        """(a child the zygote made, in its cgroup if ``into``) Map the step clock, then as a
        forked child (never returns)."""
        message = _loads(payload)
        shared = mmap.mmap(fds[1], CLOCK.size)
        request = message["request"]
        if into:
            request["pids_cgroup"] = None  # in it already
        for fd in fds[1:]:
            os.close(fd)
        child_main(fds[0], message["tmp"], request, self.setup, shared)

    def _forget(self) -> None:
        """In a new child: drop what its plugin must not see of the server it is a copy of
        (the other children's tokens, records, channels and deadline pages: a page is a shared
        mapping, and a child that kept a running sibling's could move its deadline out of reach)."""
        for other in self.jobs.values():
            other.token = ""
            other.messages, other.buffer, other.current = [], b"", None
            with contextlib.suppress(OSError):
                os.close(other.pipe)
            with contextlib.suppress(BufferError, OSError):
                other.shared.close()
        self.jobs.clear()

    def _drain(self, job: Job) -> None:
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
                take(job)

    def _finish(self, job: Job, status: int | None = None) -> None:
        self._drain(job)
        escaped = [] if job.killed else job.left_behind()  # (a job killed at its deadline failed)
        _killpg(job.pid)
        if status is None:
            try:
                _, status = os.waitpid(job.pid, 0)
            except ChildProcessError:
                status = 0
        oom_kills = job.oom_kills()  # (before its cell may be retired)
        os.close(job.pipe)
        if job.pidfd >= 0:
            self.selector.unregister(job.pidfd)
            os.close(job.pidfd)
        job.shared.close()
        del self.jobs[job.pid]
        self._sweep(spare=True)
        if job.cell is not None:  # reused only with nothing of this plugin's left in it
            if not job.cell.clean():
                job.cell.retire(self.cgroups_left)
            self.free_cells.append(job.cell)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        fault = read_file(os.path.join(job.tmp, "fault"), head=FAULT_HEAD)
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
            "late_fault": job.late_fault,
            "waited": job.waited if job.killed else 0.0,
            "stderr": read_file(os.path.join(job.tmp, "stderr"), tail=STDERR_TAIL),
            "stdout_head": read_file(os.path.join(job.tmp, "stdout"), head=STDOUT_HEAD),
            "stdout_size": file_size(os.path.join(job.tmp, "stdout")),
            "seconds": _monotonic() - job.started,
            "rejected": job.rejected,
            "rejected_sample": job.rejected_sample,
            "rejected_step": job.rejected_step,
            "oversized": job.received > MESSAGE_LIMIT,
            "escaped": escaped,
            "oom_kills": oom_kills,
            "memory_bound": self._memory()[1] >> 20,
        }
        rmtree(job.tmp)
        self.slots.give(job.slot)
        for cgroup in (job.cgroup, job.memory, job.cpu):
            if cgroup and not pids_cgroup.remove(cgroup):  # an orphan in it: at the end
                self.cgroups_left.append(cgroup)
        # The child's records follow their result, a line each as the child wrote it (never
        # spliced into the result's line: a record of the plugin's own making could then set
        # the server's own keys, its exit status, what it found left running).
        result["records"] = len(job.messages)
        self.outbox.append(b"\n".join([_dumps(result).encode(), *job.messages, b""]))


def _killpg(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def main(argv: list[str]) -> int:
    server = ForkServer(int(argv[1]), int(argv[2]))
    try:
        server.start()
        server.serve()
    finally:
        for left in server.cgroups_left:
            pids_cgroup.remove(left)
        pids_cgroup.remove(server.pids_base)
        pids_cgroup.remove(server.memory_base)
        pids_cgroup.remove(server.cpu_base)
    return 0
