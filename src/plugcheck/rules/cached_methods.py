"""PC517 for a lifecycle method cached with ``functools.lru_cache``/``functools.cache`` on a
class whose instances are unhashable, or for ``init``, which the host passes its config as a
``dict``.

The cache keys every call on its arguments, the instance first, so it hashes ``self``. A class
whose body defines ``__eq__`` and no ``__hash__`` has ``__hash__ = None`` (Python sets it), and
so does a ``@dataclass`` with ``eq=True`` (the default) that is neither frozen nor
``unsafe_hash=True``, unless its body defines ``__hash__``; a subclass inherits that. Every call
of the cached method then raises ``TypeError: unhashable type``. Judged only when the class's
chain of bases is the plugin's own, to ``object``.

Also a function the host calls (a method ``lifecycle.calls`` or ``setup-function.calls`` names,
the entry function) wrapped by that cache where a value the host passes (a stand-in read from
source: a ``list``, ``dict`` or ``set`` literal) is unhashable: every call raises
``TypeError: unhashable type``.

Also PC517 for a lifecycle method that is, or certainly reads, a ``functools.cached_property``
of a class whose instances have no ``__dict__`` (``__slots__`` without it on every class of the
chain, or ``@dataclass(slots=True)``): the property stores its value in the instance's
``__dict__``, so every access raises ``TypeError: No '__dict__' attribute``.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.factory import PC517
from plugcheck.rules.instance_state import Chain, _slots
from plugcheck.rules.reached import Function, Reader
from plugcheck.rules.straight_code import certain_nodes
from plugcheck.static.applied import imported_as
from plugcheck.static.bindings import ClassValue, NotFunction, Routine
from plugcheck.static.parse import ModuleInfo, dotted_name


def cached_on_unhashable(
    plugin: Plugin, reader: Reader, found: Chain, owner: ClassValue, method: Function, name: str
) -> Finding | None:
    """The finding for ``owner.name`` (a lifecycle method of the chain's first class) when it
    is wrapped by the functools cache and that class's instances are unhashable."""
    if len(method.decorator_list) != 1 or not isinstance(method, ast.FunctionDef):
        return None
    scope = reader.scope(owner.module)
    wrapped = reader.ns.apply(
        owner.module, method.decorator_list[0], Routine(method, owner.module, in_class=True), scope
    )
    if not isinstance(wrapped, NotFunction) or wrapped.inner is None:
        return None
    cls = found.classes[0].node.name
    why, unhashable = _unhashable(found), cls
    if why is None and name == "init":  # the host hands init its config as a dict
        why, unhashable = "the config the host passes init is a dict", "dict"
    if why is None:
        return None
    return PC517.at(
        plugin,
        Location(owner.module.path, method.lineno, method.col_offset + 1),
        f"{cls}.{name}() is cached by {wrapped.what.removeprefix('a ').removesuffix(' wrapper')}, "
        f"which hashes its arguments, the instance first; {why}, so every {name}() call the "
        f"host makes raises TypeError: unhashable type: '{unhashable}'",
        fix=f"do not cache a method of {cls} (cache a module-level function of the values it "
        "needs), or give the class a __hash__",
        subject=name,
    )


_UNHASHABLE = (list, dict, set)


def cached_over_unhashable(
    reader: Reader, module: ModuleInfo, fn: Function, passed: Sequence[type | None], method: bool
) -> tuple[str, str] | None:
    """(the cache, the type) when ``fn``'s one decorator is the functools cache and a value the
    host passes it (``passed``: each argument's builtin type, ``None`` where unknown) is of an
    unhashable builtin type; ``None`` otherwise."""
    bad = next((t for t in passed if t in _UNHASHABLE), None)
    if len(fn.decorator_list) != 1 or bad is None:
        return None
    wrapped = reader.ns.apply(
        module, fn.decorator_list[0], Routine(fn, module, in_class=method), reader.scope(module)
    )
    if not isinstance(wrapped, NotFunction) or wrapped.inner is None:
        return None
    return wrapped.what.removeprefix("a ").removesuffix(" wrapper"), bad.__name__


def _unhashable(found: Chain) -> str | None:
    """Why instances of the chain's first class are unhashable; ``None`` when they are
    hashable or source cannot tell."""
    if not found.complete:
        return None
    for cls in found.classes:
        bound = _bound(cls.node)
        for deco in cls.node.decorator_list:
            dataclass = _dataclass_hash(deco, "__hash__" in bound)
            if dataclass is not None:
                return f"@dataclass on {cls.node.name} {dataclass}" if dataclass else None
        if "__hash__" in bound:
            value = bound["__hash__"]
            none = isinstance(value, ast.Assign) and (
                isinstance(value.value, ast.Constant) and value.value.value is None
            )
            return f"{cls.node.name} sets __hash__ = None" if none else None
        if "__eq__" in bound:
            return (
                f"{cls.node.name} defines __eq__ without __hash__, so Python sets __hash__ to None"
            )
    return None


def _bound(node: ast.ClassDef) -> dict[str, ast.stmt]:
    bound: dict[str, ast.stmt] = {}
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            bound[stmt.name] = stmt
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    bound[target.id] = stmt
    return bound


def _dataclass_hash(deco: ast.expr, own_hash: bool) -> str | None:
    """For a ``@dataclass`` decorator: why it leaves the class unhashable (``""`` when it
    does not, or source cannot tell); ``None`` for another decorator."""
    func = deco.func if isinstance(deco, ast.Call) else deco
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name != "dataclass":
        return None
    options = {"eq": True, "frozen": False, "unsafe_hash": False}
    for keyword in deco.keywords if isinstance(deco, ast.Call) else ():
        if keyword.arg in options:
            if not isinstance(keyword.value, ast.Constant) or not isinstance(
                keyword.value.value, bool
            ):
                return ""
            options[keyword.arg] = keyword.value.value
    if own_hash or not options["eq"] or options["frozen"] or options["unsafe_hash"]:
        return ""
    return "(eq=True, not frozen) sets __hash__ to None"


def cached_without_dict(
    plugin: Plugin, reader: Reader, found: Chain, owner: ClassValue, method: Function, name: str
) -> Finding | None:
    """The finding for lifecycle method ``owner.name`` when it is a ``cached_property`` of a
    class whose instances have no ``__dict__``, or its body certainly reads one of those."""
    why = _no_dict(found)
    if why is None:
        return None
    cached = _cached_properties(reader, found)
    node: ast.AST | None = None
    read = name if cached.get(name) is method else None
    if read is not None:
        node = method
    elif not method.decorator_list and (params := [*method.args.posonlyargs, *method.args.args]):
        me = params[0].arg
        node = next(
            (
                sub
                for sub in certain_nodes(method)
                if isinstance(sub, ast.Attribute)
                and isinstance(sub.ctx, ast.Load)
                and dotted_name(sub.value) == me
                and sub.attr in cached
            ),
            None,
        )
        read = node.attr if isinstance(node, ast.Attribute) else None
    if read is None or node is None:
        return None
    cls = found.classes[0].node.name
    how = "reading it" if read == name else f"{name}() reads it, so"
    return PC517.at(
        plugin,
        Location(owner.module.path, getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1),
        f"{cls}.{read} is a functools.cached_property, which stores its value in the "
        f"instance's __dict__, but {why}: {how} every {name}() call the host makes raises "
        f"TypeError: No '__dict__' attribute on '{cls}' instance",
        fix=f"add '__dict__' to {cls}'s __slots__ (or drop slots), or use a plain property",
        subject=name,
    )


def _no_dict(found: Chain) -> str | None:
    """Why instances of the chain's first class certainly have no ``__dict__``."""
    classes = [c.node for c in found.classes]
    if not found.complete:
        return None
    me = classes[0]
    if len(classes) == 1 and any(_slots_dataclass(d) for d in me.decorator_list):
        return f"@dataclass(slots=True) gives {me.name}'s instances none"
    if any(c.decorator_list for c in classes):
        return None
    slots = [_slots(c) for c in classes]
    if any(s is None or "__dict__" in s for s in slots):
        return None
    return f"the __slots__ of {me.name} leave its instances none"


def _slots_dataclass(deco: ast.expr) -> bool:
    return (
        isinstance(deco, ast.Call)
        and (dotted_name(deco.func) or "").rsplit(".", 1)[-1] == "dataclass"
        and any(
            k.arg == "slots" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in deco.keywords
        )
    )


def _cached_properties(reader: Reader, found: Chain) -> dict[str, ast.stmt]:
    """The chain's members decorated with ``functools.cached_property``, each name as the
    first class that binds it has it."""
    cached: dict[str, ast.stmt] = {}
    seen: set[str] = set()
    for cls in found.classes:
        scope = reader.scope(cls.module)
        names = _bound(cls.node)
        for name, stmt in names.items():
            if name in seen or not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for deco in stmt.decorator_list:
                dotted = dotted_name(deco) or ""
                if (imported_as(dotted, scope) or dotted) == "functools.cached_property":
                    cached[name] = stmt
        seen |= set(names)
    return cached
