"""Findings about a factory's product judged against the lifecycle protocol."""

from __future__ import annotations

import ast
import builtins
import types
from collections.abc import Iterator, Mapping
from typing import Any

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.options import UsageError
from plugcheck.passes import RunInput
from plugcheck.rules.signatures.added_members import (
    abstract_rewritten,
    added_wrong,
    attribute_hook,
    dynamic_members,
    hook_fills_abstract,
    replacing_decorator,
    still_missing,
)
from plugcheck.rules.signatures.codes import (
    MEMBER_RULES,
    PC202,
    PC204,
    PC206,
    PC207,
    PC210,
    PC213,
)
from plugcheck.static import set_defaults, typecheck
from plugcheck.static.typecheck import Target


def lifecycle_findings(
    target: Target,
    payload: dict[str, Any],
    via_class: set[tuple[Plugin, str | None]],
    data: RunInput,
    rechecked: Mapping[tuple[Plugin, str, str | None], dict[str, Any]],
) -> Iterator[Finding]:
    kind = payload["kind"]
    plugin = target.plugin
    protocol = str(target.expected)
    producer = f"{target.factory}()"
    made = payload.get("got", "its product")
    if kind == "not-protocol":
        raise UsageError(
            [
                f"contract {target.contract.name!r}: lifecycle.protocol {protocol} is not a "
                f"class (mypy sees {payload['protocol']})"
            ]
        )
    if kind == "fits-unbound":
        return  # mypy bound the instance to a builtin function member; unbound, all fit
    if kind == "any":
        if (plugin, target.factory) in via_class:
            return  # the classes the factory instantiates are checked instead
        yield PC207.at(
            plugin,
            target.location,
            f"cannot verify {target.name}() statically: it has no return annotation, so mypy "
            f"sees Any where the host needs a {protocol}; the dynamic harness checks it at "
            "run time",
            fix=f"annotate it: def {target.name}() -> {_short(target)}",
        )
        return
    if kind == "unannotated":
        members = ", ".join(payload.get("members", []))
        where = _class_location(target, payload, None, data) or target.location
        yield PC207.at(
            plugin,
            where,
            f"cannot verify {made} statically: {members} ha{'s' if ',' not in members else 've'} "
            f"no annotations, so mypy sees Any where {protocol} declares types; the dynamic "
            "harness checks them at run time",
            fix=f"annotate {members} as {protocol} declares them",
        )
        return
    patched = (
        abstract_rewritten(target, payload, data)
        if kind == "abstract" or payload.get("abstract")
        else None
    )
    if patched is not None:
        members = ", ".join(payload.get("members") or [payload.get("member", "?")])
        yield PC213.at(
            plugin,
            _class_location(target, payload, None, data) or target.location,
            f"cannot verify statically whether {producer} can make {made}: mypy reads {members} "
            f"as abstract, but {patched} changes which of its methods are abstract at run "
            "time; the dynamic harness checks the object the factory makes",
            fix=f"implement {members} in {made} instead of rewriting __abstractmethods__",
            subject=target.factory,
        )
        return
    if kind == "abstract":
        members = payload["members"]
        where = _class_location(target, payload, None, data) or target.location
        yield PC210.at(
            plugin,
            where,
            f"{made} (made by {producer}) leaves {', '.join(members)} abstract: instantiating "
            f"it raises TypeError, so the host's call to {producer} fails",
            fix=f"implement {', '.join(members)} in {made}, or make the factory build a "
            "concrete subclass",
            subject=target.factory,  # it predicts the factory step's TypeError
        )
        return
    dynamic = dynamic_members(target, payload, data) if kind in ("missing", "not-plugin") else None
    if kind == "not-method":
        dynamic = attribute_hook(target, payload, data)
    if dynamic is not None and payload.get("abstract"):
        dynamic = hook_fills_abstract(target, payload, data)
    if dynamic is not None:
        wrong = added_wrong(target, payload, data) if kind == "missing" else None
        if wrong is not None:
            where, how = wrong
            member = payload["member"]
            yield PC204.at(
                plugin,
                where,
                f"{made}.{member} is added at run time by {how}, but {protocol} declares "
                f"{payload['expected']}: the host's call to {member} does not fit its "
                "parameters and fails with TypeError",
                fix=f"give the function bound to {member} the parameters of {payload['expected']}"
                " (the instance first), or define the method in the class body",
                subject=member,
            )
            return
        where = _class_location(target, payload, None, data) or target.location
        absent = payload.get("missing") or [payload.get("member", "?")]
        yield PC213.at(
            plugin,
            where,
            f"cannot verify {made} statically: {', '.join(absent)} "
            f"{'is' if len(absent) == 1 else 'are'} not in its class body, but {dynamic} may "
            f"add {'it' if len(absent) == 1 else 'them'} at run time; the dynamic harness "
            "checks the object the factory makes",
            fix=f"define {', '.join(absent)} in the class body so that the contract is visible",
        )
        return
    if kind == "unseen-base":
        where = _class_location(target, payload, None, data) or target.location
        member = payload["member"]
        yield PC207.at(
            plugin,
            where,
            f"cannot verify {made}.{member} statically: the host calls {payload['called']}, "
            f"and {member} is neither in the class body nor in a base class mypy can read (a "
            "base is Any to it); the dynamic harness checks the call at run time",
            fix=f"make every base class of {made} importable in the target environment, or "
            f"define {member} in the class body",
            subject=member,
        )
        return
    replaced = replacing_decorator(target, payload, data) if kind == "not-plugin" else None
    if replaced is not None:
        yield PC213.at(
            plugin,
            target.location,
            f"cannot verify {target.factory} statically: mypy reads what it makes as "
            f"{payload.get('got')}, but {replaced} may leave something else under the class's "
            "name (mypy does not apply class decorators); the dynamic harness checks the object "
            "the factory makes",
            fix="make the factory return what the decorator leaves explicitly, or annotate it",
            subject=target.factory,
        )
        return
    if kind in ("not-plugin", "not-subclass", "not-callable", "async-factory", "other"):
        if kind == "not-plugin":  # a setattr loop may add some: name only what stays missing
            payload = {**payload, "missing": still_missing(target, payload, data)}
        message = _non_plugin(kind, payload, target, protocol)
        yield PC202.at(plugin, target.location, message, subject=target.factory)
        return
    member = payload.get("member", "?")
    where = _class_location(target, payload, member, data) or target.location
    subject = member
    if kind == "missing":
        where = _class_location(target, payload, None, data) or target.location
        message = (
            f"{made} (made by {producer}) has no {member}, which {protocol} requires: "
            f"{payload['expected']}; the host's call to {member} fails with AttributeError"
        )
        if payload.get("abstract"):
            message = (
                f"{made} (made by {producer}) leaves {member} abstract, which {protocol} "
                f"requires: {payload['expected']}; {producer} fails with TypeError"
            )
            subject = target.factory  # the abstract class cannot be instantiated
        fix = f"add {payload['expected']}"
        if payload.get("called"):
            message = (
                f"{made} (made by {producer}) has no {member}, but the host calls "
                f"{payload['called']} on it: the call fails with AttributeError"
            )
    elif kind == "not-method":
        message = (
            f"{made}.{member} is {payload['member_type']}, but {protocol} requires a method: "
            f"{payload['expected']}"
        )
        fix = f"define {payload['expected']}"
        if payload.get("called"):
            message = (
                f"{made}.{member} is {payload['member_type']}, but the host calls "
                f"{payload['called']} on it: the call fails with TypeError"
            )
            fix = f"define a method {member} that takes the host's call {payload['called']}"
    elif kind == "params":
        if _builtin_member(target, payload, member, data):
            return  # staticmethod(list): mypy's first overload is not the call's
        rewritten = _defaults_set(target, payload, member, data)
        if rewritten is not None:
            yield PC207.at(
                plugin,
                target.location,
                f"cannot verify {made}.{member} statically: the plugin sets its {rewritten} "
                "after the def, and mypy reads the def; the dynamic harness checks the call at "
                "run time",
                fix=f"give {member} its defaults in the def",
                subject=member,
            )
            return
        if _always_raises(plugin, member, data):
            return  # the call fails whatever it is passed; the parameters do not matter
        message = (
            f"{made}.{member} is {payload['got_def']}, but {protocol} declares "
            f"{payload['expected']}: {payload['reason']}"
        )
        fix = f"change the signature to {payload['expected']}"
        if payload.get("called"):
            message = f"{made}.{member} is {payload['got_def']}: {payload['reason']}"
            fix = f"make {member} take the host's call {payload['called']}"
        if _unread(target, payload, member, data):
            # Annotations are not checked at run time, and the body never reads the parameters
            # whose types differ: the host's call works whatever it passes there.
            message += (
                "; the body never reads it, and annotations are not checked at run time, so the "
                "call works: only the declared type is wrong"
            )
            yield PC204.at(
                plugin, where, message, fix=fix, subject=member, severity=Severity.WARNING
            )
            return
        body = _body_verdict(target, payload, member, rechecked)
        if body is not None:
            message += body[0]
            yield PC204.at(plugin, where, message, fix=fix, subject=member, severity=body[1])
            return
        if payload.get("narrowed"):
            # Annotations are not checked at run time: a narrower parameter type fails only
            # when the host passes another object its own declaration allows.
            message += (
                "; the call works while the host passes an object of the narrower type, and "
                "fails only for other objects its declaration allows"
            )
            yield PC204.at(
                plugin, where, message, fix=fix, subject=member, severity=Severity.WARNING
            )
            return
    elif kind == "async":
        if payload.get("plugin_async"):
            message = (
                f"{made}.{member} is async but the host calls it synchronously ({protocol} "
                f"declares {payload['expected']}): the call returns a coroutine that never runs"
            )
            fix = f"make {member} a plain def"
        else:
            message = (
                f"{made}.{member} is synchronous but the host awaits it ({protocol} declares "
                f"{payload['expected']})"
            )
            fix = f"make {member} an async def"
    elif kind == "return":
        message = (
            f"{made}.{member} returns {payload['got_return']}, but {protocol} declares "
            f"{payload['expected_return']} ({payload['expected']})"
        )
        fix = f"return {payload['expected_return']} from {member}"
        # A protocol that declares `-> None` tells the host there is nothing to use: the value
        # is dropped, the plugin still works. Only a return the host relies on is an error.
        ignored = payload["expected_return"] == "None"
        severity = Severity.WARNING if ignored else None
        if ignored:
            message += "; the host ignores the value, so the plugin works, but misleads readers"
        elif payload.get("related") and not payload.get("wider"):
            # Annotations are not checked at run time, and every class the plugin declares is
            # one the host's declaration allows as run time sees it (a TypedDict is a dict): no
            # value the plugin's declaration allows fails the host's use. Not a failure.
            severity = Severity.INFO
            message += (
                "; every class it declares is one the host's declaration allows at run time (a "
                "TypedDict is a dict): only the annotations differ, and nothing checks them"
            )
        elif payload.get("related"):
            # A wider declaration (Iterable where the host declares a list) allows values the
            # host cannot use; what the body returns decides, which the harness sees when the
            # contract has it check the class of the result.
            checked = _result_checked(target, member)
            severity = Severity.INFO if checked else Severity.WARNING
            message += (
                f"; the classes are related, but the plugin's declaration also allows values "
                f"that are not {payload['expected_return']}: the call works while the plugin "
                "returns what the host declares"
                + ("; the harness checks the class of what it returns" if checked else "")
            )
        yield PC206.at(plugin, where, message, fix=fix, subject=member, severity=severity)
        return
    else:  # "type": a protocol attribute of the wrong type
        message = (
            f"{made}.{member} is {payload['got_def']}, but {protocol} declares "
            f"{payload['expected']}"
        )
        fix = f"give {member} the type {payload['expected']}"
        yield PC204.at(plugin, where, message, fix=fix, subject=member)
        return
    yield MEMBER_RULES[kind].at(plugin, where, message, fix=fix, subject=subject)


