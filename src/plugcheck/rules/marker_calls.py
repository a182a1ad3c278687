"""PC515 for a hook marker applied by a call to something that takes no attributes.

A ``HookimplMarker`` (of any project) marks a function by setting an attribute on it
(``setattr(function, "<project>_impl", opts)``). A builtin function (``print``, ``len``,
``os.getcwd``) or a builtin bound method (``"".join``, ``[].append``) has no ``__dict__``:
``dh_show = hookimpl(print)`` or ``hookimpl(tryfirst=True)(len)`` raises AttributeError when
the statement runs. Judged on the statements every import of a module the host loads runs (a
statement in a branch, a ``try`` or after one is not); a builtin name the module binds itself,
anywhere, is the module's own.
"""

from __future__ import annotations

import ast
import types
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.import_raises import PC515
from plugcheck.rules.own_imports import loaded
from plugcheck.rules.reached import namespaces_of
from plugcheck.rules.straight_code import certain
from plugcheck.static.bindings import Binding, Foreign, NotFunction
from plugcheck.static.module_dir import stdlib_builtin
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import ModuleInfo

_LITERAL_SAMPLES: dict[type[ast.expr], object] = {
    ast.List: [],
    ast.Dict: {},
    ast.Set: set(),
    ast.Tuple: (),
}


@plugin_check(PC515)
def marker_on_builtin(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    ns: Namespaces | None = None
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        for part in certain(info.tree.body):
            value = part.value if isinstance(part, ast.Assign | ast.AnnAssign | ast.Expr) else None
            if not isinstance(value, ast.Call) or not _one_argument(value):
                continue
            if ns is None:  # asked for once per plugin, only when a call needs it
                ns = namespaces_of(ctx, plugin)
            what = _marks_builtin(ns, info, value)
            if what is None:
                continue
            assert isinstance(part, ast.stmt)
            yield PC515.at(
                plugin,
                Location(path, part.lineno, part.col_offset + 1),
                f"`{ast.unparse(value)}` raises AttributeError: a hook marker sets an attribute "
                f"on what it marks, and {what} takes no attributes; the statement runs whenever "
                f"the host imports {plugin.module}, so the import always fails",
                fix="mark a function of your own that calls it (def hook(...): return "
                "print(...)), or do not mark it",
            )
            break  # the import stops at the first statement that raises


def _one_argument(call: ast.Call) -> bool:
    inner = call.func
    outer_ok = len(call.args) == 1 and not isinstance(call.args[0], ast.Starred)
    if isinstance(inner, ast.Call):  # hookimpl(tryfirst=True)(print)
        return outer_ok and not call.keywords
    return outer_ok


def _marks_builtin(ns: Namespaces, info: ModuleInfo, call: ast.Call) -> str | None:
    """What the marker call marks, shown, when it is a builtin that takes no attributes."""
    scope = ns.module(info)
    applied = ns.marker_application(info, call, scope)
    if applied is None:
        return None
    marked = applied[1]
    if isinstance(marked, ast.Attribute) and type(marked.value) in _LITERAL_SAMPLES:
        sample = _LITERAL_SAMPLES[type(marked.value)]
        found = getattr(sample, marked.attr, None)
        if isinstance(found, types.BuiltinMethodType):
            return f"the builtin bound method {type(sample).__name__}.{marked.attr}"
        return None
    if (
        isinstance(marked, ast.Attribute)
        and isinstance(marked.value, ast.Constant)
        and isinstance(marked.value.value, str | bytes)
    ):
        found = getattr(marked.value.value, marked.attr, None)
        if isinstance(found, types.BuiltinMethodType):
            return f"the builtin bound method {type(marked.value.value).__name__}.{marked.attr}"
        return None
    if isinstance(marked, ast.Name) and marked.id in _bound_names(info):
        return None  # the module's own print (even if deleted later)
    binding: Binding | None = ns.value(info, marked, scope)
    if isinstance(binding, Foreign):
        binding = stdlib_builtin(binding)
    if isinstance(binding, NotFunction) and binding.inner is None:
        return binding.what
    return None


def _bound_names(info: ModuleInfo) -> set[str]:
    """Every name the module binds anywhere (any scope, any branch, ``del`` included)."""
    assert info.tree is not None
    names: set[str] = set()
    for node in ast.walk(info.tree):
        match node:
            case ast.Name(id=name, ctx=ast.Store() | ast.Del()):
                names.add(name)
            case (
                ast.FunctionDef(name=name)
                | ast.AsyncFunctionDef(name=name)
                | ast.ClassDef(name=name)
            ):
                names.add(name)
            case ast.alias(name=name, asname=asname):
                names.add(asname or name.partition(".")[0])
            case ast.Global(names=declared) | ast.Nonlocal(names=declared):
                names.update(declared)
            case ast.ImportFrom(names=aliases) if any(a.name == "*" for a in aliases):
                names.add("*")
    return names
