"""PC576: a plugin class whose attribute the host reads (``plugin-classes.attributes``, or
``setup-function.attributes`` of the class the entry function returns or builds from) is
certainly missing, empty or of the wrong class, read from source: the class statement and
every class above it, the plugin's and the host's, are plain class statements plugcheck reads,
the value the lookup finds first is a literal, and nothing stores the attribute at run time
(``self.name = ...``, ``setattr``, ``__getattr__``, a metaclass, a class decorator)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck._ecosystem_worker.protocol import AttributeRequest
from plugcheck.config.fields import attribute_requests
from plugcheck.model import Finding, Location, Phase, Plugin, Severity, TypeRef
from plugcheck.rules.abstract_left import HOST, host_class, mro_to_host
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.literal_results import literal_refused
from plugcheck.rules.plugin_classes import plugin_classes
from plugcheck.rules.setup_results import own_locals
from plugcheck.rules.setup_spec import setup_contract
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import node_at, own_nodes, resolve_dotted

RETURNED = ("subclass", "instance")
"""The setup function's ``returns`` whose class source can name."""

PC576 = rule(
    "PC576",
    "plugin-class-attribute-refused",
    Severity.ERROR,
    "An attribute the host reads from each plugin class it builds (`plugin-classes.attributes`) "
    "is certainly missing, empty or of another class, read from source.",
    phase=Phase.STATIC,
)

_PLAIN = frozenset({"object", "abc.ABC", "ABC"})
"""Bases that add no attribute a host reads."""
_DYNAMIC = frozenset({"__getattr__", "__getattribute__", "__init_subclass__", "__set_name__"})
"""Members that make an attribute's value something the class statement does not say."""
_UNKNOWN = object()
"""The lookup met a binding that is not a literal (a property, a name, a call): not judged."""


