"""PC353: ``sys.path`` edits, file loaders and reloads that can bring a second copy of the API."""

from __future__ import annotations

import ast
import bisect
import sys
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules import may_run
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.host_names import Lookup, lookup
from plugcheck.rules.identity.api_view import (
    Api,
    Names,
    api_of,
    copies_of,
    own_files,
    spells,
)
from plugcheck.rules.identity.codes import PC352, PC353
from plugcheck.rules.own_dependencies import own_namespace
from plugcheck.static.branches import merged
from plugcheck.static.import_fallbacks import dead_fallbacks
from plugcheck.static.parse import ModuleInfo, dotted_name

_PATH_EDITS = {"sys.path.insert", "sys.path.append", "sys.path.extend", "site.addsitedir"}
_FILE_LOADERS = {
    "importlib.util.spec_from_file_location",
    "importlib.machinery.SourceFileLoader",
    "importlib.machinery.SourcelessFileLoader",
    "importlib.machinery.ExtensionFileLoader",
    "imp.load_source",
    "runpy.run_path",
}
_RELOADS = {"importlib.reload", "imp.reload"}
_DYNAMIC_IMPORTS = {"importlib.import_module", "importlib.__import__"}
_HACK_MODULES = {"sys", "site", "importlib", "imp", "runpy"}


def _may_hack(info: ModuleInfo, plugin: Plugin) -> bool:
    """Cheap pre-check: a hack needs sys/site/importlib/imp/runpy, directly or re-exported by
    another module of the plugin."""
    own = plugin.module.partition(".")[0]
    return any(
        ref.level or ref.module.partition(".")[0] in _HACK_MODULES | {own} for ref in info.imports
    )


def _mentions_api(call: ast.Call, api: Api) -> bool:
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        for node in ast.walk(arg):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            text = node.value
            if text == api.name or text.startswith(api.name + "."):
                return True
            pieces = text.replace("\\", "/").split("/")
            if any(api.parts[-1] in (p, p.removesuffix(".py")) for p in pieces):
                return True
    return False


