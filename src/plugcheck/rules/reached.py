"""What every call of a function certainly reads, what it returns on the target, and the names
it reads that are bound nowhere (for PC217 and the product checks in ``factory_product``); the
code every call runs is ``straight_code``'s."""

from __future__ import annotations

import ast
import builtins
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from weakref import WeakKeyDictionary

from plugcheck.model import Plugin
from plugcheck.rules.base import Context
from plugcheck.rules.installed_modules import installed_for
from plugcheck.rules.straight_code import Function as Function  # the checks import it from here
from plugcheck.rules.straight_code import body_nodes, certain_nodes, exits, shallow
from plugcheck.static.bindings import Binding, Routine, Target
from plugcheck.static.bindings import target_of as env_target
from plugcheck.static.branches import decide
from plugcheck.static.function_walk import BINDERS as BINDERS  # none_fallback's, from here
from plugcheck.static.function_walk import binds as binds
from plugcheck.static.function_walk import function_walk, parameters
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import ModuleInfo, is_type_checking
from plugcheck.static.syntax import children, mangled

SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)

_BUILTIN_NAMES = frozenset(dir(builtins)) | {
    "__name__",
    "__file__",
    "__doc__",
    "__spec__",
    "__loader__",
    "__package__",
    "__builtins__",
    "__path__",
    "__annotations__",
    "__dict__",
    "__cached__",
    "__class__",
}

# --- names bound nowhere (PC217) -------------------------------------------------------------


def _top_names(tree: ast.Module) -> set[str]:
    """Every name the module binds at its top level (any branch, any order, not under ``if
    TYPE_CHECKING:``, not deleted by a top-level ``del`` no later statement undoes)."""
    names: set[str] = set()
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and is_type_checking(node.test):
            stack.extend(node.orelse)  # only the type checker runs the body
            continue
        if not isinstance(node, ast.Delete):
            names.update(binds(node))
        if not isinstance(node, SCOPES):
            stack.extend(children(node))
    # What the statements after each top-level `del` bind, gathered from the end: once per
    # statement, not once per `del` (a module of many was quadratic).
    later: set[str] = set()
    end = len(tree.body)
    for i in reversed([i for i, stmt in enumerate(tree.body) if isinstance(stmt, ast.Delete)]):
        later.update(n for s in tree.body[i + 1 : end] for node in shallow(s) for n in binds(node))
        stmt = tree.body[i]
        assert isinstance(stmt, ast.Delete)
        gone = {t.id for t in stmt.targets if isinstance(t, ast.Name)}
        names -= gone - later
        later.update(n for node in shallow(stmt) for n in binds(node))
        end = i
    return names


_OPAQUE_CALLS = frozenset({"globals", "exec", "vars", "setattr", "eval"})


def local_names(fn: Function | ast.Lambda) -> frozenset[str]:
    """Parameters and every name bound anywhere in ``fn`` (nested scopes included: a name one
    of them binds is never reported); from the function's one walk."""
    return function_walk(fn).local_names()


def unbound(fn: Function, info: ModuleInfo) -> ast.Name | None:
    """The first name every call of ``fn`` reads that is bound nowhere it could come from."""
    if info.tree is None or _facts(info).outers.get(fn):
        return None  # a nested function also sees its enclosing functions' names
    module = _facts(info).names
    if module is None:
        return None
    if info.path.name == "__init__.py":
        # Importing a submodule binds its name in the package, from wherever it is imported.
        module = module | _facts(info).submodules(info.path)
    local = local_names(fn)  # three sets asked in turn: their union was most of the time here
    reads = certain_reads(fn)
    owner = owner_class(info, fn) if any(n.id.startswith("__") for n in reads) else None
    for node in reads:
        if node.id in local:
            continue
        # Inside a class Python reads a private global `__x` as `_Cls__x` (name mangling).
        looked_up = mangled(node.id, owner) if owner is not None else node.id
        if looked_up not in module and looked_up not in _BUILTIN_NAMES:
            return node if looked_up == node.id else ast.copy_location(ast.Name(looked_up), node)
    return None


_OWNERS: WeakKeyDictionary[ast.Module, dict[ast.AST, str]] = WeakKeyDictionary()