def _body_verdict(
    target: Target,
    payload: dict[str, Any],
    member: str,
    rechecked: Mapping[tuple[Plugin, str, str | None], dict[str, Any]],
) -> tuple[str, Severity] | None:
    """What checking the method's body again says about a parameter type the host's value
    does not fit: a body that breaks with what the contract passes (a dict of its config, the
    deadline), or where that is not known with the host's declared types, fails the host's call
    (error); one that works with what the contract passes but not with every value the host's
    declaration allows (a write to a dict the protocol calls a Mapping), or with both, works
    when the host calls it (a warning: the annotation is wrong). ``None``: no judgement."""
    owner = payload.get("owner") or payload.get("class")
    body = rechecked.get((target.plugin, owner, member)) if owner else None
    if body is None or body["void"] or not str(payload.get("reason")).startswith("its parameter"):
        return None
    failing = body["passed"] if body["passed"] is not None else body["failures"]
    if failing:
        line, code, said = failing[0]
        what = "what the host passes" if body["passed"] is not None else "the host's types"
        return (
            f"; with {what} its body does not type-check: line {line}: {said} [{code}]",
            Severity.ERROR,
        )
    if body["failures"]:
        return (
            "; with what the contract passes its body has no type error its own types do not "
            "have, with other values the host's declaration allows it has",
            Severity.WARNING,
        )
    return (
        "; its body type-checks with the host's types too, and annotations are not checked "
        "at run time, so the call works: only the declared type is wrong",
        Severity.WARNING,
    )


