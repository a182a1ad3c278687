"""Names the host puts in ``builtins`` itself, for ``init``'s ``host-builtins`` proposal: xonsh's
session does ``builtins.__xonsh__ = self`` and ``builtins.aliases = ...`` before it loads its
xontribs, which use those names bare at import. Read from the host's writes:
``builtins.NAME = ...``, ``setattr(builtins, "NAME", ...)`` and ``builtins.__dict__.update(...)``
with literal keys. A write whose name is computed (xonsh's ``setattr(builtins, refname, proxy)``
over its session's names) is kept apart: its names are unknown, and the proposal says so with
``host-builtins-computed`` (PC557 then warns that it could not check a name bound nowhere)."""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator

from plugcheck.scaffold.model import Survey
from plugcheck.scaffold.pyproject import toml_string

_ALREADY = frozenset(dir(builtins)) | {"_"}
"""Python's own builtins (a host that swaps ``input`` or ``exit`` adds no name), and ``_``,
which an interactive displayhook sets (Python's REPL too)."""


def builtins_written(tree: ast.Module) -> Iterator[tuple[str | None, int]]:
    """Each name the module writes into ``builtins`` (``None``: a computed name) and its line."""
    aliases = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name == "builtins"
    }
    if not aliases:
        return

    def is_builtins(node: ast.expr) -> bool:
        return isinstance(node, ast.Name) and node.id in aliases

    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and is_builtins(target.value):
                yield from _named(target.attr, target.lineno)
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) >= 2:
            if is_builtins(node.args[0]):
                yield from _named(_literal(node.args[1]), node.lineno)
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "update"
            and isinstance(func.value, ast.Attribute)
            and func.value.attr == "__dict__"
            and is_builtins(func.value.value)
        ):
            for keyword in node.keywords:
                yield from _named(keyword.arg, node.lineno)
            for arg in node.args:
                if isinstance(arg, ast.Dict) and None not in arg.keys:
                    for key in arg.keys:
                        yield from _named(_literal(key), node.lineno)
                else:
                    yield None, node.lineno


def _literal(node: ast.expr | None) -> str | None:
    """A string constant's value (``None``: a name computed at run time)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _named(name: str | None, line: int) -> Iterator[tuple[str | None, int]]:
    if name not in _ALREADY:
        yield name, line


def builtins_line(found: Survey) -> list[str]:
    """The ``host-builtins`` line (and a TODO for the names the host computes)."""
    lines = []
    if found.builtins_set:
        names = sorted(found.builtins_set)
        where = ", ".join(found.builtins_set[n] for n in names[:3])
        lines.append(
            f"host-builtins = [{', '.join(map(toml_string, names))}]  # the host puts them in"
            f" builtins, plugins may use them bare ({where})"
        )
    if found.builtins_computed:
        lines.append(
            "host-builtins-computed = true  # the host also puts names it computes in builtins"
            f" ({found.builtins_computed[0]}): TODO: name those plugins use in host-builtins"
        )
    return lines
