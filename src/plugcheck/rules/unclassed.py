"""Plugin objects made without a class statement, read from source: a ``types.SimpleNamespace``
with keyword members, and an instance of a class made by ``type(name, (), namespace)`` or
``types.new_class(name, (), {}, lambda ns: ns.update(...))`` whose namespace source spells out.
A lifecycle member missing or bound to a constant fails the host's isinstance check against the
protocol (PC203); one bound to a lambda or a function of the plugin's own that does not take the
host's call raises TypeError (PC204). A namespace member is called as it is; a class member is
a method, called with the instance first."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.factory_construct import may_set_later
from plugcheck.rules.reached import STEPS, Reader
from plugcheck.rules.signatures.codes import PC203, PC204
from plugcheck.static.applied import imported_as
from plugcheck.static.bindings import Binding
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.symbols import SymbolKind
from plugcheck.static.syntax import call_fits


@dataclass(frozen=True, slots=True)
class Unclassed:
    """What the factory returns, made without a class statement."""

    what: str
    node: ast.expr
    module: ModuleInfo
    members: dict[str, ast.expr | None]
    """Each member the object has, with its value where source shows it."""
    bound: bool
    """The members are a class's: functions are called as methods, the instance first."""


def unclassed(reader: Reader, call: ast.Call, info: ModuleInfo) -> Unclassed | None:
    """The object ``call`` (a factory's returned value) makes, when it is one of those above."""
    scope = reader.scope(info)
    if imported_as(dotted_name(call.func) or "", scope) == "types.SimpleNamespace":
        if call.args or any(k.arg is None for k in call.keywords):
            return None
        given: dict[str, ast.expr | None] = {k.arg: k.value for k in call.keywords if k.arg}
        return Unclassed("a types.SimpleNamespace", call, info, given, bound=False)
    if not isinstance(call.func, ast.Name) or call.args or call.keywords:
        return None
    made = _class_made(info, call.func.id, scope)
    if made is None:
        return None
    members = _class_members(made, scope)
    if members is None or {"__getattr__", "__getattribute__"} & members.keys():
        return None
    if may_set_later(info, [s for s in STEPS if s not in members]):
        return None
    what = f"an instance of {call.func.id} (a class made by {ast.unparse(made.func)}())"
    return Unclassed(what, made, info, members, bound=True)


def _class_made(info: ModuleInfo, name: str, scope: dict[str, Binding]) -> ast.Call | None:
    """The ``type(...)``/``types.new_class(...)`` call the module binds ``name`` to, once and
    unconditionally, at its top level."""
    symbol = info.symbols.get(name)
    tree = info.tree
    if symbol is None or symbol.kind is not SymbolKind.ASSIGN or symbol.conditional or not tree:
        return None
    binds = [
        s
        for s in tree.body
        if isinstance(s, ast.Assign | ast.AnnAssign | ast.AugAssign)
        and any(
            isinstance(t, ast.Name) and t.id == name
            for t in (s.targets if isinstance(s, ast.Assign) else [s.target])
        )
    ]
    if len(binds) != 1 or not isinstance(binds[0], ast.Assign) or len(binds[0].targets) != 1:
        return None
    value = binds[0].value
    if not isinstance(value, ast.Call) or any(isinstance(a, ast.Starred) for a in value.args):
        return None
    func = dotted_name(value.func) or ""
    if (func == "type" and "type" not in scope) or imported_as(func, scope) == "types.new_class":
        return value
    return None


def _class_members(made: ast.Call, scope: dict[str, Binding]) -> dict[str, ast.expr | None] | None:
    """The namespace of a class made by ``type(name, bases, ns)`` or ``types.new_class(name,
    bases, kwds, exec_body)`` with no base but ``object``, when source spells its keys."""
    if made.keywords:
        return None
    args = made.args
    is_type = dotted_name(made.func) == "type"
    if (is_type and len(args) != 3) or not 1 <= len(args) <= 4:
        return None
    bases = args[1] if len(args) > 1 else ast.Tuple([])
    if not isinstance(bases, ast.Tuple) or any(
        dotted_name(b) != "object" or "object" in scope for b in bases.elts
    ):
        return None
    if is_type:
        return _spelled_keys(args[2])
    if len(args) > 2 and not (isinstance(args[2], ast.Dict) and not args[2].keys):
        return None  # keywords for a metaclass
    if len(args) < 4:
        return {}
    return _updated(args[3])


