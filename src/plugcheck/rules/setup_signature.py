"""The entry function a setup-function contract names, against the host's call, read from
source: PC561, it cannot take the arguments the host passes (``plugin(registry)`` where the host
calls ``plugin(registry, options)``); PC562, it certainly returns what the host refuses (None, a
literal, a generator, an instance where the host wants the class)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.setup_spec import SetupContract, setup_contract
from plugcheck.static.index import Resolved
from plugcheck.static.parse import SymbolKind
from plugcheck.static.resolve import is_generator, node_at, own_nodes

PC561 = rule(
    "PC561",
    "setup-signature-mismatch",
    Severity.ERROR,
    "The entry function cannot take the arguments the host passes it (the setup-function "
    "contract's stand-ins): the host's call raises TypeError.",
    overruled_by="setup",  # the real call with the stand-ins worked
)
PC562 = rule(
    "PC562",
    "setup-returns-refused",
    Severity.ERROR,
    "The entry function certainly returns what the host refuses (the setup-function contract's "
    "returns): None, a literal, a generator or a coroutine, an instance where the host wants the "
    "class.",
    overruled_by="setup",
)
LITERALS = (
    ast.Constant,
    ast.List,
    ast.Tuple,
    ast.Set,
    ast.Dict,
    ast.JoinedStr,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
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


@plugin_check(PC561, PC562)
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
    at = Location(found.module.path, function.lineno, function.col_offset + 1)
    refused = _refused_result(ctx, plugin, found, function, spec.returns)
    if refused is not None:
        wants = _wants(spec)
        yield PC562.at(
            plugin,
            at,
            f"{name}() {refused}, but the host's {spec.call(name)} wants {wants}",
            fix=f"return {wants} from {function.name}()",
        )
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


def _wants(spec: SetupContract) -> str:
    """What the host accepts back, as a message says it."""
    host_type = (spec.return_type or "").replace(":", ".")
    return {
        "subclass": f"a subclass of {host_type} (the class itself, not an instance)",
        "instance": f"an instance of {host_type}",
        "none": "None",
        "mapping": "a dict",
        "mapping-or-none": "a dict or None",
        "iterable": "something it can iterate",
    }.get(spec.returns, "anything")


def _refused_result(
    ctx: Context,
    plugin: Plugin,
    found: Resolved,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    returns: str,
) -> str | None:
    """What ``function`` certainly returns that ``returns`` refuses, said as ``returns ...``;
    ``None`` when some path may return what the host accepts (or nothing tells)."""
    if returns == "any":
        return None
    if isinstance(function, ast.AsyncFunctionDef):
        return "is async: the host's call gets a coroutine that never runs"
    if is_generator(function):
        if returns == "iterable":
            return None
        return "is a generator function: the host's call gets a generator, and its body never runs"
    values = [n.value for n in own_nodes(function) if isinstance(n, ast.Return)]
    if all(v is None or (isinstance(v, ast.Constant) and v.value is None) for v in values):
        if returns in ("none", "mapping-or-none"):
            return None
        return "returns None on every path"
    if returns not in ("subclass", "instance"):
        return None
    local = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)} | {
        n.id
        for n in own_nodes(function)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    said = [_wrong(ctx, plugin, found, v, returns, local) for v in values if v is not None]
    if said and all(said):
        return str(said[0])
    return None


def _wrong(
    ctx: Context, plugin: Plugin, found: Resolved, value: ast.expr, returns: str, local: set[str]
) -> str | None:
    """What ``return <value>`` certainly gives that ``returns`` refuses; ``None``: it may fit."""
    if isinstance(value, ast.Constant) and value.value is None:
        return "returns None"
    if isinstance(value, LITERALS):
        kind = type(value.value).__name__ if isinstance(value, ast.Constant) else "a literal"
        return f"returns {kind} ({ast.unparse(value)[:40]})"
    if returns != "subclass" or not isinstance(value, ast.Call):
        return None
    called = value.func
    if not isinstance(called, ast.Name) or called.id in local:
        return None
    target = ctx.index.resolve(found.module, called.id, ctx.roots(plugin))
    if isinstance(target, Resolved) and target.symbol.kind is SymbolKind.CLASS:
        return f"returns an instance of {called.id} ({ast.unparse(value)[:40]}), not the class"
    return None
