"""Lookups whose default the host refuses: OctoPrint reads ``__plugin_pythoncompat__`` with the
default ``">=2.7,<3"`` and tests the value with ``is_python_compatible``, which compares it with
the running Python (``platform.python_version()``): a plugin without the name is never loaded on
Python 3, so the name is required although the lookup has a default. Read from the host's code
only: a host function that reads the running Python's version, called in a test (``if``,
``not``, ``and``/``or``) with the looked-up value, and a default that is a version specifier
admitting no Python 3 release. A default the test accepts keeps the name optional."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from plugcheck.scaffold.model import Lookup
from plugcheck.scaffold.module_names import imports
from plugcheck.scaffold.passed_values import passed_string
from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked

Function = ast.FunctionDef | ast.AsyncFunctionDef

_PYTHON_3 = [f"3.{minor}" for minor in range(31)]
"""The Python releases a refused default must refuse all of: a default admitting one of them
(``">=3.12"``) lets the plugin load there, and requiring the name would be a false error."""
_RUNNING = {"sys.version_info", "sys.version", "sys.hexversion", "sys.implementation.version"}
_RUNNING_CALLS = {"platform.python_version", "platform.python_version_tuple"}


@dataclass(frozen=True, slots=True)
class Refusal:
    """A name whose lookup's ``default`` the host's test at ``where`` refuses."""

    name: str
    default: str
    where: str


def require_refused(
    lookups: Sequence[Lookup], parsed: Sequence[tuple[Path, str, ast.Module]], host: Path
) -> None:
    """Makes each optional lookup of a name whose default the host refuses required, with the
    refusal as its evidence (:attr:`Lookup.refused`)."""
    refusals = {r.name: r for r in refusals_in(parsed, host)}
    for lookup in lookups:
        refusal = refusals.get(lookup.names[0]) if len(lookup.names) == 1 else None
        if refusal is not None and lookup.optional:
            lookup.optional = False
            lookup.read = True  # a string the host tests, no hook
            lookup.refused = (
                f'without it the host takes "{refusal.default}", which it refuses on every'
                f" Python 3 ({refusal.where})"
            )


def refusals_in(parsed: Sequence[tuple[Path, str, ast.Module]], host: Path) -> Iterator[Refusal]:
    """Each test of a looked-up value by a version-reading function that refuses its default."""
    functions = {
        f"{module}:{fn.name}": (fn, module, tree)
        for _, module, tree in parsed
        for fn in tree.body
        if isinstance(fn, Function)
    }
    imported = {module: _imports(tree, module, path) for path, module, tree in parsed}
    testers = _version_testers(functions, imported)
    if not testers:
        return
    methods: dict[str, list[tuple[Function, ast.ClassDef, ast.Module]]] = {}
    for _, _, tree in parsed:
        for cls in (c for c in tree.body if isinstance(c, ast.ClassDef)):
            for fn in (f for f in cls.body if isinstance(f, Function)):
                methods.setdefault(fn.name, []).append((fn, cls, tree))
    for path, module, tree in parsed:
        where = path.relative_to(host).as_posix()
        for fn in (f for f in walked(tree) if isinstance(f, Function)):
            for call in _tests(fn):
                callee = _callee(call, module, imported[module])
                if callee not in testers or not call.args:
                    continue
                found = _looked_up(call.args[0], fn, tree, methods)
                if found is not None and _refuses(found[1]):
                    yield Refusal(found[0], found[1], f"{where}:{call.lineno}")


def _imports(tree: ast.Module, module: str, path: Path) -> dict[str, str]:
    """Local name -> ``module:name`` of each ``from M import name`` anywhere in ``tree``
    (OctoPrint imports ``python_version`` from ``platform`` inside the function using it)."""
    return {
        bound: f"{source}:{name}" for bound, source, name in imports(module, path, tree) if name
    }


def _callee(call: ast.Call, module: str, imported: dict[str, str]) -> str | None:
    if isinstance(call.func, ast.Name):
        return imported.get(call.func.id, f"{module}:{call.func.id}")
    spelled = dotted(call.func)
    head, _, name = spelled.rpartition(".")
    return f"{head}:{name}" if head and "." not in head else None


def _version_testers(
    functions: dict[str, tuple[Function, str, ast.Module]], imported: dict[str, dict[str, str]]
) -> set[str]:
    """The host's module-level functions that read the running Python's version, themselves or
    through another such function of the host."""
    calls = {
        key: {
            c
            for n in walked(fn)
            if isinstance(n, ast.Call) and (c := _callee(n, module, imported[module]))
        }
        for key, (fn, module, _) in functions.items()
    }
    reading = {
        key
        for key, (fn, _, _) in functions.items()
        if any(isinstance(n, ast.Attribute) and dotted(n) in _RUNNING for n in walked(fn))
        or any(c.replace(":", ".") in _RUNNING_CALLS for c in calls[key])
    }
    while more := {k for k, callees in calls.items() if k not in reading and callees & reading}:
        reading |= more
    return reading


_TELLING = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "print"}
"""Calls that only tell someone: a test whose branch only makes such calls refuses nothing."""


def _tests(fn: Function) -> Iterator[ast.Call]:
    """Calls in a test of ``fn``: ``if f(x)``, ``not f(x)``, ``a and f(x)``; not an ``if``
    whose branch only logs or warns (``if not fits(v): log.warning(...)``: the plugin loads)."""
    quiet = {
        id(n)
        for node in walked(fn)
        if isinstance(node, ast.If) and not node.orelse and all(map(_tells, node.body))
        for n in (node, *walked(node.test))
    }
    for node in walked(fn):
        tests: list[ast.expr] = []
        if id(node) in quiet:
            continue
        if isinstance(node, ast.If | ast.While | ast.IfExp | ast.Assert):
            tests = [node.test]
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            tests = [node.operand]
        elif isinstance(node, ast.BoolOp):
            tests = node.values
        for test in tests:
            if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
                test = test.operand
            if isinstance(test, ast.Call):
                yield test


def _tells(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and dotted(statement.value.func).rpartition(".")[2] in _TELLING
    )


def _looked_up(
    arg: ast.expr,
    fn: Function,
    tree: ast.Module,
    methods: dict[str, list[tuple[Function, ast.ClassDef, ast.Module]]],
) -> tuple[str, str] | None:
    """The name looked up and its string default, for the value a test is given: a local name
    bound to ``getattr(module, "name", "default")``, or ``x.prop`` / ``x.prop()`` of a method
    returning such a lookup (OctoPrint's ``plugin.pythoncompat``)."""
    if isinstance(arg, ast.Name):
        binds = [
            n.value
            for n in walked(fn)
            if isinstance(n, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == arg.id for t in n.targets)
        ]
        return _getattr_default(binds[0], tree) if len(binds) == 1 else None
    if isinstance(arg, ast.Call) and not arg.args and not arg.keywords:
        arg = arg.func
    if not isinstance(arg, ast.Attribute):
        return None
    # Every method of that name the host defines must read the same: the object is untyped.
    read = {_returned_lookup(*each) for each in methods.get(arg.attr, [])}
    return read.pop() if len(read) == 1 else None


def _returned_lookup(
    method: Function, cls: ast.ClassDef, home: ast.Module
) -> tuple[str, str] | None:
    """What a method whose whole body returns a lookup with a default looks up."""
    body = [
        s
        for s in method.body
        if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
    ]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        return None
    value = body[0].value
    direct = _getattr_default(value, home)
    if direct is not None:
        return direct
    return _helper_default(value, cls, home)


def _getattr_default(value: ast.expr, tree: ast.Module) -> tuple[str, str] | None:
    """``getattr(x, "name", "default")``."""
    if not (
        isinstance(value, ast.Call)
        and dotted(value.func) == "getattr"
        and len(value.args) == 3
        and isinstance(value.args[2], ast.Constant)
        and isinstance(value.args[2].value, str)
    ):
        return None
    name = passed_string(value.args[1], tree)
    return (name, value.args[2].value) if name is not None else None


def _helper_default(value: ast.expr, cls: ast.ClassDef, tree: ast.Module) -> tuple[str, str] | None:
    """``self._attribute(Control.attr_compat, default=">=2.7,<3")``, where the method
    ``_attribute(self, attr, default=None)`` does ``getattr(<holder>, attr)`` and returns
    ``default`` otherwise: the name the call passes and the default it passes."""
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and dotted(value.func.value) == "self"
    ):
        return None
    helper = next(
        (f for f in cls.body if isinstance(f, Function) and f.name == value.func.attr), None
    )
    if helper is None:
        return None
    params = [a.arg for a in (*helper.args.posonlyargs, *helper.args.args)][1:]
    looked = {
        n.args[1].id
        for n in walked(helper)
        if isinstance(n, ast.Call)
        and dotted(n.func) == "getattr"
        and len(n.args) == 2
        and isinstance(n.args[1], ast.Name)
    }
    returned = {
        r.value.id
        for r in walked(helper)
        if isinstance(r, ast.Return) and isinstance(r.value, ast.Name)
    }
    given = dict(zip(params, value.args, strict=False))
    given.update({k.arg: k.value for k in value.keywords if k.arg})
    names = [p for p in params if p in looked]
    fallbacks = [p for p in params if p in returned and p not in looked]
    if len(names) != 1 or len(fallbacks) != 1:
        return None
    default = given.get(fallbacks[0])
    if not (isinstance(default, ast.Constant) and isinstance(default.value, str)):
        return None
    name = passed_string(given[names[0]], tree) if names[0] in given else None
    return (name, default.value) if name is not None else None


def _refuses(default: str) -> bool:
    """``default`` is a version specifier that admits no Python 3 release."""
    try:
        spec = SpecifierSet(default)
    except InvalidSpecifier:
        return False
    return bool(str(spec)) and not any(spec.contains(v, prereleases=True) for v in _PYTHON_3)
