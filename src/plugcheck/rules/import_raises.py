"""PC515: a statement the host's import of the plugin always runs always raises.

Only what is certain is judged: statements directly at the top level of the plugin's module and
of the plugin's own modules its import surely runs (``own_imports.loaded``; no ``try``,
``with``, loop or function around them; an ``if`` or ``assert`` only when the target decides
its test), and among those a
``raise``, or an expression built only from literals that raises when evaluated
(``{}["missing"]``, ``(1, 2)[5]``, ``1 / 0``). PC110 warns about any import-time work; this rule
is the error for work that cannot succeed."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.instance_at_import import instance_refusal
from plugcheck.rules.literal_names import literal_names
from plugcheck.rules.none_at_import import none_uses
from plugcheck.rules.own_imports import loaded
from plugcheck.rules.raising import Names, always_raises

PC515 = rule(
    "PC515",
    "import-always-raises",
    Severity.ERROR,
    "A statement that runs whenever the host imports the plugin always raises: the import "
    "fails every time.",
    explains=("PC401",),
)


@plugin_check(PC515)
def import_always_raises(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        literal = literal_names(info)
        on_none = none_uses(info)
        names: Names = {}
        for top in info.tree.body:
            found: tuple[str, ast.stmt | ast.expr] | None = (
                always_raises(top, ctx.env, names, info)
                or on_none.get(id(top))
                or instance_refusal(info, top)
            )
            if isinstance(top, ast.Assign) and any(top is a for a in literal.values()):
                target = top.targets[0]
                assert isinstance(target, ast.Name)
                names[target.id] = top.value  # read by the statements after it
            if found is None:
                continue
            why, stmt = found
            yield PC515.at(
                plugin,
                Location(
                    path, stmt.lineno, 1 if isinstance(stmt, ast.expr) else stmt.col_offset + 1
                ),
                f"{why}: it runs whenever the host imports {plugin.module}, so the import "
                "always fails",
                fix="do not raise at import time: move the check into a function the host "
                "calls (init(), a hook), or fix the expression",
            )
            break  # the import stops at the first statement that raises
