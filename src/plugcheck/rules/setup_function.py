"""Setup-function contracts (Sphinx's ``setup(app)``, Babel's extractors): the attributes the
function reads on the host object it receives, and the calls of its methods (PC531), and one
call with the contract's stand-ins, whose result must be what the host accepts back (PC532)."""

from __future__ import annotations

import ast
import difflib
from collections.abc import Iterator, Set

from plugcheck._ecosystem_worker.protocol import SetupRequest
from plugcheck.model import (
    ENTRY_POINT_OBJECT,
    Finding,
    Location,
    Partial,
    Phase,
    Plugin,
    Severity,
    TypeRef,
)
from plugcheck.passes import RunInput, RunPass, register_pass
from plugcheck.rules._ecosystem import at_exit, left_running, rejected
from plugcheck.rules._memo import memo
from plugcheck.rules.attribute_never_set import PC218
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.entry_points import PC540
from plugcheck.rules.host_names import PC530
from plugcheck.rules.host_uses import GUARDS
from plugcheck.rules.installed import PC214
from plugcheck.rules.instance_state import _bound_by
from plugcheck.rules.setup_signature import PC561, PC562
from plugcheck.rules.setup_spec import SetupContract, setup_contract
from plugcheck.rules.unchecked import no_entry_point
from plugcheck.static.index import Resolved
from plugcheck.static.parse import SymbolKind, catches, dotted_name
from plugcheck.static.resolve import node_at, resolve_dotted
from plugcheck.static.syntax import call_refusal, without_first

PC531 = rule(
    "PC531",
    "setup-uses-missing-host-attribute",
    Severity.ERROR,
    "The setup function uses an attribute the host object it receives does not have, or calls "
    "one of its methods with arguments the method cannot take.",
    overruled_by="setup",  # a call with stand-ins of exactly the declared classes worked
)
PC532 = rule(
    "PC532",
    "setup-call-fails",
    Severity.ERROR,
    "Calling the entry function with the contract's stand-ins fails, or returns what the host "
    "does not accept.",
    phase=Phase.DYNAMIC,
    # a method the installed host lacks, a signature that does not fit, an entry point naming
    # the wrong object: the static error about the same place predicts the failed call
    explained_by=(
        PC531.code,
        PC530.code,
        PC540.code,
        PC561.code,
        PC562.code,
        PC214.code,  # a missing module the entry function or a method the host calls imports
        PC218.code,  # a method the host calls reads what only the skipped host __init__ sets
        "PC564",  # it (or the class it returns) reads a key a complete stand-in lacks
        "PC104",  # the entry function's name is bound to a class (or another non-function)
        "PC576",  # an attribute the host reads that the returned class certainly gets wrong
    ),
)


class _Members:
    """Every attribute a host class provides, through its bases; ``None`` when unknowable."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def of(self, found: Resolved, depth: int = 0) -> set[str] | None:
        node = node_at(found.module, found.symbol.line)
        if not isinstance(node, ast.ClassDef) or depth > 20:
            return None
        names: set[str] = set()
        for stmt in node.body:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                if stmt.name in ("__getattr__", "__getattribute__"):
                    return None
                names.add(stmt.name)
                for sub in ast.walk(stmt):
                    if (
                        isinstance(sub, ast.Attribute)
                        and isinstance(sub.ctx, ast.Store)
                        and isinstance(sub.value, ast.Name)
                        and sub.value.id == "self"
                    ):
                        names.add(sub.attr)
            elif isinstance(stmt, ast.Assign):
                names |= {
                    n.id for t in stmt.targets for n in ast.walk(t) if isinstance(n, ast.Name)
                }
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                names.add(stmt.target.id)
            elif isinstance(stmt, ast.ClassDef):
                names.add(stmt.name)
        roots = self.ctx.api_roots()
        for base in node.bases:
            expr = base.value if isinstance(base, ast.Subscript) else base
            name = dotted_name(expr)
            if name in ("object", "Generic", "typing.Generic"):
                continue
            target = resolve_dotted(self.ctx.index, found.module, name or "", roots)
            if not isinstance(target, Resolved) or target.symbol.kind is not SymbolKind.CLASS:
                return None
            inherited = self.of(target, depth + 1)
            if inherited is None:
                return None
            names |= inherited
        return names


def _attribute_test(test: ast.expr, param: str) -> tuple[str, bool] | None:
    """``hasattr(app, "x")`` / ``"x" in dir(app)`` / ``getattr(app, "x", None)`` (negatable)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _attribute_test(test.operand, param)
        return (inner[0], not inner[1]) if inner else None
    if (
        isinstance(test, ast.Call)
        and dotted_name(test.func) in ("hasattr", "getattr")
        and len(test.args) >= 2
        and isinstance(test.args[0], ast.Name)
        and test.args[0].id == param
        and isinstance(test.args[1], ast.Constant)
        and isinstance(test.args[1].value, str)
    ):
        return test.args[1].value, True
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.In | ast.NotIn)
        and isinstance(test.left, ast.Constant)
        and isinstance(test.left.value, str)
        and isinstance(test.comparators[0], ast.Call)
        and dotted_name(test.comparators[0].func) == "dir"
        and len(test.comparators[0].args) == 1
        and isinstance(test.comparators[0].args[0], ast.Name)
        and test.comparators[0].args[0].id == param
    ):
        return test.left.value, isinstance(test.ops[0], ast.In)
    return None


