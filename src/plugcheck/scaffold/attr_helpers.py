"""Names a host reads on a plugin module through a helper of its own: Tutor's v0 loader calls
``get_callable_attr(self.obj, "config", {})``, whose body is ``getattr(plugin, attr_name,
default)`` (then calls the value when it is callable). The literal the call passes where the
helper's ``getattr`` takes its name is the name looked up on what it passes for the object."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from plugcheck.static.syntax import walked

Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True, slots=True)
class HelperRead:
    """One call of such a helper: what it passes as the object, the name, and whether the
    helper's ``getattr`` has a default (a plugin without the name is then accepted)."""

    holder: ast.expr
    name: str
    optional: bool


def helper_read(call: ast.Call, tree: ast.Module) -> HelperRead | None:
    """``call`` of a module-level function of ``tree`` that hands two of its parameters to
    ``getattr(object, name[, default])``, with a literal string for the name."""
    if not isinstance(call.func, ast.Name):
        return None
    fn = next(
        (s for s in tree.body if isinstance(s, Function) and s.name == call.func.id),
        None,
    )
    if fn is None:
        return None
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    for node in walked(fn):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) >= 2
        ):
            continue
        given = [a.id for a in node.args[:2] if isinstance(a, ast.Name) and a.id in params]
        if len(given) != 2:
            continue
        obj, name = (_passed(call, params, p) for p in given)
        if obj is None or not isinstance(name, ast.Constant) or not isinstance(name.value, str):
            return None
        return HelperRead(obj, name.value, len(node.args) > 2)
    return None


def _passed(call: ast.Call, params: list[str], param: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == param:
            return keyword.value
    index = params.index(param)
    return call.args[index] if index < len(call.args) else None
