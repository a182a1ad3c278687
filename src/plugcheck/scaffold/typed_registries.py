"""Module-level registries a host annotates and fills with a group's loaded objects: mdformat
declares ``PARSER_EXTENSIONS: Mapping[str, ParserExtensionInterface]`` and ``CODEFORMATTERS:
Mapping[str, Callable[[str, str], str]]``, and fills each in its module ``__getattr__``
(``global``) with what ``_load_entrypoints(entry_points(group=G))`` returns first, a dict the
helper's loop keeps each ``ep.load()`` in. The annotation's value type is the type of each
entry point's object: a ``Callable[...]`` is its signature, a Protocol of the host lists the
exports each must have (:mod:`.protocol_members`).

Read fills: ``NAME[key] = ep.load()`` in a loop over the group, ``NAME = {ep.name: ep.load()
for ep in G}``, and ``x[, y] = helper(G)`` then ``NAME = x``, where the helper's loop over its
parameter fills the dict it returns (first when it returns a tuple).
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from plugcheck.scaffold.groups import entry_point_group
from plugcheck.scaffold.known_loads import entry_load
from plugcheck.scaffold.model import Survey
from plugcheck.scaffold.protocol_members import (
    bound_names,
    find_class,
    protocol_members,
    qualified,
    read_as_optional,
)
from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked

_MAPPINGS = ("dict", "Dict", "Mapping", "MutableMapping")


@dataclass(frozen=True, slots=True)
class TypedRegistry:
    group: str
    name: str
    """The module-level name the host keeps the group's objects under."""
    value: ast.expr
    """Its annotation's value type: the type of each loaded object."""
    line: int
    """Where the name is annotated."""


