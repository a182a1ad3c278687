"""One mypy build in a forked child of plugcheck's process, watched for progress.

mypy runs compiled (mypyc): a signal handler never gets to run inside its hot loops, so a
plugin whose types make a check exponential (``A1 = Tuple[A0, A0]`` forty times, returned
where ``Tuple[B39...]`` is declared) held plugcheck for ever, and every other plugin's check
with it. The build runs in a child that logs each strongly connected component of modules it
starts and each module whose cache it writes (mypy's own log); a child that logs nothing for
``stall_seconds()`` is killed, and the parent learns which modules it turned to last
(:class:`Stalled`): mypy logs no line when it starts a module's function bodies, so that is
where it was, or just before.

The child is forked from a small process that :func:`forked_early` forks before the static
pass grows plugcheck's heap (the work goes to it pickled, with the child's two pipes): a child
forked from plugcheck's own process late in a run holds every page of that heap too (460 MiB
at 10,000 plugins), on top of the build's own.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import selectors
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, Generic, TextIO, TypeVar

from plugcheck import target_env
from plugcheck.harness.confine.limits import set_limit
from plugcheck.untrusted import address_space

STALL_ENV = "PLUGCHECK_MYPY_STALL"
"""Seconds mypy may spend in one group of modules (default :data:`STALL`); tests shorten it."""
STALL = 180.0
"""A host's largest module group takes seconds, a minute on a loaded CI machine: three."""

MEMORY_ENV = "PLUGCHECK_MYPY_MEMORY"
"""MiB of address space a mypy build may take beyond its child's start (default
:data:`MEMORY`)."""
MEMORY = 4096
"""Real hosts' builds stay far below (see :func:`memory_budget`); one line of a plugin,
``(0,) * 30000000``, made mypy build a tuple type of 30 million items: 6.4 GB, and a larger
count the machine's memory (red team red28)."""

_INTERNAL = re.compile(r"(.+?):\d+: error: INTERNAL ERROR")
"""mypy's internal error, at the file and line it was checking."""
_SCC = "Scheduling SCC "
_WRITING = "LOG:  Writing "

_T = TypeVar("_T")


class Stalled(Exception):
    """mypy made no progress for ``seconds`` while checking ``modules``."""

    def __init__(self, modules: list[str], seconds: float) -> None:
        super().__init__(
            f"mypy made no progress for {seconds:g} s while checking {_shown(modules)}"
        )
        self.modules = modules
        self.seconds = seconds
        self.paths: list[str] = []
        """Files mypy named as where it failed (its internal error's ``path:line``)."""


class OutOfMemory(Stalled):
    """mypy took all the memory it may (``mebibytes``) while checking ``modules``: the modules
    it turned to last are judged as a stalled build's are."""

    def __init__(self, modules: list[str], mebibytes: int, paths: list[str]) -> None:
        where = ", ".join(os.path.basename(p) for p in paths[:1]) or _shown(modules)
        Exception.__init__(
            self, f"mypy ran out of the {mebibytes:,} MiB of memory it may take in {where}"
        )
        self.modules = modules
        self.seconds = 0.0
        self.paths = paths


def _shown(modules: list[str]) -> str:
    shown = ", ".join(modules[:5]) + (f" and {len(modules) - 5} more" if len(modules) > 5 else "")
    return shown or "it"


def memory_budget() -> int:
    """MiB a build may take beyond its child's address space at the start
    (:data:`MEMORY_ENV`, else :data:`MEMORY`)."""
    try:
        return max(int(os.environ.get(MEMORY_ENV, "")), 64)
    except ValueError:
        return MEMORY


def stall_seconds() -> float:
    try:
        return max(float(os.environ.get(STALL_ENV, "")), 1.0)
    except ValueError:
        return STALL


_early = threading.local()
"""``helper``: the socket to this thread's process forked early, while a run holds one;
``background``: the :class:`Background` this thread runs for."""


class Cancelled(BaseException):
    """The :class:`Background` work was cancelled: its build was killed (not an ``Exception``:
    nothing on the way out takes it for a broken cache to discard and rebuild)."""


