"""Whether a test may tell one version of a host (or of Python) from another: the operands
after it in ``and``/``or``, and a conditional expression's branches, may never run on some
host when it may; when it reads only the run's data, they run whenever that data says so.

``hasattr(host, "x") and host.x``, ``host.y if NEW_HOST else host.z`` (``NEW_HOST`` a module
flag), ``version >= (2, 0) and host.new`` are gates; ``not link or host.x`` (mdformat-toc 0.3's
``not link or (codepoints.ASCII_CTRL | codepoints.ASCII_WHITESPACE)``, ``link`` a parameter)
and ``isinstance(value, str) and host.y`` are not: the operand after them runs on every host.
What cannot be read (a name bound nowhere, a star import, a function of the plugin that probes
something) counts as a gate.
"""

from __future__ import annotations

import ast
import builtins
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

_PROBES = frozenset({"hasattr", "getattr", "callable", "dir", "vars", "globals", "locals"})
"""Builtins that ask whether something exists: a test calling one may be a feature gate."""

_DATA_BUILTINS = frozenset(dir(builtins)) - _PROBES - {"__import__"}

_VERSION_STDLIB = frozenset({"sys", "importlib", "platform", "builtins", "inspect", "sysconfig"})
"""Standard-library modules whose answers tell interpreters or installed hosts apart."""

_VERSION_TEXT = re.compile(r"\d+(\.\d+)+")

_DATA = "data"
"""A binding that holds the run's data: a parameter, a loop or ``with`` target, a class."""
_UNKNOWN = "unknown"
"""A binding nothing here reads (``global``, a star import): it may hold a flag."""

Bound = ast.expr | ast.FunctionDef | ast.AsyncFunctionDef | str
"""What a name is bound to: an assigned value, a function, ``_DATA``, ``_UNKNOWN`` or
``module:<name>`` for an import (``module:.`` for a relative one)."""

Scope = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.comprehension


@dataclass(slots=True)
class Gates:
    """A module's names, read once, to judge its tests (``may_gate``)."""

    tree: ast.Module
    _globals: dict[str, list[Bound]] | None = None
    _attributes: dict[str, list[ast.expr]] | None = None
    _scopes: dict[int, dict[str, list[Bound]]] = field(default_factory=dict)
    _star: bool = False

    def may_gate(self, test: ast.expr, enclosing: Sequence[Scope]) -> bool:
        """Whether ``test`` (inside ``enclosing``, outermost first) may decide on what the
        host or the interpreter has."""
        scopes = [self._globals_()] + [self._scope(node) for node in enclosing]
        return self._gates(test, scopes, set())

    def _gates(self, expr: ast.AST, scopes: list[dict[str, list[Bound]]], seen: set[int]) -> bool:
        for node in _walk(expr):
            match node:
                case ast.Compare() if _compares_versions(node):
                    return True
                case ast.Name(id=name, ctx=ast.Load()) if self._name_gates(name, scopes, seen):
                    return True
                case ast.Attribute(attr=attr) if self._attribute_gates(attr, seen):
                    return True
        return False

    def _name_gates(self, name: str, scopes: list[dict[str, list[Bound]]], seen: set[int]) -> bool:
        for depth in range(len(scopes) - 1, -1, -1):
            bound = scopes[depth].get(name)
            if bound is not None:
                return any(self._bound_gates(b, scopes[: depth + 1], seen) for b in bound)
        return self._star or name not in _DATA_BUILTINS

    def _bound_gates(
        self, bound: Bound, scopes: list[dict[str, list[Bound]]], seen: set[int]
    ) -> bool:
        if isinstance(bound, str):
            if bound.startswith("module:"):
                return _module_may_gate(bound.removeprefix("module:"))
            return bound == _UNKNOWN
        if id(bound) in seen:
            return False
        seen.add(id(bound))
        if isinstance(bound, ast.FunctionDef | ast.AsyncFunctionDef):
            # A plugin's own function may probe the host (`def new_host(): return
            # hasattr(host, "x")`): what it returns is read as a test, in its own scope.
            inner = [*scopes, self._scope(bound)]
            returned = [n.value for n in _own_nodes(bound.body) if isinstance(n, ast.Return)]
            return any(self._gates(value, inner, seen) for value in returned if value)
        return self._gates(bound, scopes, seen)

    def _attribute_gates(self, attr: str, seen: set[int]) -> bool:
        # `self.new_api` where the plugin stores a probe (`self.new_api = hasattr(host, "x")`,
        # a class attribute of that name): only what a value reads from the module is known.
        module = [self._globals_()]
        for value in self._attributes_().get(attr, ()):
            if id(value) in seen:
                continue
            seen.add(id(value))
            if any(
                _is_probe(node)
                or (isinstance(node, ast.Compare) and _compares_versions(node))
                or (
                    isinstance(node, ast.Name)
                    and node.id in module[0]
                    and self._name_gates(node.id, module, seen)
                )
                for node in _walk(value)
            ):
                return True
        return False

    def _globals_(self) -> dict[str, list[Bound]]:
        if self._globals is None:
            found: dict[str, list[Bound]] = {}
            self._star = _bind(self.tree.body, found)
            for node in ast.walk(self.tree):
                if isinstance(node, ast.Global):
                    for name in node.names:
                        found.setdefault(name, []).append(_UNKNOWN)
            self._globals = found
        return self._globals

    def _attributes_(self) -> dict[str, list[ast.expr]]:
        if self._attributes is None:
            found: dict[str, list[ast.expr]] = {}
            for node in ast.walk(self.tree):
                if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, ast.Attribute):
                            found.setdefault(target.attr, []).append(node.value)
                elif isinstance(node, ast.ClassDef):
                    class_names: dict[str, list[Bound]] = {}
                    _bind(node.body, class_names)
                    for name, bound in class_names.items():
                        values = [b for b in bound if isinstance(b, ast.expr)]
                        found.setdefault(name, []).extend(values)
            self._attributes = found
        return self._attributes

    def _scope(self, node: Scope) -> dict[str, list[Bound]]:
        known = self._scopes.get(id(node))
        if known is not None:
            return known
        found: dict[str, list[Bound]] = {}
        if isinstance(node, ast.comprehension):
            for name in _names(node.target):
                found[name] = [_DATA]
        else:
            args = node.args
            for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
                if arg is not None:
                    found[arg.arg] = [_DATA]
            if isinstance(node, ast.Lambda):
                body: list[ast.stmt] = []
            else:
                body = node.body
            _bind(body, found)
            for inner in _own_nodes(body):
                if isinstance(inner, ast.Global | ast.Nonlocal):
                    for name in inner.names:
                        found.pop(name, None)
        self._scopes[id(node)] = found
        return found


