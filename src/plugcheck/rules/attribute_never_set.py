"""PC218: a lifecycle method reads ``self.name`` that nothing ever sets.

The class the factory returns is read with its bases (the plugin's own classes, in Python's
method resolution order, up to ``object``): when no class body binds the name, no code in the
plugin's modules assigns an attribute of that name on any object, and nothing could add it
unseen (``__getattr__``, ``setattr``, ``vars``/``__dict__``, a class decorator, a metaclass, a
base outside the plugin), the read in code every call runs raises AttributeError.

The same read of a name that only the host base's ``__init__`` sets (``self.options =
options`` in ``Base.__init__``, read from the API roots) raises too when the plugin's class
replaces ``__init__`` and nothing can run the host's: no code of the plugin spells
``__init__`` (``super().__init__(...)``, ``Base.__init__(self, ...)``), the classes between are
the plugin's plain class statements, the host class derives from ``object``/``abc.ABC`` alone
and no other code of the host's package (or the plugin's) assigns that name on any object.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.abstract_left import HOST, host_package_files, mro_to_host, plain_host
from plugcheck.rules.base import Context, rule
from plugcheck.rules.instance_state import _bound_by, _decorator, chain, names_bound
from plugcheck.rules.reached import Function, Reader
from plugcheck.rules.straight_code import certain_nodes
from plugcheck.static.applied import imported_as
from plugcheck.static.bindings import ClassValue
from plugcheck.static.effects import canonical_name
from plugcheck.static.function_walk import binds
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, Symbol, dotted_name
from plugcheck.static.resolve import node_at, own_nodes
from plugcheck.static.syntax import mangled, walked

PC218 = rule(
    "PC218",
    "attribute-never-set",
    Severity.ERROR,
    "A lifecycle method of the plugin the factory returns reads `self.<name>` in code every "
    "call runs, and nothing sets that attribute: no class of the plugin binds it and no code "
    "assigns it (or only the host base's `__init__`, which the plugin's `__init__` never "
    "calls), so the call raises AttributeError.",
    explains=("PC405", "PC407", "PC408", "PC541"),
)

_OBJECT = frozenset(dir(object)) | {
    "__dataclass_fields__",
    "__dataclass_params__",
    "__match_args__",
}
_DYNAMIC = frozenset({"setattr", "vars", "__dict__", "__setattr__", "__getattr__", "globals"})
"""Names whose use may add attributes source does not spell out."""
_OPEN = frozenset({"__getattr__", "__getattribute__", "__setattr__", "__dict__", "__slots__"})


def never_set(
    reader: Reader,
    cls: ClassValue,
    method: Function,
    *,
    getter: bool = False,
    host: ast.ClassDef | None = None,
) -> ast.Attribute | None:
    """The first ``self.<name>`` read the method certainly runs whose name nothing sets
    (``getter``: the method is a property's getter, whose decorator the caller has read).
    ``host``: the host's class where the chain of the plugin's classes stops (a plain one,
    ``plain_host``): past it only a private name, which Python mangles with the name of the
    method's class, is told (the host's code never spells ``_Plugin__x``)."""
    params = [*method.args.posonlyargs, *method.args.args]
    if not params or (method.decorator_list and not getter):
        return None
    found = chain(reader.ns, cls, reader.own)
    past = not found.complete
    if past and (host is None or not plain_host(host) or names_bound(host) & _OPEN):
        return None
    if any(_decorator(d) != "dataclass" for c in found.classes for d in c.node.decorator_list):
        return None
    known = set(_OBJECT)
    for c in found.classes:
        bound = names_bound(c.node) - _unset_fields(c.node)
        if bound & _OPEN:
            return None
        # A class body binds a private name as Python mangles it (`__x` in class C: `_C__x`).
        known |= {mangled(name, c.node.name) for name in bound}
    # The classes' own modules too: a class the plugin imports from a module beside it that is
    # not among its own (a namespace package's sibling) sets its attributes there.
    stored = stored_anywhere(reader, [c.module for c in found.classes])
    if stored is None:
        return None
    known |= stored
    symbols = cls.module.symbols if any(m is method for m in cls.node.body) else None
    # A getter reads private names as its own class mangles them: only the method's are told.
    getters = {n: g for n, g in _getters(found.classes).items() if not _private_reads(g)}
    owner = next((c for c in found.classes for m in c.node.body if m is method), None)
    spelled = None if owner is None else owner.node.name
    if spelled is None and _private_reads(method):
        return None  # where the method's def sits decides the mangling; source did not find it

    def unset(name: str) -> bool:
        looked_up = mangled(name, spelled) if spelled else name
        if past and looked_up == name:
            return False  # a public name the host's class may set
        return looked_up not in known

    return _first_read(method, params[0].arg, unset, symbols, getters)


def _private_reads(fn: Function) -> bool:
    return any(
        isinstance(n, ast.Attribute) and mangled(n.attr, "C") != n.attr for n in ast.walk(fn)
    )


def _getters(classes: list[ClassValue]) -> dict[str, Function]:
    """The plain ``@property`` getters of the classes (in method resolution order: the first
    class binding a name wins, and its last binding of it), whose bodies reading the property
    runs."""
    found: dict[str, Function | None] = {}
    for c in classes:
        own: dict[str, Function | None] = {}
        for stmt in c.node.body:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names = [stmt.name]
            else:
                names = [n for node in ast.walk(stmt) for n in binds(node)]
            plain = isinstance(stmt, ast.FunctionDef) and [
                dotted_name(d) for d in stmt.decorator_list
            ] == ["property"]
            for name in names:
                own[name] = stmt if plain and isinstance(stmt, ast.FunctionDef) else None
        for name, getter in own.items():
            found.setdefault(name, getter)
    return {n: g for n, g in found.items() if g is not None}


def set_only_later(
    reader: Reader, cls: ClassValue, method: Function, later: list[Function]
) -> ast.Attribute | None:
    """The first ``self.<name>`` read the lifecycle ``method`` certainly runs whose name only
    the lifecycle methods the host calls after it (``later``) assign: the host calls each once,
    in order, so the read comes before any store (``run()`` reading ``self.closed`` that only
    ``shutdown()`` sets). Judged as ``never_set`` is: no class binds the name, and no other
    code of the plugin assigns it on any object."""
    params = [*method.args.posonlyargs, *method.args.args]
    if not params or method.decorator_list or not later:
        return None
    found = chain(reader.ns, cls, reader.own)
    if not found.complete or any(c.node.decorator_list for c in found.classes):
        return None
    bound: set[str] = set(_OBJECT)
    for c in found.classes:
        names = names_bound(c.node)
        if names & _OPEN:
            return None
        bound |= names
    if stored_anywhere(reader) is None:
        return None
    # walked(): each later method walked once while its tree lives, not again for each
    # earlier method asked about (ast.walk here was a fifth of returned_plugin at 1k).
    inside = {id(n) for fn in later for n in walked(fn)}
    late = {
        n.attr
        for fn in later
        for n in walked(fn)
        if isinstance(n, ast.Attribute) and not isinstance(n.ctx, ast.Load)
    }
    owners = [c.module for c in found.classes]  # as in never_set: the classes' modules too
    for info in [*(reader.ctx.index.info(path) for path in reader.own_in_order()), *owners]:
        if info is None:
            return None
        for node in info.nodes(ast.Attribute):
            if not isinstance(node.ctx, ast.Load) and id(node) not in inside:
                late.discard(node.attr)
    late -= bound
    return _first_read(method, params[0].arg, lambda name: name in late) if late else None


def unset_read(
    plugin: Plugin, path: Path, cls: str, name: str, unset: ast.Attribute, *, getter: bool
) -> Finding:
    """PC218 at ``unset``, a read in ``cls``'s lifecycle member ``name`` (a method, or with
    ``getter`` a property's getter, which reading the member runs)."""
    read = ast.unparse(unset)
    said = f"{cls}.{name} is a property whose getter reads" if getter else f"{cls}.{name}() reads"
    fails = (
        f"reading {name} for the host's call raises AttributeError"
        if getter
        else f"every call of {name}() by the host raises AttributeError"
    )
    private = mangled(unset.attr, "C") != unset.attr
    named = (
        f"`{unset.attr}` as Python mangles it inside the class that reads it (a private name: "
        f"a store of `self.{unset.attr}` in another class is another attribute)"
        if private
        else f"`{unset.attr}`"
    )
    return PC218.at(
        plugin,
        Location(path, unset.lineno, unset.col_offset + 1),
        f"{said} `{read}`, which nothing sets: no class of {cls}'s binds {named} and no "
        f"code of the plugin assigns it, so {fails}",
        fix=f"set `{read}` in __init__ (or define `{unset.attr}` in {cls}), or fix the name",
        subject=name,
    )


