"""A stamp of a plugin's own directory tree that a rerun judges without listing it.

The static result cache reuses a plugin's findings while its tree is as it was: no file of any
kind added, removed or changed (a data file, an extension module, a module its checks never
parsed). A stamp keeps each folder walked (as ``source_tree.bounded_walk`` walks it: not into
``__pycache__``, ``.git`` and the like, nor below a symbolic link or past its depth) with its
change time and a digest of its entries, and each file with its size, modification time,
inode and change time. A rerun stats each: a folder whose change time is as it was holds the
same entries (adding, removing or renaming one changes it), so it is not listed again; a folder
changed since is listed, and holds the same entries when their digest is the same. A folder
modified less than :data:`SETTLED` seconds before it was listed is listed again on every rerun
(an entry added within the file system's timestamp granularity would go unseen).

The change time, not the modification time: anyone can set a modification time back
(``touch -d``, ``os.utime``, ``rsync -t``, ``tar``), and a file edited to the same size or a
folder given a new module, each with its time put back, kept the plugin's cached pass. Setting
a time moves the change time to the clock's, which nothing but the clock sets.
"""

from __future__ import annotations

import hashlib
import os
import time
from typing import Any

from plugcheck.source_tree import MAX_DEPTH

SETTLED = 2.0
"""Seconds since a folder's last modification after which its modification time is trusted to
stand for its entries."""

SKIPPED = frozenset({"__pycache__", ".git", ".hg", ".tox", ".nox", ".venv", "node_modules"})
"""Folders of a plugin's tree not stamped (bytecode, version control, tools' environments)."""

_BYTECODE = (".pyc", ".pyo")


def stamp(root: str, stats: dict[str, os.stat_result]) -> dict[str, Any] | None:
    """The stamp of the tree under ``root`` (``None``: not a folder). Each file's ``stat`` is
    kept in ``stats`` (the result cache hashes some of them next)."""
    if not os.path.isdir(root):
        return None
    folders: dict[str, list[Any]] = {}
    files: dict[str, list[int]] = {}
    todo = [(root, 0)]
    while todo:
        folder, depth = todo.pop()
        try:
            info = os.stat(folder)  # before the listing: a later change is a later time
        except OSError:
            continue
        listed_ns = time.time_ns()
        found = _entries(folder)
        if found is None:
            continue
        below, names, digest = found
        settled = listed_ns - info.st_mtime_ns > SETTLED * 1e9
        folders[folder] = [info.st_ctime_ns if settled else None, digest]
        for name in names:
            path = os.path.join(folder, name)
            try:
                stats[path] = seen = os.stat(path)
            except OSError:
                continue
            files[path] = _file(seen)
        if depth < MAX_DEPTH:
            todo.extend(
                (os.path.join(folder, name), depth + 1)
                for name in reversed(below)
                if not os.path.islink(os.path.join(folder, name))
            )
    return {"folders": folders, "files": files}


def unchanged(was: Any, root: str | None, stats: dict[str, os.stat_result]) -> bool:
    """Whether the tree under ``root`` (``None``: the plugin has none) is as ``was`` (a
    :func:`stamp` as JSON has it; anything else is not) stamped it. Each file's ``stat`` is
    kept in ``stats``."""
    if was is None:
        return root is None or not os.path.isdir(root)
    if root is None or not isinstance(was, dict):
        return False
    folders, files = was.get("folders"), was.get("files")
    if not isinstance(folders, dict) or not isinstance(files, dict) or root not in folders:
        return False
    for folder, (changed, digest) in folders.items():
        try:
            info = os.stat(folder)
        except OSError:
            return False
        if changed is not None and info.st_ctime_ns == changed:
            continue
        found = _entries(folder)
        if found is None or found[2] != digest:
            return False
    for path, said in files.items():
        try:
            stats[path] = seen = os.stat(path)
        except OSError:
            return False
        if said != _file(seen):
            return False
    return True


def _file(info: os.stat_result) -> list[int]:
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns]


def _entries(folder: str) -> tuple[list[str], list[str], str] | None:
    """The folder's subfolders and files as the stamp walks them (sorted), and a digest of
    both; ``None`` when it cannot be listed."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return None
    below: list[str] = []
    names: list[str] = []
    for entry in entries:
        name = entry.name
        if _is_folder(entry):
            if name not in SKIPPED:
                below.append(name)
        elif not name.endswith(_BYTECODE):
            names.append(name)
    below.sort()
    names.sort()
    listed = "\0".join(["/" + n for n in below] + names)
    # A name that is not UTF-8 (bytes kept as surrogates) hashes by its bytes.
    digest = hashlib.blake2b(listed.encode("utf-8", "surrogateescape"), digest_size=16)
    return below, names, digest.hexdigest()


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """What ``os.walk`` lists among the folders: a folder or a symbolic link to one."""
    try:
        return entry.is_dir()
    except OSError:
        return False
