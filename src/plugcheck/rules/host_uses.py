"""Where a plugin uses its host's packages, and whether that use is guarded (PC530's reader).

An import of a host module (``import host.sub``, ``from host.sub import name``, the same by name
through ``importlib.import_module`` or ``__import__``) or an attribute chain on an imported host
module, with the enclosing function; uses under ``try``/``except ImportError``, under ``if``
branches the target interpreter may skip, and after a test that may tell hosts apart in
``and``/``or`` and conditional expressions (``static/gates.py``) are guarded, so not reported.
"""

from __future__ import annotations

import ast
import contextlib
import enum
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from functools import partial
from typing import Any

from plugcheck.static.bindings import ANY_TARGET, Binding, Target
from plugcheck.static.branches import PLAIN_IMPORTS, decide, module_scope
from plugcheck.static.gates import Gates, Scope
from plugcheck.static.parse import ModuleInfo, Symbol, canonical_name, catches, dotted_name
from plugcheck.static.syntax import CHILD_FIELDS, children, tried

_IMPORT_CALLS = {"importlib.import_module", "__import__"}

GUARDS = {"ImportError", "ModuleNotFoundError", "AttributeError", "Exception", "BaseException"}
_IMPORT_FAILURES = {"ImportError", "Exception", "BaseException"}
"""Handlers that catch every failed import, ``from m import missing`` and a missing ``m``."""


class How(enum.Enum):
    IMPORT = "import"
    FROM = "from"
    ATTRIBUTE = "attribute"


@dataclass(frozen=True, slots=True)
class Use:
    """``import a.b``, ``from a.b import c`` or ``a.b.c`` (on an imported module), at a line."""

    parts: tuple[str, ...]
    how: How
    line: int
    col: int
    function: str | None
    """The enclosing function; ``None`` at import time."""
    after: tuple[Use, ...] = ()
    """Imports of a ``try`` body this use is the ``except ImportError:`` fallback for: it runs
    when one of them fails (when none does, it never runs)."""
    module_guarded: bool = False
    """``from m import name`` whose only guards catch ModuleNotFoundError (or AttributeError):
    a missing ``m`` is caught, a missing ``name`` (ImportError) is not."""


@dataclass(frozen=True, slots=True)
class _ByCall:
    """``importlib.import_module(arg)``/``__import__(arg)``, unguarded: a use of the module
    ``arg`` folds to (each caller folds it: the fold depends on the plugin's roots)."""

    arg: ast.expr
    line: int
    col: int
    function: str | None


