"""The methods the host calls elsewhere on an object of a class it builds from a plugin: a
parameter annotated with that class, or with a host class whose annotated field holds it
(Mopidy's ``validate_extension_data(data: ExtensionData)`` calls
``data.extension.validate_environment()``, ``ExtensionData.extension: "Extension"``)."""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Iterator
from pathlib import Path

from plugcheck.scaffold.arguments import CallSite
from plugcheck.scaffold.uses import MethodCall, Use
from plugcheck.static.syntax import dotted_name, walked

Resolver = Callable[[str, str], str | None]
"""(module, dotted name in it) -> ``module:Class`` of the host, or ``None``."""


def typed_calls(
    parsed: list[tuple[Path, str, ast.Module]],
    host: Path,
    resolve: Resolver,
    use: Use,
    cls: str,
) -> None:
    """Append to ``use.calls`` each public method the host calls, in another function, on an
    object its annotations say is a ``cls`` (a method already among the calls is kept once)."""
    fields = _typed_fields(parsed, resolve, cls)
    returners = _returners(parsed, resolve, {cls, *fields})
    known = {c.method for c in use.calls}
    for path, module, tree in parsed:
        where = path.relative_to(host).as_posix()
        for fn in walked(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            held = _held(fn, module, resolve, cls, fields, returners)
            for node, method in _calls_on(fn, module, resolve, cls, fields, held):
                if method in known or method.startswith("_"):
                    continue
                known.add(method)
                site = CallSite(fn, tree, None, functools.partial(resolve, module))
                use.calls.append(MethodCall(method, site.arguments(node), f"{where}:{node.lineno}"))


def _typed_fields(
    parsed: list[tuple[Path, str, ast.Module]], resolve: Resolver, cls: str
) -> dict[str, set[str]]:
    """``module:Class`` of the host -> its fields annotated as ``cls`` (a NamedTuple's or a
    dataclass's ``extension: "Extension"``)."""
    found: dict[str, set[str]] = {}
    for _, module, tree in parsed:
        for node in walked(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            for stmt in node.body:
                if (
                    isinstance(stmt, ast.AnnAssign)
                    and isinstance(stmt.target, ast.Name)
                    and resolve(module, _spelled(stmt.annotation)) == cls
                ):
                    found.setdefault(f"{module}:{node.name}", set()).add(stmt.target.id)
    return found


def _calls_on(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    module: str,
    resolve: Resolver,
    cls: str,
    fields: dict[str, set[str]],
    held: set[str],
) -> Iterator[tuple[ast.Call, str]]:
    """``param.method(...)`` (``param: cls``) and ``param.field.method(...)`` (``param: C``
    with ``C.field: cls``) in ``fn``, for parameters never rebound in it; ``name.method(...)``
    for the ``held`` names (:func:`_held`)."""
    params = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
    typed = {
        a.arg: ref
        for a in params
        if a.annotation is not None and (ref := resolve(module, _spelled(a.annotation)))
    }
    rebound = {n.id for n in walked(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    typed = {name: ref for name, ref in typed.items() if name not in rebound}
    typed.update(dict.fromkeys(held, cls))
    if not typed:
        return
    for node in walked(fn):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        receiver = node.func.value
        if (isinstance(receiver, ast.Name) and typed.get(receiver.id) == cls) or (
            isinstance(receiver, ast.Attribute)
            and isinstance(receiver.value, ast.Name)
            and receiver.attr in fields.get(typed.get(receiver.value.id, ""), ())
        ):
            yield node, node.func.attr


_COLLECTIONS = {"List", "list", "Sequence", "Iterable", "Iterator", "Collection", "Tuple", "tuple"}


def _returners(
    parsed: list[tuple[Path, str, ast.Module]], resolve: Resolver, classes: set[str]
) -> dict[str, str]:
    """``module:function`` of the host -> which of ``classes`` the collection it is annotated
    to return holds (Mopidy's ``load_extensions() -> List[ExtensionData]``)."""
    found: dict[str, str] = {}
    for _, module, tree in parsed:
        for fn in tree.body:
            returns = fn.returns if isinstance(fn, ast.FunctionDef) else None
            if not isinstance(returns, ast.Subscript):
                continue
            if _spelled(returns.value).rpartition(".")[2] not in _COLLECTIONS:
                continue
            element = resolve(module, _spelled(returns.slice))
            if element in classes and isinstance(fn, ast.FunctionDef):
                found[f"{module}:{fn.name}"] = element
    return found


def _held(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    module: str,
    resolve: Resolver,
    cls: str,
    fields: dict[str, set[str]],
    returners: dict[str, str],
) -> set[str]:
    """Names of ``fn``, each bound once, that hold a ``cls`` from what a host function
    returns (:func:`_returners`), taken out of a collection ``fn`` fills: Mopidy's main has
    ``for data in ext.load_extensions()``, ``extension = data.extension``,
    ``extensions["enabled"].append(extension)``, then ``for extension in
    extensions["enabled"]: extension.setup(registry)`` (there, a name bound twice)."""
    stores: dict[str, int] = {}
    bound: dict[str, ast.expr] = {}
    loops: list[tuple[str, ast.expr]] = []
    for node in walked(fn):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            stores[node.id] = stores.get(node.id, 0) + 1
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            if isinstance(node.targets[0], ast.Name):
                bound[node.targets[0].id] = node.value
        elif isinstance(node, ast.For | ast.AsyncFor) and isinstance(node.target, ast.Name):
            loops.append((node.target.id, node.iter))
    takes: dict[str, list[str]] = {}  # loop variable -> the class of what each loop takes
    for name, source in loops:
        if isinstance(source, ast.Name) and stores.get(source.id) == 1:
            source = bound.get(source.id, source)
        ref = _function(module, source.func, resolve) if isinstance(source, ast.Call) else None
        if ref in returners:
            takes.setdefault(name, []).append(returners[ref])
    records = {  # every loop binding it takes one class (Mopidy's main loops twice)
        name: classes[0]
        for name, classes in takes.items()
        if len(classes) == stores[name] and len(set(classes)) == 1
    }
    taken = [
        name
        for name, value in bound.items()
        if isinstance(value, ast.Attribute)
        and isinstance(value.value, ast.Name)
        and value.attr in fields.get(records.get(value.value.id, ""), ())
    ]
    held = {name for name, ref in records.items() if ref == cls} | set(taken)
    filled = {
        _collection(node.func.value)
        for node in walked(fn)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "append"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id in held
    }
    filled.discard(None)
    looped = [name for name, source in loops if _collection(source) in filled]
    # Only a name every binding of which holds one: ``extension = data.extension`` and
    # ``for extension in extensions["enabled"]``.
    counted = [*taken, *looped, *(n for n in records for _ in range(stores[n]))]
    return {n for n in held | set(looped) if counted.count(n) == stores[n]}


def _collection(node: ast.expr) -> str | None:
    """``extensions`` of ``extensions`` or ``extensions["enabled"]``."""
    if isinstance(node, ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _function(module: str, func: ast.expr, resolve: Resolver) -> str | None:
    """``module:function`` a call names: one of ``module``'s own, or one of a host module
    (``ext.load_extensions``)."""
    if isinstance(func, ast.Name):
        return f"{module}:{func.id}"
    if isinstance(func, ast.Attribute):
        owner = resolve(module, dotted_name(func.value) or "")
        return f"{owner}:{func.attr}" if owner and ":" not in owner else None
    return None


def _spelled(annotation: ast.expr) -> str:
    """The dotted name of an annotation, ``"Extension"`` in quotes too; ``""`` for others."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        text = annotation.value
        return text if text.replace(".", "").isidentifier() else ""
    return dotted_name(annotation) or ""
