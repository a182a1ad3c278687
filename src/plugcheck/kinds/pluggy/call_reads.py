"""PC545: a hookimpl reads, on every call, a file next to its module that does not exist.

The hookimpl's own body is read from its first statement on, as long as nothing can leave it or
branch first: its expression statements, assignments, ``with`` items and its ``return`` value
(the reads PC544 reads at import: ``Path(__file__).with_name("x").read_text()``, ``open(...)``
of a path spelled from ``__file__``). Registration succeeds; every call raises
FileNotFoundError.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.kinds.pluggy.checks import checked, impl_label, registration_rejects
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.import_reads import evaluated, file_read, spellings

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


def _always_run(body: list[ast.stmt]) -> Iterator[ast.expr]:
    """The values the body's leading straight-line statements always evaluate."""
    for stmt in body:
        match stmt:
            case ast.Expr() | ast.Assign() | ast.AugAssign():
                yield stmt.value
            case ast.AnnAssign() if stmt.value is not None:
                yield stmt.value
            case ast.Return():
                if stmt.value is not None:
                    yield stmt.value
                return
            case ast.With():
                yield from (item.context_expr for item in stmt.items)
                return  # its body may leave the function
            case ast.Import() | ast.ImportFrom() | ast.Pass() | ast.Global() | ast.Nonlocal():
                continue
            case _:
                return
