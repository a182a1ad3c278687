"""Which host code imports plugin modules, and which of its names then hold one: the calls
that load a module (``import_module(name)``, ``ep.load()``), the host's functions that return
what they import (:func:`module_loaders`), and each function's names bound to a loaded module
(:func:`module_vars`), read by :mod:`.lookups` for every function of the host."""

from __future__ import annotations

import ast
import re
from collections.abc import Set
from weakref import WeakKeyDictionary

from plugcheck.scaffold.known_loads import entry_load, known_choice, tabled
from plugcheck.scaffold.syntax import dotted, is_named
from plugcheck.static.syntax import walked

_LOADERS = {"import_module", "load", "__import__"}
_LOADER = re.compile(r"(load|import)_(\w+_)?module(_\w+)?")
"""``load_module_from_name`` (astroid, used by pylint), ``import_plugin_module``..."""


def loads(call: ast.Call) -> bool:
    """A call that imports a plugin module: ``import_module(name)``, ``ep.load()``,
    ``load_module_from_name(name)``. Not a module the host names itself
    (``import_module("dask_array")``), nor a ``load`` that is no entry point's: one given
    arguments (``json.load(fp)``, xarray's ``ds.load(**kwargs)``) or the host's own object's
    (``self.load()``, ``super().load()``)."""
    called = dotted(call.func).rpartition(".")[2]
    if called == "load":
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        own = isinstance(receiver, ast.Name) and receiver.id in ("self", "cls")
        own = own or (isinstance(receiver, ast.Call) and is_named(receiver.func, "super"))
        return not call.args and not call.keywords and not own
    if _named_by_host(call):
        return False
    return called in _LOADERS or bool(_LOADER.fullmatch(called))


def _named_by_host(call: ast.Call) -> bool:
    """A call whose first argument is a string literal, or an element of a literal table of
    module names: a module the host names itself (``import_module("dask_array")``, xarray's
    ``attempt_import("cftime")``, :func:`.known_loads.mark_table_loads`), no plugin."""
    first = call.args[0] if call.args else None
    return (isinstance(first, ast.Constant) and isinstance(first.value, str)) or tabled(call)


def module_loaders(trees: list[ast.Module]) -> set[str]:
    """Names of the host's functions that return what they import: a value their body returns
    holds a module imported by name (or what such a function of the host returns), directly or
    through local names bound from it. Pelican's ``load_plugins()`` returns the modules
    ``get_namespace_plugins()`` imported. A function that only calls one (fsspec's ``ls()``,
    which reaches a loader through the registry) returns something else."""
    functions = [
        fn
        for tree in trees
        for fn in walked(tree)
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
        and any(isinstance(n, ast.Return) and n.value is not None for n in walked(fn))
    ]
    # What makes a function a loader is a call in it: an import, or a call of a loader. A
    # function calling neither cannot be one, and one whose answer was no stays no until a
    # function it calls becomes a loader: each round asks only those (same answer, SQLAlchemy's
    # 223 modules took 16 rounds over every function).
    callees = {
        id(fn): {dotted(n.func).rpartition(".")[2] for n in walked(fn) if isinstance(n, ast.Call)}
        for fn in functions
    }
    importing = {
        id(fn)
        for fn in functions
        if any(isinstance(n, ast.Call) and (loads(n) or _executes(n)) for n in walked(fn))
    }
    # A call names its callee by name only: a name several functions of the host define is a
    # loader only if each of them is one (xarray's many `f`s and backends' `open_dataset`s,
    # one of which loads, made half of xarray a loader, and every call of a method of a
    # Dataset a plugin lookup).
    # A stub (a zope Interface's or a Protocol's method: a docstring, ``...``, ``pass``)
    # declares the name and runs nowhere: Pyramid's IConfigurator.maybe_dotted beside
    # Configurator.maybe_dotted, which imports by name.
    defined: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
    for fn in (f for tree in trees for f in walked(tree)):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and not _stub(fn):
            defined.setdefault(fn.name, []).append(fn)
    loaders: set[str] = set()
    asked = [fn for fn in functions if id(fn) in importing]
    while True:
        more = {fn.name for fn in asked if fn.name not in loaders and _returns_loaded(fn, loaders)}
        more = {
            name
            for name in more
            if len(defined[name]) == 1 or all(_returns_loaded(f, loaders) for f in defined[name])
        }
        if not more:
            return loaders
        loaders |= more
        asked = [fn for fn in functions if callees[id(fn)] & more]


