"""Which files are the plugin's own, for telling its failure from a stand-in's.

A package plugin owns its package's directory. A single-module plugin installed in a site
directory (``site-packages/covdefaults.py``) does not own that directory — every other installed
distribution lives there, the host's stand-ins' libraries too — but the files its distribution's
``RECORD`` lists (the module file alone when no ``RECORD`` lists it). A module in a folder of the
host's (``plugins/greeter.py``) owns that folder, as the host's folder plugins share it.
"""

from __future__ import annotations

import os

_KNOWN: dict[str, tuple[str, frozenset[str]]] = {}


def own_files(module_file: str) -> tuple[str, frozenset[str]]:
    """(a directory whose files are all the plugin's, or ``""``; single files that are)."""
    if module_file not in _KNOWN:
        _KNOWN[module_file] = _own_files(module_file)
    return _KNOWN[module_file]


def _own_files(module_file: str) -> tuple[str, frozenset[str]]:
    path = os.path.abspath(module_file)
    directory = os.path.dirname(path)
    if os.path.basename(path) == "__init__.py":
        return directory, frozenset()
    try:
        infos = [e for e in os.listdir(directory) if e.endswith((".dist-info", ".egg-info"))]
    except OSError:
        infos = []
    if not infos:
        return directory, frozenset()
    return "", frozenset(_recorded(directory, infos, path) or {path})


def _recorded(site: str, infos: list[str], path: str) -> set[str]:
    """The files of the distribution whose RECORD lists ``path`` (relative to ``site``)."""
    for info in infos:
        record = os.path.join(site, info, "RECORD")
        try:
            with open(record, encoding="utf-8", errors="replace") as handle:
                rows = [_first_field(line) for line in handle]
        except OSError:
            continue
        files = {
            os.path.abspath(os.path.join(site, row))
            for row in rows
            if row.endswith(".py") and not row.startswith(("/", ".."))
        }
        if path in files:
            return files
    return set()


def _first_field(line: str) -> str:
    """A RECORD line's path (CSV: quoted when it holds a comma, ``""`` for a quote)."""
    if line.startswith('"'):
        end = line.find('",', 1)
        return line[1:end].replace('""', '"') if end > 0 else ""
    return line.partition(",")[0]


def is_own(filename: str, module_file: str | None) -> bool:
    """Whether a traceback frame's ``filename`` is one of the plugin's own files."""
    if not module_file:
        return False
    directory, files = own_files(module_file)
    where = os.path.abspath(filename)
    return where in files or (bool(directory) and where.startswith(directory + os.sep))
