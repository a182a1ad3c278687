"""Module-level names that hold the plugin modules a host function loaded: OpenStackClient's
``PLUGIN_MODULES = get_plugin_modules("openstack.cli.base")``, which other functions of the host
iterate (``for mod in clientmanager.PLUGIN_MODULES: mod.build_option_parser(parser)``)."""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Mapping, Set

from plugcheck.scaffold.groups import Known, handed_groups
from plugcheck.scaffold.lookups import asks_entry_points
from plugcheck.scaffold.module_loads import LISTED, listed, loads
from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked


def module_lists(trees: list[ast.Module], loaders: Set[str]) -> frozenset[str]:
    """Each marked :data:`.module_loads.LISTED`, the names a host module binds at its top
    level, and in none of its functions, to what a loader returns
    (:func:`.module_loads.module_loaders`), where every function of that loader's name reads
    entry points: the modules it returns are the plugins those name, not modules the host
    names itself (a loader given a literal module name is the host importing its own)."""
    readers: dict[str, bool] = {}
    for tree in trees:
        for fn in walked(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and fn.name in loaders:
                readers[fn.name] = readers.get(fn.name, True) and asks_entry_points(fn)
    found: set[str] = set()
    for tree in trees:
        inner = {
            n.id
            for fn in walked(tree)
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
            for n in walked(fn)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        }
        for stmt in tree.body:
            if not isinstance(stmt, ast.Assign | ast.AnnAssign):
                continue
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            value = stmt.value
            if isinstance(value, ast.Call) and readers.get(dotted(value.func).rpartition(".")[2]):
                found |= {
                    LISTED + t.id for t in targets if isinstance(t, ast.Name) and t.id not in inner
                }
    return frozenset(found)


def list_groups(
    trees: list[tuple[ast.Module, Known]],
    listed: Set[str],
    forwards: Mapping[str, tuple[int, str]],
) -> dict[str, set[str]]:
    """:func:`fed_groups` over every module of the host (with the constants it knows)."""
    found: dict[str, set[str]] = {}
    for tree, known in trees:
        fill = functools.partial(handed_groups, forwards=forwards, known=known)
        for name, groups in fed_groups(tree, listed, fill).items():
            found.setdefault(name, set()).update(groups)
    return found


def fed_groups(
    tree: ast.Module, listed: Set[str], groups_of: Callable[[ast.Call], list[str]]
) -> dict[str, set[str]]:
    """The entry-point groups whose modules fill each module-level list of ``listed`` that
    ``tree`` binds: those the calls in its binding ask for, and in each top-level
    ``NAME.extend(...)``, ``NAME.append(...)`` or ``NAME += ...`` (OpenStackClient extends
    ``PLUGIN_MODULES`` with ``get_plugin_modules("openstack.cli.extension")``)."""
    found: dict[str, set[str]] = {}
    for stmt in tree.body:
        filled: list[tuple[str, ast.expr]] = []
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            filled += [(t.id, stmt.value) for t in targets if isinstance(t, ast.Name)]
        elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
            filled.append((stmt.target.id, stmt.value))
        elif (
            isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Call)
            and isinstance(stmt.value.func, ast.Attribute)
            and stmt.value.func.attr in ("extend", "append")
            and isinstance(stmt.value.func.value, ast.Name)
        ):
            filled += [(stmt.value.func.value.id, a) for a in stmt.value.args]
        for name, value in filled:
            if LISTED + name not in listed:
                continue
            groups = found.setdefault(LISTED + name, set())
            for call in (n for n in walked(value) if isinstance(n, ast.Call)):
                groups.update(groups_of(call))
    return found


def looped_groups(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, loaders: Set[str], fed: Mapping[str, Set[str]]
) -> set[str]:
    """The groups filling the module-level lists of loaded modules (``=NAME`` of ``loaders``,
    :func:`fed_groups`) that ``fn`` loops over, when it imports no module itself: its lookups
    are on their modules (OpenStackClient's ``for mod in clientmanager.PLUGIN_MODULES``)."""
    nodes = list(walked(fn))
    if any(isinstance(n, ast.Call) and loads(n) for n in nodes):
        return set()
    return {
        group
        for n in nodes
        if isinstance(n, ast.For | ast.AsyncFor) and listed(n.iter, fn, loaders)
        for group in fed.get(LISTED + dotted(n.iter).rpartition(".")[2], ())
    }
