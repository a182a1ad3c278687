"""Entry points a host hands to another of its functions, which loads and calls them.

OpenTelemetry's auto-instrumentation loops ``for entry_point in entry_points(group=
"opentelemetry_instrumentor")`` and calls ``distro.load_instrumentor(entry_point, ...)``; that
method (``BaseDistro.load_instrumentor``, another module) runs ``instrumentor =
entry_point.load()`` then ``instrumentor()``. The call inside the method is the evidence of how
the group's objects are called: a ``named_object`` lookup for the loop's group, placed there.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from plugcheck.scaffold.known_loads import entry_load
from plugcheck.scaffold.model import Lookup
from plugcheck.scaffold.syntax import call_args
from plugcheck.static.syntax import walked

_Def = ast.FunctionDef | ast.AsyncFunctionDef


def handed_lookups(
    parsed: Sequence[tuple[Path, str, ast.Module]],
    host: Path,
    group_of: Callable[[str, ast.Call], str | None],
) -> Iterator[Lookup]:
    """One lookup per group whose loop hands its entry point to a function or method of the
    host that loads it and calls the loaded object (``group_of(module, call)``: the group a call
    asks for in that module). Only where every definition of that name the host has does so
    alike (one call site): a name defined twice with different bodies is no evidence."""
    defs: dict[str, list[tuple[str, _Def, bool]]] = {}
    for path, _, tree in parsed:
        where = path.relative_to(host).as_posix()
        for node in tree.body:
            if isinstance(node, _Def):
                defs.setdefault(node.name, []).append((where, node, False))
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, _Def):
                        defs.setdefault(item.name, []).append((where, item, True))
    for _, module, tree in parsed:
        for loop in walked(tree):
            if not (
                isinstance(loop, ast.For | ast.AsyncFor)
                and isinstance(loop.iter, ast.Call)
                and isinstance(loop.target, ast.Name)
                and (group := group_of(module, loop.iter))
            ):
                continue
            for call in (n for s in loop.body for n in walked(s) if isinstance(n, ast.Call)):
                handed = _handed(call, loop.target.id, defs)
                if handed is not None:
                    where, line, args = handed
                    yield Lookup(
                        [],
                        f"{where}:{line}",
                        args=args,
                        arguments=[] if not args else None,  # `cls()`: nothing to stand in
                        group=group,
                        groups=(group,),
                        named_object=True,
                    )
                    break


def _handed(
    call: ast.Call, ep: str, defs: dict[str, list[tuple[str, _Def, bool]]]
) -> tuple[str, int, list[str]] | None:
    """Where the function ``call`` hands the entry point ``ep`` to calls the loaded object, and
    the call's argument spellings."""
    position = next(
        (i for i, a in enumerate(call.args) if isinstance(a, ast.Name) and a.id == ep), None
    )
    if position is None:
        return None
    method = isinstance(call.func, ast.Attribute)
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    found = set()
    for where, fn, is_method in defs.get(name, []):
        if is_method != method:
            continue
        params = [*fn.args.posonlyargs, *fn.args.args][1 if is_method else 0 :]
        if position < len(params) and (at := _calls_loaded(fn, params[position].arg)):
            found.add((where, *at))
    if len(found) != 1:
        return None
    where, line, args = found.pop()
    return where, line, list(args)


def _calls_loaded(fn: _Def, param: str) -> tuple[int, tuple[str, ...]] | None:
    """The line and argument spellings of ``fn``'s call of what ``param.load()`` returned
    (``param.load()(...)``, or ``obj = param.load()`` then ``obj(...)``); ``*``/``**`` spread
    arguments are spelled ``*``."""
    loaded: set[str] = set()
    for node in walked(fn):
        if isinstance(node, ast.Assign):
            value, targets = node.value, node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            value, targets = node.value, [node.target]
        else:
            continue
        if isinstance(value, ast.Call) and _loads(value, param):
            loaded |= {t.id for t in targets if isinstance(t, ast.Name)}
    for node in walked(fn):
        if not isinstance(node, ast.Call):
            continue
        inner = node.func
        if (isinstance(inner, ast.Call) and _loads(inner, param)) or (
            isinstance(inner, ast.Name) and inner.id in loaded
        ):
            spread = any(isinstance(a, ast.Starred) for a in node.args) or node.keywords
            return node.lineno, tuple(call_args(node)) + (("*",) if spread else ())
    return None


def _loads(call: ast.Call, param: str) -> bool:
    """``param.load()``."""
    func = call.func
    return (
        entry_load(call)
        and isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == param
    )
