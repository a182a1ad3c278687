"""Each host module's constants (strings and lists of strings), with those it imports from the
host's other modules, followed through re-exports: what ``init`` folds group names from."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TypeVar

from plugcheck.scaffold.constants import module_values
from plugcheck.scaffold.module_names import imports

_V = TypeVar("_V")
_Values = tuple[dict[str, str], dict[str, list[str]]]


def known_values(parsed: list[tuple[Path, str, ast.Module]]) -> dict[str, _Values]:
    """Each module's constants (strings and collections of strings): its own, and what it
    imports from the host's other modules (``NAME``, or ``alias.NAME`` for a module)."""
    known: dict[str, _Values] = {module: ({}, {}) for _, module, _ in parsed}
    takes = {module: list(imports(module, path, tree)) for path, module, tree in parsed}
    for _ in range(6):
        changed = False
        for _path, module, tree in parsed:
            strings, lists = _imported(takes[module], known)
            strings.update(known[module][0])
            lists.update(known[module][1])
            own = module_values(tree, strings, lists)
            new = ({**strings, **own[0]}, {**lists, **own[1]})
            if new != known[module]:
                known[module], changed = new, True
        if not changed:
            break
    return known


def _imported(takes: list[tuple[str, str, str | None]], known: dict[str, _Values]) -> _Values:
    """What a module's imports (:func:`.module_names.imports`) bind of the constants known."""
    strings: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    for prefix, source, name in takes:
        values = known.get(source)
        if values is not None:
            strings.update(_picked(values[0], prefix, name))
            lists.update(_picked(values[1], prefix, name))
    return strings, lists


def _picked(values: dict[str, _V], prefix: str, name: str | None) -> dict[str, _V]:
    """``from m import NAME`` (``name``) binds one value; a module alias binds ``alias.KEY``."""
    if name is None:
        return {f"{prefix}.{k}": v for k, v in values.items() if "." not in k}
    found = {prefix: values[name]} if name in values else {}
    # ``from m import Plugin``: its class attributes (``Plugin.group``) come along.
    found.update(
        {
            f"{prefix}.{k.partition('.')[2]}": v
            for k, v in values.items()
            if k.startswith(f"{name}.")
        }
    )
    return found
