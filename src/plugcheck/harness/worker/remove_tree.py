"""Removing a plugin's directory whatever it left there: never through its links, at any depth.
Standard library only, no relative imports: the fork server's scratch directories use it, and
the setup-function worker loads it by path for each plugin's own directory."""

from __future__ import annotations

import contextlib
import os

_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def rmtree(path: str) -> None:
    """Remove what a plugin left in its directory, never following its symlinks, at any depth:
    every step goes through a descriptor of the directory it is in (opened with
    ``O_NOFOLLOW``), one at a time, going back up through ``..``. Before, the walk recursed by
    path: a plugin that left a chain of 3,000 directories made it raise RecursionError, which
    ended the fork server (every plugin run again, the run incomplete: red team sand15), and a
    chain past ``PATH_MAX`` could not be removed by path, its files left in the slot."""
    try:
        fd = os.open(path, _DIRECTORY)
    except OSError:
        return
    names: list[str] = []  # from ``path`` down to where ``fd`` is
    kept: set[tuple[int, int]] = set()  # directories that cannot be removed: not gone into again
    try:
        while True:
            with contextlib.suppress(OSError):
                os.fchmod(fd, 0o700)
            inner = _emptied(fd, kept)
            if inner is not None:
                try:
                    deeper = os.open(inner, _DIRECTORY, dir_fd=fd)
                except OSError:
                    with contextlib.suppress(OSError):
                        os.unlink(inner, dir_fd=fd)  # no directory any more
                    continue
                os.close(fd)
                fd, names = deeper, [*names, inner]
                continue
            if not names:
                break
            try:
                up = os.open("..", _DIRECTORY, dir_fd=fd)
            except OSError:
                break
            info = os.fstat(fd)
            os.close(fd)
            fd, name = up, names.pop()
            try:
                os.rmdir(name, dir_fd=fd)
            except OSError:
                kept.add((info.st_dev, info.st_ino))
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):
        os.rmdir(path)


def _emptied(fd: int, kept: set[tuple[int, int]]) -> str | None:
    """Unlink every entry of the directory ``fd`` but directories; the name of one directory
    left to go into (``None``: none)."""
    try:
        with os.scandir(fd) as entries:
            found = list(entries)
    except OSError:
        return None
    inner = None
    for entry in found:
        try:
            directory = entry.is_dir(follow_symlinks=False)
            identity = entry.inode()
        except OSError:
            continue
        if not directory:
            with contextlib.suppress(OSError):
                os.unlink(entry.name, dir_fd=fd)
        elif inner is None and (os.fstat(fd).st_dev, identity) not in kept:
            inner = entry.name
    return inner
