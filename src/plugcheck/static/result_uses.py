"""What a host does with the result of a plugin object's method, read at the host's own calls of
it: the value dropped, unpacked into so many names, each name's attributes read with no guard
(a ``getattr`` with a default, ``hasattr`` or a helper doing one is a guard), followed through
``if x is not None``, a local list it is appended to and the host's own functions it is handed
to. pydantic's ``p, j, s = plugin.new_schema_validator(...)`` appends each non-None handler to
a list whose items ``build_wrapper`` reads only where ``filter_handlers`` (a ``getattr`` with a
default) found them: what logfire's method returns needs no attribute at all. Any other use is
unknown (``None``), never guessed."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_DEPTH = 4
"""Host functions a value is followed into, at most."""
_SKIPPED = frozenset({"tests", "test", "testing", "_vendor", "vendor", "vendored"})
_HARMLESS = frozenset({"hasattr", "isinstance", "callable", "id", "getattr"})
_Scope = ast.FunctionDef | ast.AsyncFunctionDef | ast.GeneratorExp | ast.ListComp | ast.SetComp


@dataclass(frozen=True, slots=True)
class Need:
    """What one value must offer where the host uses it."""

    attributes: frozenset[str]
    """Read with no guard (``x.on_enter``, ``x.close()``)."""
    none_ok: bool
    """Every such read is reached only when the value is not None."""


@dataclass(frozen=True, slots=True)
class ResultUse:
    """One call of the method in the host."""

    where: str
    length: int | None
    """Unpacked into this many names (``None``: used whole)."""
    needs: tuple[Need, ...]
    """One per unpacked name, else one for the result (none: the result is dropped)."""


def result_uses(package: Path, member: str) -> list[ResultUse] | None:
    """Every call ``<x>.<member>(...)`` in the host's ``package`` (its tests and vendored
    copies left out) and what it does with the result; ``None`` when there is none, or one is
    used in a way not read here."""
    found: list[ResultUse] = []
    for path in _sources(package, f".{member}("):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
            return None
        module = _Module(tree)
        for call, scope in module.calls(member):
            use = module.use(call, scope, f"{path.relative_to(package.parent)}:{call.lineno}")
            if use is None:
                return None
            found.append(use)
    return found or None


def _sources(package: Path, text: str) -> Iterator[Path]:
    files = [package] if package.is_file() else sorted(package.rglob("*.py"))
    for path in files:
        if _SKIPPED.intersection(path.relative_to(package.parent).parts[:-1]):
            continue
        try:
            if text in path.read_text(encoding="utf-8"):
                yield path
        except (OSError, UnicodeDecodeError):
            continue


class _Module:
    def __init__(self, tree: ast.Module) -> None:
        self.functions = {
            n.name: n
            for n in tree.body
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and not n.decorator_list
        }
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.tree = tree

    def calls(self, member: str) -> Iterator[tuple[ast.Call, _Scope | None]]:
        for node in ast.walk(self.tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == member
            ):
                yield node, self._function(node)

    def _function(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return node
        return None

    def use(self, call: ast.Call, scope: _Scope | None, where: str) -> ResultUse | None:
        parent = self.parents.get(call)
        if isinstance(parent, ast.Expr):
            return ResultUse(where, None, ())
        if scope is None or not isinstance(parent, ast.Assign) or len(parent.targets) != 1:
            return None
        target = parent.targets[0]
        if isinstance(target, ast.Name):
            need = self.needs(scope, target.id, _DEPTH)
            return ResultUse(where, None, (need,)) if need else None
        if isinstance(target, ast.Tuple | ast.List) and all(
            isinstance(t, ast.Name) for t in target.elts
        ):
            needs = [
                self.needs(scope, t.id, _DEPTH) for t in target.elts if isinstance(t, ast.Name)
            ]
            if any(n is None for n in needs):
                return None
            return ResultUse(where, len(target.elts), tuple(n for n in needs if n))
        return None

    # --- one value ---------------------------------------------------------------------

    def needs(self, scope: _Scope, name: str, depth: int) -> Need | None:
        """What the value bound to ``name`` in ``scope`` must offer, by every use of it."""
        if depth < 0 or _bindings(scope, name) > 1:
            return None
        parts: list[Need] = []
        for node in _loads(scope, name):
            need = self._need(scope, node, depth)
            if need is None:
                return None
            parts.append(need)
        return _joined(parts)

    def _need(self, scope: _Scope, node: ast.Name, depth: int) -> Need | None:
        parent = self.parents.get(node)
        guarded = self._not_none(node)
        if _tested(parent, node, self.parents):
            return Need(frozenset(), True)
        if _harmless(parent, node):
            return Need(frozenset(), True)
        if isinstance(parent, ast.Attribute) and parent.value is node:
            if self._guarded(node, parent.attr):
                return Need(frozenset(), True)
            return Need(frozenset({parent.attr}), guarded)
        if isinstance(parent, ast.Call) and node in parent.args and not parent.keywords:
            func = parent.func
            inner: Need | None = None
            if isinstance(func, ast.Attribute) and func.attr == "append":
                if isinstance(func.value, ast.Name) and len(parent.args) == 1:
                    inner = self.items(scope, func.value.id, depth)
            elif isinstance(func, ast.Name) and func.id in self.functions:
                param = _param(self.functions[func.id], parent.args.index(node))
                if param is not None:
                    inner = self.needs(self.functions[func.id], param, depth - 1)
            if inner is None:
                return None
            return Need(inner.attributes, inner.none_ok or guarded)
        return None

    # --- a list of such values ---------------------------------------------------------

    def items(self, scope: _Scope, name: str, depth: int) -> Need | None:
        """What each item of the list bound to ``name`` in ``scope`` must offer."""
        if depth < 0 or _bindings(scope, name) > 1:
            return None
        parts: list[Need] = []
        for node in _loads(scope, name):
            parent = self.parents.get(node)
            if (
                isinstance(parent, ast.Attribute)
                and parent.attr == "append"
                and isinstance(self.parents.get(parent), ast.Call)
            ):
                continue  # another value put in: judged where it is put
            if _tested(parent, node, self.parents) or (
                isinstance(parent, ast.Call)
                and isinstance(parent.func, ast.Name)
                and parent.func.id == "len"
            ):
                continue
            need = self._item_need(scope, node, parent, depth)
            if need is None:
                return None
            parts.append(need)
        return _joined(parts)

    def _item_need(
        self, scope: _Scope, node: ast.Name, parent: ast.AST | None, depth: int
    ) -> Need | None:
        if isinstance(parent, ast.comprehension) and parent.iter is node:
            owner = self.parents.get(parent)
            if isinstance(owner, ast.GeneratorExp | ast.ListComp | ast.SetComp) and isinstance(
                parent.target, ast.Name
            ):
                return self.needs(owner, parent.target.id, depth)
            return None
        if (
            isinstance(parent, ast.For)
            and parent.iter is node
            and isinstance(parent.target, ast.Name)
        ):
            return self.needs(scope, parent.target.id, depth)
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name):
            function = self.functions.get(parent.func.id)
            if function is not None and node in parent.args and not parent.keywords:
                param = _param(function, parent.args.index(node))
                return self.items(function, param, depth - 1) if param else None
        return None

    # --- guards ------------------------------------------------------------------------

    def _not_none(self, node: ast.Name) -> bool:
        """``node`` is reached only inside ``if x is not None:`` (or ``if x:``)."""
        child: ast.AST = node
        while child in self.parents:
            parent = self.parents[child]
            if (
                isinstance(parent, ast.If)
                and child in parent.body
                and _says_set(parent.test, node.id)
            ):
                return True
            if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef):
                return False
            child = parent
        return False

    def _guarded(self, node: ast.Name, attribute: str) -> bool:
        """``x.attr`` read only where a ``hasattr``/``getattr``-with-default test of that very
        attribute (the host's own helper doing one counts) let it through."""
        child: ast.AST = node
        while child in self.parents:
            parent = self.parents[child]
            tests: list[ast.expr] = []
            if isinstance(parent, ast.If | ast.IfExp) and child is not parent.test:
                tests = [parent.test] if child in getattr(parent, "body", [child]) else []
            elif isinstance(parent, ast.GeneratorExp | ast.ListComp | ast.SetComp):
                tests = [t for g in parent.generators for t in g.ifs]
            if any(self._checks(t, node.id, attribute) for t in tests):
                return True
            if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef):
                return False
            child = parent
        return False

    def _checks(self, test: ast.expr, name: str, attribute: str) -> bool:
        for call in ast.walk(test):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
                continue
            args = call.args
            if len(args) < 2 or not (isinstance(args[0], ast.Name) and args[0].id == name):
                continue
            if not (isinstance(args[1], ast.Constant) and args[1].value == attribute):
                continue
            if call.func.id == "hasattr" or (call.func.id == "getattr" and len(args) == 3):
                return True
            helper = self.functions.get(call.func.id)
            if helper is not None and _tests_attribute(helper):
                return True
        return False


