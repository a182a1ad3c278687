"""Whether the distribution named like the host is the host's by location: the only one of
that name on the path, whose ``RECORD`` lists, beside its own folder, a file the import of
one of the host's packages finds. A distribution's ``Name`` is only its claim: a plugin's
wheel can install a second ``mdhost-2.0.dist-info`` whose ``Requires-Dist`` names a helper
distribution of the plugin's, and the helper's entry points were then trusted as the host's
own and ran in the fork server, unconfined (red team red49, ``tests/test_harness_preload.py``).
The same holds for the host's requirements: a name two distributions on the path claim is
trusted for neither (``host_own.guarded``). The folders and names are read as
``importlib.metadata`` reads them, which the environment query and the host use: a reading of
its own let a second distribution the query read first pass unseen (red team red51)."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from plugcheck.untrusted import read_source


@dataclass(frozen=True, slots=True)
class Infos:
    """The distribution folders on a path, by the name their metadata declares."""

    named: dict[str, list[Path]]
    complete: bool
    """``False`` where an entry of the path is a file (a zip archive): the distributions
    ``importlib.metadata`` finds in it are not read here, and any of them may claim a name."""


def on_path(sys_path: Sequence[str], normal: Callable[[str], str]) -> Infos:
    """Every distribution folder ``importlib.metadata`` finds on ``sys_path`` (its
    ``FastPath``/``Lookup``: ``.dist-info`` and ``.egg-info`` in any case, an ``.egg``'s
    ``EGG-INFO``, the working directory for an empty entry), by the name its metadata declares
    (normalised by ``normal``; as the environment query names them, not by the folder's
    name), in path order."""
    found: dict[str, list[Path]] = {}
    complete = True
    for entry in sys_path:
        try:
            children = os.listdir(entry or ".")
        except NotADirectoryError:
            complete = False  # a zip archive, which importlib.metadata reads too
            continue
        except OSError:
            continue
        egg = os.path.basename(entry).lower().endswith(".egg")
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")) or (egg and low == "egg-info"):
                info = Path(entry or ".", child)
                found.setdefault(normal(_name(info) or ""), []).append(info)
    return Infos(found, complete)


def owns_host(host: str, files: Iterable[Path], infos: Infos) -> bool:
    """Whether exactly one distribution folder on the path is named ``host`` (``infos``:
    :func:`on_path`, which saw them all), and its ``RECORD`` lists one of ``files`` (those the
    host's packages are imported from) in the folder it lies in, and no other distribution's
    ``RECORD`` lists its folder (:func:`doubted`). ``False`` for an editable install or an
    ``.egg-info`` (no ``RECORD`` of the package's files), and while a second distribution
    claims the host's name: the host's own entry points and its requirements are
    then guarded as a plugin's are (slower where a preload loads them, the same verdict)."""
    found = [os.path.abspath(f) for f in files]
    named = infos.named.get(host, [])
    if not infos.complete or len(named) != 1 or not _records(named[0], found):
        return False
    return doubted(infos, host, named[0]) is None  # not one a plugin's wheel installed


def doubted(infos: Infos, name: str, info: Path) -> str | None:
    """Why the distribution folder ``info``, named ``name``, may be no distribution of that
    name but a claim another one made (``None``: none seen): a second folder of that name on
    the path, or its own files listed by another distribution's ``RECORD`` (an installer lists
    every file a wheel put anywhere: a plugin's wheel that ships ``myhost-9.0.dist-info``)."""
    if not infos.complete:
        return "a zip archive on the path holds distributions plugcheck does not read"
    named = infos.named.get(name, [])
    if len(named) > 1:
        return f"{len(named)} distributions on the path are named {name}"
    inside = os.path.abspath(info) + os.sep
    for others in infos.named.values():
        for other in others:
            if os.path.abspath(other) == os.path.abspath(info):
                continue
            base = os.path.abspath(other.parent)
            rows = _rows(other, info.name)  # only a RECORD naming the folder is parsed
            if any(os.path.abspath(os.path.join(base, r)).startswith(inside) for r in rows):
                return f"its metadata is among the files {other.name} installed"
    return None


def installed(infos: Infos, names: Iterable[str], suffixes: tuple[str, ...]) -> set[str]:
    """The files ending in one of ``suffixes`` that the ``RECORD`` of each distribution folder
    of ``names`` (``infos``: :func:`on_path`) lists, as absolute paths, wherever they lie
    (``..`` in a row included: the installer put them there)."""
    found: set[str] = set()
    for name in names:
        for info in infos.named.get(name, []):
            base = os.path.abspath(info.parent)
            found.update(
                os.path.abspath(os.path.join(base, row))
                for row in _rows(info)
                if row.endswith(suffixes)
            )
    return found


def _name(info: Path) -> str | None:
    """The ``Name`` of a distribution folder as ``importlib.metadata`` reads it: of
    ``METADATA``, else (missing or empty) ``PKG-INFO``, else the folder itself (an
    ``.egg-info`` file)."""
    for path in (info / "METADATA", info / "PKG-INFO", info):
        try:  # a regular file only: a FIFO a plugin's install made would block for ever
            text = read_source(path).decode("utf-8", "replace")
        except OSError:
            continue
        if text:
            return name_header(text)
    return None


_EOL = re.compile(r"\r\n|\r|\n")
_HEADER = re.compile(r"From |[\041-\071\073-\176]*:|[\t ]")
"""A header line's start, as ``email.feedparser`` knows one; any other line starts the body."""


def name_header(text: str) -> str | None:
    """``email.message_from_string(text)["Name"]``, which ``importlib.metadata`` reads (the
    feed parser, the compat32 policy): the first header named ``Name`` in any case, its
    continuation lines joined. The same answer without the parser's objects: 4 times faster,
    and a metadata file's header has dozens of lines (``Classifier``)."""
    value: list[str] | None = None
    at = 0
    while at < len(text):
        eol = _EOL.search(text, at)
        line = text[at : eol.end()] if eol else text[at:]
        at = eol.end() if eol else len(text)
        if not _HEADER.match(line):
            break  # a blank line, or the first line that is no header: the body
        if line[0] in " \t":
            if value is not None:
                value.append(line)
        elif value is not None:
            break
        elif not line.startswith("From "):  # an mbox "From " line is never a header
            colon = line.find(":")
            if colon > 0 and line[:colon].lower() == "name":
                value = [line[colon + 1 :].lstrip(" \t")]
    return "".join(value).rstrip("\r\n") if value is not None else None


def _records(info: Path, found: list[str]) -> bool:
    """Whether ``info``'s ``RECORD`` lists one of the ``found`` files, below the folder
    ``info`` lies in (``..`` in a row names a file anywhere: a script, or the host's source)."""
    base = os.path.abspath(info.parent)
    for row in _rows(info):
        listed = os.path.abspath(os.path.join(base, row))
        if listed.startswith(base + os.sep) and listed in found:
            return True
    return False


def _rows(info: Path, naming: str = "") -> list[str]:
    """The paths ``info``'s ``RECORD`` lists (none where it has none plugcheck reads, or where
    its text does not hold ``naming``)."""
    try:
        text = read_source(info / "RECORD").decode("utf-8", "replace")
        if naming not in text:
            return []
        return [row[0] for row in csv.reader(io.StringIO(text, newline="")) if row]
    except (OSError, csv.Error):
        return []
