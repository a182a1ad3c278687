"""Plugin projects: a directory with a ``pyproject.toml``, ``setup.cfg`` or ``setup.py``, one
plugin per entry point it registers in the contract's group."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

from plugcheck import projectmeta
from plugcheck.config import parse_toml
from plugcheck.discovery.entry_points import covers_name
from plugcheck.discovery.source_files import SKIP_DIRS, SKIP_FILES, package_tree
from plugcheck.entry_values import dotted_value
from plugcheck.entry_values import module_file_under as _module_file
from plugcheck.model import Contract, EntryPoint, Origin, Plugin, Project
from plugcheck.untrusted import read_source


def is_project(path: Path) -> bool:
    name = path.name
    if name.startswith(".") or name in SKIP_DIRS:
        return False
    return (path / "pyproject.toml").is_file() or projectmeta.read(path) is not None


def project_table(data: dict[str, Any]) -> dict[str, Any]:
    """``data["project"]`` when it is a table (a hostile or broken pyproject may set anything)."""
    table = data.get("project")
    return table if isinstance(table, dict) else {}


def read_project(pyproject: Path) -> tuple[Project | None, dict[str, Any]]:
    """The ``[project]`` table of ``pyproject`` and the whole document (empty when unreadable)."""
    try:
        text = read_source(pyproject).decode("utf-8")
        data = parse_toml(text)
    except (OSError, ValueError):  # UnicodeDecodeError and TOMLDecodeError too
        return None, {}
    table = data.get("project")
    if not isinstance(table, dict) or not isinstance(table.get("name"), str):
        return None, data
    deps = table.get("dependencies", [])
    dynamic = table.get("dynamic", [])
    return (
        Project(
            name=table["name"],
            version=table.get("version") if isinstance(table.get("version"), str) else None,
            requires=tuple(d for d in deps if isinstance(d, str)) if isinstance(deps, list) else (),
            dynamic=tuple(d for d in dynamic if isinstance(d, str))
            if isinstance(dynamic, list)
            else (),
            source=pyproject,
            name_line=_line_of(text, r"^\s*name\s*="),
        ),
        data,
    )


def _line_of(text: str, pattern: str) -> int:
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def project_plugins(
    path: Path, contract: Contract, origin: Origin, sys_path: Sequence[Path] = ()
) -> list[Plugin]:
    """One plugin per entry point the project registers in the contract's group (at least
    one: the project's own module)."""
    meta = projectmeta.read(path)
    if meta is None:  # a pyproject.toml without a [project] name
        return [_project_plugin(path, contract, origin, None, None)]
    if meta.unread and sys_path:
        meta, _ = projectmeta.with_installed(meta, sys_path)
    # "dependencies" is dynamic for the rules exactly when no file nor metadata states them.
    dynamic = [d for d in meta.dynamic if d != "dependencies"]
    if meta.requires.value is None:
        dynamic.append("dependencies")
    project = Project(
        name=meta.name,
        version=meta.version,
        requires=tuple(meta.requires.value or ()),
        dynamic=tuple(dynamic),
        source=meta.requires.source or meta.source,
        name_line=meta.name_line,
    )
    found: list[EntryPoint | None] = [
        EntryPoint(
            name, group, dotted_value(value, contract), meta.name, meta.entry_points.source, line
        )
        for group, declared in (meta.entry_points.value or {}).items()
        if contract.in_group(group)
        for name, (value, line) in declared.items()
        if covers_name(contract, name)
    ]
    return [
        _project_plugin(path, contract, origin, project, entry_point)
        for entry_point in found or [None]
    ]


def _project_plugin(
    path: Path,
    contract: Contract,
    origin: Origin,
    project: Project | None,
    entry_point: EntryPoint | None,
) -> Plugin:
    name = project.name if project else path.name
    module = entry_point.module if entry_point else None
    candidates = top_level_modules(path)
    if module is None:
        wanted = canonicalize_name(name).replace("-", "_")
        exact = [c for c in candidates if c[0] == wanted]
        module = exact[0][0] if exact else (candidates[0][0] if len(candidates) == 1 else None)
    top = module.partition(".")[0] if module else None
    location = next((loc for mod, loc in candidates if mod == top), None)
    if module is None or location is None:
        # A project whose module cannot be found is still a plugin: rules report it.
        return Plugin(
            name=entry_point.name if entry_point else name,
            contract=contract.name,
            origin=origin,
            root=path,
            module=module or canonicalize_name(name).replace("-", "_"),
            module_path=None,
            import_root=None,
            project=project,
            entry_point=entry_point,
        )
    module_path = _module_file(location, module)
    files, cut_off = package_tree(location) if location.is_dir() else ((location,), ())
    return Plugin(
        name=entry_point.name if entry_point else name,
        contract=contract.name,
        origin=origin,
        root=path,
        module=module,
        module_path=module_path,
        # Absolute: a path given on the command line is relative to plugcheck's working
        # directory, never to the plugin process's (red team finding 20: `check plugins/ccc`
        # of a src-layout project was PC401 'No module named ccc').
        import_root=location.parent.absolute(),
        files=files,
        project=project,
        entry_point=entry_point,
        cut_off=cut_off,
    )


def top_level_modules(project: Path) -> list[tuple[str, Path]]:
    """Importable top-level modules of a project: from the folders its build configuration
    names (``lib/``), else ``src/`` layout first, then flat."""
    for base in (*projectmeta.source_roots(project), project / "src", project):
        if not base.is_dir():
            continue
        found = []
        for entry in sorted(base.iterdir()):
            if entry.name.startswith((".", "_")) and entry.name != "__init__.py":
                continue
            if entry.name in SKIP_DIRS or entry.name in SKIP_FILES:
                continue
            if entry.is_dir() and (entry / "__init__.py").is_file():
                found.append((entry.name, entry))
            elif entry.is_file() and entry.suffix == ".py" and entry.name != "__init__.py":
                found.append((entry.stem, entry))
        if found:
            return found
    return []
