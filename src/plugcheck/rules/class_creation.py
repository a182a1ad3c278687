"""PC515 for class statements: creating a class the host's import runs always raises.

A ``class`` statement at the top level of a module the import certainly runs calls, besides its
body, the ``__init_subclass__`` of its bases (with the statement's keywords), its metaclass's
``__new__`` and ``__init__``, and its decorators. When the plugin's own code for one of them
raises on every call (a ``raise`` only straight-line statements precede) or does not take the
keywords the statement passes, the import fails every time; so does a literal ``__slots__``
naming a class variable, a ``@dataclass`` field with a mutable default, a class decorator
that refuses the class (rules/dataclass_refusals.py), a ``__mro_entries__`` or metaclass
``__prepare__`` of the plugin's returning what Python refuses (rules/class_protocols.py), a
base subscripted with another number of type arguments than its ``Generic`` declares
(rules/generic_arity.py), and
``@functools.total_ordering`` on a class without an ordering method.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.class_hooks import (
    class_node,
    decided_raise,
    method,
    no_init_subclass,
    set_name_raises,
    statement_targets,
    super_hook_call,
)
from plugcheck.rules.class_protocols import entries_refusal, prepare_refusal
from plugcheck.rules.dataclass_refusals import decorator_refusal
from plugcheck.rules.factory import _SIMPLE, _always_raises
from plugcheck.rules.factory_construct import mentions
from plugcheck.rules.generic_arity import arity_mismatch
from plugcheck.rules.import_raises import PC515
from plugcheck.rules.instance_state import chain, names_bound
from plugcheck.rules.own_imports import loaded
from plugcheck.rules.reached import namespaces_of
from plugcheck.rules.shared_descriptors import shared_cached_property
from plugcheck.rules.straight_code import certain
from plugcheck.rules.typed_dict_bases import typed_dict_refusal
from plugcheck.static.bindings import Binding, ClassValue, Foreign, ModuleRef, Routine
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.syntax import call_fits, target_names

_UNKNOWN = "unknown"


@plugin_check(PC515)
def class_creation_raises(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    ns: Namespaces | None = None
    own = {ctx.index.real(p) for p in plugin.files}
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        for stmt in info.tree.body:
            if not isinstance(stmt, ast.ClassDef):
                continue
            conflict = _slots_conflict(stmt)
            made = any(  # a value whose __set_name__ type calls (or an alias of one)
                isinstance(s, ast.Assign) and isinstance(s.value, ast.Call | ast.Name)
                for s in stmt.body
            )
            if conflict is None and not (
                stmt.bases or stmt.keywords or stmt.decorator_list or made
            ):
                continue  # nothing but type.__new__ and object.__init_subclass__ runs
            if ns is None:  # asked for once per plugin, only when a class statement needs it
                ns = namespaces_of(ctx, plugin)
            failed = (conflict, None) if conflict else _fails(ns, info, stmt, own)
            if failed is None:
                continue
            why, where = failed
            yield PC515.at(
                plugin,
                where or Location(path, stmt.lineno, stmt.col_offset + 1),
                f"creating class {stmt.name} (line {stmt.lineno}) always fails: {why}; the "
                f"statement runs whenever the host imports {plugin.module}, so the import "
                "always fails",
                fix="do not raise while a class is created, or pass what the hook takes",
            )
            break  # the import stops at the first statement that raises


def _fails(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef, own: set[Path]
) -> tuple[str, Location | None] | None:
    """Why creating the class fails, and the ``raise`` that fails it (where Python stops)."""
    if any(k.arg is None for k in stmt.keywords):
        return None
    scope = ns.module(info)
    for base in stmt.bases:
        if isinstance(base, ast.Subscript) and _plain_class(ns, info, base.value, 0):
            why = (
                f"its base {ast.unparse(base)[:40]} subscripts {ast.unparse(base.value)[:40]}, "
                "which is no generic class (no Generic base, no __class_getitem__): TypeError "
                "(type is not subscriptable)"
            )
            return why, _at(info, base)
        arity = arity_mismatch(ns, info, base) if isinstance(base, ast.Subscript) else None
        if arity is not None:
            return arity, _at(info, base)
    refused = entries_refusal(ns, info, stmt, own)
    if refused is not None:
        return refused
    underscored = _named_tuple_underscore(ns, info, stmt, scope)
    if underscored is not None:
        return underscored
    keywords = [k.arg for k in stmt.keywords if k.arg and k.arg != "metaclass"]
    for keyword in stmt.keywords:
        if keyword.arg == "metaclass":
            meta = ns.value(info, keyword.value, scope)
            if isinstance(meta, ClassValue) and meta.module.path.resolve() in own:
                refused = prepare_refusal(meta)
                if refused is not None:
                    return refused
                for name in ("__new__", "__init__"):
                    hook = method(meta.node, name)
                    raised = _always_raises(hook) if hook is not None else None
                    if raised is not None:
                        why = f"its metaclass {meta.node.name}.{name}() always raises"
                        return why, _at(meta.module, raised)
                abc_base = next((b for b in stmt.bases if _abc_meta(ns, info, b, 0)), None)
                if abc_base is not None and _plain_type(ns, meta, own, 0):
                    why = (
                        f"its metaclass {meta.node.name} derives from type only, but its base "
                        f"{ast.unparse(abc_base)[:40]} has the metaclass abc.ABCMeta: TypeError "
                        "(metaclass conflict)"
                    )
                    return why, _at(info, keyword.value)
            return None  # a metaclass decides what keywords mean
    mixed = _mixin_metaclass(ns, info, stmt, own) or typed_dict_refusal(ns, info, stmt)
    if mixed is not None:
        return mixed, None  # Python points at the class statement
    mutable = (
        _mutable_default(ns, info, stmt)
        or _frozen_mismatch(ns, info, stmt)
        or decorator_refusal(ns, info, stmt)
    )
    if mutable is not None:
        return mutable
    unordered = _unordered(ns, info, stmt)
    if unordered is not None:
        return (
            "functools.total_ordering raises ValueError: the class defines none of __lt__, "
            "__le__, __gt__, __ge__ (and has no base that could)"
        ), _at(info, unordered)  # where Python's traceback points
    named = set_name_raises(ns, info, stmt, own)
    if named is not None:
        why = (
            f"type calls {named.owner}.__set_name__() for the class attribute "
            f"{named.attribute!r}, and it raises for that name"
        )
        if ns.target.version is None or ns.target.version < (3, 12):
            # before 3.12 type wraps it in a RuntimeError raised at the class statement
            return f"{why} (RuntimeError: Error calling __set_name__)", None
        return why, _at(named.module, named.raised)
    shared = shared_cached_property(ns, info, stmt)
    if shared is not None:
        why = (
            f"type calls __set_name__ of the functools.cached_property {shared[0]!r} for "
            f"{shared[1]!r} too, and the second call raises TypeError (Cannot assign the same "
            "cached_property to two different names)"
        )
        old = ns.target.version is None or ns.target.version < (3, 12)
        return why + (" (RuntimeError: Error calling __set_name__)" if old else ""), None
    found = _init_subclass(ns, info, stmt, own, 0)
    if found == _UNKNOWN:
        return None
    if isinstance(found, tuple):
        owner, fn, module = found
        raised = _always_raises(fn)
        if raised is not None:
            return f"{owner}.__init_subclass__() always raises", _at(module, raised)
        raised = _raises_on_name(ns, module, owner, fn, stmt.name)
        if raised is not None:
            why = f"{owner}.__init_subclass__() raises for a class named {stmt.name!r}"
            return why, _at(module, raised)
        lacking = _raises_lacking(ns, info, stmt, fn, own)
        if lacking is not None:
            why = (
                f"{owner}.__init_subclass__() raises when the class has no attribute "
                f"{lacking[0]!r}, and neither {stmt.name}'s body nor its bases bind one"
            )
            return why, _at(module, lacking[1])
        if not call_fits(fn.args, 1, keywords):
            shown = ", ".join(f"{k}=" for k in keywords) or "no keywords"
            return f"{owner}.__init_subclass__{_params(fn)} does not take {shown}", None
        passed = _forwarded(ns, module, owner, fn, keywords, own)
        if passed is not None:
            return (
                f"{owner}.__init_subclass__ passes {', '.join(f'{k}=' for k in passed[0])} on "
                "through super().__init_subclass__(**...) to object.__init_subclass__, which "
                "takes no keyword arguments (TypeError)"
            ), _at(module, passed[1])
    for decorator in stmt.decorator_list:
        routine = ns.value(info, decorator, scope)
        if not isinstance(routine, Routine) or routine.module.path.resolve() not in own:
            continue
        node = routine.node
        if isinstance(node, ast.FunctionDef) and not node.decorator_list:
            raised = _always_raises(node)
            if raised is not None:
                return f"its decorator {node.name}() always raises", _at(routine.module, raised)
    return None


def _named_tuple_underscore(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef, scope: dict[str, Binding]
) -> tuple[str, Location | None] | None:
    """``class P(NamedTuple)`` with a field named ``_x``: ValueError (field names cannot start
    with an underscore)."""
    if len(stmt.bases) != 1:
        return None
    base = ns.value(info, stmt.bases[0], scope)
    if not isinstance(base, Foreign) or base.name != "NamedTuple":
        return None
    if base.module_name() not in ("typing", "typing_extensions"):
        return None
    for item in stmt.body:
        target = item.target if isinstance(item, ast.AnnAssign) else None
        if isinstance(target, ast.Name) and target.id.startswith("_"):
            why = (
                "typing.NamedTuple raises ValueError: field names cannot start with an "
                f"underscore ({target.id!r})"
            )
            return why, None  # Python points at the class statement
    return None


def _raises_on_name(
    ns: Namespaces, module: ModuleInfo, owner: str, fn: ast.FunctionDef, name: str
) -> ast.Raise | None:
    """The ``raise`` the hook reaches for a class of that name (``if not
    cls.__name__.startswith("Tag"): raise``); a leading ``super().__init_subclass__(...)`` is
    followed only when it runs ``object``'s (nothing above the owner binds the hook)."""
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    if not params or fn.decorator_list or module.tree is None:
        return None
    cls = next(
        (c for c in module.tree.body if isinstance(c, ast.ClassDef) and c.name == owner), None
    )
    first = super_hook_call(fn.body[0]) if fn.body else None
    harmless = first if cls is not None and no_init_subclass(ns, module, cls, 0) else None
    return decided_raise(fn.body, {f"{params[0]}.__name__": name}, harmless)