def _stub(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """``fn``'s body only declares it: a docstring, ``...``, ``pass``."""
    return all(
        isinstance(stmt, ast.Pass)
        or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant))
        for stmt in fn.body
    )


def by_loader(call: ast.Call, loaders: Set[str]) -> bool:
    """A call of a host function that imports a module by the name it is given and returns
    it (Pyramid's ``self.maybe_dotted(name)``, through its DottedNameResolver's
    ``__import__``): no call without arguments, nor one naming a module of the host's own."""
    return (
        bool(call.args)
        and dotted(call.func).rpartition(".")[2] in loaders
        and not _named_by_host(call)
    )


_KEEPERS = {"list", "tuple", "set", "frozenset", "dict", "sorted", "reversed", "iter", "next"}
"""Builtins whose result holds what they are given."""
_TAKERS = {"values", "items", "get", "pop", "copy", "setdefault", "popitem"}
"""Methods of a container that return what it holds."""


def _executes(call: ast.Call) -> bool:
    """``spec.loader.exec_module(module)``: runs a module made from a spec."""
    return isinstance(call.func, ast.Attribute) and call.func.attr == "exec_module"


def _returns_loaded(fn: ast.FunctionDef | ast.AsyncFunctionDef, loaders: set[str]) -> bool:
    """``fn`` returns a value that holds what a loader call in it gave (see module_loaders).
    Where ``fn`` runs a spec's module itself (``spec.loader.exec_module(...)``), the module it
    made (``module_from_spec(spec)``) and ``sys.modules[...]`` hold the loaded module too:
    OctoPrint's ``_load_module(spec)`` returns ``sys.modules[spec.name]`` after running it."""
    executes = any(isinstance(n, ast.Call) and _executes(n) for n in walked(fn))

    def loader_call(n: ast.Call) -> bool:
        if executes and is_named(n.func, "module_from_spec"):
            return True
        if loads(n):
            return not known_choice(fn, n)  # not xarray's ds = open_dataset(...); ds.load()
        return dotted(n.func).rpartition(".")[2] in loaders and not _named_by_host(n)

    def carries(node: ast.AST, names: set[str]) -> bool:
        """``node``'s value is (or holds) what a loader gave: the loaded object itself, in a
        container, a comprehension, an attribute of it (``module.Plugin``), not what calling
        one of its methods returns (xarray's ``chunkmanager.from_array(...)``)."""
        if isinstance(node, ast.Call):
            if loader_call(node):
                return True
            func = node.func
            if isinstance(func, ast.Name) and func.id in _KEEPERS:
                return any(carries(a, names) for a in node.args)
            return (
                isinstance(func, ast.Attribute)
                and func.attr in _TAKERS
                and carries(func.value, names)
            )
        if isinstance(node, ast.Name):
            return node.id in names
        if executes and isinstance(node, ast.Subscript) and dotted(node.value) == "sys.modules":
            return True
        if isinstance(node, ast.Attribute | ast.Subscript | ast.Starred | ast.Await):
            return carries(node.value, names)
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            return any(carries(e, names) for e in node.elts)
        if isinstance(node, ast.Dict):
            return any(carries(v, names) for v in node.values)
        if isinstance(node, ast.BoolOp):
            return any(carries(v, names) for v in node.values)
        if isinstance(node, ast.IfExp):
            return carries(node.body, names) or carries(node.orelse, names)
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            inner = set(names)
            for comp in node.generators:
                if carries(comp.iter, inner):
                    inner |= {n.id for n in walked(comp.target) if isinstance(n, ast.Name)}
            elt = node.value if isinstance(node, ast.DictComp) else node.elt
            return carries(elt, inner)
        return False

    tainted: set[str] = set()
    while True:
        before = len(tainted)
        for node in walked(fn):
            if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign) and node.value:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if carries(node.value, tainted):  # also found[name] = import_module(name)
                    tainted |= {n.id for t in targets for n in walked(t) if isinstance(n, ast.Name)}
            elif isinstance(node, ast.For | ast.AsyncFor) and carries(node.iter, tainted):
                tainted |= {n.id for n in walked(node.target) if isinstance(n, ast.Name)}
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
        for n in walked(fn)
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
    nodes = list(walked(fn))
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
            if (
                isinstance(source, ast.Call) and dotted(source.func).rpartition(".")[2] in iterators
            ) or listed(source, fn, loaders):
                names.add(node.target.id)
    bound, kept = helper_bound(fn, loaders)
    return names | kept | module_of(nodes, names | bound)