def _first_read(
    method: Function,
    me: str,
    unset: Callable[[str], bool],
    symbols: Mapping[str, Symbol] | None = None,
    getters: Mapping[str, Function] | None = None,
    depth: int = 0,
) -> ast.Attribute | None:
    """The first ``<me>.<name>`` read the method certainly runs for which ``unset(name)``;
    with the module's ``symbols``, ``contextlib.closing(<me>)`` reads ``<me>.close`` too (its
    exit calls it); with the class's property ``getters``, reading a property runs what its
    getter certainly reads."""
    for node in certain_nodes(method):
        if (
            getters
            and depth < 3
            and isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Load)
            and isinstance(node.value, ast.Name)
            and node.value.id == me
            and node.attr in getters
        ):
            getter = getters[node.attr]
            own = [*getter.args.posonlyargs, *getter.args.args]
            inner = (
                _first_read(getter, own[0].arg, unset, None, getters, depth + 1) if own else None
            )
            if inner is not None:
                return inner
        if (
            symbols is not None
            and isinstance(node, ast.Call)
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == me
            and canonical_name(dotted_name(node.func), symbols) == "contextlib.closing"
            and unset("close")
        ):
            read = ast.Attribute(value=node.args[0], attr="close", ctx=ast.Load())
            return ast.copy_location(read, node)
        if isinstance(node, ast.AugAssign):
            target = node.target  # `self.count += 1` reads self.count before it stores it
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == me
                and unset(target.attr)
            ):
                return target
            continue
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Load)
            and isinstance(node.value, ast.Name)
            and node.value.id == me
            and unset(node.attr)
        ):
            return node
    return None


