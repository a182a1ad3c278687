"""Instances whose class a decorator makes slotted or frozen: ``@dataclass(slots=True)``,
attrs' ``@define``/``@mutable`` (slotted by default) and ``@frozen``.

A slotted class built by the decorator has no ``__dict__``: assigning an attribute its body
does not declare raises AttributeError. A frozen attrs class raises FrozenInstanceError on any
assignment. Judged for one class with no bases of its own (its ``__slots__`` are what the
decorator makes of its fields), one decorator, keywords given as literals, and no
``__setattr__``, ``__getattr__`` or ``__slots__`` in its body.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from plugcheck.static.parse import ModuleInfo, dotted_name

_ATTRS = ("attrs", "attr")
_ATTRS_MAKERS = {"define": False, "mutable": False, "frozen": True}
"""attrs' class decorators that make slotted classes, and whether each freezes by default."""


def attrs_maker(deco: ast.expr, module: ModuleInfo) -> str | None:
    """``define``, ``mutable`` or ``frozen`` when ``deco`` is that attrs decorator (called or
    not): ``attrs.define``, ``attr.frozen``, or a bare name the module imports from attrs."""
    name = dotted_name(deco.func if isinstance(deco, ast.Call) else deco) or ""
    head, _, last = name.rpartition(".")
    if last not in _ATTRS_MAKERS:
        return None
    if head:
        symbol = module.symbols.get(head)
        imported = symbol.import_module if symbol is not None else None
        return last if head in _ATTRS and imported in _ATTRS else None
    symbol = module.symbols.get(last)
    if symbol is None or symbol.import_module not in _ATTRS:
        return None
    return last if (symbol.import_name or last) == last else None


def dataclass_helper(deco: ast.expr, module: ModuleInfo) -> ast.Call | None:
    """The ``dataclass(...)`` call a decorator of the module's own stands for: a top-level,
    undecorated ``def`` bound once whose whole body is ``return dataclass(cls, <options>)`` of
    its one parameter (``def _model(cls): return dataclasses.dataclass(cls, slots=True)``),
    given as ``dataclass(<options>)``; ``None`` for any other decorator."""
    name = deco.id if isinstance(deco, ast.Name) else None
    symbol = module.symbols.get(name) if name else None
    if module.tree is None or symbol is None or symbol.conditional or name in module.redefined:
        return None
    fn = next(
        (s for s in module.tree.body if isinstance(s, ast.FunctionDef) and s.name == name), None
    )
    if fn is None or fn.decorator_list or len(fn.args.args) != 1 or fn.args.posonlyargs:
        return None
    if fn.args.vararg or fn.args.kwarg or fn.args.kwonlyargs:
        return None
    body = fn.body[1:] if ast.get_docstring(fn) is not None else fn.body
    match body:
        case [ast.Return(value=ast.Call(func=func, args=[ast.Name(id=given)], keywords=kw))]:
            if given == fn.args.args[0].arg and (dotted_name(func) or "").endswith("dataclass"):
                return ast.Call(func=func, args=[], keywords=kw)
    return None


def generated_refusal(
    node: ast.ClassDef, module: ModuleInfo, bound: set[str], *, past_frozen: bool = False
) -> Callable[[str], str | None] | None:
    """Why assigning an attribute on an instance fails, per name (``bound``: the names the
    class body binds); ``None`` when it is not certain to. ``past_frozen``: the store is
    ``object.__setattr__``'s, which a frozen class's ``__setattr__`` never sees (its slots
    still refuse)."""
    if node.bases or node.keywords or len(node.decorator_list) != 1:
        return None
    if bound & {"__setattr__", "__getattr__", "__slots__", "__getattribute__"}:
        return None
    helper = dataclass_helper(node.decorator_list[0], module)
    deco = helper or node.decorator_list[0]
    maker = attrs_maker(deco, module)
    dataclass = maker is None and (dotted_name(getattr(deco, "func", deco)) or "").endswith(
        "dataclass"
    )
    if maker is None and not dataclass:
        return None
    options = {"slots": maker is not None, "frozen": bool(maker and _ATTRS_MAKERS[maker])}
    for keyword in deco.keywords if isinstance(deco, ast.Call) else ():
        if keyword.arg is None:
            return None
        if keyword.arg in options:
            if not isinstance(keyword.value, ast.Constant) or not isinstance(
                keyword.value.value, bool
            ):
                return None
            options[keyword.arg] = keyword.value.value
    if past_frozen:
        options["frozen"] = False
    what = f"attrs' @{maker}" if maker else "@dataclass(slots=True)"
    if helper is not None:
        what = f"@{ast.unparse(node.decorator_list[0])} (a dataclass(slots=True))"
    if options["frozen"]:
        if not maker:
            return None  # a frozen dataclass: the caller's own rule

        def frozen(name: str) -> str:
            return (
                f"{node.name} is frozen by {what}: assigning `{name}` raises "
                "attrs.exceptions.FrozenInstanceError"
            )

        return frozen
    if not options["slots"]:
        return None

    def slotted(name: str) -> str | None:
        if name in bound:
            return None
        return (
            f"{what} gives {node.name} __slots__ for its fields and no __dict__, and `{name}` "
            "is none of them: assigning it raises AttributeError"
        )

    return slotted
