"""What calling a plugin class really makes: the object-model steps between ``Cls()`` and the
instance the host gets (issue 12): ``__new__`` returning another object or nothing,
``__init__`` returning a value, a class decorator that returns ``None`` in the class's place.
``factory_product`` asks these while it follows the factory; ``class_factory_refused`` where
the factory is the class itself (a subclass host builds ``Plugin``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.abstract_left import host_class
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.dataclass_post_init import post_init_refusal
from plugcheck.rules.factory import _always_raises
from plugcheck.rules.factory_binding import factory_class
from plugcheck.rules.instance_state import Chain, chain, inherited
from plugcheck.rules.reached import STEPS, Function, Reader, Untold, reader_of, returns_on_target
from plugcheck.rules.signatures.codes import PC210
from plugcheck.rules.straight_code import body_nodes
from plugcheck.rules.super_init import super_call, super_init_refusal
from plugcheck.static.bindings import ClassValue, Foreign, Routine
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.resolve import resolve_dotted
from plugcheck.static.syntax import call_fits
from plugcheck.static.virtual_subclass import virtual


@dataclass(frozen=True, slots=True)
class NewReturns:
    """The ``__new__`` the class inherits first, and what it returns on the target's path
    (``None``: it falls off its end, so ``Cls()`` is ``None``)."""

    fn: Function
    module: ModuleInfo
    returned: ast.expr | None


def new_returns(reader: Reader, cls: ClassValue) -> NewReturns | None:
    """``__new__`` of the plugin's own class chain, when source tells what it returns (or its
    metaclass's ``__call__`` that returns nothing, which decides first)."""
    meta = meta_call_returns_none(reader, cls)
    if meta is not None:
        return meta
    where = _plain_method(reader, cls, "__new__")
    if where is None:
        return None
    owner, fn = where
    returned = returns_on_target(fn.body, reader.scope(owner.module), reader.ns.target)
    if isinstance(returned, Untold):
        return None
    if returned is None and any(isinstance(n, ast.Return) and n.value for n in body_nodes(fn)):
        return None  # a `return <value>` the target's path may still reach: not told
    return NewReturns(fn, owner.module, _allocated(returned, fn))


def _plain_method(
    reader: Reader, cls: ClassValue, name: str
) -> tuple[ClassValue, ast.FunctionDef] | None:
    """Method ``name`` of ``cls``'s own class chain, with the class defining it, when it is a
    plain function (no decorator, not a generator): one whose returns source can tell."""
    where = inherited(chain(reader.ns, cls, reader.own), name)
    if where is None or not isinstance(where[1], ast.FunctionDef) or where[1].decorator_list:
        return None
    if any(isinstance(n, ast.Yield | ast.YieldFrom) for n in body_nodes(where[1])):
        return None
    return where[0], where[1]


def meta_call_returns_none(reader: Reader, cls: ClassValue) -> NewReturns | None:
    """``Cls()`` runs ``type(Cls).__call__``: the plugin's own metaclass (``metaclass=M``)
    whose ``__call__`` returns nothing on the target's path (no ``return`` of a value in it)
    makes every ``Cls()`` evaluate to ``None``; one that returns a literal there (``return
    {"made": cls.__name__}``, a tuple, a constant) or a builtin class's call (``object()``)
    makes it that value, and one returning
    ``cls`` makes it the class itself. Any other value
    (``super().__call__(...)``, an object made of it) is not told."""
    keyword = next((k for k in cls.node.keywords if k.arg == "metaclass"), None)
    meta = reader.ns.value(cls.module, keyword.value, reader.scope(cls.module)) if keyword else None
    if not isinstance(meta, ClassValue) or not reader.mine(meta.module):
        return None
    where = _plain_method(reader, meta, "__call__")
    if where is None:
        return None
    owner, fn = where
    returned = returns_on_target(fn.body, reader.scope(owner.module), reader.ns.target)
    if returned is None and not any(isinstance(n, ast.Return) for n in body_nodes(fn)):
        return NewReturns(fn, owner.module, None)
    if isinstance(returned, LITERAL_VALUES) or (
        isinstance(returned, ast.Name) and class_itself(returned, fn)
    ):
        return NewReturns(fn, owner.module, returned)
    if isinstance(returned, ast.Call) and _builtin_made(returned, reader.scope(owner.module), fn):
        return NewReturns(fn, owner.module, returned)
    return None  # a `return` source would have to follow


