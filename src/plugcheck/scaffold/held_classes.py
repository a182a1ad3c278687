"""Entry-point objects a host keeps on an object of its own and checks later: certbot's
``PluginEntryPoint.__init__`` does ``self.plugin_cls = entry_point.load()``, and the registry,
in another method, ``issubclass(plugin_ep.plugin_cls, interfaces.Plugin)`` before it keeps the
plugin. The object each entry point names is a class of that base: the contract's
``entry-point-object = { type = ..., kind = "class" }``."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from plugcheck.scaffold.groups import CLIFF_COMMAND
from plugcheck.scaffold.known_loads import entry_load
from plugcheck.scaffold.model import Survey
from plugcheck.scaffold.pyproject import toml_string
from plugcheck.scaffold.syntax import dotted, is_named
from plugcheck.static.syntax import walked


def _loaded_attributes(tree: ast.Module) -> dict[str, int]:
    """Attribute names the module assigns an entry point's loaded object to
    (``self.plugin_cls = ep.load()``, annotated or not) -> the line."""
    found: dict[str, int] = {}
    for node in walked(tree):
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        if not (isinstance(node.value, ast.Call) and entry_load(node.value)):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute):
                found.setdefault(target.attr, node.lineno)
    return found


def held_classes(
    tree: ast.Module, resolve: Callable[[str], str | None]
) -> Iterator[tuple[str, int]]:
    """``(module:Class, line of the load)`` for each attribute the module assigns an entry
    point's loaded object to and then checks with ``issubclass(x.attr, Class)`` against a class
    ``resolve`` finds (the host's own, or a library's it imports)."""
    loaded = _loaded_attributes(tree)
    if not loaded:
        return
    seen: set[str] = set()
    for node in walked(tree):
        if not (
            isinstance(node, ast.Call)
            and is_named(node.func, "issubclass")
            and len(node.args) == 2
            and isinstance(node.args[0], ast.Attribute)
            and node.args[0].attr in loaded
        ):
            continue
        ref = resolve(dotted(node.args[1]))
        attr = node.args[0].attr
        if ref is not None and ":" in ref and attr not in seen:
            seen.add(attr)
            yield ref, loaded[attr]


def held_line(found: Survey, group: str) -> list[str]:
    """The ``entry-point-object`` line of a group whose module keeps each loaded object on an
    object of its own and checks it with ``issubclass`` (entry points name classes of that
    base), or hands it to a method of its own taking a class (:mod:`.passed_objects`: entry
    points name instances of it)."""
    module = found.groups[group].rpartition(":")[0]
    for base, where in found.held:
        if where.rpartition(":")[0] == module:
            return [
                f'entry-point-object = {{ type = {toml_string(base)}, kind = "class" }}'
                f"  # the host keeps what each entry point names ({where}) and checks it with"
                " issubclass"
            ]
    for taken, where in found.passed:
        if where.rpartition(":")[0] == module:
            return [
                f'entry-point-object = {{ type = {toml_string(taken)}, kind = "instance" }}'
                f"  # the host passes what each entry point names to a method taking a {taken}:"
                f" {where}"
            ]
    if found.groups[group] in found.cliff_asks:
        return [
            f'entry-point-object = {{ type = {toml_string(CLIFF_COMMAND)}, kind = "class" }}'
            f"  # cliff's CommandManager builds each entry point's class as a command:"
            f" {found.groups[group]}"
        ]
    return []