class _Uses(ast.NodeVisitor):
    """Unguarded uses of every imported module: imports, attribute chains on imported modules
    and calls importing by name, in source order. One walk per module serves every set of
    packages (PC530's host packages, PC558's standard-library modules): a use belongs to the
    package its first part names, and the walk for one set of packages found exactly the
    uses of the walk for all that start with one of them."""

    def __init__(
        self,
        target: Target,
        symbols: Mapping[str, Symbol],
        body: list[ast.stmt],
        bindings: Mapping[str, Sequence[int]],
        lines: Sequence[int],
    ) -> None:
        self.target = target
        self.lines = lines
        """The lines a use may be on, sorted (``_use_lines``): a statement spanning none of
        them holds no use, and is not walked."""
        self.bindings = bindings
        """The lines where each name is bound, anywhere in the module (``binding_lines``)."""
        self.scope = module_scope(body)
        """The module's constants, for its module-level tests (``if PY2:``)."""
        self.symbols = symbols
        self.gates = Gates(ast.Module(body=body, type_ignores=[]))
        self.enclosing: list[Scope] = []
        """The functions, lambdas and comprehensions being walked, outermost first."""
        self.uses: list[Use | _ByCall] = []
        self.bound: dict[str, str] = {}
        self.guarded = 0
        self.weak = 0
        """Of ``guarded``: the ``try`` statements whose handlers catch no ImportError."""
        self.function: list[str] = []
        self.trying: tuple[int, list[Use]] | None = None
        """While a fallback's ``try`` body is walked: the function depth, its imports."""
        self.fallback: tuple[int, tuple[Use, ...]] | None = None
        """While that fallback is walked: the function depth, the imports it stands in for."""

    def visit(self, node: ast.AST) -> None:
        # ast.NodeVisitor's dispatch and walk, without its per-node name lookups, and without
        # entering leaves that hold no use (this walk was most of PC530's time).
        kind = type(node)
        if kind in _LEAVES:
            return
        if kind in _STATEMENTS:
            decorated = getattr(node, "decorator_list", None)
            first = decorated[0].lineno if decorated else node.lineno  # type: ignore[attr-defined]
            if not spans(self.lines, first, node.end_lineno):  # type: ignore[attr-defined]
                return
        method = _DISPATCH.get(kind)
        if method is not None:
            method(self, node)
        else:
            self.generic_visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        for name in CHILD_FIELDS[type(node)]:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                self.visit(value)
            elif type(value) is list:
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit(item)

    def _add(self, node: ast.AST, dotted: str, how: How) -> None:
        line, col = getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1
        function = self.function[-1] if self.function else None
        use = Use(tuple(dotted.split(".")), how, line, col, function)
        if not self.guarded:
            self.uses.append(use)
        elif self.guarded == self.weak and how is How.FROM:
            self.uses.append(Use(use.parts, how, line, col, function, module_guarded=True))
        elif self.guarded == 1 and self.trying and self.trying[0] == len(self.function):
            if how is not How.ATTRIBUTE:
                self.trying[1].append(use)
        elif self.guarded == 1 and self.fallback and self.fallback[0] == len(self.function):
            self.uses.append(Use(use.parts, how, line, col, function, self.fallback[1]))

    def visit_Try(self, node: ast.Try) -> None:
        guarded = catches(node.handlers, GUARDS)
        # A lone `except ImportError:` in unguarded code runs when an import of the body
        # fails: its own imports fail the module then (pytask-environment 0.3's `try: from
        # pytask import db / except ImportError: from _pytask.database_utils import db`).
        lone = not self.guarded and len(node.handlers) == 1
        trying: tuple[int, list[Use]] | None = None
        if lone and catches(node.handlers, _IMPORT_FAILURES):
            trying = (len(self.function), [])
        outer = self.trying, self.fallback
        weak = guarded and not catches(node.handlers, _IMPORT_FAILURES)
        self.guarded += guarded
        self.weak += weak
        self.trying = trying
        for stmt in tried(node, self.symbols):
            self.visit(stmt)
        self.weak -= weak
        self.trying = outer[0]
        # A fallback under `except ImportError:` runs only where the body failed (mccabe:
        # `try: import ast / except ImportError: from flake8.util import ast`), like an `if`.
        if trying and trying[1]:
            self.fallback = (trying[0], tuple(trying[1]))
        for handler in node.handlers:
            for stmt in handler.body:
                self.visit(stmt)
        self.fallback = outer[1]
        self.guarded -= guarded
        for stmt in [*node.orelse, *node.finalbody]:
            self.visit(stmt)

    visit_TryStar = visit_Try  # type: ignore[assignment]  # same shape as ast.Try

    def visit_If(self, node: ast.If) -> None:
        # Version- or feature-gated code: the branch may never run on this host. A test the
        # target decides (`sys.version_info >= (3, 0)` on 3.11) leaves one branch that
        # certainly runs, and one that never does. The test itself runs whenever the `if` is
        # reached (mdformat-toc 0.3's `if (codepoints.ASCII_WHITESPACE | ...)`).
        self.visit(node.test)
        self.guarded += 1
        scope = PLAIN_IMPORTS if self.function else self.scope  # a function may rebind them
        taken = decide(node.test, scope, self.target)
        if taken is None:
            for stmt in [*node.body, *node.orelse]:
                self.visit(stmt)
        self.guarded -= 1
        if taken is not None:
            for stmt in node.body if taken else node.orelse:
                self.visit(stmt)

    def visit_Call(self, node: ast.Call) -> None:
        # `importlib.import_module("host.old")`, `__import__(f"host.{NAME}")`: an import of
        # the module the (constant) name spells, which fails as `import host.old` does.
        called = canonical_name(dotted_name(node.func), self.symbols)
        if called in _IMPORT_CALLS and node.args and not self.guarded:
            function = self.function[-1] if self.function else None
            self.uses.append(_ByCall(node.args[0], node.lineno, node.col_offset + 1, function))
        self.generic_visit(node)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        # `host.new if hasattr(host, "new") else host.old`: after a gate, either branch may
        # never run on this host; after a test of the run's own data, both run.
        self.visit(node.test)
        for branch, runs in ((node.body, True), (node.orelse, False)):
            guarded = self._holds_use(branch) and self._gate(node.test, not runs)
            self.guarded += guarded
            self.visit(branch)
            self.guarded -= guarded

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        # `hasattr(host, "x") and host.x`: an operand after a gate may never run on this
        # host; after tests of the run's own data (mdformat-toc 0.3's `not link or
        # codepoints.ASCII_WHITESPACE`) it runs whenever the data says so.
        stops = isinstance(node.op, ast.Or)  # the value that ends the evaluation
        self.visit(node.values[0])
        judged, gated = 0, False
        for at, value in enumerate(node.values[1:], 1):
            while not gated and judged < at and self._holds_use(value):
                gated = self._gate(node.values[judged], stops)
                judged += 1
            self.guarded += gated
            self.visit(value)
            self.guarded -= gated

    def _holds_use(self, node: ast.expr) -> bool:
        return spans(self.lines, node.lineno, node.end_lineno)

    def _gate(self, test: ast.expr, skips: bool) -> bool:
        """Whether what runs after ``test`` only when it is not ``skips`` may never run on
        this host: the target decides ``test`` is ``skips``, or cannot decide it and ``test``
        may read the host's (or the interpreter's) version."""
        if self.guarded:
            return True  # its uses are not reported anyway
        taken = decide(test, PLAIN_IMPORTS if self.function else self.scope, self.target)
        if taken is not None:
            return taken is skips
        return self.gates.may_gate(test, self.enclosing)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        self.function.append(node.name)
        self.enclosing.append(node)
        # A parameter or local of the module's name (`def replace(path): path.parent` beside
        # `from host.internal import path`) is not the module inside the function.
        with self._scope(node, node.body):
            for stmt in node.body:
                self.visit(stmt)
        self.enclosing.pop()
        self.function.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        self.enclosing.append(node)
        with self._scope(node, [node.body]):
            self.visit(node.body)
        self.enclosing.pop()

    def _comprehension(
        self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp
    ) -> None:
        first, *rest = node.generators
        self.visit(first.iter)  # evaluated in the enclosing scope
        self.enclosing.extend(node.generators)
        ordered = [(test, True) for test in first.ifs]
        for generator in rest:
            ordered += [(generator.iter, False), *((test, True) for test in generator.ifs)]
        made = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        ordered += [(expr, False) for expr in made]
        # What follows a filter runs only for the items it keeps: after a gate (`if NEW`),
        # perhaps on no host of this version; after a test of the items, for some of them.
        filters: list[ast.expr] = []
        judged, gated = 0, False
        with self._scope(None, [*(g.target for g in node.generators)]):
            for expr, is_filter in ordered:
                while not self.guarded and not gated and judged < len(filters):
                    if not self._holds_use(expr):
                        break
                    gated = self._gate(filters[judged], False)
                    judged += 1
                self.guarded += gated
                self.visit(expr)
                self.guarded -= gated
                if is_filter:
                    filters.append(expr)
        del self.enclosing[-len(node.generators) :]

    visit_ListComp = _comprehension
    visit_SetComp = _comprehension
    visit_GeneratorExp = _comprehension
    visit_DictComp = _comprehension

    @contextlib.contextmanager
    def _scope(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | None, body: list[Any]
    ) -> Iterator[None]:
        # A function's imports bind its own names (restored at its end, as its locals are).
        # Only a name bound somewhere in its lines can be one of its own: most functions bind
        # no imported module's name, and need no walk of their body.
        if node is not None and not self._bound_within(node.lineno, node.end_lineno):
            shadowed: set[str] = set()
        else:
            shadowed = scope_names(node, body) & self.bound.keys()
        if not shadowed and node is None:
            yield
            return
        saved = dict(self.bound)
        for name in shadowed:
            del self.bound[name]
        try:
            yield
        finally:
            self.bound = saved

    def _bound_within(self, first: int, last: int | None) -> bool:
        if last is None:
            return True
        return any(spans(self.bindings.get(name, ()), first, last) for name in self.bound)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            bound = alias.asname or alias.name.split(".")[0]
            if not self.guarded:
                self.bound[bound] = alias.name if alias.asname else bound
            else:
                # `try: import host._x as y / except ImportError: import y`: y may be either.
                self.bound.pop(bound, None)
            self._add(node, alias.name, How.IMPORT)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        host = not node.level and bool(node.module)
        for alias in node.names:
            bound = alias.asname or alias.name
            self.bound.pop(bound, None)
            if host and not self.guarded and alias.name != "*":
                # `from host import sub as alias`: alias.x chains are host names too (a
                # class's attributes stop the walk: they are the type checker's).
                self.bound[bound] = f"{node.module}.{alias.name}"
        if not host or not node.module:
            return
        for alias in node.names:
            if alias.name != "*":
                self._add(node, f"{node.module}.{alias.name}", How.FROM)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        chain = dotted_name(node)
        if chain and isinstance(node.ctx, ast.Load):
            head = chain.split(".")[0]
            if head in self.bound:
                self._add(node, ".".join([self.bound[head], *chain.split(".")[1:]]), How.ATTRIBUTE)
                return
        self.generic_visit(node)


