"""PC007: two plugins of one contract put the same key into one registry of the host at import.

A host that keeps its plugins' contributions in a dict at module level (fsspec's
``register_implementation(name, cls)`` into ``_registry``, a ``@renderer("md")`` decorator
filling ``RENDERERS``) holds one value per key. Each plugin alone loads fine; installed
together, the second one's registration either raises, where the host's function refuses a
taken key (fsspec: ``ValueError: Name (memo) already in the registry and clobber is False``),
and the host fails to import it, or silently replaces the first one's entry, and one plugin
never runs. Judged statically, on what every import surely runs (top-level statements and the
decorators of top-level definitions) with keys that are constants. Keys computed at import are
the harness's (PC429, ``rules/registry_census.py``): :func:`registry_dicts` tells it which host
dicts to read in each plugin's process. Registrations inside functions the host calls later
would need the plugins loaded into one process, which the harness never does.

Each plugin's registrations are gathered with its own checks (kept in its result-cache entry)
and joined across the contract's plugins afterwards: no plugin's syntax tree outlives its
checks, and a warm rerun parses nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugcheck.model import Finding, Location, Plugin, Related, Severity
from plugcheck.rules.base import Context, joined_check, rule
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.resolve import dotted_module, node_at, resolve_dotted, string_value
from plugcheck.static.symbols import SymbolKind
from plugcheck.static.syntax import dotted_name

PC007 = rule(
    "PC007",
    "registry-key-clash",
    Severity.ERROR,
    "Two plugins of one contract register the same key in one of the host's module-level "
    "registries at import: installed together, the second registration raises (the host's "
    "function refuses a taken key) or silently replaces the first plugin's entry (a warning).",
)


@dataclass(frozen=True, slots=True)
class Registration:
    """One plugin's import-time registration of a constant key."""

    at: Location
    registry: str
    """The host's dict (``module.NAME``) or the function that keys it (``module.name()``)."""
    key: str
    function: bool
    """Through a function of the host's (``registry`` names it), not into its dict."""
    refuses: bool
    """The host's function raises for a key it already holds (and the call does not pass
    the arguments that decide that)."""

    def data(self) -> list[Any]:
        at = self.at
        return [str(at.path), at.line, at.col, self.registry, self.key, self.function, self.refuses]

    @classmethod
    def of(cls, data: list[Any]) -> Registration:
        """The registration :meth:`data` gave (from a result-cache entry)."""
        path, line, col, registry, key, function, refuses = data
        at = Location(Path(path), int(line), int(col))
        return cls(at, str(registry), str(key), bool(function), bool(refuses))


def _gather(ctx: Context, plugin: Plugin) -> list[Any]:
    return [found.data() for found in _registrations(ctx, plugin)]


@joined_check(PC007, gather=_gather)
def registry_key_clash(
    ctx: Context, gathered: Sequence[tuple[Plugin, list[Any]]]
) -> Iterator[Finding]:
    first: dict[tuple[str, str], tuple[Plugin, Registration]] = {}
    judged = {id(p) for p in ctx.plugins}
    for plugin, registrations in gathered:
        for found in map(Registration.of, registrations):
            by, earlier = first.setdefault((found.registry, found.key), (plugin, found))
            if by.key == plugin.key or id(plugin) not in judged:
                continue
            then = (
                f"{found.registry} raises for a key it already holds, so importing the second "
                "plugin fails"
                if found.refuses
                else "the later one replaces the other's entry, and which plugin the host keeps "
                "depends on the order it loads them"
            )
            how = "through" if found.function else "in"
            yield PC007.at(
                plugin,
                found.at,
                f"{plugin.name} registers {found.key!r} {how} {found.registry}, and so does "
                f"{by.name} (at {ctx.shown(earlier.at.path)}:{earlier.at.line}): installed "
                f"together, {then}",
                fix=f"register under a name of the plugin's own (a prefix: "
                f"'{plugin.name}-{found.key}')",
                related=[Related(earlier.at, f"{by.name} registers {found.key!r}")],
                severity=None if found.refuses else Severity.WARNING,
                subject=key_subject(found.key),  # the harness's PC429 about it, explained
            )