class Background(Generic[_T]):
    """``work()``, which runs its builds with :func:`in_child`, in a thread of its own started
    now (mypy's builds beside the harness: the thread only waits for them and reads their
    output). Its children are forked by the process :func:`forked_early` forked, one forked now
    when this thread has none, never by the thread itself: a fork copies only the thread that
    calls it, and a lock another thread of this process held stays held in the child.
    :meth:`wait` returns what ``work`` returned (or raises what it raised); :meth:`cancel`
    kills the build running and waits."""

    def __init__(self, work: Callable[[], _T]) -> None:
        self._stack = contextlib.ExitStack()
        self._stack.enter_context(forked_early())  # inside a run's: a no-op
        helper = getattr(_early, "helper", None)
        self.cancelled = False
        self.pid: int | None = None
        """The build running now (:func:`in_child`'s child)."""
        self._outcome: tuple[bool, Any] = (False, RuntimeError("the background work never ran"))

        def target() -> None:
            _early.helper = helper
            _early.background = self
            try:
                self._outcome = (True, work())
            except BaseException as exc:  # handed to wait(), in the thread that waits
                self._outcome = (False, exc)

        self._thread = threading.Thread(target=target, name="plugcheck-background", daemon=True)
        self._thread.start()

    def wait(self) -> _T:
        try:
            self._thread.join()
        finally:
            self._stack.close()
        done, value = self._outcome
        if not done:
            raise value
        result: _T = value
        return result

    def cancel(self) -> None:
        self.cancelled = True
        if self.pid is not None:
            _kill(self.pid)
        with contextlib.suppress(BaseException):
            self.wait()


@contextlib.contextmanager
def forked_early() -> Iterator[None]:
    """Inside, :func:`in_child` forks its children from a process forked here and now (before
    the static pass: the heap is small), given ``work`` pickled. Its end ends that process."""
    if not hasattr(os, "fork") or getattr(_early, "helper", None) is not None:
        yield
        return
    mine, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        mine.close()
        _serve(theirs)
    theirs.close()
    _early.helper = mine
    try:
        yield
    finally:
        _early.helper = None
        mine.close()  # its end of file: the process ends
        _reap(pid)


def _reap(pid: int, patience: float = 10.0) -> None:
    """Wait for the process forked early, which ends at its end of file once it has reaped its
    last child; killed when it does not within ``patience`` s (still waiting for a child whose
    result nobody reads: an exception left a build behind)."""
    until = time.monotonic() + patience
    while True:
        try:
            done, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if done or time.monotonic() >= until:
            break
        time.sleep(0.005)
    if not done:
        _kill(pid)


def _serve(requests: socket.socket) -> None:  # pragma: no cover - runs in the forked process
    """Fork a child per request (``work`` pickled, the child's result and log pipes passed
    along), answer its pid and reap it; end when plugcheck closes its end."""
    code = 0
    try:
        while True:
            head, fds, _flags, _address = socket.recv_fds(requests, 8, 2)
            if len(head) < 8 or len(fds) != 2:
                break
            size = int.from_bytes(head, "big")
            data = bytearray()
            while len(data) < size:
                chunk = requests.recv(min(size - len(data), 1 << 20))
                if not chunk:
                    raise EOFError
                data += chunk
            work = pickle.loads(data)
            out, log_w = fds
            pid = os.fork()
            if pid == 0:
                requests.close()
                _child(work, None, out, None, log_w)
            os.close(out)
            os.close(log_w)
            requests.sendall(pid.to_bytes(8, "big"))
            os.waitpid(pid, 0)
    except BaseException:
        code = 1
    os._exit(code)


def _start_early(work: Callable[[TextIO], Any], out: int, log_w: int) -> int | None:
    """The pid of ``work``'s child forked by the process forked early; ``None`` without one
    (or when it is gone: the caller forks from here)."""
    helper: socket.socket | None = getattr(_early, "helper", None)
    if helper is None:
        return None
    try:
        data = pickle.dumps(work)
        socket.send_fds(helper, [len(data).to_bytes(8, "big")], [out, log_w])
        helper.sendall(data)
        answer = helper.recv(8, socket.MSG_WAITALL)
    except (OSError, pickle.PicklingError, AttributeError, TypeError):
        answer = b""
    if len(answer) == 8:
        return int.from_bytes(answer, "big")
    _early.helper = None  # gone (killed?): this run's children are forked from here
    return None


