"""Which host code imports plugin modules, and which of its names then hold one: the calls
that load a module (``import_module(name)``, ``ep.load()``), the host's functions that return
what they import (:func:`module_loaders`), and each function's names bound to a loaded module
(:func:`module_vars`), read by :mod:`.lookups` for every function of the host."""

from __future__ import annotations

import ast
import re
from weakref import WeakKeyDictionary

from plugcheck.scaffold.known_loads import known_choice
from plugcheck.scaffold.syntax import dotted

_LOADERS = {"import_module", "load", "__import__"}
_LOADER = re.compile(r"(load|import)_(\w+_)?module(_\w+)?")
"""``load_module_from_name`` (astroid, used by pylint), ``import_plugin_module``..."""


def loads(call: ast.Call) -> bool:
    """A call that imports a plugin module: ``import_module(name)``, ``ep.load()``,
    ``load_module_from_name(name)``."""
    called = dotted(call.func).rpartition(".")[2]
    # ``ep.load()`` takes no arguments (``json.load(fp)`` is not a plugin loader).
    return (called in _LOADERS and (called != "load" or not call.args)) or bool(
        _LOADER.fullmatch(called)
    )


def module_loaders(trees: list[ast.Module]) -> set[str]:
    """Names of the host's functions that return what they import: a value their body returns
    holds a module imported by name (or what such a function of the host returns), directly or
    through local names bound from it. Pelican's ``load_plugins()`` returns the modules
    ``get_namespace_plugins()`` imported. A function that only calls one (fsspec's ``ls()``,
    which reaches a loader through the registry) returns something else."""
    functions = [
        fn
        for tree in trees
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
        and any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(fn))
    ]
    # What makes a function a loader is a call in it: an import, or a call of a loader. A
    # function calling neither cannot be one, and one whose answer was no stays no until a
    # function it calls becomes a loader: each round asks only those (same answer, SQLAlchemy's
    # 223 modules took 16 rounds over every function).
    callees = {
        id(fn): {dotted(n.func).rpartition(".")[2] for n in ast.walk(fn) if isinstance(n, ast.Call)}
        for fn in functions
    }
    importing = {
        id(fn)
        for fn in functions
        if any(isinstance(n, ast.Call) and loads(n) for n in ast.walk(fn))
    }
    loaders: set[str] = set()
    asked = [fn for fn in functions if id(fn) in importing]
    while True:
        more = {fn.name for fn in asked if fn.name not in loaders and _returns_loaded(fn, loaders)}
        if not more:
            return loaders
        loaders |= more
        asked = [fn for fn in functions if callees[id(fn)] & more]


def _returns_loaded(fn: ast.FunctionDef | ast.AsyncFunctionDef, loaders: set[str]) -> bool:
    """``fn`` returns a value that holds what a loader call in it gave (see module_loaders)."""

    def carries(node: ast.AST, names: set[str]) -> bool:
        for n in ast.walk(node):
            if isinstance(n, ast.Call) and (
                loads(n) or dotted(n.func).rpartition(".")[2] in loaders
            ):
                return True
            if isinstance(n, ast.Name) and n.id in names:
                return True
        return False

    tainted: set[str] = set()
    while True:
        before = len(tainted)
        for node in ast.walk(fn):
            if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign) and node.value:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if carries(node.value, tainted):  # also found[name] = import_module(name)
                    tainted |= {
                        n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)
                    }
            elif isinstance(node, ast.For | ast.AsyncFor) and carries(node.iter, tainted):
                tainted |= {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.attr in {"append", "add", "extend", "update", "insert"}
                and any(carries(a, tainted) for a in node.args)
            ):
                tainted.add(node.func.value.id)  # plugins.append(import_module(name))
        if len(tainted) == before:
            break
    return any(
        isinstance(n, ast.Return | ast.Yield | ast.YieldFrom)
        and n.value is not None
        and carries(n.value, tainted)
        for n in ast.walk(fn)
    )


_RETURNERS: WeakKeyDictionary[ast.Module, frozenset[str]] = WeakKeyDictionary()
"""Per host module, :func:`_module_returners` (asked once for each of its functions)."""


def _module_returners(tree: ast.Module) -> frozenset[str]:
    """The module's functions annotated to return modules (``-> Iterator[ModuleType]``)."""
    found = _RETURNERS.get(tree)
    if found is None:
        found = _RETURNERS[tree] = frozenset(
            f.name
            for f in tree.body
            if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
            and f.returns is not None
            and "ModuleType" in ast.unparse(f.returns)
        )
    return found


_VARS: WeakKeyDictionary[ast.AST, tuple[frozenset[str], frozenset[str]]] = WeakKeyDictionary()
"""module_vars per function and loader set: four readers of the survey ask it of each function."""


def module_vars(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, tree: ast.Module, loaders: set[str]
) -> set[str]:
    """Names in ``fn`` bound to a plugin module (``import_module``, ``ep.load()``, iteration
    over what a host function that imports modules returns)."""
    key = frozenset(loaders)
    known = _VARS.get(fn)
    if known is None or known[0] != key:
        known = _VARS[fn] = (key, frozenset(_module_vars(fn, tree, loaders)))
    return set(known[1])


def _module_vars(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, tree: ast.Module, loaders: set[str]
) -> set[str]:
    iterators = _module_returners(tree) | loaders
    names: set[str] = set()
    nodes = list(ast.walk(fn))
    imports = any(isinstance(n, ast.Call) and loads(n) for n in nodes)
    for node in nodes:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            if loads(node.value) and not known_choice(fn, node.value):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif (
            imports
            and isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Subscript)
            and dotted(node.value.value) == "sys.modules"
        ):
            # ``__import__(name)`` then ``mod = sys.modules[name]`` (coverage's plugin loader).
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.For | ast.AsyncFor) and isinstance(node.target, ast.Name):
            source = node.iter
            if isinstance(source, ast.Call) and dotted(source.func).rpartition(".")[2] in iterators:
                names.add(node.target.id)
    return names
