"""Each plugin's answers from a forked process of its own (the setup-function worker's isolation).

The setup-function worker (``_ecosystem_worker/``, which loads this file by path) used to
import every plugin of a contract into one process and print every answer to one stdout: a
plugin's import-time code could rewrite the worker's ``_emit`` (through ``__main__``) or write
JSON lines naming other plugins, so one plugin turned another's refusal into "ok" and plugcheck
printed "All checks passed". Now the worker's own process imports no plugin: for each one it
forks a child that imports that plugin alone and writes its answers into a pipe made for it,
and the worker keeps only lines naming that plugin. A child that writes a line for another
plugin has all its lines dropped and is answered ``skipped`` (PC416); a child that ends without
an answer (``os._exit``, a signal, the deadline) is ``skipped`` with how it ended.

Standard library only, no relative imports: it runs in the target interpreter.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import json
import os
import select
import signal
import struct
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

MAX_OUTPUT = 16 * 1024 * 1024
"""Bytes of answers kept from one child; the rest is read and dropped (never blocks the child)."""

MAX_ANSWERS = 64
"""Answers taken from one child (a plugin class per answer, a hook per failed call)."""
MAX_TEXT = 4000
"""Characters kept of each string in an answer (a message, a path)."""

_PR_SET_DUMPABLE = 4
_PR_SET_CHILD_SUBREAPER = 36
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 22, 2
_SYS_LANDLOCK_CREATE_RULESET = 444  # the same number on every architecture
_SYS_LANDLOCK_RESTRICT_SELF = 446
_LANDLOCK_SCOPES = 0x3  # abstract unix sockets, signals (Landlock ABI 6)


_LIBC: list[Any] = []


def _libc() -> Any:
    """The C library through ``ctypes``, made once in the process that loads this file (the
    worker, before its first fork: :func:`not_dumpable`, which also looks up ``prctl`` there)
    and inherited by every child. Each child made its own, two to four per pluggy plugin (the
    scope and the subreaper, in its process and in its hooks' child): 0.2-0.4 ms of CPU each
    in a fresh fork, most of it the first touch of ``ctypes``' pages. Raises ``OSError`` or
    ``AttributeError`` where there is none."""
    if not _LIBC:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        _LIBC.append(libc)
    return _LIBC[0]


def not_dumpable() -> None:
    """Keep the children from opening this process's ``/proc/<pid>/mem`` (same user, same
    Landlock domain): they are forked from it, so they inherit the state too."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        _libc().prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


def subreaper() -> None:
    """(child) Become the parent of every orphaned descendant (``PR_SET_CHILD_SUBREAPER``), so
    its leak census sees a daemon a plugin double-forked. The confinement's seccomp filter
    refuses a plugin's turning it off again."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        _libc().prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def scoped() -> bool:
    """(child) Put this process in a Landlock domain of its own that handles no file access but
    scopes signals and abstract unix sockets: it can no longer kill or stop the worker (its
    parent, outside that domain), which ends every later plugin's check. Where Landlock is
    older than ABI 6 (or absent) nothing changes and the answer is False. Then it may change
    the scheduling of no process but itself (:func:`_own_scheduling`)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = _libc()
        libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    except (OSError, AttributeError):
        return False
    restricted = _signals_scoped(libc)
    _own_scheduling(libc)
    return restricted


def _signals_scoped(libc: Any) -> bool:
    try:
        attr = ctypes.create_string_buffer(struct.pack("=QQQ", 0, 0, _LANDLOCK_SCOPES), 24)
        fd = libc.syscall(
            ctypes.c_long(_SYS_LANDLOCK_CREATE_RULESET), attr, ctypes.c_size_t(24), ctypes.c_uint(0)
        )
        if fd < 0:
            return False
        try:
            restricted = libc.syscall(
                ctypes.c_long(_SYS_LANDLOCK_RESTRICT_SELF), ctypes.c_int(fd), ctypes.c_uint(0)
            )
        finally:
            os.close(fd)
    except (OSError, AttributeError):
        return False
    return bool(restricted == 0)


def _scheduling() -> bytes | None:
    """(worker) The seccomp filter that keeps a child's scheduling calls to itself
    (``confine/seccomp.py``, loaded by path: stdlib only)."""
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "confine")
    try:
        spec = importlib.util.spec_from_file_location(
            "_plugcheck_apart_seccomp", os.path.join(path, "seccomp.py")
        )
        if spec is None or spec.loader is None:
            return None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except (OSError, ImportError):
        return None
    _WITH_OWN_PID.append(module.with_own_pid)
    program: bytes | None = module.scheduling_program(os.uname().machine)
    return program


