"""Dotted module names of the files ``init`` reads: the host's and its libraries'."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from plugcheck.static.syntax import walked


def module_name(path: Path) -> tuple[str, Path]:
    """Dotted module name of ``path`` and the directory that must be on ``sys.path``."""
    parts = [] if path.name == "__init__.py" else [path.stem]
    directory = path.parent
    while (directory / "__init__.py").is_file():
        parts.insert(0, directory.name)
        directory = directory.parent
    # An installed namespace package (poetry-core's ``poetry/core`` in ``poetry/``, which has no
    # ``__init__.py``): the import root is the install directory, not the namespace package.
    installed = next(
        (d for d in directory.parents if d.name in ("site-packages", "dist-packages")), None
    )
    if installed is not None and directory != installed:
        between = directory.relative_to(installed).parts
        if all(part.isidentifier() for part in between):
            return ".".join([*between, *parts]), installed
    return ".".join(parts) or path.stem, directory


def imports(module: str, path: Path, tree: ast.Module) -> Iterator[tuple[str, str, str | None]]:
    """(bound prefix, source module, imported name or ``None`` for a module) of each import."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    # Function-level imports too (Poetry imports ApplicationPlugin where it builds its manager).
    for node in walked(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    yield alias.asname, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(max(node.level - 1, 0)):
                base = base.rpartition(".")[0]
            source = (
                ".".join(p for p in (base, node.module) if p) if node.level else (node.module or "")
            )
            for alias in node.names:
                yield alias.asname or alias.name, source, alias.name
                yield alias.asname or alias.name, f"{source}.{alias.name}", None  # a module