def stored_anywhere(reader: Reader, beside: Iterable[ModuleInfo] = ()) -> set[str] | None:
    """Every attribute name the plugin's modules (and the modules ``beside``) assign or delete
    on any object; ``None`` when a module may set attributes by a name source does not spell
    out."""
    names: set[str] = set()
    for info in [*(reader.ctx.index.info(path) for path in reader.own_in_order()), *beside]:
        if info is None:
            return None
        # Once per module, not once per lifecycle method asked about (three per plugin).
        stored = info.derived("attribute stores", _module_stored)
        if stored is None:
            return None
        names |= stored
    return names


def _module_stored(info: ModuleInfo) -> frozenset[str] | None:
    """``_stored`` of one module."""
    if any(node.id in _DYNAMIC for node in info.nodes(ast.Name)):
        return None
    names: set[str] = set()
    # `x.count += 1` reads x.count first: it never makes an attribute that was not there
    augmented = {id(node.target) for node in info.nodes(ast.AugAssign)}
    for node in info.nodes(ast.Attribute):
        if not isinstance(node.ctx, ast.Load) and id(node) not in augmented:
            names.add(node.attr)
        elif node.attr in _DYNAMIC:
            return None
    if info.tree is not None and any(mangled(name, "C") != name for name in names):
        # Inside a class body Python stores `x.__y` as `x._Cls__y`: both spellings are kept.
        names |= _mangled_stores(info.tree, augmented)
    return frozenset(names)


def _mangled_stores(tree: ast.Module, augmented: set[int]) -> set[str]:
    found: set[str] = set()
    stack: list[tuple[ast.AST, str | None]] = [(tree, None)]
    while stack:
        node, owner = stack.pop()
        if (
            owner is not None
            and isinstance(node, ast.Attribute)
            and not isinstance(node.ctx, ast.Load)
            and id(node) not in augmented
        ):
            found.add(mangled(node.attr, owner))
        inner = node.name if isinstance(node, ast.ClassDef) else owner
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))
    return found


