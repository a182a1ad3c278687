"""Dotted module names of the files ``init`` reads: the host's and its libraries'."""

from __future__ import annotations

from pathlib import Path


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