def key_subject(key: str) -> str:
    """What a clash over ``key`` is about: PC007's and PC429's, so the static error explains
    the harness's finding on the same plugin."""
    return f"registry key {key!r}"


def _registrations(ctx: Context, plugin: Plugin) -> Iterator[Registration]:
    roots = ctx.roots(plugin)
    own = {ctx.index.real(p) for p in plugin.files if ctx.index.is_file(p)}
    for info, tree in _parsed(ctx, plugin):
        for expr in _import_time(tree.body):
            found = _registration(ctx, info, expr, roots, own)
            if found is not None:
                yield found


def _parsed(ctx: Context, plugin: Plugin) -> Iterator[tuple[ModuleInfo, ast.Module]]:
    """The plugin's Python files that parse, each with its tree."""
    for path in plugin.files:
        # a dangling link, a link loop or a FIFO is PC001's (the host's import fails there)
        readable = path.suffix == ".py" and ctx.index.is_file(path)
        info = ctx.index.info(path) if readable else None
        if info is not None and info.tree is not None:
            yield info, info.tree


def _import_time(body: Sequence[ast.stmt]) -> Iterator[ast.expr | ast.stmt]:
    """The calls and subscript assignments every import of the module runs: top-level
    statements (not under ``if`` or ``try``) and the decorators of top-level definitions."""
    for stmt in body:
        if isinstance(stmt, ast.Expr | ast.Assign) and isinstance(stmt.value, ast.Call):
            yield stmt.value
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Subscript) for t in stmt.targets):
            yield stmt
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield from (d for d in stmt.decorator_list if isinstance(d, ast.Call))


def _registration(
    ctx: Context,
    info: ModuleInfo,
    expr: ast.expr | ast.stmt,
    roots: list[Path],
    own: set[Path],
) -> Registration | None:
    if isinstance(expr, ast.Assign):
        target = next(t for t in expr.targets if isinstance(t, ast.Subscript))
        name = dotted_name(target.value)
        host = _host_symbol(ctx, info, name, roots, own) if name else None
        if host is None or host[1].symbol.kind is not SymbolKind.ASSIGN:
            return None
        key = string_value(ctx.index, info, target.slice, roots)
        if key is None:
            return None
        registry = f"{host[0]}.{host[1].symbol.name}"
        at = Location(info.path, expr.lineno, expr.col_offset + 1)
        return Registration(at, registry, key, function=False, refuses=False)
    assert isinstance(expr, ast.Call)
    name = dotted_name(expr.func)
    host = _host_symbol(ctx, info, name, roots, own) if name else None
    if host is None or host[1].symbol.kind is not SymbolKind.FUNCTION:
        return None
    module, resolved = host
    line = resolved.symbol.line
    # Once per host function, not once per plugin calling it: the host's trees stay parsed.
    stored = resolved.module.derived(f"PC007 keys of {line}", lambda m: _keeper(m, line))
    if stored is None:
        return None
    fn, param, deciders = stored
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    passed = {k.arg for k in expr.keywords if k.arg} | set(params[: len(expr.args)])
    arg = _argument(expr, params, param)
    key = string_value(ctx.index, info, arg, roots) if arg is not None else None
    if key is None:
        return None
    at = Location(info.path, expr.lineno, expr.col_offset + 1)
    refuses = deciders is not None and not (deciders & passed)
    registry = f"{module}.{fn.name}()"
    return Registration(at, registry, key, function=True, refuses=refuses)