def _unset_fields(node: ast.ClassDef) -> set[str]:
    """Fields of a ``@dataclass`` declared ``field(init=False)`` with no default: the class
    attribute is deleted and ``__init__`` never sets it, so the instance has none until code
    assigns it."""
    if not node.decorator_list:
        return set()
    unset = set()
    for stmt in node.body:
        match stmt:
            case ast.AnnAssign(target=ast.Name(id=name), value=ast.Call() as call) if (
                _decorator(call) == "field"
                and any(
                    k.arg == "init" and isinstance(k.value, ast.Constant) and k.value.value is False
                    for k in call.keywords
                )
                and not {k.arg for k in call.keywords} & {"default", "default_factory"}
                and not call.args
            ):
                unset.add(name)
    return unset


def skipped_init(
    reader: Reader, module: ModuleInfo, node: ast.ClassDef, host: Resolved, method: Function
) -> tuple[ast.Attribute, str, str] | None:
    """The first ``self.<name>`` read ``method`` certainly runs whose name only the host class's
    ``__init__`` sets, where a class of the plugin replaces ``__init__`` and nothing calls the
    host's: (the read, the host class's name, the plugin class whose ``__init__`` runs)."""
    params = [*method.args.posonlyargs, *method.args.args]
    if not params or method.decorator_list:
        return None
    generated = plain_dataclass(reader, module, node) and "__init__" not in names_bound(node)
    # the dataclass decorator returns the class itself, with an __init__ from its fields that
    # never calls the base's: read the class as if that __init__ were written in it
    bare = ast.ClassDef(**{**vars(node), "decorator_list": []}) if generated else node
    order = mro_to_host(reader.ctx, reader.plugin, module, bare, host)
    if not order or order[-1] != HOST or order.count(HOST) != 1:
        return None
    own = [c for c in order if isinstance(c, ast.ClassDef)]
    first = bare if generated else next((c for c in own if "__init__" in names_bound(c)), None)
    if first is None or any(names_bound(c) & (_OPEN | {"__new__"}) for c in own):
        return None
    inits = [s for s in first.body if "__init__" in _bound_by(s)]
    if not generated and (
        len(inits) != 1 or not isinstance(inits[0], ast.FunctionDef) or inits[0].decorator_list
    ):
        return None
    host_node = node_at(host.module, host.symbol.line)
    bases = {(dotted_name(b) or "").rsplit(".", 1)[-1] for c in own for b in c.bases}
    only = _host_init_only(reader.ctx, host, host_node, bases) if host_node else set()
    stored = stored_anywhere(reader) if only and not _spells_init(reader) else None
    if stored is None:
        return None
    known = _OBJECT | stored | set().union(*(names_bound(c) for c in own))
    read = _first_read(method, params[0].arg, lambda name: name in only and name not in known)
    if read is None or not isinstance(host_node, ast.ClassDef):
        return None
    return read, host_node.name, first.name


def _spells_init(reader: Reader) -> bool:
    """Whether a module of the plugin names ``__init__`` (an attribute or a string), the ways
    code reaches a base's ``__init__``."""
    for path in reader.own_in_order():
        info = reader.ctx.index.info(path)
        if info is None:
            return True
        if any(n.attr == "__init__" for n in info.nodes(ast.Attribute)) or any(
            n.value == "__init__" for n in info.nodes(ast.Constant)
        ):
            return True
    return False