_BUILTIN_TYPES = frozenset({"object", "dict", "list", "tuple", "set", "frozenset", "str", "bytes"})
"""Builtin classes whose call makes an object of exactly that class, never of the plugin's."""


def _builtin_made(returned: ast.Call, scope: Mapping[str, object], fn: Function) -> bool:
    """``returned`` is a call of a builtin class that neither the module nor ``fn`` rebinds
    (``object()``, ``dict(made=cls)``): its value is that builtin's, not an instance of the
    class called."""
    if not (
        isinstance(returned.func, ast.Name)
        and returned.func.id in _BUILTIN_TYPES
        and returned.func.id not in scope
    ):
        return False
    name = returned.func.id
    params = {a.arg for a in [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]}
    return name not in params and not _rebinds(fn, name)


def class_itself(returned: ast.expr | Untold | None, fn: Function) -> bool:
    """``returned`` is ``fn``'s first parameter, the class being called, unchanged: ``return
    cls`` in ``__new__`` or a metaclass's ``__call__`` gives the class, not an instance."""
    first = [*fn.args.posonlyargs, *fn.args.args][:1]
    if not first or not isinstance(returned, ast.Name) or returned.id != first[0].arg:
        return False
    return not _rebinds(fn, returned.id)


def _rebinds(fn: Function, name: str) -> bool:
    """``fn``'s body assigns ``name`` somewhere."""
    return any(
        isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
        for n in body_nodes(fn)
    )


LITERAL_VALUES = (
    ast.Constant,
    ast.Tuple,
    ast.List,
    ast.Dict,
    ast.Set,
    ast.ListComp,
    ast.DictComp,
    ast.SetComp,
    ast.JoinedStr,
)
"""Expressions whose value's type source tells whatever names they read."""


def _allocated(returned: ast.expr | None, fn: ast.FunctionDef) -> ast.expr | None:
    """``object.__new__(Other)`` as ``Other()`` (the object it allocates is an ``Other``;
    Python runs no ``__init__`` of ``cls`` on it), other values unchanged."""
    first = [*fn.args.posonlyargs, *fn.args.args][:1]
    if (
        isinstance(returned, ast.Call)
        and dotted_name(returned.func) == "object.__new__"
        and len(returned.args) == 1
        and isinstance(returned.args[0], ast.Name)
        and returned.args[0].id not in {a.arg for a in first}
    ):
        return ast.copy_location(ast.Call(returned.args[0], [], []), returned)
    return returned


def init_returns(reader: Reader, owner: ClassValue, fn: Function) -> ast.expr | None:
    """The value ``__init__`` returns on the target's path when it is certainly not ``None``
    (Python then raises TypeError: ``__init__() should return None``)."""
    returned = returns_on_target(fn.body, reader.scope(owner.module), reader.ns.target)
    if not isinstance(returned, ast.expr):
        return None
    if isinstance(returned, ast.Constant) and returned.value is None:
        return None
    if isinstance(returned, ast.Name) and returned.id not in {"self", "True", "False"}:
        return None  # a name that may well be None
    if isinstance(returned, ast.Call | ast.Attribute | ast.Subscript | ast.BoolOp | ast.IfExp):
        return None  # may be None: source does not tell
    return returned


_PROTOCOLS = {("typing", "Protocol"), ("typing_extensions", "Protocol")}