_CLASS_CHECKS = frozenset({"instance", "mapping", "mapping-or-none", "none"})
"""A ``lifecycle.calls`` entry's ``returns`` that checks the class of the result at run time."""


def _result_checked(target: Target, member: str) -> bool:
    """The contract's call of ``member`` checks the class of its result (``returns``): the
    harness judges what the plugin really returns, as the host does."""
    lifecycle = target.contract.lifecycle
    calls = lifecycle.calls if lifecycle is not None else None
    return any(c.method == member and c.returns in _CLASS_CHECKS for c in calls or ())


_ALWAYS_RAISES = "PC517"
"""(rules.factory's lifecycle-method-always-raises; rules.factory imports this package) A method
that raises on every call, a cached one that hashes an unhashable argument among them: mypy's
view of its parameters (``_lru_cache_wrapper[...]``) adds nothing to that error."""


def _defaults_set(
    target: Target, payload: dict[str, Any], member: str, data: RunInput
) -> str | None:
    """``Worker.init.__defaults__ = ...`` after the class: the attribute set on ``member`` of
    the plugin's class, whose parameters mypy reads from the def as written."""
    owner = payload.get("owner") or payload.get("class")
    found = typecheck.class_def(owner, target.plugin, data.index) if owner else None
    if found is None or found[0].tree is None:
        return None
    return set_defaults.set_on(found[0].tree, f"{found[1].name}.{member}")