_LEAVES = frozenset(
    {ast.Name, ast.Constant, ast.Load, ast.Store, ast.Del, ast.Pass, ast.alias}
    | {
        t
        for base in (ast.operator, ast.unaryop, ast.cmpop, ast.boolop)
        for t in base.__subclasses__()
    }
)
"""Nodes that hold no use of a host name (nothing below them is visited)."""

_STATEMENTS = frozenset(ast.stmt.__subclasses__())

_DISPATCH: dict[type[ast.AST], Callable[[_Uses, Any], None]] = {
    getattr(ast, name.removeprefix("visit_")): getattr(_Uses, name)
    for name in dir(_Uses)
    if name.startswith("visit_") and hasattr(ast, name.removeprefix("visit_"))
}


def host_uses(
    info: ModuleInfo,
    packages: Set[str],
    *,
    target: Target = ANY_TARGET,
    fold: Callable[[ast.expr], str | None] | None = None,
) -> list[Use]:
    """The uses of the host's ``packages`` in ``info``, unguarded: ``if`` tests the ``target``
    decides leave the branch that runs; ``fold`` reads the constant module name of an
    ``import_module(...)``/``__import__(...)`` call (without it, such calls are not uses)."""
    by_name = info.imports_by_name
    by_call = fold is not None and (
        any(name is None or name.split(".")[0] in packages for name in by_name)
        or any(_imports_host(node, {"importlib"}) for node in info.every_import)
    )
    if not by_call and not any(_imports_host(node, packages) for node in info.every_import):
        return []  # every use starts at an import of a host module
    found: list[Use] = []
    for use in info.derived(f"host uses {target!r}", partial(_walk, target=target)):
        if isinstance(use, Use):
            if use.parts[0] in packages:
                found.append(use)
        elif fold is not None:
            name = fold(use.arg)
            if name and not name.startswith(".") and name.split(".")[0] in packages:
                parts = tuple(name.split("."))
                found.append(Use(parts, How.IMPORT, use.line, use.col, use.function))
    return found


