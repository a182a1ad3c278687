"""Where a host keeps an entry point's loaded object in a place it annotates inline: isort keeps
each ``isort.sort_function`` object in ``self._sorting_function``, declared
``self._sorting_function: Callable[..., list[str]] | None = None``, and each
``isort.formatters`` object under ``combined_config["formatting_function"]``, the name of its
``Config`` dataclass field ``formatting_function: Callable[[str, str, object], str] | None``. The
annotation (``None`` left out) is the type the group's objects must have: proposed as
``entry-point-object = { signature = ... }``, a type with no name of its own."""

from __future__ import annotations

import ast
from collections.abc import Callable

from plugcheck.scaffold.known_loads import entry_load
from plugcheck.scaffold.pyproject import toml_string
from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked


def annotated_slots(
    tree: ast.Module, where: str, group_of: Callable[[ast.Call], str | None]
) -> dict[str, tuple[str, str, str]]:
    """Entry-point group -> (the annotation, where it is, the place's name) for each loaded
    object of ``tree``'s classes stored in ``self.<name>`` or ``<mapping>["<field>"]``."""
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
    found: dict[str, tuple[str, str, str]] = {}
    for cls in classes.values():
        fields = _fields(cls, classes)
        attributes = _self_annotations(cls)
        for loop in (n for n in walked(cls) if isinstance(n, ast.For)):
            group = group_of(loop.iter) if isinstance(loop.iter, ast.Call) else None
            if group is None or not isinstance(loop.target, ast.Name):
                continue
            for node in walked(loop):
                if not (
                    isinstance(node, ast.Assign)
                    and isinstance(node.value, ast.Call)
                    and entry_load(node.value)
                    and dotted(node.value.func) == f"{loop.target.id}.load"
                ):
                    continue
                for target in node.targets:
                    slot = _slot(target, attributes, fields)
                    if slot is not None and (text := _callable(slot[1])) is not None:
                        found.setdefault(group, (text, f"{where}:{slot[1].lineno}", slot[0]))
    return found


def _slot(
    target: ast.expr, attributes: dict[str, ast.expr], fields: dict[str, ast.expr]
) -> tuple[str, ast.expr] | None:
    if isinstance(target, ast.Attribute) and dotted(target.value) == "self":
        annotation = attributes.get(target.attr)
        return (f"self.{target.attr}", annotation) if annotation is not None else None
    if (
        isinstance(target, ast.Subscript)
        and isinstance(target.slice, ast.Constant)
        and isinstance(target.slice.value, str)
        and target.slice.value in fields
    ):
        return target.slice.value, fields[target.slice.value]
    return None


def _fields(cls: ast.ClassDef, classes: dict[str, ast.ClassDef]) -> dict[str, ast.expr]:
    """The annotated class attributes of ``cls`` and its bases in the same module."""
    found: dict[str, ast.expr] = {}
    todo, seen = [cls], set()
    while todo:
        current = todo.pop(0)
        if current.name in seen:
            continue
        seen.add(current.name)
        for stmt in current.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                found.setdefault(stmt.target.id, stmt.annotation)
        todo += [classes[b] for b in map(dotted, current.bases) if b in classes]
    return found


def _self_annotations(cls: ast.ClassDef) -> dict[str, ast.expr]:
    """``self.<name>: T = ...`` in the class's methods."""
    return {
        node.target.attr: node.annotation
        for node in walked(cls)
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Attribute)
        and dotted(node.target.value) == "self"
    }


def _callable(annotation: ast.expr) -> str | None:
    """The annotation as text when it is a ``Callable[...]`` (``| None`` or ``Optional[...]``
    left out: the host's own default before any plugin is loaded)."""
    node = annotation
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        sides = [s for s in (node.left, node.right) if not _is_none(s)]
        node = sides[0] if len(sides) == 1 else node
    if isinstance(node, ast.Subscript) and dotted(node.value).rpartition(".")[2] == "Optional":
        node = node.slice
    if isinstance(node, ast.Subscript) and dotted(node.value).rpartition(".")[2] == "Callable":
        return "Callable" + ast.unparse(node)[len(ast.unparse(node.value)) :]
    return None


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def signature_line(slot: tuple[str, str, str] | None) -> list[str]:
    """The group's ``entry-point-object`` line, when the host annotates where it keeps them."""
    if slot is None:
        return []
    text, where, name = slot
    return [
        f"entry-point-object = {{ signature = {toml_string(text)} }}  # the host keeps each"
        f" loaded object in {name}, annotated so: {where}"
    ]