def _host_init_only(ctx: Context, host: Resolved, node: ast.AST, bases: set[str]) -> set[str]:
    """The attribute names only the host class's own ``__init__`` assigns (on ``self``): no
    other code of the host's package assigns them on any object but an instance of another
    class of its own (``_own_instance_stores``; none of the plugin's ``bases``), and its class
    body does not bind them; empty when the class or its package may set attributes unseen."""
    if not isinstance(node, ast.ClassDef) or not plain_host(node):
        return set()
    bound = names_bound(node)
    inits = [s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"]
    if bound & (_OPEN | {"__new__"}) or len(inits) != 1 or inits[0].decorator_list:
        return set()
    init = inits[0]
    if not init.args.args:
        return set()
    me = init.args.args[0].arg
    mine = {
        (n.lineno, n.col_offset, n.attr)
        for n in own_nodes(init)
        if isinstance(n, ast.Attribute)
        and not isinstance(n.ctx, ast.Load)
        and isinstance(n.value, ast.Name)
        and n.value.id == me
    }
    files = host_package_files(ctx, host.module.path)
    if not files:
        return set()
    elsewhere = set(bound)
    home = host.module.path.resolve()
    infos = [host.module if path.resolve() == home else ctx.index.info(path) for path in files]
    for info in infos:
        if info is None or any(n.id in _DYNAMIC for n in info.nodes(ast.Name)):
            return set()
    known = [i for i in infos if i is not None]
    for info in known:
        others = _own_instance_stores(info, node, bases | {node.name}, known)
        for n in info.nodes(ast.Attribute):
            if (n.lineno, n.col_offset, n.attr) in others:
                continue
            if isinstance(n.ctx, ast.Load):
                if n.attr in _DYNAMIC:
                    return set()
            elif info is not host.module or (n.lineno, n.col_offset, n.attr) not in mine:
                elsewhere.add(n.attr)
    return {attr for _, _, attr in mine} - elsewhere


def _own_instance_stores(
    info: ModuleInfo, host: ast.ClassDef, skipped: set[str], infos: list[ModuleInfo]
) -> set[tuple[int, int, str]]:
    """The places of ``self.<name> = ...`` in the plain methods of the module's other plain
    classes (no bases, decorators or keywords; an undecorated ``def`` whose first parameter the
    method never rebinds), which store on an instance of that class only: the host's own
    ``Registry.__init__`` setting ``self.options`` never touches a plugin's object. A class
    named in ``skipped`` (the plugin's bases) or whose methods some module of the package reads
    through the class (``Registry.add(obj)`` passes any object as ``self``) is left out."""
    if info.tree is None:
        return set()
    named = {
        (n.value.id, n.attr)
        for i in infos
        for n in i.nodes(ast.Attribute)
        if isinstance(n.value, ast.Name)
    }
    found: set[tuple[int, int, str]] = set()
    for cls in info.tree.body:
        if not isinstance(cls, ast.ClassDef) or cls is host or cls.name in skipped:
            continue
        if cls.bases or cls.keywords or cls.decorator_list:
            continue
        for fn in cls.body:
            if not isinstance(fn, ast.FunctionDef) or fn.decorator_list or not fn.args.args:
                continue
            if (cls.name, fn.name) in named:
                continue
            me = fn.args.args[0].arg
            nodes = list(own_nodes(fn))
            if any(
                isinstance(n, ast.Name) and n.id == me and not isinstance(n.ctx, ast.Load)
                for n in nodes
            ):
                continue
            found |= {
                (n.lineno, n.col_offset, n.attr)
                for n in nodes
                if isinstance(n, ast.Attribute)
                and not isinstance(n.ctx, ast.Load)
                and isinstance(n.value, ast.Name)
                and n.value.id == me
            }
    return found


_DATACLASS_KEYWORDS = frozenset({"repr", "eq", "order", "frozen", "kw_only", "match_args"})


def plain_dataclass(reader: Reader, module: ModuleInfo, node: ast.ClassDef) -> bool:
    """``node``'s one decorator is ``dataclasses.dataclass`` (bare, or called with keywords
    that keep the class and its generated ``__init__``: no ``init=False``, no ``slots=True``,
    which makes a new class), and no metaclass keyword."""
    if len(node.decorator_list) != 1 or node.keywords:
        return False
    deco = node.decorator_list[0]
    if isinstance(deco, ast.Call):
        if deco.args or any(k.arg not in _DATACLASS_KEYWORDS for k in deco.keywords):
            return False
        deco = deco.func
    return imported_as(dotted_name(deco) or "", reader.scope(module)) == "dataclasses.dataclass"
