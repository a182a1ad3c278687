"""Registries a host fills with entry points' loaded objects at import and uses elsewhere:
commitizen's ``cz/__init__.py`` binds ``registry: dict[str, type[BaseCommitizen]] =
discover_plugins()``, a function returning ``{ep.name: ep.load() for ep in
entry_points(group="commitizen.plugin")}``; ``factory.py`` imports ``registry`` and builds the
configured one, ``registry[name](config)``. Each such call is a call of the entry point's
object (a ``named_object`` :class:`~plugcheck.scaffold.model.Lookup`), and the registry's
annotation (``type[Base]`` values) says the entry points name classes of that base."""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from plugcheck.scaffold.arguments import CallSite
from plugcheck.scaffold.known_loads import entry_load
from plugcheck.scaffold.lookups import call_key, call_results
from plugcheck.scaffold.model import Lookup
from plugcheck.scaffold.module_names import imports
from plugcheck.scaffold.refs import HostRefs
from plugcheck.scaffold.syntax import call_args, dotted
from plugcheck.static.syntax import walked


@dataclass(frozen=True, slots=True)
class Registry:
    """A module-level name bound to entry points' loaded objects, keyed by something."""

    group: str
    where: str
    """Where the host fills it (``file:line``)."""
    entry_class: str | None
    """``module:Class`` its annotation says each value is a class of (``type[Base]``)."""
    by_name: bool
    """Keyed by the entry point's name (``{ep.name: ep.load() ...}``): one name, one plugin."""


Groups = Callable[[ast.Call], list[str]]


def registries(
    tree: ast.Module, where: str, groups: Groups, resolve: Callable[[str], str | None]
) -> dict[str, Registry]:
    """The module's registries: a top-level name bound to a dict of loaded entry points of one
    group, built right there, by a function of the module that returns one, or filled by a
    top-level loop (``REGISTRY[ep.name] = ep.load()``) -> what it holds."""
    functions = {
        fn.name: fn for fn in tree.body if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    found: dict[str, Registry] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            value, annotation = node.value, getattr(node, "annotation", None)
            filled = _filled(value, groups)
            if filled is None and isinstance(value, ast.Call) and not value.args:
                fn = functions.get(dotted(value.func))
                returned = (
                    [r.value for r in walked(fn) if isinstance(r, ast.Return) and r.value]
                    if fn is not None
                    else []
                )
                filled = _filled(returned[0], groups) if len(returned) == 1 else None
                annotation = annotation or (fn.returns if fn is not None else None)
            if filled is None:
                continue
            group, by_name = filled
            base = _value_class(annotation, resolve)
            for name in names:
                found[name] = Registry(group, f"{where}:{node.lineno}", base, by_name)
        elif isinstance(node, ast.For):
            for name, group, by_name in _loop_fills(node, groups):
                found.setdefault(name, Registry(group, f"{where}:{node.lineno}", None, by_name))
    for name, group, line in _handed_fills(tree, functions, groups):
        found.setdefault(name, Registry(group, f"{where}:{line}", None, True))
    for group, line in _picked_by_name(tree, groups):
        found.setdefault(f"loop({group})", Registry(group, f"{where}:{line}", None, True))
    return found


def _picked_by_name(tree: ast.Module, groups: Groups) -> Iterator[tuple[str, int]]:
    """isort's ways of keeping one object per entry-point name, in a loop over a group anywhere
    in the module: ``profiles.setdefault(ep.name, ep.load())`` (the first of a name wins), or
    ``if ep.name == self.sort_order: ... = ep.load(); break`` (the one picked by its name) ->
    (the group, the loop's line)."""
    for loop in walked(tree):
        if not (
            isinstance(loop, ast.For | ast.AsyncFor)
            and isinstance(loop.iter, ast.Call)
            and isinstance(loop.target, ast.Name)
            and len(asked := groups(loop.iter)) == 1
        ):
            continue
        ep = loop.target.id
        for node in (n for statement in loop.body for n in walked(statement)):
            if _kept_once(node, ep) or (isinstance(node, ast.If) and _name_test(node, ep)):
                yield asked[0], loop.lineno
                break


def _kept_once(node: ast.AST, ep: str) -> bool:
    """``X.setdefault(ep.name, ep.load())``."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "setdefault"
        and len(node.args) == 2
        and _names_key(node.args[0], ast.Name(ep))
        and _loads(node.args[1], ep)
    )


def _name_test(test: ast.If, ep: str) -> bool:
    """``if ep.name == value:`` whose body loads ``ep``."""
    compare = test.test
    if not (
        isinstance(compare, ast.Compare)
        and len(compare.ops) == 1
        and isinstance(compare.ops[0], ast.Eq)
        and any(_names_key(side, ast.Name(ep)) for side in (compare.left, *compare.comparators))
    ):
        return False
    return any(_loads(n, ep) for statement in test.body for n in walked(statement))


def _loads(node: ast.AST, ep: str) -> bool:
    """``ep.load()``."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and entry_load(node)
        and dotted(node.func.value) == ep
    )


