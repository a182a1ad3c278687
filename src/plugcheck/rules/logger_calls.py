"""PC551: a function the host calls runs, on every call, a method a standard ``logging.Logger``
does not have (``logger.trace(...)``, ``logger.success(...)``: loguru's and structlog's names)
on a logger from ``logging.getLogger(...)``.

The logger is a module-level name bound once to ``logging.getLogger(...)`` (``logging`` under
any alias, or ``getLogger`` imported from it), never bound again, or the call itself
(``logging.getLogger(__name__).trace(...)``). ``getLogger`` makes an instance of the class
``logging.setLoggerClass`` installed, so nothing is judged when that class may not be
``logging.Logger``: a module of the plugin or of the host's packages mentions
``setLoggerClass``, ``setattr`` on a Logger or assigns a Logger attribute, or the plugin
imports a module outside the standard library, its own modules and the host's packages (a
library may install a logger class at import, as ``verboselogs.install()`` does). Only reads
every call makes are judged (the leading straight-line statements, as ``call_reads`` reads
them).
"""

from __future__ import annotations

import ast
import logging
import re
import sys
from collections.abc import Set
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, rule
from plugcheck.rules.call_reads import always_run
from plugcheck.rules.host_packages import host_package_set
from plugcheck.rules.import_reads import evaluated
from plugcheck.static.parse import ModuleInfo, dotted_name

PC551 = rule(
    "PC551",
    "logger-lacks-method",
    Severity.ERROR,
    "A function the host calls (a hookimpl, a lifecycle method) calls, before anything can "
    "branch, a method a standard logging.Logger does not have (`logger.trace(...)`) on a "
    "logger from logging.getLogger: every call raises AttributeError.",
    explains=("PC405", "PC407", "PC408"),
)

_CHANGES_CLASS = re.compile(r"setLoggerClass|setattr\(\s*[\w.]*Logger\b|Logger\.\w+\s*=[^=]")


def _logging_spellings(tree: ast.Module) -> tuple[set[str], set[str]]:
    """How the module spells the ``logging`` module and ``logging.getLogger``."""
    modules: set[str] = set()
    getters: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            modules |= {a.asname or a.name for a in stmt.names if a.name == "logging"}
        elif isinstance(stmt, ast.ImportFrom) and stmt.module == "logging" and not stmt.level:
            getters |= {a.asname or a.name for a in stmt.names if a.name == "getLogger"}
    return modules, getters | {f"{m}.getLogger" for m in modules}


def _is_get_logger(node: ast.AST, getters: set[str]) -> bool:
    return isinstance(node, ast.Call) and dotted_name(node.func) in getters


def _module_loggers(info: ModuleInfo, getters: set[str]) -> set[str]:
    """Module-level names bound once, to ``getLogger(...)``, and by nothing else (once per
    module: asked for each function the host calls)."""
    loggers = set()
    for stmt in info.tree.body:
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and _is_get_logger(stmt.value, getters)
        ):
            loggers.add(stmt.targets[0].id)
    if not loggers:
        return loggers
    bound = info.derived("logger_calls.bound", _bound)
    return {name for name in loggers if bound.get(name) == 1}


def _bound(info: ModuleInfo) -> dict[str, int]:
    """How often each name is bound anywhere in the module (a binding that is not a plain
    assignment counts twice)."""
    bound: dict[str, int] = {}
    for node in info.nodes(ast.Name):
        if not isinstance(node.ctx, ast.Load):
            bound[node.id] = bound.get(node.id, 0) + 1
    names: list[str] = []
    for declared in info.nodes(ast.Global):
        names += declared.names
    for nonlocal_ in info.nodes(ast.Nonlocal):
        names += nonlocal_.names
    names += [a.asname or a.name.partition(".")[0] for a in info.nodes(ast.alias)]
    for kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        names += [d.name for d in info.nodes(kind)]  # type: ignore[attr-defined]
    names += [a.arg for a in info.nodes(ast.arg)]
    for name in names:
        bound[name] = bound.get(name, 0) + 2
    return bound


def _class_may_differ(ctx: Context, plugin: Plugin) -> bool:
    """The logger class ``getLogger`` makes may not be ``logging.Logger`` (see the module)."""
    host = host_package_set(ctx.contract)
    own = {p.stem if p.name != "__init__.py" else p.parent.name for p in plugin.files}
    for path in plugin.files:
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            return True
        if _CHANGES_CLASS.search(ast.unparse(info.tree)):
            return True
        for node in ast.walk(info.tree):
            if isinstance(node, ast.Import):
                roots = {a.name.partition(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                roots = {node.module.partition(".")[0]}
            else:
                continue
            if roots - set(sys.stdlib_module_names) - host - own:
                return True
    return _host_changes_class(ctx, plugin, host)


def _host_changes_class(ctx: Context, plugin: Plugin, host: Set[str]) -> bool:
    """A module of the host's packages found in the target mentions ``setLoggerClass``."""
    for package in sorted(host):
        found = ctx.index.find_module(package, ctx.api_roots())
        if found is None:
            continue  # not in the target (a pluggy project name): it installs nothing there
        files = sorted(found.parent.rglob("*.py")) if found.name == "__init__.py" else [found]
        if len(files) > 2000:
            return True
        for path in files:
            try:
                if "setLoggerClass" in path.read_text(errors="replace"):
                    return True
            except OSError:
                return True
    return False


def lacking_logger_method(
    ctx: Context, plugin: Plugin, path: Path, fn: ast.FunctionDef
) -> ast.Attribute | None:
    """The first method call on a ``getLogger`` logger, in what every call of ``fn`` runs,
    that ``logging.Logger`` lacks."""
    info = ctx.index.info(path)
    if info is None or info.tree is None:
        return None
    modules, getters = info.derived("logger_calls.spellings", lambda i: _logging_spellings(i.tree))
    if not modules and not getters:
        return None
    loggers = _module_loggers(info, getters)
    local: set[str] | None = None  # found when first needed (few calls lack a method)
    found = None
    for expr in always_run(fn.body):
        for node in evaluated(expr):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and not hasattr(logging.Logger, node.func.attr)
            ):
                continue
            owner = node.func.value
            if isinstance(owner, ast.Name) and owner.id in loggers and local is None:
                local = _local(fn)
            if _is_get_logger(owner, getters) or (
                isinstance(owner, ast.Name) and owner.id in loggers - (local or set())
            ):
                found = node.func
                break
        if found is not None:
            break
    if found is None or _class_may_differ(ctx, plugin):
        return None
    return found


def _local(fn: ast.FunctionDef) -> set[str]:
    """The names ``fn`` (nested scopes included) binds or takes as parameters."""
    local = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            local.add(node.id)
        elif isinstance(node, ast.arg):
            local.add(node.arg)
    return local


def logger_finding(
    plugin: Plugin, path: Path, node: ast.Attribute, label: str, call: str, subject: str
) -> Finding:
    return PC551.at(
        plugin,
        Location(path, node.lineno, node.col_offset + 1),
        f"{label} calls `{ast.unparse(node)[:60]}(...)` on every call, but a logger from "
        f"logging.getLogger is a logging.Logger, which has no {node.attr!r} method: every "
        f"call of {call} raises AttributeError",
        fix="use a logging.Logger method (debug, info, warning, error, exception, critical, log)",
        subject=subject,
    )