def _raises_lacking(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef, fn: ast.FunctionDef, own: set[Path]
) -> tuple[str, ast.Raise] | None:
    """``if not hasattr(cls, "label"): raise ...`` among the straight-line statements of the
    hook, for a class whose body and bases (the plugin's own, to ``object``) bind no ``label``:
    the attribute and the ``raise``."""
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    if not params:
        return None
    found = chain(ns, ClassValue(stmt, info), own)
    if not found.complete:
        return None
    bound = set().union(*(names_bound(c.node) for c in found.classes))
    for item in fn.body:
        match item:
            case ast.If(
                test=ast.UnaryOp(
                    op=ast.Not(),
                    operand=ast.Call(
                        func=ast.Name(id="hasattr"),
                        args=[ast.Name(id=first), ast.Constant(value=str(name))],
                    ),
                ),
                body=[ast.Raise() as raised, *_],
            ) if first == params[0] and not item.orelse:
                if name not in bound and not hasattr(type, name):
                    return name, raised
            case _ if not isinstance(item, _SIMPLE):
                return None
    return None


def _bound_in_body(stmt: ast.ClassDef) -> dict[str, ast.stmt]:
    """Names the class body binds to a value (``x = ...``, ``x: T = ...``, ``def x``)."""
    bound: dict[str, ast.stmt] = {}
    for item in stmt.body:
        match item:
            case ast.Assign(targets=targets):
                for target in targets:
                    bound.update({n: item for n in target_names(target)})
            case ast.AnnAssign(target=ast.Name(id=name), value=value) if value is not None:
                bound[name] = item
            case ast.FunctionDef(name=name) | ast.AsyncFunctionDef(name=name):
                bound[name] = item
    return bound


