"""The source files of a plugin folder, and the folders and files no host imports plugin code
from."""

from __future__ import annotations

from pathlib import Path

from plugcheck import source_tree

SKIP_DIRS = {
    "__pycache__",
    "tests",
    "test",
    "Tests",
    "Test",
    "docs",
    "doc",
    "build",
    "dist",
    "examples",
    "benchmarks",
    "node_modules",
    "venv",
}
"""Folders no host imports plugin code from. A capitalised test folder is one too (Cython's
``Tests/``); a capitalised ``Build/`` is not build output (Cython's ``Cython.Build``)."""
SKIP_FILES = {"setup.py", "conftest.py", "noxfile.py", "fabfile.py"}


def python_files(directory: Path) -> list[Path]:
    """The ``.py`` files under ``directory``, skipping caches, hidden and test directories."""
    return source_tree.walk(directory, SKIP_DIRS)[0]


def package_tree(directory: Path) -> tuple[tuple[Path, ...], tuple[tuple[Path, str], ...]]:
    """The ``.py`` files under ``directory`` and the folders plugcheck did not walk (PC001)."""
    files, cut = source_tree.walk(directory, SKIP_DIRS)
    return tuple(files), tuple(cut)
