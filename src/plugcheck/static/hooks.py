"""Pluggy hookimpls read from source, the way a ``PluginManager`` would see them (hookspecs:
:mod:`plugcheck.static.hookspecs`).

Nothing is imported: markers (``hookimpl = HookimplMarker("pytest")``, ``from pytest import
hookimpl``) are followed through the index to the call that created them, and argument names
are computed with the same rules as ``pluggy._hooks.varnames``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from plugcheck.static.applied import SPLAT
from plugcheck.static.bindings import (
    ANY_TARGET,
    ClassValue,
    Foreign,
    NotFunction,
    Routine,
    Skipped,
    Target,
)
from plugcheck.static.hookspecs import Marking
from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.module_dir import (
    Registered,
    Served,
    binding_line,
    foreign_function,
    registered,
    stdlib_builtin,
)
from plugcheck.static.namespaces import Namespaces
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.resolve import (
    IMPLICIT,
    Function,
    is_generator,
    keywords_value,
    node_at,
    resolve_dotted,
    string_value,
    varnames,
)


@dataclass(frozen=True, slots=True)
class Impl:
    """One hook implementation found in a plugin."""

    attr: str
    """The attribute name pluggy sees (``dir(plugin)``)."""
    hook: str
    """``specname`` or the attribute name."""
    argnames: tuple[str, ...]
    kwargnames: tuple[str, ...]
    path: Path
    line: int
    col: int
    owner: str | None = None
    """The class holding it, for a method."""
    wrapper: bool = False
    hookwrapper: bool = False
    optionalhook: bool = False
    generator: bool = False
    """What pluggy's ``inspect.isgeneratorfunction`` says of the function it calls."""
    signature: str = ""
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | None = field(
        default=None, compare=False, repr=False
    )
    wrapped_by: str | None = None
    """A decorator that replaced the function by a wrapper (``contextlib.contextmanager``)."""
    opaque: bool = False
    """Decorated by something unknown: what pluggy calls cannot be read from source."""
    unbound: bool = False
    """A plain method reached through its class (the entry point names the class, or a module
    attribute is ``Class.method``): called without ``self``."""
    registered: str = "module"
    """What the entry point hands to ``register``: ``module``, ``class`` or ``instance``."""
    forwards_required: tuple[str, ...] = ()
    """Required parameters of the function a no-``wraps`` decorator wrapper calls with what
    pluggy passes it (nothing): every call misses them."""
    forwarded: tuple[str, int] | None = None
    """That function's name and line."""
    unhookable: str | None = None
    """A routine that is not a Python function (``the builtin len()``) which the manager's
    ``parse_hookimpl_opts`` claims: pluggy's ``register`` cannot bind it."""
    register_error: str = "AssertionError: {attr} is not a hookable attribute"
    """What ``register`` raises for an ``unhookable`` one."""
    calls: Routine | None = None
    """The wrapper pluggy calls with the parameters it read through ``__wrapped__`` (a module
    plugin's function under a decorator of the plugin's own)."""
    unreadable: str | None = None
    """Why which hookimpls ``register`` finds in the plugin is not known from source (the
    module's ``__dir__`` or ``__getattr__`` computes them): not an implementation."""
    skipped: str | None = None
    """What a marked name holds that ``register`` passes over (``a functools.partial
    object``): not an implementation, a hook that never runs."""
    options: tuple[str, ...] = ()
    """The keyword names the marker is called with (``@hookimpl(tryfirst=True)``)."""
    when: str | None = None
    """The condition under which this definition is the one ``register`` finds, when an
    undecided ``if``/``else`` binds the name in both branches (`` `flag` is true``)."""
    alternative: bool = False
    """Found only with an undecided ``if`` test assumed true (the body's binding, which the
    ``else`` replaces when both are read): one alternative of the plugin object, judged too."""


# --- impls -----------------------------------------------------------------------------


def _signature(fn: Function | ast.Lambda, attr: str = "") -> str:
    name = fn.name if not isinstance(fn, ast.Lambda) else f"{attr} = lambda"
    return f"{name}({ast.unparse(fn.args)})"