def _host_symbol(
    ctx: Context, info: ModuleInfo, name: str, roots: list[Path], own: set[Path]
) -> tuple[str, Resolved] | None:
    """What ``name`` names in the plugin's module, when the host defines it (outside the
    plugin's files): the host module's dotted name and the definition."""
    found = resolve_dotted(ctx.index, info, name, roots)
    if not isinstance(found, Resolved) or ctx.index.real(found.module.path) in own:
        return None
    module = dotted_module(ctx.index, found.module.path, roots)
    return (module, found) if module else None


def _argument(call: ast.Call, params: list[str], param: str) -> ast.expr | None:
    """The expression ``call`` passes for the host function's parameter ``param``."""
    for keyword in call.keywords:
        if keyword.arg == param:
            return keyword.value
    index = params.index(param) if param in params else -1
    return call.args[index] if 0 <= index < len(call.args) else None


def _keeper(
    module: ModuleInfo, line: int
) -> tuple[ast.FunctionDef, str, frozenset[str] | None] | None:
    """The function of ``module`` defined at ``line``, when it keeps what it is given
    (:func:`_stored`), with how."""
    fn = node_at(module, line)
    stored = _stored(module, fn) if isinstance(fn, ast.FunctionDef) else None
    return None if stored is None or not isinstance(fn, ast.FunctionDef) else (fn, *stored)


def _stored(module: ModuleInfo, fn: ast.FunctionDef) -> tuple[str, frozenset[str] | None] | None:
    """How the host function ``fn`` keeps what it is given: ``(key parameter, deciders)`` when
    it stores under one of its parameters into dicts its module binds at top level
    (``REGISTRY[name] = cls``, in ``fn`` or in a decorator it returns); ``deciders`` are the
    other parameters read by an ``if name in ...:`` that raises (fsspec's ``clobber``), ``None``
    when no such ``if`` raises."""
    params = {a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)}
    keys = {key for _, key in _stores(module, fn, params)}
    if len(keys) != 1:
        return None  # none, or keyed by several parameters: not one key per call
    param = keys.pop()
    deciders: frozenset[str] | None = None
    for node in ast.walk(fn):
        if isinstance(node, ast.If) and _tests_key(node.test, param) and _raises(node.body):
            names = {n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)}
            deciders = (deciders or frozenset()) | frozenset((names & params) - {param})
    return param, deciders


def _stores(module: ModuleInfo, fn: ast.FunctionDef, params: set[str]) -> set[tuple[str, str]]:
    """``(dict, parameter)`` for each ``DICT[param] = ...`` in ``fn`` (a decorator it returns
    too) into a dict its module binds at top level."""
    return {
        (target.value.id, target.slice.id)
        for node in ast.walk(fn)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Subscript)
        and isinstance(target.value, ast.Name)
        and isinstance(target.slice, ast.Name)
        and target.slice.id in params
        and _module_dict(module, target.value.id)
    }


def _module_dict(module: ModuleInfo, name: str) -> bool:
    """``name`` is bound at the top of ``module`` by an assignment of a dict (``{}``,
    ``dict()``), never under ``if`` or ``try``."""
    symbol = module.symbols.get(name)
    if symbol is None or symbol.kind is not SymbolKind.ASSIGN or symbol.conditional:
        return False
    stmt = node_at(module, symbol.line)
    value = stmt.value if isinstance(stmt, ast.Assign | ast.AnnAssign) else None
    return isinstance(value, ast.Dict) or (
        isinstance(value, ast.Call) and dotted_name(value.func) == "dict"
    )


def _tests_key(test: ast.expr, param: str) -> bool:
    return any(
        isinstance(node, ast.Compare)
        and isinstance(node.left, ast.Name)
        and node.left.id == param
        and isinstance(node.ops[0], ast.In)
        for node in ast.walk(test)
    )


def _raises(body: list[ast.stmt]) -> bool:
    return any(isinstance(node, ast.Raise) for stmt in body for node in ast.walk(stmt))


