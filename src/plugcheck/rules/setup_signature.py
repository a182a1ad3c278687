"""PC561: the entry function a setup-function contract names cannot take the arguments the host
passes (``plugin(registry)`` where the host calls ``plugin(registry, options)``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.setup_spec import SetupContract, setup_contract
from plugcheck.static.index import Resolved
from plugcheck.static.parse import SymbolKind
from plugcheck.static.resolve import node_at

PC561 = rule(
    "PC561",
    "setup-signature-mismatch",
    Severity.ERROR,
    "The entry function cannot take the arguments the host passes it (the setup-function "
    "contract's stand-ins): the host's call raises TypeError.",
    overruled_by="setup",  # the real call with the stand-ins worked
)


def passed(spec: SetupContract) -> tuple[int, tuple[str, ...]] | None:
    """How many positional arguments the host passes and the names it passes by keyword;
    ``None`` when the contract does not say: only its stand-ins describe the whole call
    (``arguments`` may name the classes of some of them)."""
    if spec.stand_ins is None:
        return None
    return len(spec.stand_ins), tuple(name for name, _ in spec.keyword_stand_ins)


def refusal(args: ast.arguments, count: int, keywords: tuple[str, ...]) -> str | None:
    """Why ``def f(<args>)`` refuses ``count`` positional arguments and ``keywords``, as Python's
    call does; ``None`` when it takes them."""
    positional = [*args.posonlyargs, *args.args]
    names = [a.arg for a in positional]
    required = len(positional) - len(args.defaults)
    if count > len(positional) and args.vararg is None:
        return f"it takes {len(positional)} positional argument(s), the host passes {count}"
    for keyword in keywords:
        index = names.index(keyword) if keyword in names else -1
        if 0 <= index < len(args.posonlyargs):
            return f"{keyword!r} is positional-only, the host passes it by keyword"
        if 0 <= index < count:
            return f"the host passes {keyword!r} twice (by position and by keyword)"
        if index < 0 and keyword not in {a.arg for a in args.kwonlyargs} and args.kwarg is None:
            return f"it has no parameter {keyword!r}, which the host passes by keyword"
    missing = [n for n in names[count:required] if n not in keywords]
    if missing:
        return f"it requires {', '.join(missing)}, which the host does not pass"
    kwonly = [
        a.arg
        for a, default in zip(args.kwonlyargs, args.kw_defaults, strict=True)
        if default is None and a.arg not in keywords
    ]
    if kwonly:
        return f"its keyword-only {', '.join(kwonly)} has no default, and the host does not pass it"
    return None


@plugin_check(PC561)
def setup_signature(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    spec = setup_contract(ctx.contract)
    info = ctx.module(plugin)
    host = passed(spec) if spec is not None else None
    if spec is None or host is None or info is None:
        return
    name = spec.function_of(plugin)
    if name is None or "." in name:
        return
    found = ctx.index.resolve(info, name, ctx.roots(plugin))
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.FUNCTION:
        return
    function = node_at(found.module, found.symbol.line)
    # A decorator may replace the function (functools.wraps, a cache, one that returns None):
    # the harness judges what Python keeps.
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) or function.decorator_list:
        return
    why = refusal(function.args, *host)
    if why is None:
        return
    yield PC561.at(
        plugin,
        Location(found.module.path, function.lineno, function.col_offset + 1),
        f"{name}() cannot take what the host passes, {spec.call(name)}: {why}; the host's "
        "call raises TypeError",
        fix=f"give {function.name}() the host's parameters: one per stand-in, in order",
    )
