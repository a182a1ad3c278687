"""PC545, PC547: a hookimpl reads, on every call, what is not there: a file next to its module
(PC545), a name the module it imports from lacks in the target environment (PC547).

The hookimpl's own body is read from its first statement on, as long as nothing can leave it or
branch first: its expression statements, assignments, ``with`` items and its ``return`` value
(the reads PC544 reads at import: ``Path(__file__).with_name("x").read_text()``, ``open(...)``
of a path spelled from ``__file__``). Registration succeeds; every call raises
FileNotFoundError.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from plugcheck.kinds.pluggy.checks import checked, impl_label, registration_rejects
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.host_names import How, _missing, host_packages
from plugcheck.rules.import_reads import evaluated, file_read, spellings

PC547 = rule(
    "PC547",
    "hook-import-fails",
    Severity.ERROR,
    "A hookimpl imports, before anything can branch, a name that the module it imports from "
    "does not have in the target environment: every call of the hook raises ImportError.",
)
PC545 = rule(
    "PC545",
    "hook-reads-missing-file",
    Severity.ERROR,
    "A hookimpl reads, before anything can branch, a file next to its module that does not "
    "exist: every call of the hook raises FileNotFoundError.",
)


@plugin_check(PC545)
def hook_reads_missing_file(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for impl, hooks, _spec in checked(ctx, plugin):
        hook = hooks.specs.get(impl.hook)
        node = impl.node
        if hook is None or impl.opaque or registration_rejects(impl, hook):
            continue  # never called, or rejected at registration (PC501-PC505)
        if not isinstance(node, ast.FunctionDef) or impl.generator or impl.wrapped_by:
            continue
        info = ctx.index.info(impl.path)
        if info is None or info.tree is None:
            continue
        oses, _ = spellings(info.tree)
        here = impl.path.absolute()
        for value in _always_run(node.body):
            found = next(
                (
                    (n, wanted)
                    for n in evaluated(value)
                    if (wanted := file_read(n, here, oses)) is not None and not wanted.exists()
                ),
                None,
            )
            if found is not None:
                read, wanted = found
                assert isinstance(read, ast.expr)
                yield PC545.at(
                    plugin,
                    Location(impl.path, read.lineno, read.col_offset + 1),
                    f"{impl_label(impl)} reads `{ast.unparse(read)[:60]}` on every call, but "
                    f"there is no file {wanted.name!r} next to {impl.path.name}: every call of "
                    f"{impl.hook!r} raises FileNotFoundError",
                    fix=f"ship {wanted.name} with the plugin (package data), or fall back when "
                    "it is missing",
                    subject=impl.hook,
                )
                break


def _leading(body: list[ast.stmt]) -> Iterator[ast.stmt]:
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


def _always_run(body: list[ast.stmt]) -> Iterator[ast.expr]:
    """The values the body's leading straight-line statements always evaluate."""
    for stmt in _leading(body):
        if isinstance(stmt, ast.With):
            yield from (item.context_expr for item in stmt.items)
        elif (
            isinstance(stmt, ast.Expr | ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Return)
            and stmt.value is not None
        ):
            yield stmt.value


@plugin_check(PC547)
def hook_import_fails(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    own = {ctx.index.real(p) for p in plugin.files}
    host = set(host_packages(ctx.contract))  # a name the host lacks is PC530's (in any scope)
    roots: list[Path] | None = None
    for impl, hooks, _spec in checked(ctx, plugin):
        hook = hooks.specs.get(impl.hook)
        node = impl.node
        if hook is None or impl.opaque or registration_rejects(impl, hook):
            continue
        if not isinstance(node, ast.FunctionDef) or impl.generator or impl.wrapped_by:
            continue
        for stmt in _leading(node.body):
            if not isinstance(stmt, ast.ImportFrom) or stmt.level or not stmt.module:
                continue
            if stmt.module.partition(".")[0] in host:
                continue
            roots = roots if roots is not None else ctx.roots(plugin)
            parts = tuple(stmt.module.split("."))
            for alias in stmt.names:
                if alias.name == "*":
                    continue
                gone = _missing(ctx.index, (*parts, alias.name), roots, own, How.FROM)
                if gone is None or gone[0] != len(parts):
                    continue  # a missing module is PC309's; only a name the module lacks here
                yield PC547.at(
                    plugin,
                    Location(impl.path, stmt.lineno, stmt.col_offset + 1),
                    f"{impl_label(impl)} runs `from {stmt.module} import {alias.name}` on every "
                    f"call, but {stmt.module} in the target environment has no {alias.name!r}: "
                    f"every call of {impl.hook!r} raises ImportError",
                    fix=f"import a name {stmt.module} provides",
                    subject=impl.hook,
                )
                break