def _harmless(parent: ast.AST | None, node: ast.Name) -> bool:
    """``hasattr(x, ...)``, ``isinstance(x, ...)``, ``getattr(x, name, default)``."""
    return (
        isinstance(parent, ast.Call)
        and node in parent.args[:1]
        and isinstance(parent.func, ast.Name)
        and parent.func.id in _HARMLESS
        and (parent.func.id != "getattr" or len(parent.args) == 3)
    )


def _tests_attribute(helper: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """``def filter_handlers(obj, name)`` that reads ``getattr(obj, name, default)`` (or
    ``hasattr``) and can say no (a ``return False``)."""
    params = [a.arg for a in helper.args.args]
    if len(params) < 2:
        return False
    reads = any(
        isinstance(n, ast.Call)
        and isinstance(n.func, ast.Name)
        and (n.func.id == "hasattr" or (n.func.id == "getattr" and len(n.args) == 3))
        and [a.id if isinstance(a, ast.Name) else None for a in n.args[:2]] == params[:2]
        for n in ast.walk(helper)
    )
    refuses = any(
        isinstance(n, ast.Return) and isinstance(n.value, ast.Constant) and n.value.value is False
        for n in ast.walk(helper)
    )
    return reads and refuses


def _says_set(test: ast.expr, name: str) -> bool:
    if isinstance(test, ast.Name):
        return test.id == name
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_says_set(v, name) for v in test.values)
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == name
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.IsNot)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    )


