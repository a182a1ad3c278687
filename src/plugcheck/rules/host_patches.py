"""PC565: the host's import of the plugin replaces or deletes part of the host's own API.

Statements at the top level of a module the import certainly runs (``import_raises.loaded``; also
inside ``if``, ``try`` and ``with`` there, not in functions or classes) that assign to or delete
an attribute of one of the host's packages (``host_names.host_packages``: ``host-packages``, the
contract's ``api``, hookspecs, base and the modules of its types), or of a class in one, through
any spelling the module imports (``import ehost``, ``from shost import Base``, an alias), or
``setattr`` on one. The host and every other plugin see the change for the rest of the process
(``Checker.__init__`` narrowed, the base class replaced, the hook marker wrapped), while the
harness, which runs each plugin alone, only sees what it does to this plugin: a warning, whatever
the replacement does.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.host_packages import host_package_set
from plugcheck.rules.own_imports import loaded
from plugcheck.static.effects import canonical_name
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind
from plugcheck.static.resolve import resolve_dotted
from plugcheck.static.syntax import dotted_name

PC565 = rule(
    "PC565",
    "patches-host-api",
    Severity.WARNING,
    "The host's import of the plugin assigns to or deletes an attribute of the host's own API "
    "(a function, a class or a class's method): the host and every other plugin run with the "
    "change.",
)

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _module_level(body: list[ast.stmt]) -> Iterator[tuple[ast.AST, frozenset[tuple[str, str]]]]:
    """The nodes of ``body`` that run at import (not inside functions or classes), each with the
    ``(object, attribute)`` pairs an enclosing ``if not hasattr(object, "attribute"):`` tests."""
    none: frozenset[tuple[str, str]] = frozenset()
    stack: list[tuple[ast.AST, frozenset[tuple[str, str]]]] = [(n, none) for n in reversed(body)]
    while stack:
        node, lacking = stack.pop()
        yield node, lacking
        if isinstance(node, _SCOPES):
            continue
        if isinstance(node, ast.If) and (absent := _hasattr_absent(node.test)):
            stack.extend((n, lacking) for n in reversed(node.orelse))
            stack.extend((n, lacking | {absent}) for n in reversed(node.body))
            stack.append((node.test, lacking))
            continue
        stack.extend((n, lacking) for n in reversed(list(ast.iter_child_nodes(node))))


def _hasattr_absent(test: ast.expr) -> tuple[str, str] | None:
    """``(object, attribute)`` for a test ``not hasattr(object, "attribute")``."""
    match test:
        case ast.UnaryOp(
            op=ast.Not(),
            operand=ast.Call(func=ast.Name(id="hasattr"), args=[obj, ast.Constant(value=str(a))]),
        ):
            owner = dotted_name(obj)
            return (owner, a) if owner else None
    return None


def _adds_to_plain_class(ctx: Context, plugin: Plugin, info: ModuleInfo, target: ast.expr) -> bool:
    """Whether ``target`` (an attribute the enclosing test found absent) is on a host class that
    is no ``Protocol``: setting a name the class lacks replaces nothing, and changes no
    ``isinstance`` check (a runtime-checkable Protocol's members are what it checks)."""
    owner = dotted_name(target.value) if isinstance(target, ast.Attribute) else None
    if owner is None:
        return False
    found = resolve_dotted(ctx.index, info, owner, ctx.roots(plugin))
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
        return False
    return not any(b.rsplit(".", 1)[-1] == "Protocol" for b in found.symbol.bases)


def _patched(node: ast.AST) -> list[tuple[ast.expr, str]]:
    """(the node, ``what`` it does) for each attribute ``node`` sets or deletes."""
    match node:
        case ast.Assign(targets=targets):
            return [(t, "replaces") for t in targets if isinstance(t, ast.Attribute)]
        case (
            ast.AugAssign(target=ast.Attribute() as target)
            | ast.AnnAssign(target=ast.Attribute() as target)
        ):
            return [(target, "replaces")]
        case ast.Delete(targets=targets):
            return [(t, "deletes") for t in targets if isinstance(t, ast.Attribute)]
        case ast.Call(func=ast.Name(id="setattr" | "delattr" as fn), args=[obj, name, *_]):
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                spelled = ast.Attribute(value=obj, attr=name.value, ctx=ast.Store())
                ast.copy_location(spelled, node)
                return [(spelled, "replaces" if fn == "setattr" else "deletes")]
    return []


@plugin_check(PC565)
def patches_host_api(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    packages = host_package_set(ctx.contract)
    if not packages:
        return
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        for node, lacking in _module_level(info.tree.body):
            for target, what in _patched(node):
                name = canonical_name(dotted_name(target), info.symbols)
                if not name or name.partition(".")[0] not in packages or "." not in name:
                    continue
                spelled = ((dotted_name(target) or "").rpartition(".")[0], name.rpartition(".")[2])
                if (
                    what == "replaces"
                    and spelled in lacking
                    and _adds_to_plain_class(ctx, plugin, info, target)
                ):
                    yield PC565.at(
                        plugin,
                        Location(path, target.lineno, target.col_offset + 1),
                        f"importing {plugin.module} adds {name} where the host's class lacks it "
                        "(under `if not hasattr(...)`): it replaces nothing of the host's, but "
                        "every other plugin that sets this name shares it",
                        fix="keep the plugin's own state in the plugin's own module or class",
                        severity=Severity.INFO,
                    )
                    continue
                yield PC565.at(
                    plugin,
                    Location(path, target.lineno, target.col_offset + 1),
                    f"importing {plugin.module} {what} {name}, part of the host's API, for the "
                    "whole process: the host and every other plugin run with the change, which "
                    "the harness (one plugin at a time) cannot judge",
                    fix="subclass or wrap the host's object inside the plugin instead of changing "
                    "it; if the host offers a hook or registry for this, use that",
                )
