"""Plugin modules a host object keeps across its methods: Sopel's handler stores the module in
``self._module`` when it loads it, serves it through a ``module`` property, and calls
``self.module.setup(bot)`` in another method, after ``if self.has_setup()`` (which returns
``hasattr(self.module, "setup")``). Read per class of a host module, with what its bases in the
same module hold."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from plugcheck.scaffold.known_loads import known_choice
from plugcheck.scaffold.module_loads import loads
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


def held_modules(tree: ast.Module) -> dict[str, Held]:
    """Class name -> what its methods see, for the classes of ``tree`` that keep a module."""
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
    own = {name: _assigned(cls) for name, cls in classes.items()}
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
