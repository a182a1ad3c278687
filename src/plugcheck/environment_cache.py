"""The target environment's description, kept between runs when the target is the running
interpreter: reading every installed distribution's metadata is a tenth of an unchanged rerun.

One file per interpreter, ``sys.path`` and entry-point groups,
``<cache root>/environment/<key>.json`` (the key also changes with plugcheck's code). Inside:
the description and a stamp of what it was read from: the interpreter's file; each
``sys.path`` entry; in each, every ``.dist-info``, ``.egg-info``, ``.egg-link`` and ``.pth``
entry and the metadata files of each distribution (``METADATA``, ``PKG-INFO``,
``entry_points.txt``, ``requires.txt``); each entry point's module file and its folder. Device,
inode, size and modification time: an install, an uninstall or an upgrade changes a folder
listed, an edited metadata file its own stamp. The description is used while the stamp holds;
it is not kept when anything stamped was modified less than :data:`SETTLED` seconds before the
query started. Another interpreter (``--python``) is asked every time (its ``sys.path`` is known
only from its answer).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from pathlib import Path

from plugcheck import _query, query_answer
from plugcheck._code_stamp import code_stamp
from plugcheck.atomic_json import write_json
from plugcheck.environment import Environment, environment_of, query

FORMAT = 1
SETTLED = 2.0
_LISTED = (".dist-info", ".egg-info", ".egg-link", ".pth")
_METADATA = ("METADATA", "PKG-INFO", "entry_points.txt", "requires.txt")

Stamp = dict[str, list[int]]


def cached_query(python: Path | None, groups: list[str], root: Path | None) -> Environment:
    """:func:`environment.query`, from the cache under ``root`` when the target is this
    interpreter and nothing its description was read from changed (``root`` ``None``: none)."""
    if root is None or not (python is None or _same(python)):
        return query(python, groups)
    path = root / "environment" / f"{_key(groups)}.json"
    found = _load(path)
    if found is not None and _stamp(found) == found["stamp"]:
        data = query_answer.parse_description(found["description"])
        if data is not None:
            return environment_of(data)
    started = time.time_ns()
    data = _query.describe(groups)
    stamp = _stamp({"description": data})
    if all(not s or started - s[-1] > SETTLED * 1e9 for s in stamp.values()):
        with contextlib.suppress(OSError):
            _save(path, {"format": FORMAT, "stamp": stamp, "description": data})
    return environment_of(data)


def _same(python: Path) -> bool:
    return os.path.abspath(python) == os.path.abspath(sys.executable)


def _key(groups: list[str]) -> str:
    raw = json.dumps([FORMAT, code_stamp(), sys.executable, sys.path, sorted(groups)])
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _stamp(found: dict[str, object]) -> Stamp:
    """What a description was read from, stamped as it is now."""
    stamp: Stamp = {}
    _add(stamp, sys.executable)
    for folder in (p for p in sys.path if p):
        _add(stamp, folder)
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if not name.endswith(_LISTED):
                continue
            entry = os.path.join(folder, name)
            _add(stamp, entry)
            if os.path.isdir(entry):
                for meta in _METADATA:
                    _add(stamp, os.path.join(entry, meta))
    description = found.get("description")
    entry_points = description.get("entry_points") if isinstance(description, dict) else None
    for ep in entry_points if isinstance(entry_points, list) else ():
        module = ep.get("module_file") if isinstance(ep, dict) else None
        if isinstance(module, str):
            _add(stamp, module)
            _add(stamp, os.path.dirname(module))
    return stamp


def _add(stamp: Stamp, path: str) -> None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        stamp[path] = []
        return
    stamp[path] = [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns]


def _load(path: Path) -> dict[str, object] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    stamp = data.get("stamp")
    if not isinstance(stamp, dict) or not all(isinstance(v, list) for v in stamp.values()):
        return None
    return data


def _save(path: Path, data: dict[str, object]) -> None:
    write_json(path, data)
