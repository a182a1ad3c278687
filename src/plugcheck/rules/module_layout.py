"""Where a module sits in its package, from its file: its dotted name below an import root,
the directory its dotted name is relative to, the packages above it, and the files a dotted name
may be (PC309's walk over what the host's import of a plugin runs)."""

from __future__ import annotations

from pathlib import Path

from plugcheck.static.index import ModuleIndex


def dotted_below(path: Path, root: Path | None) -> str:
    """``pkg.api`` for ``root/pkg/api.py`` (``pkg`` for its ``__init__.py``)."""
    try:
        parts = path.with_suffix("").relative_to(root or path.parent).parts
    except ValueError:
        return path.name
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def names_root(path: Path, module: str) -> Path | None:
    """The directory ``module``'s dotted name is relative to, from its file: a plugin imported
    under a namespace package (mkdocstrings' ``mkdocstrings_handlers.github``) imports its own
    modules by that name, above its own import root."""
    parts = module.split(".")
    folders = parts if path.name == "__init__.py" else parts[:-1]
    directory = path.parent
    for part in reversed(folders):
        if directory.name != part:
            return None
        directory = directory.parent
    return directory


def module_files(index: ModuleIndex, base: Path) -> list[Path]:
    """The files a dotted name ending at ``base`` may be: the package's ``__init__.py`` or the
    module ``base.py``."""
    return [c for c in (base / "__init__.py", base.with_suffix(".py")) if index.is_file(c)]


def packages_above(path: Path, root: Path) -> list[Path]:
    """The ``__init__.py`` of each package between ``path`` and ``root``, innermost first: what
    importing ``path``'s module runs first."""
    found = []
    directory = path.parent
    while directory != root and root in directory.parents:
        found.append(directory / "__init__.py")
        directory = directory.parent
    return found
