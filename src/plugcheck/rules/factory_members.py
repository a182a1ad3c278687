"""Lifecycle members of the factory's class that are not plain methods, read from source:
``run = lambda: None``, ``run = property(...)``, a descriptor, a method under a decorator of the
plugin's own that returns its wrapper, and ``del Plugin.run`` after the class."""

from __future__ import annotations

import ast
import builtins
import inspect
import types
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.attribute_never_set import stored_anywhere
from plugcheck.rules.attribute_recursion import guarded_read, recursing_hook
from plugcheck.rules.context_exits import raising_exit
from plugcheck.rules.decorated_away import taken_away
from plugcheck.rules.factory import _SIMPLE, PC517, PC518
from plugcheck.rules.factory_construct import absent_steps, virtual_class
from plugcheck.rules.overload_stub import overload_stub, stub_fix, stub_message
from plugcheck.rules.reached import STEPS, Function, Reader, returns_on_target
from plugcheck.rules.signatures.codes import PC203, PC204
from plugcheck.static.applied import imported_as
from plugcheck.static.bindings import ClassValue, Instance, NotFunction, Routine
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.syntax import LITERALS, call_fits, call_refusal


def decorator_name(node: ast.expr) -> str:
    return (dotted_name(node.func if isinstance(node, ast.Call) else node) or "").rsplit(".")[-1]


def decorated(
    plugin: Plugin, reader: Reader, cls: ClassValue, method: Function
) -> Iterator[Finding]:
    """A lifecycle method under one decorator of the plugin's own that returns a function it
    defines (a wrapper without ``functools.wraps`` or with): the host calls that function as a
    method, the instance first."""
    yield from _dispatched(plugin, reader, cls, method)
    for decorator in method.decorator_list:
        exits = raising_exit(reader, cls.module, decorator)
        if exits is not None:
            yield PC517.at(
                plugin,
                Location(cls.module.path, decorator.lineno, decorator.col_offset + 1),
                f"{cls.node.name}.{method.name}() runs under @{ast.unparse(decorator)[:40]}, a "
                f"contextlib.contextmanager of the plugin's whose exit always raises "
                f"(`{ast.unparse(exits[1])[:60]}` after its yield, line {exits[1].lineno}): "
                "every call the host makes fails",
                fix=f"let {exits[0].name}() finish without raising (or raise only on a real "
                "failure)",
                subject=method.name,
            )
            return
    passed = STEPS[method.name] + 1
    misfit = wrapper_misfit(reader, cls.module, method, passed)
    if misfit is None:
        return
    outer, inner = misfit
    yield PC204.at(
        plugin,
        Location(cls.module.path, method.lineno, method.col_offset + 1),
        f"{cls.node.name}.{method.name} is what @{outer.name} returns, {inner.name}"
        f"({ast.unparse(inner.args)}), which does not take the instance and the host's "
        f"{passed - 1} argument{'s' * (passed != 2)}: the host's {method.name}() call raises "
        "TypeError",
        fix=f"make {inner.name} take (*args, **kwargs) and pass them on",
        subject=method.name,
    )


def wrapper_misfit(
    reader: Reader,
    module: ModuleInfo,
    method: Function,
    passed: int,
    keywords: tuple[str, ...] = (),
) -> tuple[ast.FunctionDef, ast.FunctionDef] | None:
    """(decorator, the function it returns) where ``method``'s one decorator is a plain
    module-level ``def`` of the plugin's own (a decorator factory applied without its
    parentheses, ``@retry`` for ``@retry()``, included) that returns a function it defines,
    plain or under ``functools.wraps``, whose parameters cannot take ``passed`` positional
    arguments (the instance first) and ``keywords``: the class binds that function, and every
    call fails."""
    if len(method.decorator_list) != 1 or not isinstance(method.decorator_list[0], ast.Name):
        return None
    deco = reader.ns.value(module, method.decorator_list[0], reader.scope(module))
    if not isinstance(deco, Routine) or deco.in_class or not reader.mine(deco.module):
        return None
    outer = deco.node
    if not isinstance(outer, ast.FunctionDef) or outer.decorator_list:
        return None
    returned = returns_on_target(outer.body, reader.scope(deco.module), reader.ns.target)
    inner = next(
        (
            s
            for s in outer.body
            if isinstance(s, ast.FunctionDef)
            and isinstance(returned, ast.Name)
            and s.name == returned.id
        ),
        None,
    )
    if inner is None or any(decorator_name(d) != "wraps" for d in inner.decorator_list):
        return None
    return None if call_fits(inner.args, passed, keywords) else (outer, inner)