@plugin_check(PC353, PC352)
def path_hacks(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    # Once per plugin: PC110 asks again where PC353 reports (import_time._path_hacks).
    key = ("PC353", ctx.contract.name, plugin.key)
    yield from memo(ctx, key, lambda: list(_path_hacks(ctx, plugin)))


def _path_hacks(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    api = api_of(ctx)
    copies = copies_of(ctx, plugin, api) if api else {}
    names = Names(ctx, plugin)
    # A file no import from the plugin's module reaches (virtualenv's activate_this.py, a
    # script it copies into new environments), or a package's __main__.py, never runs in the host.
    reached = may_run.reachable(ctx, plugin)
    guessed = may_run.guessed(ctx, plugin)
    for path in own_files(plugin, copies, api):
        if reached is not None and path in plugin.files and ctx.index.real(path) not in reached:
            continue
        if path.name == "__main__.py" and path in plugin.files:
            continue  # runs under `python -m <package>` only, never on the host's import
        info = ctx.index.info(path)
        if info is None or info.tree is None or not _may_hack(info, plugin):
            continue
        dead: list[tuple[int, int]] | None = None
        # The only nodes looked at, each once (findings are sorted by place later).
        candidates = [*info.nodes(ast.Call), *info.nodes(ast.Assign), *info.nodes(ast.AugAssign)]
        for node in candidates:
            message = own = None
            if isinstance(node, ast.Call):
                func = names.qualify(info, node.func)
                dynamic = _dynamic_import(node, func, api)
                if dynamic is not None:
                    yield PC352.at(
                        plugin,
                        Location(path, node.lineno, node.col_offset + 1),
                        f"imports the API as {dynamic!r} with {func}(); that is another module "
                        f"object beside the host's {api.name if api else ''}, whose classes "
                        "fail isinstance checks",
                        fix=f"import it by its own name: {func}({api.name if api else ''!r})",
                    )
                    continue
                message = _hack(names, info, node, func, api)
            elif isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    base = target.value if isinstance(target, ast.Subscript) else target
                    qualified = names.qualify(info, base)
                    if qualified == "sys.path":
                        if _keeps_entries(names, info, node):
                            continue
                        message = (
                            "rebinds sys.path at run time; modules the host already imported "
                            "can be imported a second time from the new directories"
                        )
                    elif qualified == "sys.modules" and isinstance(target, ast.Subscript):
                        if _registers_new_module(names, info, node, target, api):
                            continue
                        message = (
                            "puts a module into sys.modules by hand; an import of that name "
                            "then returns this object, whatever the host imported under it"
                        )
                        own = own_namespace(ctx, plugin, target.slice)
                        if own is not None:  # information
                            message += (
                                f", but the name is under a top-level module only {own}, the "
                                "plugin's own distribution, installs: the host holds none of it"
                            )
            if message is None or not isinstance(node, ast.stmt | ast.expr):
                continue
            if dead is None:
                dead = merged(dead_fallbacks_of(ctx, plugin, info))
            at = bisect.bisect_right(dead, (node.lineno, sys.maxsize)) - 1
            if at >= 0 and node.lineno <= dead[at][1]:
                continue  # a fallback for a module the environment has: it never runs
            guess = path in plugin.files and ctx.index.real(path) in guessed
            if guess:  # no import the plugin's code names reaches the module: information
                message += "; only an import by a computed name may reach this module"
            elif node.lineno in info.derived("import-time lines", _import_time_lines):
                # PC110 leaves this statement to this finding: say when it runs.
                message += "; this runs when the host imports the plugin (PC110)"
            yield PC353.at(
                plugin,
                Location(path, node.lineno, node.col_offset + 1),
                message,
                fix="install the plugin and the API as distributions and use plain imports"
                + (f" of {api.name}" if api else ""),
                severity=Severity.INFO if guess or own else None,
            )


def dead_fallbacks_of(ctx: Context, plugin: Plugin, info: ModuleInfo) -> list[tuple[int, int]]:
    """The module's ``except ImportError:`` handlers that never run in the target environment
    (``static.branches.dead_fallbacks``), judged with the plugin's import roots."""
    roots = ctx.roots(plugin)

    def provides(module: str, name: str) -> bool:
        path = ctx.index.find_module(module, roots)
        holder = ctx.index.info(path) if path is not None else None
        return (
            holder is not None
            and lookup(ctx.index, holder, name, roots, attribute=True)[0] is Lookup.FOUND
        )

    return list(
        dead_fallbacks(
            info.tree.body, lambda m: ctx.index.find_module(m, roots) is not None, provides
        )
    )


_NORMALISE = {"os.path.abspath", "os.path.normpath", "os.path.realpath", "os.fspath", "str"}
"""Calls that spell a directory another way without naming another one."""


def _entry_of(names: Names, info: ModuleInfo, expr: ast.expr, loop: str) -> bool:
    """``expr`` is the ``sys.path`` entry bound to ``loop``, or a normalisation of it."""
    while isinstance(expr, ast.Call) and len(expr.args) == 1 and not expr.keywords:
        func = names.qualify(info, expr.func)
        if func not in _NORMALISE and dotted_name(expr.func) != "str":
            return False
        expr = expr.args[0]
    return isinstance(expr, ast.Name) and expr.id == loop


def _over_entries(names: Names, info: ModuleInfo, loop: ast.For) -> str | None:
    """The name a ``for`` over ``sys.path`` binds, when its body rebinds it to nothing but a
    normalisation of itself (xdist's ``p = os.path.abspath(p)``)."""
    if not isinstance(loop.target, ast.Name) or names.qualify(info, loop.iter) != "sys.path":
        return None
    var = loop.target.id
    for node in ast.walk(ast.Module(body=loop.body, type_ignores=[])):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.NamedExpr):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == var for t in targets) and not (
                isinstance(node, ast.Assign)
                and node.value is not None
                and _entry_of(names, info, node.value, var)
            ):
                return None
    return var


def _keeps_entries(names: Names, info: ModuleInfo, node: ast.Assign | ast.AugAssign) -> bool:
    """``sys.path[:] = value`` where ``value`` holds only entries sys.path already has,
    perhaps filtered or spelled as absolute paths (xdist's worker prunes relative entries):
    no directory is added, so no module can come from a new one. ``value`` is a comprehension
    over sys.path, or a local list that starts empty and is only appended such entries in a
    ``for`` over sys.path, or a snapshot of sys.path (``saved = sys.path.copy()``), in the same
    function."""
    if not isinstance(node, ast.Assign) or info.tree is None:
        return False
    value = node.value
    if isinstance(value, ast.ListComp | ast.GeneratorExp) and len(value.generators) == 1:
        loop = value.generators[0]
        return (
            isinstance(loop.target, ast.Name)
            and names.qualify(info, loop.iter) == "sys.path"
            and _entry_of(names, info, value.elt, loop.target.id)
        )
    if not isinstance(value, ast.Name):
        return False
    scope = _scope_of(info.tree, node)
    built = value.id
    appended = False
    for inner in ast.walk(scope):
        if isinstance(inner, ast.Name) and inner.id == built and inner is not value:
            if not _use_is_safe(names, info, scope, inner):
                return False
            # A snapshot restored (pylint-pytest's `saved = sys.path.copy()` ... `sys.path =
            # saved` around pytest.main) puts back only directories sys.path had.
            appended |= isinstance(inner.ctx, ast.Load) or _bound_to_snapshot(
                names, info, scope, inner
            )
    return appended


