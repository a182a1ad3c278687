"""``init``'s ``setup-function.accepted-by``: the host's class that takes each element of what an
entry point's function returned. asdf's ``_list_entry_points(group, proxy_class)`` does
``elements = entry_point.load()()`` and ``for element in elements: proxy_class(element, ...)``,
and its callers bind the parameter per group (``_list_entry_points(EXTENSIONS_GROUP,
ExtensionProxy)``): the class whose constructor refuses a plugin's extension. Proposed only for
a host class whose ``__init__`` needs nothing but the element (the harness passes it alone)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from pathlib import Path

from plugcheck.scaffold.model import Lookup, Survey
from plugcheck.scaffold.pyproject import toml_string
from plugcheck.scaffold.refs import HostRefs
from plugcheck.static.syntax import walked

_Def = ast.FunctionDef | ast.AsyncFunctionDef


def accepted_by(
    host: Path,
    parsed: list[tuple[Path, str, ast.Module]],
    refs: HostRefs,
    lookups: list[Lookup],
    constants: Callable[[str], Mapping[str, str]],
) -> dict[str, tuple[str, str]]:
    """Entry-point group -> (``module:Class`` the host gives each element of the result, where
    the host binds it), for each named-object lookup whose function does that."""
    by_file = {
        path.relative_to(host).as_posix(): (path, module, tree) for path, module, tree in parsed
    }
    found: dict[str, tuple[str, str]] = {}
    for lookup in lookups:
        where, _, line = lookup.where.rpartition(":")
        if not lookup.named_object or where not in by_file or not line.isdigit():
            continue
        _, module, tree = by_file[where]
        fn = _holding(tree, int(line))
        if fn is None:
            continue
        params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
        taker = _each_taker(fn, int(line), params)
        group = _group_param(fn, params)
        if taker is None or group is None:
            continue
        for path, caller, other in parsed:
            info = refs.info(path)
            if info is None:
                continue
            for call in walked(other):
                if not _calls(call, fn.name, caller == module, other, module):
                    continue
                assert isinstance(call, ast.Call)
                args = call.args
                bound = args[taker] if len(args) > max(taker, group) else None
                if not isinstance(bound, ast.Name):
                    continue
                value = _value(args[group], constants(caller))
                cls = refs.ref(info, bound.id)
                if value and cls and ":" in cls and _takes_one(refs, parsed, cls):
                    at = f"{path.relative_to(host).as_posix()}:{call.lineno}"
                    found.setdefault(value, (cls, at))
    return found


def _holding(tree: ast.Module, line: int) -> _Def | None:
    for node in tree.body:
        if isinstance(node, _Def) and node.lineno <= line <= (node.end_lineno or node.lineno):
            return node
    return None


def _each_taker(fn: _Def, line: int, params: list[str]) -> int | None:
    """The position of the parameter ``fn`` calls with each element of the value it loaded at
    ``line`` (``elements = ep.load()()``, ``for element in elements: param(element, ...)``)."""
    loaded = {
        target.id
        for node in walked(fn)
        if isinstance(node, ast.Assign) and node.lineno <= line <= (node.end_lineno or line)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    for loop in walked(fn):
        if not (
            isinstance(loop, ast.For)
            and isinstance(loop.iter, ast.Name)
            and loop.iter.id in loaded
            and isinstance(loop.target, ast.Name)
        ):
            continue
        element = loop.target.id
        for call in walked(loop):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id in params
                and call.args
                and isinstance(call.args[0], ast.Name)
                and call.args[0].id == element
            ):
                return params.index(call.func.id)
    return None


def _group_param(fn: _Def, params: list[str]) -> int | None:
    """The parameter ``fn`` asks entry points of: ``entry_points(group=param)``."""
    for call in walked(fn):
        if isinstance(call, ast.Call):
            for keyword in call.keywords:
                value = keyword.value
                if keyword.arg == "group" and isinstance(value, ast.Name) and value.id in params:
                    return params.index(value.id)
    return None


def _calls(node: ast.AST, name: str, same: bool, tree: ast.Module, module: str) -> bool:
    """``node`` calls the function ``name`` of ``module``: by its bare name in that module, or
    as imported from it (``from module import name``)."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
        return False
    if node.func.id != name:
        return False
    return same or any(
        isinstance(imp, ast.ImportFrom)
        and (imp.module or "").endswith(module.rpartition(".")[2])
        and any(a.name == name for a in imp.names)
        for imp in tree.body
    )


def _value(node: ast.expr, constants: Mapping[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _takes_one(refs: HostRefs, parsed: list[tuple[Path, str, ast.Module]], cls: str) -> bool:
    """Whether the host class ``module:Class`` is built from one argument: its ``__init__``
    (defined in its body) needs nothing else."""
    module, _, name = cls.partition(":")
    tree = next((t for _, m, t in parsed if m == module), None)
    node = next(
        (n for n in (tree.body if tree else []) if isinstance(n, ast.ClassDef) and n.name == name),
        None,
    )
    init = next(
        (f for f in (node.body if node else []) if isinstance(f, _Def) and f.name == "__init__"),
        None,
    )
    if init is None:
        return False
    args = init.args
    positional = [*args.posonlyargs, *args.args][1:]  # self
    required = len(positional) - len(args.defaults)
    return required == 1 and all(d is not None for d in args.kw_defaults)


def accepted_lines(found: Survey, group: str | None) -> list[str]:
    """The ``accepted-by`` and ``accepted-each`` lines of ``group``'s setup-function table."""
    if group is None or group not in found.accepted:
        return []
    cls, where = found.accepted[group]
    return [
        f"accepted-by = {toml_string(cls)}  # the host builds one from each element of what the"
        f" entry point's function returns ({where})",
        "accepted-each = true  # each element of a list, as the host iterates it",
    ]