def _bind(body: Sequence[ast.stmt], found: dict[str, list[Bound]]) -> bool:
    """Adds what ``body``'s statements bind in their own scope to ``found``; whether a star
    import binds names nothing here knows."""
    star = False

    def add(name: str, bound: Bound) -> None:
        found.setdefault(name, []).append(bound)

    for node in _own_nodes(body):
        match node:
            case ast.FunctionDef(name=name) | ast.AsyncFunctionDef(name=name):
                add(name, node)
            case ast.ClassDef(name=name):
                add(name, _DATA)
            case ast.Assign(targets=targets, value=value):
                for target in targets:
                    for name in _names(target):
                        add(name, value)
            case ast.AnnAssign(target=ast.Name(id=name), value=ast.expr() as value):
                add(name, value)
            case ast.AugAssign(target=ast.Name(id=name), value=value):
                add(name, value)
            case ast.NamedExpr(target=ast.Name(id=name), value=value):
                add(name, value)
            case ast.For(target=target) | ast.AsyncFor(target=target):
                for name in _names(target):
                    add(name, _DATA)
            case ast.withitem(optional_vars=ast.expr() as target):
                for name in _names(target):
                    add(name, _DATA)
            case ast.ExceptHandler(name=str(name)):
                add(name, _DATA)
            case ast.Import(names=aliases):
                for alias in aliases:
                    add(alias.asname or alias.name.partition(".")[0], f"module:{alias.name}")
            case ast.ImportFrom(names=aliases, module=module, level=level):
                source = "." if level else module or "."
                for alias in aliases:
                    if alias.name == "*":
                        star = True
                    else:
                        add(alias.asname or alias.name, f"module:{source}")
    return star


def _own_nodes(body: Sequence[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of ``body`` in its own scope (not inside a nested function, class, lambda
    or comprehension; their definitions themselves are yielded)."""
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            # A walrus in a comprehension binds in the enclosing scope.
            stack.extend(n for n in ast.walk(node) if isinstance(n, ast.NamedExpr))
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and what it evaluates, without a lambda's body (it runs only when called)."""
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if not isinstance(item, ast.Lambda):
            stack.extend(ast.iter_child_nodes(item))


def _names(target: ast.AST) -> Iterator[str]:
    """The names an assignment target binds (not ``self`` of ``self.x = ...``)."""
    match target:
        case ast.Name(id=name):
            yield name
        case ast.Tuple(elts=elts) | ast.List(elts=elts):
            for element in elts:
                yield from _names(element)
        case ast.Starred(value=value):
            yield from _names(value)


def _is_probe(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _PROBES
    )


def _module_may_gate(module: str) -> bool:
    # A name from the plugin's own package, the host's or any other distribution may be a
    # flag or a version; the standard library's are the run's tools (`re`, `os.path`), but
    # for the modules that report versions.
    top = module.partition(".")[0]
    return not top or top in _VERSION_STDLIB or top not in sys.stdlib_module_names


def _compares_versions(node: ast.Compare) -> bool:
    """``x >= (2, 0)``, ``x < "1.4.2"``: a comparison with a version's spelling."""
    for operand in [node.left, *node.comparators]:
        match operand:
            case ast.Tuple(elts=elts) if elts and all(
                isinstance(e, ast.Constant) and type(e.value) is int for e in elts
            ):
                return True
            case ast.Constant(value=str(text)) if _VERSION_TEXT.fullmatch(text):
                return True
    return False
