"""Classes a host imports by a dotted path its configuration names and then builds: Jinja2's
``load_extensions`` does ``extension = t.cast(t.Type["Extension"], import_string(extension))``
then ``extension(environment)``, ``import_string`` being the host's own helper that returns
``getattr(__import__(module, None, None, [obj]), obj)``. Such plugins are found by path (no
entry point names them), and each class of the base the module defines is what a configuration
may name: a ``plugin-classes`` table with the base and what the host passes."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from plugcheck.scaffold.arguments import CallSite
from plugcheck.scaffold.lookups import subclass_check
from plugcheck.scaffold.model import ClassPick
from plugcheck.scaffold.module_loads import loads
from plugcheck.scaffold.syntax import dotted, is_named
from plugcheck.static.syntax import walked


def object_importers(trees: list[ast.Module]) -> set[str]:
    """Names of the host's functions that import a module by name and return an attribute of
    it named at run time: ``return getattr(import_module(module), name)`` (or of a local bound
    to such an import)."""
    found: set[str] = set()
    for tree in trees:
        for fn in walked(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and _returns_attribute(fn):
                found.add(fn.name)
    return found


def _returns_attribute(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    imported = {
        t.id
        for n in walked(fn)
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call) and loads(n.value)
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    for node in walked(fn):
        value = node.value if isinstance(node, ast.Return) else None
        if not (
            isinstance(value, ast.Call)
            and is_named(value.func, "getattr")
            and len(value.args) == 2
            and not isinstance(value.args[1], ast.Constant)
        ):
            continue
        holder = value.args[0]
        if (isinstance(holder, ast.Call) and loads(holder)) or (
            isinstance(holder, ast.Name) and holder.id in imported
        ):
            return True
    return False


def dotted_picks(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    where: str,
    tree: ast.Module,
    host: str | None,
    resolve: Callable[[str], str | None],
    importers: set[str],
) -> Iterator[ClassPick]:
    """``x = importer(name)`` (under ``cast(type[Base], ...)`` or checked with
    ``issubclass(x, Base)``), then ``x(...)``: the host builds a class of ``Base`` a
    configuration names by its dotted path."""
    if not importers:
        return
    taken: dict[str, tuple[ast.Assign, ast.expr | None]] = {}
    for node in walked(fn):
        if isinstance(node, ast.Assign):
            imported, cast = _imported(node.value, importers)
            if imported:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        taken[target.id] = (node, cast)
    for name, (assign, cast) in taken.items():
        checked = subclass_check(fn, name, resolve)
        base = _class_of(cast, resolve) or (checked[0] if len(checked) == 1 else None)
        if base is None:
            continue
        built = next(
            (
                n
                for n in walked(fn)
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name
            ),
            None,
        )
        if built is None:
            continue
        made = CallSite(fn, tree, host, resolve).arguments(built)
        yield ClassPick(base, "every", f"{where}:{assign.lineno}", made)


def _imported(value: ast.expr, importers: set[str]) -> tuple[bool, ast.expr | None]:
    """Whether ``value`` is an importer's result for a name not spelled in the host (with the
    type a ``cast`` around it gives)."""
    cast = None
    if isinstance(value, ast.Call) and is_named(value.func, "cast") and len(value.args) == 2:
        cast, value = value.args
    called = (
        isinstance(value, ast.Call)
        and dotted(value.func).rpartition(".")[2] in importers
        and bool(value.args)
        and not isinstance(value.args[0], ast.Constant)
    )
    return called, cast


def _class_of(annotation: ast.expr | None, resolve: Callable[[str], str | None]) -> str | None:
    """``type[Base]``, ``Type["Base"]``, ``t.Type[Base]``: Base."""
    if not (
        isinstance(annotation, ast.Subscript)
        and dotted(annotation.value).rpartition(".")[2] in ("type", "Type")
    ):
        return None
    inner = annotation.slice
    spelled = inner.value if isinstance(inner, ast.Constant) else dotted(inner)
    ref = resolve(spelled) if isinstance(spelled, str) and spelled else None
    return ref if ref is not None and ":" in ref else None
