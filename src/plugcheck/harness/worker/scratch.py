"""Per-plugin scratch directories, bounded in size where the kernel allows, and reading what a
child left in them."""

from __future__ import annotations

import contextlib
import os

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


_MS_NOSUID, _MS_NODEV = 2, 4
_MNT_DETACH = 2


class Slots:
    """Where each child's directory goes: one tmpfs of ``size`` bytes per concurrent child
    (``count``), so a plugin that fills its directory gets ``ENOSPC`` instead of filling the
    machine's disk or memory. The tmpfs are mounted once, in a user + mount namespace private to
    this server (``private``: ``confine.enter_namespaces`` made it), and reused child after
    child; without such a namespace every child's directory goes to ``parent``, bounded only per
    file (``RLIMIT_FSIZE``)."""

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
