"""PC548: a function the host calls reads, on every call, an attribute that the value the host
passes it cannot have.

What the host passes is known from the contract in two places: a factory contract's
``lifecycle.config`` (a TOML table: ``init(config)`` gets a plain ``dict``), and a pluggy
contract's ``stand-ins`` naming a function of the host's API whose every ``return`` is a
literal of a builtin type (``def config(): return {"greeting": "hello"}``), or a builtin type
itself (``builtins:dict``). A hookimpl or ``init`` method reading ``config.getini`` or
``config.option`` (a pytest plugin's habits) on such a value raises AttributeError on every
call: a ``dict`` never has those attributes, whatever keys it holds. The harness calls the same
function with the same value and fails the same way; this finding says so without running it.

Only reads every call makes are judged (the leading straight-line statements, as
``call_reads`` reads them: no ``if``/``try``/loop before them, short-circuit operands and
conditional branches not counted), of a parameter the function never rebinds, and only where
the plugin leaves the parameter unannotated (or ``Any``): an annotated one is the type
checker's. A factory contract whose protocol declares ``init``'s parameter as anything but a
mapping (or leaves it undeclared) is not judged: the host may pass a richer object.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from plugcheck import untrusted
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, rule
from plugcheck.rules.call_reads import always_run, lifecycle_reads, rebound
from plugcheck.rules.config_keys import complete_config_key
from plugcheck.rules.import_reads import evaluated
from plugcheck.rules.logger_calls import lacking_logger_method, logger_finding
from plugcheck.static.index import Resolved
from plugcheck.static.syntax import dotted_name

PC548 = rule(
    "PC548",
    "passed-value-lacks-attribute",
    Severity.ERROR,
    "A function the host calls (a hookimpl, a lifecycle method) reads, before anything can "
    "branch, an attribute of a parameter that the value the host passes (the contract's "
    "lifecycle.config, a stand-in of a builtin type) does not have: every call raises "
    "AttributeError.",
    explains=("PC405", "PC407", "PC408"),
)

_LITERALS: dict[type[ast.expr], type] = {
    ast.Dict: dict,
    ast.DictComp: dict,
    ast.List: list,
    ast.ListComp: list,
    ast.Set: set,
    ast.SetComp: set,
    ast.Tuple: tuple,
}
_BUILTIN_TYPES = {t.__name__: t for t in (dict, list, set, tuple, str, bytes, int, float)}
_MAPPINGS = {"Mapping", "MutableMapping", "dict", "Dict", "Any"}
"""Protocol annotations of ``init``'s parameter a plain ``dict`` is a value of."""


def _literal_type(node: ast.expr | None) -> type | None:
    if node is None:
        return None
    if isinstance(node, ast.Constant) and type(node.value) in _BUILTIN_TYPES.values():
        return type(node.value)
    if isinstance(node, ast.JoinedStr):
        return str
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return _BUILTIN_TYPES.get(node.func.id) if node.func.id in ("dict", "list") else None
    return _LITERALS.get(type(node))


def unannotated(arg: ast.arg) -> bool:
    if arg.annotation is None:
        return True
    return (dotted_name(arg.annotation) or "").rsplit(".", 1)[-1] == "Any"


def lacking_attribute(fn: ast.FunctionDef, name: str, value: type) -> ast.Attribute | None:
    """The first ``name.attr`` every call of ``fn`` evaluates where ``value`` (the type of what
    the host passes as parameter ``name``) has no ``attr``."""
    if rebound(fn, name):
        return None
    for expr in always_run(fn.body):
        for node in evaluated(expr):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == name
                and not hasattr(value, node.attr)
            ):
                return node
    return None


def stand_in_type(ctx: Context, plugin: Plugin, ref: str) -> type | None:
    """The builtin type of what the stand-in ``module:callable`` makes, when source says it:
    a builtin type itself, or a module-level function whose every ``return`` is a literal of
    one builtin type; for a literal stand-in (``:<json>``), its value's type."""
    if ref.startswith(":"):
        try:
            value = json.loads(ref[1:])
        except ValueError:
            return None
        return None if isinstance(value, dict) and "$entry-point" in value else type(value)
    module, _, name = ref.partition(":")
    if module == "builtins":
        return _BUILTIN_TYPES.get(name)
    returns = stand_in_returns(ctx, plugin, ref)
    if not returns:
        return None
    kinds = {_literal_type(r.value) for r in returns}
    found = kinds.pop() if len(kinds) == 1 else None
    return found