def owner_class(info: ModuleInfo, fn: Function) -> str | None:
    """The innermost class whose body holds ``fn``: its private names are mangled."""
    tree = info.tree
    assert tree is not None
    owners = _OWNERS.get(tree)
    if owners is None:
        owners = {}
        stack: list[tuple[ast.AST, str | None]] = [(node, None) for node in tree.body]
        while stack:
            node, cls = stack.pop()
            if cls is not None and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                owners[node] = cls
            inner = node.name if isinstance(node, ast.ClassDef) else cls
            stack.extend((child, inner) for child in ast.iter_child_nodes(node))
        _OWNERS[tree] = owners
    return owners.get(fn)


def certain_reads(fn: Function) -> list[ast.Name]:
    """The names code every call of ``fn`` runs reads, in order (``unbound`` and
    ``read_before_bound`` ask for them of the same functions: walked once)."""
    walk = function_walk(fn)
    if walk.reads is None:
        # Python never evaluates a variable annotation inside a function, whatever its target
        # (``self.patterns: Registry[inlinepatterns.X] = ...`` with ``inlinepatterns`` imported
        # only under TYPE_CHECKING runs fine: Markdown's smarty extension).
        nodes = certain_nodes(fn)
        unevaluated = {
            id(name)
            for node in nodes
            if isinstance(node, ast.AnnAssign)
            for name in ast.walk(node.annotation)
        }
        walk.reads = [
            node
            for node in nodes
            if isinstance(node, ast.Name)
            and isinstance(node.ctx, ast.Load)
            and id(node) not in unevaluated
        ]
    return walk.reads


def read_before_bound(fn: Function) -> ast.Name | None:
    """A local of ``fn`` (it binds the name, with no ``global``/``nonlocal`` for it) that code
    every call runs reads before any binding of it: every call raises UnboundLocalError."""
    params = parameters(fn)
    declared: set[str] = set()
    comprehended: set[str] = set()
    where: dict[str, tuple[int, int]] = {}
    for node in body_nodes(fn):
        kind = type(node)
        if kind is ast.comprehension:
            target = node.target  # type: ignore[attr-defined]  # a comprehension
            comprehended.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif kind in BINDERS:  # most nodes bind nothing
            if kind is ast.Global or kind is ast.Nonlocal:
                declared.update(node.names)  # type: ignore[attr-defined]  # just checked
            for name in binds(node):
                at = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
                where[name] = min(where.get(name, at), at)
    if not where:
        return None
    skipped = params | declared | comprehended
    return next(
        (
            node
            for node in certain_reads(fn)
            if node.id in where
            and node.id not in skipped
            and where[node.id] > (node.lineno, node.col_offset)
        ),
        None,
    )


def bound_only_by_uncalled(info: ModuleInfo, name: str) -> str | None:
    """The function nothing calls that alone declares ``name`` global and binds it."""
    return _facts(info).uncalled.get(name) if info.tree is not None else None


def enclosing_names(fn: Function, info: ModuleInfo) -> set[str]:
    """The local names of the functions ``fn`` is defined in (a closure reads them)."""
    names: set[str] = set()
    for outer in _facts(info).outers.get(fn, ()) if info.tree else ():
        names |= local_names(outer)
    return names