_WITH_OWN_PID: list[Callable[[bytearray, int], None]] = []
_SCHEDULING = _scheduling() if sys.platform.startswith("linux") else None
"""Built once where this file is loaded (the worker); each child writes its pid in."""


def _own_scheduling(libc: Any) -> None:
    """(child, under no-new-privs) No process but this one gets its scheduling or I/O priority
    or its CPUs changed: the filter the launcher put on the worker, which every child inherits,
    compares with the worker's pid, so each child lowered the worker to ``SCHED_IDLE`` or nice
    19 (every later plugin's check slowed down; red team sand17). A layer with its own pid."""
    if _SCHEDULING is None or not _WITH_OWN_PID:
        return
    program = bytearray(_SCHEDULING)
    _WITH_OWN_PID[0](program, os.getpid())
    with contextlib.suppress(OSError, AttributeError, TypeError):
        filters = ctypes.create_string_buffer(bytes(program), len(program))
        prog = ctypes.create_string_buffer(
            struct.pack("=HxxxxxxQ", len(program) // 8, ctypes.addressof(filters))
        )
        libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, prog, 0, 0)


def _starvation() -> Any:
    """``starvation.py`` beside this file, loaded by path (stdlib only), once in the worker."""
    spec = importlib.util.spec_from_file_location(
        "_plugcheck_apart_starvation",
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "starvation.py"),
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STARVATION = _starvation()
"""What a deadline grows by while the machine keeps a child off the processors (bounded)."""


def run(
    work: Callable[[int], None],
    seconds: float,
    failure: int,
    ended: Callable[[], None] | None = None,
) -> tuple[bytes, int | None]:
    """Run ``work(fd)`` in a forked child in its own process group, ``fd`` the write end of a
    pipe only it holds; return what it wrote and its wait status (``None``: killed at the
    deadline). Its process group is killed when it ends, so a process it left behind cannot
    write into a later plugin's answers (later pipes are made after it is gone, too).
    ``ended()`` is called once the child ended by itself, before that kill: what it left
    running is all still there (nobody else kills it). The deadline grows by the time the
    machine kept the child's tree off the processors (``starvation.Deadline``)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            os.close(read)
            with contextlib.suppress(OSError):
                os.setpgid(0, 0)
            scoped()
            work(write)
        except BaseException:
            code = failure
        finally:
            os._exit(code)
    os.close(write)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)
    output = bytearray()
    status: int | None = None
    deadline = STARVATION.Deadline(pid, seconds)
    open_ = True
    # Asleep until it writes, closes its pipe or ends (its pidfd); where there is no pidfd, a
    # look every 50 ms, then every 5 ms once the pipe is closed: each plugin's end was seen
    # 2.5 ms late on average (0.8 s of wall time for 330 plugins).
    exited = _pidfd(pid)
    try:
        while True:
            waits = [read] if open_ else []
            if exited is not None:
                left = min(max(0.0, deadline.left()), STARVATION.LOOK)
                ready, _, _ = select.select([*waits, exited], [], [], left)
            elif open_:
                ready, _, _ = select.select(waits, [], [], 0.05)
            else:
                ready = []
                time.sleep(0.005)
            if open_ and read in ready:
                chunk = os.read(read, 65536)
                if not chunk:
                    open_ = False
                elif len(output) < MAX_OUTPUT:
                    output += chunk
            done, wait_status = os.waitpid(pid, os.WNOHANG)
            if done:
                status = wait_status
                break
            if deadline.left() < 0:
                break
        # What it wrote before it ended; a process it left holding the pipe is not waited for.
        os.set_blocking(read, False)
        with contextlib.suppress(BlockingIOError, OSError):
            while len(output) < MAX_OUTPUT:
                chunk = os.read(read, 65536)
                if not chunk:
                    break
                output += chunk
    finally:
        os.close(read)
        if exited is not None:
            os.close(exited)
        if status is not None and ended is not None:
            ended()
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)
        if status is None:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
    return bytes(output[:MAX_OUTPUT]), status


def _pidfd(pid: int) -> int | None:
    """A descriptor that becomes readable when child ``pid`` ends (Linux 5.3, Python 3.9), or
    ``None``."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