def _dispatched(
    plugin: Plugin, reader: Reader, cls: ClassValue, method: Function
) -> Iterator[Finding]:
    """A lifecycle method the host calls with no argument under ``functools.singledispatchmethod``:
    the dispatcher picks the implementation by the class of the first argument after the
    instance, and there is none (IndexError or TypeError on every call)."""
    if STEPS[method.name] or not method.decorator_list:
        return
    deco = method.decorator_list[0]  # the outermost: what the class binds
    deco = deco.func if isinstance(deco, ast.Call) else deco
    scope = reader.scope(cls.module)
    if imported_as(dotted_name(deco) or "", scope) != "functools.singledispatchmethod":
        return
    yield PC204.at(
        plugin,
        Location(cls.module.path, method.lineno, method.col_offset + 1),
        f"{cls.node.name}.{method.name} is a functools.singledispatchmethod, which dispatches on "
        f"the first argument after the instance, and the host calls {method.name}() with none: "
        "every call raises (IndexError or TypeError, by Python version)",
        fix=f"make {method.name} a plain method; dispatch inside it on a value it has",
        subject=method.name,
    )


def deleted(
    plugin: Plugin, cls: ClassValue, label: str, reader: Reader, unjudged: bool = False
) -> Iterator[Finding]:
    """``del Plugin.run`` at the top level of the class's module, after the class; a base's
    ``__init_subclass__`` setting ``cls.run = None``; a lifecycle method the class never binds
    on the target (defined only under a platform test the target fails, ``del`` in the body)."""
    yield from _nulled(plugin, cls, label, reader)
    yield from _absent(plugin, cls, label, reader, unjudged)
    tree = cls.module.tree
    for stmt in tree.body if tree else []:
        if not isinstance(stmt, ast.Delete) or stmt.lineno < cls.node.lineno:
            continue
        for target in stmt.targets:
            name = dotted_name(target) or ""
            owner, _, member = name.rpartition(".")
            if owner == cls.node.name and member in STEPS:
                yield PC203.at(
                    plugin,
                    Location(cls.module.path, stmt.lineno, stmt.col_offset + 1),
                    f"`{ast.unparse(stmt)}` removes {member}() from {owner} after the class is "
                    f"made: what {label} returns has no {member}, and the host's "
                    "isinstance check against the protocol fails",
                    fix=f"keep {member}() (drop the `del`)",
                    subject=label.removesuffix("()"),
                )


def decorated_away(
    plugin: Plugin, cls: ClassValue, label: str, reader: Reader
) -> Iterator[Finding]:
    """A lifecycle method the class's own decorator deletes, sets to ``None`` or replaces by a
    property of a constant (``decorated_away.taken_away``)."""
    for away in taken_away(reader, cls):
        yield PC203.at(
            plugin,
            Location(away.module.path, away.where.lineno, away.where.col_offset + 1),
            f"@{away.decorator.name} on {cls.node.name} `{ast.unparse(away.where)}`: the class "
            f"it returns has its {away.member}() {away.how}, so what {label} returns has no "
            f"callable {away.member}: the host's isinstance check against the protocol fails "
            f"(or, where it passes, its {away.member}() call)",
            fix=f"keep {away.member}() (drop `{ast.unparse(away.where)}` from the decorator)",
            subject=label.removesuffix("()"),  # the host's check of what the factory made
        )


