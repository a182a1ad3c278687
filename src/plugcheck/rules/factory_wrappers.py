"""PC201 for a factory the host's call with no arguments can never succeed on, where mypy sees a
fitting callable: ``@functools.singledispatch`` over ``def new()`` (the dispatcher picks an
implementation by its first positional argument, and there is none) and ``new =
iter(()).__next__`` (the iterator of an empty literal: every call raises StopIteration)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.factory_binding import factory_statement
from plugcheck.rules.reached import reader_of
from plugcheck.rules.signatures import PC201
from plugcheck.static.applied import imported_as
from plugcheck.static.parse import ModuleInfo, dotted_name


@plugin_check(PC201)
def wrapped_factory(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    lifecycle = ctx.contract.lifecycle
    name = ctx.contract.factory_of(plugin)
    if lifecycle is None or lifecycle.build is not None or not name:
        return  # the host passes arguments: what they dispatch on is not judged
    found = factory_statement(ctx, plugin)
    if found is None:
        return
    stmt, module = found
    if isinstance(stmt, ast.FunctionDef) and len(stmt.decorator_list) == 1:
        deco = stmt.decorator_list[0]
        needs = _replacing_decorator(module, deco)
        if needs is not None:
            yield PC201.at(
                plugin,
                Location(module.path, stmt.lineno, stmt.col_offset + 1),
                f"{stmt.name} is replaced by what @{ast.unparse(deco)} returns, a function that "
                f"requires {needs}, and the host calls {name}() with none: every call raises "
                "TypeError",
                fix=f"make the decorator's wrapper take what {stmt.name} takes (*args, **kwargs)",
                subject=name,
            )
            return
        scope = reader_of(ctx, plugin).scope(module)
        if imported_as(dotted_name(deco) or "", scope) == "functools.singledispatch":
            yield PC201.at(
                plugin,
                Location(module.path, stmt.lineno, stmt.col_offset + 1),
                f"{stmt.name} is a functools.singledispatch function, which dispatches on its "
                f"first positional argument, and the host calls {name}() with none: every call "
                f"raises TypeError ({stmt.name} requires at least 1 positional argument)",
                fix=f"drop @singledispatch from {stmt.name} (dispatch inside it on a value it has)",
                subject=name,
            )
    elif (
        isinstance(stmt, ast.Assign)
        and _empty_iterator_next(stmt.value)
        and "iter" not in reader_of(ctx, plugin).scope(module)
    ):
        yield PC201.at(
            plugin,
            Location(module.path, stmt.lineno, stmt.col_offset + 1),
            f"{name} is `{ast.unparse(stmt.value)[:60]}`, the __next__ of an empty "
            f"iterator: the host's call {name}() raises StopIteration every time",
            fix=f"make {name} a function that returns a new plugin object",
            subject=name,
        )


def _empty_iterator_next(value: ast.expr) -> bool:
    """``iter(())``, ``iter([])``, ``iter({})`` or ``iter("")``, then ``.__next__``."""
    match value:
        case ast.Attribute(
            attr="__next__", value=ast.Call(func=ast.Name(id="iter"), args=[arg], keywords=[])
        ):
            if isinstance(arg, ast.Dict):
                return not arg.keys
            if isinstance(arg, ast.Tuple | ast.List):
                return not arg.elts
            return isinstance(arg, ast.Constant) and arg.value in ("", b"")
    return False


def _replacing_decorator(module: ModuleInfo, deco: ast.expr) -> str | None:
    """The parameters a call with no arguments lacks, when ``deco`` names a plain function of
    the module (defined once, unconditionally) whose only way out is ``return inner``, a plain
    function defined in its body that requires arguments: the decorated name is ``inner``."""
    called = deco.id if isinstance(deco, ast.Name) else ""
    symbol = module.symbols.get(called)
    tree = module.tree
    if symbol is None or symbol.conditional or tree is None or called in module.redefined:
        return None
    node = next(
        (n for n in tree.body if isinstance(n, ast.FunctionDef) and n.lineno == symbol.line), None
    )
    if node is None or node.decorator_list or not node.body:
        return None
    last = node.body[-1]
    returns = [n for n in ast.walk(node) if isinstance(n, ast.Return)]
    inner = next(
        (
            n
            for n in node.body
            if isinstance(n, ast.FunctionDef)
            and isinstance(last, ast.Return)
            and isinstance(last.value, ast.Name)
            and n.name == last.value.id
        ),
        None,
    )
    if inner is None or inner.decorator_list or len(returns) != 1 + len(_own_returns(inner)):
        return None
    if any(isinstance(n, ast.Yield | ast.YieldFrom) for n in ast.walk(node)):
        return None
    args = inner.args
    positional = [*args.posonlyargs, *args.args]
    required = [a.arg for a in positional[: len(positional) - len(args.defaults)]]
    required += [a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is None]
    return ", ".join(required) if required else None


def _own_returns(inner: ast.FunctionDef) -> list[ast.Return]:
    """The ``return`` statements inside ``inner`` (the decorator's others are not allowed)."""
    return [n for n in ast.walk(inner) if isinstance(n, ast.Return)]
