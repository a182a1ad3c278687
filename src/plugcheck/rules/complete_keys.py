"""PC564 beyond hookimpls, under ``complete-stand-ins``: the entry function the host calls (a
setup function), or the ``__init__`` of the class the host builds (the lifecycle's factory, or
the class an entry function returns, built with ``instantiate-with``), reads on every call a
key of a parameter whose stand-in the contract declares complete, and that stand-in's dict
lacks the key: every call raises KeyError. Without the key a stand-in is a sample of a user's
options, and nothing here is said."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin, shown_stand_in
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.base_copies import copied_options
from plugcheck.rules.config_keys import lacking_key
from plugcheck.rules.setup_spec import setup_contract
from plugcheck.rules.stand_in_values import PC564, complete_value, missing_key
from plugcheck.rules.super_init import init_parameters, own_init, super_base, super_call
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import node_at, own_nodes, resolve_dotted
from plugcheck.static.syntax import without_first


def _reads(
    ctx: Context,
    plugin: Plugin,
    path: Path,
    fn: ast.FunctionDef,
    passed: Mapping[str, str],
    what: str,
    at: ast.stmt | None = None,
    copied: frozenset[str] = frozenset(),
    held: str = "",
    subject: str | None = None,
) -> Iterator[Finding]:
    """PC564 for the first key ``fn`` reads on every call of each parameter whose stand-in
    is complete, that the stand-in's dict lacks; at the read, or at ``at`` (a class the
    harness's failure to build names), the read's line then in the message. ``copied``:
    parameters also handed to a base ``__init__`` that only copies them (:func:`_copied`);
    ``held``: how an attribute ``name`` (``self.options``) came to hold the stand-in;
    ``subject``: the method the host calls, which its failed call names."""
    for name, ref in passed.items():
        value = complete_value(ctx, plugin, ref)
        found = missing_key(fn, name, value[0], values=True) if value is not None else None
        if found is None and value is not None and name in copied:
            found = lacking_key(fn, name, value[0], True) if isinstance(value[0], dict) else None
        if found is None or value is None:
            continue
        node, key = found
        place = at or node
        line = f" (line {node.lineno})" if at is not None else ""
        table = isinstance(node.value, ast.Dict)  # a literal looked up with a passed value
        passes = f"{name} is {held}" if held else f"the host passes {name} as"
        yield PC564.at(
            plugin,
            Location(path, place.lineno, place.col_offset + 1),
            f"{what} reads `{ast.unparse(node)[:60]}`{line} on every call, but {passes} "
            f"{shown_stand_in(ref)}, {value[0]!r}"[:240]
            + ", which the contract declares all it passes (complete-stand-ins) and "
            + (
                f"in which it is {key!r}, no key of that dict literal"
                if table
                else f"which has no key {key!r}"
            )
            + ": every call raises KeyError",
            fix=(
                f"give the dict a {key!r} entry, or look it up with .get() and a fallback"
                if table
                else f"read {key!r} with a default ({name}.get({key!r}, ...)), or ask the host "
                "to pass it"
            ),
            subject=subject,
        )


def _class(ctx: Context, plugin: Plugin, found: object) -> tuple[ModuleInfo, ast.ClassDef] | None:
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
        return None
    node = node_at(found.module, found.symbol.line)
    return (found.module, node) if isinstance(node, ast.ClassDef) else None


def _copied(
    ctx: Context, plugin: Plugin, module: ModuleInfo, node: ast.ClassDef, name: str
) -> bool:
    """Every use of the own ``__init__``'s parameter ``name`` is a read ``name[...]`` or a
    positional argument of its ``super().__init__(...)``, whose base (a plain class statement)
    uses the matching parameter only as ``dict(param)`` or ``param[...]``: nothing adds a key
    before the reads (``Base.__init__`` doing ``self.options = dict(options)``)."""
    init, call = own_init(node), super_call(node)
    base = super_base(ctx, plugin, module, node) if call is not None else None
    base_init = own_init(base) if base is not None else None
    args = without_first(base_init.args) if base_init is not None else None
    if init is None or call is None or base_init is None or args is None or call.keywords:
        return False
    handed = [i for i, a in enumerate(call.args) if isinstance(a, ast.Name) and a.id == name]
    names = [a.arg for a in (*args.posonlyargs, *args.args)]
    if (
        len(handed) != 1
        or handed[0] >= len(names)
        or any(isinstance(a, ast.Starred) for a in call.args)
    ):
        return False
    if not _only(init, name, lambda n, parent: parent is call):
        return False
    dotted = dotted_name(node.bases[0])
    where = resolve_dotted(ctx.index, module, dotted, ctx.roots(plugin)) if dotted else None
    if not isinstance(where, Resolved) or "dict" in where.module.symbols:
        return False  # the base's module unknown, or dict is not the builtin there

    def copies(n: ast.Name, parent: ast.AST | None) -> bool:
        return (
            isinstance(parent, ast.Call)
            and isinstance(parent.func, ast.Name)
            and parent.func.id == "dict"
            and parent.args == [n]
            and not parent.keywords
        )

    return _only(base_init, names[handed[0]], copies)


def _only(
    fn: ast.FunctionDef,
    name: str,
    also: Callable[[ast.Name, ast.AST | None], bool],
) -> bool:
    """Every use of ``name`` in ``fn`` is a read ``name[...]`` or one ``also`` accepts (given
    the use and its parent), and nothing rebinds it."""
    parents = {id(c): p for p in ast.walk(fn) for c in ast.iter_child_nodes(p)}
    for n in ast.walk(fn):
        if isinstance(n, ast.Global | ast.Nonlocal) and name in n.names:
            return False
        if not isinstance(n, ast.Name) or n.id != name:
            continue
        parent = parents.get(id(n))
        read = isinstance(parent, ast.Subscript) and parent.value is n and _loaded(n)
        if not _loaded(n) or not (read or also(n, parent)):
            return False
    return True


def _built(
    ctx: Context,
    plugin: Plugin,
    module: ModuleInfo,
    node: ast.ClassDef,
    stand_ins: Sequence[object],
    at_class: bool = False,
) -> Iterator[Finding]:
    """PC564 in the own, undecorated ``__init__`` of a plain class (no decorator, metaclass
    or keywords) the host builds with ``stand_ins`` (``at_class``: reported at the class,
    where the harness places the lifecycle factory's failure)."""
    init = own_init(node)
    if init is None or node.decorator_list or node.keywords:
        return
    passed = init_parameters(node, stand_ins)
    at = node if at_class else None
    copied = frozenset(n for n in passed if _copied(ctx, plugin, module, node, n))
    what = f"{node.name}.__init__"
    yield from _reads(ctx, plugin, module.path, init, passed, what, at, copied)


def _called(
    ctx: Context,
    plugin: Plugin,
    module: ModuleInfo,
    node: ast.ClassDef,
    stand_ins: Sequence[object],
    methods: Sequence[str],
) -> Iterator[Finding]:
    """PC564 in the first of the ``methods`` the host calls, in order, on the class it built
    with ``stand_ins`` that reads a key its base's copy of a complete stand-in lacks
    (``self.options["separator"]`` after ``Checker.__init__``'s ``self.options =
    dict(options)``; :func:`copied_options`). Each method is the class's own plain one, run
    when called (no ``yield``); an inherited one ends the look."""
    copied = copied_options(ctx, plugin, module, node, stand_ins)
    if copied is None:
        return
    binding = [s for s in node.body if not isinstance(s, ast.Expr)]
    for method in methods:
        fn = next((s for s in reversed(binding) if method in _binds(s)), None)
        if not isinstance(fn, ast.FunctionDef) or fn.decorator_list:
            return
        if any(isinstance(n, ast.Yield | ast.YieldFrom) for n in own_nodes(fn)):
            return
        args = [*fn.args.posonlyargs, *fn.args.args]
        if not args:
            return
        name = f"{args[0].arg}.{copied.attribute}"
        held = f"{copied.base.name}.__init__'s dict() of"
        found = list(
            _reads(
                ctx,
                plugin,
                module.path,
                fn,
                {name: copied.stand_in},
                f"{node.name}.{method}()",
                held=held,
                subject=method,
            )
        )
        if found:
            yield found[0]
            return


def _binds(stmt: ast.stmt) -> set[str]:
    """The names a class-body statement binds (a ``def``'s only its own)."""
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {stmt.name}
    if isinstance(stmt, ast.Import | ast.ImportFrom):
        return {(a.asname or a.name).partition(".")[0] for a in stmt.names}
    return {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and not _loaded(n)}


def _loaded(node: ast.Name) -> bool:
    return isinstance(node.ctx, ast.Load)


@plugin_check(PC564)
def complete_key_reads(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """The setup function and the class it returns, then the lifecycle's factory class."""
    info = ctx.module(plugin)
    spec = setup_contract(ctx.contract)
    if info is None or not ctx.contract.options.get("complete-stand-ins"):
        return
    roots = ctx.roots(plugin)
    name = spec.function_of(plugin) if spec is not None else None
    if spec is not None and name is not None and "." not in name:
        found = ctx.index.resolve(info, name, roots)
        node = node_at(found.module, found.symbol.line) if isinstance(found, Resolved) else None
        if isinstance(found, Resolved) and isinstance(node, ast.FunctionDef):
            if not node.decorator_list:
                args = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
                passed = dict(zip(args, spec.stand_ins or (), strict=False))
                passed.update(spec.keyword_stand_ins)
                yield from _reads(ctx, plugin, found.module.path, node, passed, f"{name}()")
            returns = [n.value for n in own_nodes(node) if isinstance(n, ast.Return)]
            local = {a.arg for a in ast.walk(node.args) if isinstance(a, ast.arg)}
            local |= {n.id for n in own_nodes(node) if isinstance(n, ast.Name) and not _loaded(n)}
            named = returns[0].id if len(returns) == 1 and isinstance(returns[0], ast.Name) else ""
            if named and named not in local:
                made = ctx.index.resolve(found.module, named, roots)
                built = _class(ctx, plugin, made)
                if built is not None and spec.instantiate_with:
                    yield from _built(ctx, plugin, *built, spec.instantiate_with)
                    methods = [call["method"] for call in spec.calls]
                    yield from _called(ctx, plugin, *built, spec.instantiate_with, methods)
    lifecycle = ctx.contract.lifecycle
    factory = ctx.contract.factory_of(plugin)
    if lifecycle is None or lifecycle.build is None or factory is None or "." in factory:
        return
    built = _class(ctx, plugin, ctx.index.resolve(info, factory, roots))
    if built is not None and not lifecycle.build.keywords:
        yield from _built(ctx, plugin, *built, lifecycle.build.stand_ins, at_class=True)
        methods = [call.method for call in lifecycle.calls or ()]
        yield from _called(ctx, plugin, *built, lifecycle.build.stand_ins, methods)
