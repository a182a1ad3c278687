"""Whether the distributions named like the host are the host's by location: each one's
``RECORD`` lists a file the import of one of the host's packages finds. A distribution's
``Name`` is only its claim: a plugin's wheel can install a second ``mdhost-2.0.dist-info``
whose ``Requires-Dist`` names a helper distribution of the plugin's, and the helper's entry
points were then trusted as the host's own and ran in the fork server, unconfined (red team
red49, ``tests/test_harness_preload.py``). The same holds for the host's requirements: a name
two distributions on the path claim is trusted for neither (``host_own.guarded``)."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from plugcheck.untrusted import read_source

HEAD = 8192
"""Bytes of a METADATA file read for its ``Name``: the header comes first."""


def on_path(sys_path: Sequence[str], normal: Callable[[str], str]) -> dict[str, list[Path]]:
    """Every ``.dist-info`` and ``.egg-info`` folder on ``sys_path``, by the name its metadata
    declares (normalised by ``normal``; as the environment query names them, not by the
    folder's name), in path order."""
    found: dict[str, list[Path]] = {}
    for entry in sys_path:
        for name in _listed(entry):
            if name.endswith((".dist-info", ".egg-info")):
                info = Path(entry) / name
                found.setdefault(normal(_name(info) or ""), []).append(info)
    return found


def owns_host(host: str, files: Iterable[Path], infos: dict[str, list[Path]]) -> bool:
    """Whether every distribution folder named ``host`` (``infos``: :func:`on_path`) lists one
    of ``files`` (those the host's packages are imported from) in its ``RECORD``, and there is
    at least one. ``False`` for an editable install or an ``.egg-info`` (no ``RECORD`` of the
    package's files): the host's own entry points and its requirements are then guarded as a
    plugin's are (slower where a preload loads them, the same verdict)."""
    found = [os.path.normpath(f) for f in files]
    named = infos.get(host, [])
    return bool(named) and all(_records(info, found) for info in named)


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
        try:  # a regular file only: a FIFO a plugin's install made would block for ever
            head = read_source(path)[:HEAD]
        except OSError:
            continue
        header = head.decode("utf-8", "replace").split("\n\n", 1)[0]
        match = _NAME.search(header)
        return match.group(1) if match else None
    return None


def _records(info: Path, found: list[str]) -> bool:
    """Whether ``info``'s ``RECORD`` lists one of the ``found`` files."""
    try:
        text = read_source(info / "RECORD").decode("utf-8", "replace")
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except (OSError, csv.Error):
        return False  # none, or one plugcheck does not read: no claim to the host's files
    base = info.parent
    return any(row and os.path.normpath(os.path.join(base, row[0])) in found for row in rows)