def stand_in_returns(ctx: Context, plugin: Plugin, ref: str) -> list[ast.Return] | None:
    """The ``return`` statements of the stand-in ``module:callable`` when it is a plain
    module-level function of the host's API (bound once, undecorated, no nested function, no
    ``yield``/``await``) that has some."""
    module, _, name = ref.partition(":")
    path = ctx.index.find_module(module, ctx.roots(plugin))
    info = ctx.index.info(path) if path is not None else None
    if info is None or info.tree is None or "." in name:
        return None
    bound = [s for s in info.tree.body if name in _binds(s)]
    if len(bound) != 1 or not isinstance(bound[0], ast.FunctionDef) or bound[0].decorator_list:
        return None
    fn = bound[0]
    returns: list[ast.Return] = []
    for node in ast.walk(fn):
        if isinstance(node, ast.Yield | ast.YieldFrom | ast.Await):
            return None
        if isinstance(node, ast.Return):
            returns.append(node)
    nested = [
        n for n in ast.walk(fn) if n is not fn and isinstance(n, ast.FunctionDef | ast.Lambda)
    ]
    return None if not returns or nested else returns


def _binds(stmt: ast.stmt) -> set[str]:
    match stmt:
        case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
            return {stmt.name}
        case ast.Import() | ast.ImportFrom():
            return {a.asname or a.name.partition(".")[0] for a in stmt.names}
        case ast.Assign() | ast.AnnAssign() | ast.AugAssign():
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        case ast.If() | ast.Try() | ast.With() | ast.For() | ast.While():
            return {"*"}  # conditional bindings: read nothing from this module
    return set()


def _protocol_takes_mapping(ctx: Context, plugin: Plugin) -> bool:
    """The contract's protocol declares ``init(self, config)`` with ``config`` a mapping (or
    unannotated): the host passes the plain dict of ``lifecycle.config``."""
    protocol = ctx.contract.lifecycle.protocol if ctx.contract.lifecycle else None
    if protocol is None:
        return False
    path = ctx.index.find_module(protocol.module, ctx.roots(plugin))
    info = ctx.index.info(path) if path is not None else None
    if info is None:
        return False
    found = ctx.index.resolve(info, protocol.name, ctx.roots(plugin))
    if not isinstance(found, Resolved) or found.module.tree is None:
        return False
    cls = next(
        (
            s
            for s in found.module.tree.body
            if isinstance(s, ast.ClassDef) and s.lineno == found.symbol.line
        ),
        None,
    )
    init = (
        next(
            (s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name == "init"),
            None,
        )
        if cls is not None
        else None
    )
    if init is None or len(init.args.args) != 2 or init.decorator_list:
        return False
    annotation = init.args.args[1].annotation
    if annotation is None:
        return True
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = untrusted.parse_expression(annotation.value)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    base = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return (dotted_name(base) or "").rsplit(".", 1)[-1] in _MAPPINGS


def lifecycle_config_attribute(
    ctx: Context, plugin: Plugin, path: Path, label: str, method: ast.FunctionDef
) -> Finding | None:
    """PC548 for the plugin's ``init`` method (of a module at ``path``, shown as ``label``)
    reading an attribute a ``dict`` lacks from the config the host passes."""
    lifecycle = ctx.contract.lifecycle
    if lifecycle is None or lifecycle.calls is not None or method.decorator_list:
        return None
    params = [*method.args.posonlyargs, *method.args.args]
    if len(params) != 2 or not unannotated(params[1]):
        return None
    if not _protocol_takes_mapping(ctx, plugin):
        return None
    name = params[1].arg
    node = lacking_attribute(method, name, dict)
    if node is None:
        return None
    return PC548.at(
        plugin,
        Location(path, node.lineno, node.col_offset + 1),
        f"{label} reads `{ast.unparse(node)[:60]}` on every call, but the host passes "
        f"lifecycle.config, a dict, which has no attribute {node.attr!r}: every call of init() "
        "by the host raises AttributeError",
        fix=f"read the setting as a mapping: `{name}.get(...)` or `{name}[...]`",
        subject="init",
    )


def every_call_reads(
    ctx: Context, plugin: Plugin, path: Path, label: str, method: ast.FunctionDef, step: str
) -> Finding | None:
    """What every call of the lifecycle method ``method`` (the host's ``step``) reads and does
    not find: a file or an imported name (PC545, PC547), an attribute of ``init``'s config
    (PC548), a key of a config the contract declares complete (PC552), a method of a standard
    logger (PC551)."""
    found = lifecycle_reads(ctx, plugin, path, label, method, step)
    if found is None and step == "init":
        found = lifecycle_config_attribute(ctx, plugin, path, label, method)
    if found is None and step == "init":
        found = complete_config_key(ctx, plugin, path, label, method)
    logged = lacking_logger_method(ctx, plugin, path, method) if found is None else None
    if logged is not None:
        found = logger_finding(plugin, path, logged, label, f"{step}() by the host", step)
    return found
