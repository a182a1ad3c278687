"""PC353: ``sys.path`` edits, file loaders and reloads that can bring a second copy of the API."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import (
    Finding,
    Location,
    Plugin,
)
from plugcheck.rules import import_raises
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.identity.api_view import (
    Api,
    Names,
    api_of,
    copies_of,
    own_files,
    spells,
)
from plugcheck.rules.identity.codes import PC352, PC353
from plugcheck.static.parse import ModuleInfo

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
    api = api_of(ctx)
    copies = copies_of(ctx, plugin, api) if api else {}
    names = Names(ctx, plugin)
    # A file no import from the plugin's module reaches (virtualenv's activate_this.py, a
    # script it copies into new environments), or a package's __main__.py, never runs in the host.
    reached = import_raises.reachable(ctx, plugin)
    for path in own_files(plugin, copies, api):
        if reached is not None and path in plugin.files and ctx.index.real(path) not in reached:
            continue
        if path.name == "__main__.py" and path in plugin.files:
            continue  # runs under `python -m <package>` only, never on the host's import
        info = ctx.index.info(path)
        if info is None or info.tree is None or not _may_hack(info, plugin):
            continue
        for node in ast.walk(info.tree):
            message = None
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
            if message is None or not isinstance(node, ast.stmt | ast.expr):
                continue
            yield PC353.at(
                plugin,
                Location(path, node.lineno, node.col_offset + 1),
                message,
                fix="install the plugin and the API as distributions and use plain imports"
                + (f" of {api.name}" if api else ""),
            )


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