def _walk(info: ModuleInfo, target: Target) -> list[Use | _ByCall]:
    lines = name_lines(info, import_names(info))
    visitor = _Uses(target, info.symbols, info.tree.body, binding_lines(info), lines)
    # Module-level imports bind first: a function may use a module imported below it.
    for stmt in info.tree.body:
        if isinstance(stmt, ast.Import):
            visitor.visit(stmt)
    visitor.uses.clear()
    visitor.visit(info.tree)
    return visitor.uses


def import_names(info: ModuleInfo) -> set[str]:
    """Every name an import binds anywhere in ``info``, and ``importlib``, ``__import__``: a
    use of a module (an attribute chain on it, a call importing by name, however aliased)
    starts with one of them."""
    names = {"importlib", "__import__"}
    for node in info.every_import:
        if isinstance(node, ast.Import):
            names.update(alias.asname or alias.name.partition(".")[0] for alias in node.names)
        else:
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def name_lines(info: ModuleInfo, names: Collection[str]) -> list[int]:
    """The lines of every import in ``info`` and of every ``ast.Name`` of ``names``, sorted: a
    statement that spans none of them (``spans``) holds neither."""
    lines = {node.lineno for node in info.every_import}
    lines.update(name.lineno for name in info.nodes(ast.Name) if name.id in names)
    return sorted(lines)


