"""What a directory on ``sys.path`` provides besides its plain files: the top-level names its
setuptools editable finders map, whether a ``.pth`` file there runs code plugcheck cannot
read (a ``-nspkg.pth`` line, which only creates a namespace package, can be), and what a zip
archive on the path holds (PC309's view of the target environment)."""

from __future__ import annotations

import ast
import os
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

from plugcheck import untrusted

_NSPKG = re.compile(
    r"^import sys, types, os;.*sys\._getframe\(1\)\.f_locals\['sitedir'\], "
    r"\*\('[A-Za-z_][A-Za-z0-9_]*'(?:, ?'[A-Za-z_][A-Za-z0-9_]*')*,?\)\);"
)
"""The line setuptools writes into ``<dist>-nspkg.pth`` for each namespace package a
distribution declares (``namespace_packages``): it creates the module ``paste`` (``*('paste',)``)
or ``zope.interface``'s parent in ``sys.modules``, and does nothing else."""


def _creates_namespace(code: str) -> bool:
    """Whether ``code`` is a ``-nspkg.pth`` line, which makes no other name importable."""
    return _NSPKG.match(code) is not None and "sys.path" not in code


_KNOWN = ("__editable__", "_distutils_hack", "_virtualenv")
"""Lines whose imports are setuptools' editable finders, its distutils shim, virtualenv's."""
_COVERAGE = ("coverage.process_startup(", "pytest_cov.embed import init")
"""coverage's ``a1_coverage.pth`` (coverage 7.10+, what pytest-cov 7 relies on) and pytest-cov
6's ``pytest-cov.pth``: they start measuring in a subprocess when an environment variable asks
for it, and make no name importable. Read as opaque, any environment with pytest-cov in it
silenced PC309 for every plugin (realvar23: a pytest plugin importing a module that is not
installed passed ``--no-dynamic``)."""


def _known(code: str) -> bool:
    """Whether a ``.pth`` import line is one whose effect on ``sys.path`` is known (none, or
    the editable finders read separately)."""
    if any(known in code for known in _KNOWN):
        return True
    return any(c in code for c in _COVERAGE) and "sys.path" not in code and "meta_path" not in code


def hooks(root: Path) -> tuple[frozenset[str], bool]:
    """The top-level names the editable finders in ``root`` map, and whether a .pth file there
    runs code we cannot read."""
    editable: set[str] = set()
    opaque = False
    try:
        entries = list(os.scandir(root))
    except OSError:
        return frozenset(), False
    for entry in entries:
        name = entry.name
        if name.startswith("__editable__") and name.endswith("_finder.py"):
            editable |= _mapping_keys(Path(entry.path))
        elif name.endswith(".pth"):
            try:
                # Bounded, and never a FIFO (a plugin folder is a root too): a plugins/x.pth
                # FIFO held plugcheck for ever, a sparse 8 GiB one was read whole.
                data = untrusted.read_source(entry.path)
            except OSError:
                continue
            lines = untrusted.source_lines(data.decode("utf-8", "replace"))  # as site reads
            for line in lines:
                code = line.strip()
                if _creates_namespace(code):
                    continue  # its folders are on the path: the files tell what it holds
                if code.startswith(("import ", "import\t")) and not _known(code):
                    opaque = True
    return frozenset(editable), opaque


def _mapping_keys(path: Path) -> set[str]:
    """Top-level names a setuptools editable finder maps (its ``MAPPING`` literal)."""
    try:
        tree = untrusted.parse(untrusted.read_source(path).decode("utf-8"))
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "MAPPING" for t in stmt.targets
        ):
            try:
                value = ast.literal_eval(stmt.value)
            except ValueError:
                return set()
            if isinstance(value, Mapping):
                return {str(k).partition(".")[0] for k in value}
    return set()


def in_zip(archive: Path, parts: list[str]) -> bool:
    try:
        with zipfile.ZipFile(archive) as zf:
            names = set(zf.namelist())
    except (OSError, zipfile.BadZipFile):
        return False
    stem = "/".join(parts)
    return any(n.startswith(f"{stem}/") or n in (f"{stem}.py", f"{stem}.pyc") for n in names)