def impls_in(
    index: ModuleIndex,
    module: ModuleInfo,
    marking: Marking,
    roots: Sequence[Path],
    own: Sequence[Path],
    *,
    target: Target = ANY_TARGET,
    attr: str | None = None,
    missing: Callable[[str], bool] | None = None,
    discovery: str | None = None,
) -> list[Impl]:
    """The hookimpls ``register`` finds in the plugin object: the module, or the class or
    instance the entry point's ``attr`` names (``dir(plugin)``, routines only: a class inside
    a module plugin is never looked into).

    ``own`` are the plugin's files: names imported from them are followed (pluggy sees them in
    ``dir(module)``); names imported from elsewhere are not the plugin's hookimpls.
    """
    if module.tree is None:
        return []
    namespaces = Namespaces(index, roots, own, marking.project, target, missing)
    found = _found(index, module, marking, roots, namespaces, attr, discovery)
    # An undecided `if` whose `else` rebinds a hookimpl: the host registers one branch's,
    # which source cannot tell, so each is judged, named with its condition.
    seen = {(i.attr, i.path, i.line) for i in found}
    for shadow in list(namespaces.shadows.values())[:_ALTERNATIVES]:
        first, last = shadow.orelse
        found = [
            replace(i, when=shadow.when(False))
            if i.attr in shadow.names
            and index.real(i.path) == shadow.key[0]
            and first <= i.line <= last
            else i
            for i in found
        ]
        other = Namespaces(
            index, roots, own, marking.project, target, missing, assumed={shadow.key: True}
        )
        for impl in _found(index, module, marking, roots, other, attr, discovery):
            if (impl.attr, impl.path, impl.line) not in seen:
                seen.add((impl.attr, impl.path, impl.line))
                found.append(replace(impl, when=shadow.when(True), alternative=True))
    return sorted(found, key=lambda i: (str(i.path), i.line, i.attr))


_ALTERNATIVES = 8
"""Undecided ``if`` tests read as alternatives per plugin: each reads its modules again."""


def _found(
    index: ModuleIndex,
    module: ModuleInfo,
    marking: Marking,
    roots: Sequence[Path],
    namespaces: Namespaces,
    attr: str | None,
    discovery: str | None,
) -> list[Impl]:
    """The hookimpls of the plugin object as ``namespaces`` read it."""
    target = namespaces.target
    plugin = registered(namespaces, module, attr)
    found: list[Impl] = []
    for name, binding in plugin.names.items():
        impl = None
        if isinstance(binding, Routine):
            impl = _impl(index, binding, marking, roots, name, plugin)
        elif isinstance(binding, NotFunction):
            impl = _not_function(index, binding, marking, roots, name, plugin, discovery, module)
        elif isinstance(binding, Foreign) and marking.prefix and name.startswith(marking.prefix):
            outside = foreign_function(index, binding, roots, target)
            impl = _impl(index, outside, marking, roots, name, plugin) if outside else None
            builtin = stdlib_builtin(binding) if outside is None else None
            if builtin is not None:
                impl = _not_function(
                    index, builtin, marking, roots, name, plugin, discovery, module
                )
        elif isinstance(binding, Served):
            impl = _served(index, binding, marking, roots, name, plugin, discovery, module)
        elif isinstance(binding, Skipped | ClassValue):
            impl = _skipped(index, binding, roots, name, discovery, module)
        if impl is not None:
            found.append(impl)
    if plugin.unreadable is not None:
        found.append(
            Impl("__dir__", "", (), (), module.path, plugin.line, 1, unreadable=plugin.unreadable)
        )
    return found