def _spelled_keys(ns: ast.expr) -> dict[str, ast.expr | None] | None:
    """``{"run": f, ...}`` with literal keys, or ``{k: ... for k in ("init", "run")}``."""
    if isinstance(ns, ast.Dict):
        keys = [k.value if isinstance(k, ast.Constant) else None for k in ns.keys]
        if not all(isinstance(k, str) for k in keys):
            return None
        return {str(k): v for k, v in zip(keys, ns.values, strict=True)}
    if not (isinstance(ns, ast.DictComp) and len(ns.generators) == 1):
        return None
    loop = ns.generators[0]
    if (
        loop.ifs
        or loop.is_async
        or not isinstance(loop.target, ast.Name)
        or not isinstance(ns.key, ast.Name)
        or ns.key.id != loop.target.id
        or not isinstance(loop.iter, ast.Tuple | ast.List)
        or not all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in loop.iter.elts)
    ):
        return None
    return {str(e.value): None for e in loop.iter.elts if isinstance(e, ast.Constant)}


def _updated(body: ast.expr) -> dict[str, ast.expr | None] | None:
    """``lambda ns: ns.update(init=..., run=...)``: the keys it puts in the namespace."""
    if not (isinstance(body, ast.Lambda) and len(body.args.args) == 1):
        return None
    call, param = body.body, body.args.args[0].arg
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "update"
        and dotted_name(call.func.value) == param
        and not call.args
        and all(k.arg for k in call.keywords)
    ):
        return None
    return {k.arg: k.value for k in call.keywords if k.arg}


def judged(reader: Reader, plugin: Plugin, made: Unclassed, label: str) -> Iterator[Finding]:
    """PC203/PC204 for the lifecycle members of what ``label`` returns."""
    where = Location(made.module.path, made.node.lineno, made.node.col_offset + 1)
    factory = label.removesuffix("()")
    for step, passed in STEPS.items():
        if step not in made.members:
            yield PC203.at(
                plugin,
                where,
                f"{label} returns {made.what} with no {step}: the host's isinstance check "
                "against the protocol fails",
                fix=f"give it {step}, or return an instance of a class defining every "
                "lifecycle method",
                subject=factory,
            )
            continue
        value = made.members[step]
        if isinstance(value, ast.Constant):
            yield PC203.at(
                plugin,
                where,
                f"{label} returns {made.what} whose {step} is {ast.unparse(value)[:40]}, not "
                "callable: the host's isinstance check against the protocol fails",
                fix=f"bind {step} to a function taking the protocol's arguments",
                subject=factory,
            )
            continue
        args = _parameters(reader, made.module, value)
        if args is None or call_fits(args, passed + made.bound, ()):
            continue
        shown = ast.unparse(value)[:60] if value is not None else step
        yield PC204.at(
            plugin,
            where,
            f"{label} returns {made.what} whose {step} is `{shown}`, which does not take the "
            f"host's call of {step}() with {passed} argument{'s' * (passed != 1)}"
            f"{' after the instance' if made.bound else ''}: every call raises TypeError",
            fix=f"bind {step} to a function taking the protocol's arguments",
            subject=step,
        )


def _parameters(reader: Reader, info: ModuleInfo, value: ast.expr | None) -> ast.arguments | None:
    """The parameters of a lambda, or of an undecorated module-level ``def`` of the plugin's own
    that ``value`` names."""
    if isinstance(value, ast.Lambda):
        return value.args
    if not isinstance(value, ast.Name):
        return None
    function = reader.own_function(info, value)
    return function.args if function is not None else None
