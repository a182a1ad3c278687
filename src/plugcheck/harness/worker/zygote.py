"""The zygote: a small process the fork server forks once, after its preloads and ``gc.freeze``,
that does nothing but make plugin processes. The server does the bookkeeping (deadlines, records,
results); every page it writes after a fork of its own was a copy-on-write fault, about 1.3 ms
of kernel time per plugin. The zygote's loop writes a handful of pages between forks.

Each plugin process is made with ``clone(CLONE_PARENT)``: its parent is the fork server, as if
the server had forked it, so nothing the harness guarantees about parentage changes: the server
waits for it and holds its pidfd, sets its process group, is its ``PR_SET_PDEATHSIG`` parent and
the subreaper its orphans go to; a plugin's ``os.getppid()`` is the server. The zygote never has
a child of its own. A raw ``clone`` runs no C library fork handlers (``pthread_atfork``); the
interpreter's own (``PyOS_BeforeFork``, ``PyOS_AfterFork_Child``: ``os.register_at_fork``,
``random``'s reseeding, ``threading``) run as under ``os.fork``. The thread id the C library
caches stays the zygote's, which glibc 2.34 and later no longer use to signal the calling thread
(``raise``, ``abort``): elsewhere the zygote is not used. Wherever it is not used (not Linux,
not glibc 2.34+, no ``memfd_create``) or lost (a plugin without Landlock's signal scoping stopped
or killed it), the server forks each child itself, as before.

Standard library only, no relative imports."""

from __future__ import annotations

import contextlib
import errno
import os
import select
import signal
import socket
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

CLONE_PARENT = 0x00008000
CLONE_INTO_CGROUP = 1 << 33
SYS_CLONE = {"x86_64": 56, "aarch64": 220}
"""``clone``'s number; its first argument is the flags on both."""
SYS_CLONE3 = 435
_CLONE_ARGS = (
    "flags", "pidfd", "child_tid", "parent_tid", "exit_signal", "stack", "stack_size", "tls",
    "set_tid", "set_tid_size", "cgroup",
)  # fmt: skip
REQUEST_LIMIT = 1 << 17
"""Bytes of one request the zygote reads, within a socket's default buffer (a larger one is
forked by the server itself)."""
REPLY_WAIT = 5.0
"""Seconds the server waits for the zygote's answer before it forks that child itself."""
_SIGCHLD = int(signal.SIGCHLD)
_PR_SET_PDEATHSIG = 1


def _libc() -> Any:
    """The C library's ``syscall`` and ``prctl``, called with the GIL held (as ``os.fork``
    calls ``fork``), and the interpreter's fork hooks; ``None`` where the zygote is not used."""
    if not sys.platform.startswith("linux") or os.uname().machine not in SYS_CLONE:
        return None
    if not hasattr(os, "memfd_create") or not hasattr(socket, "send_fds"):
        return None
    try:
        name, version = os.confstr("CS_GNU_LIBC_VERSION").split()  # type: ignore[union-attr]
        if name != "glibc" or tuple(map(int, version.split(".")[:2])) < (2, 34):
            return None
        import ctypes

        libc = ctypes.PyDLL(None, use_errno=True)
        api = ctypes.pythonapi
        return libc, api.PyOS_BeforeFork, api.PyOS_AfterFork_Parent, api.PyOS_AfterFork_Child
    except (AttributeError, ValueError, OSError, ImportError):
        return None


def available() -> bool:
    """Whether this interpreter's fork servers make their children through a zygote."""
    return _libc() is not None