def _absent(
    plugin: Plugin, cls: ClassValue, label: str, reader: Reader, unjudged: bool
) -> Iterator[Finding]:
    lifecycle = reader.ctx.contract.lifecycle
    if lifecycle is None or lifecycle.calls is not None:
        return  # the host's own calls name the methods it needs
    # Only names the class body spells somewhere, or another definition of the class under a
    # test the target fails; any name for a class mypy does not judge (bound in a branch, or
    # picked by `a if c else b`). mypy and the harness judge a method simply not written.
    absent = absent_steps(reader, cls)  # most classes lack none: then no body is read
    spelled = {
        name
        for node in (cls.module.nodes(ast.ClassDef) if absent and not unjudged else ())
        if node.name == cls.node.name
        for name in _spelled(node.body)
    }
    missing = [m for m in absent if unjudged or m in spelled]
    shown = ", ".join(f"{m}()" for m in missing)
    if missing and virtual_class(reader, cls):
        yield PC203.at(
            plugin,
            Location(cls.module.path, cls.node.lineno, cls.node.col_offset + 1),
            f"{cls.node.name} is an ABC's virtual subclass (registered, or derived from a class "
            f"that is), which isinstance() accepts, but it has no {shown}: a virtual subclass "
            f"inherits nothing from the ABC, so the host's {missing[0]}() call raises "
            "AttributeError",
            fix=f"define {shown} in {cls.node.name}, or derive it from the host's class",
            subject=missing[0] if len(missing) == 1 else label.removesuffix("()"),
        )
    elif missing:
        yield PC203.at(
            plugin,
            Location(cls.module.path, cls.node.lineno, cls.node.col_offset + 1),
            f"{cls.node.name} has no {shown} where the host runs (not in the "
            f"class the target gets, or deleted from it): what {label} returns fails the host's "
            "isinstance check against the protocol",
            fix=f"define {shown} for every platform and version the host runs on",
            subject=label.removesuffix("()"),
            step="identity",  # withdrawn when the harness's class check of it passed
        )


def _spelled(body: list[ast.stmt]) -> set[str]:
    """Names a class body binds anywhere in its statements (branches included, not inside
    its functions)."""
    found: set[str] = set()
    for stmt in body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found.add(stmt.name)
        elif isinstance(stmt, ast.Assign | ast.AnnAssign):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            found.update(t.id for t in targets if isinstance(t, ast.Name))
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, field, None)
            if isinstance(inner, list) and not isinstance(stmt, ast.FunctionDef | ast.ClassDef):
                found |= _spelled([s for s in inner if isinstance(s, ast.stmt)])
        for handler in getattr(stmt, "handlers", []):
            found |= _spelled(handler.body)
    return found


def _nulled(plugin: Plugin, cls: ClassValue, label: str, reader: Reader) -> Iterator[Finding]:
    """A direct base of the plugin's own whose ``__init_subclass__`` sets ``cls.run = None``
    among its straight-line statements: it runs after the class body, so the subclass's own
    ``run`` is replaced by ``None`` (unless the module assigns ``Cls.run`` itself)."""
    tree = cls.module.tree
    reassigned = {
        dotted_name(t)
        for stmt in (tree.body if tree else [])
        if isinstance(stmt, ast.Assign)
        for t in stmt.targets
    }
    scope = reader.scope(cls.module)
    for base in cls.node.bases:
        found = reader.ns.value(cls.module, base, scope)
        if not isinstance(found, ClassValue) or not reader.mine(found.module):
            continue
        hook = next(
            (
                s
                for s in found.node.body
                if isinstance(s, ast.FunctionDef) and s.name == "__init_subclass__"
            ),
            None,
        )
        params = [a.arg for a in (*hook.args.posonlyargs, *hook.args.args)] if hook else []
        if hook is None or not params:
            continue
        for stmt in hook.body:
            match stmt:
                case ast.Assign(
                    targets=[ast.Attribute(value=ast.Name(id=first), attr=member)],
                    value=ast.Constant(value=None),
                ) if first == params[0] and member in STEPS:
                    if f"{cls.node.name}.{member}" in reassigned:
                        continue
                    yield PC203.at(
                        plugin,
                        Location(found.module.path, stmt.lineno, stmt.col_offset + 1),
                        f"{found.node.name}.__init_subclass__ sets `{member} = None` on every "
                        f"subclass after its body runs, {cls.node.name} included: what {label} "
                        f"returns has no callable {member}, and the host's isinstance check "
                        "against the protocol fails",
                        fix=f"do not set {member} in __init_subclass__ (or only when the "
                        "subclass lacks it)",
                        subject=label.removesuffix("()"),
                    )
            if not isinstance(stmt, _SIMPLE):
                break


