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
    known = {c.method for c in use.calls}
    for path, module, tree in parsed:
        where = path.relative_to(host).as_posix()
        for fn in walked(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node, method in _calls_on(fn, module, resolve, cls, fields):
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
) -> Iterator[tuple[ast.Call, str]]:
    """``param.method(...)`` (``param: cls``) and ``param.field.method(...)`` (``param: C``
    with ``C.field: cls``) in ``fn``, for parameters never rebound in it."""
    params = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
    typed = {
        a.arg: ref
        for a in params
        if a.annotation is not None and (ref := resolve(module, _spelled(a.annotation)))
    }
    rebound = {n.id for n in walked(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    typed = {name: ref for name, ref in typed.items() if name not in rebound}
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


def _spelled(annotation: ast.expr) -> str:
    """The dotted name of an annotation, ``"Extension"`` in quotes too; ``""`` for others."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        text = annotation.value
        return text if text.replace(".", "").isidentifier() else ""
    return dotted_name(annotation) or ""
