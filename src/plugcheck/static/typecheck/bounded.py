"""One mypy build in a forked child of plugcheck's process, watched for progress.

mypy runs compiled (mypyc): a signal handler never gets to run inside its hot loops, so a
plugin whose types make a check exponential (``A1 = Tuple[A0, A0]`` forty times, returned
where ``Tuple[B39...]`` is declared) held plugcheck for ever, and every other plugin's check
with it. The build runs in a child that logs each strongly connected component of modules it
starts and each module whose cache it writes (mypy's own log); a child that logs nothing for
``stall_seconds()`` is killed, and the parent learns which modules it turned to last
(:class:`Stalled`): mypy logs no line when it starts a module's function bodies, so that is
where it was, or just before.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import signal
import time
from collections.abc import Callable
from typing import Any, TextIO, TypeVar

STALL_ENV = "PLUGCHECK_MYPY_STALL"
"""Seconds mypy may spend in one group of modules (default :data:`STALL`); tests shorten it."""
STALL = 180.0
"""A host's largest module group takes seconds, a minute on a loaded CI machine: three."""

_SCC = "Scheduling SCC "
_WRITING = "LOG:  Writing "

_T = TypeVar("_T")


class Stalled(Exception):
    """mypy made no progress for ``seconds`` while checking ``modules``."""

    def __init__(self, modules: list[str], seconds: float) -> None:
        shown = ", ".join(modules[:5]) + (
            f" and {len(modules) - 5} more" if len(modules) > 5 else ""
        )
        super().__init__(f"mypy made no progress for {seconds:g} s while checking {shown or 'it'}")
        self.modules = modules
        self.seconds = seconds


def stall_seconds() -> float:
    try:
        return max(float(os.environ.get(STALL_ENV, "")), 1.0)
    except ValueError:
        return STALL


def in_child(work: Callable[[TextIO], _T], stall: float) -> _T:
    """``work(log)`` in a forked child (its value pickled back); ``log`` is where mypy's log
    goes. Raises what ``work`` raised, or :class:`Stalled`. Without ``fork``, in this process."""
    if not hasattr(os, "fork"):
        with open(os.devnull, "w") as log:
            return work(log)
    results, results_w = os.pipe()
    logs, logs_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        _child(work, results, results_w, logs, logs_w)
    os.close(results_w)
    os.close(logs_w)
    try:
        data = _watch(pid, results, logs, stall)
    finally:
        os.close(results)
        os.close(logs)
    if not data:
        raise RuntimeError("mypy's child ended without a result")
    kind, value = pickle.loads(data)
    if kind == "raised":
        raise value
    result: _T = value
    return result


def _child(work: Callable[[TextIO], Any], results: int, out: int, logs: int, log_w: int) -> None:
    os.close(results)
    os.close(logs)
    code = 0
    try:
        with open(log_w, "w", buffering=1, closefd=True) as log:
            outcome: tuple[str, Any] = ("ok", work(log))
    except BaseException as exc:  # every failure goes to the parent, which decides
        outcome = ("raised", exc)
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


def _watch(pid: int, results: int, logs: int, stall: float) -> bytes:
    """The child's pickled outcome; kills it when its log stays silent for ``stall`` s."""
    chunks: list[bytes] = []
    pending = b""
    modules: list[str] = []
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
                    modules = _progress(line.decode("utf-8", "replace")) or modules
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
    return b"".join(chunks)


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