def member_arity(
    plugin: Plugin, reader: Reader, cls: ClassValue, unjudged: bool = False
) -> Iterator[Finding]:
    """Lifecycle members bound in the class body to a lambda or function (``run = _run``):
    called as a bound method, the instance comes first. ``unjudged``: mypy does not judge the
    class, so a member bound only to a literal (``run = None``) is said here."""
    node = cls.node
    scope = reader.scope(cls.module)
    for step in STEPS:
        stub = overload_stub(reader, cls.module, node, step)
        if stub is not None:
            yield PC203.at(
                plugin,
                Location(cls.module.path, stub.lineno, stub.col_offset + 1),
                stub_message(node.name, step),
                fix=stub_fix(node.name, step),
                subject=step,
            )
    recursing = recursing_hook(reader, node, frozenset(STEPS))
    if recursing is not None:
        read, hook = recursing
        why = "" if hook == "__getattribute__" else ", which nothing sets,"
        yield PC203.at(
            plugin,
            Location(cls.module.path, read.lineno, read.col_offset + 1),
            f"{node.name}.{hook} reads self.{read.attr}{why} and that read runs {hook} "
            f"again: the host's lookup of a member on a {node.name} recurses until "
            "RecursionError (its isinstance check against the protocol fails)",
            fix=f"read through object.__getattribute__(self, {read.attr!r}) inside {hook}"
            + ("" if hook == "__getattribute__" else f", and set {read.attr} in __init__"),
        )
    guarded = guarded_read(node, tuple(STEPS)) if recursing is None else None
    if guarded is not None:
        read, step, raised = guarded
        yield PC203.at(
            plugin,
            Location(cls.module.path, read.lineno, read.col_offset + 1),
            f"{node.name}.{step}() reads self.{read.attr} on every call, and "
            f"{node.name}.__getattribute__ raises for that name (line {raised.lineno}: "
            f"`{ast.unparse(raised)[:60]}`): the host's {step}() call fails",
            fix=f"read it through object.__getattribute__(self, {read.attr!r}), or let "
            "__getattribute__ pass the class's own attributes",
            subject=step,
        )
    for stmt in node.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
            continue
        name = dotted_name(stmt.targets[0])
        if name not in STEPS:
            continue
        if _rebinds_def(reader, node, stmt, name, unjudged):
            after = " after its def" if name in _spelled(node.body[: node.body.index(stmt)]) else ""
            yield PC203.at(
                plugin,
                Location(cls.module.path, stmt.lineno, stmt.col_offset + 1),
                f"{node.name}.{name} is bound to {_shown(stmt.value)}{after}: the class keeps "
                f"the last binding, which is not callable, so the host's {name}() call raises "
                "TypeError",
                fix=f"rename the attribute (it replaces the method {name})",
                subject=name,
            )
            continue
        getter = _property_getter(stmt.value) if "property" not in scope else None
        if getter is not None:
            yield PC518.at(
                plugin,
                Location(cls.module.path, stmt.lineno, stmt.col_offset + 1),
                f"{node.name}.{name} is a property whose value is {ast.unparse(getter.body)}, "
                f"not callable: the host's {name}(...) call raises TypeError",
                fix=f"bind {name} to a method, not a property",
                subject=name,
            )
            continue
        value = reader.ns.value(cls.module, stmt.value, scope)
        got = _descriptor_value(reader, value) if isinstance(value, Instance) else None
        if got is not None:
            yield PC518.at(
                plugin,
                Location(cls.module.path, stmt.lineno, stmt.col_offset + 1),
                f"{node.name}.{name} is {_shown(stmt.value)}, a descriptor whose __get__ "
                f"returns {ast.unparse(got)}, not callable: the host's {name}(...) call raises "
                "TypeError",
                fix=f"bind {name} to a method, or return a callable from __get__",
                subject=name,
            )
            continue
        builtin = _builtin_refuses(stmt.value, value, STEPS[name])
        if builtin is not None:
            yield PC204.at(
                plugin,
                Location(cls.module.path, stmt.lineno, stmt.col_offset + 1),
                f"{node.name}.{name} is bound to the builtin {builtin}, which is no method (it "
                f"does not get the instance): the host's {name}() call passes it "
                f"{STEPS[name]} argument{'s' * (STEPS[name] != 1)}, which it does not take, "
                "so the call raises TypeError",
                fix=f"define {name} as a method: def {name}(self{', arg' * STEPS[name]}): ...",
                subject=name,
            )
            continue
        over = _partial_method_refusal(reader, cls, stmt, name)
        if over is not None:
            yield PC204.at(
                plugin,
                Location(cls.module.path, stmt.lineno, stmt.col_offset + 1),
                f"{node.name}.{name} is {_shown(stmt.value)}: the host's {name}() call runs "
                f"{over[0]}() with the instance, the partialmethod's arguments and the host's "
                f"{STEPS[name]}, and {over[1]}: TypeError",
                fix=f"drop the partialmethod's extra arguments, or define {name} as a method",
                subject=name,
            )
            continue
        if not isinstance(value, Routine) or value.opaque or value.wrapped_by or value.bound:
            continue
        fn = value.node
        if isinstance(fn, ast.Lambda):
            if fn.args.posonlyargs or fn.args.kwonlyargs or fn.args.vararg or fn.args.kwarg:
                continue
        elif fn.decorator_list and value.kind == "function":
            continue
        if value.kind != "function" or call_fits(fn.args, STEPS[name] + 1, ()):
            continue  # mypy judges staticmethod(f) and classmethod(f) members
        took = len([*fn.args.posonlyargs, *fn.args.args])
        passed = STEPS[name] + 1
        yield PC204.at(
            plugin,
            Location(cls.module.path, stmt.lineno, stmt.col_offset + 1),
            f"{node.name}.{name} is bound to {_shown(stmt.value)}, which takes {took} "
            f"positional parameter{'s' * (took != 1)}: as a method it gets the instance and "
            f"the host's {passed - 1} argument{'s' * (passed != 2)}, {passed} in all, so the "
            f"host's {name}() call raises TypeError",
            fix=f"define {name} as a method: def {name}(self{', arg' * STEPS[name]}): ...",
            subject=name,
        )


