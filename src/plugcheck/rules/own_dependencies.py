"""Whose loaded modules an import-time ``sys.modules`` deletion touches (PC110's severity).

A plugin that removes entries of ``sys.modules`` at import changes what a later import builds:
a second copy of those modules, whose classes are not the first copy's. Whose copy breaks
decides whether the host can see it. When every removed entry names a module of a distribution
the plugin itself declares (its installed ``Requires-Dist``), and that distribution is none of
the host's — not the contract's ``api-distribution`` nor anything it requires, not a
``host-packages`` or ``preload`` module's — the host has no object of those modules to lose:
the plugin resets its own dependency (coverage_pyver_pragma re-imports domdf_python_tools so
coverage measures it). The same deletion of the host's modules, or of names plugcheck cannot
read (``sys.modules.clear()``, a computed key), stays a warning.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from plugcheck import projectmeta
from plugcheck.model import Plugin
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.rules.host_packages import host_package_set
from plugcheck.rules.pinning.requirements import applies, marker_environment
from plugcheck.rules.shared_files import installed_files
from plugcheck.static.effects import canonical_name
from plugcheck.static.symbols import Symbol
from plugcheck.static.syntax import dotted_name

_MODULES = "sys.modules"


def removed_modules(node: ast.AST, symbols: Mapping[str, Symbol]) -> list[str] | None:
    """The top-level names of the modules whose ``sys.modules`` entries ``node`` removes or
    replaces (``del sys.modules["x.y"]``, ``sys.modules.pop(name)`` under ``for name in [m for
    m in sys.modules if m.startswith("x")]`` or ``if name.startswith("x"):``); ``None`` when
    one of its changes names modules plugcheck cannot read."""
    found: list[str] = []
    ok = _visit(node, {}, symbols, found)
    return found if ok and found else None


def _visit(
    node: ast.AST, known: dict[str, list[str]], symbols: Mapping[str, Symbol], found: list[str]
) -> bool:
    if isinstance(node, ast.For) and isinstance(node.target, ast.Name):
        prefixes = _comprehension_prefixes(node.iter)
        inner = {**known, node.target.id: prefixes} if prefixes else known
        return (
            all(_visit(s, inner, symbols, found) for s in node.body)
            and all(_visit(s, known, symbols, found) for s in node.orelse)
            and _visit(node.iter, known, symbols, found)
        )
    if isinstance(node, ast.If):
        narrowed = _narrowing(node.test)
        inner = {**known, **narrowed}
        return (
            all(_visit(s, inner, symbols, found) for s in node.body)
            and all(_visit(s, known, symbols, found) for s in node.orelse)
            and _visit(node.test, known, symbols, found)
        )
    targets: list[ast.expr] = []
    if isinstance(node, ast.Delete | ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, ast.AugAssign | ast.AnnAssign):
        targets = [node.target]
    for target in targets:
        if isinstance(target, ast.Subscript) and _is_modules(target.value, symbols):
            names = _key(target.slice, known)
            if names is None:
                return False
            found += names
        elif _is_modules(target, symbols):
            return False  # sys.modules itself replaced
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and _is_modules(node.func.value, symbols)
        and node.func.attr not in {"get", "keys", "items", "values", "copy", "__contains__"}
    ):
        if node.func.attr != "pop" or not node.args:
            return False  # clear(), update(), popitem(), setdefault()
        names = _key(node.args[0], known)
        if names is None:
            return False
        found += names
    return all(_visit(child, known, symbols, found) for child in ast.iter_child_nodes(node))


def _is_modules(node: ast.expr, symbols: Mapping[str, Symbol]) -> bool:
    return canonical_name(dotted_name(node), symbols) == _MODULES


def _key(key: ast.expr, known: Mapping[str, list[str]]) -> list[str] | None:
    if isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value:
        return [key.value.split(".")[0]]
    if isinstance(key, ast.Name) and key.id in known:
        return known[key.id]
    return None


def _prefixes(test: ast.expr, variable: str) -> list[str] | None:
    """``variable.startswith("x")`` / ``variable == "x"`` (or ``in ("x", "y")``): the top-level
    names it admits; ``None`` for any other test."""
    consts: list[ast.expr] = []
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Attribute)
        and test.func.attr == "startswith"
        and isinstance(test.func.value, ast.Name)
        and test.func.value.id == variable
        and len(test.args) == 1
    ):
        arg = test.args[0]
        consts = list(arg.elts) if isinstance(arg, ast.Tuple) else [arg]
    elif (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == variable
        and len(test.ops) == 1
    ):
        right = test.comparators[0]
        if isinstance(test.ops[0], ast.Eq):
            consts = [right]
        elif isinstance(test.ops[0], ast.In) and isinstance(right, ast.Tuple | ast.List | ast.Set):
            consts = list(right.elts)
    names = [
        c.value.split(".")[0]
        for c in consts
        if isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value.split(".")[0]
    ]
    return names if consts and len(names) == len(consts) else None


def _narrowing(test: ast.expr) -> dict[str, list[str]]:
    """What an ``if`` test proves about a loop variable in its body."""
    tests = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]
    out: dict[str, list[str]] = {}
    for part in tests:
        for name in {n.id for n in ast.walk(part) if isinstance(n, ast.Name)}:
            found = _prefixes(part, name)
            if found is not None:
                out[name] = found
    return out


def _comprehension_prefixes(iterable: ast.expr) -> list[str] | None:
    """``[m for m in sys.modules if m.startswith("x")]`` (also ``list(...)`` of a generator):
    the top-level names its items can have."""
    if (
        isinstance(iterable, ast.Call)
        and len(iterable.args) == 1
        and not iterable.keywords
        and dotted_name(iterable.func) in {"list", "tuple", "set", "sorted"}
    ):
        iterable = iterable.args[0]
    if not isinstance(iterable, ast.ListComp | ast.GeneratorExp | ast.SetComp):
        return None
    if len(iterable.generators) != 1 or not isinstance(iterable.elt, ast.Name):
        return None
    gen = iterable.generators[0]
    if not isinstance(gen.target, ast.Name) or gen.target.id != iterable.elt.id:
        return None
    for test in gen.ifs:
        found = _narrowing(test).get(gen.target.id)
        if found is not None:
            return found
    return None


def own_dependencies(ctx: Context, plugin: Plugin, tops: Sequence[str]) -> list[str] | None:
    """The plugin's declared dependencies that install every module of ``tops``, none of them
    the host's; ``None`` when one module is the host's, the standard library's, or of a
    distribution the plugin does not declare."""
    declared = _declared(ctx, plugin)
    if not declared:
        return None
    host = memo(ctx, ("host-distributions", ctx.contract.name), lambda: _host(ctx))
    owners = memo(ctx, ("top-level-owners", ctx.env.sys_path), lambda: _owners(ctx))
    named = host_package_set(ctx.contract) | {
        str(p).split(".")[0] for p in ctx.contract.options.get("preload", ())
    }
    out: list[str] = []
    for top in tops:
        dists = owners.get(top, set())
        if top in named or len(dists) != 1:
            return None
        (dist,) = dists
        if dist in host or dist not in declared:
            return None
        out.append(dist)
    return sorted(set(out))


def own_namespace(ctx: Context, plugin: Plugin, key: ast.expr) -> str | None:
    """The plugin's own distribution, when the ``sys.modules`` key ``key`` (a string, or a
    ``"pkg.%s"`` / f-string whose top-level name is spelled) names a module under a top-level
    name only that distribution installs, and none of the host's: no object the host holds
    is replaced (Cython's ``sys.modules["cython.parallel"]`` mocks, under its own ``cython``)."""
    first = key.left if isinstance(key, ast.BinOp) else key
    if isinstance(first, ast.JoinedStr):
        first = first.values[0] if first.values else first
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return None
    top, dot, _ = first.value.partition(".")
    if (not dot and first is not key) or not top.isidentifier():
        return None  # the top-level name itself is computed
    dist = plugin_distribution(ctx, plugin)
    owners = memo(ctx, ("top-level-owners", ctx.env.sys_path), lambda: _owners(ctx))
    host = memo(ctx, ("host-distributions", ctx.contract.name), lambda: _host(ctx))
    named = host_package_set(ctx.contract) | {
        str(p).split(".")[0] for p in ctx.contract.options.get("preload", ())
    }
    if dist is None or dist in host or top in named or owners.get(top) != {dist}:
        return None
    return dist


def _declared(ctx: Context, plugin: Plugin) -> set[str]:
    """The plugin's own Requires-Dist that apply on the target (no extras asked)."""
    requires: Sequence[str] = ()
    if plugin.project is not None:
        requires = plugin.project.requires
    else:
        dist = plugin_distribution(ctx, plugin)
        found = projectmeta.installed(dist, ctx.env.sys_path) if dist else None
        requires = found[1] if found else ()
    return set(_names(requires, marker_environment(ctx)))


def _names(requires: Sequence[str], environment: dict[str, str]) -> Iterator[str]:
    for text in requires:
        try:
            req = Requirement(text)
        except InvalidRequirement:
            continue
        if applies(req.marker, environment):
            yield canonicalize_name(req.name)


def plugin_distribution(ctx: Context, plugin: Plugin) -> str | None:
    """The installed distribution whose RECORD lists the plugin's module file."""
    if plugin.entry_point is not None and plugin.entry_point.distribution:
        return plugin.entry_point.distribution
    path = plugin.module_path
    if path is None:
        return None
    listed = installed_files(ctx)
    for root in ctx.env.sys_path:
        try:
            relative = path.relative_to(root).as_posix()
        except ValueError:
            continue
        owners = {entry.normal for entry in listed.get(relative, [])}
        if len(owners) == 1:
            return owners.pop()
    return None


def _host(ctx: Context) -> set[str]:
    """The api-distribution and every distribution it requires on the target (transitively)."""
    start = ctx.contract.api_distribution
    if not start:
        return set()
    environment = marker_environment(ctx)
    seen: set[str] = set()
    todo: list[str] = [canonicalize_name(start)]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        found = projectmeta.installed(name, ctx.env.sys_path)
        if found is not None:
            todo += _names(found[1], environment)
    return seen


def _owners(ctx: Context) -> dict[str, set[str]]:
    """Top-level module name -> the installed distributions whose RECORD has it."""
    owners: dict[str, set[str]] = {}
    for path, entries in installed_files(ctx).items():
        first = path.split("/")[0]
        if first.endswith(".data") or not (first.endswith(".py") or "/" in path):
            continue
        top = first.removesuffix(".py") if "/" not in path else first
        if not top.isidentifier():
            continue
        owners.setdefault(top, set()).update(e.normal for e in entries)
    return owners