def spans(lines: Sequence[int], first: int, last: int | None) -> bool:
    """Whether one of the sorted ``lines`` is between ``first`` and ``last`` (``None``: no
    end known, so it may)."""
    if last is None:
        return True
    i = bisect_left(lines, first)
    return i < len(lines) and lines[i] <= last


def _imports_host(node: ast.Import | ast.ImportFrom, packages: Set[str]) -> bool:
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] in packages for alias in node.names)
    return not node.level and (node.module or "").split(".")[0] in packages


def binding_lines(info: ModuleInfo) -> Mapping[str, list[int]]:
    """Each name's binding lines in ``info`` (any scope), sorted: a function whose lines hold
    none of a name's cannot bind it (``scope_names`` needs no walk of it)."""
    return info.derived("binding lines", _binding_lines)


def _binding_lines(info: ModuleInfo) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}

    def add(name: str, line: int) -> None:
        found.setdefault(name, []).append(line)

    for name_node in info.nodes(ast.Name):
        if type(name_node.ctx) is not ast.Load:
            add(name_node.id, name_node.lineno)
    for arg in info.nodes(ast.arg):
        add(arg.arg, arg.lineno)
    imports: list[ast.Import | ast.ImportFrom] = [*info.nodes(ast.Import)]
    imports += info.nodes(ast.ImportFrom)
    for imported in imports:
        for alias in imported.names:
            add(alias.asname or alias.name.partition(".")[0], imported.lineno)
    defined: list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef] = []
    for kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        defined += info.nodes(kind)
    for definition in defined:
        add(definition.name, definition.lineno)
    for handler in info.nodes(ast.ExceptHandler):
        if handler.name:
            add(handler.name, handler.lineno)
    for captured in info.nodes(ast.MatchAs):
        if captured.name:
            add(captured.name, captured.lineno)
    for starred in info.nodes(ast.MatchStar):
        if starred.name:
            add(starred.name, starred.lineno)
    for mapping in info.nodes(ast.MatchMapping):
        if mapping.rest:
            add(mapping.rest, mapping.lineno)
    for lines in found.values():
        lines.sort()
    return found


def without_own(
    scope: dict[str, Binding],
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    lines: Mapping[str, Sequence[int]] | None = None,
) -> dict[str, Binding]:
    """``scope`` less the names ``function`` binds in its own scope (``scope_names``). With
    its module's ``binding_lines``, a function whose lines bind none of ``scope``'s names is
    not walked (most are not: this walk of every function was a tenth of the static pass)."""
    first, last = function.lineno, function.end_lineno
    if lines is not None and not any(spans(lines.get(k, ()), first, last) for k in scope):
        return scope
    own = scope_names(function, function.body)
    return {k: v for k, v in scope.items() if k not in own}


_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def scope_names(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | None, body: list[Any]
) -> set[str]:
    """The names local to a function's (or a comprehension's) own scope: its parameters and
    every name its body binds outside nested scopes, less those it declares ``global`` or
    ``nonlocal``. Python makes such a name local in the whole scope, wherever it is bound."""
    names: set[str] = set()
    if node is not None:
        args = node.args
        names.update(
            a.arg
            for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            if a is not None
        )
    declared: set[str] = set()
    stack: list[ast.AST] = list(body)
    while stack:
        item = stack.pop()
        match item:
            case (
                ast.FunctionDef(name=name)
                | ast.AsyncFunctionDef(name=name)
                | ast.ClassDef(name=name)
            ):
                names.add(name)
                continue  # its body is a scope of its own
            case ast.Lambda():
                continue
            case ast.Name(ctx=ast.Store() | ast.Del(), id=name):
                names.add(name)
            case ast.Import(names=aliases) | ast.ImportFrom(names=aliases):
                names.update(a.asname or a.name.partition(".")[0] for a in aliases if a.name != "*")
            case ast.ExceptHandler(name=str(name)) | ast.MatchAs(name=str(name)):
                names.add(name)
            case ast.MatchStar(name=str(name)) | ast.MatchMapping(rest=str(name)):
                names.add(name)
            case ast.Global(names=listed) | ast.Nonlocal(names=listed):
                declared.update(listed)
        if isinstance(item, _COMPREHENSIONS):
            # Its targets are its own; a walrus in it binds here.
            stack.extend(n.target for n in ast.walk(item) if isinstance(n, ast.NamedExpr))
            continue
        stack.extend(children(item))
    return names - declared
