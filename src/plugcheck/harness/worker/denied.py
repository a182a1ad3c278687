"""Whether an exception carries plugcheck's sandbox refusing the plugin's process something,
and what: ``EACCES``/``EPERM`` from Landlock, the seccomp filter or the dropped capabilities,
``EROFS`` from the namespace fallback's read-only root, ``EAGAIN`` from ``RLIMIT_NPROC``, named
by the last audit event before it or by the standard-library frame it came from; the process
quota's own exception.

Shared by the harness's children (``refusal.py``, which passes the audit hook's last event) and,
loaded by path, by the setup-function worker's children (pluggy registration and hook calls,
setup functions, subclass and plugin-class checks: ``quota.Tree`` records their last event).
Standard library only, no relative imports.
"""

from __future__ import annotations

import errno
import os
import signal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_isinstance = isinstance
_getattr = getattr
# As the interpreter keeps them: a plugin's exception class may shadow these with properties.
_cause = BaseException.__dict__["__cause__"].__get__
_context = BaseException.__dict__["__context__"].__get__
_traceback = BaseException.__dict__["__traceback__"].__get__

_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_WRITING_EVENTS = {
    "os.mkdir": "creating the directory",
    "os.remove": "removing",
    "os.rmdir": "removing the directory",
    "os.rename": "renaming",
    "os.truncate": "truncating",
    "os.chmod": "changing the mode of",
    "os.symlink": "linking",
    "os.link": "linking",
    "shutil.rmtree": "removing",
}
_PATH_EVENTS = {"open", "os.listdir", "os.scandir", *_WRITING_EVENTS}
"""Audit events that name the path the kernel is asked for next."""
CONNECTING = "connecting a socket to"
"""How a refused ``connect`` is named: the plugin needs a server at that address, which the
host's machine may or may not run (``rules/sandbox_refusal.py`` says so)."""
_FAMILIES = {1: "AF_UNIX", 2: "AF_INET", 10: "AF_INET6", 16: "AF_NETLINK", 17: "AF_PACKET"}
_STDLIB_WRITES = {
    # innermost standard-library file: what it asked the kernel for, and where
    "synchronize.py": ("a POSIX semaphore (multiprocessing: sem_open)", "/dev/shm"),
    "shared_memory.py": ("POSIX shared memory (shm_open)", "/dev/shm"),
}


def carried(
    exc: BaseException, last: tuple[str, Any], quota: BaseException | None, limit: int
) -> dict[str, Any] | None:
    """The sandbox's refusal ``exc`` (or an exception it was raised from) carries, if any:
    ``what`` was refused and, for a file, its ``path`` and whether it was a ``write``. ``last``
    is the last audit event in the process and its arguments, ``quota`` the process quota's
    own exception once raised (``limit`` its processes alive at once)."""
    current: Any = exc
    for _ in range(8):
        if current is None:
            return None
        if quota is not None and current is quota:
            return {"what": f"a process beyond the {limit} alive at once it allows"}
        found = _denied(current, last) or _limited(current)
        if found is not None:
            return found
        current = _cause(current) or _context(current)
    return None


_SPAWNING = frozenset(
    {
        "os.fork",
        "os.forkpty",
        "subprocess.Popen",
        "os.posix_spawn",
        "os.spawn",
        "_posixsubprocess.fork_exec",
    }
)
"""``quota.SPAWNING`` (each module is loaded by path on its own by the setup-function worker)."""
_SOCKET_EVENTS = frozenset(
    {"socket.bind", "socket.connect", "socket.__new__", "socket.sendto", "socket.sendmsg"}
)
_SENDING = frozenset({"socket.connect", "socket.sendto", "socket.sendmsg"})
_UNREACHABLE = (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL)
"""What a send gets in the plugin process's network namespace, whose loopback is down: the
sandbox has no network (``confine.plan.network_isolated``), wherever the host has one."""
_SIGNAL_EVENTS = frozenset({"os.kill", "os.killpg"})
_SECCOMP_EVENTS = {
    "os.unshare": "a namespace of its own (unshare)",
    "os.setns": "joining a namespace (setns)",
    "os.memfd_create": "an anonymous memory file (memfd_create: memory that no limit of the "
    "sandbox counts)",
    "ctypes.call_function": "a system call through ctypes (the seccomp filter refuses ptrace, "
    "process_vm_*, unshare, mount, ...)",
}
ASKED = frozenset({*_PATH_EVENTS, *_SOCKET_EVENTS, *_SPAWNING, *_SIGNAL_EVENTS, *_SECCOMP_EVENTS})
"""The audit events that ask the kernel for something this module can name: the last of them
is the one an ``OSError`` that follows answers (not ``builtins.id``, ``object.__getattr__``,
... which the code between the refusal and its exception's reading raises)."""


