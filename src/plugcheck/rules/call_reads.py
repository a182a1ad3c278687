"""PC545, PC547: a function the host calls (a pluggy hookimpl, a lifecycle method of the
factory's plugin) reads, on every call, what is not there: a file next to its module (PC545), a
name the module it imports from lacks in the target environment (PC547).

The function's own body is read from its first statement on, as long as nothing can leave it or
branch first: its expression statements, assignments, ``with`` items and its ``return`` value
(the reads PC544 reads at import: ``Path(__file__).with_name("x").read_text()``, ``open(...)``
of a path spelled from ``__file__``). The plugin loads; every call raises FileNotFoundError or
ImportError. The pluggy checks are in ``kinds/pluggy/call_reads.py``; the lifecycle methods'
are :func:`lifecycle_reads`, run by ``rules/factory.py`` for each method of the plugin class.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, rule
from plugcheck.rules.host_names import _missing
from plugcheck.rules.host_packages import host_package_set
from plugcheck.rules.host_uses import How
from plugcheck.rules.import_reads import OsNames, _path, evaluated, file_read, spellings
from plugcheck.rules.none_fallback import fallback_read

_STEP_FAILURES = ("PC405", "PC407", "PC408", "PC541")
"""The harness's init/run/shutdown failures (and the contract's calls') a method's finding
predicts."""

PC547 = rule(
    "PC547",
    "hook-import-fails",
    Severity.ERROR,
    "A function the host calls (a hookimpl, a lifecycle method) imports, before anything can "
    "branch, a name that the module it imports from does not have in the target environment: "
    "every call raises ImportError.",
    explains=_STEP_FAILURES,
)
PC545 = rule(
    "PC545",
    "hook-reads-missing-file",
    Severity.ERROR,
    "A function the host calls (a hookimpl, a lifecycle method) reads, before anything can "
    "branch, a file next to its module that does not exist: every call raises "
    "FileNotFoundError.",
    # and the setup-function worker's refusal when a method its calls name reads it (PC532)
    explains=(*_STEP_FAILURES, "PC532"),
)


def leading(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The body's leading straight-line statements: every call runs them (a ``return`` or a
    ``with`` is the last one: the ``with`` body may leave the function)."""
    for stmt in body:
        match stmt:
            case ast.Expr() | ast.Assign() | ast.AugAssign() | ast.AnnAssign():
                yield stmt
            case ast.Import() | ast.ImportFrom() | ast.Pass() | ast.Global() | ast.Nonlocal():
                yield stmt
            case ast.Return() | ast.With():
                yield stmt
                return
            case _:
                return


def always_run(body: list[ast.stmt]) -> Iterator[ast.expr]:
    """The values the body's leading straight-line statements always evaluate."""
    for stmt in leading(body):
        if isinstance(stmt, ast.With):
            yield from (item.context_expr for item in stmt.items)
        elif (
            isinstance(stmt, ast.Expr | ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Return)
            and stmt.value is not None
        ):
            yield stmt.value


def missing_file(ctx: Context, path: Path, body: list[ast.stmt]) -> tuple[ast.expr, Path] | None:
    """The first read, in what every run of ``body`` (of a function in ``path``) evaluates, of
    a file spelled from ``__file__`` that does not exist, with that file."""
    info = ctx.index.info(path)
    if info is None or info.tree is None:
        return None
    oses, _ = spellings(info.tree)
    here = path.absolute()
    for value in always_run(body):
        for node in evaluated(value):
            wanted = file_read(node, here, oses)
            if wanted is not None and not wanted.exists():
                if wanted in _written(info.tree, here, oses):
                    return None  # another call (init's, an earlier hook's) may make it
                assert isinstance(node, ast.expr)
                return node, wanted
    return None


_WRITERS = frozenset({"write_text", "write_bytes", "touch", "mkdir", "symlink_to", "rename"})