def registry_dicts(
    ctx: Context, hosts: Sequence[Path], gathered: Mapping[tuple[str, str], Mapping[str, Any]]
) -> dict[str, dict[tuple[str, str], Location]]:
    """The host's module-level dicts (``module:NAME``) the contract's plugins register into as
    they are imported, whatever the key (a computed one too): a store into the dict, or a call
    of a host function that stores under its parameter (in its body or a decorator it returns),
    anywhere outside a function or class body; each with where each plugin (by ``Plugin.key``)
    first does so. What the harness's census reads (PC429) where the contract names no
    ``registries``, and where its findings point. Only modules under ``hosts`` (the host's
    packages) are read as the host's: never one of the contract's plugins, nor a library both
    use. Each plugin's reading is what the static pass gathered (``gathered``, by
    ``Plugin.key``: :func:`filled_dicts`), else made here."""
    plugins = list(ctx.peers or ctx.plugins)
    own = {ctx.index.real(p) for plugin in plugins for p in plugin.files if ctx.index.is_file(p)}
    found: dict[str, dict[tuple[str, str], Location]] = {}
    for plugin in plugins:
        filled = gathered.get(plugin.key, {}).get(filled_dicts.__name__)
        if filled is None:
            filled = filled_dicts(ctx, plugin)
            ctx.index.release(plugin.files)  # no plugin's syntax tree outlives its reading
        for module, ref, path, line in filled:
            real = Path(module)
            if real in own or not any(real == h or h in real.parents for h in hosts):
                continue
            at = Location(Path(path), line)
            first = found.setdefault(ref, {}).setdefault(plugin.key, at)
            if first.path == at.path and at.line < first.line:
                found[ref][plugin.key] = at
    return found


def filled_dicts(ctx: Context, plugin: Plugin) -> list[Any]:
    """:func:`registry_dicts`' reading of one plugin, made with its static checks and kept in
    its result-cache entry (registered for PC429 in ``registry_census``): ``[module file,
    "module:NAME", path, line]`` for each dict a module-level statement of the plugin fills,
    in the module of whatever defines it outside the plugin's own files (another plugin's and
    a library's are left out when joined)."""
    roots = ctx.roots(plugin)
    own = {ctx.index.real(p) for p in plugin.files if ctx.index.is_file(p)}
    return [
        [str(ctx.index.real(module)), ref, str(info.path), getattr(node, "lineno", 1)]
        for info, tree in _parsed(ctx, plugin)
        for node in _outside_functions(tree.body)
        for module, ref in _filled(ctx, info, node, roots, own)
    ]


def _outside_functions(body: Sequence[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of the module's own code: not inside a function's or a class's body (a
    decorator is the module's)."""
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            stack.extend(node.decorator_list)
        elif not isinstance(node, ast.Lambda):
            stack.extend(ast.iter_child_nodes(node))


def _filled(
    ctx: Context, info: ModuleInfo, node: ast.AST, roots: list[Path], own: set[Path]
) -> list[tuple[Path, str]]:
    """The host dict ``node`` stores into (``D[k] = v``), or those a host function it calls
    stores into under one of its parameters (fsspec's ``_registry`` and
    ``known_implementations``), as ``module:NAME``, each with its module's file."""
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
        name = dotted_name(node.value)
        host = _host_symbol(ctx, info, name, roots, own) if name else None
        if host is not None and _module_dict(host[1].module, host[1].symbol.name):
            return [(host[1].module.path, f"{host[0]}:{host[1].symbol.name}")]
        return []
    if not isinstance(node, ast.Call):
        return []
    name = dotted_name(node.func)
    host = _host_symbol(ctx, info, name, roots, own) if name else None
    if host is None or host[1].symbol.kind is not SymbolKind.FUNCTION:
        return []
    fn = node_at(host[1].module, host[1].symbol.line)
    if not isinstance(fn, ast.FunctionDef):
        return []
    params = {a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)}
    stored = {name for name, _ in _stores(host[1].module, fn, params)}
    return [(host[1].module.path, f"{host[0]}:{name}") for name in sorted(stored)]