def _gated(test: ast.expr) -> bool:
    """A version or feature gate: either branch may be dead on the installed host."""
    for node in ast.walk(test):
        name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
        if isinstance(name, str) and "version" in name.lower():
            return True
        if isinstance(node, ast.Call) and dotted_name(node.func) in ("hasattr", "getattr"):
            return True
        if isinstance(node, ast.Compare) and any(
            isinstance(c, ast.Tuple) for c in node.comparators
        ):
            return True
    return False


def _uses_of(body: list[ast.stmt], param: str, members: Set[str]) -> Iterator[ast.Attribute]:
    """Unguarded ``param.attr`` reads on the branches that run against this host."""
    for stmt in body:
        if isinstance(stmt, ast.If):
            check = _attribute_test(stmt.test, param)
            if check is not None:
                live = stmt.body if (check[0] in members) is check[1] else stmt.orelse
                yield from _uses_of(live, param, members)
                continue
            if _gated(stmt.test):
                continue
            yield from _reads(stmt.test, param)
            yield from _uses_of(stmt.body, param, members)
            yield from _uses_of(stmt.orelse, param, members)
        elif isinstance(stmt, ast.Try):
            if not catches(stmt.handlers, GUARDS):
                yield from _uses_of(stmt.body, param, members)
            yield from _uses_of([*stmt.orelse, *stmt.finalbody], param, members)
            for handler in stmt.handlers:
                yield from _uses_of(handler.body, param, members)
        elif isinstance(stmt, ast.For | ast.AsyncFor | ast.While | ast.With | ast.AsyncWith):
            for field in ("iter", "test", "items"):
                value = getattr(stmt, field, None)
                for part in value if isinstance(value, list) else [value]:
                    if isinstance(part, ast.AST):
                        yield from _reads(part, param)
            yield from _uses_of(stmt.body, param, members)
            yield from _uses_of(getattr(stmt, "orelse", []), param, members)
        elif not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield from _reads(stmt, param)


def _reads(node: ast.AST, param: str) -> Iterator[ast.Attribute]:
    for sub in ast.walk(node):
        if (
            isinstance(sub, ast.Attribute)
            and isinstance(sub.ctx, ast.Load)
            and isinstance(sub.value, ast.Name)
            and sub.value.id == param
        ):
            yield sub


