"""Names the host puts in ``builtins`` itself, for ``init``'s ``host-builtins`` proposal: xonsh's
session does ``builtins.__xonsh__ = self`` and ``builtins.aliases = ...`` before it loads its
xontribs, which use those names bare at import. Read from the host's writes:
``builtins.NAME = ...``, ``setattr(builtins, "NAME", ...)`` and ``builtins.__dict__.update(...)``
with literal keys, and ``setattr(builtins, refname, ...)`` in a loop over names the module spells
(xonsh's session names, followed through its ``SimpleNamespace``: :class:`_Chain`). A write whose
name stays unknown is kept apart, and the proposal says so with ``host-builtins-computed``
(PC557 then warns that it could not check a name bound nowhere)."""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator

from plugcheck.scaffold.model import Survey
from plugcheck.scaffold.pyproject import toml_string
from plugcheck.static.syntax import walked

_ALREADY = frozenset(dir(builtins)) | {"_"}
"""Python's own builtins (a host that swaps ``input`` or ``exit`` adds no name), and ``_``,
which an interactive displayhook sets (Python's REPL too)."""


def builtins_written(tree: ast.Module) -> Iterator[tuple[str | None, int]]:
    """Each name the module writes into ``builtins`` (``None``: a computed name) and its line."""
    aliases = {
        alias.asname or alias.name
        for node in walked(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name == "builtins"
    }
    if not aliases:
        return

    def is_builtins(node: ast.expr) -> bool:
        return isinstance(node, ast.Name) and node.id in aliases

    chain = _Chain(tree)
    loops = {  # setattr(builtins, refname, ...) -> the loop binding refname
        id(inner): loop
        for loop in walked(tree)
        if isinstance(loop, ast.For) and isinstance(loop.target, ast.Name)
        for inner in walked(loop)
    }

    for node in walked(tree):
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
                named = _literal(node.args[1])
                looped = None if named else _looped(chain, loops, node.args[1])
                for name in looped if looped is not None else [named]:
                    yield from _named(name, node.lineno)
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


def _looped(chain: _Chain, loops: dict[int, ast.For], name: ast.expr) -> list[str] | None:
    """The names ``setattr(builtins, refname, ...)`` writes where ``refname`` loops over a
    collection :class:`_Chain` resolves (``None``: unknown)."""
    if not isinstance(name, ast.Name):
        return None
    loop = loops.get(id(name))
    target = loop.target if loop is not None else None
    if loop is None or not (isinstance(target, ast.Name) and target.id == name.id):
        return None
    return chain.names(loop.iter)


class _Chain:
    """Follows, within one module, the collection a loop over names comes from: xonsh's
    ``for refname in self._initial_builtin_names`` with ``self._initial_builtin_names =
    frozenset(vars(self.builtins))``, ``self.builtins = get_default_builtins(execer)`` and that
    function returning ``types.SimpleNamespace(events=..., ...)``: literal collections of strings,
    ``frozenset``/``set``/``list``/``tuple``/``sorted`` of one, ``vars(ns)``/``ns.keys()``/
    ``dict(ns)`` of a namespace built with keywords or a literal dict, a ``self.x`` or a name
    assigned one value (besides ``None``), and the module's own function returning one."""

    _DEPTH = 6

    def __init__(self, tree: ast.Module) -> None:
        self.assigned: dict[str, list[ast.expr]] = {}
        for node in walked(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    key = _key(target)
                    if key and not (
                        isinstance(node.value, ast.Constant) and node.value.value is None
                    ):
                        self.assigned.setdefault(key, []).append(node.value)
        self.functions = {
            fn.name: fn
            for fn in tree.body
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
        }

    def names(self, node: ast.expr, depth: int = 0) -> list[str] | None:
        """The strings a loop over ``node`` yields."""
        if depth > self._DEPTH:
            return None
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            found = [_literal(e) for e in node.elts]
            return None if None in found else [n for n in found if n is not None]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 1:
            if node.func.id in ("frozenset", "set", "list", "tuple", "sorted"):
                return self.names(node.args[0], depth + 1)
            if node.func.id in ("vars", "dict"):
                return self.keys(node.args[0], depth + 1)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "keys"
            and not node.args
        ):
            return self.keys(node.func.value, depth + 1)
        value = self._one_value(node)
        return self.names(value, depth + 1) if value is not None else None

    def keys(self, node: ast.expr, depth: int) -> list[str] | None:
        """The keys of the namespace or dict ``node`` evaluates to."""
        if depth > self._DEPTH:
            return None
        if isinstance(node, ast.Dict):
            found = [_literal(k) for k in node.keys]
            return None if None in found else [k for k in found if k is not None]
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            called = node.func.id if isinstance(node.func, ast.Name) else called
            if called in ("SimpleNamespace", "dict") and not node.args:
                found = [k.arg for k in node.keywords]
                return None if None in found else [k for k in found if k is not None]
            function = self.functions.get(called) if isinstance(node.func, ast.Name) else None
            if function is not None:
                returned = [
                    self.keys(r.value, depth + 1) if r.value is not None else None
                    for r in walked(function)
                    if isinstance(r, ast.Return)
                ]
                if not returned or None in returned:
                    return None
                return sorted({k for keys in returned if keys for k in keys})
        value = self._one_value(node)
        return self.keys(value, depth + 1) if value is not None else None

    def _one_value(self, node: ast.expr) -> ast.expr | None:
        key = _key(node)
        values = self.assigned.get(key, []) if key else []
        return values[0] if len(values) == 1 else None


def _key(node: ast.expr) -> str | None:
    """``name`` or ``self.attr``: what an assignment binds and a read reads."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}" if node.value.id == "self" else None
    return None


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
