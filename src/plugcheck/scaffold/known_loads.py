"""Loads that init must not read as plugin lookups: ``x.load()`` on an object the host built
itself, and ``import_module(name)`` over module names the host knows."""

from __future__ import annotations

import ast

from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked


def entry_load(call: ast.Call) -> bool:
    """``ep.load()``: what an entry point names (a module, or an object in one)."""
    return isinstance(call.func, ast.Attribute) and call.func.attr == "load" and not call.args


def known_choice(fn: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call) -> bool:
    """A load that is no plugin lookup: ``x.load()`` on an object ``fn`` builds itself
    (xonsh's ``json_file = xlj.LazyJSON(f)`` then ``json_file.load()``), or ``import_module(name)``
    where ``name`` runs over a literal list of module names (``for m in ("gnureadline",
    "readline")``) or is compared with module names the host knows (``if name == "pdb"``:
    xonsh's debugger backends)."""
    if entry_load(call):
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        return isinstance(receiver, ast.Name) and receiver.id in _constructed(fn)
    arg = call.args[0] if call.args else None
    if not isinstance(arg, ast.Name):
        return False
    for node in walked(fn):
        if (
            isinstance(node, ast.For | ast.AsyncFor)
            and isinstance(node.target, ast.Name)
            and node.target.id == arg.id
            and isinstance(node.iter, ast.Tuple | ast.List)
            and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.iter.elts
            )
        ):
            return True
        if (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Name)
            and node.left.id == arg.id
            and isinstance(node.ops[0], ast.Eq)
            and isinstance(node.comparators[0], ast.Constant)
            and isinstance(node.comparators[0].value, str)
        ):
            return True
    return False


def _constructed(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Names ``fn`` binds to an object it builds by calling a class (a capitalised callee,
    ``EntryPoint`` excepted), opens in a ``with``, or tests with ``isinstance(name, C)``
    (xonsh's ``if isinstance(rtn, xlj.LJNode): rtn = rtn.load()``), and those it binds only to
    what a call that asks for no entry point or plugin returns (xarray's
    ``ds = _open_dataset(path)`` then ``ds = ds.load()``)."""
    return _built_or_tested(fn) | _returned_by_plain_calls(fn)


def _returned_by_plain_calls(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Names bound only by ``name = call(...)`` where the callee's name says nothing of entry
    points, plugins or loading (``x = x.load()`` keeps what ``x`` was); never a parameter or a
    loop variable (an entry point handed in or iterated over)."""
    built: set[str] = set()
    other: set[str] = set()
    for node in walked(fn):
        if isinstance(node, ast.Assign):
            value = node.value
            names = {t.id for t in node.targets if isinstance(t, ast.Name)}
            if _reloaded(value, names):
                continue
            spelled = dotted(value.func).lower() if isinstance(value, ast.Call) else ""
            plain = spelled and not any(w in spelled for w in ("entry", "plugin", "load"))
            (built if plain else other).update(names)
        elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            other.update(n.id for n in walked(node.target) if isinstance(n, ast.Name))
        elif isinstance(node, ast.arguments):
            other.update(a.arg for a in (*node.posonlyargs, *node.args, *node.kwonlyargs))
    return built - other


def _reloaded(value: ast.expr, names: set[str]) -> bool:
    """``x = x.load()``: the name keeps what it was bound to."""
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and isinstance(value.func.value, ast.Name)
        and value.func.value.id in names
    )


def _built_or_tested(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    names: set[str] = set()
    for node in walked(fn):
        if (
            isinstance(node, ast.Call)
            and dotted(node.func) == "isinstance"
            and len(node.args) == 2
            and isinstance(node.args[0], ast.Name)
            and "EntryPoint" not in ast.unparse(node.args[1])
        ):
            names.add(node.args[0].id)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            callee = dotted(node.value.func).rpartition(".")[2]
            if callee[:1].isupper() and callee != "EntryPoint":
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.With | ast.AsyncWith):
            names.update(
                item.optional_vars.id
                for item in node.items
                if isinstance(item.optional_vars, ast.Name)
            )
    return names