def _served(
    index: ModuleIndex,
    binding: Served,
    marking: Marking,
    roots: Sequence[Path],
    attr: str,
    plugin: Registered,
    discovery: str | None,
    module: ModuleInfo,
) -> Impl | None:
    """A name the module's ``__dir__`` lists and its ``__getattr__`` serves. pluggy 1.7 reads
    attributes with ``inspect.getattr_static`` (which never runs ``__getattr__``): a plain
    manager skips the name, a prefix manager's ``getattr`` + ``isroutine`` claims a routine,
    which ``register`` then cannot bind. Older pluggy calls ``getattr`` for every name."""
    prefixed = bool(marking.prefix) and attr.startswith(marking.prefix or "")
    if discovery == "static" and not prefixed:
        return None
    # where the harness's registration points: the function __getattr__ hands out
    value = binding.value.inner if isinstance(binding.value, NotFunction) else binding.value
    if isinstance(value, Routine):
        path, line, col = value.module.path, value.node.lineno, value.node.col_offset + 1
    elif binding.value is None:
        path, line, col = module.path, 1, 1  # getattr raises: the module itself
    else:
        path, (line, col) = module.path, binding_line(module, "__getattr__")
    where = Impl(attr, attr, (), (), path, line, col, registered=plugin.kind)
    routine = binding.routine()
    if routine is None:
        why = f"{attr} is served by the module's __getattr__, which source cannot evaluate"
        return replace(where, unreadable=why)
    if binding.value is None:
        return replace(
            where,
            unhookable="listed by the module's __dir__, but neither its namespace nor its "
            "__getattr__ provides it",
            register_error="AttributeError: {attr}",
        )
    if discovery == "static":
        if not routine:
            return None
        return replace(
            where,
            unhookable="a routine only the module's __getattr__ serves, not an attribute",
        )
    if isinstance(binding.value, Routine):
        return _impl(index, binding.value, marking, roots, attr, plugin)
    if isinstance(binding.value, NotFunction):
        return _not_function(index, binding.value, marking, roots, attr, plugin, discovery, module)
    return None


def _not_function(
    index: ModuleIndex,
    binding: NotFunction,
    marking: Marking,
    roots: Sequence[Path],
    attr: str,
    plugin: Registered,
    discovery: str | None,
    module: ModuleInfo,
) -> Impl | None:
    """A builtin or C wrapper under a name: what the target's pluggy makes of it."""
    prefixed = bool(marking.prefix) and attr.startswith(marking.prefix or "")
    if discovery == "getattr":
        inner = binding.inner
        if inner is None or (marking.prefix and not prefixed):
            return None
        return _impl(index, inner, marking, roots, attr, plugin)
    if discovery == "static" and binding.inner and not (prefixed and plugin.kind == "module"):
        # a marked wrapper: pluggy reads attributes statically and skips it
        skipped = Skipped(binding.what, binding.inner.mark, routine_to_old=True)
        return _skipped(index, skipped, roots, attr, discovery, module)
    if discovery != "static" or not prefixed or plugin.kind != "module":
        return None
    node = binding.inner.node if binding.inner else None
    line, col = (node.lineno, node.col_offset + 1) if node else binding_line(module, attr)
    return Impl(
        attr=attr,
        hook=attr,
        argnames=(),
        kwargnames=(),
        path=(binding.inner.module if binding.inner else module).path,
        line=line,
        col=col,
        unhookable=binding.what,
        registered=plugin.kind,
    )


def _skipped(
    index: ModuleIndex,
    binding: Skipped | ClassValue,
    roots: Sequence[Path],
    attr: str,
    discovery: str | None,
    module: ModuleInfo,
) -> Impl | None:
    """A marked name whose object ``register`` passes over: the hook it names never runs. One
    only pluggy <= 1.6 takes (a routine that is not a function) counts where the target's
    pluggy reads attributes statically."""
    mark = binding.mark
    if mark is None:
        return None
    if isinstance(binding, ClassValue):
        what, module = f"the class {binding.node.name}", binding.module
        path, line, col = module.path, binding.node.lineno, binding.node.col_offset + 1
    else:
        if binding.routine_to_old and discovery != "static":
            return None
        what = binding.what
        path, (line, col) = module.path, binding_line(module, attr)
        if binding.where is not None:
            path, line, col = binding.where
    keywords = _splatted(index, module, mark.options, roots)
    named = keywords.get("specname") if keywords else None
    hook = string_value(index, module, named, roots) if named is not None else attr
    return Impl(attr, hook or attr, (), (), path, line, col, skipped=what)