def _handed_fills(
    tree: ast.Module, functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef], groups: Groups
) -> Iterator[tuple[str, str, int]]:
    """mdformat's ``_load_entrypoints(entry_points(group=G))``: a function of the module handed
    a group's entry points, whose loop keeps each loaded object under its entry point's name
    (``loaded[ep.name] = ep.load()``) -> (``function(G).local``, G, the loop's line), wherever the
    module calls it so."""
    for call in walked(tree):
        if not (isinstance(call, ast.Call) and (fn := functions.get(dotted(call.func)))):
            continue
        parameters = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
        for position, argument in enumerate(call.args[: len(parameters)]):
            asked = groups(argument) if isinstance(argument, ast.Call) else []
            if len(asked) != 1:
                continue
            for loop in walked(fn):
                if isinstance(loop, ast.For) and dotted(loop.iter) == parameters[position]:
                    for kept in _kept_by_name(loop):
                        yield f"{fn.name}({asked[0]}).{kept}", asked[0], loop.lineno


def _kept_by_name(loop: ast.For) -> Iterator[str]:
    """The names of the dicts ``loop`` fills with ``NAME[ep.name] = ep.load()``."""
    for node in walked(loop):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            if not entry_load(node.value):
                continue
            for target in node.targets:
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and _names_key(target.slice, loop.target)
                ):
                    yield target.value.id


def _filled(value: ast.expr, groups: Groups) -> tuple[str, bool] | None:
    """``{ep.name: ep.load() for ep in entry_points(group=G)}``: (G, keyed by the name)."""
    if not (
        isinstance(value, ast.DictComp)
        and isinstance(value.value, ast.Call)
        and entry_load(value.value)
        and len(value.generators) == 1
        and isinstance(value.generators[0].iter, ast.Call)
    ):
        return None
    asked = groups(value.generators[0].iter)
    if len(asked) != 1:
        return None
    return asked[0], _names_key(value.key, value.generators[0].target)


def _names_key(key: ast.expr, target: ast.expr) -> bool:
    return (
        isinstance(key, ast.Attribute)
        and key.attr == "name"
        and isinstance(target, ast.Name)
        and dotted(key.value) == target.id
    )


def _loop_fills(loop: ast.For, groups: Groups) -> Iterator[tuple[str, str, bool]]:
    """``for ep in entry_points(group=G): REGISTRY[ep.name] = ep.load()`` at the top level."""
    asked = groups(loop.iter) if isinstance(loop.iter, ast.Call) else []
    if len(asked) != 1:
        return
    for node in walked(loop):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and entry_load(node.value)
        ):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    yield target.value.id, asked[0], _names_key(target.slice, loop.target)