def typed_registries(
    tree: ast.Module, group_of: Callable[[ast.Call], str | None]
) -> Iterator[TypedRegistry]:
    """The module's annotated registries of one group's loaded objects."""
    values = {
        node.target.id: (value, node.lineno)
        for node in tree.body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and (value := _value_type(node.annotation)) is not None
    }
    if not values:
        return
    helpers = {
        fn.name: fn for fn in tree.body if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    seen: set[tuple[str, str]] = set()
    for name, group in _fills(tree, set(values), helpers, group_of):
        if (name, group) not in seen:
            seen.add((name, group))
            yield TypedRegistry(group, name, *values[name])


def _value_type(annotation: ast.expr) -> ast.expr | None:
    """``Mapping[str, T]`` (``dict``, ``Dict``, ``MutableMapping``; quoted too): ``T``."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return None
    if not (
        isinstance(annotation, ast.Subscript)
        and dotted(annotation.value).rpartition(".")[2] in _MAPPINGS
        and isinstance(annotation.slice, ast.Tuple)
        and len(annotation.slice.elts) == 2
    ):
        return None
    return annotation.slice.elts[1]


def _fills(
    tree: ast.Module,
    names: set[str],
    helpers: dict[str, ast.FunctionDef | ast.AsyncFunctionDef],
    group_of: Callable[[ast.Call], str | None],
) -> Iterator[tuple[str, str]]:
    for node in walked(tree):
        if isinstance(node, ast.For | ast.AsyncFor) and isinstance(node.iter, ast.Call):
            group = group_of(node.iter)
            if group is not None:
                yield from ((kept, group) for kept in _kept(node) if kept in names)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.DictComp):
            comp = node.value
            if isinstance(comp.value, ast.Call) and entry_load(comp.value):
                iterated = comp.generators[0].iter
                group = group_of(iterated) if isinstance(iterated, ast.Call) else None
                for target in node.targets:
                    if group and isinstance(target, ast.Name) and target.id in names:
                        yield target.id, group
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _handed(node, names, helpers, group_of)


def _kept(loop: ast.For | ast.AsyncFor) -> Iterator[str]:
    """The names of the dicts ``loop`` fills with ``NAME[key] = <loop target>.load()``."""
    if not isinstance(loop.target, ast.Name):
        return
    for node in walked(loop):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and entry_load(node.value)
            and dotted(node.value.func) == f"{loop.target.id}.load"
        ):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    yield target.value.id


def _handed(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    names: set[str],
    helpers: dict[str, ast.FunctionDef | ast.AsyncFunctionDef],
    group_of: Callable[[ast.Call], str | None],
) -> Iterator[tuple[str, str]]:
    """``x, y = helper(entry_points(group=G))`` then ``NAME = x`` in ``fn`` (or ``NAME[, y] =
    helper(...)`` itself), where ``helper`` fills and returns the dict at that position."""
    bound: dict[str, str] = {}  # local name -> the group whose objects it holds
    for node in walked(fn):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        value, target = node.value, node.targets[0]
        if isinstance(value, ast.Name) and value.id in bound:
            if isinstance(target, ast.Name) and target.id in names:
                yield target.id, bound[value.id]
            continue
        if not (isinstance(value, ast.Call) and (helper := helpers.get(dotted(value.func)))):
            continue
        filled = _helper_fills(helper, value, group_of)
        if filled is None:
            continue
        position, group = filled
        held: ast.expr | None = target if position is None else None
        if position is not None and isinstance(target, ast.Tuple) and position < len(target.elts):
            held = target.elts[position]
        if isinstance(held, ast.Name):
            if held.id in names:
                yield held.id, group
            bound[held.id] = group


def _helper_fills(
    helper: ast.FunctionDef | ast.AsyncFunctionDef,
    call: ast.Call,
    group_of: Callable[[ast.Call], str | None],
) -> tuple[int | None, str] | None:
    """(the position in the tuple ``helper`` returns of the dict it fills with the objects of
    the group ``call`` hands it, ``None`` when it returns the dict itself; that group)."""
    parameters = [a.arg for a in (*helper.args.posonlyargs, *helper.args.args)]
    for argument, parameter in zip(call.args, parameters, strict=False):
        group = group_of(argument) if isinstance(argument, ast.Call) else None
        if group is None:
            continue
        kept = {
            name
            for loop in walked(helper)
            if isinstance(loop, ast.For | ast.AsyncFor) and dotted(loop.iter) == parameter
            for name in _kept(loop)
        }
        returns = [r.value for r in walked(helper) if isinstance(r, ast.Return) and r.value]
        if not kept or len(returns) != 1:
            return None
        returned = returns[0]
        if isinstance(returned, ast.Name) and returned.id in kept:
            return None, group
        for position, part in enumerate(getattr(returned, "elts", [])):
            if isinstance(part, ast.Name) and part.id in kept:
                return position, group
    return None


def type_registries(
    result: Survey,
    parsed: list[tuple[Path, str, ast.Module]],
    constants: Callable[[str], dict[str, str]],
) -> None:
    """Each group's type from the annotated registry the host fills with its objects: a
    ``Callable[...]`` value is the signature of its objects (``result.signatures``), a Protocol
    of the host lists their exports (``result.protocol_exports``)."""
    found = [
        (registry, module, path)
        for path, module, tree in parsed
        for registry in typed_registries(
            tree, functools.partial(entry_point_group, constants=constants(module))
        )
    ]
    optional: dict[str, str] | None = None
    for registry, module, path in found:
        where = f"{path.relative_to(result.host).as_posix()}:{registry.line}"
        names = bound_names(module, path)
        text = qualified(registry.value, names)
        if text.startswith("Callable["):
            result.signatures.setdefault(registry.group, (text, where, registry.name))
            continue
        owner, _, name = text.rpartition(".")
        if (owner, name) not in result.protocols or registry.group in result.protocol_exports:
            continue
        if optional is None:
            optional = read_as_optional(
                (p.relative_to(result.host).as_posix(), tree) for p, _, tree in parsed
            )
        for file, _, cls in find_class(parsed, f"{owner}:{name}"):
            shown = file.relative_to(result.host).as_posix()
            members = protocol_members(cls, owner, file, shown, optional)
            result.protocol_exports[registry.group] = (f"{owner}:{name}", where, members)
