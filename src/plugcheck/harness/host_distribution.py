"""Whether the distributions named like the host are the host's by location: each one's
``RECORD`` lists a file the import of one of the host's packages finds. A distribution's
``Name`` is only its claim: a plugin's wheel can install a second ``mdhost-2.0.dist-info``
whose ``Requires-Dist`` names a helper distribution of the plugin's, and the helper's entry
points were then trusted as the host's own and ran in the fork server, unconfined (red team
red49, ``tests/test_harness_preload.py``)."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

HEAD = 8192
"""Bytes of a METADATA file read for its ``Name``: the header comes first."""
RECORD_LIMIT = 16 << 20
"""A larger ``RECORD`` is not read (its distribution is not taken for the host's)."""


def owns_host(
    host: str, files: Iterable[Path], sys_path: Sequence[str], normal: Callable[[str], str]
) -> bool:
    """Whether every distribution folder on ``sys_path`` whose metadata is named ``host``
    (normalised by ``normal``) lists one of ``files`` (those the host's packages are imported
    from) in its ``RECORD``, and there is at least one. ``False`` for an editable install or an
    ``.egg-info`` (no ``RECORD`` of the package's files): the host's own entry points and its
    requirements are then guarded as a plugin's are (slower where a preload loads them, the
    same verdict)."""
    found = [os.path.normpath(f) for f in files]
    infos = [
        Path(entry) / name
        for entry in sys_path
        for name in _listed(entry)
        if name.endswith((".dist-info", ".egg-info"))
        and normal(_name(Path(entry) / name) or "") == host
    ]
    return bool(infos) and all(_records(info, found) for info in infos)


def _listed(entry: str) -> list[str]:
    try:
        return os.listdir(entry)
    except OSError:
        return []


_NAME = re.compile(r"^Name:[ \t]*(\S+)", re.MULTILINE)


def _name(info: Path) -> str | None:
    """The ``Name`` of a ``.dist-info`` (``METADATA``) or ``.egg-info`` (``PKG-INFO``, or the
    file itself)."""
    for path in (info / "METADATA", info / "PKG-INFO", info):
        head = _regular(path, HEAD)
        if head is None:
            continue
        header = head.decode("utf-8", "replace").split("\n\n", 1)[0]
        match = _NAME.search(header)
        return match.group(1) if match else None
    return None


def _records(info: Path, found: list[str]) -> bool:
    """Whether ``info``'s ``RECORD`` lists one of the ``found`` files."""
    text = _regular(info / "RECORD", RECORD_LIMIT, whole=True)
    if text is None:
        return False  # none, or one plugcheck does not read: no claim to the host's files
    base = info.parent
    try:
        rows = list(csv.reader(io.StringIO(text.decode("utf-8", "replace"), newline="")))
    except csv.Error:
        return False
    return any(row and os.path.normpath(os.path.join(base, row[0])) in found for row in rows)


def _regular(path: Path, limit: int, *, whole: bool = False) -> bytes | None:
    """The first ``limit`` bytes of the regular file ``path`` (``whole``: all of it, or
    ``None`` when it is larger), ``None`` for anything else: a FIFO named ``METADATA`` in a
    distribution folder that a plugin's wheel made would block a plain read, and plugcheck
    with it, for ever."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or (whole and status.st_size > limit):
            return None
        chunks, left = [], limit
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 16))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)
