"""The literal names a host's ``getattr(module, name)`` may look up when ``name`` is a variable:
the strings a loop gives it, or a parameter's default."""

from __future__ import annotations

import ast

from plugcheck.static.syntax import walked


def loop_strings(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, list[str]]:
    """``for name in ("a", "b")`` loops: the variable and its string values."""
    loops: dict[str, list[str]] = {}
    for node in walked(fn):
        if (
            isinstance(node, ast.For)
            and isinstance(node.target, ast.Name)
            and isinstance(node.iter, ast.Tuple | ast.List)
        ):
            values = [e.value for e in node.iter.elts if isinstance(e, ast.Constant)]
            if values and all(isinstance(v, str) for v in values):
                loops[node.target.id] = [str(v) for v in values]
    return loops


def param_defaults(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, str]:
    """``def load(module, func_name="plugin")``: parameters with a string default."""
    positional = [*fn.args.posonlyargs, *fn.args.args]
    found = {}
    for arg, default in zip(
        positional[len(positional) - len(fn.args.defaults) :], fn.args.defaults, strict=True
    ):
        if isinstance(default, ast.Constant) and isinstance(default.value, str):
            found[arg.arg] = default.value
    for arg, kw_default in zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True):
        if isinstance(kw_default, ast.Constant) and isinstance(kw_default.value, str):
            found[arg.arg] = kw_default.value
    return found
