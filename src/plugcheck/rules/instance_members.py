"""Lifecycle members an instance gets in ``__init__`` (``self.shutdown = self._stop``) when no
class of the plugin object's binds them: what the host's lookup finds is that per-instance
value, so ``None`` or a constant is no method (the protocol's isinstance check fails, the call
raises TypeError: PC203), and a bound method, a lambda, a plain function of the plugin stored
as it is or bound by ``types.MethodType`` that does not take the host's call raises TypeError
(PC204). An annotated ``__init__`` is left to mypy, which judges the
attributes it sets the same way, except where one hides a method of the class
(``self.run = False`` beside ``def run``): the instance's attribute comes first, while mypy keeps
the method's type."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.instance_state import Chain, chain, inherited
from plugcheck.rules.reached import STEPS, Reader, local_names
from plugcheck.rules.signatures.codes import PC203, PC204
from plugcheck.rules.straight_code import certain
from plugcheck.static.applied import imported_as
from plugcheck.static.bindings import ClassValue
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.syntax import call_fits, without_first


def instance_members(
    reader: Reader, plugin: Plugin, cls: ClassValue, factory: str
) -> Iterator[Finding]:
    """``factory``: the subject of a failed isinstance check (the harness's PC404 twin)."""
    found = chain(reader.ns, cls, reader.own)
    if not found.complete or any(c.node.decorator_list for c in found.classes):
        return
    init = inherited(found, "__init__")
    if init is None or not isinstance(init[1], ast.FunctionDef) or init[1].decorator_list:
        return
    owner, fn = init[0], init[1]
    params = [*fn.args.posonlyargs, *fn.args.args]
    if not params:
        return
    # mypy reads the body of an annotated __init__ (PC203/PC204 at the class), except where
    # the attribute hides a method of the class: mypy keeps the method's type.
    annotated = fn.returns is not None or any(p.annotation for p in params)
    me = params[0].arg
    for part in certain(fn.body):
        if not (isinstance(part, ast.Assign) and len(part.targets) == 1):
            continue
        target = part.targets[0]
        if not (isinstance(target, ast.Attribute) and dotted_name(target.value) == me):
            continue
        step = target.attr
        if step not in STEPS:
            continue
        defined = inherited(found, step)
        method = defined[1] if defined is not None else None
        hides = isinstance(method, ast.FunctionDef) and not method.decorator_list
        if (defined is not None or annotated) and not hides:
            continue
        if _set_elsewhere(found, target):
            continue  # a later statement, or init() before the host's run(), may replace it
        where = Location(owner.module.path, part.lineno, part.col_offset + 1)
        value = part.value
        shown = ast.unparse(value)[:60]
        if hides and isinstance(value, NOT_CALLABLE):
            what = "None" if isinstance(value, ast.Constant) and value.value is None else shown
            yield PC203.at(
                plugin,
                where,
                f"{cls.node.name}.__init__ sets `{me}.{step} = {shown}`, which hides the method "
                f"{step}() for the instance (an instance attribute comes before a function of "
                f"the class): the host's {step}() calls {what} and raises TypeError"
                + (
                    ", and its isinstance check against the protocol fails"
                    if what == "None"
                    else ""
                ),
                fix=f"give the attribute another name than the method {step}",
                subject=step,
            )
            continue
        if isinstance(value, ast.Constant):
            yield PC203.at(
                plugin,
                where,
                f"{cls.node.name}.__init__ sets `{me}.{step} = {shown}` and no class of "
                f"{cls.node.name}'s defines {step}(): the instance's {step} is not callable, so "
                "the host's isinstance check against the protocol fails (and a call raises "
                "TypeError)",
                fix=f"define {step}() as a method of {cls.node.name}",
                subject=factory,
            )
            continue
        args = _callable_args(found, me, value) or _function_args(reader, owner.module, fn, value)
        if args is not None and not call_fits(args, STEPS[step], ()):
            yield PC204.at(
                plugin,
                where,
                f"{cls.node.name}.__init__ sets `{me}.{step} = {shown}`, which does not take the "
                f"host's call of {step}() with {STEPS[step]} argument"
                f"{'s' * (STEPS[step] != 1)}: every call raises TypeError",
                fix=f"bind {step} to a function taking the protocol's arguments, or define "
                f"{step}() as a method",
                subject=step,
            )


NOT_CALLABLE = (
    ast.Constant,
    ast.List,
    ast.Tuple,
    ast.Set,
    ast.Dict,
    ast.JoinedStr,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
)
"""Values that are never callable: literals, displays and comprehensions."""


def _set_elsewhere(found: Chain, target: ast.Attribute) -> bool:
    """Whether any other statement of the chain's modules assigns an attribute named as
    ``target`` is (``self.run = ...`` again, or in another method)."""
    return any(
        node is not target and node.attr == target.attr and isinstance(node.ctx, ast.Store)
        for module in {id(c.module): c.module for c in found.classes}.values()
        for node in module.nodes(ast.Attribute)
    )


def _callable_args(found: Chain, me: str, value: ast.expr) -> ast.arguments | None:
    """The parameters the call of ``value`` binds to (a bound method without its instance), when
    source shows them: a lambda, or ``self.method`` of an undecorated ``def`` of the class."""
    if isinstance(value, ast.Lambda):
        return value.args
    if not (isinstance(value, ast.Attribute) and dotted_name(value.value) == me):
        return None
    got = inherited(found, value.attr)
    if got is None or not isinstance(got[1], ast.FunctionDef) or got[1].decorator_list:
        return None
    return without_first(got[1].args)


def _function_args(
    reader: Reader, info: ModuleInfo, init: ast.FunctionDef, value: ast.expr
) -> ast.arguments | None:
    """The parameters a call of ``value`` binds to when it is a plain ``def`` of the plugin's
    own, stored on the instance as it is (no instance passed: ``self.run = _run``) or bound to
    it by ``types.MethodType(_run, self)`` (the instance passed first)."""
    bound = isinstance(value, ast.Call)
    if isinstance(value, ast.Call):
        method_type = imported_as(dotted_name(value.func) or "", reader.scope(info))
        if method_type != "types.MethodType" or len(value.args) != 2 or value.keywords:
            return None
        value = value.args[0]
    if not isinstance(value, ast.Name) or value.id in local_names(init):
        return None
    function = reader.own_function(info, value)
    if function is None:
        return None
    return without_first(function.args) if bound else function.args


def getattr_refuses(
    reader: Reader, plugin: Plugin, cls: ClassValue, factory: str
) -> Iterator[Finding]:
    """PC203 for a lifecycle method no class defines when the class's ``__getattr__`` certainly
    raises AttributeError for its name (``if name in (...): ...`` with literals, then
    ``raise AttributeError``): the instance has no such member."""
    found = chain(reader.ns, cls, reader.own)
    if not found.complete or any(c.node.decorator_list for c in found.classes):
        return
    hook = inherited(found, "__getattr__")
    if inherited(found, "__getattribute__") is not None or hook is None:
        return
    fn = hook[1]
    if not isinstance(fn, ast.FunctionDef) or fn.decorator_list:
        return
    params = [*fn.args.posonlyargs, *fn.args.args]
    if len(params) != 2:
        return
    for step in STEPS:
        if inherited(found, step) is not None:
            continue
        raised = _raises(fn.body, params[1].arg, step)
        if raised is None:
            continue
        yield PC203.at(
            plugin,
            Location(hook[0].module.path, raised.lineno, raised.col_offset + 1),
            f"no class of {cls.node.name}'s defines {step}(), and {hook[0].node.name}.__getattr__ "
            f"raises AttributeError for {step!r}: the instance has no {step}, so the host's "
            "isinstance check against the protocol fails",
            fix=f"define {step}() as a method of {cls.node.name}",
            subject=factory,
        )


def _raises(body: list[ast.stmt], param: str, name: str) -> ast.Raise | None:
    """The ``raise AttributeError`` the call ``__getattr__(name)`` certainly reaches."""
    for stmt in body:
        if isinstance(stmt, ast.Raise):
            exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
            return stmt if exc is not None and dotted_name(exc) == "AttributeError" else None
        if isinstance(stmt, ast.If):
            taken = _decided(stmt.test, param, name)
            if taken is None:
                return None
            branch = stmt.body if taken else stmt.orelse
            if any(isinstance(s, ast.Return | ast.Raise) for s in branch) or not branch:
                if not branch:
                    continue
                return _raises(branch, param, name)
            return None
        if isinstance(stmt, ast.Pass) or (
            isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
        ):
            continue
        return None
    return None


def _decided(test: ast.expr, param: str, name: str) -> bool | None:
    """``param in (literals)``, ``param not in ...``, ``param == literal``, ``param != ...``."""
    if not (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == param
        and len(test.ops) == 1
    ):
        return None
    op, right = test.ops[0], test.comparators[0]
    try:
        value = ast.literal_eval(right)
    except ValueError:
        return None
    if isinstance(op, ast.In | ast.NotIn) and isinstance(value, tuple | list | set | frozenset):
        inside = name in value
        return inside if isinstance(op, ast.In) else not inside
    if isinstance(op, ast.Eq | ast.NotEq) and isinstance(value, str):
        return (value == name) == isinstance(op, ast.Eq)
    return None