def _slots_conflict(stmt: ast.ClassDef) -> str | None:
    """A literal ``__slots__`` naming a class variable of the same body: ``type`` raises
    ValueError (``'x' in __slots__ conflicts with class variable``)."""
    bound = _bound_in_body(stmt)
    slots = bound.get("__slots__")
    if not isinstance(slots, ast.Assign):
        return None
    try:
        names = ast.literal_eval(slots.value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    names = [names] if isinstance(names, str) else names
    if not isinstance(names, tuple | list) or not all(isinstance(n, str) for n in names):
        return None
    clash = [n for n in names if n in bound and n != "__slots__"]
    if not clash:
        return None
    return f"{clash[0]!r} in __slots__ conflicts with the class variable {clash[0]} (ValueError)"


_ORDERING = ("__lt__", "__le__", "__gt__", "__ge__")


def _unordered(ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef) -> ast.expr | None:
    """``@functools.total_ordering`` on a class with no base and no ordering method."""
    if stmt.bases or stmt.keywords or any(n in _bound_in_body(stmt) for n in _ORDERING):
        return None
    scope = ns.module(info)
    for decorator in stmt.decorator_list:
        name = dotted_name(decorator) or ""
        head, _, attr = name.rpartition(".")
        found = scope.get(head or attr)
        if head and isinstance(found, ModuleRef):
            origin = (found.name, attr)
        elif not head and isinstance(found, Foreign):
            origin = (found.module, found.name)
        else:
            continue
        if origin == ("functools", "total_ordering"):
            return decorator
    return None


_PLAIN_BASES = frozenset({("builtins", "object"), ("abc", "ABC")})
"""Classes that are not subscriptable and give their subclasses no ``__class_getitem__``."""


def _plain_class(ns: Namespaces, info: ModuleInfo, expr: ast.expr, depth: int) -> bool:
    """``expr`` names a class that certainly cannot be subscripted: a plain class statement
    (no decorator, no metaclass or other keyword) whose module never spells
    ``__class_getitem__`` and whose bases are such classes, ``object`` or ``abc.ABC``."""
    if depth > 10:
        return False
    if dotted_name(expr) == "object":
        return True
    found = class_node(ns, info, expr)
    if isinstance(found, str):
        return tuple(found.rsplit(".", 1)) in _PLAIN_BASES
    if found is None:
        return False
    node, module = found
    if node.decorator_list or node.keywords or mentions(module, "__class_getitem__"):
        return False
    return all(_plain_class(ns, module, b, depth + 1) for b in node.bases)


def _abc_meta(ns: Namespaces, info: ModuleInfo, expr: ast.expr, depth: int) -> bool:
    """``expr`` names ``abc.ABC``, or an undecorated class statement whose base is such a class
    or whose metaclass keyword is ``abc.ABCMeta``: its metaclass is ABCMeta (or a subclass)."""
    found = class_node(ns, info, expr) if depth < 10 else None
    if found == "abc.ABC":
        return True
    if not isinstance(found, tuple) or found[0].decorator_list:
        return False
    node, module = found
    if any(
        k.arg == "metaclass" and class_node(ns, module, k.value) == "abc.ABCMeta"
        for k in node.keywords
    ):
        return True
    return any(_abc_meta(ns, module, b, depth + 1) for b in node.bases)


def _mixin_metaclass(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef, own: set[Path]
) -> str | None:
    """``class C(Registered, Base)``: the plugin's own base ``Registered`` has a metaclass of
    the plugin's deriving from ``type`` alone, another base has ``abc.ABCMeta`` (the host's
    ``Base(abc.ABC)``): neither metaclass derives from the other (TypeError)."""
    scope = ns.module(info)
    for base in stmt.bases:
        found = ns.value(info, base, scope)
        if (
            not isinstance(found, ClassValue)
            or found.module.path.resolve() not in own
            or found.node.decorator_list
        ):
            continue
        for keyword in found.node.keywords:
            meta = ns.value(found.module, keyword.value, ns.module(found.module))
            if (
                keyword.arg != "metaclass"
                or not isinstance(meta, ClassValue)
                or meta.module.path.resolve() not in own
                or not _plain_type(ns, meta, own, 0)
            ):
                continue
            abc_base = next(
                (b for b in stmt.bases if b is not base and _abc_meta(ns, info, b, 0)), None
            )
            if abc_base is not None:
                return (
                    f"its base {ast.unparse(base)[:40]} has the metaclass {meta.node.name}, "
                    f"which derives from type only, and its base {ast.unparse(abc_base)[:40]} "
                    "has abc.ABCMeta: TypeError (metaclass conflict)"
                )
    return None


def _plain_type(ns: Namespaces, meta: ClassValue, own: set[Path], depth: int) -> bool:
    """The plugin's own metaclass ``meta`` derives from ``type`` alone, through the plugin's own
    undecorated classes: it is no subclass of ``abc.ABCMeta``."""
    node = meta.node
    if depth > 10 or node.decorator_list or node.keywords or not node.bases:
        return False
    scope = ns.module(meta.module)
    for base in node.bases:
        if isinstance(base, ast.Name) and base.id == "type" and "type" not in scope:
            continue
        found = ns.value(meta.module, base, scope)
        if not isinstance(found, ClassValue) or found.module.path.resolve() not in own:
            return False
        if not _plain_type(ns, found, own, depth + 1):
            return False
    return True


_MUTABLE = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)


