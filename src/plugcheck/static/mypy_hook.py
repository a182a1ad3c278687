"""The mypy plugin behind the signature checks: it judges the calls in plugcheck's check modules.

A generated check module calls ``_plugcheck_support.export(id, cast(Expected, None), actual)`` and
``_plugcheck_support.lifecycle(id, cast(Protocol, None), factory)``. mypy infers the argument
types; this hook compares them with mypy's own subtype machinery and reports each problem as one
error whose message is ``PLUGCHECK <json>`` (``mypy_names.MARKER``). mypy caches those errors
with the check module, so a warm run re-reports them without re-running the hook.

Only imported inside a mypy build (it imports mypy).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from mypy.erasetype import erase_typevars
from mypy.errorcodes import ErrorCode
from mypy.maptype import map_instance_to_supertype
from mypy.messages import format_type_bare, pretty_callable
from mypy.nodes import (
    ARG_NAMED,
    ARG_OPT,
    ARG_POS,
    ARG_STAR,
    ARG_STAR2,
    IS_ABSTRACT,
    Decorator,
    FuncDef,
    IntExpr,
    OverloadedFuncDef,
    StrExpr,
    TypeInfo,
)
from mypy.options import Options
from mypy.plugin import FunctionContext, Plugin, ReportConfigContext
from mypy.subtypes import find_member, is_callable_compatible, is_subtype
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    NoneType,
    Overloaded,
    ProperType,
    Type,
    TypedDictType,
    TypeOfAny,
    TypeType,
    UnionType,
    get_proper_type,
)

from plugcheck.static.mypy_members import HostUses as Uses
from plugcheck.static.mypy_members import host_uses, member_fit
from plugcheck.static.mypy_names import MARKER, SUPPORT
from plugcheck.static.mypy_params import explain_params
from plugcheck.static.mypy_unbound import class_member, unbound_builtin

CODE = ErrorCode("plugcheck", "A plugin contract check", "General")
HOOK_VERSION = "15"
"""Bump when the payloads change: cached check modules are then re-checked."""

Payload = dict[str, Any]


class SignaturePlugin(Plugin):
    """Hooks ``_plugcheck_support.export`` and ``.lifecycle``; everything else is plain mypy."""

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        if fullname == f"{SUPPORT}.export":
            return self._hook(_export)
        if fullname == f"{SUPPORT}.lifecycle":
            return self._hook(_lifecycle)
        return None

    def report_config_data(self, ctx: ReportConfigContext) -> Any:
        return {"plugcheck-hook": HOOK_VERSION} if ctx.id.startswith("_plugcheck") else None

    def _hook(
        self, judge: Callable[[Type, Type, Options, str, Uses], list[Payload]]
    ) -> Callable[[FunctionContext], Type]:
        def hook(ctx: FunctionContext) -> Type:
            if len(ctx.args) < 3 or not all(len(a) == 1 for a in ctx.args[:3]):
                return ctx.default_return_type
            check_id = ctx.args[0][0]
            if not isinstance(check_id, IntExpr):
                return ctx.default_return_type
            extra = ctx.args[3] if len(ctx.args) > 3 else []
            calls = extra[0].value if extra and isinstance(extra[0], StrExpr) else ""
            modules = getattr(ctx.api, "modules", {})
            uses = functools.partial(host_uses, modules)
            got = judge(ctx.arg_types[1][0], ctx.arg_types[2][0], self.options, calls, uses)
            for payload in got:
                payload["check"] = check_id.value
                ctx.api.fail(MARKER + json.dumps(payload, sort_keys=True), ctx.context, code=CODE)
            return ctx.default_return_type

        return hook


def plugin(version: str) -> type[Plugin]:
    """Entry point mypy expects of a plugin module (unused: plugcheck passes an instance)."""
    return SignaturePlugin


# --- judging ----------------------------------------------------------------------------


def _fmt(typ: Type, options: Options) -> str:
    return format_type_bare(typ, options)


def _describe(typ: Type, options: Options) -> str:
    """``def new(size: int) -> Plugin`` for a function, the type otherwise."""
    proper = get_proper_type(typ)
    if isinstance(proper, CallableType) and isinstance(proper.definition, FuncDef):
        return pretty_callable(proper, options)
    return _fmt(proper, options)


def _unannotated(typ: ProperType) -> bool:
    if isinstance(typ, AnyType):
        return typ.type_of_any in (TypeOfAny.unannotated, TypeOfAny.implementation_artifact)
    return isinstance(typ, CallableType) and typ.implicit


def _export(
    expected: Type, actual: Type, options: Options, _calls: str = "", uses: Uses | None = None
) -> list[Payload]:
    exp, got = get_proper_type(expected), get_proper_type(actual)
    if isinstance(exp, AnyType):
        return [{"kind": "expected-any"}]  # the contract type is Any to mypy: nothing to compare
    if isinstance(got, AnyType) or _joined_object(got):
        return [{"kind": "any", "expected": _fmt(exp, options)}]
    if is_subtype(got, exp, options=options):
        return [{"kind": "unannotated"}] if _unannotated(got) else []
    payload: Payload = {
        "kind": "mismatch",
        "expected": _fmt(exp, options),
        "got": _fmt(got, options),
        "got_def": _describe(got, options),
    }
    if isinstance(exp, CallableType):
        call = _as_callable(got)
        if call is None:
            payload["reason"] = f"{_fmt(got, options)} is not callable"
            payload["not_callable"] = True
        elif _params_ok(call, exp):
            payload["params_ok"] = True
            payload["reason"] = (
                f"it returns {_fmt(call.ret_type, options)}, "
                f"the host expects {_fmt(exp.ret_type, options)}"
            )
        else:
            payload["reason"] = explain_params(call, exp, options)
    elif isinstance(exp, Instance) and exp.type.is_protocol and isinstance(got, Instance):
        host = functools.partial(uses, exp.type.module_name) if uses else (lambda _: None)
        payload |= member_fit(exp, got, _members(exp), _conflict, options, host)
        if payload.get("fits_by_use"):
            return []
    return [payload]


def _joined_object(typ: ProperType) -> bool:
    """``type[object]``: what mypy infers for a lookup among unrelated classes (a dict of
    factories, a conditional expression), not a class the plugin names; or a union of callables
    (``new = Impl if FAST else Slow``: mypy keeps both arms, while the module constant decides
    which one the host gets)."""
    if isinstance(typ, UnionType):
        return all(_as_callable(get_proper_type(item)) is not None for item in typ.items)
    call = _as_callable(typ)
    produced = get_proper_type(call.ret_type) if call is not None else None
    return (
        call is not None
        and call.is_type_obj()
        and isinstance(produced, Instance)
        and produced.type.fullname == "builtins.object"
    )


def _as_callable(typ: ProperType) -> CallableType | None:
    if isinstance(typ, CallableType):
        return typ
    if isinstance(typ, Overloaded):
        return typ.items[0]
    if isinstance(typ, Instance):
        call = find_member("__call__", typ, typ)
        proper = get_proper_type(call) if call is not None else None
        return proper if isinstance(proper, CallableType) else None
    return None


def _params_ok(got: CallableType, exp: CallableType) -> bool:
    return is_callable_compatible(
        got,
        exp,
        is_compat=is_subtype,
        is_proper_subtype=False,
        ignore_return=True,
        ignore_pos_arg_names=True,
    )


def _only_narrowed(got: CallableType, exp: CallableType, options: Options) -> bool:
    """Whether the host's call fits ``got`` but for parameter types narrower than the ones the
    host declares (``dict`` where it passes a ``Mapping``): the call works whenever the host
    passes an object of the narrower type, so it fails only for some of what it may pass."""
    passed = [
        t for k, t in zip(exp.arg_kinds, exp.arg_types, strict=True) if k in (ARG_POS, ARG_OPT)
    ]
    slots = [
        t for k, t in zip(got.arg_kinds, got.arg_types, strict=True) if k in (ARG_POS, ARG_OPT)
    ]
    return all(_related(host, mine, options) for host, mine in zip(passed, slots, strict=False))


_DICT_CLASSES = frozenset(
    ["builtins.dict", "builtins.object"]
    + [f"typing.{name}" for name in ("MutableMapping", "Mapping", "Collection", "Iterable")]
    + ["typing.Container"]
)
"""``dict`` and the classes it is an instance of: what a TypedDict is at run time."""


def _runtime_dict(typ: ProperType) -> bool:
    """Whether ``typ`` holds a plain ``dict`` at run time: a TypedDict (mypy's fallback for it
    is only a Mapping) or a class ``dict`` is an instance of."""
    if isinstance(typ, TypedDictType):
        return True
    return isinstance(typ, Instance) and typ.type.fullname in _DICT_CLASSES


def _may_be_none(typ: Type) -> bool:
    proper = get_proper_type(typ)
    items = proper.items if isinstance(proper, UnionType) else [proper]
    return any(isinstance(get_proper_type(item), NoneType) for item in items)


def _related(host: Type, mine: Type, options: Options) -> bool:
    """Whether one type is a subtype of the other, type arguments judged covariantly: at run time
    a ``dict[str, str]`` is as good as a ``dict[str, object]`` (mypy's invariance of ``dict``'s
    arguments guards against writes no check at run time would stop)."""
    if is_subtype(host, mine, options=options) or is_subtype(mine, host, options=options):
        return True
    a, b = get_proper_type(host), get_proper_type(mine)
    if isinstance(a, UnionType):  # each thing a side may be is related to the other side
        return all(_related(item, mine, options) for item in a.items)
    if isinstance(b, UnionType):
        return all(_related(host, item, options) for item in b.items)
    if isinstance(a, TypedDictType) or isinstance(b, TypedDictType):
        return _runtime_dict(a) and _runtime_dict(b)
    if not isinstance(a, Instance) or not isinstance(b, Instance):
        return False
    for low, high in ((a, b), (b, a)):
        if high.type in low.type.mro:
            mapped = map_instance_to_supertype(low, high.type)
            return all(
                _related(x, y, options) for x, y in zip(mapped.args, high.args, strict=False)
            )
    return False


def _within(mine: Type, host: Type, options: Options) -> bool:
    """Whether every value ``mine`` allows is one ``host`` allows as run time sees it: a class
    and its type arguments each a subclass (a TypedDict is a dict); ``Iterable`` is not ``list``."""
    if is_subtype(mine, host, options=options):
        return True
    a, b = get_proper_type(mine), get_proper_type(host)
    if isinstance(a, UnionType):
        return all(_within(item, host, options) for item in a.items)
    if isinstance(b, UnionType):
        return any(_within(mine, item, options) for item in b.items)
    if isinstance(a, TypedDictType) or isinstance(b, TypedDictType):
        return _runtime_dict(a) and _runtime_dict(b)
    if not isinstance(a, Instance) or not isinstance(b, Instance) or b.type not in a.type.mro:
        return False
    mapped = map_instance_to_supertype(a, b.type)
    return all(_within(x, y, options) for x, y in zip(mapped.args, b.args, strict=False))


def _is_async(call: CallableType) -> bool:
    if isinstance(call.definition, FuncDef) and call.definition.is_coroutine:
        return True
    ret = get_proper_type(call.ret_type)
    return isinstance(ret, Instance) and ret.type.fullname == "typing.Coroutine"


def _members(proto: Instance) -> list[str]:
    """What the host calls: a Protocol's members, or a base class's public methods (ABCs)."""
    if proto.type.is_protocol:
        return sorted(proto.type.protocol_members)
    names: set[str] = set()
    for info in proto.type.mro:
        if info.fullname in ("builtins.object", "abc.ABC"):
            continue
        for name, node in info.names.items():
            if not name.startswith("_") and isinstance(
                node.node, FuncDef | Decorator | OverloadedFuncDef
            ):
                names.add(name)
    return sorted(names)


def _lifecycle(
    protocol: Type, factory: Type, options: Options, calls: str = "", _uses: Uses | None = None
) -> list[Payload]:
    """``calls``: JSON ``[[method, positional count, [keyword names], spelled]]`` of the host's
    calls (``lifecycle.calls``): where they pass keywords, the parameter names matter; a method
    the protocol does not declare is judged by the call alone."""
    called: list[list[Any]] = json.loads(calls) if calls else []
    keyworded = {c[0]: c[1:3] for c in called if c[2]}
    proto = get_proper_type(protocol)
    if not isinstance(proto, Instance):
        return [{"kind": "not-protocol", "protocol": _fmt(proto, options)}]
    made = get_proper_type(factory)
    if isinstance(made, AnyType):
        return [{"kind": "any"}]
    if _joined_object(made):
        return [{"kind": "any"}]  # the harness judges what the lookup makes
    call = _as_callable(made)
    if call is None:
        return [{"kind": "not-callable", "got": _fmt(made, options)}]
    if _is_async(call) and not call.is_type_obj():
        return [{"kind": "async-factory", "got_def": _describe(call, options)}]
    produced = get_proper_type(call.ret_type)
    if isinstance(produced, AnyType):
        return [{"kind": "any"}]
    concrete = call.is_type_obj()
    if concrete and call.variables:
        # A generic class judged as a class: its type parameters are whatever the factory
        # fixes them to (the factory's own product is judged with them).
        produced = get_proper_type(erase_typevars(produced))
    base: Payload = {"protocol": proto.type.fullname, "got": _fmt(produced, options)}
    nominal = not proto.type.is_protocol
    subtype = is_subtype(produced, proto, options=options)
    if not isinstance(produced, Instance):
        if subtype and not nominal:
            return []
        # A class object (`lambda: Ticker`): mypy ignores what a class decorator leaves there
        if isinstance(produced, TypeType) and isinstance(produced.item, Instance):
            base["class_object"] = produced.item.type.fullname
        elif isinstance(produced, CallableType) and produced.is_type_obj():
            base["class_object"] = produced.type_object().fullname
        return [{**base, "kind": "not-plugin"}]
    base["class"] = produced.type.fullname
    meta = produced.type.metaclass_type
    if meta is not None and meta.type.fullname not in _PLAIN_METACLASSES:
        base["metaclass"] = meta.type.fullname
    members = _members(proto)
    # Abstract methods left unimplemented matter where the class itself is instantiated; a
    # protocol member with an empty body ("implicitly abstract" to mypy) is inherited and runs.
    abstract = _abc_abstract(produced.type) if concrete else set()
    others = sorted(abstract - set(members))
    problems: list[Payload] = [{**base, "kind": "abstract", "members": others}] if others else []
    # A class that names the Protocol as a base is a subtype by declaration: its overrides
    # are not compared with the protocol's members unless we do it here.
    explicit = proto.type in produced.type.mro
    if subtype and not nominal and not explicit:
        # A lifecycle method an ABC base leaves abstract: structurally there, yet the host's
        # call of the factory raises TypeError (PC203).
        for name in (m for m in members if m in abstract):
            want = find_member(name, proto, produced)
            expected = _describe(want, options) if want is not None else name
            problems.append(
                {**base, "kind": "missing", "abstract": True, "member": name}
                | {"expected": expected, **_shape(want)}
            )
        problems += _undeclared_calls(produced, members, called, base, options)
        loose = _loose_members(produced, proto)
        return problems + ([{**base, "kind": "unannotated", "members": loose}] if loose else [])
    if nominal and not subtype:
        # An ABC or plain base class is nominal: the host's isinstance() needs a subclass.
        return [{**base, "kind": "not-subclass"}]
    if nominal and produced.type is proto.type and not (concrete and abstract):
        # The factory is declared to return the base itself: its classes are checked. The
        # base class itself as the factory (`Plugin = Base`) is instantiated as it is.
        return []
    missing = [m for m in members if find_member(m, produced, produced) is None or m in abstract]
    if not nominal and not explicit and len(missing) == len(members):
        return [{**base, "kind": "not-plugin", "missing": missing}]
    for name in missing:
        want = find_member(name, proto, produced)
        problems.append(
            {
                **base,
                "kind": "missing",
                "abstract": name in abstract,
                "member": name,
                "expected": _describe(want, options) if want is not None else name,
                **_shape(want),
            }
        )
    for name in members:
        if name in missing:
            continue
        exp = find_member(name, proto, produced)
        plain = unbound_builtin(produced, name)  # `shutdown = len`: Python passes no instance
        got = plain or find_member(name, produced, produced)
        if got is None or exp is None:
            continue
        # The host's keywords name parameters: there the names matter, first.
        misfit = _keywords_misfit(got, name, *keyworded[name]) if name in keyworded else None
        if misfit is None and is_subtype(got, exp, ignore_pos_arg_names=True, options=options):
            continue
        conflict = _conflict(got, exp, options, misfit)
        if plain is not None and conflict["kind"] == "return":
            continue  # the host ignores what a builtin member returns; its call fits
        if (
            conflict["kind"] == "return"
            and conflict["expected_return"] == "None"
            and class_member(produced, name)
        ):
            continue  # `shutdown = str`: the instance it makes is a value the host ignores
        problems.append({**base, "member": name, "owner": _owner(produced, name), **conflict})
    problems += _undeclared_calls(produced, members, called, base, options)
    if (nominal or explicit) and not problems:
        loose = _loose_members(produced, proto)
        return [{**base, "kind": "unannotated", "members": loose}] if loose else []
    # mypy bound the instance to a builtin function member, which Python does not: judged
    # unbound above, every member fits (the factory's own check of its product says no more);
    # or a class member's only misfit was the instance it makes, which the host ignores.
    rebound = any(unbound_builtin(produced, m) or class_member(produced, m) for m in members)
    return problems or [{**base, "kind": "fits-unbound" if rebound else "other"}]


def _undeclared_calls(
    produced: Instance, members: list[str], called: list[list[Any]], base: Payload, options: Options
) -> list[Payload]:
    """The host's calls of methods the protocol does not declare (``extend(host)`` on a base
    class without ``extend``), judged by the call: the method must exist and take it."""
    problems: list[Payload] = []
    judged: set[str] = set()
    for name, positional, keywords, spelled in called:
        if name in members or name in judged:
            continue
        judged.add(name)
        shape = [["ARG_POS", None]] * positional + [["ARG_NAMED", k] for k in keywords]
        facts = {**base, "member": name, "called": spelled}
        got = find_member(name, produced, produced)
        if got is None:
            expected = f"a method {name} that takes the host's call {spelled}"
            problems.append(facts | {"kind": "missing", "expected": expected, "params": shape})
            continue
        proper = get_proper_type(got)
        if isinstance(proper, AnyType):
            if produced.type.fallback_to_any and name not in _visible(produced):
                problems.append(facts | {"kind": "unseen-base"})  # a base mypy cannot read
            continue
        call = _as_callable(proper)
        described = {"expected": spelled, "got_def": _describe(proper, options)}
        if call is None:
            problems.append(
                facts | described | {"kind": "not-method", "member_type": _fmt(proper, options)}
            )
            continue
        misfit = _keywords_misfit(call, name, positional, keywords)
        if misfit is not None:
            owner = _owner(produced, name)
            problems.append(
                facts | described | {"kind": "params", "reason": misfit, "owner": owner}
            )
    return problems


def _visible(instance: Instance) -> set[str]:
    """The members the class and the bases mypy can read define."""
    return {name for info in instance.type.mro for name in info.names}


def _keywords_misfit(got: Type, name: str, positional: int, keywords: list[str]) -> str | None:
    """Why the host's call ``name(<positional>, k=...)`` does not fit the plugin's method
    (bound: no ``self``), whose parameter names the keywords must match; ``None``: it fits."""
    call = _as_callable(get_proper_type(got))
    if call is None:
        return None
    params = list(zip(call.arg_kinds, call.arg_names, strict=True))
    slots = [(k, n) for k, n in params if k in (ARG_POS, ARG_OPT)]
    filled = {n for _, n in slots[:positional] if n}
    named = {n for k, n in params if k not in (ARG_STAR, ARG_STAR2) and n}
    spelled = ", ".join(["..."] * positional + [f"{k}=..." for k in keywords])
    if len(slots) < positional and ARG_STAR not in call.arg_kinds:
        return (
            f"the host calls {name}({spelled}), and it takes {len(slots)} positional "
            "argument(s): TypeError, too many positional arguments"
        )
    for keyword in keywords:
        if keyword in filled:
            return f"the host calls {name}({spelled}): {keyword} would get two values"
        if keyword not in named and ARG_STAR2 not in call.arg_kinds:
            return (
                f"the host calls {name}({spelled}), and it has no parameter {keyword}: "
                "TypeError, unexpected keyword argument"
            )
    left = [n for k, n in slots[positional:] if k == ARG_POS]
    left += [n for k, n in params if k == ARG_NAMED]
    missing = [str(n) for n in left if n not in keywords]
    if missing:
        return (
            f"the host calls {name}({spelled}), which does not pass its required "
            f"{', '.join(missing)}"
        )
    return None


def _shape(member: Type | None) -> Payload:
    """The parameters of a method as the host calls it (bound: no ``self``), for a member the
    class body lacks: what a function added at run time must accept (``params``: kind, name)."""
    proper = get_proper_type(member) if member is not None else None
    if not isinstance(proper, CallableType):
        return {}
    return {
        "params": [[k.name, n] for k, n in zip(proper.arg_kinds, proper.arg_names, strict=True)]
    }


def _abc_abstract(info: TypeInfo) -> set[str]:
    """The ``@abstractmethod`` members Python refuses to instantiate ``info`` with: those
    whose first definition along the MRO is in a class made by ABCMeta (``abc.ABC``, a
    Protocol); the decorator on a plain class's method stops nothing."""
    found = set()
    for name, status in info.abstract_attributes:
        if status != IS_ABSTRACT:
            continue
        owner = next((base for base in info.mro if name in base.names), None)
        meta = owner.metaclass_type if owner is not None else None
        if meta is not None and meta.type.has_base("abc.ABCMeta"):
            found.add(name)
    return found