class _Facts:
    """What ``unbound`` and ``enclosing_names`` ask of a whole module, found once per tree
    from its nodes by class (they are asked once per factory, method and plugin)."""

    __slots__ = ("_submodules", "names", "outers", "uncalled")

    def __init__(self, info: ModuleInfo) -> None:
        tree, path = info.tree, info.path
        self.names: frozenset[str] | None
        """Every name the module binds at its top level (``_top_names``) or declares
        ``global`` in a function; ``None`` when names may come from elsewhere (a star import,
        ``globals()``, ``exec``)."""
        self.outers: dict[ast.AST, tuple[Function | ast.Lambda, ...]] = {}
        """Each function and lambda of the tree: the functions and lambdas it is defined in,
        outermost first."""
        self.uncalled: dict[str, str] = {}
        self._submodules: frozenset[str] | None = None
        opaque = any(
            a.name == "*" for node in info.nodes(ast.ImportFrom) for a in node.names
        ) or any(
            isinstance(node.func, ast.Name) and node.func.id in _OPAQUE_CALLS
            for node in info.nodes(ast.Call)
        )
        declared: list[tuple[ast.AST | None, list[str]]] = []
        for node, around in _nesting(info):
            if isinstance(node, ast.Global):
                declared.append((around[0] if around else None, node.names))
            else:
                self.outers[node] = around
        declared.reverse()  # the order the walk this replaced found them in
        if opaque:
            self.names = None
            return
        dead = _never_called(tree, path) if declared else set()
        self.names = frozenset(_top_names(tree)).union(
            *(found for outer, found in declared if outer not in dead)
        )
        self.uncalled = {
            name: outer.name
            for outer, found in declared
            if isinstance(outer, ast.FunctionDef | ast.AsyncFunctionDef) and outer in dead
            for name in found
            if name not in self.names
        }
        """Names declared ``global`` only in functions nothing calls: the function's name."""

    def submodules(self, path: Path) -> frozenset[str]:
        """The stems of the files beside the package's ``__init__.py`` (read once per run)."""
        if self._submodules is None:
            # Names, not a Path for each (``Path.stem``: the name without its last suffix).
            self._submodules = frozenset(map(_stem, os.listdir(path.parent)))
        return self._submodules


def _stem(name: str) -> str:
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _nesting(
    info: ModuleInfo,
) -> Iterator[tuple[ast.AST, tuple[Function | ast.Lambda, ...]]]:
    """Each function, lambda and ``global`` statement of the module with the functions and
    lambdas it is in, outermost first, in source order. From positions rather than a walk of
    the whole tree: a node lies within a function's text (its decorators included) exactly
    when it is part of that function (its decorators, defaults, annotations or body)."""
    nodes: list[Function | ast.Lambda | ast.Global] = [
        *info.nodes(ast.FunctionDef),
        *info.nodes(ast.AsyncFunctionDef),
        *info.nodes(ast.Lambda),
        *info.nodes(ast.Global),
    ]
    spans: list[tuple[tuple[int, int], tuple[int, int], int, Function | ast.Lambda | ast.Global]]
    spans = []
    for node in nodes:
        start = (node.lineno, node.col_offset)
        for decorator in node.decorator_list if isinstance(node, Function) else ():
            start = min(start, (decorator.lineno, decorator.col_offset))
        end = (node.end_lineno or node.lineno, node.end_col_offset or 0)
        # At one start, the wider span first: it holds the other.
        spans.append((start, (-end[0], -end[1]), len(spans), node))
    spans.sort()
    open_: list[tuple[tuple[int, int], Function | ast.Lambda]] = []
    for _start, (a, b), _, node in spans:
        end = (-a, -b)
        while open_ and open_[-1][0] < end:
            open_.pop()
        yield node, tuple(scope for _, scope in open_)
        if not isinstance(node, ast.Global):
            open_.append((end, node))


def _never_called(tree: ast.Module, path: Path) -> set[ast.AST]:
    """The module's top-level functions nothing can call: private (a public one may be what
    the host itself calls by name: the factory, an export, a setup function), undecorated, and
    their name appears (read, as an attribute, or as a string) nowhere in the module outside
    such functions' own bodies, nor in any other file of the package the module belongs to
    (which may import it). A ``global`` declared in one binds nothing (issue 12:
    ``def _setup(): global X`` nobody calls)."""
    candidates = {
        stmt.name: stmt
        for stmt in tree.body
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
        and stmt.name.startswith("_")
        and not stmt.decorator_list
    }
    if candidates:
        others = _package_text(path)
        candidates = {
            name: fn
            for name, fn in candidates.items()
            if not re.search(rf"\b{re.escape(name)}\b", others)
        }
    while candidates:
        live = _mentioned(tree, set(candidates.values()))
        called = {name for name in candidates if name in live}
        if not called:
            break
        for name in called:
            del candidates[name]
    return set(candidates.values())


