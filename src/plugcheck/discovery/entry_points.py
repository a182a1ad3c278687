"""Plugins registered as installed entry points: the contract's selection, and each one's
module, files and distribution."""

from __future__ import annotations

import contextlib
from pathlib import Path

from plugcheck._query import EntryPointFacts
from plugcheck.discovery.source_files import package_tree
from plugcheck.entry_values import as_dotted_path
from plugcheck.environment import Environment
from plugcheck.model import Contract, EntryPoint, Origin, Plugin, Project
from plugcheck.untrusted import read_source


def covers_name(contract: Contract, name: str) -> bool:
    """Whether the contract covers an entry point of this name (``entry-point-names``)."""
    names = contract.options.get("entry-point-names")
    return names is None or name in names


def selected_entry_points(env: Environment, contract: Contract) -> list[EntryPointFacts]:
    if not contract.group_pattern:
        group = contract.entry_point_group or ""
        return [raw for raw in env.entry_points_for(group) if covers_name(contract, raw["name"])]
    return [
        raw
        for raw in env.entry_points
        if contract.in_group(raw["group"]) and covers_name(contract, raw["name"])
    ]


def _entry_point_line(text: str, group: str, name: str, value: str) -> int:
    """The line of ``name = value`` in the ``[group]`` section of an entry_points.txt.

    The section matters (a console script may share the name) and so does the value (one
    file may list a name twice); without an exact match, the name's first line in the section.
    """
    section = None
    first = None
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
            continue
        key, eq, rest = stripped.partition("=")
        if section != group or not eq or key.strip() != name:
            continue
        if rest.strip() == value.strip():
            return number
        first = first or number
    return first or 1


def from_entry_point(raw: EntryPointFacts, contract: Contract) -> Plugin:
    raw = as_dotted_path(raw, contract)
    dist_path = Path(raw["dist_path"]) if raw["dist_path"] else None
    ep_file = dist_path / "entry_points.txt" if dist_path else None
    line = 1
    if ep_file and ep_file.is_file():
        with contextlib.suppress(OSError):  # a FIFO, a device, a huge file: the first line
            text = read_source(ep_file).decode("utf-8", errors="replace")
            line = _entry_point_line(text, raw["group"], raw["name"], raw["value"])
    entry_point = EntryPoint(
        raw["name"], raw["group"], raw["value"], raw.get("dist_name"), ep_file, line
    )
    metadata = dist_path / "METADATA" if dist_path else None
    project = Project(
        name=raw.get("dist_name") or raw["name"],
        version=raw.get("dist_version"),
        requires=tuple(raw.get("requires", [])),
        source=metadata if metadata and metadata.is_file() else None,
    )
    module_file = Path(raw["module_file"]) if raw["module_file"] else None
    if module_file is not None and module_file.is_dir():
        module_file = (
            module_file / "__init__.py" if (module_file / "__init__.py").is_file() else None
        )
    root = module_file.parent if module_file else Path(raw["dist_path"] or ".")
    package_dir = root if module_file and module_file.name == "__init__.py" else None
    files, cut_off = (
        package_tree(package_dir) if package_dir else ((module_file,) if module_file else (), ())
    )
    depth = entry_point.module.count(".")
    import_root = root
    for _ in range(depth + (1 if package_dir else 0)):
        import_root = import_root.parent
    return Plugin(
        name=raw["name"],
        contract=contract.name,
        origin=Origin.ENTRY_POINT,
        root=root,
        module=entry_point.module,
        module_path=module_file,
        import_root=import_root if module_file else None,
        files=files,
        project=project,
        entry_point=entry_point,
        cut_off=cut_off,
    )
