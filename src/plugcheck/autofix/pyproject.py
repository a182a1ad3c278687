"""Fixes to a plugin's ``[project].dependencies`` in pyproject.toml, with tomlkit: comments,
quotes and layout are kept, only the one string changes or is added."""

from __future__ import annotations

from pathlib import Path

import tomlkit
from packaging.requirements import Requirement
from tomlkit.items import Array, String, StringType, Table

from plugcheck.autofix.text import read, rewrite
from plugcheck.model import Applicability, Autofix


def with_specifier(requirement: Requirement, specifier: str) -> str:
    """``requirement`` as written by PEP 508 with its version range replaced."""
    extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
    marker = f"; {requirement.marker}" if requirement.marker else ""
    return f"{requirement.name}{extras}{specifier}{marker}"


def replace_requirement(
    path: Path, old: str, new: str, message: str, applicability: Applicability
) -> Autofix | None:
    """Replace the dependency string ``old`` by ``new`` in ``path``'s [project].dependencies."""
    found = _dependencies(path)
    if found is None:
        return None
    text, document, dependencies = found
    if dependencies is None:
        return None
    for index, item in enumerate(dependencies):
        if isinstance(item, str) and str(item) == old:
            dependencies[index] = _like(item, new)
            return rewrite(path, text, tomlkit.dumps(document), message, applicability)
    return None


def add_requirement(
    path: Path, new: str, message: str, applicability: Applicability
) -> Autofix | None:
    """Add ``new`` to ``path``'s [project].dependencies (creating the key when absent)."""
    found = _dependencies(path)
    if found is None:
        return None
    text, document, dependencies = found
    if dependencies is None:
        project = document["project"]
        assert isinstance(project, Table)
        dynamic = project.get("dynamic", [])
        if "dependencies" in dynamic:
            return None
        project["dependencies"] = [new]
    else:
        dependencies.append(_like(dependencies[-1], new) if len(dependencies) else new)
    return rewrite(path, text, tomlkit.dumps(document), message, applicability)


def _dependencies(path: Path) -> tuple[str, tomlkit.TOMLDocument, Array | None] | None:
    """The text, the document and its [project].dependencies array (``None``: no key yet);
    ``None`` when there is no [project] table or dependencies is not an array."""
    if path.name != "pyproject.toml":
        return None
    text = read(path)
    if text is None:
        return None
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError:
        return None
    project = document.get("project")
    if not isinstance(project, Table):
        return None
    dependencies = project.get("dependencies")
    if dependencies is None:
        return text, document, None
    return (text, document, dependencies) if isinstance(dependencies, Array) else None


def _like(item: object, value: str) -> String | str:
    """``value`` in the quotes ``item`` uses (a literal string when it can be one)."""
    if isinstance(item, String) and item.type is StringType.SLL and "'" not in value:
        return tomlkit.string(value, literal=True)
    return value
