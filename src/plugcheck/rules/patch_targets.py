"""Where a plugin module's import changes an attribute of another module, or of a class in one
(PC565's host API, PC579's shared libraries): the statements the import runs and the spellings
of "set or delete that attribute".

The statements: the module's top level (``if``, ``try``, ``with`` and loop bodies included, an
``if`` the target decides only on the branch it takes; not function or class bodies), and the
bodies of the module's own top-level functions that code calls by name (``_patch()``), followed
to any depth, each once. The spellings, on any name the module imports (an alias, ``from os
import path``, a top-level ``m = json`` alias of one), ``sys.modules["json"]`` or
``importlib.import_module("json")``: an assignment (also augmented or annotated) or ``del`` of
``owner.attr``; ``setattr``/``delattr`` with a literal name; ``vars(owner)[key]`` and
``owner.__dict__[key]`` assigned or deleted, and their ``update(...)`` with literal keys or
``pop(key)``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from plugcheck.static.bindings import Binding, Target
from plugcheck.static.branches import decide, module_scope
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.symbols import Symbol, SymbolKind, ValueKind
from plugcheck.static.syntax import dotted_name

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_ALIAS_DEPTH = 4


@dataclass(frozen=True, slots=True)
class Patch:
    """One attribute the import sets or deletes on an object of another module."""

    node: ast.AST
    """Where: the statement's target, or the call."""
    owner: str
    """The object changed, by its canonical dotted name (``json``, ``json.JSONEncoder``)."""
    attr: str
    deletes: bool
    spelled: str
    """The owner as the module spells it (``j``, ``vars(json)``), for ``hasattr`` tests."""
    lacking: bool = False
    """Under ``if not hasattr(owner, "attr"):`` (``owner`` spelled as here)."""

    @property
    def name(self) -> str:
        return f"{self.owner}.{self.attr}"


def import_time_patches(info: ModuleInfo, target: Target) -> Iterator[Patch]:
    """Every :class:`Patch` the import of ``info``'s module makes, in source order."""
    if info.tree is None:
        return
    body = info.tree.body
    functions = {s.name: s for s in body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)}
    walker = _Walker(info.symbols, functions, module_scope(body), target)
    yield from walker.walk(body, frozenset(), frozenset())


class _Walker:
    def __init__(
        self,
        symbols: Mapping[str, Symbol],
        functions: Mapping[str, ast.FunctionDef | ast.AsyncFunctionDef],
        scope: dict[str, Binding],
        target: Target,
    ) -> None:
        self.symbols = symbols
        self.functions = functions
        self.scope = scope
        self.target = target
        self.entered: set[str] = set()

    def walk(
        self, body: list[ast.stmt], lacking: frozenset[tuple[str, str]], local: frozenset[str]
    ) -> Iterator[Patch]:
        stack: list[tuple[ast.AST, frozenset[tuple[str, str]]]] = [
            (n, lacking) for n in reversed(body)
        ]
        while stack:
            node, absent = stack.pop()
            if isinstance(node, _SCOPES):
                for part in _evaluated_parts(node):
                    stack.append((part, absent))
                continue
            for patch in self._patches(node, local):
                yield Patch(
                    patch.node,
                    patch.owner,
                    patch.attr,
                    patch.deletes,
                    patch.spelled,
                    (patch.spelled, patch.attr) in absent,
                )
            if isinstance(node, ast.Call):
                yield from self._called(node, local)
            if isinstance(node, ast.If):
                taken = None if local else decide(node.test, self.scope, self.target)
                hasattr_absent = _hasattr_absent(node.test)
                inner = absent | {hasattr_absent} if hasattr_absent else absent
                if taken is not False:
                    stack.extend((n, inner) for n in reversed(node.body))
                if taken is not True:
                    stack.extend((n, absent) for n in reversed(node.orelse))
                stack.append((node.test, absent))
                continue
            stack.extend((n, absent) for n in reversed(list(ast.iter_child_nodes(node))))

    def _called(self, call: ast.Call, local: frozenset[str]) -> Iterator[Patch]:
        """The patches of a module-level function of this module that ``call`` runs."""
        if not isinstance(call.func, ast.Name) or call.func.id in local:
            return
        function = self.functions.get(call.func.id)
        if function is None or function.name in self.entered:
            return
        if isinstance(function, ast.AsyncFunctionDef) or _is_generator(function):
            return  # calling it runs none of its body
        self.entered.add(function.name)
        yield from self.walk(function.body, frozenset(), _locals(function))

    def _patches(self, node: ast.AST, local: frozenset[str]) -> Iterator[Patch]:
        for where, obj, attr, deletes in _changed(node):
            owner = self.owner(obj, local)
            if owner is not None:
                yield Patch(where, owner, attr, deletes, dotted_name(obj) or ast.unparse(obj))

    def owner(self, expr: ast.expr, local: frozenset[str], depth: int = 0) -> str | None:
        """The canonical dotted name of the object ``expr`` is, when it is another module or a
        name in one; ``None`` for the module's own objects, locals and anything not named."""
        attrs: list[str] = []
        while isinstance(expr, ast.Attribute):
            attrs.append(expr.attr)
            expr = expr.value
        base = self._base(expr, local, depth)
        return ".".join([base, *reversed(attrs)]) if base else None

    def _base(self, expr: ast.expr, local: frozenset[str], depth: int) -> str | None:
        match expr:
            case ast.Subscript(value=modules, slice=ast.Constant(value=str(name))) if (
                self.owner(modules, local, depth) == "sys.modules"
            ):
                return name
            case ast.Call(func=func, args=[ast.Constant(value=str(name))], keywords=[]) if (
                self.owner(func, local, depth) == "importlib.import_module"
            ):
                return name
            case ast.Name(id=head) if head not in local:
                symbol = self.symbols.get(head)
                if symbol is not None:
                    return self._bound(symbol, depth)
        return None

    def _bound(self, symbol: Symbol, depth: int) -> str | None:
        """What a module-level name is bound to: an absolute import's module or name, or an
        unconditional alias of one (``codec = json``)."""
        if symbol.kind is SymbolKind.IMPORT:
            if symbol.import_level or not symbol.import_module:
                return None  # a relative import: the plugin's own package
            if symbol.import_name:
                return f"{symbol.import_module}.{symbol.import_name}"
            return symbol.import_module
        if (
            symbol.kind is SymbolKind.ASSIGN
            and not symbol.conditional
            and symbol.value_kind is ValueKind.NAME
            and symbol.value_name
            and depth < _ALIAS_DEPTH
        ):
            aliased = ast.parse(symbol.value_name, mode="eval").body
            return self.owner(aliased, frozenset(), depth + 1)
        return None


