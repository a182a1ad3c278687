"""The plugin at a path: a module, an extension module, a package, a folder of modules or a
project directory."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from plugcheck import source_tree
from plugcheck.discovery.projects import is_project, project_plugins
from plugcheck.discovery.source_files import SKIP_DIRS, SKIP_FILES, package_tree
from plugcheck.model import Contract, EntryPoint, Origin, Plugin, Project


def plugins_at(
    path: Path,
    contract: Contract,
    origin: Origin,
    sys_path: Sequence[Path] = (),
    suffixes: Sequence[str] = (),
) -> list[Plugin]:
    """The plugins at ``path``: a project directory registering several entry points in the
    contract's group is one plugin per entry point (the host loads each); else what
    :func:`plugin_at` finds. A project's dynamic entry points are read from its installed
    metadata on ``sys_path``; ``suffixes`` are the target's extension-module suffixes."""
    if path.is_dir() and is_project(path):
        return project_plugins(path, contract, origin, sys_path)
    plugin = plugin_at(path, contract, origin, suffixes)
    return [] if plugin is None else [plugin]


def plugin_at(
    path: Path, contract: Contract, origin: Origin, suffixes: Sequence[str] = ()
) -> Plugin | None:
    """The plugin at ``path``, or ``None`` when it holds no Python code."""
    name = path.name
    if name.startswith(".") or name in SKIP_DIRS or name in SKIP_FILES:
        return None
    if origin is Origin.EXPLICIT and name == "__init__.py" and path.is_file():
        # A package's `__init__.py` (what an editor names) is the package: the host imports
        # `pkg`, never `pkg.__init__` (before: a second module object, and false errors).
        return plugin_at(path.parent, contract, origin, suffixes)
    # A FIFO, a device or a socket named like a module (or a link to one) is the host's import
    # of it, which blocks or never ends: a plugin whose file cannot be read (PC001), not none.
    # So is a dangling link or a link loop named like one: the host lists the name and its
    # import fails (before, discovery skipped it and the run said "All checks passed").
    named = module_named(str(path), suffixes) and (path.exists() or path.is_symlink())
    if path.is_file() or (named and not path.is_dir()):
        if path.suffix == ".py":
            module: str | None = path.stem
        elif path.is_file():
            module = source_tree.compiled_module(path, suffixes)
        else:  # a FIFO named x.so: its name says what the host imports (opening it blocks)
            module = source_tree.compiled_name(path.name, suffixes)
        if module is None:
            return None
        import_root = path.parent
        if origin is Origin.EXPLICIT:
            # A module inside a package (`sphinx_tabs/tabs.py`) is imported, and named, by its
            # dotted name: two paths ending in `main.py` are two plugins.
            module, import_root = _dotted(module, import_root)
        return Plugin(
            name=module,
            contract=contract.name,
            origin=origin,
            root=path,
            module=module,
            module_path=path,
            import_root=import_root,
            files=(path,),
        )
    if not path.is_dir():
        return None
    if is_project(path):
        return project_plugins(path, contract, origin)[0]
    if (path / "__init__.py").is_file() or any(path.glob("*.py")):
        if origin is Origin.EXPLICIT and (path / "__init__.py").is_file():
            module, above = _dotted(path.name, path.parent)
            return package_plugin(path, module, contract, origin, name=module, import_root=above)
        return package_plugin(path, path.name, contract, origin, name=path.name)
    return None


def module_named(path: str, suffixes: Sequence[str]) -> bool:
    """Whether a file named like ``path`` is a module the host imports: a ``.py``, an
    extension module or a ``.pyc`` (:func:`source_tree.compiled_name`)."""
    name = os.path.basename(path)
    return name.endswith(".py") or source_tree.compiled_name(name, suffixes) is not None


def _dotted(module: str, directory: Path) -> tuple[str, Path]:
    """``module`` in ``directory`` as its full dotted name, and the import root above the
    packages that hold it."""
    directory = directory.absolute()
    while (directory / "__init__.py").is_file():
        module, directory = f"{directory.name}.{module}", directory.parent
    return module, directory


def package_plugin(
    package: Path,
    module: str,
    contract: Contract,
    origin: Origin,
    *,
    name: str,
    project: Project | None = None,
    root: Path | None = None,
    entry_point: EntryPoint | None = None,
    import_root: Path | None = None,
) -> Plugin:
    init = package / "__init__.py"
    files, cut_off = package_tree(package)
    return Plugin(
        name=name,
        contract=contract.name,
        origin=origin,
        root=root or package,
        module=module,
        module_path=init if init.is_file() else None,
        import_root=import_root or package.parent.absolute(),
        files=files,
        project=project,
        entry_point=entry_point,
        cut_off=cut_off,
    )
