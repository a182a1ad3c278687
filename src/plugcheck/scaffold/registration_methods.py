"""Public methods of a host class that take a plugin class (or an instance of one), build it
themselves and keep it (Faker's ``Generator.add_provider``: ``if isinstance(provider, type):
provider = provider(self)``, then ``self.providers.insert(0, provider)``).

Such a method is a route into the host that needs no module-level name: the user hands it the
class, wherever the plugin defines it. Names the host looks up on plugin modules it imports by
name are then only another route, never required of every plugin (:func:`registered_route`)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from plugcheck.scaffold.arguments import CallSite
from plugcheck.scaffold.model import ClassPick, Lookup, Registration, Survey
from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked

# Spellings in an annotation that say how a class is passed, never which class.
_WRAPPERS = frozenset({"Union", "Optional", "Type", "type", "None", "typing", "Any"})


def registrations(
    tree: ast.Module, module: str, where: str, resolve: Callable[[str], str | None]
) -> Iterator[Registration]:
    """The registration methods of ``tree``'s top-level classes."""
    for cls in (c for c in tree.body if isinstance(c, ast.ClassDef)):
        for fn in cls.body:
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if fn.name.startswith("_"):
                continue  # only a public method is a route a plugin's user takes
            owner = f"{module}:{cls.name}"
            for param in [*fn.args.posonlyargs, *fn.args.args][1:]:
                built = _built(fn, param.arg)
                if built is None or (built[1] is not None and not _kept(fn, built[1])):
                    continue
                base = _annotated_class(param.annotation, resolve)
                made = CallSite(fn, tree, owner, resolve).arguments(built[0])
                walk = _walks_members(fn, {param.arg, built[1] or param.arg})
                exposed = f"{where}:{walk}" if walk else None
                pick = (
                    ClassPick(
                        base,
                        "every",
                        f"{where}:{fn.lineno}",
                        made,
                        defined_here=False,
                        exposed=exposed,
                        handed=True,
                    )
                    if base
                    else None
                )
                yield Registration(f"{owner}.{fn.name}", f"{where}:{fn.lineno}", pick)
                break


def _built(fn: ast.AST, name: str) -> tuple[ast.Call, str | None] | None:
    """``isinstance(name, type)`` tested, then the object built and bound (``provider =
    provider(self)``): the call, and the name the object is bound to (``None``: handed on to a
    method of ``self`` as built). A class only called (astropy's ``represent_as`` returns
    ``other_class(...)``) is a conversion, not a registration."""
    tested = any(
        isinstance(n, ast.Call)
        and dotted(n.func) == "isinstance"
        and len(n.args) == 2
        and isinstance(n.args[0], ast.Name)
        and n.args[0].id == name
        and dotted(n.args[1]) == "type"
        for n in walked(fn)
    )
    if not tested:
        return None
    for n in walked(fn):
        if (
            isinstance(n, ast.Assign)
            and len(n.targets) == 1
            and isinstance(n.targets[0], ast.Name)
            and isinstance(n.value, ast.Call)
            and isinstance(n.value.func, ast.Name)
            and n.value.func.id == name
        ):
            return n.value, n.targets[0].id
        if isinstance(n, ast.Call) and dotted(n.func).startswith("self."):
            # Built and handed on at once (nbconvert's ``self.register_preprocessor(
            # preprocessor(parent=self), enabled)``).
            for arg in n.args:
                if isinstance(arg, ast.Call) and dotted(arg.func) == name:
                    return arg, None
    return None


def _walks_members(fn: ast.AST, names: set[str]) -> int | None:
    """The line of a loop over ``dir()`` of the object (Faker's ``for method_name in
    dir(provider)``, which makes each public callable a formatter users call): the plugin's
    own methods are the host's API from then on, and run only when a user calls them."""
    for n in walked(fn):
        if (
            isinstance(n, ast.For)
            and isinstance(n.iter, ast.Call)
            and dotted(n.iter.func) == "dir"
            and len(n.iter.args) == 1
            and dotted(n.iter.args[0]) in names
        ):
            return n.lineno
    return None


def _kept(fn: ast.AST, name: str) -> bool:
    """The object is kept on the host: passed to a method of ``self``'s (``self.providers.
    insert(0, provider)``, ``self.register(provider)``) or stored on it."""
    for n in walked(fn):
        if isinstance(n, ast.Call) and dotted(n.func).startswith("self."):
            handed = n.args
            if any(isinstance(a, ast.Name) and a.id == name for a in handed):
                return True
        elif isinstance(n, ast.Assign) and dotted(n.value) == name:
            into = n.targets
            if any(dotted(t).startswith("self.") or isinstance(t, ast.Subscript) for t in into):
                return True
    return False


def _annotated_class(annotation: ast.expr | None, resolve: Callable[[str], str | None]) -> str:
    """The one host class ``Union["Base", Type["Base"]]`` (or ``Base | type[Base]``) names."""
    if annotation is None:
        return ""
    names: set[str] = set()
    for node in ast.walk(annotation):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                quoted = ast.parse(node.value, mode="eval").body
            except SyntaxError:
                return ""
            names |= {dotted(n) for n in ast.walk(quoted) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Name | ast.Attribute) and not isinstance(
            getattr(node, "ctx", None), ast.Store
        ):
            spelled = dotted(node)
            if spelled:
                names.add(spelled)
    classes = {n for n in names if n.rpartition(".")[2] not in _WRAPPERS}
    # ``faker.providers.BaseProvider`` walks as itself, ``faker.providers`` and ``faker``.
    classes = {n for n in classes if not any(o != n and o.startswith(f"{n}.") for o in classes)}
    if len(classes) != 1:
        return ""
    ref = resolve(classes.pop())
    return ref if ref and ":" in ref else ""


def other_route(found: Survey, group: str | None, lookups: list[Lookup]) -> list[Lookup]:
    """The lookups of a contract that only another route makes, when the host also has a
    registration method: names read on modules the host imports by name, for no entry-point
    group, walk or setup call of its own (Faker's ``provider_module.Provider`` for
    ``Faker(includes=[...])``, beside ``add_provider(cls)``). A plugin handed to the method
    defines none of them, so they are no requirement of every plugin."""
    if not found.registrations or group is not None or found.namespaces:
        return []
    return [
        lk
        for lk in lookups
        if not (lk.named_object or lk.groups or lk.asked or lk.host or lk.namespace)
    ]


def route_note(found: Survey, demoted: list[str]) -> str:
    """The TODO above the exports left commented out."""
    methods = ", ".join(f"{r.method} ({r.where})" for r in found.registrations)
    return (
        f"# TODO: the host also takes plugin classes handed to {methods}, which builds and keeps"
        f" them with no module-level name; it reads {', '.join(demoted)} only on plugin modules"
        " it imports by name: uncomment where yours are used that way"
    )
