"""An export the plugin module serves only through its PEP 562 ``__getattr__``, when source
shows that serving it fails: ``__getattr__`` raises for the name, or returns an attribute of a
submodule it imports by a literal relative name (``importlib.import_module(".impl",
__name__)``) that does not exist, or that does not bind the attribute.

Judged only when ``__getattr__``'s path for the name depends on nothing but the name (tests of
the parameter against literals), and the submodule is one of the plugin's own ``.py`` files
(no extension module or directory of that name), whose namespace source tells.
"""

from __future__ import annotations

import ast

from plugcheck.model import Location, Plugin
from plugcheck.rules.base import Context
from plugcheck.rules.host_packages import host_package_set
from plugcheck.rules.installed_modules import installed_for
from plugcheck.static.getattr_paths import RAISES, served_expression
from plugcheck.static.import_module import imported_base
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.resolve import module_file


def served_binding(ctx: Context, plugin: Plugin, info: ModuleInfo, name: str) -> Resolved | None:
    """The module-level binding the module's ``__getattr__`` returns for ``name`` (``if name ==
    "plugin": return _plugin``) when its path depends on nothing but the name and runs no
    other statement, and the module binds no names at run time."""
    getter = _getter(info)
    if getter is None or info.writes_globals:
        return None
    returned = served_expression(getter.body, getter.args.args[0].arg, name)
    if not isinstance(returned, ast.Name) or returned is RAISES:
        return None
    found = ctx.index.resolve(info, returned.id, ctx.roots(plugin))
    return found if isinstance(found, Resolved) else None


def _getter(info: ModuleInfo) -> ast.FunctionDef | None:
    """The module's one plain ``def __getattr__(name)``."""
    if info.tree is None:
        return None
    getters = [
        s for s in info.tree.body if isinstance(s, ast.FunctionDef) and s.name == "__getattr__"
    ]
    if len(getters) != 1 or getters[0].decorator_list:
        return None
    args = getters[0].args
    if args.posonlyargs or len(args.args) != 1 or args.vararg or args.kwonlyargs or args.kwarg:
        return None
    return getters[0]


def lazy_failure(
    ctx: Context, plugin: Plugin, info: ModuleInfo, name: str
) -> tuple[str, Location] | None:
    """Why the host's lookup of ``name`` fails, and where; ``None`` when it may succeed."""
    getter = _getter(info)
    if getter is None:
        return None
    params = [getter.args.args[0].arg]
    imports: list[ast.stmt] = []
    returned = served_expression(getter.body, params[0], name, imports)
    if returned is None:
        return None
    if imports:
        return _import_missing(ctx, plugin, info, name, imports)
    at = Location(info.path, getter.lineno, getter.col_offset + 1)
    if returned is RAISES:
        return f"its __getattr__ raises for {name!r}", at
    call, attr = _submodule_attribute(returned)
    if call is None or attr is None:
        return None
    at = Location(info.path, returned.lineno, returned.col_offset + 1)
    base = imported_base(call, info.path)
    if base is None or base.is_dir() or not base.parent.is_dir():
        return None
    if any(p.suffix != ".py" for p in base.parent.glob(f"{base.name}.*")):
        return None  # an extension module (or a stub) of that name may be what it imports
    sub = module_file(ctx.index, base)
    shown = ast.unparse(call)
    if sub is None:
        why = f"its __getattr__ serves {name!r} from `{shown}`, a module that does not exist"
        return f"{why} (ModuleNotFoundError)", at
    if sub.tree is None or sub.writes_globals or "__getattr__" in sub.symbols:
        return None
    if ctx.index.resolve(sub, attr, ctx.roots(plugin)) is not None:
        return None
    if sub.star_imports:
        return None
    return (
        f"its __getattr__ serves {name!r} as attribute {attr!r} of `{shown}`, which does not "
        "bind it (AttributeError)",
        at,
    )


def _import_missing(
    ctx: Context, plugin: Plugin, info: ModuleInfo, name: str, imports: list[ast.stmt]
) -> tuple[str, Location] | None:
    """The first absolute import on ``__getattr__``'s path for ``name`` of a module (not the
    host's) that is not installed in the target environment: that lookup raises
    ModuleNotFoundError. ``None`` when every one may be found (what follows is not judged)."""
    hosts = host_package_set(ctx.contract)
    installed = installed_for(ctx, plugin)
    for stmt in imports:
        if isinstance(stmt, ast.Import):
            modules = [a.name for a in stmt.names]
        else:
            modules = [stmt.module] if isinstance(stmt, ast.ImportFrom) and stmt.module else []
            if isinstance(stmt, ast.ImportFrom) and stmt.level:
                modules = []
        for module in modules:
            if module.split(".")[0] in hosts or installed.has(module):
                continue
            why = (
                f"its __getattr__ imports {module} to serve {name!r}, and {module} is not "
                "installed in the target environment (ModuleNotFoundError)"
            )
            return why, Location(info.path, stmt.lineno, stmt.col_offset + 1)
    return None


def _submodule_attribute(expr: ast.expr) -> tuple[ast.Call | None, str | None]:
    """``getattr(import_module(...), "attr")`` or ``import_module(...).attr``."""
    match expr:
        case ast.Call(
            func=ast.Name(id="getattr"), args=[ast.Call() as call, ast.Constant(value=str(attr))]
        ):
            return call, attr
        case ast.Attribute(value=ast.Call() as call, attr=attr):
            return call, attr
    return None, None
