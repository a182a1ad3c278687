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

from plugcheck.scaffold.annotated_slots import signature_line
from plugcheck.scaffold.distributions import group_values
from plugcheck.scaffold.groups import entry_point_group
from plugcheck.scaffold.known_loads import entry_load
from plugcheck.scaffold.model import Survey
from plugcheck.scaffold.protocol_members import (
    bound_names,
    find_class,
    member_spec,
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
    annotated: Annotation
    """Its annotation's value type, the type of each loaded object, and where it is."""


@dataclass(frozen=True, slots=True)
class Annotation:
    value: ast.expr
    line: int
    module: str
    path: Path
    """The module that annotates the name (isort fills ``profiles``, imported from
    ``isort.profiles``, which annotates it ``dict[str, dict[str, Any]]``)."""


def annotated_names(tree: ast.Module, module: str, path: Path) -> dict[str, Annotation]:
    """The module's top-level names annotated as a mapping, with the type of their values."""
    return {
        node.target.id: Annotation(value, node.lineno, module, path)
        for node in tree.body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and (value := _value_type(node.annotation)) is not None
    }


def typed_registries(
    tree: ast.Module, group_of: Callable[[ast.Call], str | None], values: dict[str, Annotation]
) -> Iterator[TypedRegistry]:
    """The module's annotated registries of one group's loaded objects (``values``: the
    annotated names the module binds, its own and those it imports)."""
    if not values:
        return
    helpers = {
        fn.name: fn for fn in tree.body if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    seen: set[tuple[str, str]] = set()
    for name, group in _fills(tree, set(values), helpers, group_of):
        if (name, group) not in seen:
            seen.add((name, group))
            yield TypedRegistry(group, name, values[name])


def _value_type(annotation: ast.expr) -> ast.expr | None:
    """``Mapping[str, T]`` (``dict``, ``Dict``, ``MutableMapping``; quoted too): ``T``; also
    where the name starts as ``None`` before the first load fills it (pydantic's ``_plugins:
    dict[str, PydanticPluginProtocol] | None = None``, ``Optional[...]``)."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return None
    annotation = _without_none(annotation)
    if not (
        isinstance(annotation, ast.Subscript)
        and dotted(annotation.value).rpartition(".")[2] in _MAPPINGS
        and isinstance(annotation.slice, ast.Tuple)
        and len(annotation.slice.elts) == 2
    ):
        return None
    return annotation.slice.elts[1]


def _without_none(annotation: ast.expr) -> ast.expr:
    """``X | None``, ``None | X`` and ``Optional[X]``: ``X``; anything else as it is."""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        sides = [annotation.left, annotation.right]
        kept = [s for s in sides if not (isinstance(s, ast.Constant) and s.value is None)]
        return kept[0] if len(kept) == 1 else annotation
    if (
        isinstance(annotation, ast.Subscript)
        and dotted(annotation.value).rpartition(".")[2] == "Optional"
        and not isinstance(annotation.slice, ast.Tuple)
    ):
        return annotation.slice
    return annotation


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
    """The names of the dicts ``loop`` fills with ``NAME[key] = <loop target>.load()`` or
    ``NAME.setdefault(key, <loop target>.load())``."""
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
        elif (  # isort's profiles.setdefault(plugin.name, plugin.load())
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "setdefault"
            and isinstance(node.func.value, ast.Name)
            and len(node.args) == 2
            and isinstance(node.args[1], ast.Call)
            and entry_load(node.args[1])
            and dotted(node.args[1].func) == f"{loop.target.id}.load"
        ):
            yield node.func.value.id


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
    of the host lists their exports (``result.protocol_exports``), another type is theirs
    (``result.object_types``)."""
    own = {module: annotated_names(tree, module, path) for path, module, tree in parsed}
    found: list[TypedRegistry] = []
    for path, module, tree in parsed:
        values = dict(own[module])
        for local, spelled in bound_names(module, path).items():
            owner, _, name = spelled.rpartition(".")
            if name in own.get(owner, {}):
                values.setdefault(local, own[owner][name])
        group_of = functools.partial(entry_point_group, constants=constants(module))
        found += typed_registries(tree, group_of, values)
    optional: dict[str, str] | None = None
    for registry in found:
        value = registry.annotated
        where = f"{value.path.relative_to(result.host).as_posix()}:{value.line}"
        names = bound_names(value.module, value.path)
        text = qualified(value.value, names)
        if text.startswith("Callable["):
            result.signatures.setdefault(registry.group, (text, where, registry.name))
            continue
        owner, _, name = text.rpartition(".")
        if (owner, name) not in result.protocols:
            spec = member_spec(value.value, names)
            vague = dotted(value.value).rpartition(".")[2] in ("type", "Type", "object", "Any")
            if not vague and '"any"' not in spec:  # classes: registries.py reads type[Base]
                result.object_types.setdefault(registry.group, (spec, where, registry.name))
            continue
        if registry.group in result.protocol_exports:
            continue
        if _names_objects(result, owner.partition(".")[0], registry.group):
            # pydantic's entry points name an instance (logfire's `...pydantic:plugin`): the
            # Protocol is that object's type, not a list of its module's exports.
            spec = f'{{ type = "{owner}:{name}", kind = "instance" }}'
            result.object_types.setdefault(registry.group, (spec, where, registry.name))
            continue
        if optional is None:
            optional = read_as_optional(
                (p.relative_to(result.host).as_posix(), tree) for p, _, tree in parsed
            )
        for file, _, cls in find_class(parsed, f"{owner}:{name}"):
            shown = file.relative_to(result.host).as_posix()
            members = protocol_members(cls, owner, file, shown, optional)
            result.protocol_exports[registry.group] = (f"{owner}:{name}", where, members)


def _names_objects(result: Survey, package: str, group: str) -> bool:
    """Whether the group's installed entry points, beside the installed host, all name an
    object in a module (``module:attr``), never a module alone: then what the host keeps is
    that object. With none installed, or a host from a source tree, nothing says so."""
    root = result.roots.get(package)
    values = group_values(root, group) if root is not None else []
    return bool(values) and all(":" in v for v in values)


def typed_line(found: Survey, group: str) -> list[str]:
    """The group's ``entry-point-object`` line where the host types its objects: a
    ``Callable[...]`` signature, or the type of the registry's values."""
    if group in found.signatures:
        return signature_line(found.signatures[group])
    if group not in found.object_types:
        return []
    spec, where, name = found.object_types[group]
    return [
        f"entry-point-object = {spec}  # the host keeps each loaded object in {name}, annotated"
        f" so: {where}"
    ]
