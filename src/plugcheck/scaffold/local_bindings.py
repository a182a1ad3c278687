"""A function's local names bound exactly once to a literal, for ``plugcheck init``'s folding of
the groups a host asks for (``group = "setuptools.finalize_distribution_options"`` then
``entry_points(group=group)``; ``plugin_entry_points = ["octoprint.plugin"]`` handed on)."""

from __future__ import annotations

import ast

from plugcheck.static.function_walk import own_nodes


def local_displays(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, ast.expr]:
    """A function's local names bound once, to a list or tuple display (``plugin_entry_points =
    ["octoprint.plugin"]``), as :func:`local_strings` counts bindings."""
    displays = {
        node.targets[0].id: node.value
        for node in own_nodes(fn)
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.List | ast.Tuple)
    }
    bound = bindings(fn) if displays else []
    return {k: v for k, v in displays.items() if bound.count(k) == 1}


def local_strings(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, str]:
    values: dict[str, str] = {}
    for node in own_nodes(fn):
        match node:
            case ast.Assign(targets=[ast.Name(id=name)], value=ast.Constant(value=str(text))):
                values[name] = text
    bound = bindings(fn) if values else []
    # Each assignment's own target is one binding: a name bound twice is left out.
    return {k: v for k, v in values.items() if bound.count(k) == 1}


def bindings(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """Every name ``fn`` binds, once per binding: its parameters, stores, ``global`` and
    ``nonlocal`` names, nested definitions and imports."""
    args = fn.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    bound = [a.arg for a in every if a is not None]
    for node in own_nodes(fn):
        match node:
            case ast.Name(ctx=ast.Store() | ast.Del()):
                bound.append(node.id)
            case ast.Global(names=names) | ast.Nonlocal(names=names):
                bound += names
            case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
                bound.append(node.name)
            case ast.alias():
                bound.append((node.asname or node.name).partition(".")[0])
    return bound