def _changed(node: ast.AST) -> Iterator[tuple[ast.AST, ast.expr, str, bool]]:
    """(where, the object, the attribute, whether it is deleted) for each attribute ``node``
    sets or deletes, in any of the spellings this module names."""
    match node:
        case ast.Assign(targets=targets):
            for t in targets:
                yield from _target(t, deletes=False)
        case ast.AugAssign(target=t) | ast.AnnAssign(target=t, value=ast.expr()):
            yield from _target(t, deletes=False)
        case ast.Delete(targets=targets):
            for t in targets:
                yield from _target(t, deletes=True)
        case ast.Call(
            func=ast.Name(id="setattr" | "delattr" as fn),
            args=[obj, ast.Constant(value=str(a)), *_],
        ):
            yield node, obj, a, fn == "delattr"
        case ast.Call(func=ast.Attribute(value=mapping, attr="update"), args=args, keywords=kws):
            if (ns := _namespace_of(mapping)) is not None:
                for kw in kws:
                    if kw.arg is not None:
                        yield node, ns, kw.arg, False
                for arg in args:
                    if isinstance(arg, ast.Dict):
                        for key in arg.keys:
                            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                                yield node, ns, key.value, False
        case ast.Call(
            func=ast.Attribute(value=mapping, attr="pop"), args=[ast.Constant(value=str(a)), *_]
        ):
            if (ns := _namespace_of(mapping)) is not None:
                yield node, ns, a, True


def _target(target: ast.expr, *, deletes: bool) -> Iterator[tuple[ast.AST, ast.expr, str, bool]]:
    match target:
        case ast.Attribute(value=obj, attr=attr):
            yield target, obj, attr, deletes
        case ast.Subscript(value=mapping, slice=ast.Constant(value=str(key))):
            if (ns := _namespace_of(mapping)) is not None:
                yield target, ns, key, deletes
        case ast.Tuple(elts=elts) | ast.List(elts=elts):
            for elt in elts:
                yield from _target(elt, deletes=deletes)


def _namespace_of(mapping: ast.expr) -> ast.expr | None:
    """``obj`` for ``vars(obj)`` or ``obj.__dict__``: its attributes as a mapping."""
    match mapping:
        case ast.Call(func=ast.Name(id="vars"), args=[obj], keywords=[]):
            return obj
        case ast.Attribute(value=obj, attr="__dict__"):
            return obj
    return None


def _hasattr_absent(test: ast.expr) -> tuple[str, str] | None:
    """``(object, attribute)`` for a test ``not hasattr(object, "attribute")``."""
    match test:
        case ast.UnaryOp(
            op=ast.Not(),
            operand=ast.Call(func=ast.Name(id="hasattr"), args=[obj, ast.Constant(value=str(a))]),
        ):
            owner = dotted_name(obj)
            return (owner, a) if owner else None
    return None


def _evaluated_parts(node: ast.AST) -> list[ast.AST]:
    """What defining ``node`` (a function, class or lambda) runs: decorators, defaults, bases
    and a class's body (whose names bind in the class: a rebound module name there is rare)."""
    match node:
        case ast.FunctionDef() | ast.AsyncFunctionDef():
            return [*node.decorator_list, *node.args.defaults, *filter(None, node.args.kw_defaults)]
        case ast.ClassDef():
            return [
                *node.decorator_list,
                *node.bases,
                *(k.value for k in node.keywords),
                *node.body,
            ]
    return []


def _locals(function: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    """The names a function binds of its own (parameters, assignments, imports), minus those
    it declares ``global``."""
    args = function.args
    names = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    names |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    declared: set[str] = set()
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Global | ast.Nonlocal):
            declared.update(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            names.add(node.id)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).partition(".")[0])
        elif isinstance(node, _SCOPES):
            if not isinstance(node, ast.Lambda):
                names.add(node.name)
            continue
        stack.extend(ast.iter_child_nodes(node))
    return frozenset(names - declared)


def _is_generator(function: ast.FunctionDef) -> bool:
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Yield | ast.YieldFrom):
            return True
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))
    return False