@plugin_check(PC531)
def setup_attributes(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    spec = setup_contract(ctx.contract)
    info = ctx.module(plugin)
    if spec is None or not any(spec.arguments) or info is None:
        return
    name = spec.function_of(plugin)
    if name is None or "." in name:
        return
    roots = ctx.roots(plugin)
    found = ctx.index.resolve(info, name, roots)
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.FUNCTION:
        return
    function = node_at(found.module, found.symbol.line)
    if not isinstance(function, ast.FunctionDef):
        return
    params = [*function.args.posonlyargs, *function.args.args]
    for param, argument in zip(params, spec.arguments, strict=False):
        if argument is not None:
            yield from _argument_uses(ctx, plugin, spec, found, function, param.arg, argument)


def _argument_uses(
    ctx: Context,
    plugin: Plugin,
    spec: SetupContract,
    found: Resolved,
    function: ast.FunctionDef,
    param: str,
    argument: TypeRef,
) -> Iterator[Finding]:
    """PC531 for the attributes ``function`` reads on ``param`` that ``argument`` lacks."""
    host_path = ctx.index.find_module(argument.module, ctx.api_roots())
    host_info = ctx.index.info(host_path) if host_path else None
    host = (
        resolve_dotted(ctx.index, host_info, argument.name, ctx.api_roots()) if host_info else None
    )
    if not isinstance(host, Resolved) or host.symbol.kind is not SymbolKind.CLASS:
        return
    # Once per host class and run, not per plugin: IPython's InteractiveShell and its bases
    # were walked whole for every extension's load_ipython_extension(ipython).
    key = ("setup members", ctx.contract.name, str(host.module.path), host.symbol.line)
    members = memo(ctx, key, lambda: _frozen(_Members(ctx).of(host)))
    if members is None:
        return
    seen: set[str] = set()
    uses = list(_uses_of(function.body, param, members))
    yield from _call_misfits(plugin, found, function, param, argument, host, uses)
    for use in uses:
        if use.attr in members or use.attr in seen or use.attr.startswith("__"):
            continue
        seen.add(use.attr)
        close = difflib.get_close_matches(use.attr, sorted(members), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        host_name = f"{argument.module}.{argument.name}"
        yield PC531.at(
            plugin,
            Location(found.module.path, use.lineno, use.col_offset + 1),
            f"{function.name}() uses {param}.{use.attr}, but the installed {host_name} has no "
            f"attribute {use.attr!r}{hint}; the host's call fails with AttributeError",
            fix=f"use the host's current API{f' ({close[0]})' if close else ''}, or guard the "
            f"call with hasattr({param}, {use.attr!r}) for older hosts",
        )


def _frozen(names: set[str] | None) -> frozenset[str] | None:
    return None if names is None else frozenset(names)


def _call_misfits(
    plugin: Plugin,
    found: Resolved,
    function: ast.FunctionDef,
    param: str,
    argument: TypeRef,
    host: Resolved,
    uses: list[ast.Attribute],
) -> Iterator[Finding]:
    """PC531 for the calls ``param.method(...)`` among ``uses`` whose arguments the method cannot
    take: a plain ``def`` the host class's own body binds once (no decorator, and never assigned
    on an instance), called without ``*`` or ``**`` and outside any ``try``."""
    node = node_at(host.module, host.symbol.line)
    if not isinstance(node, ast.ClassDef):
        return
    used = {id(use) for use in uses}
    tried = {  # a `try` may catch the TypeError (a fallback for another version of the host)
        id(n)
        for t in ast.walk(function)
        if isinstance(t, ast.Try | ast.TryStar)
        for stmt in t.body
        for n in ast.walk(stmt)
    }
    stored: set[str] | None = None  # attributes the class's code ever assigns or deletes
    for call in ast.walk(function):
        if not isinstance(call, ast.Call) or id(call.func) not in used or id(call) in tried:
            continue
        if stored is None:
            stored = {
                n.attr
                for n in ast.walk(node)
                if isinstance(n, ast.Attribute) and not isinstance(n.ctx, ast.Load)
            }
        assert isinstance(call.func, ast.Attribute)
        attr = call.func.attr
        bound = [s for s in node.body if attr in _bound_by(s)]
        method = bound[0] if len(bound) == 1 else None
        params = without_first(method.args) if isinstance(method, ast.FunctionDef) else None
        if (
            not isinstance(method, ast.FunctionDef)
            or method.decorator_list
            or params is None
            or any(isinstance(a, ast.Starred) for a in call.args)
            or any(k.arg is None for k in call.keywords)
            or attr in stored
        ):
            continue
        keywords = [k.arg for k in call.keywords if k.arg]
        why = call_refusal(params, len(call.args), keywords, caller="the call")
        if why is None:
            continue
        host_name = f"{argument.module}.{argument.name}"
        yield PC531.at(
            plugin,
            Location(found.module.path, call.lineno, call.col_offset + 1),
            f"{function.name}() calls `{ast.unparse(call)[:60]}`, but the installed "
            f"{host_name}.{attr}() cannot take it: {why}; the host's call of {function.name}() "
            "fails with TypeError",
            fix=f"call {param}.{attr}() as the host's {host_name}.{attr} declares it",
        )


def run_setup(data: RunInput) -> list[Finding]:
    """Call each plugin's entry function once, with the contract's stand-ins for its arguments."""
    findings: list[Finding] = []
    if not data.options.dynamic:
        return findings
    for contract, plugins in data.contracts:
        spec = setup_contract(contract)
        handed = spec is not None and spec.handed
        if spec is None:
            continue
        if spec.stand_ins is None and not handed:
            # No stand-ins supplied: never call plugin code with a made-up host, and say so.
            if plugins:
                called = (
                    "the entry point's object"
                    if spec.export == ENTRY_POINT_OBJECT
                    else f"{spec.export}()"
                )
                data.notes.append(
                    Partial(
                        f"{called} not called: contract {contract.name!r} gives no "
                        "setup-function stand-ins, so the host's call is judged statically only"
                    )
                )
            continue
        request = SetupRequest(
            mode="setup",
            export=spec.export,
            stand_ins=list(spec.stand_ins or ()),
            keyword_stand_ins=dict(spec.keyword_stand_ins),
            metadata_keys=list(spec.metadata_keys) if spec.metadata_keys is not None else None,
            returns=spec.returns,
            required_keys=list(spec.required_keys),
            return_type=spec.return_type,
            instantiate_with=list(spec.instantiate_with),
            argument_types=[str(a) if a else "" for a in spec.arguments],
            calls=list(spec.calls),
            attributes=list(spec.attributes),
            accepted_by=spec.accepted_by,
            accepted_each=spec.accepted_each,
            handed=handed,
            optional=any(e.optional and spec.export in e.names for e in contract.exports),
            leak_census=True,
        )
        if spec.times > 1:
            request["samples"] = [list(refs) for refs in spec.samples]
            request["keyword_samples"] = {k: list(refs) for k, refs in spec.keyword_samples}
        runnable = [
            p for p in plugins if p.module_path is not None and spec.function_of(p) is not None
        ]
        if spec.export == ENTRY_POINT_OBJECT:  # a path no entry point names: never silent
            how = f"handing it to {spec.accepted_by}" if handed else f"calling {spec.call('it')}"
            data.unchecked.extend(
                no_entry_point(p, contract, f"{how} as the host does")
                for p in plugins
                if p.module_path is not None and p.entry_point is None and p not in runnable
            )
        for answer in rejected(data, contract, runnable, request, (PC532,)):
            function = spec.function_of(answer.plugin) or answer.plugin.module
            if (handler := at_exit(answer)) is not None:
                findings.append(handler)
                continue
            if answer.problem == "left-running":
                did = (
                    f"handed {function} to the host's {spec.accepted_by}"
                    if spec.handed
                    else f"called {spec.call(function)} as the host does"
                )
                findings.append(left_running(answer, did))
                continue
            said = f"calling {spec.call(function)} as the host does fails: {answer.message}"
            findings.append(
                PC532.at(
                    answer.plugin,
                    answer.location,
                    answer.message if handed else said,
                    fix=f"make {function} what the installed host's code accepts"
                    if handed
                    else f"make {function}() work with the installed host's API and return "
                    "what the host accepts",
                    related=answer.related,
                    # an attribute the host reads from what it got: the static PC576 names it
                    subject=answer.hook if answer.problem == "attribute" else None,
                )
            )
    return findings


register_pass(
    RunPass(name="setup-function", order=62, run=run_setup, enabled=lambda o: True, beside=True)
)
