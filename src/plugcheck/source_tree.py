"""The ``.py`` files of a plugin's folder, walked without recursion and within bounds.

A plugin's tree is the plugin author's: 2,500 nested folders made ``os.walk`` (recursive)
raise RecursionError in discovery, a traceback and no report at all. Folders nested deeper
than :data:`MAX_DEPTH`, paths the system cannot open (``ENAMETOOLONG``) and files past
:data:`MAX_FILES` are not walked; each such folder is returned as *cut off*, and PC001 says
plugcheck neither checks nor imports the plugin.
"""

from __future__ import annotations

import errno
import mmap
import os
from collections.abc import Collection, Iterator
from pathlib import Path

MAX_DEPTH = 64
"""Folders below a plugin's root that plugcheck enters (real packages nest a dozen)."""
MAX_FILES = 50_000
"""``.py`` files of one plugin plugcheck lists (a large framework has a few thousand)."""


def walk(directory: Path, skip: Collection[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The ``.py`` files under ``directory`` as ``os.walk`` lists them (symlinked folders not
    entered, hidden folders and ``skip`` left out, only regular files), and the folders not
    walked, each with why."""
    found: list[Path] = []
    cut: list[tuple[Path, str]] = []
    stack = [(os.fspath(directory), 0)]
    while stack:
        top, depth = stack.pop()
        try:
            with os.scandir(top) as listing:
                entries = list(listing)
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:
                cut.append((Path(top), "its path is longer than the system opens"))
            continue
        for entry in entries:
            name = entry.name
            if _is_folder(entry):
                if name.startswith(".") or name in skip:
                    continue
                if depth >= MAX_DEPTH:
                    cut.append((Path(entry.path), f"folders nested more than {MAX_DEPTH} deep"))
                else:
                    stack.append((entry.path, depth + 1))
            elif name.endswith(".py") and os.path.isfile(entry.path):
                if len(found) >= MAX_FILES:
                    cut.append((Path(top), f"more than {MAX_FILES:,} .py files"))
                    return sorted(found), cut
                found.append(Path(entry.path))
    return sorted(found), sorted(cut)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A real folder (``os.walk`` lists a symlink to one among the folders, never enters it)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def bounded_walk(top: str | Path) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk(top)`` (top-down; prune by editing the folder list) without recursion, and not
    below :data:`MAX_DEPTH` folders: what :func:`walk` cuts off is PC001 already."""
    stack = [(os.fspath(top), 0)]
    while stack:
        current, depth = stack.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError:
            continue
        folders = [e.name for e in entries if _is_folder_or_link(e)]
        files = [e.name for e in entries if not _is_folder_or_link(e)]
        yield current, folders, files
        if depth < MAX_DEPTH:
            stack.extend(
                (os.path.join(current, name), depth + 1)
                for name in reversed(folders)
                if not os.path.islink(os.path.join(current, name))
            )


def _is_folder_or_link(entry: os.DirEntry[str]) -> bool:
    """What ``os.walk`` lists among the folders: a folder or a symlink to one."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def compiled_name(name: str, suffixes: Collection[str]) -> str | None:
    """The module a file named ``name`` is, when the name is an extension module's (one of the
    target's extension ``suffixes``) or a ``.pyc``'s; read from the name alone (opening a FIFO
    named ``x.so`` blocks)."""
    ends = [s for s in suffixes if s != ".py" and name.endswith(s)]
    module = name[: -len(ends[0])] if ends else name[:-4] if name.endswith(".pyc") else None
    return module if module is not None and module.isidentifier() else None


def compiled_module(path: Path, suffixes: Collection[str]) -> str | None:
    """The module name the host imports the compiled file ``path`` by: an extension module of
    one of the target's extension ``suffixes`` (C, Cython, mypyc) or a sourceless ``.pyc`` (red
    team finding 30: both were skipped silently, and the host loads them). ``None`` for any
    other file, and for one beside a source module of its name, which is that plugin (its
    import gets what the import system finds first: an extension module, else the source)."""
    name, folder = path.name, path.parent
    ends = [s for s in suffixes if s != ".py" and name.endswith(s)]
    module = compiled_name(name, suffixes)
    if module is None:
        return None
    if (folder / f"{module}.py").is_file() or (folder / module / "__init__.py").is_file():
        return None
    if not ends and any((folder / f"{module}{s}").is_file() for s in suffixes if s != ".py"):
        return None  # the extension module beside it is the plugin
    if ends and not _exports_init(path, module):
        return None  # a native library beside the plugins (libfoo.so), not a Python module
    return module


def _exports_init(path: Path, module: str) -> bool:
    """Whether the shared object ``path`` names ``PyInit_<module>``, the function every
    extension module exports (the import fails without it)."""
    try:
        with open(path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as m:
            return m.find(b"PyInit_" + module.encode()) >= 0
    except (OSError, ValueError):  # unreadable, empty, not a regular file
        return False
