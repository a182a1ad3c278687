"""A plugin class whose own ``__init__`` takes the host's arguments but passes its base's
``__init__`` what that one cannot take (``super().__init__()`` where the host's base wants the
options): building the class raises TypeError all the same. Read from source, only where the
call certainly runs and the base is a plain class statement plugcheck reads. A ``**options``
argument is judged only when ``options`` is what a stand-in the contract declares complete
(``complete-stand-ins``) makes: its keys are then exactly the keywords the call passes."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence

from plugcheck.model import Plugin, shown_stand_in
from plugcheck.rules.base import Context
from plugcheck.rules.stand_in_values import complete_value
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import node_at, resolve_dotted
from plugcheck.static.syntax import call_refusal, without_first


def own_init(node: ast.ClassDef) -> ast.FunctionDef | None:
    """The undecorated ``__init__`` the class statement defines (the last one Python keeps);
    ``None`` with none, or with a ``__new__`` that may build something else."""
    init = None
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name == "__new__":
            return None
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
            init = stmt
    return init if init is not None and not init.decorator_list else None


def super_init_refusal(
    ctx: Context,
    plugin: Plugin,
    module: ModuleInfo,
    node: ast.ClassDef,
    passed: Mapping[str, str] | None = None,
) -> str | None:
    """Why the ``super().__init__(...)`` the class's own ``__init__`` makes on every path
    raises TypeError in the one base's ``__init__``; ``None`` when it binds or nothing tells
    (a starred argument, a base that is decorated, generic or not read, no own base init).
    ``passed``: the stand-in the host passes to each of the own ``__init__``'s parameters,
    which a ``**name`` of the call reads when the contract declares it complete."""
    if node.decorator_list or node.keywords:
        return None
    call = super_call(node)
    if call is None or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    keywords = [str(k.arg) for k in call.keywords if k.arg is not None]
    spread = [k.value for k in call.keywords if k.arg is None]
    unpacked = _complete_keys(ctx, plugin, node, call, spread[0], passed) if spread else None
    if len(spread) > 1 or (spread and unpacked is None):
        return None  # **kwargs: which names it passes is not known
    base = super_base(ctx, plugin, module, node)
    base_init = own_init(base) if base is not None else None
    args = without_first(base_init.args) if base_init is not None else None
    if base is None or args is None:
        return None
    why = call_refusal(args, len(call.args), [*keywords, *(unpacked[1] if unpacked else ())])
    if why is None:
        return None
    why = why.replace("the host", "the call")
    said = (
        f"its __init__ calls {ast.unparse(call)[:60]}, which {base.name}.__init__ cannot "
        f"take: {why}"
    )
    if unpacked is not None:
        said += (
            f" ({ast.unparse(spread[0])} is {unpacked[0]}, which the contract declares all "
            "the host passes: complete-stand-ins)"
        )
    return said


def _complete_keys(
    ctx: Context,
    plugin: Plugin,
    node: ast.ClassDef,
    call: ast.Call,
    spread: ast.expr,
    passed: Mapping[str, str] | None,
) -> tuple[str, list[str]] | None:
    """How the host's value shows and the keywords ``**name`` passes in ``call``, where
    ``name`` is a parameter of the own ``__init__`` that the host fills with a stand-in the
    contract declares complete, a dict with string keys that nothing before the call can
    touch (no statement before it names the parameter, nothing rebinds it)."""
    init = own_init(node)
    if init is None or not passed or not isinstance(spread, ast.Name):
        return None
    name = spread.id
    ref = passed.get(name)
    value = complete_value(ctx, plugin, ref) if ref is not None else None
    if (
        value is None
        or not isinstance(value[0], dict)
        or not all(isinstance(k, str) for k in value[0])
    ):
        return None
    before = []
    for stmt in init.body:
        if isinstance(stmt, ast.Expr) and stmt.value is call:
            break
        before.append(stmt)
    if any(isinstance(n, ast.Name) and n.id == name for s in before for n in ast.walk(s)):
        return None
    for n in ast.walk(init):
        if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load):
            return None
        if isinstance(n, ast.Global | ast.Nonlocal) and name in n.names:
            return None
    shown = f"{shown_stand_in(ref)}, {value[0]!r}"[:80] if ref is not None else ""
    return shown, list(value[0])


def init_parameters(
    node: ast.ClassDef,
    stand_ins: Sequence[object],
    keywords: Sequence[tuple[str, object]] = (),
) -> dict[str, str]:
    """The stand-in (``module:callable``, ``:<json>``) the host passes to each parameter of the
    class's own ``__init__`` when it builds the class with ``stand_ins`` by position and
    ``keywords`` by name (strings or the contract's ``TypeRef``s)."""
    init = own_init(node)
    args = without_first(init.args) if init is not None else None
    if args is None:
        return {}
    names = [a.arg for a in (*args.posonlyargs, *args.args)]
    by_name = {name: str(ref) for name, ref in keywords}
    return {**{n: str(r) for n, r in zip(names, stand_ins, strict=False)}, **by_name}


def super_base(
    ctx: Context, plugin: Plugin, module: ModuleInfo, node: ast.ClassDef
) -> ast.ClassDef | None:
    """The class statement ``super()`` reaches from ``node``: its one base, when that is a plain
    class statement plugcheck reads (undecorated, no metaclass) and the module leaves ``super``
    alone."""
    if "super" in module.symbols or len(node.bases) != 1:
        return None
    dotted = dotted_name(node.bases[0])
    found = resolve_dotted(ctx.index, module, dotted, ctx.roots(plugin)) if dotted else None
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
        return None
    base = node_at(found.module, found.symbol.line)
    if not isinstance(base, ast.ClassDef) or base.decorator_list or base.keywords:
        return None
    return base


SAID = "its __init__ calls super("
"""How :func:`super_init_refusal`'s reasons begin (the finding goes at :func:`super_call`)."""


def super_call(node: ast.ClassDef) -> ast.Call | None:
    """The ``super().__init__(...)`` statement of the class's own ``__init__`` that runs on
    every path: a statement of its body with no ``return`` or ``raise`` before it."""
    init = own_init(node)
    for index, stmt in enumerate(init.body if init is not None else []):
        if _is_super_init(stmt):
            before = init.body[:index] if init is not None else []
            if any(isinstance(n, ast.Return | ast.Raise) for s in before for n in ast.walk(s)):
                return None  # an earlier path may leave __init__ without the call
            assert isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
            return stmt.value
    return None


def _is_super_init(stmt: ast.stmt) -> bool:
    """``super().__init__(...)`` (or ``super(Cls, self).__init__(...)``) as a statement."""
    match stmt:
        case ast.Expr(
            value=ast.Call(
                func=ast.Attribute(
                    value=ast.Call(func=ast.Name(id="super"), args=[] | [_, _]), attr="__init__"
                )
            )
        ):
            return True
    return False
