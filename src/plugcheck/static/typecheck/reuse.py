"""The mypy pass's result cache: an unchanged rerun reuses the last run's findings of the pass
without planning the check modules or starting mypy (issue 18: a warm rerun near free).

One file per set of inputs, ``<cache root>/mypy-results/<key>.json``; the key changes with
plugcheck's version and code, mypy's version, the target environment, the configuration, the
contracts, every plugin as discovered and what the earlier passes said that the pass reads
(PC001's unparsable files, the definitions other errors already name). Inside: what the run
observed of the file system, and the pass's findings. The observations are

- every path mypy's build asked about (its file-system cache: each file it read or looked for,
  each module it searched for, along every search path, the check modules included), with its
  kind, size, modification and change time (``None``: absent), and the entries of every
  directory it listed;
- every file plugcheck's own planner parsed, and where it looked for a module, the same way.

A rerun reuses the findings only when every observation still holds, so a plugin edited, a
host module changed, or a module added where an import was looked for runs the pass again
(mypy's incremental cache then re-checks what depends on the change). A change time is kept
because a modification time can be put back (``touch -d``, ``tar``); ``stamps`` makes mypy's own
cache judge it too. An unreadable or corrupt file is ignored and rewritten.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from plugcheck.atomic_json import write_json
from plugcheck.environment import Environment
from plugcheck.model import Finding
from plugcheck.static.index import ModuleIndex, Reads
from plugcheck.static.results import finding_data, finding_of

FORMAT = 3
"""Bumped when the file's layout changes: an older file is then not reused."""

Seen = list[int] | None
"""What a path was: [file type bits, size, mtime and ctime in ns], or ``None`` when it was
absent."""


def _seen(path: str) -> Seen:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return _of(info)


def _of(info: os.stat_result | None) -> Seen:
    if info is None:
        return None
    return [stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def _listing(path: str) -> str | None:
    return folder_listing(path)[0]


def folder_listing(path: str) -> tuple[str | None, list[str]]:
    """The digest of the folder's entries (``None``: it cannot be listed), and the entries."""
    try:
        names = sorted(os.listdir(path))
    except OSError:
        return None, []
    return hashlib.blake2b("\0".join(names).encode(), digest_size=16).hexdigest(), names


class Observed:
    """What one run of the pass learned from the file system (filled while it runs)."""

    def __init__(self) -> None:
        self.paths: dict[str, Seen] = {}
        self.listed: dict[str, str | None] = {}

    def reads(self, reads: Reads) -> None:
        """The files plugcheck's planner parsed and the modules it looked for."""
        todo = [reads]
        while todo:
            current = todo.pop()
            for path in current.files:
                self.paths.setdefault(str(path), _seen(str(path)))
            for base in current.lookups:
                folder = os.path.dirname(base)
                self.listed.setdefault(folder, _listing(folder))
            todo.extend(current.shared.values())

    def mypy(self, fscache: Any) -> None:
        """What a mypy build asked its ``mypy.fscache.FileSystemCache`` (as it saw it then)."""
        for path, info in fscache.stat_or_none_cache.items():
            self.paths.setdefault(str(path), _of(info))
        for path, names in fscache.listdir_cache.items():
            digest = hashlib.blake2b("\0".join(sorted(names)).encode(), digest_size=16)
            self.listed.setdefault(str(path), digest.hexdigest())
        for path in fscache.listdir_error_cache:
            self.listed.setdefault(str(path), None)


class MypyResults:
    """The cached findings of the mypy pass for one set of inputs; ``get``, ``put``."""

    def __init__(self, root: Path, inputs: object) -> None:
        from plugcheck._code_stamp import code_stamp

        raw = json.dumps([FORMAT, code_stamp(), _mypy_version(), inputs], default=str)
        key = hashlib.sha256(raw.encode()).hexdigest()[:20]
        self.path = root / "mypy-results" / f"{key}.json"
        self.observed = Observed()

    def get(self) -> tuple[list[Finding], list[str]] | None:
        """The findings of the last run and its notes on the target environment, when nothing
        it observed changed (not its notes on mypy's cache: they tell what happened to the
        cache in that run)."""
        try:
            data = json.loads(self.path.read_bytes())
            if data.get("format") != FORMAT:
                return None
            paths: dict[str, Seen] = data["paths"]
            listed: dict[str, str | None] = data["listed"]
            entries: dict[str, set[str]] = {}
            for folder, digest in listed.items():
                now, names = folder_listing(folder)
                if now != digest:
                    return None
                if now is not None:  # a folder it cannot list may still let a path be stat'ed
                    entries[folder] = set(names)
            if not still(paths, entries):
                return None
            return [finding_of(f) for f in data["findings"]], [str(n) for n in data["notes"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # no file, or not one of ours: the pass runs and rewrites it

    def put(self, findings: Iterable[Finding], notes: Iterable[str] = ()) -> None:
        """Keep this run's result (never raises: a cache that cannot be written is not used)."""
        data = {
            "format": FORMAT,
            "paths": self.observed.paths,
            "listed": self.observed.listed,
            "findings": [finding_data(f) for f in findings],
            "notes": list(notes),
        }
        with contextlib.suppress(OSError):
            write_json(self.path, data)

    @contextlib.contextmanager
    def recording(self, index: ModuleIndex) -> Iterator[None]:
        """Count what ``index`` parses and looks up inside as read by the pass."""
        with index.recording() as reads:
            yield
        self.observed.reads(reads)


def still(paths: dict[str, Seen], entries: dict[str, set[str]]) -> bool:
    """Whether every path is as it was seen. Most paths the build looked for were absent (a
    module looked for along every search path), each a failing ``stat``: one absent then is
    absent still when a folder above it is as it was (``entries``: the folders listed,
    judged unchanged) and does not hold the next step down."""
    for path, seen in paths.items():
        if seen is None and _absent(path, entries):
            continue
        if _seen(path) != seen:
            return False
    return True


def _absent(path: str, entries: dict[str, set[str]]) -> bool:
    """Whether a listed folder above ``path`` lacks the entry the path goes through."""
    split = os.path.split
    folder, name = split(path)
    while name not in ("", ".", ".."):
        there = entries.get(folder)
        if there is not None:
            return name not in there
        folder, name = split(folder)
    return False


def inputs(env: Environment, *parts: object) -> list[object]:
    """The key's inputs: the target environment and ``parts`` (each as its ``repr``)."""
    return [dataclasses.asdict(env), *(repr(p) for p in parts)]


def _mypy_version() -> str:
    from mypy.version import __version__

    return __version__
