"""Loads that init must not read as plugin lookups: ``x.load()`` on an object the host built
itself, and ``import_module(name)`` over module names the host knows."""

from __future__ import annotations

import ast
from weakref import WeakSet

from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked

_TABLED: WeakSet[ast.Call] = WeakSet()
"""Calls :func:`mark_table_loads` found importing a module a host's own table names."""


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


_MUTATORS = {"update", "append", "extend", "insert", "setdefault", "add", "__setitem__"}


def mark_table_loads(tree: ast.Module) -> None:
    """Mark the imports of ``tree`` whose module name is read from a table of module names the
    host writes itself: ``import_module(self.IMAGE_API_VERSIONS[version])`` where the class (or
    the module) binds ``IMAGE_API_VERSIONS`` once to a literal dict, list or tuple of strings
    and nothing changes it (OpenStackClient's own image modules: no plugin, and no
    ``_format_image`` export of one). A table the host fills at run time (``PLUGINS[name] =
    ep.value``) is no such table."""
    bound: dict[str, int] = {}
    literal: set[str] = set()
    for body in (tree.body, *(c.body for c in walked(tree) if isinstance(c, ast.ClassDef))):
        for stmt in body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                target = stmt.targets[0]
                if isinstance(target, ast.Name):
                    bound[target.id] = bound.get(target.id, 0) + 1
                    if _strings_only(stmt.value):
                        literal.add(target.id)
    changed: set[str | None] = set()
    for node in walked(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store | ast.Del):
            changed.add(_table_name(node.value))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in _MUTATORS:
                changed.add(_table_name(node.func.value))
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            changed.update(_table_name(t) for t in targets if isinstance(t, ast.Attribute))
    tables = {n for n in literal if bound[n] == 1 and n not in changed}
    if not tables:
        return
    for node in walked(tree):
        if isinstance(node, ast.Call) and node.args and _table_read(node.args[0]) in tables:
            _TABLED.add(node)


def tabled(call: ast.Call) -> bool:
    """``call`` imports a module a host's own table names (:func:`mark_table_loads`)."""
    return call in _TABLED


def _strings_only(value: ast.expr) -> bool:
    if isinstance(value, ast.Dict):
        elements = value.values
    elif isinstance(value, ast.List | ast.Tuple):
        elements = value.elts
    else:
        return False
    return bool(elements) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in elements
    )


def _table_name(node: ast.expr) -> str | None:
    """``TABLE``, ``self.TABLE`` or ``cls.TABLE``: the name of a table read there."""
    if isinstance(node, ast.Name):
        return node.id
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in ("self", "cls")
    ):
        return node.attr
    return None


def _table_read(node: ast.expr) -> str | None:
    """The table an argument reads an element of: ``TABLE[k]`` or ``TABLE.get(k)``."""
    if isinstance(node, ast.Subscript):
        return _table_name(node.value)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
    ):
        return _table_name(node.func.value)
    return None
