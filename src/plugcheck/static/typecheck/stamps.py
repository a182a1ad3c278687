"""mypy's cache entries judged by change time too.

mypy takes a module's source as unchanged when its size and whole-second modification time
match the cache entry's, so a same-size edit whose time was put back (``touch -d``, ``tar``,
``rsync -t``, or an edit within the same second) kept mypy's last findings for it (red team
red57). Beside each cache plugcheck keeps its own record: every module of the last builds, with
its source's size, modification and change time in nanoseconds as mypy's build saw them (only
the clock sets a change time). Before the next build mypy forgets the entries of every module
whose source moved since; mypy then checks it again, and what depends on it when its interface
changed.

A cache without a readable record (a run killed before it wrote one) is not trusted at all.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from plugcheck.atomic_json import write_json

FORMAT = 1

Stamp = tuple[int, int, int]
"""A source as seen: size, modification time and change time, in ns."""

_UNSEEN: Stamp = (-1, -1, -1)
"""A source the build did not stat: never matches, so its entry is forgotten next time."""


def stamp_of(info: os.stat_result | None) -> Stamp:
    return _UNSEEN if info is None else (info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class Record:
    """``path -> (module, stamp)`` for the sources of one mypy cache's entries."""

    def __init__(self, cache: Path) -> None:
        self.path = cache.with_name(cache.name + ".stamps.json")
        self.modules: dict[str, tuple[str, Stamp]] = {}

    def load(self) -> bool:
        """Read the record; ``False`` when there is none or it cannot be read."""
        try:
            data = json.loads(self.path.read_bytes())
            if data["format"] != FORMAT:
                return False
            self.modules = {
                str(path): (str(module), (int(size), int(mtime), int(ctime)))
                for path, (module, size, mtime, ctime) in data["modules"].items()
            }
        except (OSError, ValueError, KeyError, TypeError):
            return False
        return True

    def moved(self) -> list[tuple[str, str]]:
        """``(module, path)`` of every recorded source not as it was when last built."""
        moved = []
        for path, (module, stamp) in self.modules.items():
            try:
                now = stamp_of(os.stat(path))
            except (OSError, ValueError):
                now = _UNSEEN
            if now != stamp or stamp == _UNSEEN:
                moved.append((module, path))
        return moved

    def built(self, modules: Mapping[str, str], seen: Mapping[str, Any]) -> None:
        """A build's modules (``path -> module``), each stamped as the build's file-system cache
        saw it (``seen``: path -> ``os.stat_result`` or ``None``) before reading it: a file
        changed while the build ran then no longer matches."""
        for path, module in modules.items():
            self.modules[path] = (module, stamp_of(seen.get(path)))

    def forget(self) -> None:
        """The record of a cache that is discarded."""
        self.modules = {}
        with contextlib.suppress(OSError):
            self.path.unlink()

    def save(self) -> None:
        data = {
            "format": FORMAT,
            "modules": {p: [m, *s] for p, (m, s) in sorted(self.modules.items())},
        }
        write_json(self.path, data)


def forget_entries(options: Any, moved: list[tuple[str, str]]) -> None:
    """Remove mypy's cache entries (meta, its errors, data) of the ``(module, path)`` pairs
    from the cache ``options`` name (in mypy's child, before its build)."""
    if not moved:
        return
    from mypy.build import create_metastore, get_cache_names, get_meta_ex_name

    store = create_metastore(options, parallel_worker=False)
    try:
        for module, path in moved:
            meta, data, _deps = get_cache_names(module, path, options)
            for name in (meta, get_meta_ex_name(meta), data):
                with contextlib.suppress(FileNotFoundError):  # the file store's missing entry
                    store.remove(name)
        store.commit()
    finally:
        store.close()