class Zygote:
    """The server's end: ``spawn`` hands the zygote a request and the descriptors its child
    keeps, and returns the child's pid; -1: fork this one yourself; 0: the zygote is lost and
    gone, fork every one yourself."""

    def __init__(self, pid: int, sock: socket.socket) -> None:
        self.pid = pid
        self.sock = sock

    def spawn(self, payload: bytes, fds: list[int]) -> int:
        """``fds``: the child's result socket, its clock page and, optionally, the directory of
        a cgroup v2 to make it in (``CLONE_INTO_CGROUP``: no migration of a running process,
        whose wait for an RCU grace period was about 14 ms of each plugin's wall time here)."""
        if len(payload) > REQUEST_LIMIT:
            return -1  # this one only: the server forks it
        try:
            socket.send_fds(self.sock, [payload], fds)
        except OSError as exc:
            return -1 if exc.errno == errno.EMSGSIZE else self.lost()
        try:
            until = time.monotonic() + REPLY_WAIT
            while time.monotonic() < until:
                if select.select([self.sock], [], [], 0.1)[0]:
                    reply = self.sock.recv(64)
                    return int(reply) if reply else self.lost()
                if self._stopped_or_gone():
                    break
        except (OSError, ValueError):
            pass
        return self.lost()

    def _stopped_or_gone(self) -> bool:
        try:
            with open(f"/proc/{self.pid}/stat", "rb") as handle:
                state = handle.read().rpartition(b")")[2].split()[0]
        except (OSError, IndexError):
            return True
        return state in (b"T", b"t", b"Z", b"X")

    def lost(self) -> int:
        """End the zygote (stopped, killed or silent): the server forks from now on."""
        self.close(kill=True)
        return 0

    def close(self, kill: bool = False) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()
        if kill:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def start(
    child: Callable[[bytes, list[int], bool], None], server_only: tuple[int, ...]
) -> Zygote | None:
    """(server, last thing before it says ``ready``) Fork the zygote. ``child(payload, fds,
    into)`` runs in each plugin process it makes and never returns (``into``: the process was
    made inside the cgroup whose directory was its third descriptor); ``server_only``: the
    descriptors the zygote closes (plugcheck's sockets). ``None`` where it is not used."""
    libc = _libc()
    if libc is None:
        return None
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    server = os.getpid()
    pid = os.fork()
    if pid == 0:
        try:
            ours.close()
            for fd in server_only:
                os.close(fd)
            _serve(theirs, server, libc, child)
        finally:
            os._exit(0)
    theirs.close()
    return Zygote(pid, ours)


def _serve(sock: socket.socket, server: int, libc: Any, child: Callable[..., None]) -> None:
    """(zygote) Read a request, clone its child as the server's, say its pid; until the server
    closes its end or dies. The request (its child's token) is read into one buffer that is
    zeroed once its child is made: a later child finds no earlier request in its copy."""
    call, before, parent, in_child = libc
    if call.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0 or os.getppid() != server:
        return
    import ctypes  # loaded by the server already (_libc)

    number = ctypes.c_long(SYS_CLONE[os.uname().machine])
    flags = ctypes.c_long(CLONE_PARENT | _SIGCHLD)
    zero = ctypes.c_long(0)
    fields = [(name, ctypes.c_uint64) for name in _CLONE_ARGS]
    args = type("CloneArgs", (ctypes.Structure,), {"_fields_": fields})()
    args.flags = CLONE_PARENT | CLONE_INTO_CGROUP
    args.exit_signal = 0  # with CLONE_PARENT the caller's own (SIGCHLD); any other: EINVAL
    clone3 = [ctypes.c_long(SYS_CLONE3), ctypes.byref(args), ctypes.c_size_t(ctypes.sizeof(args))]
    into_cgroup = True  # until the kernel refuses it once (before 5.7, a cgroup v1)
    buffer = bytearray(REQUEST_LIMIT)
    room = socket.CMSG_SPACE(4 * 4)
    while True:
        try:
            size, ancillary, _, _ = sock.recvmsg_into([buffer], room)
        except OSError:
            return
        if not size:
            return
        fds = [
            int.from_bytes(data[i : i + 4], sys.byteorder, signed=True)
            for level, kind, data in ancillary
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS
            for i in range(0, len(data) - 3, 4)
        ]
        before()
        into = into_cgroup and len(fds) > 2
        if into:
            args.cgroup = fds[2]
            pid = call.syscall(*clone3)
            if pid < 0:  # refused (before 5.7, not a v2 cgroup): the child moves itself in
                into = into_cgroup = False
        if not into:
            pid = call.syscall(number, flags, zero, zero, zero, zero)
        if pid == 0:
            in_child()
            try:
                sock.close()
                child(bytes(buffer[:size]), fds, into)
            finally:
                os._exit(71)
        parent()
        buffer[:size] = bytes(size)
        for fd in fds:
            os.close(fd)
        sock.send(b"%d" % pid)