def answers(output: bytes, name: str) -> tuple[list[dict[str, object]], list[str]]:
    """The JSON objects in ``output`` that name plugin ``name``, and the other plugins named
    (lines that are not JSON objects are the plugin's noise, dropped)."""
    own: list[dict[str, object]] = []
    others: list[str] = []
    for raw in output.decode("utf-8", "replace").splitlines():
        try:
            answer = json.loads(raw)
        except (ValueError, RecursionError):  # a line nested too deep ended the worker
            continue
        if not isinstance(answer, dict):
            continue
        if answer.get("plugin") == name:
            if len(own) < MAX_ANSWERS:
                own.append({k: _short(v) for k, v in answer.items() if _scalar(v)})
        else:
            others.append(str(answer.get("plugin"))[:80])
    return own, others


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _short(value: object) -> object:
    """A string cut to :data:`MAX_TEXT` characters: the worker's stdout is read up to a bound,
    and one plugin's 3 MB exception message used to push every later plugin's answer past it
    (PC416 for each: a false error)."""
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[:MAX_TEXT] + f"... ({len(value):,} characters)"
    return value


def ended(status: int | None, seconds: float) -> str:
    """How a child with no answer ended, for the plugin's ``skipped`` answer."""
    if status is None:
        return f"its check did not finish within {seconds:g} s"
    code = os.waitstatus_to_exitcode(status)
    how = f"signal {-code}" if code < 0 else f"exit status {code}"
    return f"its check ended the process ({how}) without an answer"


def unfinished(status: int | None, seconds: float) -> str:
    """How a child that gave some answers ended before its check was done."""
    if status is None:
        return f"its check did not finish within {seconds:g} s; the rest of it was not done"
    code = os.waitstatus_to_exitcode(status)
    how = f"signal {-code}" if code < 0 else f"exit status {code}"
    return f"its check ended the process ({how}) before it was done"


@contextlib.contextmanager
def without(paths: set[str], *lists: list[str]) -> Iterator[None]:
    """Each of ``lists`` (``sys.path``, the import roots) without ``paths`` inside the block, as
    it was after. The worker imports the host's modules so: the request's path holds the
    plugins' folders before the environment's ``site-packages``, and a ``plugins/pluggy.py``
    imported in the worker's own process used to patch ``PluginManager.register`` for every
    plugin's check (another plugin's refusal vanished, its static PC501 was withdrawn)."""
    saved = [list(each) for each in lists]
    for each in lists:
        each[:] = [p for p in each if p not in paths]
    try:
        yield
    finally:
        for index, each in enumerate(lists):
            each[:] = saved[index]


def host_refs(request: dict[str, Any]) -> list[str]:
    """What the host imports before its plugins (its preloads, hookspecs, base, the stand-ins'
    modules): the worker imports them once, before it forks the plugins' children."""
    # The module of a ``module:Class`` (the base class, a stand-in, a hookspec class as
    # sqlfluff's), which no import finds: each plugin's child imported it again, and a hookspec
    # module whose import runs plugins' code was never left to the children (``DEFERRED``) as
    # the fork server leaves it (host_own.hookspec_modules).
    refs = [r for r in request.get("preload", []) if isinstance(r, str)]
    refs += [r.partition(":")[0] for r in request.get("hookspecs", []) if isinstance(r, str)]
    refs += [r.partition(":")[0] for r in host_attributes(request)]
    refs = list(dict.fromkeys(r for r in refs if r))
    return (["pluggy"] if request["mode"] == "pluggy" else []) + refs


_REF_KEYS = frozenset(
    {
        *("base", "stand_ins", "keyword_stand_ins", "samples", "keyword_samples"),
        *("instantiate_with", "argument_types", "return_type", "accepted_by", "type"),
        "builtin_plugins",
    }
)
"""The request's keys, at any depth (a call's, an attribute's, a hook's return), whose values
name the host's objects as ``module:attr``: the plugins' own refs are under ``plugins``."""


def host_attributes(request: Any, key: str = "") -> list[str]:
    """Every ``module:attr`` the request names of the host's (its base, stand-ins, samples,
    the types it checks, ``accepted-by``), in a list or a mapping (a pluggy hook's stand-ins
    by argument) at any depth, as each plugin's child reads them; not a literal stand-in
    (``:<json>``), which imports nothing."""
    if isinstance(request, dict) and key in _REF_KEYS:  # by argument: each value is refs
        return [r for value in request.values() for r in host_attributes(value, key)]
    if isinstance(request, dict):
        return [r for k, v in request.items() if k != "plugins" for r in host_attributes(v, k)]
    if isinstance(request, list):
        return [r for each in request for r in host_attributes(each, key)]
    if key in _REF_KEYS and isinstance(request, str) and ":" in request[1:]:
        # ``module:Class().method`` (a registration method on a fresh instance): what is read
        # of the host's is the class; the instance is made in each child.
        return [request.partition("().")[0]]
    return []
