"""Signatures checked with mypy (PC2xx): exports against their contract types, factories'
products against the lifecycle protocol. One mypy build per run, as the ``mypy`` run pass."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.options import Options, UsageError
from plugcheck.passes import RunInput, RunPass, cache_root, register_pass
from plugcheck.rules.base import is_selected, rule
from plugcheck.static import typecheck
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, call_fits, dotted_name, own_nodes
from plugcheck.static.typecheck import Message, Target

PC201 = rule(
    "PC201",
    "export-type-mismatch",
    Severity.ERROR,
    "A required export's signature does not match the type the contract declares for it.",
)
PC202 = rule(
    "PC202",
    "factory-returns-non-plugin",
    Severity.ERROR,
    "The factory returns something that is not the lifecycle protocol at all (or is async).",
)
PC203 = rule(
    "PC203",
    "lifecycle-missing-method",
    Severity.ERROR,
    "The plugin object lacks a method (or attribute) of the lifecycle protocol.",
)
PC204 = rule(
    "PC204",
    "lifecycle-wrong-parameters",
    Severity.ERROR,
    "A lifecycle method takes parameters the host's call does not fit.",
)
PC205 = rule(
    "PC205",
    "lifecycle-async-mismatch",
    Severity.ERROR,
    "A lifecycle method is async where the host calls it synchronously, or the reverse.",
)
PC206 = rule(
    "PC206",
    "lifecycle-wrong-return",
    Severity.ERROR,
    "A lifecycle method returns a type other than the one the protocol declares.",
)
PC207 = rule(
    "PC207",
    "unverifiable-signature",
    Severity.INFO,
    "A required export or lifecycle method has no annotations: mypy sees Any, nothing is verified.",
)
PC208 = rule(
    "PC208",
    "plugin-type-error",
    Severity.WARNING,
    "A type error inside the plugin's own code (reported only with --strict-plugins).",
)
PC209 = rule(
    "PC209",
    "type-check-failed",
    Severity.WARNING,
    "mypy could not analyse the plugin (a blocking error or an unresolvable import).",
)

PC210 = rule(
    "PC210",
    "factory-cannot-instantiate",
    Severity.ERROR,
    "The factory instantiates a class that cannot be made that way (abstract methods left, "
    "required constructor arguments or dataclass fields not passed).",
)
PC213 = rule(
    "PC213",
    "dynamic-lifecycle-members",
    Severity.INFO,
    "A lifecycle member is missing from the class body but may be added at run time (metaclass, "
    "class decorator, setattr): not verifiable statically, the harness judges it.",
)
PC534 = rule(
    "PC534",
    "host-unverifiable",
    Severity.INFO,
    "The contract type is in a host mypy cannot read (no type information, and no source it can "
    "analyse): the plugin's signatures are not verified statically, the harness judges them.",
)

_CODES = (
    "PC201",
    "PC202",
    "PC203",
    "PC204",
    "PC205",
    "PC206",
    "PC207",
    "PC208",
    "PC209",
    "PC210",
    "PC213",
    "PC534",
)
_MEMBER_RULES = {"missing": PC203, "not-method": PC203, "params": PC204, "async": PC205}


def _enabled(options: Options) -> bool:
    return options.mypy


def run(data: RunInput) -> list[Finding]:
    if not any(is_selected(code, data.config.select, data.config.ignore) for code in _CODES):
        return []  # --select PC1 and the like: no reason to start mypy
    # A file Python cannot parse is PC001's; mypy would stop the whole build at it.
    skip = {
        f
        for _, plugins in data.contracts
        for plugin in plugins
        if not typecheck.parses(plugin, data.index)
        for f in plugin.files
    }
    batches = typecheck.plans(data.contracts, data.index, data.env, skip)
    if not any(b.targets for b in batches):
        return []
    settings = typecheck.Settings(
        cache_root(data.config, data.options), data.env, data.options.strict_plugins
    )
    outcome = typecheck.run(batches, settings)
    data.notes.extend(outcome.notes)
    if outcome.problems:
        raise UsageError([f"type check: {p}" for p in outcome.problems])
    # A definition an earlier rule already calls wrong (PC104: an instance, not a factory) is
    # not judged again here.
    taken = {
        (os.path.abspath(f.location.path), f.location.line)
        for f in data.findings
        if f.severity is Severity.ERROR
    }
    judged = [
        (t, p)
        for t, p in outcome.judged
        if (os.path.abspath(t.location.path), t.location.line) not in taken
    ]
    findings = list(_judged(judged, data))
    for plugin, reason, where in outcome.unchecked:
        findings.append(
            PC209.at(
                plugin,
                where or Location(plugin.module_path or plugin.root),
                f"mypy cannot analyse {plugin.module}: {reason}; its signatures are not verified",
                fix="make the module importable and valid for mypy",
            )
        )
    findings.extend(_unverified(outcome.unverified))
    if data.options.strict_plugins:
        findings.extend(_body_errors(outcome.messages, judged))
    return _dedupe(findings)


def _unverified(unverified: list[tuple[Target, str]]) -> Iterator[Finding]:
    """One PC534 per plugin and contract type mypy could not judge."""
    seen: set[tuple[str, str, str]] = set()
    for target, reason in unverified:
        key = (target.contract.name, target.plugin.name, f"{target.expected}")
        if key in seen:
            continue
        seen.add(key)
        name = f"{target.factory}()" if target.factory else target.name
        host = target.expected.module.split(".")[0] if target.expected else "the host"
        yield PC534.at(
            target.plugin,
            target.location,
            f"cannot verify {name} statically against {target.expected}: {reason}; the "
            "dynamic harness checks it at run time",
            fix=f"install type stubs for {host} in the target environment where they exist; "
            "otherwise the harness's run is the check",
            subject=target.export.names[0] if target.export else name,
        )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, Path, int, int, str, str, str]] = set()
    kept = []
    for f in findings:
        key = (
            f.code,
            f.location.path,
            f.location.line,
            f.location.col,
            f.contract,
            f.plugin,
            f.message,
        )
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept


def _host_calls(target: Target, payload: dict[str, Any]) -> dict[str, Any] | None:
    """The judgement as far as the host's own calls reach: with ``lifecycle.calls`` the host
    calls only those methods, so a member it never calls is never wrong (``None``: drop it)."""
    lifecycle = target.contract.lifecycle
    if target.kind != "lifecycle" or lifecycle is None or lifecycle.calls is None:
        return payload
    called = {c.method for c in lifecycle.calls}
    if "member" in payload:
        return payload if payload["member"] in called else None
    if payload["kind"] == "unannotated":
        members = [m for m in payload["members"] if m in called]
        return {**payload, "members": members} if members else None
    return payload


def _judged(judged: list[tuple[Target, dict[str, Any]]], data: RunInput) -> Iterator[Finding]:
    judged = [(t, p) for t, p in ((t, _host_calls(t, p)) for t, p in judged) if p is not None]
    lifecycle_failed = {
        (t.plugin, t.factory)
        for t, p in judged
        if t.kind == "lifecycle" and p["kind"] not in ("any", "unannotated")
    }
    via_class = {(t.plugin, t.factory) for t, _ in judged if t.via_class}
    # The factory's own product already named this class: its class check would repeat it.
    named = {
        (t.plugin, p.get("class")) for t, p in judged if t.kind == "lifecycle" and not t.via_class
    }
    for target, payload in judged:
        if target.via_class and (target.plugin, payload.get("class")) in named:
            continue
        if target.kind == "export":
            yield from _export(target, payload, lifecycle_failed)
        elif target.kind == "construct":
            yield PC210.at(
                target.plugin,
                target.location,
                f"{target.factory}() cannot make its {target.name}: {payload['reason']}; the "
                f"host's call to {target.factory}() fails with TypeError",
                fix=f"pass what {target.name}'s constructor requires, or give it defaults",
                subject=target.factory,
            )
        else:
            yield from _lifecycle(target, payload, via_class, data)


def _contract_type(target: Target) -> str:
    return f"{target.expected}" if target.expected else "its contract type"


def _export(
    target: Target, payload: dict[str, Any], lifecycle_failed: set[tuple[Plugin, str | None]]
) -> Iterator[Finding]:
    kind = payload["kind"]
    plugin, name = target.plugin, target.name
    is_factory = (
        target.contract.lifecycle is not None
        and target.export is not None
        and target.contract.factory_of(plugin) == target.export.name
    )
    if kind in ("any", "unannotated"):
        if is_factory:
            return  # the lifecycle check says whether the factory's product is verifiable
        yield PC207.at(
            plugin,
            target.location,
            f"cannot verify {name} statically: it has no annotations, so mypy sees Any where "
            f"the contract requires {_contract_type(target)}; the dynamic harness checks it "
            "at run time",
            fix=f"annotate {name} with the parameter and return types of {target.expected}",
        )
        return
    if kind != "mismatch":
        return
    if payload.get("params_ok") and is_factory and (plugin, name) in lifecycle_failed:
        return  # the lifecycle finding explains the wrong product
    yield PC201.at(
        plugin,
        target.location,
        f"{name} does not match {_contract_type(target)}: expected {payload['expected']}, got "
        f"{payload['got']}" + (f"; {payload['reason']}" if payload.get("reason") else ""),
        fix=f"give {name} the signature {payload['expected']}",
        subject=target.export.names[0] if target.export else name,
    )


def _lifecycle(
    target: Target,
    payload: dict[str, Any],
    via_class: set[tuple[Plugin, str | None]],
    data: RunInput,
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
    dynamic = _dynamic_members(target, payload, data) if kind in ("missing", "not-plugin") else None
    if dynamic is not None and not payload.get("abstract"):
        wrong = _added_wrong(target, payload, data) if kind == "missing" else None
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
    if kind in ("not-plugin", "not-subclass", "not-callable", "async-factory", "other"):
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
    elif kind == "not-method":
        message = (
            f"{made}.{member} is {payload['member_type']}, but {protocol} requires a method: "
            f"{payload['expected']}"
        )
        fix = f"define {payload['expected']}"
    elif kind == "params":
        message = (
            f"{made}.{member} is {payload['got_def']}, but {protocol} declares "
            f"{payload['expected']}: {payload['reason']}"
        )
        fix = f"change the signature to {payload['expected']}"
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
    yield _MEMBER_RULES[kind].at(plugin, where, message, fix=fix, subject=subject)


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


_PLAIN_DECORATORS = {
    "dataclasses.dataclass",
    "typing.final",
    "typing_extensions.final",
    "typing.runtime_checkable",
    "typing_extensions.runtime_checkable",
    "functools.total_ordering",
    "enum.unique",
    "attr.s",
    "attr.attrs",
    "attr.define",
    "attr.frozen",
    "attr.mutable",
    "attrs.define",
    "attrs.frozen",
    "attrs.mutable",
    "pydantic.dataclasses.dataclass",
}
"""Class decorators known to add no lifecycle member (only dunders or nothing)."""


def _dynamic_members(target: Target, payload: dict[str, Any], data: RunInput) -> str | None:
    """What may add the missing members to the class at run time, if anything."""
    if payload.get("metaclass"):
        return f"its metaclass {payload['metaclass']}"
    fullname = payload.get("class")
    found = typecheck.class_def(fullname, target.plugin, data.index) if fullname else None
    if found is None:
        return None
    info, node = found
    roots = [p for p in (target.plugin.import_root,) if p] + [
        *target.contract.search_path,
        *data.env.sys_path,
    ]
    # A class with none of the members (PC202) is not excused by a library's decorator.
    everything = payload["kind"] == "not-plugin"
    for decorator in node.decorator_list:
        adds = _decorator_adds(decorator, info, target.plugin, roots, data)
        if adds is True or (adds is None and not everything):
            return f"its class decorator @{dotted_name(decorator) or ast.unparse(decorator)}"
    absent = set(payload.get("missing") or [payload.get("member")])
    for path in target.plugin.files:
        other = data.index.info(path)
        if other is None or other.tree is None:
            continue
        for sub in ast.walk(other.tree):
            what = _adds_member(sub, absent)
            if what is not None and _same_class(what[0], other, info, node.name, roots, data):
                line = getattr(sub, "lineno", 1)
                return f"{what[1]} ({target.contract.shown(path)}:{line})"
    return None


_Function = ast.Lambda | ast.FunctionDef


def _added_wrong(
    target: Target, payload: dict[str, Any], data: RunInput
) -> tuple[Location, str] | None:
    """Where and how a missing member is added at run time, when every function that can be
    bound to it is known (``setattr``/assignments with its literal name, in the plugin's files
    or in the body of a class decorator of the plugin's own) and none takes the host's call."""
    params = payload.get("params")
    added = _added_functions(target, payload, data)
    if params is None or not added:
        return None
    # The instance is the first positional argument; the host passes at least the required
    # arguments and at most all the declared ones: a function that takes neither cannot work.
    kinds = [k for k, _ in params]
    least = (1 + kinds.count("ARG_POS"), [n for k, n in params if k == "ARG_NAMED"])
    most = (
        1 + kinds.count("ARG_POS") + kinds.count("ARG_OPT"),
        [n for k, n in params if k in ("ARG_NAMED", "ARG_NAMED_OPT")],
    )
    if any(call_fits(fn.args, n, keys) for _, _, fn in added for n, keys in (least, most)):
        return None
    path, how, fn = added[0]
    return Location(
        path, fn.lineno, fn.col_offset + 1
    ), f"{how} as a function of ({ast.unparse(fn.args)})"


def _added_functions(
    target: Target, payload: dict[str, Any], data: RunInput
) -> list[tuple[Path, str, _Function]] | None:
    """Every function bound to the missing member at run time, with where and how; ``None``
    when something plugcheck cannot read may bind it (a metaclass, a library's class
    decorator, a name not spelled out, a value that is not a plain function)."""
    member = payload.get("member")
    fullname = payload.get("class")
    found = typecheck.class_def(fullname, target.plugin, data.index) if fullname else None
    if payload.get("metaclass") or not member or found is None:
        return None
    info, node = found
    roots = [p for p in (target.plugin.import_root,) if p] + [
        *target.contract.search_path,
        *data.env.sys_path,
    ]
    added: list[tuple[Path, str, _Function]] = []
    for decorator in node.decorator_list:
        if _decorator_adds(decorator, info, target.plugin, roots, data) is False:
            continue
        own = _own_decorator(decorator, info, target.plugin, roots, data)
        bound = _decorator_binds(own[1], member) if own else None
        if own is None or bound is None:
            return None
        shown = f"its class decorator @{own[1].name}"
        added += [(own[0].path, shown, fn) for fn in bound]
    for path in target.plugin.files:
        other = data.index.info(path)
        if other is None or other.tree is None:
            continue
        for sub in ast.walk(other.tree):
            what = _adds_member(sub, {member})
            if what is None or not _same_class(what[0], other, info, node.name, roots, data):
                continue
            value = _bound_value(sub, member)
            fn = _function(value, other, roots, data) if value is not None else None
            if fn is None:
                return None
            added.append((path, what[1], fn))
    return added


def _bound_value(node: ast.AST, member: str) -> ast.expr | None:
    """The value ``setattr(C, "member", value)`` or ``C.member = value`` binds."""
    if isinstance(node, ast.Call):
        key = node.args[1] if len(node.args) == 3 else None
        literal = isinstance(key, ast.Constant) and key.value == member
        return node.args[2] if literal else None
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        return node.value
    if isinstance(node, ast.AnnAssign):
        return node.value
    return None


def _function(
    value: ast.expr,
    info: ModuleInfo,
    roots: list[Path],
    data: RunInput,
) -> _Function | None:
    """The plain function ``value`` is (a lambda, or an undecorated ``def``): one that a class
    binds as a method."""
    if isinstance(value, ast.Lambda):
        return value
    if not isinstance(value, ast.Name):
        return None
    found = data.index.resolve(info, value.id, roots)
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.FUNCTION:
        return None
    tree = found.module.tree
    defs = [
        s
        for s in (tree.body if tree else [])
        if isinstance(s, ast.FunctionDef) and s.name == found.symbol.name
    ]
    return defs[-1] if defs and not defs[-1].decorator_list else None


def _own_decorator(
    decorator: ast.expr, info: ModuleInfo, plugin: Plugin, roots: list[Path], data: RunInput
) -> tuple[ModuleInfo, ast.FunctionDef] | None:
    """The plugin's own ``def`` a class decorator names (applied bare, not called)."""
    name = dotted_name(decorator)
    if name is None or "." in name:
        return None
    found = data.index.resolve(info, name, roots)
    if (
        not isinstance(found, Resolved)
        or found.module.tree is None
        or found.module.path not in plugin.files
    ):
        return None
    defs = [
        s
        for s in found.module.tree.body
        if isinstance(s, ast.FunctionDef) and s.name == found.symbol.name
    ]
    if not defs or defs[-1].decorator_list or not defs[-1].args.args:
        return None
    return found.module, defs[-1]


def _decorator_binds(fn: ast.FunctionDef, member: str) -> list[_Function] | None:
    """The functions a class decorator binds to ``member`` of the class it gets, when its body
    does nothing else with the class than set attributes by literal name, read them, and
    return it unchanged; ``None`` otherwise."""
    param = fn.args.args[0].arg
    local = {s.name: s for s in fn.body if isinstance(s, ast.FunctionDef)}
    values: list[ast.expr] = []
    allowed: set[int] = set()  # the Name nodes of the class in permitted uses
    for sub in own_nodes(fn):
        if isinstance(sub, ast.Return):
            if not (isinstance(sub.value, ast.Name) and sub.value.id == param):
                return None
            allowed.add(id(sub.value))
    for sub in ast.walk(fn):
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
            if sub.value.id == param:
                allowed.add(id(sub.value))
        elif (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Name)
            and sub.func.id == "setattr"
            and len(sub.args) == 3
            and isinstance(sub.args[0], ast.Name)
            and sub.args[0].id == param
        ):
            key = sub.args[1]
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return None
            allowed.add(id(sub.args[0]))
            if key.value == member:
                values.append(sub.args[2])
        if isinstance(sub, ast.Assign | ast.AnnAssign):
            for t in sub.targets if isinstance(sub, ast.Assign) else [sub.target]:
                if (
                    isinstance(t, ast.Attribute)
                    and isinstance(t.value, ast.Name)
                    and t.value.id == param
                    and t.attr == member
                    and sub.value is not None
                ):
                    values.append(sub.value)
    used = [n for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == param]
    if any(id(n) not in allowed for n in used):
        return None  # the class is passed on, rebound or returned wrapped
    found = [_function_local(v, local) for v in values]
    return None if any(f is None for f in found) else [f for f in found if f is not None]