def _package_text(path: Path) -> str:
    """The source of every other module of the (outermost) package ``path`` belongs to."""
    top = path.parent
    if not (top / "__init__.py").is_file():
        return ""
    while (top.parent / "__init__.py").is_file():
        top = top.parent
    texts = []
    for other in sorted(top.rglob("*.py")):
        if other != path:
            try:
                texts.append(other.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue
    return "\n".join(texts)


def _mentioned(tree: ast.Module, skipped: set[ast.AST]) -> set[str]:
    """The names ``tree`` reads, takes as attributes or spells as strings, outside ``skipped``."""
    found: set[str] = set()
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        match node:
            case ast.Name(ctx=ast.Load(), id=name) | ast.Attribute(attr=name):
                found.add(name)
            case ast.Constant(value=str(text)):
                found.add(text)
            case ast.alias(name=name):
                found.add(name)
        stack.extend(c for c in children(node) if c not in skipped)
    return found


_FACTS: WeakKeyDictionary[ast.Module, _Facts] = WeakKeyDictionary()


def _facts(info: ModuleInfo) -> _Facts:
    assert info.tree is not None
    found = _FACTS.get(info.tree)
    if found is None:
        found = _FACTS[info.tree] = _Facts(info)
    return found


STEPS = {"init": 1, "run": 0, "shutdown": 1}
"""The lifecycle methods and how many positional arguments the host passes."""


class Reader:
    """One plugin's namespaces, and the factory read through them."""

    def __init__(self, ctx: Context, plugin: Plugin) -> None:
        self.ctx, self.plugin = ctx, plugin
        target = env_target(ctx.env)
        installed = installed_for(ctx, plugin)
        self.ns = Namespaces(
            ctx.index,
            ctx.roots(plugin),
            plugin.files,
            "",
            target,
            missing=lambda module: not installed.has(module),
        )
        self.own = {ctx.index.real(p) for p in plugin.files}
        self._in_order: list[Path] | None = None

    def own_in_order(self) -> list[Path]:
        """``sorted(self.own)``, sorted once (checks ask for it for each method they read)."""
        if self._in_order is None:
            self._in_order = sorted(self.own)
        return self._in_order

    def scope(self, info: ModuleInfo) -> dict[str, Binding]:
        return self.ns.module(info)

    def mine(self, info: ModuleInfo) -> bool:
        return self.ctx.index.real(info.path) in self.own

    def own_function(self, info: ModuleInfo, node: ast.expr) -> ast.FunctionDef | None:
        """The undecorated module-level ``def`` of the plugin's own that ``node`` (read in
        ``info``) names: a function whose parameters the source tells as they are."""
        got = self.ns.value(info, node, self.scope(info))
        if (
            isinstance(got, Routine)
            and isinstance(got.node, ast.FunctionDef)
            and not got.in_class
            and not got.node.decorator_list
            and self.mine(got.module)
        ):
            return got.node
        return None


def reader_of(ctx: Context, plugin: Plugin) -> Reader:
    """``plugin``'s Reader, shared by the checks of that plugin (each built its own, and read
    every module's namespace again); made again for the next plugin (its namespaces hold the
    syntax trees the static pass releases after each plugin, see ``Context.plugin_facts``)."""
    kept = ctx.plugin_facts.get("reader")
    if kept is not None and kept[0] is plugin and isinstance(kept[1], Reader):
        return kept[1]
    made = Reader(ctx, plugin)
    ctx.plugin_facts["reader"] = (plugin, made)
    return made


def namespaces_of(ctx: Context, plugin: Plugin) -> Namespaces:
    """``plugin``'s namespaces read without what the target environment lacks (no
    ``missing``, unlike its Reader's), shared by the checks that read them so (each built its
    own, and read every module again); kept as ``reader_of`` keeps the Reader."""
    kept = ctx.plugin_facts.get("namespaces")
    if kept is not None and kept[0] is plugin and isinstance(kept[1], Namespaces):
        return kept[1]
    target = env_target(ctx.env)
    made = Namespaces(ctx.index, ctx.roots(plugin), plugin.files, "", target)
    ctx.plugin_facts["namespaces"] = (plugin, made)
    return made


class Untold:
    """What a function returns is not known from source."""


UNTOLD = Untold()


def returns_on_target(
    body: Sequence[ast.stmt],
    scope: dict[str, Binding],
    target: Target,
    first: dict[str, object] | None = None,
    stored: frozenset[str] = frozenset(),
) -> ast.expr | Untold | None:
    """The value of the ``return`` the target's run of ``body`` reaches: an expression, ``None``
    for a bare ``return`` or falling off the end, ``UNTOLD`` when source does not tell.
    ``first``: the module globals whose value on the first call is known (:func:`first_call`),
    which decide a test ``NAME is None`` / ``if not NAME`` on that call. A test reading a name
    the function already bound (``stored``) is not decided: neither the module's value nor the
    first call's holds there."""
    for stmt in body:
        match stmt:
            case ast.Return(value=value):
                return value
            case ast.If(test=test):
                decided = None
                if not any(isinstance(n, ast.Name) and n.id in stored for n in ast.walk(test)):
                    decided = _on_first_call(test, first or {})
                    decided = decide(test, scope, target) if decided is None else decided
                if decided is None:
                    if exits(stmt):
                        return UNTOLD
                else:
                    taken = stmt.body if decided else stmt.orelse
                    found = returns_on_target(taken, scope, target, first, stored)
                    if found is not None:
                        return found
                    if any(exits(s) for s in taken):
                        return UNTOLD  # a `break`/`continue` or a nested exit source cannot place
            case ast.Raise():
                return UNTOLD
            case _:
                if exits(stmt):
                    return UNTOLD
        stored = stored | {
            n.id
            for n in shallow(stmt)
            if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)
        }
    return None