def is_protocol(reader: Reader, cls: ClassValue) -> bool:
    """``cls`` names ``typing.Protocol`` (perhaps ``Protocol[T]``) among its own bases, and
    neither it nor a base source reads defines ``__init__``: only then does Python refuse to
    instantiate it (``Protocol.__init_subclass__`` swaps in its refusing ``__init__`` only for
    a class whose ``__init__`` is still Protocol's; 3.11 to 3.13 alike)."""
    bases = [
        reader.ns.value(cls.module, _head(b), reader.scope(cls.module)) for b in cls.node.bases
    ]
    protocol = any(isinstance(b, Foreign) and (b.module, b.name) in _PROTOCOLS for b in bases)
    return protocol and not _defines_init(reader, cls, 0)


def _head(base: ast.expr) -> ast.expr:
    return base.value if isinstance(base, ast.Subscript) else base


def _defines_init(reader: Reader, cls: ClassValue, depth: int) -> bool:
    """``cls`` or one of its bases that source reads binds ``__init__`` in its body."""
    for stmt in cls.node.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name == "__init__":
            return True
        targets = list(stmt.targets) if isinstance(stmt, ast.Assign) else []
        targets += [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "__init__" for t in targets):
            return True
    scope = reader.scope(cls.module)
    for base in cls.node.bases:
        found = reader.ns.value(cls.module, _head(base), scope)
        if isinstance(found, ClassValue) and (depth > 8 or _defines_init(reader, found, depth + 1)):
            return True
    return False


def not_subscriptable(reader: Reader, cls: ClassValue) -> bool:
    """``cls[...]`` raises TypeError: its whole chain is the plugin's own undecorated classes
    (so no ``Generic`` base and no metaclass), and no module of theirs spells
    ``__class_getitem__`` anywhere."""
    found = chain(reader.ns, cls, reader.own)
    if not found.complete or any(c.node.decorator_list for c in found.classes):
        return False
    return not any(mentions(c.module, "__class_getitem__") for c in found.classes)


def mentions(info: ModuleInfo, name: str) -> bool:
    return (
        any(n.name == name for n in info.nodes(ast.FunctionDef))
        or any(n.id == name for n in info.nodes(ast.Name))
        or any(n.attr == name for n in info.nodes(ast.Attribute))
        or any(n.value == name for n in info.nodes(ast.Constant))
    )


def decorator_makes_instance(
    reader: Reader, cls: ClassValue
) -> tuple[ast.expr, str, ast.expr] | None:
    """The class's only decorator, a plain module-level ``def`` of the plugin's own whose every
    ``return`` calls its parameter (``return cls()``): after the class statement the class's
    name is bound to an instance of it. The decorator, its name and the returned call."""
    if len(cls.node.decorator_list) != 1:
        return None
    deco = cls.node.decorator_list[0]
    if not isinstance(deco, ast.Name | ast.Attribute):
        return None
    found = reader.ns.value(cls.module, deco, reader.scope(cls.module))
    if not isinstance(found, Routine) or found.in_class or found.opaque:
        return None
    fn = found.node
    if not isinstance(fn, ast.FunctionDef) or fn.decorator_list or not reader.mine(found.module):
        return None
    params = [*fn.args.posonlyargs, *fn.args.args]
    if len(params) != 1 or fn.args.vararg or fn.args.kwarg:
        return None
    param = params[0].arg
    nodes = body_nodes(fn)
    if any(isinstance(n, ast.Yield | ast.YieldFrom) for n in nodes) or any(
        isinstance(n, ast.Name) and n.id == param and not isinstance(n.ctx, ast.Load) for n in nodes
    ):
        return None
    returns = [n.value for n in nodes if isinstance(n, ast.Return)]
    if not returns or not all(
        isinstance(r, ast.Call) and isinstance(r.func, ast.Name) and r.func.id == param
        for r in returns
    ):
        return None
    if not isinstance(fn.body[-1], ast.Return | ast.Raise):
        return None  # it may end without a return: None (decorator_drops_class's case)
    returned = returns[0]
    assert returned is not None
    return deco, fn.name, returned


def decorator_drops_class(reader: Reader, cls: ClassValue) -> tuple[ast.expr, str] | None:
    """A class decorator of the plugin's own (a plain module-level ``def``) that never returns
    a value: after the class statement the class's name is bound to ``None``."""
    return decorator_drops(reader, cls.module, cls.node.decorator_list)


