"""Per-plugin scratch directories and reading what a child left in them."""

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