@plugin_check(PC576)
def class_attributes(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """The classes a ``plugin-classes`` host builds from the plugin's module."""
    raw = ctx.contract.options.get("plugin-classes")
    spec = plugin_classes(ctx.contract)
    if spec is None or spec.base is None or spec.names or not isinstance(raw, dict):
        return
    wanted = _wanted(attribute_requests(raw.get("attributes", [])))
    module = ctx.module(plugin)
    host = host_class(ctx, spec.base) if wanted else None
    if module is None or module.tree is None or host is None:
        return
    built = []
    for node in module.tree.body:
        if isinstance(node, ast.ClassDef):
            classes = _classes(ctx, plugin, module, node, host)
            if classes is not None and not _abstract(classes):
                built.append((node, classes))
    if spec.pick != "every" and len(built) != 1:
        return  # which one the host builds is the run's to say
    for node, classes in built:
        for name, why in _refusals([module, host.module], classes, wanted):
            yield PC576.at(
                plugin,
                Location(module.path, node.lineno, node.col_offset + 1),
                f"{node.name}.{name} {why}; the host reads it from each {node.name} it builds "
                f"(the contract's plugin-classes.attributes) and refuses the plugin",
                fix=f"set {name} in the body of {node.name} to what the host requires",
                subject=name,
            )


@plugin_check(PC576)
def returned_class_attributes(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """The class a ``setup-function`` returns (``return Worker``), or builds the instance it
    returns from (``return Worker(options)``)."""
    spec = setup_contract(ctx.contract)
    wanted = _wanted(list(spec.attributes)) if spec is not None else []
    if spec is None or not wanted or spec.returns not in RETURNED or not spec.return_type:
        return
    entry, info = spec.function_of(plugin), ctx.module(plugin)
    if entry is None or "." in entry or info is None:
        return
    roots = ctx.roots(plugin)
    function = ctx.index.resolve(info, entry, roots)
    node = (
        node_at(function.module, function.symbol.line) if isinstance(function, Resolved) else None
    )
    if not isinstance(function, Resolved) or not isinstance(node, ast.FunctionDef):
        return
    values = [n.value for n in own_nodes(node) if isinstance(n, ast.Return)]
    value = values[0] if len(values) == 1 and not node.decorator_list else None
    if spec.returns == "instance":  # `return Worker(options)`: the host reads Worker's
        value = value.func if isinstance(value, ast.Call) else None
    if not isinstance(value, ast.Name) or value.id in own_locals(node):
        return
    found = ctx.index.resolve(function.module, value.id, roots)
    cls = node_at(found.module, found.symbol.line) if isinstance(found, Resolved) else None
    module, _, name = spec.return_type.partition(":")
    host = host_class(ctx, TypeRef(module, name))
    if not isinstance(found, Resolved) or not isinstance(cls, ast.ClassDef) or host is None:
        return
    if found.module.path not in plugin.files:
        return
    classes = _classes(ctx, plugin, found.module, cls, host)
    if classes is None or (spec.returns == "subclass" and _abstract(classes)):
        return  # an abstract class fails to build: PC562's and the run's to say
    for attribute, why in _refusals([function.module, found.module, host.module], classes, wanted):
        yield PC576.at(
            plugin,
            Location(found.module.path, cls.lineno, cls.col_offset + 1),
            f"{cls.name}.{attribute} {why}; the host reads it from the {cls.name} {entry}() "
            "gives it (the contract's setup-function.attributes) and refuses the plugin",
            fix=f"set {attribute} in the body of {cls.name} to what the host requires",
            subject=attribute,
        )


def _wanted(attributes: list[AttributeRequest]) -> list[AttributeRequest]:
    """The attributes judged: not dunders, which every class has."""
    return [a for a in attributes if not a["name"].startswith("__")]


def _classes(
    ctx: Context, plugin: Plugin, module: ModuleInfo, node: ast.ClassDef, host: Resolved
) -> list[ast.ClassDef] | None:
    """``node``'s classes in method resolution order, the plugin's then the host's, when every
    one is a plain class statement plugcheck reads and the host's class comes after all of the
    plugin's; ``None`` otherwise."""
    order = mro_to_host(ctx, plugin, module, node, host)
    chain = _host_chain(ctx, host) if order is not None and order[-1] == HOST else None
    if order is None or chain is None:
        return None
    return [c for c in order if isinstance(c, ast.ClassDef)] + chain


def _refusals(
    modules: list[ModuleInfo], classes: list[ast.ClassDef], wanted: list[AttributeRequest]
) -> Iterator[tuple[str, str]]:
    """(attribute, why the host refuses it) for each wanted attribute the class statements
    certainly get wrong, where nothing in ``modules`` or ``classes`` stores it at run time."""
    if any(_dynamic(c) for c in classes):
        return
    stored = [_stored_names(m.tree) for m in modules] + [_stored_names(c) for c in classes]
    for attribute in wanted:
        name = attribute["name"]
        if any(name in names for names in stored):
            continue
        why = _refused(_lookup(classes, name), attribute["type"], attribute["non_empty"])
        if why is not None:
            yield name, why


def _host_chain(ctx: Context, host: Resolved) -> list[ast.ClassDef] | None:
    """The host class and the classes above it, each a plain class statement with one base
    (``object``/``abc.ABC`` end it); ``None`` when one is not."""
    chain: list[ast.ClassDef] = []
    found: Resolved | None = host
    while found is not None and len(chain) < 20:
        node = node_at(found.module, found.symbol.line)
        if not isinstance(node, ast.ClassDef) or node.decorator_list:
            return None
        if any(
            k.arg != "metaclass" or dotted_name(k.value) not in ("abc.ABCMeta", "ABCMeta")
            for k in node.keywords
        ):
            return None
        chain.append(node)
        bases = [dotted_name(b) for b in node.bases if dotted_name(b) not in _PLAIN]
        if not bases:
            return chain
        if len(bases) > 1 or bases[0] is None:
            return None
        above = resolve_dotted(ctx.index, found.module, bases[0], ctx.api_roots())
        if not isinstance(above, Resolved) or above.symbol.kind is not SymbolKind.CLASS:
            return None
        found = above
    return None


def _dynamic(node: ast.ClassDef) -> bool:
    return any(
        isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name in _DYNAMIC
        for s in node.body
    )


def _stored_names(tree: ast.AST | None) -> set[str]:
    """The attribute names ``tree`` stores (``self.name = ...``, ``Cls.name = ...``), or every
    name (``{"*"}`` matches none, so: all) when it calls ``setattr`` or reads a ``__dict__``."""
    names: set[str] = set()
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store | ast.Del):
            names.add(node.attr)
        elif (isinstance(node, ast.Name) and node.id in ("setattr", "vars")) or (
            isinstance(node, ast.Attribute) and node.attr == "__dict__"
        ):
            return _EVERY
    return names


class _Every(set[str]):
    """Every name: a ``setattr`` may store any of them."""

    def __contains__(self, item: object) -> bool:
        return True


_EVERY = _Every()


def _abstract(classes: list[ast.ClassDef]) -> bool:
    """Whether a name some class of ``classes`` (in method resolution order) declares
    ``@abstractmethod`` is still abstract where the lookup first finds it."""
    first: dict[str, bool] = {}
    for node in classes:
        for stmt in node.body:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                marked = any(
                    (dotted_name(d) or "").rpartition(".")[2] == "abstractmethod"
                    for d in stmt.decorator_list
                )
                first.setdefault(stmt.name, marked)
            else:
                for name in _bound(stmt):
                    first.setdefault(name, False)
    return any(first.values())


def _bound(stmt: ast.stmt) -> set[str]:
    """The names one statement of a class body binds."""
    return {
        n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    } | ({stmt.name} if isinstance(stmt, ast.ClassDef) else set())


def _lookup(classes: list[ast.ClassDef], name: str) -> ast.expr | object | None:
    """The literal ``name`` is bound to where the lookup first finds it; ``None`` when no class
    binds it; ``_UNKNOWN`` when the binding is not a plain ``name = <expression>``."""
    for node in classes:
        for stmt in node.body:
            if isinstance(stmt, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in stmt.targets
            ):
                return stmt.value if len(stmt.targets) == 1 else _UNKNOWN
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                if stmt.target.id == name and stmt.value is not None:
                    return stmt.value
                continue
            if name in _bound(stmt) or (
                isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name == name
            ):
                return _UNKNOWN
    return None


_EMPTY = (ast.List, ast.Tuple, ast.Set, ast.Dict)


def _refused(value: ast.expr | object | None, kind: str | None, non_empty: bool) -> str | None:
    """Why the host refuses the class's ``value`` (``None``: it binds none), said as ``is
    ...``; ``None`` when it may accept it."""
    if value is None:
        return "is missing: neither the class nor any class above it sets it"
    if not isinstance(value, ast.expr) or not isinstance(value, (ast.Constant, *_EMPTY)):
        return None
    shown = ast.unparse(value)
    if kind is not None and literal_refused(value, kind):
        return f"is {shown}, not an instance of {kind.replace(':', '.')}"
    if non_empty and (
        (isinstance(value, ast.Constant) and not value.value)
        or (isinstance(value, ast.List | ast.Tuple | ast.Set) and not value.elts)
        or (isinstance(value, ast.Dict) and not value.keys)
    ):
        return f"is {shown}, which the host requires not empty"
    return None
