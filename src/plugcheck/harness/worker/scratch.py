"""Per-plugin scratch directories, bounded in size where the kernel allows, and reading what a
child left in them."""

from __future__ import annotations

import os
import stat as stat_module
import time

from .constants import TEMP_PREFIX
from .remove_tree import rmtree

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    Msg = dict[str, Any]


def _started(pid: str) -> str:
    """When process ``pid`` started (clock ticks after boot, /proc/<pid>/stat's 22nd field):
    with the pid, it names one process, never a later one that got the same pid. Raises
    OSError when there is no such process."""
    with open(f"/proc/{pid}/stat", "rb") as handle:
        fields = handle.read().rpartition(b")")[2].split()
    return fields[19].decode() if len(fields) > 19 else ""


def _owner() -> str:
    try:
        namespace = "".join(c for c in os.readlink("/proc/self/ns/pid") if c.isdigit())
        return f"{os.getpid()}.{_started('self')}.{namespace}"
    except OSError:  # no /proc: directories are not named for their owner
        return ""


OWNER = _owner()
"""Who made this process's directories (``pid.start.pidns``), taken at import: before the
server enters a PID namespace of its own, where its pid is 1. A later run removes a directory
whose owner no longer runs (:func:`sweep_stale`)."""
STALE_AGE = 86400.0
"""Seconds after which a directory whose owner cannot be told (made before directories were
named for it, or in another PID namespace) is stale."""


def sweep_stale(parent: str) -> int:
    """Remove what killed runs left in ``parent`` (a fork server killed with SIGKILL cannot
    clean up): directories named ``plugcheck-harness-PID.START-...`` of this user whose process
    no longer runs, and unnamed ones older than :data:`STALE_AGE`. A symbolic link is never
    followed, another user's directory never touched, and a directory whose owner this process
    cannot see (another PID namespace's) is left until it is old. The number removed."""
    removed = 0
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat_module.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        if _stale(entry.name[len(TEMP_PREFIX) :], info.st_mtime):
            rmtree(entry.path)
            removed += 1
    return removed


def _stale(name: str, mtime: float) -> bool:
    pid, start, namespace = [*name.partition("-")[0].split("."), "", ""][:3]
    if not pid.isdigit() or namespace != OWNER.rpartition(".")[2]:
        return time.time() - mtime > STALE_AGE  # no owner this process can look at
    try:
        return _started(pid) != start
    except FileNotFoundError:
        return True
    except OSError:
        return False


def mkdtemp(parent: str) -> str:
    for _ in range(100):
        path = os.path.join(parent, f"{TEMP_PREFIX}{OWNER}-{os.urandom(6).hex()}")
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free temporary directory name in {parent}")


_MS_NOSUID, _MS_NODEV = 2, 4
_MNT_DETACH = 2


class Slots:
    """Where each child's directory goes: one tmpfs of ``size`` bytes and one inode per page per
    concurrent child (``count``), so a plugin that fills its directory, with data or with empty
    files, gets ``ENOSPC`` instead of filling the machine's disk or memory. The tmpfs are
    mounted once, in a user + mount namespace private to this server (``private``:
    ``confine.enter_namespaces`` made it), and reused child after child; without such a
    namespace every child's directory goes to ``parent``, bounded only per file
    (``RLIMIT_FSIZE``)."""

    def __init__(self, parent: str, count: int, size: int, *, private: bool = False) -> None:
        self.parent = parent
        self.size = size
        self.free: list[str] = []
        self.mounted: list[str] = []
        self.base = ""
        if count < 1 or size < 1 or not private:
            return
        self.base = mkdtemp(parent)
        for _ in range(count):
            slot = mkdtemp(self.base)
            # As many files as pages: empty files take no block of the tmpfs but an inode of
            # the kernel's memory each, and the server removes them one by one (red team
            # sand15: 1.3 million in one run).
            options = f"size={size},nr_inodes={max(size // 4096, 1024)},mode=0700".encode()
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


def free_bytes(path: str) -> int:
    try:
        stat = os.statvfs(path)
    except OSError:
        return 0
    return stat.f_bavail * stat.f_frsize


def file_size(path: str) -> int:
    """The size of the regular file ``path`` in a child's directory; 0 for anything else."""
    try:
        found = os.lstat(path)
    except OSError:
        return 0
    return found.st_size if stat_module.S_ISREG(found.st_mode) else 0


def read_file(path: str, *, head: int = 0, tail: int = 0) -> str:
    """The first ``head`` (or last ``tail``) bytes of the regular file ``path`` in a child's
    directory. Never through a symbolic link, nor from a FIFO or a device: the plugin may
    replace its captured stdout, stderr or fault file with a link to a file it may not read
    itself, which the server (not confined) read into the report (red team trust14: a PC412
    quoted '/root/.ssh/id_rsa')."""
    try:
        found = os.lstat(path)
        if not stat_module.S_ISREG(found.st_mode) or found.st_size == 0:
            return ""  # the usual case: one syscall instead of four
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        with open(fd, "rb") as handle:
            size = os.fstat(fd)
            if not stat_module.S_ISREG(size.st_mode):
                return ""
            if tail:
                handle.seek(max(0, size.st_size - tail))
                return handle.read(tail).decode("utf-8", "replace")
            return handle.read(head).decode("utf-8", "replace")
    except OSError:
        return ""
