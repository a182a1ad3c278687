"""What makes every call of the entry function raise, in the code every call runs (PC562's
"raises on every call"): asyncio used so that it raises (``asyncio_misuse``), a context
variable used so that it raises (``context_vars``), a ``getattr(Cls, "__name")`` the class
cannot answer (``private_lookups``), a metadata read
of a distribution the target lacks (``metadata_version``), an attribute read on a parameter
the value of which the contract's stand-in gives as a builtin type that lacks it (``options.level``
on the dict the host passes; ``passed_values``). Only a plain, undecorated ``def`` that is no
generator is judged: its body runs when the host calls it."""

from __future__ import annotations

import ast

from plugcheck.model import Location, Plugin, shown_stand_in
from plugcheck.rules.asyncio_misuse import misuse, module_def
from plugcheck.rules.base import Context
from plugcheck.rules.certain_end import exit_location
from plugcheck.rules.certain_evaluated import evaluated_parts
from plugcheck.rules.context_vars import function_misuse
from plugcheck.rules.metadata_version import unread_metadata
from plugcheck.rules.passed_values import lacking_attribute, stand_in_type, unannotated
from plugcheck.rules.private_lookups import private_lookup
from plugcheck.rules.reached import local_names, reader_of
from plugcheck.rules.setup_spec import SetupContract
from plugcheck.static.index import Resolved
from plugcheck.static.resolve import is_generator


def setup_raises(
    ctx: Context,
    plugin: Plugin,
    found: Resolved,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    spec: SetupContract,
) -> tuple[str | None, Location]:
    """Why every call of the entry function raises, said as ``raises ...`` (None when unsure),
    and where a finding about the call goes: the failing expression, where the harness's
    failed call points (else the ``sys.exit()`` that ends every call, else the ``def``)."""
    said = _raises(ctx, plugin, found, function, spec)
    if said is None:
        return None, exit_location(found.module, function)
    node = said[1]
    return said[0], Location(found.module.path, node.lineno, node.col_offset + 1)


def _raises(
    ctx: Context,
    plugin: Plugin,
    found: Resolved,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    spec: SetupContract,
) -> tuple[str, ast.expr] | None:
    if not isinstance(function, ast.FunctionDef) or function.decorator_list:
        return None
    if is_generator(function):
        return None
    info = found.module
    used = misuse(info, evaluated_parts(function), local_names(function), module_def(info))
    if used is not None:
        node, error, why = used
        assert isinstance(node, ast.expr)  # a call, or a `with` item's context expression
        return f"raises {error} on every call: it runs {why}", node
    reader = reader_of(ctx, plugin)
    context = function_misuse(reader, info, function, local_names(function))
    if context is not None:
        node, error, why = context
        return f"raises {error} on every call: it runs {why}", node
    looked_up = private_lookup(reader, info, function)
    if looked_up is not None:
        return f"raises AttributeError on every call: it runs {looked_up.why}", looked_up.call
    unread = unread_metadata(ctx, plugin, info, function)
    if unread is not None:
        call, name = unread
        return (
            f"raises PackageNotFoundError on every call: it runs `{ast.unparse(call)[:60]}` "
            f"(line {call.lineno}), and no distribution {name!r} is installed in the target "
            "environment",
            call,
        )
    params = [*function.args.posonlyargs, *function.args.args]
    passed = list(zip(params, spec.stand_ins or (), strict=False))
    named = dict(spec.keyword_stand_ins)
    every = [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]
    passed += [(a, named[a.arg]) for a in every if a.arg in named]
    for param, ref in passed:
        kind = stand_in_type(ctx, plugin, ref) if unannotated(param) else None
        if kind is None:
            continue
        read = lacking_attribute(function, param.arg, kind)
        if read is not None:
            return (
                f"raises AttributeError on every call: it reads `{ast.unparse(read)[:40]}` "
                f"(line {read.lineno}), and the host passes {param.arg} as "
                f"{shown_stand_in(ref)}, a {kind.__name__}, which has no attribute "
                f"{read.attr!r}",
                read,
            )
    return None