def _mutable_default(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef
) -> tuple[str, Location | None] | None:
    """A ``@dataclass`` field whose default is a list, dict or set (also through
    ``field(default=...)``): ``dataclass`` raises ValueError when it makes the class."""
    scope = ns.module(info)
    if len(stmt.decorator_list) != 1 or not _is_dataclass(scope, stmt.decorator_list[0]):
        return None
    for item in stmt.body:
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            continue
        if item.value is None or _class_var(item.annotation):
            continue
        default: ast.expr | None = item.value
        if isinstance(default, ast.Call) and (dotted_name(default.func) or "").endswith("field"):
            default = next((k.value for k in default.keywords if k.arg == "default"), None)
        if isinstance(default, _MUTABLE):
            kind = type(default).__name__.lower().removesuffix("comp")
            return (
                f"the dataclass field `{item.target.id}` (line {item.lineno}) defaults to a "
                f"{kind} ({ast.unparse(default)[:30]}), and dataclass raises ValueError for a "
                "mutable default (use field(default_factory=...))",
                _at(info, stmt.decorator_list[0]),  # where Python's traceback points
            )
    return None


def _is_dataclass(scope: dict[str, Binding], decorator: ast.expr) -> bool:
    """``@dataclass``, ``@dataclasses.dataclass(...)``: the decorator names dataclasses'."""
    name = dotted_name(decorator.func if isinstance(decorator, ast.Call) else decorator) or ""
    head, _, attr = name.rpartition(".")
    found = scope.get(head or attr)
    if head:
        return isinstance(found, ModuleRef) and found.name == "dataclasses" and attr == "dataclass"
    return isinstance(found, Foreign) and (found.module, found.name) == ("dataclasses", "dataclass")