LISTED = "="
"""Marks, among the loaders, a module-level name that holds loaded plugin modules
(:mod:`.module_lists`): ``=PLUGIN_MODULES``, which no call can name."""


def listed(source: ast.expr, fn: ast.FunctionDef | ast.AsyncFunctionDef, loaders: Set[str]) -> bool:
    """``for mod in clientmanager.PLUGIN_MODULES`` (or the module's own ``PLUGIN_MODULES``,
    when ``fn`` binds no local of that name): a list of loaded plugin modules."""
    if isinstance(source, ast.Attribute):
        return LISTED + source.attr in loaders
    return (
        isinstance(source, ast.Name)
        and LISTED + source.id in loaders
        and not any(
            isinstance(n, ast.Name) and n.id == source.id and isinstance(n.ctx, ast.Store)
            for n in walked(fn)
        )
    )


def helper_bound(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, loaders: Set[str]
) -> tuple[set[str], set[str]]:
    """The names ``fn`` binds to what a host helper imported by name (:func:`by_loader`), and
    those of them bound to nothing else in ``fn``: nbconvert's ``exporter = get_exporter(name)``
    is rebound to an instance (``exporter = self._exporters[name]``), whose methods are no
    lookups on a plugin module; Pyramid's ``c = self.maybe_dotted(name)`` is rebound too, but
    ``inspect.getmodule(c)`` before that is the module (:func:`module_of`)."""
    helped: dict[str, int] = {}
    for node in walked(fn):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and by_loader(node.value, loaders)
            and not known_choice(fn, node.value)
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    helped[target.id] = helped.get(target.id, 0) + 1
    if not helped:
        return set(), set()
    stores: dict[str, int] = {}
    for node in walked(fn):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id in helped:
            stores[node.id] = stores.get(node.id, 0) + 1
    return set(helped), {name for name, count in helped.items() if stores.get(name) == count}


def module_of(nodes: list[ast.AST], names: set[str]) -> set[str]:
    """Names bound to ``inspect.getmodule(x)`` of a loaded ``x``: the module that holds what
    was loaded (Pyramid's include: ``module = self.inspect.getmodule(c)``, then
    ``getattr(module, 'includeme')``)."""
    return {
        t.id
        for node in nodes
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and is_named(node.value.func, "getmodule")
        and any(isinstance(a, ast.Name) and a.id in names for a in node.value.args[:1])
        for t in node.targets
        if isinstance(t, ast.Name)
    }


def loaded_elements(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Loop variables over what entry points named: setuptools' ``loaded = (e.load() for e in
    filtered)`` then ``for ep in sorted(loaded, key=by_order): ep(self)``. The collection is a
    comprehension of ``x.load()`` (or a name bound to one), through ``sorted``, ``list``..."""
    made = {
        t.id
        for node in walked(fn)
        if isinstance(node, ast.Assign) and _loads_each(fn, node.value)
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    found: set[str] = set()
    for node in walked(fn):
        if not (isinstance(node, ast.For | ast.AsyncFor) and isinstance(node.target, ast.Name)):
            continue
        source = node.iter
        while isinstance(source, ast.Call) and dotted(source.func) in _KEEPERS and source.args:
            source = source.args[0]
        if (isinstance(source, ast.Name) and source.id in made) or _loads_each(fn, source):
            found.add(node.target.id)
    return found


def _loads_each(fn: ast.FunctionDef | ast.AsyncFunctionDef, node: ast.expr) -> bool:
    """``(e.load() for e in eps)``, ``[e.load() for e in eps]``: what each entry point names."""
    return (
        isinstance(node, ast.ListComp | ast.GeneratorExp | ast.SetComp)
        and isinstance(node.elt, ast.Call)
        and entry_load(node.elt)
        and not known_choice(fn, node.elt)
    )