def _always_raises(plugin: Plugin, member: str, data: RunInput) -> bool:
    """An earlier static error says every host call of ``plugin``'s ``member`` raises."""
    return any(
        f.code == _ALWAYS_RAISES
        and f.severity is Severity.ERROR
        and f.about(plugin)
        and f.subject == member
        for f in data.findings
    )


def _unread(target: Target, payload: dict[str, Any], member: str, data: RunInput) -> bool:
    """Whether the only misfit is the declared type of a parameter (``config: int`` where the
    host passes a dict; the call fits by position) of ``member``, a plain method of the
    plugin's class whose body reads none of its parameters."""
    owner = payload.get("owner") or payload.get("class")
    typed = str(payload.get("reason", "")).startswith("its parameter")
    found = typecheck.class_def(owner, target.plugin, data.index) if typed and owner else None
    methods = [
        s
        for s in (found[1].body if found is not None else [])
        if isinstance(s, ast.FunctionDef) and s.name == member
    ]
    if len(methods) != 1 or methods[0].decorator_list:
        return False
    args = methods[0].args
    params = {a.arg for a in [*args.posonlyargs, *args.args][1:]}
    used = {
        n.id
        for stmt in methods[0].body
        for n in ast.walk(stmt)
        if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Store)
    }
    return bool(params) and not (params | {"locals", "vars", "exec", "eval"}) & used


def _builtin_member(target: Target, payload: dict[str, Any], member: str, data: RunInput) -> bool:
    """Whether the class body binds ``member`` to ``staticmethod`` of a builtin (``process =
    staticmethod(list)``), whose parameters mypy takes from the first of its overloads
    (``list()``), not the one the host's call picks. (A builtin function itself, ``shutdown =
    len``, the hook judges unbound, as Python calls it: ``mypy_unbound``.)"""
    fullname = payload.get("owner") or payload.get("class")
    found = typecheck.class_def(fullname, target.plugin, data.index) if fullname else None
    if found is None:
        return False
    info, node = found
    for stmt in node.body:
        match stmt:
            case ast.Assign(
                targets=[ast.Name(id=name)],
                value=ast.Call(func=ast.Name(id="staticmethod"), args=[ast.Name(id=value)]),
            ) if name == member and not {value, "staticmethod"} & set(info.symbols):
                found = getattr(builtins, value, None)
                return isinstance(found, type | types.BuiltinFunctionType)
    return False


def _short(target: Target) -> str:
    return target.expected.name if target.expected else "Plugin"


def _non_plugin(kind: str, payload: dict[str, Any], target: Target, protocol: str) -> str:
    name = target.name
    if kind == "not-callable":
        return (
            f"{name} is {payload['got']}, not a callable; the host calls {name}() to make a plugin"
        )
    if kind == "async-factory":
        return (
            f"{name} is async ({payload['got_def']}) but the host calls it synchronously: it "
            f"gets a coroutine, not a {protocol}"
        )
    if kind == "not-subclass":
        return (
            f"{target.factory}() makes {payload.get('got', '?')}, which does not subclass "
            f"{protocol}; the host's isinstance() check against its base class fails"
        )
    missing = payload.get("missing")
    detail = f" (it has none of {', '.join(missing)})" if missing else ""
    return f"{target.factory}() makes {payload.get('got', '?')}, which is not a {protocol}{detail}"


def _class_location(
    target: Target, payload: dict[str, Any], member: str | None, data: RunInput
) -> Location | None:
    owner = payload.get("owner") if member else payload.get("class")
    owner = owner or payload.get("class")
    if not owner:
        return None
    found = typecheck.locate(owner, member, target.plugin, data.index)
    if found is None and member:
        found = typecheck.locate(payload.get("class", owner), None, target.plugin, data.index)
    return found