def _frozen(ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef) -> bool | None:
    """Whether the class's one decorator, ``@dataclass``, makes it frozen; ``None`` when it is
    no dataclass that way or the option is not a literal."""
    if len(stmt.decorator_list) != 1 or not _is_dataclass(ns.module(info), stmt.decorator_list[0]):
        return None
    deco = stmt.decorator_list[0]
    given = (
        [k.value for k in deco.keywords if k.arg == "frozen"] if isinstance(deco, ast.Call) else []
    )
    if not given:
        return False
    value = given[0]
    return (
        value.value if isinstance(value, ast.Constant) and isinstance(value.value, bool) else None
    )


def _frozen_mismatch(
    ns: Namespaces, info: ModuleInfo, stmt: ast.ClassDef
) -> tuple[str, Location | None] | None:
    """A dataclass whose one base is the plugin's own dataclass, one of them frozen and the
    other not: ``dataclass`` raises TypeError when it makes the class."""
    frozen = _frozen(ns, info, stmt)
    if frozen is None or len(stmt.bases) != 1:
        return None
    base = ns.value(info, stmt.bases[0], ns.module(info))
    if not isinstance(base, ClassValue):
        return None
    base_frozen = _frozen(ns, base.module, base.node)
    if base_frozen is None or base_frozen == frozen:
        return None
    which = ("frozen", "non-frozen") if frozen else ("non-frozen", "frozen")
    return (
        f"it is a {which[0]} dataclass whose base {base.node.name} is a {which[1]} one: "
        f"dataclass raises TypeError (cannot inherit {which[0]} dataclass from a {which[1]} one)",
        _at(info, stmt.decorator_list[0]),
    )