def _value_class(annotation: ast.expr | None, resolve: Callable[[str], str | None]) -> str | None:
    """``dict[str, type[Base]]`` (``Dict``, ``Mapping``, ``Type``, quoted or not): Base."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return None
    if not (isinstance(annotation, ast.Subscript) and isinstance(annotation.slice, ast.Tuple)):
        return None
    if dotted(annotation.value).rpartition(".")[2] not in ("dict", "Dict", "Mapping"):
        return None
    parts = annotation.slice.elts
    value = parts[1] if len(parts) == 2 else None
    if not (
        isinstance(value, ast.Subscript)
        and dotted(value.value).rpartition(".")[2] in ("type", "Type")
    ):
        return None
    inner = value.slice
    if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
        spelled = inner.value
    else:
        spelled = dotted(inner)
    ref = resolve(spelled) if spelled else None
    return ref if ref is not None and ":" in ref else None


def bound_registries(
    module: str, path: Path, tree: ast.Module, known: dict[tuple[str, str], Registry]
) -> dict[str, Registry]:
    """How the module spells each registry of the host: its own name, a name it imports
    (``from commitizen.cz import registry``, relative too) or ``module.NAME`` of a module it
    imports (``from commitizen import cz``, ``import commitizen.cz as cz``)."""
    spelled = {name: r for (owner, name), r in known.items() if owner == module}
    for prefix, source, name in imports(module, path, tree):
        if name is not None and (source, name) in known:
            spelled[prefix] = known[source, name]
        elif name is None:
            for (owner, held), registry in known.items():
                if owner == source:
                    spelled[f"{prefix}.{held}"] = registry
    for node in walked(tree):  # ``import commitizen.cz``: spelled in full
        if isinstance(node, ast.Import):
            for alias in node.names:
                for (owner, held), registry in known.items():
                    if owner == alias.name and not alias.asname:
                        spelled[f"{owner}.{held}"] = registry
    return spelled


def registry_calls(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    where: str,
    site: CallSite,
    spelled: dict[str, Registry],
) -> Iterator[tuple[Lookup, ast.Call]]:
    """Calls in ``fn`` of an object taken from a registry: ``registry[name](config)``, or
    ``cls = registry[name]`` / ``registry.get(name)`` then ``cls(config)``."""
    taken: dict[str, Registry] = {}
    for node in walked(fn):
        if isinstance(node, ast.Assign) and (registry := _taken(node.value, spelled)):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    taken[target.id] = registry
    for node in walked(fn):
        if not isinstance(node, ast.Call):
            continue
        registry = _taken(node.func, spelled)
        if registry is None and isinstance(node.func, ast.Name):
            registry = taken.get(node.func.id)
        if registry is None:
            continue
        lookup = Lookup([], f"{where}:{node.lineno}", named_object=True, args=call_args(node))
        lookup.group, lookup.groups = registry.group, (registry.group,)
        lookup.subclass_of = registry.entry_class
        lookup.annotated = registry.where if registry.entry_class else None
        lookup.arguments = site.arguments(node)
        yield lookup, node


def _taken(node: ast.expr, spelled: dict[str, Registry]) -> Registry | None:
    """``registry[name]`` or ``registry.get(name)``: one of the registry's objects (also one
    operand of ``name and registry.get(name) or guess(...)``)."""
    if isinstance(node, ast.BoolOp):
        return next(filter(None, (_taken(v, spelled) for v in node.values)), None)
    if isinstance(node, ast.Subscript):
        return spelled.get(dotted(node.value))
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
    ):
        return spelled.get(dotted(node.func.value))
    return None


def registry_lookups(
    parsed: list[tuple[Path, str, ast.Module]],
    host: Path,
    refs: HostRefs,
    known: dict[tuple[str, str], Registry],
) -> Iterator[Lookup]:
    """Each call of a registry's object anywhere in the host, with what it passes (typed from
    the host's code) and what the host does with the result."""
    if not known:
        return
    names = {name for _, name in known}
    for path, module, tree in parsed:
        spelled = bound_registries(module, path, tree, known)
        if not any(s.rpartition(".")[2] in names for s in spelled):
            continue
        info = refs.info(path)
        if info is None:
            continue
        resolve = functools.partial(refs.ref, info)
        where = path.relative_to(host).as_posix()
        methods = {
            id(fn): f"{module}:{cls.name}"
            for cls in tree.body
            if isinstance(cls, ast.ClassDef)
            for fn in cls.body
        }
        for fn in walked(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            site = CallSite(fn, tree, methods.get(id(fn)), resolve)
            calls = {
                call_key(node): lookup for lookup, node in registry_calls(fn, where, site, spelled)
            }
            if calls:
                call_results(fn, calls, site)
                yield from calls.values()