def decorator_drops(
    reader: Reader, module: ModuleInfo, decorators: list[ast.expr]
) -> tuple[ast.expr, str] | None:
    """One of ``decorators`` (of a ``class`` or ``def`` in ``module``) is a plain module-level
    ``def`` of the plugin's own that never returns a value: the decorated name is ``None``."""
    scope = reader.scope(module)
    for deco in decorators:
        if not isinstance(deco, ast.Name | ast.Attribute):
            continue
        found = reader.ns.value(module, deco, scope)
        if not isinstance(found, Routine) or found.in_class or found.opaque:
            continue
        fn = found.node
        if not isinstance(fn, ast.FunctionDef) or fn.decorator_list:
            continue
        if not reader.mine(found.module):
            continue
        nodes = body_nodes(fn)
        if any(isinstance(n, ast.Yield | ast.YieldFrom | ast.Raise) for n in nodes):
            continue
        if any(isinstance(n, ast.Return) and n.value is not None for n in nodes):
            continue
        return deco, fn.name
    return None


def absent_steps(reader: Reader, cls: ClassValue) -> list[str]:
    """The lifecycle members the plugin's own class certainly lacks on the target: its whole
    chain is in source (no metaclass, no other base), nothing but ``dataclass`` decorates it,
    nothing serves attributes (``__getattr__``), its namespace as the target builds it (dead
    branches skipped, ``del`` in the body honoured) binds no such name, and its modules set
    no such name as an attribute, through ``setattr``/``vars``/``exec``, or by a string."""
    found = chain(reader.ns, cls, reader.own)
    if not found.complete or any(
        dotted_name(d.func if isinstance(d, ast.Call) else d) not in _PLAIN_DECORATORS
        and not host_register(reader, c.module, d)
        for c in found.classes
        for d in c.node.decorator_list
    ):
        return []
    names = reader.ns.class_namespace(cls)
    if "__getattr__" in names or "__getattribute__" in names:
        return []
    missing = [step for step in STEPS if step not in names]
    if not missing or any(inherited(found, n) for n in ("__getattr__", "__getattribute__")):
        return []
    for c in found.classes:
        module = c.module
        if may_set_later(module, missing):
            return []
        missing = [
            step
            for step in missing
            if not any(node.value == step for node in module.nodes(ast.Constant))
        ]
    return missing


def host_register(reader: Reader, module: ModuleInfo, deco: ast.expr) -> bool:
    """``deco`` is ``@<the lifecycle protocol>.register``: ABCMeta's register returns the class
    unchanged (another object's ``register`` may return anything)."""
    lifecycle = reader.ctx.contract.lifecycle
    owner = dotted_name(deco.value) if isinstance(deco, ast.Attribute) else None
    if owner is None or lifecycle is None or lifecycle.protocol is None:
        return False
    host = host_class(reader.ctx, lifecycle.protocol)
    found = resolve_dotted(reader.ctx.index, module, owner, reader.ctx.roots(reader.plugin))
    return (
        isinstance(deco, ast.Attribute)
        and deco.attr == "register"
        and isinstance(found, Resolved)
        and host is not None
        and (found.module.path, found.symbol.line) == (host.module.path, host.symbol.line)
    )


def virtual_class(reader: Reader, cls: ClassValue) -> bool:
    """The plugin's class is an ABC's virtual subclass (``Base.register(Cls)``, or the plugin's
    subclass of such a class): mypy does not judge it against the ABC."""
    roots = reader.ctx.roots(reader.plugin)
    protocol = reader.ctx.contract.lifecycle.protocol if reader.ctx.contract.lifecycle else None
    host = host_class(reader.ctx, protocol) if protocol is not None else None
    return reader.mine(cls.module) and virtual(
        reader.ctx.index, cls.module, cls.node, roots, reader.mine, host
    )


_PLAIN_DECORATORS = ("dataclass", "dataclasses.dataclass")
"""Class decorators that add no lifecycle member."""
_OPENERS = ("setattr", "vars", "globals", "exec", "locals")
"""Calls that may set a lifecycle member no source line spells."""