def _rebinds_def(
    reader: Reader, node: ast.ClassDef, stmt: ast.Assign, name: str, unjudged: bool
) -> bool:
    """``shutdown = "graceful"`` after ``def shutdown`` in the class body (mypy keeps the def's
    type), or alone in a class mypy does not judge: a literal, the body's last binding of
    ``name``, in a class that nothing decorates or builds with a metaclass, where no code of
    the plugin stores an attribute ``name``."""
    if not isinstance(stmt.value, LITERALS) or node.decorator_list or node.keywords:
        return False
    body = node.body
    earlier = body[: body.index(stmt)]
    later = body[body.index(stmt) + 1 :]
    if not unjudged and not any(isinstance(s, ast.FunctionDef) and s.name == name for s in earlier):
        return False  # a literal alone is mypy's (PC203)
    if any(name in _spelled([s]) or not isinstance(s, _PLAIN) for s in later):
        return False
    stored = stored_anywhere(reader)
    return stored is not None and name not in stored


def _partial_method_refusal(
    reader: Reader, cls: ClassValue, stmt: ast.Assign, name: str
) -> tuple[str, str] | None:
    """``init = functools.partialmethod(_configure, {...})`` over an undecorated ``def`` of the
    class body before it, as the body's last binding of ``name``, in an undecorated class with
    no metaclass, where no code of the plugin stores ``name``: the function's name and why the
    host's call does not bind (the instance, the partial's arguments, then the host's)."""
    node, call = cls.node, stmt.value
    if not isinstance(call, ast.Call) or not call.args or node.decorator_list or node.keywords:
        return None
    if imported_as(dotted_name(call.func) or "", reader.scope(cls.module)) != (
        "functools.partialmethod"
    ):
        return None
    first, *given = call.args
    if any(isinstance(a, ast.Starred) for a in given) or any(k.arg is None for k in call.keywords):
        return None
    body = node.body
    earlier, later = body[: body.index(stmt)], body[body.index(stmt) + 1 :]
    if not isinstance(first, ast.Name) or any(name in _spelled([s]) for s in later):
        return None
    fn = None
    for s in earlier:
        if first.id in _spelled([s]):
            fn = s if isinstance(s, ast.FunctionDef) and s.name == first.id else None
    if fn is None or fn.decorator_list:
        return None
    stored = stored_anywhere(reader)
    if stored is None or name in stored:
        return None
    passed = 1 + len(given) + STEPS[name]
    why = call_refusal(fn.args, passed, [k.arg for k in call.keywords if k.arg], "the call")
    return (fn.name, why) if why is not None else None


