"""How the host uses a loaded plugin module: the names it looks up and how it calls them."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.scaffold.model import Lookup
from plugcheck.scaffold.syntax import call_args, dotted, is_named

_LOADERS = {"import_module", "load", "__import__"}


def _module_vars(fn: ast.FunctionDef | ast.AsyncFunctionDef, tree: ast.Module) -> set[str]:
    """Names in ``fn`` bound to a plugin module (``import_module``, ``ep.load()``, iteration)."""
    iterators = {
        f.name
        for f in tree.body
        if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
        and f.returns is not None
        and "ModuleType" in ast.unparse(f.returns)
    }
    names: set[str] = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            if dotted(func).rpartition(".")[2] in _LOADERS:
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.For | ast.AsyncFor) and isinstance(node.target, ast.Name):
            source = node.iter
            if isinstance(source, ast.Call) and dotted(source.func) in iterators:
                names.add(node.target.id)
    return names


def _loop_strings(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, list[str]]:
    """``for name in ("a", "b")`` loops: the variable and its string values."""
    loops: dict[str, list[str]] = {}
    for node in ast.walk(fn):
        if (
            isinstance(node, ast.For)
            and isinstance(node.target, ast.Name)
            and isinstance(node.iter, ast.Tuple | ast.List)
        ):
            values = [e.value for e in node.iter.elts if isinstance(e, ast.Constant)]
            if values and all(isinstance(v, str) for v in values):
                loops[node.target.id] = [str(v) for v in values]
    return loops


def lookups_in(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, where: str, tree: ast.Module
) -> Iterator[Lookup]:
    modules = _module_vars(fn, tree)
    if not modules:
        return
    loops = _loop_strings(fn)
    bound: dict[str, Lookup] = {}
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and is_named(node.func, "getattr") and len(node.args) >= 2:
            target, name = node.args[0], node.args[1]
            if not (isinstance(target, ast.Name) and target.id in modules):
                continue
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                names = [name.value]
            elif isinstance(name, ast.Name) and name.id in loops:
                names = loops[name.id]
            else:
                continue
            lookup = Lookup(names, f"{where}:{node.lineno}", optional=len(node.args) > 2)
            bound[f"{node.lineno}:{node.col_offset}"] = lookup
            yield lookup
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in modules
        ):
            yield Lookup([node.func.attr], f"{where}:{node.lineno}", args=call_args(node))
    # ``hook = getattr(module, name, None)`` then ``hook(registry)``: the call's arguments.
    assigned: dict[str, Lookup] = {}
    for node in ast.walk(fn):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and f"{node.value.lineno}:{node.value.col_offset}" in bound
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assigned[target.id] = bound[f"{node.value.lineno}:{node.value.col_offset}"]
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            hook = assigned.get(node.func.id)
            if hook is not None and hook.args is None:
                hook.args = call_args(node)
