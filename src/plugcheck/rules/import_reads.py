"""PC543, PC544: the host's import of the plugin reads what is not there.

Only what is certain is judged, as PC515 and PC539 judge: statements directly at the top level of
a module the import runs (``import_raises.loaded``: no ``if``, ``try``, ``with``, loop or
function around them), and in them only the parts that are always evaluated (not a lambda, not
the branches of ``x if c else y``, not an ``and``/``or`` operand after the first).

- PC543: ``os.environ["NAME"]`` (also through ``from os import environ`` and an alias of ``os``),
  or ``assert`` of ``os.getenv("NAME")`` / ``os.environ.get("NAME")`` without a default (directly
  or through a name bound to it at the top level before), where ``NAME`` is neither set in the
  environment plugcheck runs in, nor one the harness passes to plugin processes, nor declared by
  the contract (``lifecycle.env``).
- PC544: a file read (``open(p)`` for reading, ``p.read_text()``, ``p.read_bytes()``,
  ``p.open()``) whose path is spelled from the module's own ``__file__``
  (``Path(__file__).with_name("x")``, ``Path(__file__).parent / "x"``,
  ``os.path.join(os.path.dirname(__file__), "x")``) and names no file next to the module.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path

from plugcheck.harness.fork_server import BASE_ENV
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.import_raises import loaded
from plugcheck.static.syntax import children, dotted_name

PC543 = rule(
    "PC543",
    "import-reads-unset-environment",
    Severity.ERROR,
    "The host's import of the plugin reads, unguarded, an environment variable that is not set "
    "where the host runs: the import fails with KeyError (or AssertionError) every time.",
    explains=("PC401",),
)

PC544 = rule(
    "PC544",
    "import-reads-missing-file",
    Severity.ERROR,
    "The host's import of the plugin reads, unguarded, a file next to its module that does not "
    "exist: the import fails with FileNotFoundError every time.",
    explains=("PC401",),
)


def evaluated(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and the sub-expressions evaluating it always evaluates."""
    yield node
    match node:
        case ast.Lambda() | ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
            return
        case ast.IfExp():
            yield from evaluated(node.test)
        case ast.BoolOp():
            yield from evaluated(node.values[0])
        case ast.ListComp() | ast.SetComp() | ast.GeneratorExp() | ast.DictComp():
            yield from evaluated(node.generators[0].iter)
        case _:
            for child in children(node):
                yield from evaluated(child)


def spellings(tree: ast.Module) -> tuple[set[str], set[str]]:
    """How the module spells ``os`` and ``os.environ`` (its top-level imports)."""
    oses, environs = {"os"}, {"os.environ"}
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            oses |= {a.asname for a in stmt.names if a.name == "os" and a.asname}
        elif isinstance(stmt, ast.ImportFrom) and stmt.module == "os" and not stmt.level:
            environs |= {a.asname or a.name for a in stmt.names if a.name == "environ"}
    environs |= {f"{o}.environ" for o in oses}
    return oses, environs


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _env_get(node: ast.AST, oses: set[str], environs: set[str]) -> str | None:
    """``NAME`` of ``os.getenv("NAME")`` / ``os.environ.get("NAME")`` with no truthy default."""
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    func = dotted_name(node.func) or ""
    if func not in {f"{o}.getenv" for o in oses} | {f"{e}.get" for e in environs}:
        return None
    if len(node.args) == 2 and not (
        isinstance(node.args[1], ast.Constant) and not node.args[1].value
    ):
        return None
    return _literal(node.args[0]) if 1 <= len(node.args) <= 2 else None


@plugin_check(PC543)
def environment_unset(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    lifecycle = ctx.contract.lifecycle
    known = {*BASE_ENV, *(lifecycle.env if lifecycle else ()), *os.environ}
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        oses, environs = spellings(info.tree)
        read: dict[str, str] = {}  # a top-level name -> the variable it holds (maybe None)
        for stmt in info.tree.body:
            found: tuple[ast.AST, str, str] | None = None
            if isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign | ast.AugAssign):
                for node in evaluated(stmt.value) if stmt.value is not None else ():
                    name = (
                        _literal(node.slice)
                        if isinstance(node, ast.Subscript)
                        and isinstance(node.ctx, ast.Load)
                        and (dotted_name(node.value) or "") in environs
                        else None
                    )
                    if name is not None and name not in known:
                        found = (node, name, "KeyError")
                        break
            elif isinstance(stmt, ast.Assert):
                test = stmt.test
                name = (
                    read.get(test.id)
                    if isinstance(test, ast.Name)
                    else _env_get(test, oses, environs)
                )
                if name is not None and name not in known:
                    found = (stmt, name, "AssertionError")
            if found is not None:
                node, name, error = found
                assert isinstance(node, ast.expr | ast.stmt)
                yield PC543.at(
                    plugin,
                    Location(path, node.lineno, node.col_offset + 1),
                    f"`{_shown(node)}` runs whenever the host imports {plugin.module}, and the "
                    f"environment variable {name} is not set (not here, not among those the "
                    f"host's plugin processes get): the import fails with {error}",
                    fix=f"read it with a default (os.environ.get({name!r}, ...)) or when the "
                    f"plugin is first used; if the host's deployment provides it, declare {name} "
                    "in the contract's lifecycle.env and set it where plugcheck runs",
                )
                return  # the import stops there
            if isinstance(stmt, ast.Assign):
                held = _env_get(stmt.value, oses, environs)
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        if held is None:
                            read.pop(target.id, None)
                        else:
                            read[target.id] = held