def may_set_later(info: ModuleInfo, missing: list[str]) -> bool:
    """Whether the module may add a ``missing`` member to a class after it is made: an
    attribute of that name assigned, or a call that may set one no source line spells."""
    return any(
        node.attr in missing and isinstance(node.ctx, ast.Store)
        for node in info.nodes(ast.Attribute)
    ) or any(
        isinstance(node.func, ast.Name) and node.func.id in _OPENERS
        for node in info.nodes(ast.Call)
    )


@plugin_check(PC210)
def class_factory_refused(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """:func:`construction_refused` where the lifecycle's factory is the plugin's class itself
    (a subclass host builds ``Plugin`` with the options): a class decorator leaving ``None`` or
    an instance in its place, a Protocol class, an ``__init__`` returning a value."""
    bound = factory_class(ctx, plugin)
    if bound is None:
        return
    stmt, info = bound
    assert isinstance(stmt, ast.ClassDef)
    reader = reader_of(ctx, plugin)
    cls = reader.ns.value(info, ast.Name(stmt.name, ast.Load()), reader.scope(info))
    if not isinstance(cls, ClassValue) or not reader.mine(cls.module):
        return
    factory = ctx.contract.factory_of(plugin) or stmt.name
    made = decorator_makes_instance(reader, cls) if ctx.contract.kind == "subclass" else None
    if made is not None:
        # A subclass host asks issubclass(<export>, base) first: an instance fails it whether
        # or not its class defines __call__.
        yield PC210.at(
            plugin,
            Location(cls.module.path, made[0].lineno, made[0].col_offset + 1),
            f"the class decorator {made[1]}() returns `{ast.unparse(made[2])[:40]}`, an instance, "
            f"so after the class statement `{stmt.name}` is an instance of {stmt.name}, not the "
            "class: the host's issubclass() check on it fails with TypeError",
            fix=f"end {made[1]}() with `return cls`",
            subject=factory,
        )
        return
    refused = construction_refused(reader, plugin, cls, f"the host's {factory}(...)", factory)
    if refused is not None:
        yield refused


def construction_refused(
    reader: Reader, plugin: Plugin, cls: ClassValue, label: str, factory: str
) -> Finding | None:
    """PC210 when making ``cls`` fails before any lifecycle call: its own class decorator
    left ``None`` in its place, or its ``__init__`` raises on every call or returns a value."""
    node = cls.node
    if is_protocol(reader, cls):
        return PC210.at(
            plugin,
            Location(cls.module.path, node.lineno, node.col_offset + 1),
            f"{node.name} lists typing.Protocol among its bases, so it is a protocol class: "
            f"Python refuses to instantiate it, and the host's call to {label} fails with "
            "TypeError",
            fix=f"drop Protocol from {node.name}'s bases (a class implementing a protocol "
            "need not name it), or make the factory return an instance of a concrete class",
            subject=factory,
        )
    dropped = decorator_drops_class(reader, cls)
    if dropped is not None:
        deco, name = dropped
        return PC210.at(
            plugin,
            Location(cls.module.path, deco.lineno, deco.col_offset + 1),
            f"the class decorator {name}() returns None, so after the class statement "
            f"`{node.name}` is None: {label} calls None and fails with TypeError",
            fix=f"end {name}() with `return cls`",
            subject=factory,
        )
    found = chain(reader.ns, cls, reader.own)
    made = decorator_makes_instance(reader, cls)
    if made is not None and found.complete and inherited(found, "__call__") is None:
        return PC210.at(
            plugin,
            Location(cls.module.path, made[0].lineno, made[0].col_offset + 1),
            f"the class decorator {made[1]}() returns `{ast.unparse(made[2])[:40]}`, an instance, "
            f"so after the class statement `{node.name}` is an instance of {node.name}, not the "
            f"class: {label} calls it and fails with TypeError ('{node.name}' object is not "
            "callable)",
            fix=f"end {made[1]}() with `return cls`, and make the instance in the factory",
            subject=factory,
        )
    refused = post_init_refusal(found)
    if refused is not None:
        where, why = refused
        return PC210.at(
            plugin,
            Location(cls.module.path, where.lineno, where.col_offset + 1),
            f"{node.name}.{why}: making {node.name} always fails, and so does the host's call "
            f"to {label}",
            fix=f"make {node.name}.__post_init__ succeed on the values it is given",
            subject=factory,
        )
    if any(c.node.decorator_list for c in found.classes):
        return None  # a class decorator may replace the class or its members
    init = inherited(found, "__init__")
    if init is None or not isinstance(init[1], Function) or init[1].decorator_list:
        return None
    raised = _always_raises(init[1])
    if raised is not None:
        return PC210.at(
            plugin,
            Location(init[0].module.path, raised.lineno, raised.col_offset + 1),
            f"{init[0].node.name}.__init__ raises on every call (`{ast.unparse(raised)[:50]}`): "
            f"making {node.name} always fails, and so does the host's call to {label}",
            fix=f"make {init[0].node.name}.__init__ succeed, or raise only on a condition",
            subject=factory,
        )
    value = init_returns(reader, init[0], init[1])
    if value is None:
        return None
    return PC210.at(
        plugin,
        Location(init[0].module.path, value.lineno, value.col_offset + 1),
        f"{init[0].node.name}.__init__ returns {ast.unparse(value)[:40]}, not None: making "
        f"{node.name} raises TypeError ('__init__() should return None'), so the host's call "
        f"to {label} fails",
        fix="end __init__ without a value: `return` or nothing",
        subject=factory,
    )


def new_unfit(
    plugin: Plugin,
    found: Chain,
    positional: int,
    keywords: tuple[str, ...],
    where: Location,
    label: str,
    factory: str,
) -> Finding | None:
    """PC210 when the ``__new__`` of the plugin's own class chain cannot take the factory's
    call of the class (``positional`` arguments and ``keywords``): Python calls it first with
    the same arguments as ``__init__``, and mypy judges the call by ``__init__`` alone where
    one class defines both."""
    new = inherited(found, "__new__")
    fn = new[1] if new is not None else None
    if new is None or not isinstance(fn, ast.FunctionDef):
        return None
    if any(c.node.keywords for c in found.classes) or any(
        dotted_name(d) != "staticmethod" for d in fn.decorator_list
    ):
        return None  # a metaclass's __call__ decides, or a decorator replaced it
    init = inherited(found, "__init__")
    if init is None or found.classes.index(init[0]) > found.classes.index(new[0]):
        return None  # mypy judges the call by this __new__ itself (PC210 of its own)
    if call_fits(fn.args, positional + 1, keywords):
        return None
    owner, cls = new[0].node.name, found.classes[0].node.name
    passed = ", ".join([f"{positional} positional argument{'s' * (positional != 1)}"])
    passed += "".join(f", {k}=" for k in keywords)
    return PC210.at(
        plugin,
        where,
        f"{label} calls {cls}(...) with {passed}, which {owner}.__new__({ast.unparse(fn.args)}) "
        "does not take (Python calls __new__ with the same arguments before __init__): the "
        f"host's call to {label} fails with TypeError",
        fix=f"give {owner}.__new__ the parameters of __init__ (or *args, **kwargs)",
        subject=factory,
    )


def super_unfit(
    ctx: Context, plugin: Plugin, cls: ClassValue, label: str, factory: str
) -> Finding | None:
    """PC210 when the class's own ``__init__`` passes its base's ``__init__`` what that one
    cannot take on every path (``super().__init__("fast")`` into ``def __init__(self)``)."""
    why = super_init_refusal(ctx, plugin, cls.module, cls.node)
    call = super_call(cls.node) if why is not None else None
    if why is None or call is None:
        return None
    return PC210.at(
        plugin,
        Location(cls.module.path, call.lineno, call.col_offset + 1),
        f"{label} makes {cls.node.name}, but {why}: the host's call to {label} fails with "
        "TypeError",
        fix="pass the base's __init__ what it takes",
        subject=factory,
    )