def _denied(exc: Any, last: tuple[str, Any]) -> dict[str, Any] | None:
    if not _isinstance(exc, OSError):
        return None
    try:
        code = exc.errno
        filename = exc.filename
    except BaseException:
        return None
    event, args = last
    if code == errno.EAGAIN and event in _SPAWNING:
        return {"what": "a new process (plugcheck's RLIMIT_NPROC)"}
    if code in _UNREACHABLE and event in _SENDING:
        address = args[1] if len(args) > 1 else "?"
        return {"what": f"sending to {_short(address)} (the sandbox has no network)"}
    if code not in _DENIED:
        return None
    if _isinstance(filename, (str, bytes)) and filename:
        path = os.path.abspath(os.fsdecode(filename))
        if event not in _PATH_EVENTS or path not in _paths(args):
            return None  # not what the plugin's process just asked the kernel for
        writing = code == errno.EROFS or _writes(event, args)
        verb = _WRITING_EVENTS.get(event, "writing") if writing else "reading"
        return {"what": f"{verb} {path}", "path": path, "write": writing}
    if event in ("socket.bind", "socket.connect"):
        address = args[1] if len(args) > 1 else "?"
        verb = "binding a socket to" if event == "socket.bind" else CONNECTING
        return {"what": f"{verb} {_short(address)}"}
    if event in _SIGNAL_EVENTS and code == errno.EPERM:
        pid = args[0] if args else "?"
        return {"what": f"a signal to process {_short(pid)}, outside the plugin's own processes"}
    if event in _SECCOMP_EVENTS and code == errno.EPERM:
        return {"what": _SECCOMP_EVENTS[event]}
    if event == "socket.__new__" and len(args) > 1:
        family = _FAMILIES.get(args[1], args[1]) if _isinstance(args[1], int) else "?"
        return {"what": f"creating a socket of family {family}"}
    where = _innermost(exc)
    if where in _STDLIB_WRITES:
        what, path = _STDLIB_WRITES[where]
        return {"what": f"{what} in {path}", "path": path, "write": True}
    return None


def _limited(exc: Any) -> dict[str, Any] | None:
    """A limit of the plugin's process that the host does not set: memory past ``RLIMIT_AS``
    (the contract's ``lifecycle.memory``), a file past ``RLIMIT_FSIZE``, its temporary
    directory's cap."""
    if _isinstance(exc, MemoryError):
        return {
            "what": f"memory past its address-space limit ({_rlimit('RLIMIT_AS', 'MiB')})",
            "limit": "memory",
        }
    if not _isinstance(exc, OSError):
        return None
    try:
        code = exc.errno
    except BaseException:
        return None
    if code == errno.EFBIG:
        return {"what": "writing a file past plugcheck's file-size limit (RLIMIT_FSIZE)"}
    if code == errno.ENOSPC:
        return {"what": "more space than its temporary directory has (plugcheck's cap)"}
    return None


def _rlimit(name: str, unit: str) -> str:
    """``NAME, N unit``: the process's soft limit ``name`` (``MiB``: of bytes), as set."""
    try:
        import resource

        soft = resource.getrlimit(getattr(resource, name))[0]
    except BaseException:
        return name
    if soft < 0:
        return name
    return f"{name}, {soft >> 20 if unit == 'MiB' else soft} {unit}"


SECCOMP_KILLED = (
    "clone() with CLONE_PARENT (its seccomp filter ends the process), which makes a process "
    "outside the plugin's own process tree, where no leak census sees it and it outlives the host"
)
"""What the kernel's ``SIGSYS`` means: only the filter sends it (harness/confine/seccomp.py);
the harness's children (``harness/answers.py``) and the setup-function worker's say it alike."""


def signalled(status: int | None) -> dict[str, Any] | None:
    """The limit a child whose wait ``status`` says it was killed by the kernel for passing one
    of its rlimits passed: ``SIGXCPU`` (``RLIMIT_CPU``, every thread's CPU time counted), which
    the host does not set. The harness's server says so for its children (PC420); this is the
    same for the setup-function worker's (which took it for the plugin's crash: PC416, PC519)."""
    if status is None:
        return None
    try:
        if not os.WIFSIGNALED(status):
            return None
        if os.WTERMSIG(status) == signal.SIGSYS:  # only the seccomp filter sends it
            return {"what": SECCOMP_KILLED}
        if os.WTERMSIG(status) != signal.SIGXCPU:
            return None
    except (AttributeError, ValueError):
        return None
    limit = _rlimit("RLIMIT_CPU", "s")
    return {
        "what": f"more CPU time than plugcheck's limit ({limit} for the plugin's process in all, "
        "every thread counted: SIGXCPU)",
        "limit": "cpu",
    }


def _paths(args: Any) -> list[str]:
    """The paths an audit event names (a rename's or a link's both)."""
    found = []
    for value in args[:2]:
        if _isinstance(value, (str, bytes)) and value:
            try:
                found.append(os.path.abspath(os.fsdecode(value)))
            except BaseException:
                continue
    return found


def _writes(event: str, args: Any) -> bool:
    if event in _WRITING_EVENTS:
        return True
    if event != "open":
        return False
    mode, flags = ([*list(args[1:]), None, None])[:2]
    if _isinstance(mode, str):
        return any(c in mode for c in "wax+")
    return _isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


def _innermost(exc: Any) -> str:
    tb = _traceback(exc) if _isinstance(exc, BaseException) else None
    name = ""
    for _ in range(1000):
        if tb is None:
            break
        name = os.path.basename(tb.tb_frame.f_code.co_filename)
        tb = tb.tb_next
    return name


def _short(value: Any) -> str:
    try:
        text = repr(value)
    except BaseException:
        return "?"
    return text if len(text) <= 120 else text[:120] + "..."