def _class_var(annotation: ast.expr) -> bool:
    name = dotted_name(annotation.value if isinstance(annotation, ast.Subscript) else annotation)
    return (name or "").rsplit(".", 1)[-1] in ("ClassVar", "InitVar")


def _at(module: ModuleInfo, node: ast.stmt | ast.expr) -> Location:
    return Location(module.path, node.lineno, node.col_offset + 1)


def _params(fn: ast.FunctionDef) -> str:
    return f"({ast.unparse(fn.args)})"


def _init_subclass(
    ns: Namespaces, info: ModuleInfo, cls: ast.ClassDef, own: set[Path], depth: int
) -> tuple[str, ast.FunctionDef, ModuleInfo] | str | None:
    """The ``__init_subclass__`` creating ``cls`` calls, first in its bases' order: (the class
    defining it, its def, its module); ``None`` for object's; ``_UNKNOWN`` when a base is not
    the plugin's own class (or a base's hook is anything but a plain ``def``)."""
    if depth > 10:
        return _UNKNOWN
    scope = ns.module(info)
    for base in cls.bases:
        if dotted_name(base) == "object":
            continue
        found = ns.value(info, base, scope)
        if not isinstance(found, ClassValue) or found.module.path.resolve() not in own:
            return _UNKNOWN
        if any(k.arg == "metaclass" for k in found.node.keywords):
            return _UNKNOWN
        hook = method(found.node, "__init_subclass__")
        if hook is not None:
            return found.node.name, hook, found.module
        if any(
            "__init_subclass__" in [n for t in statement_targets(s) for n in target_names(t)]
            for s in found.node.body
        ):
            return _UNKNOWN
        inherited = _init_subclass(ns, found.module, found.node, own, depth + 1)
        if inherited is not None:
            return inherited
    return None


def _forwarded(
    ns: Namespaces,
    module: ModuleInfo,
    owner: str,
    fn: ast.FunctionDef,
    keywords: list[str],
    own: set[Path],
) -> tuple[list[str], ast.stmt] | None:
    """The keywords ``fn`` gathers in its ``**kwargs`` and certainly hands to
    ``super().__init_subclass__(**kwargs)`` when that is ``object``'s (the owner's bases have
    no hook of the plugin's own): ``None`` when none reach it or source does not tell."""
    kwarg = fn.args.kwarg
    named = {a.arg for a in [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]}
    extra = [k for k in keywords if k not in named]
    if kwarg is None or not extra or module.tree is None:
        return None
    forwards = next(
        (
            part
            for part in certain(fn.body)
            if isinstance(part, ast.Expr)
            and isinstance(part.value, ast.Call)
            and dotted_name(part.value.func) is None
            and isinstance(part.value.func, ast.Attribute)
            and part.value.func.attr == "__init_subclass__"
            and isinstance(part.value.func.value, ast.Call)
            and dotted_name(part.value.func.value.func) == "super"
            and [(k.arg, dotted_name(k.value)) for k in part.value.keywords] == [(None, kwarg.arg)]
        ),
        None,
    )
    cls = next(
        (c for c in module.tree.body if isinstance(c, ast.ClassDef) and c.name == owner), None
    )
    if not isinstance(forwards, ast.stmt) or cls is None or cls.keywords:
        return None
    return (extra, forwards) if _init_subclass(ns, module, cls, own, 0) is None else None