def _on_first_call(test: ast.expr, first: dict[str, object]) -> bool | None:
    """``NAME``, ``not NAME``, ``NAME is None``, ``NAME is not None`` for a name of ``first``."""
    match test:
        case ast.Name(id=name) if name in first:
            return bool(first[name])
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            inner = _on_first_call(operand, first)
            return None if inner is None else not inner
        case ast.Compare(
            left=ast.Name(id=name), ops=[ast.Is() | ast.IsNot() as op], comparators=[right]
        ) if name in first and isinstance(right, ast.Constant) and right.value is None:
            return (first[name] is None) == isinstance(op, ast.Is)
    return None


def first_call(fn: ast.FunctionDef, info: ModuleInfo) -> dict[str, object]:
    """The names ``fn`` declares ``global`` whose value on its first call is the constant the
    module binds them to: bound once, by a top-level ``NAME = <constant>`` (annotated or not),
    written by nothing else in the module (no other function, statement or ``globals()``), and
    ``fn`` not called while the module is imported (nothing but ``fn`` itself names it)."""
    tree = info.tree
    declared = {n for node in body_nodes(fn) if isinstance(node, ast.Global) for n in node.names}
    if tree is None or not declared:
        return {}
    constants: dict[str, object] = {}
    writes: dict[str, int] = {}
    inside = set(map(id, ast.walk(fn)))
    for node in ast.walk(tree):
        if id(node) in inside:
            continue
        match node:
            case ast.Name(id=name, ctx=ast.Store() | ast.Del()):
                writes[name] = writes.get(name, 0) + 1
            case ast.Global(names=names) | ast.Nonlocal(names=names):
                for name in names:
                    writes[name] = writes.get(name, 0) + 2  # another function rebinds it
            case ast.Attribute(attr=name, ctx=ast.Store() | ast.Del()):
                writes[name] = writes.get(name, 0) + 2  # `module.NAME = ...` perhaps
            case ast.alias(name=name, asname=asname):
                writes[asname or name.partition(".")[0]] = 2
            case ast.Call(func=ast.Name(id="globals" | "vars" | "setattr" | "exec")):
                return {}
            case ast.Name(id=used, ctx=ast.Load()) if used == fn.name:
                return {}  # called, or handed to what may call it, before the host does
    for stmt in tree.body:
        match stmt:
            case (
                ast.Assign(targets=[ast.Name(id=name)], value=ast.Constant(value=value))
                | ast.AnnAssign(target=ast.Name(id=name), value=ast.Constant(value=value))
            ):
                constants[name] = value  # `_instance: Solo | None = None` binds it all the same
    return {n: constants[n] for n in declared if n in constants and writes.get(n) == 1}