def _written(tree: ast.Module, here: Path, oses: OsNames) -> set[Path]:
    """Files next to the module that some code of it makes: ``p.write_text(...)``,
    ``p.touch()``, ``open(p, "w")`` with ``p`` spelled from ``__file__``, or a path such a
    spelling passes to any call (``shutil.copy(src, p)``, ``json.dump(x, open(p, "w"))``)."""
    made: set[Path] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute) and node.func.attr in _WRITERS:
            target = _path(node.func.value, here, oses)
            if target is not None:
                made.add(target)
        if file_read(node, here, oses) is None and _path(node, here, oses) is None:
            # neither a read nor a path's spelling: any path it is given may be made
            made |= {p for a in node.args if (p := _path(a, here, oses)) is not None}
    return made


def missing_name(
    ctx: Context, plugin: Plugin, body: list[ast.stmt], roots: list[Path]
) -> tuple[ast.ImportFrom, str] | None:
    """The first ``from M import name`` every run of ``body`` runs where M, found in the
    target environment (read from source), lacks ``name``; with that name. A missing module is
    PC309's/PC214's, a name the host's packages lack PC530's (in any scope)."""
    own = {ctx.index.real(p) for p in plugin.files}
    host = host_package_set(ctx.contract)
    for stmt in leading(body):
        if not isinstance(stmt, ast.ImportFrom) or stmt.level or not stmt.module:
            continue
        if stmt.module.partition(".")[0] in host:
            continue
        parts = tuple(stmt.module.split("."))
        for alias in stmt.names:
            if alias.name == "*":
                continue
            gone = _missing(ctx.index, (*parts, alias.name), roots, own, How.FROM)
            if gone is not None and gone[0] == len(parts):
                return stmt, alias.name
    return None


def lifecycle_reads(
    ctx: Context, plugin: Plugin, path: Path, label: str, method: ast.FunctionDef, step: str
) -> Finding | None:
    """PC545 or PC547 for the lifecycle method ``method`` (of a module at ``path``, shown as
    ``label``), which the host calls as ``step``."""
    read = missing_file(ctx, path, method.body)
    if read is not None:
        node, wanted = read
        return PC545.at(
            plugin,
            Location(path, node.lineno, node.col_offset + 1),
            f"{label} reads `{ast.unparse(node)[:60]}` on every call, but there is no file "
            f"{wanted.name!r} next to {path.name}: every call of {step}() by the host raises "
            "FileNotFoundError",
            fix=f"ship {wanted.name} with the plugin (package data), or fall back when it is "
            "missing",
            subject=step,
        )
    found = missing_name(ctx, plugin, method.body, ctx.roots(plugin))
    info = ctx.index.info(path) if found is None else None
    first = list(leading(method.body))
    fallback = fallback_read(ctx, plugin, info, method, first) if info else None
    if fallback is not None:
        node, why, error = fallback
        return PC547.at(
            plugin,
            Location(path, node.lineno, node.col_offset + 1),
            f"{label} uses `{ast.unparse(node)[:60]}` on every call, but {why} and its handler "
            f"leaves None: every call of {step}() by the host raises {error}",
            fix="install the module in the host's environment, guard the use (`if ... is not "
            "None:`), or give the fallback a working stand-in",
            subject=step,
        )
    if found is None:
        return None
    stmt, name = found
    return PC547.at(
        plugin,
        Location(path, stmt.lineno, stmt.col_offset + 1),
        f"{label} runs `from {stmt.module} import {name}` on every call, but {stmt.module} in "
        f"the target environment has no {name!r}: every call of {step}() by the host raises "
        "ImportError",
        fix=f"import a name {stmt.module} provides",
        subject=step,
    )


def rebound(fn: ast.FunctionDef, name: str) -> bool:
    """Whether anything in ``fn`` (nested scopes too) may bind ``name`` again."""
    for node in ast.walk(fn):
        match node:
            case ast.Name(id=found, ctx=ast.Store() | ast.Del()) if found == name:
                return True
            case ast.Global(names=names) | ast.Nonlocal(names=names) if name in names:
                return True
            case ast.ExceptHandler(name=found) if found == name:
                return True
            case ast.alias(name=alias, asname=asname) if (asname or alias) == name:
                return True
            case ast.MatchAs(name=found) | ast.MatchStar(name=found) if found == name:
                return True
            case ast.MatchMapping(rest=found) if found == name:
                return True
    return False
