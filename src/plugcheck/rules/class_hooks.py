"""The hooks a class statement runs, judged with the names Python hands them (for PC515): a
``raise`` that a hook's straight-line code reaches on a condition decided by the class's or the
attribute's name (``if not cls.__name__.startswith("Tag"): raise``), and the ``__set_name__``
that ``type`` calls on each value of the class body whose class is the plugin's own."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from plugcheck.rules.factory import _SIMPLE
from plugcheck.static.bindings import ClassValue, Foreign, ModuleRef
from plugcheck.static.index import Resolved
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import node_at
from plugcheck.static.syntax import target_names

_UNDECIDED = object()
_STR_TESTS = frozenset(
    {"startswith", "endswith", "isidentifier", "isupper", "islower", "isalpha", "isalnum"}
)
_STR_VALUES = frozenset({"lower", "upper", "strip", "casefold", "removeprefix", "removesuffix"})


def decided_raise(
    body: list[ast.stmt], known: dict[str, str], harmless: ast.expr | None = None
) -> ast.Raise | None:
    """The ``raise`` every run of ``body`` reaches when the dotted names in ``known`` hold those
    strings: straight-line statements, and ``if`` statements whose test those values decide
    (``name.startswith("opt_")``, ``cls.__name__ == "Base"``, ``not``, ``and``, ``or``,
    ``in`` a literal tuple). Nothing may rebind a known name's root; an attribute
    (``cls.__name__``) is trusted only while no call but ``harmless`` has run."""
    found = _walk(body, known, harmless, [False])
    return found if isinstance(found, ast.Raise) else None


def _walk(
    body: list[ast.stmt], known: dict[str, str], harmless: ast.expr | None, called: list[bool]
) -> ast.Raise | bool:
    """The ``raise`` reached, True when the statements end normally, False when undecided."""
    roots = {k.split(".", 1)[0] for k in known}
    for stmt in body:
        if isinstance(stmt, ast.Raise):
            return stmt
        if isinstance(stmt, ast.If):
            test = _value(stmt.test, known, called[0])
            walrus = [n.target.id for n in ast.walk(stmt.test) if isinstance(n, ast.NamedExpr)]
            if test is _UNDECIDED or roots & set(walrus):
                return False
            found = _walk(stmt.body if test else stmt.orelse, known, harmless, called)
            if found is not True:
                return found
            continue
        if not isinstance(stmt, _SIMPLE):
            return False
        for target in statement_targets(stmt):
            if roots & set(target_names(target)) or (dotted_name(target) or "") in known:
                return False
        imported = stmt.names if isinstance(stmt, ast.Import | ast.ImportFrom) else []
        if roots & {(a.asname or a.name).split(".")[0] for a in imported}:
            return False
        trusted = set(map(id, ast.walk(harmless))) if harmless is not None else set()
        calls = [n for n in ast.walk(stmt) if isinstance(n, ast.Call) and id(n) not in trusted]
        if calls or imported:
            called[0] = True
    return True


def _value(expr: ast.expr, known: dict[str, str], called: bool) -> object:
    """The value of ``expr`` made of literals and the known strings, or ``_UNDECIDED``."""
    match expr:
        case ast.Constant(value=value) if isinstance(value, str | int | bool | None):
            return value
        case ast.Name() | ast.Attribute() if dotted_name(expr) in known:
            if called and isinstance(expr, ast.Attribute):
                return _UNDECIDED  # a call may have renamed the class
            return known[dotted_name(expr) or ""]
        case ast.Tuple(elts=elts) | ast.List(elts=elts) | ast.Set(elts=elts):
            items = tuple(_value(e, known, called) for e in elts)
            return _UNDECIDED if _UNDECIDED in items else items
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            inner = _value(operand, known, called)
            return _UNDECIDED if inner is _UNDECIDED else not inner
        case ast.BoolOp(op=op, values=values):
            parts = [_value(v, known, called) for v in values]
            if _UNDECIDED in parts:
                return _UNDECIDED
            return all(parts) if isinstance(op, ast.And) else any(parts)
        case ast.Compare(left=left, ops=[op], comparators=[right]):
            return _compare(op, _value(left, known, called), _value(right, known, called))
        case ast.Call(func=ast.Attribute(value=subject, attr=attr), args=args, keywords=[]):
            text = _value(subject, known, called)
            given = [_value(a, known, called) for a in args]
            if (
                not isinstance(text, str)
                or _UNDECIDED in given
                or attr not in _STR_TESTS | _STR_VALUES
            ):
                return _UNDECIDED
            try:
                return getattr(text, attr)(*given)
            except (TypeError, ValueError):
                return _UNDECIDED
        case ast.Call(func=ast.Name(id="len"), args=[arg], keywords=[]):
            text = _value(arg, known, called)
            return len(text) if isinstance(text, str) else _UNDECIDED
    return _UNDECIDED


def _compare(op: ast.cmpop, left: object, right: object) -> object:
    if left is _UNDECIDED or right is _UNDECIDED:
        return _UNDECIDED
    if isinstance(op, ast.Eq | ast.NotEq) and type(left) is type(right):
        return (left == right) is isinstance(op, ast.Eq)
    if isinstance(op, ast.In | ast.NotIn) and isinstance(left, str):
        if isinstance(right, tuple) and all(isinstance(r, str) for r in right):
            return (left in right) is isinstance(op, ast.In)
        if isinstance(right, str):
            return (left in right) is isinstance(op, ast.In)
    return _UNDECIDED


@dataclass(frozen=True, slots=True)
class SetName:
    """A class body's value whose class's ``__set_name__`` raises: the attribute, the class
    of the value, and the ``raise``."""

    attribute: str
    owner: str
    raised: ast.Raise
    module: ModuleInfo


def set_name_raises(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef, own: set[Path]
) -> SetName | None:
    """The first value of the class body (its last binding of a plain name, in body order)
    that is an instance of the plugin's own plain class whose plain ``def __set_name__`` raises
    for that owner and name: ``type`` calls it when it creates the class. Only a class created
    by ``type`` or ``abc.ABCMeta`` (no metaclass keyword, bases of plain class statements) is
    judged: another metaclass may hand ``type`` another namespace."""
    if stmt.keywords or not all(plain_type(ns, info, b, 0) for b in stmt.bases):
        return None
    last: dict[str, ast.stmt] = {}
    for item in stmt.body:
        for target in statement_targets(item):
            last.update({n: item for n in target_names(target)})
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            last[item.name] = item
        elif not isinstance(item, (*_SIMPLE, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return None  # a loop, an `if`, a `del`...: the namespace is not read off the body
    if any(isinstance(n, ast.Name) and n.id in ("locals", "vars") for n in ast.walk(stmt)):
        return None  # the body may write its namespace by hand
    scope = ns.module(info)
    for name, item in last.items():
        if not (isinstance(item, ast.Assign) and len(item.targets) == 1):
            continue
        if not isinstance(item.targets[0], ast.Name) or not isinstance(item.value, ast.Call):
            continue
        made = ns.value(info, item.value.func, scope)
        if not isinstance(made, ClassValue) or made.module.path.resolve() not in own:
            continue
        cls = made.node
        if cls.decorator_list or cls.keywords or any(dotted_name(b) != "object" for b in cls.bases):
            continue  # another class's __new__ (or a metaclass) may make something else
        if "__new__" in _bound(cls) or "__class__" in _bound(cls) or _set_by_hand(made.module):
            continue
        hook = method(cls, "__set_name__")
        params = [a.arg for a in (*hook.args.posonlyargs, *hook.args.args)] if hook else []
        if hook is None or hook.decorator_list or len(params) != 3:
            continue
        known = {params[2]: name, f"{params[1]}.__name__": stmt.name}
        raised = decided_raise(hook.body, known)
        if raised is not None:
            return SetName(name, cls.name, raised, made.module)
    return None


def _set_by_hand(module: ModuleInfo) -> bool:
    """The module spells ``__set_name__`` other than as a ``def``: it may replace the hook."""
    return any(n.attr == "__set_name__" for n in module.nodes(ast.Attribute)) or any(
        n.value == "__set_name__" for n in module.nodes(ast.Constant)
    )


def _bound(cls: ast.ClassDef) -> set[str]:
    names = {n for s in cls.body for t in statement_targets(s) for n in target_names(t)}
    return names | {
        s.name for s in cls.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def plain_type(ns: Namespaces, info: ModuleInfo, expr: ast.expr, depth: int) -> bool:
    """``expr`` names ``object``, ``abc.ABC``, or an undecorated class statement (the plugin's
    own or the host's) whose only keyword is ``metaclass=abc.ABCMeta`` and whose bases are such
    classes: a class deriving from it is made by ``type`` or ``abc.ABCMeta``."""
    if depth > 10:
        return False
    if dotted_name(expr) == "object":
        return True
    found = class_node(ns, info, expr)
    if found == "abc.ABC":
        return True
    if not isinstance(found, tuple) or found[0].decorator_list:
        return False
    node, module = found
    if any(
        k.arg != "metaclass" or class_node(ns, module, k.value) != "abc.ABCMeta"
        for k in node.keywords
    ):
        return False
    return all(plain_type(ns, module, b, depth + 1) for b in node.bases)


def no_init_subclass(ns: Namespaces, info: ModuleInfo, cls: ast.ClassDef, depth: int) -> bool:
    """No class above ``cls`` (its bases, to ``object``) binds ``__init_subclass__``, and each
    is a plain class: ``super().__init_subclass__()`` in ``cls``'s hook runs ``object``'s."""
    if depth > 10:
        return False
    for base in cls.bases:
        if not plain_type(ns, info, base, 0):
            return False
        found = class_node(ns, info, base)
        if isinstance(found, tuple):
            node, module = found
            if "__init_subclass__" in _bound(node) or not no_init_subclass(
                ns, module, node, depth + 1
            ):
                return False
    return True


def super_hook_call(stmt: ast.stmt) -> ast.Call | None:
    """``super().__init_subclass__(...)`` as a statement of its own."""
    match stmt:
        case ast.Expr(
            value=ast.Call(
                func=ast.Attribute(
                    value=ast.Call(func=ast.Name(id="super"), args=[], keywords=[]),
                    attr="__init_subclass__",
                )
            ) as call
        ):
            return call
    return None


def class_node(
    ns: Namespaces, info: ModuleInfo, expr: ast.expr
) -> tuple[ast.ClassDef, ModuleInfo] | str | None:
    """The class statement ``expr`` names (the plugin's own or another package's read from the
    roots), or the ``module.name`` it imports from elsewhere; ``None`` when unknown."""
    name = dotted_name(expr) or ""
    scope = ns.module(info)
    head, _, attr = name.rpartition(".")
    found = scope.get(head or attr)
    origin = None
    if head and isinstance(found, ModuleRef):
        origin = (found.name, attr)
    elif not head and isinstance(found, Foreign):
        origin = (found.module, found.name)
    if origin is not None and origin[0] == "abc":
        return f"abc.{origin[1]}"  # the stdlib's, not read from its source
    value = ns.value(info, expr, scope)
    if isinstance(value, ClassValue):
        return value.node, value.module
    if origin is None:
        return None
    path = ns.index.find_module(origin[0], ns.roots)
    other = ns.index.info(path) if path else None
    resolved = ns.index.resolve(other, origin[1], ns.roots) if other else None
    if isinstance(resolved, Resolved) and resolved.symbol.kind is SymbolKind.CLASS:
        stmt = node_at(resolved.module, resolved.symbol.line)
        if isinstance(stmt, ast.ClassDef):
            return stmt, resolved.module
    return f"{origin[0]}.{origin[1]}"


def method(cls: ast.ClassDef, name: str) -> ast.FunctionDef | None:
    """The class body's last binding of ``name`` when it is a plain ``def`` (or a classmethod
    or staticmethod of one)."""
    found = None
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == name:
            found = stmt
        elif name in [n for t in statement_targets(stmt) for n in target_names(t)]:
            found = None
    if found is not None and any(
        dotted_name(d) not in ("classmethod", "staticmethod") for d in found.decorator_list
    ):
        return None
    return found


def statement_targets(stmt: ast.stmt) -> list[ast.expr]:
    if isinstance(stmt, ast.Assign):
        return stmt.targets
    if isinstance(stmt, ast.AnnAssign | ast.AugAssign):
        return [stmt.target]
    return []
