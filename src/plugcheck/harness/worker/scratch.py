"""Per-plugin scratch directories, bounded in size where the kernel allows, and reading what a
child left in them."""

from __future__ import annotations

import contextlib
import os
import sys

from .constants import TEMP_PREFIX

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    Msg = dict[str, Any]


def mkdtemp(parent: str) -> str:
    for _ in range(100):
        path = os.path.join(parent, TEMP_PREFIX + os.urandom(6).hex())
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free temporary directory name in {parent}")


_CLONE_NEWNS, _CLONE_NEWUSER, _CLONE_NEWNET = 0x00020000, 0x10000000, 0x40000000
_MS_NOSUID, _MS_NODEV, _MS_REC, _MS_PRIVATE = 2, 4, 1 << 14, 1 << 18
_MNT_DETACH = 2


class Slots:
    """Where each child's directory goes: one tmpfs of ``size`` bytes per concurrent child
    (``count``), so a plugin that fills its directory gets ``ENOSPC`` instead of filling the
    machine's disk or memory. The tmpfs are mounted once, in a user + mount namespace private to
    this server (:func:`private_mounts`), and reused child after child; without such a namespace
    every child's directory goes to ``parent``, bounded only per file (``RLIMIT_FSIZE``)."""

    def __init__(self, parent: str, count: int, size: int) -> None:
        self.parent = parent
        self.size = size
        self.free: list[str] = []
        self.mounted: list[str] = []
        self.base = ""
        if count < 1 or size < 1 or not private_mounts():
            return
        self.base = mkdtemp(parent)
        for _ in range(count):
            slot = mkdtemp(self.base)
            options = f"size={size},mode=0700".encode()
            if _libc().mount(b"tmpfs", slot.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV, options):
                break
            self.mounted.append(slot)
        if len(self.mounted) < count:
            self.close()  # all or none: every child gets the same bound
        self.free = list(self.mounted)

    def take(self) -> str:
        """A slot for the next child (the parent directory when none is bounded)."""
        return self.free.pop() if self.free else self.parent

    def give(self, slot: str) -> None:
        """``slot`` is free again (its child's directory already removed)."""
        if slot in self.mounted:
            self.free.append(slot)

    def close(self) -> None:
        for slot in self.mounted:
            _libc().umount2(slot.encode(), _MNT_DETACH)
        self.mounted, self.free = [], []
        if self.base:
            rmtree(self.base)
            self.base = ""


_LIBC: list[Any] = []


def _libc() -> Any:
    if not _LIBC:
        import ctypes

        _LIBC.append(ctypes.CDLL(None, use_errno=True))
    return _LIBC[0]


def private_mounts() -> bool:
    """Move this (single-threaded) process into a new user, mount and network namespace,
    mapping its own uid and gid to themselves, with every mount private (nothing propagates
    back) and no network but a loopback device that is down: its children then reach no
    listener, on 127.0.0.1 or an abstract unix socket, even without Landlock or seccomp. False where
    the kernel or its configuration refuses it (no unprivileged user namespaces, or one without
    the right to mount, as under AppArmor's restriction); then nothing changed: a forked probe
    tries it all first, so this process never ends up in a namespace it cannot use."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        pid = os.fork()
    except OSError:
        return False
    if pid == 0:  # the probe
        status = 1
        with contextlib.suppress(BaseException):  # a tmpfs over / of its own, gone with it
            if _enter() and _libc().mount(b"tmpfs", b"/", b"tmpfs", 0, None) == 0:
                status = 0
        os._exit(status)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and _enter()


def _enter() -> bool:
    try:
        libc = _libc()
        uid, gid = os.getuid(), os.getgid()
        if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNS | _CLONE_NEWNET) != 0:
            return False
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1")):
            with open(f"/proc/self/{name}", "w") as handle:
                handle.write(text)
        with open("/proc/self/gid_map", "w") as handle:
            handle.write(f"{gid} {gid} 1")
        return bool(libc.mount(None, b"/", None, _MS_REC | _MS_PRIVATE, None) == 0)
    except (OSError, AttributeError):
        return False


def rmtree(path: str) -> None:
    """Remove what a plugin left in its directory, never following its symlinks."""
    try:
        os.chmod(path, 0o700)
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    rmtree(entry.path)
                else:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
        os.rmdir(path)
    except OSError:
        pass


def free_bytes(path: str) -> int:
    try:
        stat = os.statvfs(path)
    except OSError:
        return 0
    return stat.f_bavail * stat.f_frsize


def file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def read_file(path: str, *, head: int = 0, tail: int = 0) -> str:
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