def _tested(parent: ast.AST | None, node: ast.Name, parents: dict[ast.AST, ast.AST]) -> bool:
    """Only tested: ``x is None``, ``if x``, ``not x``, a test of ``and``/``or``."""
    if isinstance(parent, ast.Compare) and len(parent.ops) == 1:
        other = parent.comparators[0] if parent.left is node else parent.left
        return isinstance(parent.ops[0], ast.Is | ast.IsNot) and (
            isinstance(other, ast.Constant) and other.value is None
        )
    if isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not):
        return True
    if isinstance(parent, ast.If | ast.While | ast.IfExp) and parent.test is node:
        return True
    if isinstance(parent, ast.comprehension) and node in parent.ifs:
        return True
    if isinstance(parent, ast.BoolOp):
        above = parents.get(parent)
        return isinstance(above, ast.If | ast.While) and above.test is parent
    return False


def _param(function: ast.FunctionDef | ast.AsyncFunctionDef, index: int) -> str | None:
    params = [*function.args.posonlyargs, *function.args.args]
    return params[index].arg if index < len(params) else None


def _own_nodes(scope: _Scope) -> Iterator[ast.AST]:
    if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        yield from (n for stmt in scope.body for n in ast.walk(stmt))
    else:
        yield from ast.walk(scope)


def _loads(scope: _Scope, name: str) -> Iterator[ast.Name]:
    for node in _own_nodes(scope):
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            yield node


def _bindings(scope: _Scope, name: str) -> int:
    stored = sum(
        1
        for n in _own_nodes(scope)
        if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
    )
    if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        args = scope.args
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        stored += sum(1 for a in every if a is not None and a.arg == name)
    return stored


def _joined(parts: list[Need]) -> Need:
    attributes = frozenset().union(*(p.attributes for p in parts))
    return Need(attributes, all(p.none_ok for p in parts if p.attributes))