def _function_local(value: ast.expr, local: dict[str, ast.FunctionDef]) -> _Function | None:
    if isinstance(value, ast.Lambda):
        return value
    if isinstance(value, ast.Name) and value.id in local and not local[value.id].decorator_list:
        return local[value.id]
    return None


def _adds_member(node: ast.AST, absent: set[str | None]) -> tuple[str, str] | None:
    """``setattr(C, name, ...)`` or ``C.member = ...``: (the class's name, what it says)."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "setattr"
        and len(node.args) >= 2
        and isinstance(node.args[0], ast.Name)
    ):
        key = node.args[1]
        if not (isinstance(key, ast.Constant) and key.value not in absent):
            return node.args[0].id, f"setattr({node.args[0].id}, ...)"
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for t in targets:
            if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.attr in absent:
                return t.value.id, f"the assignment {t.value.id}.{t.attr} = ..."
    return None


def _same_class(
    name: str, where: ModuleInfo, home: ModuleInfo, cls: str, roots: list[Path], data: RunInput
) -> bool:
    found = data.index.resolve(where, name, roots)
    return (
        isinstance(found, Resolved)
        and found.symbol.kind is SymbolKind.CLASS
        and found.symbol.name == cls
        and found.module.path == home.path
    )


def _decorator_adds(
    decorator: ast.expr, info: ModuleInfo, plugin: Plugin, roots: list[Path], data: RunInput
) -> bool | None:
    """Whether a class decorator may add members: no (a known harmless one, or one of the
    plugin's own that returns its argument untouched), yes (one of the plugin's own that sets
    attributes or returns something else), ``None`` (a library's: unknown)."""
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = dotted_name(func)
    if name is None:
        return None
    head, _, rest = name.partition(".")
    symbol = info.symbols.get(head)
    if symbol is not None and symbol.kind is SymbolKind.IMPORT and not symbol.import_level:
        origin = ".".join(p for p in (symbol.import_module, symbol.import_name, rest) if p)
        if origin in _PLAIN_DECORATORS:
            return False
    found = data.index.resolve(info, head, roots)
    if not isinstance(found, Resolved) or found.module.path not in plugin.files:
        return None
    if rest or isinstance(decorator, ast.Call) or found.module.tree is None:
        return True
    defs = [
        s
        for s in found.module.tree.body
        if isinstance(s, ast.FunctionDef) and s.name == found.symbol.name
    ]
    if not defs or not defs[-1].args.args:
        return True
    fn = defs[-1]
    param = fn.args.args[0].arg
    for sub in ast.walk(fn):
        if isinstance(sub, ast.Call) and dotted_name(sub.func) == "setattr":
            return True
        if isinstance(sub, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
            if any(isinstance(t, ast.Attribute) for t in targets):
                return True
        if isinstance(sub, ast.Return) and not (
            isinstance(sub.value, ast.Name) and sub.value.id == param
        ):
            return True
        if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and sub is not fn:
            return True
    return False


def _body_errors(
    messages: list[tuple[Plugin, Message]],
    judged: list[tuple[Target, dict[str, Any]]],
) -> Iterator[Finding]:
    spans = {
        t.plugin: t.factory_span
        for t, p in judged
        if t.kind == "lifecycle" and t.factory_span and p["kind"] not in ("any", "unannotated")
    }
    for plugin, message in messages:
        span = spans.get(plugin)
        if (
            span is not None
            and message.code == "return-value"
            and message.path.resolve() == span[0].resolve()
            and span[1] <= message.line <= span[2]
        ):
            continue  # the lifecycle finding already says it
        hint = f" ({' '.join(message.hint.split())})" if message.hint else ""
        code = f" [{message.code}]" if message.code else ""
        yield PC208.at(
            plugin,
            Location(message.path, message.line, message.col),
            f"mypy: {message.message}{hint}{code}",
            fix="fix the type error, or run without --strict-plugins to check only the contract",
        )


register_pass(RunPass(name="mypy", order=10, run=run, enabled=_enabled))