def _splatted(
    index: ModuleIndex, module: ModuleInfo, keywords: dict[str, ast.expr], roots: Sequence[Path]
) -> dict[str, ast.expr] | None:
    """``keywords`` with each ``**`` splat read (:func:`keywords_value`), in call order."""
    found: dict[str, ast.expr] = {}
    for key, value in keywords.items():
        if not key.startswith(SPLAT):
            found[key] = value
            continue
        splat = keywords_value(index, module, value, roots)
        if splat is None:
            return None
        found.update(splat)
    return found


def _impl(
    index: ModuleIndex,
    routine: Routine,
    marking: Marking,
    roots: Sequence[Path],
    attr: str,
    plugin: Registered,
) -> Impl | None:
    if marking.prefix and not attr.startswith(marking.prefix):
        return None
    if routine.mark is None and not marking.prefix:
        return None
    module = routine.module
    keywords = _splatted(index, module, routine.mark.options if routine.mark else {}, roots)
    if keywords is None:  # @hookimpl(**opts) with options source cannot read
        return None  # which hook it implements is not known
    fn = routine.node
    hook = None
    if "specname" in keywords:
        hook = string_value(index, module, keywords["specname"], roots)
        if hook is None:
            return None  # a computed specname: which hook it implements is not known
    # pluggy's varnames: the first parameter goes when the method is bound (an instance's, a
    # classmethod: pluggy 1.7 binds one it finds on a module to the module's type too), or, for
    # a function defined in a class (a dotted __qualname__, however the plugin reaches it),
    # when it is named self or cls.
    bound = routine.kind == "classmethod" or (
        routine.in_class
        and routine.kind == "function"
        and (routine.bound or plugin.kind == "instance")
    )
    args, kwargs = varnames(fn, method=routine.in_class or bound, static=False, bound=bound)
    positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    # Reached through the class, not an instance: pluggy strips a leading self/cls from the
    # argument names and passes the hook's arguments only, so that parameter takes the first.
    unbound = (
        routine.kind in ("function", "staticmethod")
        and routine.in_class
        and not bound
        and bool(positional)
        and positional[0] in IMPLICIT
    )
    generator = routine.wrapper_generator if routine.wrapped_by is not None else is_generator(fn)
    through = routine.forwards_to
    return Impl(
        forwards_required=_required(through) if through else (),
        forwarded=(_signature(through.node), through.node.lineno) if through else None,
        attr=attr,
        hook=hook or attr,
        argnames=args,
        kwargnames=kwargs,
        path=module.path,
        line=fn.lineno,
        col=fn.col_offset + 1,
        owner=(plugin.owner or routine.owner) if routine.in_class else None,
        wrapper=_option(index, module, keywords, "wrapper", roots),
        hookwrapper=_option(index, module, keywords, "hookwrapper", roots),
        optionalhook=_option(index, module, keywords, "optionalhook", roots),
        generator=generator,
        signature=_signature(fn, attr),
        node=fn,
        wrapped_by=routine.wrapped_by,
        opaque=routine.opaque,
        unbound=unbound,
        registered=plugin.kind,
        calls=routine.calls if plugin.kind == "module" and not routine.in_class else None,
        options=tuple(keywords),
    )


def _required(routine: Routine) -> tuple[str, ...]:
    """Positional parameters without a default (past ``self``/``cls`` of a method)."""
    a = routine.node.args
    positional = [p.arg for p in (*a.posonlyargs, *a.args)]
    required = positional[: len(positional) - len(a.defaults)]
    if routine.in_class and required and required[0] in IMPLICIT:
        required = required[1:]
    return tuple(required)


def _option(
    index: ModuleIndex,
    module: ModuleInfo,
    keywords: dict[str, ast.expr],
    name: str,
    roots: Sequence[Path],
) -> bool:
    """A boolean marker option: a literal, or a module constant naming one (``wrapper=WRAP``)."""
    value = keywords.get(name)
    if isinstance(value, ast.Name | ast.Attribute) and (dotted := dotted_name(value)):
        found = resolve_dotted(index, module, dotted, roots)
        stmt = node_at(found.module, found.symbol.line) if isinstance(found, Resolved) else None
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
            value = stmt.value
    return isinstance(value, ast.Constant) and bool(value.value)
