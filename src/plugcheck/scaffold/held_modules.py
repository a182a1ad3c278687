"""Plugin modules a host object keeps across its methods: Sopel's handler stores the module in
``self._module`` when it loads it, serves it through a ``module`` property, and calls
``self.module.setup(bot)`` in another method, after ``if self.has_setup()`` (which returns
``hasattr(self.module, "setup")``). Or one it is built with: OctoPrint's ``PluginInfo(key,
location, module)``, whose ``__init__`` stores ``self.instance = instance``. Read per class of a
host module, with what its bases in the same module hold."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from plugcheck.scaffold.known_loads import known_choice
from plugcheck.scaffold.module_loads import loads, module_vars
from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked


@dataclass(frozen=True, slots=True)
class Held:
    """What the methods of one class see of a plugin module it keeps."""

    attributes: frozenset[str] = frozenset()
    """``self.<name>`` that holds the module (an attribute a method assigns it to, or a
    property returning one)."""
    guards: dict[str, str] = field(default_factory=dict)
    """Methods answering whether the module has a name: ``has_setup`` -> ``setup``."""


def held_modules(tree: ast.Module, loaders: frozenset[str] = frozenset()) -> dict[str, Held]:
    """Class name -> what its methods see, for the classes of ``tree`` that keep a module
    (``loaders``: the host's functions that return a module they import, as
    :func:`.module_loads.module_vars` reads them)."""
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
    built = _built_with_modules(tree, set(classes), loaders)
    own = {
        name: _assigned(cls) | _stored(cls, built.get(name, set())) for name, cls in classes.items()
    }
    found: dict[str, Held] = {}
    for name, cls in classes.items():
        attributes = set(own[name])
        for base in _bases(cls, classes):
            attributes |= own[base]
        if not attributes:
            continue
        methods = [
            f
            for c in (cls, *(classes[b] for b in _bases(cls, classes)))
            for f in c.body
            if isinstance(f, ast.FunctionDef)
        ]
        attributes |= {f.name for f in methods if _serves(f, attributes)}
        guards = {f.name: n for f in methods if (n := _guarded_name(f, attributes)) is not None}
        found[name] = Held(frozenset(attributes), guards)
    # A base's methods run on the subclass's objects: Tutor's BasePlugin reads `self.obj`, which
    # only its EntrypointPlugin assigns (`self.obj = importlib.import_module(...)`).
    for name, cls in classes.items():
        for base in _bases(cls, classes) if name in found else ():
            if base not in found or not found[base].attributes >= found[name].attributes:
                known = found.get(base, Held())
                inherited = known.attributes | found[name].attributes
                found[base] = Held(inherited, {**found[name].guards, **known.guards})
    return found


def _bases(cls: ast.ClassDef, classes: dict[str, ast.ClassDef]) -> list[str]:
    """The classes of the same module ``cls`` derives from, nearest first."""
    seen: list[str] = []
    todo = [dotted(b) for b in cls.bases]
    while todo:
        name = todo.pop(0)
        if name in classes and name not in seen and name != cls.name:
            seen.append(name)
            todo += [dotted(b) for b in classes[name].bases]
    return seen


def _assigned(cls: ast.ClassDef) -> set[str]:
    """``self.<name> = import_module(...)`` / ``= self.entry_point.load()`` in a method."""
    names: set[str] = set()
    for fn in cls.body:
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in walked(fn):
            if not (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and loads(node.value)
                and not known_choice(fn, node.value)
            ):
                continue
            names |= {
                t.attr
                for t in node.targets
                if isinstance(t, ast.Attribute) and dotted(t.value) == "self"
            }
    return names


def _built_with_modules(
    tree: ast.Module, classes: set[str], loaders: frozenset[str]
) -> dict[str, set[int | str]]:
    """Class name -> the arguments (position, or keyword) a call of the class in ``tree``
    passes a plugin module at: ``module = _load_module(spec)``, then ``PluginInfo(key,
    location, module)``."""
    found: dict[str, set[int | str]] = {}
    for fn in walked(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        calls = [
            n
            for n in walked(fn)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in classes
        ]
        modules = module_vars(fn, tree, set(loaders)) if calls else set()
        for call in calls if modules else ():
            assert isinstance(call.func, ast.Name)
            at = found.setdefault(call.func.id, set())
            at |= {
                i for i, a in enumerate(call.args) if isinstance(a, ast.Name) and a.id in modules
            }
            at |= {
                k.arg
                for k in call.keywords
                if k.arg and isinstance(k.value, ast.Name) and k.value.id in modules
            }
    return found


def _stored(cls: ast.ClassDef, given: set[int | str]) -> set[str]:
    """``self.<name> = <parameter>`` in ``cls.__init__``, for a parameter its callers pass a
    plugin module at (``given``), never rebound there."""
    init = next(
        (f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None
    )
    if init is None or not given:
        return set()
    params = [a.arg for a in (*init.args.posonlyargs, *init.args.args)][1:]
    named = {a.arg for a in (*init.args.args, *init.args.kwonlyargs)}
    taken = {p for i, p in enumerate(params) if i in given} | (named & given)
    stores = [
        n.id for n in walked(init) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    ]
    return {
        t.attr
        for node in walked(init)
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Name)
        and node.value.id in taken
        and node.value.id not in stores
        for t in node.targets
        if isinstance(t, ast.Attribute) and dotted(t.value) == "self"
    }


def _serves(fn: ast.FunctionDef, attributes: set[str]) -> bool:
    """A property whose every return is ``self.<held>``."""
    if not any(dotted(d) == "property" for d in fn.decorator_list):
        return False
    returns = [n for n in walked(fn) if isinstance(n, ast.Return)]
    return bool(returns) and all(
        isinstance(r.value, ast.Attribute)
        and dotted(r.value.value) == "self"
        and r.value.attr in attributes
        for r in returns
    )


def _guarded_name(fn: ast.FunctionDef, attributes: set[str]) -> str | None:
    """``def has_setup(self): return hasattr(self.module, "setup")``: ``setup``."""
    returns = [n for n in walked(fn) if isinstance(n, ast.Return)]
    if len(returns) != 1 or not isinstance(returns[0].value, ast.Call):
        return None
    return has_name(returns[0].value, {f"self.{a}" for a in attributes})


def has_name(test: ast.expr, holders: set[str]) -> str | None:
    """``hasattr(<holder>, "name")``: the name, when ``<holder>`` is one of ``holders``."""
    if not (
        isinstance(test, ast.Call)
        and dotted(test.func) == "hasattr"
        and len(test.args) == 2
        and dotted(test.args[0]) in holders
        and isinstance(test.args[1], ast.Constant)
        and isinstance(test.args[1].value, str)
    ):
        return None
    return test.args[1].value
