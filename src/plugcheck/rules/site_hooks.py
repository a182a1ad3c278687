"""What a directory on ``sys.path`` provides besides its plain files: the top-level names its
setuptools editable finders map, whether a ``.pth`` file there runs code plugcheck cannot
read, and what a zip archive on the path holds (PC309's view of the target environment)."""

from __future__ import annotations

import ast
import os
import zipfile
from collections.abc import Mapping
from pathlib import Path

from plugcheck import untrusted


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
                lines = Path(entry.path).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            for line in lines:
                code = line.strip()
                if code.startswith(("import ", "import\t")) and not any(
                    known in code for known in ("__editable__", "_distutils_hack", "_virtualenv")
                ):
                    opaque = True
    return frozenset(editable), opaque


def _mapping_keys(path: Path) -> set[str]:
    """Top-level names a setuptools editable finder maps (its ``MAPPING`` literal)."""
    try:
        tree = untrusted.parse(path.read_text(encoding="utf-8"))
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