def in_child(work: Callable[[TextIO], _T], stall: float) -> _T:
    """``work(log)`` in a forked child (its value pickled back); ``log`` is where mypy's log
    goes. Raises what ``work`` raised, or :class:`Stalled`. Without ``fork``, in this process."""
    if not hasattr(os, "fork"):
        with open(os.devnull, "w") as log:
            return work(log)
    results, results_w = os.pipe()
    logs, logs_w = os.pipe()
    try:
        started = _start_early(work, results_w, logs_w)
    except BaseException:  # a child already started ends at its closed pipes (EPIPE)
        for fd in (results, results_w, logs, logs_w):
            os.close(fd)
        raise
    if started is not None:
        pid = started
    else:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's coverage is not collected
            _child(work, results, results_w, logs, logs_w)
    os.close(results_w)
    os.close(logs_w)
    background: Background[Any] | None = getattr(_early, "background", None)
    if background is not None:
        background.pid = pid
    try:
        if background is not None and background.cancelled:
            _kill(pid)
        data, modules, failed = _watch(pid, results, logs, stall)
    finally:
        if background is not None:
            background.pid = None
        os.close(results)
        os.close(logs)
    if background is not None and background.cancelled:
        raise Cancelled
    if not data:
        raise RuntimeError("mypy's child ended without a result")
    kind, value = pickle.loads(data)
    if kind == "memory":
        raise OutOfMemory(modules, value, failed)
    if kind == "raised":
        raise value
    result: _T = value
    return result


def _child(
    work: Callable[[TextIO], Any], results: int | None, out: int, logs: int | None, log_w: int
) -> None:
    for unused in (results, logs):
        if unused is not None:
            os.close(unused)
    code = 0
    # Bounded as a plugin's process is: a plugin's types can make mypy take any memory.
    budget = memory_budget()
    # mypy runs the target interpreter to find its search path, which runs the target's .pth
    # lines (PC356): that process inherits no secret of plugcheck's environment.
    target_env.scrub_own(also=("MYPYPATH", "MYPY_CACHE_DIR", "XDG_CACHE_HOME"))
    start = address_space()
    if start is not None:
        set_limit("RLIMIT_AS", start + budget * 1024 * 1024)
    try:
        # mypy prints an internal error (a MemoryError's) on sys.stderr: into the log, which
        # names the file it was checking, not onto plugcheck's output.
        with (
            open(log_w, "w", buffering=1, closefd=True) as log,
            contextlib.redirect_stderr(log),
            contextlib.redirect_stdout(log),
        ):
            outcome: tuple[str, Any] = ("ok", work(log))
    except BaseException as exc:  # every failure goes to the parent, which decides
        # mypy reports a MemoryError as its internal error, a SystemExit raised from it; the
        # exception (and the build its traceback holds) is dropped here, not pickled.
        outcome = ("memory", budget) if _out_of_memory(exc) else ("raised", exc)
    try:
        data = pickle.dumps(outcome)
    except Exception:
        data = pickle.dumps(("raised", RuntimeError(f"{outcome[1]!r}"[:2000])))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(out, view) :]
    except OSError:
        code = 1
    os._exit(code)


def _out_of_memory(exc: BaseException | None) -> bool:
    """Whether ``exc`` is a ``MemoryError`` or was raised while handling or from one."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, MemoryError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _watch(pid: int, results: int, logs: int, stall: float) -> tuple[bytes, list[str], list[str]]:
    """The child's pickled outcome, the modules its log named last and the files its internal
    error named; kills it when its log stays silent for ``stall`` s."""
    chunks: list[bytes] = []
    pending = b""
    modules: list[str] = []
    failed: list[str] = []
    last = time.monotonic()
    with selectors.DefaultSelector() as selector:
        selector.register(results, selectors.EVENT_READ)
        selector.register(logs, selectors.EVENT_READ)
        open_fds = {results, logs}
        while results in open_fds:
            remaining = last + stall - time.monotonic()
            if remaining <= 0:
                _kill(pid)
                raise Stalled(modules, stall)
            for key, _ in selector.select(remaining):
                fd = int(key.fd)
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    selector.unregister(fd)
                    open_fds.discard(fd)
                    continue
                if fd == results:
                    chunks.append(chunk)
                    continue
                last = time.monotonic()
                pending += chunk
                *lines, pending = pending.split(b"\n")
                for line in lines:
                    text = line.decode("utf-8", "replace")
                    modules = _progress(text) or modules
                    if match := _INTERNAL.match(text):
                        failed.append(match.group(1))
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
    return b"".join(chunks), modules, failed


def _progress(line: str) -> list[str]:
    """The modules a log line says mypy turns to: ``Scheduling SCC of size N (a b c) as ...``
    (or ``singleton (a)``), ``Writing a /path/a.py ...`` (its interface is checked, its cache
    written; its function bodies come after, with no line of their own)."""
    at = line.find(_SCC)
    if at >= 0:
        text = line[at + len(_SCC) :]
        start, end = text.find("("), text.find(")")
        return text[start + 1 : end].split() if 0 <= start < end else []
    at = line.find(_WRITING)
    if at >= 0:
        words = line[at + len(_WRITING) :].split()
        return words[:1] if len(words) > 1 and words[1].endswith((".py", ".pyi")) else []
    return []


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