# --- files next to the module -----------------------------------------------------------


def _path(node: ast.AST, here: Path, oses: set[str]) -> Path | None:
    """The path ``node`` spells from the module's ``__file__`` (``here``), when it does."""
    match node:
        case ast.Name(id="__file__"):
            return here
        case ast.Call(func=func, args=[arg], keywords=[]) if (dotted_name(func) or "") in (
            "Path",
            "pathlib.Path",
        ):
            return _path(arg, here, oses)
        case ast.Call(func=ast.Attribute(attr="resolve" | "absolute", value=inner), args=[]):
            return _path(inner, here, oses)
        case ast.Call(func=ast.Attribute(attr="with_name", value=inner), args=[arg]):
            base, name = _path(inner, here, oses), _literal(arg)
            return base.with_name(name) if base is not None and name else None
        case ast.Call(func=ast.Attribute(attr="joinpath", value=inner), args=args):
            base, parts = _path(inner, here, oses), [_literal(a) for a in args]
            if base is None or not parts or None in parts:
                return None
            return base.joinpath(*(p for p in parts if p is not None))
        case ast.Attribute(attr="parent", value=inner):
            base = _path(inner, here, oses)
            return base.parent if base is not None else None
        case ast.BinOp(op=ast.Div(), left=left, right=right):
            base, name = _path(left, here, oses), _literal(right)
            return base / name if base is not None and name else None
        case ast.Call(func=func, args=[arg]) if (dotted_name(func) or "") in {
            f"{o}.path.{f}" for o in oses for f in ("dirname", "abspath", "realpath")
        }:
            base = _path(arg, here, oses)
            if base is None:
                return None
            return base.parent if (dotted_name(func) or "").endswith("dirname") else base
        case ast.Call(func=func, args=[first, *rest], keywords=[]) if (dotted_name(func) or "") in {
            f"{o}.path.join" for o in oses
        }:
            base, parts = _path(first, here, oses), [_literal(a) for a in rest]
            if base is None or not parts or None in parts:
                return None
            return base.joinpath(*(p for p in parts if p is not None))
    return None


def file_read(node: ast.AST, here: Path, oses: set[str]) -> Path | None:
    """The file ``node`` (a call) opens for reading, spelled from ``__file__``."""
    if not isinstance(node, ast.Call):
        return None
    if isinstance(node.func, ast.Attribute) and node.func.attr in ("read_text", "read_bytes"):
        return _path(node.func.value, here, oses)
    if isinstance(node.func, ast.Attribute) and node.func.attr == "open":
        target, mode = node.func.value, node.args[0] if node.args else None
    elif isinstance(node.func, ast.Name) and node.func.id == "open" and node.args:
        target, mode = node.args[0], node.args[1] if len(node.args) > 1 else None
    else:
        return None
    for keyword in node.keywords:
        if keyword.arg == "mode":
            mode = keyword.value
    spelled = "r" if mode is None else _literal(mode)
    if spelled is None or any(c in spelled for c in "wax+"):
        return None  # writing or an unknown mode: the file may be made
    return _path(target, here, oses)


@plugin_check(PC544)
def data_file_missing(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        oses, _ = spellings(info.tree)
        here = path.absolute()
        for stmt in info.tree.body:
            if isinstance(stmt, ast.With):  # its items always run: `with open(p) as f:`
                values = [item.context_expr for item in stmt.items]
            elif isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign) and stmt.value:
                values = [stmt.value]
            else:
                continue
            for node in (n for value in values for n in evaluated(value)):
                wanted = file_read(node, here, oses)
                if wanted is None or wanted.exists():
                    continue
                assert isinstance(node, ast.expr)
                yield PC544.at(
                    plugin,
                    Location(path, node.lineno, node.col_offset + 1),
                    f"`{_shown(node)}` runs whenever the host imports {plugin.module}, but "
                    f"there is no file {wanted.name!r} next to {path.name}: the import fails "
                    "with FileNotFoundError",
                    fix=f"ship {wanted.name} with the plugin (package data), or read it when the "
                    "plugin is first used, with a fallback when it is missing",
                )
                return  # the import stops there


def _shown(node: ast.AST) -> str:
    text = ast.unparse(node).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."