def _snapshot(names: Names, info: ModuleInfo, expr: ast.expr | None) -> bool:
    """``sys.path.copy()``, ``list(sys.path)``, ``copy.copy(sys.path)`` or ``sys.path[:]``."""
    if isinstance(expr, ast.Subscript):
        whole = isinstance(expr.slice, ast.Slice) and not (
            expr.slice.lower or expr.slice.upper or expr.slice.step
        )
        return whole and names.qualify(info, expr.value) == "sys.path"
    if not isinstance(expr, ast.Call) or expr.keywords:
        return False
    if isinstance(expr.func, ast.Attribute) and expr.func.attr == "copy" and not expr.args:
        return names.qualify(info, expr.func.value) == "sys.path"
    func = names.qualify(info, expr.func) or dotted_name(expr.func)
    return (
        func in ("list", "builtins.list", "copy.copy")
        and len(expr.args) == 1
        and names.qualify(info, expr.args[0]) == "sys.path"
    )


def _bound_to_snapshot(names: Names, info: ModuleInfo, scope: ast.AST, use: ast.Name) -> bool:
    return any(
        isinstance(parent, ast.Assign)
        and use in parent.targets
        and _snapshot(names, info, parent.value)
        for parent in ast.walk(scope)
    )


def _scope_of(tree: ast.Module, node: ast.AST) -> ast.AST:
    """The innermost function holding ``node``, else the module."""
    best: ast.AST = tree
    for candidate in ast.walk(tree):
        if isinstance(candidate, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            n is node for n in ast.walk(candidate)
        ):
            best = candidate  # ast.walk goes outside in: the last match is the innermost
    return best


def _use_is_safe(names: Names, info: ModuleInfo, scope: ast.AST, use: ast.Name) -> bool:
    """One mention of the list being built: bound to ``[]``, or ``.append(entry)`` in a ``for``
    over sys.path."""
    for parent in ast.walk(scope):
        if isinstance(parent, ast.Assign) and use in parent.targets:
            empty = isinstance(parent.value, ast.List) and not parent.value.elts
            return empty or _snapshot(names, info, parent.value)
        if isinstance(parent, ast.AnnAssign) and parent.target is use:
            return isinstance(parent.value, ast.List) and not parent.value.elts
        if (
            isinstance(parent, ast.Call)
            and isinstance(parent.func, ast.Attribute)
            and parent.func.value is use
        ):
            if parent.func.attr != "append" or len(parent.args) != 1:
                return False
            loops = [
                loop
                for loop in ast.walk(scope)
                if isinstance(loop, ast.For) and any(n is parent for n in ast.walk(loop))
            ]
            return any(
                (var := _over_entries(names, info, loop)) is not None
                and _entry_of(names, info, parent.args[0], var)
                for loop in loops
            )
    return False


def _import_time_lines(info: ModuleInfo) -> set[int]:
    """Lines of the module's top-level statements that run on import (not defs or classes)."""
    return {
        line
        for stmt in info.tree.body
        if not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        for line in range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1)
    }


def _registers_new_module(
    names: Names, info: ModuleInfo, node: ast.AST, target: ast.Subscript, api: Api | None
) -> bool:
    """``sys.modules[name] = module``, ``module`` made by ``importlib.util.module_from_spec``
    and the name no spelling of the API: the import system's recipe for a file by path, which
    registers a module it just made under a name of the plugin's choosing."""
    if info.tree is None or not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Name)):
        return False
    made = {
        t.id
        for n in ast.walk(info.tree)
        if isinstance(n, ast.Assign)
        and isinstance(n.value, ast.Call)
        and names.qualify(info, n.value.func) == "importlib.util.module_from_spec"
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    if node.value.id not in made:
        return False
    key = ast.Call(func=ast.Name("_"), args=[target.slice], keywords=[])
    return api is None or not _mentions_api(key, api)


def _dynamic_import(call: ast.Call, func: str | None, api: Api | None) -> str | None:
    """``importlib.import_module("src.api")``: the API by another absolute name, or ``None``."""
    if api is None or func not in _DYNAMIC_IMPORTS or not call.args:
        return None
    arg = call.args[0]
    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
        return None
    dotted = arg.value
    if dotted.startswith(".") or dotted == api.name or dotted.startswith(api.name + "."):
        return None
    return dotted if spells(dotted, api.parts) else None


def _hack(
    names: Names, info: ModuleInfo, call: ast.Call, func: str | None, api: Api | None
) -> str | None:
    if func in _PATH_EDITS:
        return (
            f"calls {func}() at run time; a directory put on sys.path can make the API (or the "
            "plugin) importable under a second name, and two module objects mean two sets of "
            "classes"
        )
    if api is None:
        return None
    if func in _FILE_LOADERS and _mentions_api(call, api):
        return (
            f"loads {api.name} files by path with {func}(); the module it creates is not the "
            f"host's {api.name}, and its classes fail isinstance checks in the host"
        )
    if func in _RELOADS and call.args:
        target = names.qualify(info, call.args[0])
        if target and (target == api.name or target.startswith(api.name + ".")):
            return (
                f"reloads {target} with {func}(); every API class is created again, and objects "
                "built before the reload fail isinstance checks against the new classes"
            )
    return None