_PLAIN = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Assign, ast.AnnAssign, ast.Expr, ast.Pass)


def _builtin_refuses(expr: ast.expr, value: object, passed: int) -> str | None:
    """``run = len``: a builtin function (no descriptor: called through the instance it gets
    only the host's arguments) whose signature does not take ``passed`` arguments, shown."""
    if not isinstance(value, NotFunction) or value.inner is not None:
        return None
    if not isinstance(expr, ast.Name):
        return None
    found = getattr(builtins, expr.id, None)
    if not isinstance(found, types.BuiltinFunctionType):
        return None
    try:
        inspect.signature(found).bind(*[None] * passed)
    except TypeError:
        return f"{expr.id}{inspect.signature(found)}"
    except ValueError:  # no signature known
        return None
    return None


def _descriptor_value(reader: Reader, value: Instance) -> ast.Constant | None:
    """The constant a plugin's own descriptor class's ``__get__`` returns on the path the target
    runs (a non-data descriptor as a class attribute: attribute access calls ``__get__``)."""
    cls = value.cls
    if not reader.mine(cls.module) or cls.node.bases or cls.node.decorator_list:
        return None
    get = next(
        (s for s in cls.node.body if isinstance(s, ast.FunctionDef) and s.name == "__get__"),
        None,
    )
    if get is None or get.decorator_list:
        return None
    returned = returns_on_target(get.body, reader.scope(cls.module), reader.ns.target)
    if returned is None:
        return ast.Constant(None)
    return returned if isinstance(returned, ast.Constant) else None


def _property_getter(value: ast.expr) -> ast.Lambda | None:
    """``property(lambda self: <constant>)``: a getter whose value is never callable."""
    match value:
        case ast.Call(func=ast.Name(id="property"), args=[ast.Lambda() as getter, *_]):
            return getter if isinstance(getter.body, ast.Constant) else None
    return None


def _shown(expr: ast.expr) -> str:
    text = ast.unparse(expr)
    return f"`{text if len(text) <= 40 else text[:37] + '...'}`"