_PLAIN_METACLASSES = {"builtins.type", "abc.ABCMeta", "typing._ProtocolMeta"}
"""Metaclasses that add no members to the classes they make."""


def _owner(instance: Instance, member: str) -> str:
    for info in instance.type.mro:
        if member in info.names:
            return info.fullname
    return instance.type.fullname


def _conflict(got: Type, exp: Type, options: Options, misfit: str | None = None) -> Payload:
    g, e = get_proper_type(got), get_proper_type(exp)
    described = {"expected": _describe(e, options), "got_def": _describe(g, options)}
    if misfit is not None:  # the host's keywords do not fit
        return {"kind": "params", "reason": misfit, **described}
    if not isinstance(e, CallableType):
        return {"kind": "type", **described}
    call = _as_callable(g)
    if call is None:
        return {"kind": "not-method", "member_type": _fmt(g, options), **described}
    if _is_async(call) != _is_async(e):
        return {"kind": "async", "plugin_async": _is_async(call), **described}
    if not _params_ok(call, e):
        reason = explain_params(call, e, options)
        narrowed = reason.startswith("its parameter") and _only_narrowed(call, e, options)
        return {"kind": "params", "reason": reason, "narrowed": narrowed, **described}
    return {
        "kind": "return",
        # The declared classes agree as run time sees them (``list[dict[str, Any]]`` where the
        # host declares a list of TypedDicts; ``Iterable`` where it declares a ``list``): only
        # the annotations differ, which nothing checks when the host calls the method.
        # A plugin that may return None where the host declares none differs at run time.
        "related": _related(e.ret_type, call.ret_type, options)
        and not (_may_be_none(call.ret_type) and not _may_be_none(e.ret_type)),
        # Its declaration allows run-time classes the host's does not (Iterable for a list).
        "wider": not _within(call.ret_type, e.ret_type, options),
        "got_return": _fmt(call.ret_type, options),
        "expected_return": _fmt(e.ret_type, options),
        **described,
    }


def _loose_members(instance: Instance, proto: Instance) -> list[str]:
    """Protocol members the plugin defines without annotations: mypy sees them as Any. One the
    host leaves unannotated too (an untyped host) is not counted: the plugin's definition loses
    nothing the host declares, and its arity is still compared."""
    loose = []
    for name in _members(proto):
        member = find_member(name, instance, instance)
        proper = get_proper_type(member) if member is not None else None
        if proper is None or not _unannotated(proper):
            continue
        declared = find_member(name, proto, instance)
        if declared is None or not _unannotated(get_proper_type(declared)):
            loose.append(name)
    return loose
