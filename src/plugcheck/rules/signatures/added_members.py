"""Members a class may get at run time (a metaclass, a class decorator, ``setattr``, a base's
``__init_subclass__``), and the functions bound that way when every one of them is known."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from plugcheck.model import Location, Plugin
from plugcheck.passes import RunInput
from plugcheck.rules.abstract_patch import ancestry, rewritten
from plugcheck.static import typecheck
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, call_fits, dotted_name, own_nodes
from plugcheck.static.typecheck import Target

_PLAIN_DECORATORS = {
    "dataclasses.dataclass",
    "typing.final",
    "typing_extensions.final",
    "typing.runtime_checkable",
    "typing_extensions.runtime_checkable",
    "functools.total_ordering",
    "enum.unique",
    "attr.s",
    "attr.attrs",
    "attr.define",
    "attr.frozen",
    "attr.mutable",
    "attrs.define",
    "attrs.frozen",
    "attrs.mutable",
    "pydantic.dataclasses.dataclass",
}
"""Class decorators known to add no lifecycle member (only dunders or nothing)."""


def dynamic_members(target: Target, payload: dict[str, Any], data: RunInput) -> str | None:
    """What may add the missing members to the class at run time, if anything."""
    if payload.get("metaclass") and not _inert_metaclass(target, payload["metaclass"], data):
        return f"its metaclass {payload['metaclass']}"
    found = _class_of(target, payload.get("class"), data)
    if found is None:
        return None
    info, node, roots = found
    hook = _attribute_hook(node, payload)
    if hook is not None:
        return hook
    # A class with none of the members (PC202) is not excused by a library's decorator.
    everything = payload["kind"] == "not-plugin"
    for decorator in node.decorator_list:
        adds = _decorator_adds(decorator, info, target.plugin, roots, data)
        if adds is True or (adds is None and not everything):
            return f"its class decorator @{dotted_name(decorator) or ast.unparse(decorator)}"
    absent = set(payload.get("missing") or [payload.get("member")])
    hook = _subclass_hook(node, info, absent, roots, data, set())
    if hook is not None:
        return hook
    excuse, covered = _statements_adding(target, absent, found, data)
    # Members no statement adds stay missing for certain: the ones it names are not an excuse.
    return excuse if excuse is not None and (covered is None or absent <= covered) else None


def still_missing(target: Target, payload: dict[str, Any], data: RunInput) -> list[str]:
    """The members mypy finds missing (``payload["missing"]``) that no statement of the plugin
    adds to the class by a name source reads (``setattr(Worker, name, ...)`` in a loop over
    literal names adding two of the three): what the class certainly lacks."""
    missing = [str(m) for m in payload.get("missing") or []]
    found = _class_of(target, payload.get("class"), data)
    if not missing or found is None:
        return missing
    _excuse, covered = _statements_adding(target, set(missing), found, data)
    return missing if covered is None else [m for m in missing if m not in covered]


def _statements_adding(
    target: Target,
    absent: set[str | None],
    found: tuple[ModuleInfo, ast.ClassDef, list[Path]],
    data: RunInput,
) -> tuple[str | None, set[str | None] | None]:
    """(the first statement of the plugin that adds an ``absent`` member to the class, as
    said; the members such statements add, ``None`` when one adds a name source cannot
    read)."""
    info, node, roots = found
    covered: set[str | None] = set()
    excuse = None
    for path in target.plugin.files:
        other = data.index.info(path)
        if other is None or other.tree is None:
            continue
        looped = _loop_keys(other.tree)
        for sub in ast.walk(other.tree):
            what = _adds_member(sub, absent)
            if what is None or not _same_class(what[0], other, info, node.name, roots, data):
                continue
            said = f"{what[1]} ({target.contract.shown(path)}:{getattr(sub, 'lineno', 1)})"
            names = _added(sub, looped)
            if names is None:
                return said, None  # a name source cannot read: it may add any member
            covered |= names
            excuse = excuse or said
    return excuse, covered


def _added(node: ast.AST, looped: dict[str, frozenset[str]]) -> frozenset[str | None] | None:
    """The member names a statement :func:`_adds_member` found adds; ``None``: any name."""
    if isinstance(node, ast.Call):
        key = node.args[1]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return frozenset({key.value})
        return frozenset(looped[key.id]) if isinstance(key, ast.Name) and key.id in looped else None
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    flat = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
    return frozenset(t.attr for t in flat if isinstance(t, ast.Attribute))


def hook_fills_abstract(target: Target, payload: dict[str, Any], data: RunInput) -> str | None:
    """A base's ``__init_subclass__`` that sets the abstract member on each subclass: it runs
    inside ``type.__new__``, before ``ABCMeta`` reads which methods are still abstract, so the
    class it sets it on is concrete (a metaclass, a class decorator or a later ``setattr`` come
    after that reading, and leave the method abstract)."""
    found = _class_of(target, payload.get("class"), data)
    if found is None:
        return None
    info, node, roots = found
    absent = set(payload.get("missing") or [payload.get("member")])
    return _subclass_hook(node, info, absent, roots, data, set())


def abstract_rewritten(target: Target, payload: dict[str, Any], data: RunInput) -> str | None:
    """Plugin code that rewrites ``__abstractmethods__`` of the class mypy reads as abstract or
    of a class it derives from (see ``abstract_patch``): what it is, else ``None``."""
    found = _class_of(target, payload.get("class"), data)
    if found is None:
        return None
    info, node, roots = found
    classes = ancestry(data.index, info, node, roots)
    return rewritten(data.index, target.plugin.files, roots, (info.path, node), classes)


def _class_of(
    target: Target, fullname: str | None, data: RunInput
) -> tuple[ModuleInfo, ast.ClassDef, list[Path]] | None:
    """The class mypy names ``fullname``, its module, and the roots its bases resolve under."""
    found = typecheck.class_def(fullname, target.plugin, data.index) if fullname else None
    if found is None:
        return None
    roots = [p for p in (target.plugin.import_root,) if p] + [
        *target.contract.search_path,
        *data.env.sys_path,
    ]
    return found[0], found[1], roots


def attribute_hook(target: Target, payload: dict[str, Any], data: RunInput) -> str | None:
    """``its __getattr__`` when the class body defines ``__getattr__`` (or
    ``__getattribute__``) and not the member mypy reads through it: what the hook returns at
    run time is not known from its annotation."""
    fullname = payload.get("class")
    found = typecheck.class_def(fullname, target.plugin, data.index) if fullname else None
    return _attribute_hook(found[1], payload) if found is not None else None


def _attribute_hook(node: ast.ClassDef, payload: dict[str, Any]) -> str | None:
    absent = set(payload.get("missing") or [payload.get("member")])
    defined: dict[str, ast.stmt] = {}
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            defined[stmt.name] = stmt
        elif isinstance(stmt, ast.Assign | ast.AnnAssign):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            defined.update((t.id, stmt) for t in targets if isinstance(t, ast.Name))
    if absent & defined.keys():
        return None
    for hook in ("__getattr__", "__getattribute__"):
        if isinstance(defined.get(hook), ast.FunctionDef | ast.AsyncFunctionDef):
            return f"its {hook}"
    return None


def replacing_decorator(target: Target, payload: dict[str, Any], data: RunInput) -> str | None:
    """Where mypy says the factory makes a class object (``type[Ticker]``): the class decorator
    that may leave something else (an instance) in the class's place, if any."""
    found = _class_of(target, payload.get("class_object"), data)
    if found is None:
        return None
    info, node, roots = found
    for decorator in node.decorator_list:
        if _decorator_adds(decorator, info, target.plugin, roots, data) is not False:
            return f"its class decorator @{dotted_name(decorator) or ast.unparse(decorator)}"
    return None


_Function = ast.Lambda | ast.FunctionDef


def added_wrong(
    target: Target, payload: dict[str, Any], data: RunInput
) -> tuple[Location, str] | None:
    """Where and how a missing member is added at run time, when every function that can be
    bound to it is known (``setattr``/assignments with its literal name, in the plugin's files
    or in the body of a class decorator of the plugin's own) and none takes the host's call."""
    params = payload.get("params")
    added = _added_functions(target, payload, data)
    if params is None or not added:
        return None
    # The instance is the first positional argument; the host passes at least the required
    # arguments and at most all the declared ones: a function that takes neither cannot work.
    kinds = [k for k, _ in params]
    least = (1 + kinds.count("ARG_POS"), [n for k, n in params if k == "ARG_NAMED"])
    most = (
        1 + kinds.count("ARG_POS") + kinds.count("ARG_OPT"),
        [n for k, n in params if k in ("ARG_NAMED", "ARG_NAMED_OPT")],
    )
    if any(call_fits(fn.args, n, keys) for _, _, fn in added for n, keys in (least, most)):
        return None
    path, how, fn = added[0]
    return Location(
        path, fn.lineno, fn.col_offset + 1
    ), f"{how} as a function of ({ast.unparse(fn.args)})"


def _added_functions(
    target: Target, payload: dict[str, Any], data: RunInput
) -> list[tuple[Path, str, _Function]] | None:
    """Every function bound to the missing member at run time, with where and how; ``None``
    when something plugcheck cannot read may bind it (a metaclass, a library's class
    decorator, a name not spelled out, a value that is not a plain function)."""
    member = payload.get("member")
    fullname = payload.get("class")
    found = typecheck.class_def(fullname, target.plugin, data.index) if fullname else None
    if payload.get("metaclass") or not member or found is None:
        return None
    info, node = found
    roots = [p for p in (target.plugin.import_root,) if p] + [
        *target.contract.search_path,
        *data.env.sys_path,
    ]
    added: list[tuple[Path, str, _Function]] = []
    for decorator in node.decorator_list:
        if _decorator_adds(decorator, info, target.plugin, roots, data) is False:
            continue
        own = _own_decorator(decorator, info, target.plugin, roots, data)
        bound = _decorator_binds(own[1], member) if own else None
        if own is None or bound is None:
            return None
        shown = f"its class decorator @{own[1].name}"
        added += [(own[0].path, shown, fn) for fn in bound]
    for path in target.plugin.files:
        other = data.index.info(path)
        if other is None or other.tree is None:
            continue
        for sub in ast.walk(other.tree):
            what = _adds_member(sub, {member})
            if what is None or not _same_class(what[0], other, info, node.name, roots, data):
                continue
            value = _bound_value(sub, member)
            fn = _function(value, other, roots, data) if value is not None else None
            if fn is None:
                return None
            added.append((path, what[1], fn))
    return added


def _bound_value(node: ast.AST, member: str) -> ast.expr | None:
    """The value ``setattr(C, "member", value)`` or ``C.member = value`` binds."""
    if isinstance(node, ast.Call):
        key = node.args[1] if len(node.args) == 3 else None
        literal = isinstance(key, ast.Constant) and key.value == member
        return node.args[2] if literal else None
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        return node.value
    if isinstance(node, ast.AnnAssign):
        return node.value
    return None


def _function(
    value: ast.expr,
    info: ModuleInfo,
    roots: list[Path],
    data: RunInput,
) -> _Function | None:
    """The plain function ``value`` is (a lambda, or an undecorated ``def``): one that a class
    binds as a method."""
    if isinstance(value, ast.Lambda):
        return value
    if not isinstance(value, ast.Name):
        return None
    found = data.index.resolve(info, value.id, roots)
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.FUNCTION:
        return None
    tree = found.module.tree
    defs = [
        s
        for s in (tree.body if tree else [])
        if isinstance(s, ast.FunctionDef) and s.name == found.symbol.name
    ]
    return defs[-1] if defs and not defs[-1].decorator_list else None


def _own_decorator(
    decorator: ast.expr, info: ModuleInfo, plugin: Plugin, roots: list[Path], data: RunInput
) -> tuple[ModuleInfo, ast.FunctionDef] | None:
    """The plugin's own ``def`` a class decorator names (applied bare, not called)."""
    name = dotted_name(decorator)
    if name is None or "." in name:
        return None
    found = data.index.resolve(info, name, roots)
    if (
        not isinstance(found, Resolved)
        or found.module.tree is None
        or found.module.path not in plugin.files
    ):
        return None
    defs = [
        s
        for s in found.module.tree.body
        if isinstance(s, ast.FunctionDef) and s.name == found.symbol.name
    ]
    if not defs or defs[-1].decorator_list or not defs[-1].args.args:
        return None
    return found.module, defs[-1]


def _decorator_binds(fn: ast.FunctionDef, member: str) -> list[_Function] | None:
    """The functions a class decorator binds to ``member`` of the class it gets, when its body
    does nothing else with the class than set attributes by literal name, read them, and
    return it unchanged; ``None`` otherwise."""
    param = fn.args.args[0].arg
    local = {s.name: s for s in fn.body if isinstance(s, ast.FunctionDef)}
    values: list[ast.expr] = []
    allowed: set[int] = set()  # the Name nodes of the class in permitted uses
    for sub in own_nodes(fn):
        if isinstance(sub, ast.Return):
            if not (isinstance(sub.value, ast.Name) and sub.value.id == param):
                return None
            allowed.add(id(sub.value))
    for sub in ast.walk(fn):
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
            if sub.value.id == param:
                allowed.add(id(sub.value))
        elif (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Name)
            and sub.func.id == "setattr"
            and len(sub.args) == 3
            and isinstance(sub.args[0], ast.Name)
            and sub.args[0].id == param
        ):
            key = sub.args[1]
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return None
            allowed.add(id(sub.args[0]))
            if key.value == member:
                values.append(sub.args[2])
        if isinstance(sub, ast.Assign | ast.AnnAssign):
            for t in sub.targets if isinstance(sub, ast.Assign) else [sub.target]:
                if (
                    isinstance(t, ast.Attribute)
                    and isinstance(t.value, ast.Name)
                    and t.value.id == param
                    and t.attr == member
                    and sub.value is not None
                ):
                    values.append(sub.value)
    used = [n for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == param]
    if any(id(n) not in allowed for n in used):
        return None  # the class is passed on, rebound or returned wrapped
    found = [_function_local(v, local) for v in values]
    return None if any(f is None for f in found) else [f for f in found if f is not None]


def _function_local(value: ast.expr, local: dict[str, ast.FunctionDef]) -> _Function | None:
    if isinstance(value, ast.Lambda):
        return value
    if isinstance(value, ast.Name) and value.id in local and not local[value.id].decorator_list:
        return local[value.id]
    return None


_INERT_METACLASS_MEMBERS = frozenset(
    {"__getattr__", "__getattribute__", "__dir__", "__repr__", "__str__", "__instancecheck__"}
)


def _inert_metaclass(target: Target, fullname: str, data: RunInput) -> bool:
    """A metaclass of the plugin's that derives from ``type`` alone and defines only lookups
    on the class (``__getattr__``...): nothing of it runs when the class is made, and an
    instance's attribute lookup never consults it, so it adds no member the host can call."""
    found = typecheck.class_def(fullname, target.plugin, data.index)
    if found is None:
        return False
    node = found[1]
    if [dotted_name(b) for b in node.bases] != ["type"] or node.keywords or node.decorator_list:
        return False
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name in _INERT_METACLASS_MEMBERS:
            continue
        if isinstance(stmt, ast.Pass) or (
            isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
        ):
            continue
        return False
    return True


def _loop_keys(tree: ast.AST) -> dict[str, frozenset[str]]:
    """Names bound only as the target of ``for name in ("a", "b"):`` over literal strings: the
    values each takes (a ``setattr(C, name, ...)`` with it adds those and no other)."""
    stores: dict[str, int] = {}
    values: dict[str, set[str]] = {}
    literal: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            stores[node.id] = stores.get(node.id, 0) + 1
        match node:
            case ast.For(target=ast.Name(id=name), iter=ast.Tuple(elts=elts) | ast.List(elts=elts)):
                strings = [e.value for e in elts if isinstance(e, ast.Constant)]
                if len(strings) == len(elts) and all(isinstance(v, str) for v in strings):
                    values.setdefault(name, set()).update(map(str, strings))
                    literal[name] = literal.get(name, 0) + 1
    return {n: frozenset(v) for n, v in values.items() if stores.get(n) == literal[n]}


def _adds_member(node: ast.AST, absent: set[str | None]) -> tuple[str, str] | None:
    """``setattr(C, name, ...)`` or ``C.member = ...``, also ``C.a, C.b = ...``: (the class's
    name, what it says)."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "setattr"
        and len(node.args) >= 2
        and isinstance(node.args[0], ast.Name)
    ):
        key = node.args[1]
        if not (isinstance(key, ast.Constant) and key.value not in absent):
            return node.args[0].id, f"setattr({node.args[0].id}, ...)"
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        targets = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
        for t in targets:
            if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.attr in absent:
                return t.value.id, f"the assignment {t.value.id}.{t.attr} = ..."
    return None


def _subclass_hook(
    node: ast.ClassDef,
    info: ModuleInfo,
    absent: set[str | None],
    roots: list[Path],
    data: RunInput,
    seen: set[tuple[Path, str]],
) -> str | None:
    """A base's ``__init_subclass__`` that sets a missing member on each subclass it gets
    (``cls.run = ...``, ``setattr(cls, ...)``): what says so, else ``None``."""
    for base in node.bases:
        name = dotted_name(base)
        found = data.index.resolve(info, name, roots) if name else None
        if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
            continue
        key = (found.module.path, found.symbol.name)
        tree = found.module.tree
        if key in seen or tree is None:
            continue
        seen.add(key)
        for cls in (c for c in tree.body if isinstance(c, ast.ClassDef) and c.name == key[1]):
            for fn in cls.body:
                if not (isinstance(fn, ast.FunctionDef) and fn.name == "__init_subclass__"):
                    continue
                param = fn.args.args[0].arg if fn.args.args else None
                for sub in ast.walk(fn):
                    what = _adds_member(sub, absent)
                    if what is not None and what[0] == param:
                        return f"the __init_subclass__ of its base {cls.name} ({what[1]})"
            deeper = _subclass_hook(cls, found.module, absent, roots, data, seen)
            if deeper is not None:
                return deeper
    return None


def _same_class(
    name: str, where: ModuleInfo, home: ModuleInfo, cls: str, roots: list[Path], data: RunInput
) -> bool:
    found = data.index.resolve(where, name, roots)
    return (
        isinstance(found, Resolved)
        and found.symbol.kind is SymbolKind.CLASS
        and found.symbol.name == cls
        and found.module.path == home.path
    )


def _decorator_adds(
    decorator: ast.expr, info: ModuleInfo, plugin: Plugin, roots: list[Path], data: RunInput
) -> bool | None:
    """Whether a class decorator may add members: no (a known harmless one, or one of the
    plugin's own that returns its argument untouched), yes (one of the plugin's own that sets
    attributes or returns something else), ``None`` (a library's: unknown)."""
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = dotted_name(func)
    if name is None:
        return None
    head, _, rest = name.partition(".")
    symbol = info.symbols.get(head)
    if symbol is not None and symbol.kind is SymbolKind.IMPORT and not symbol.import_level:
        origin = ".".join(p for p in (symbol.import_module, symbol.import_name, rest) if p)
        if origin in _PLAIN_DECORATORS:
            return False
    found = data.index.resolve(info, head, roots)
    if not isinstance(found, Resolved) or found.module.path not in plugin.files:
        return None
    if rest or isinstance(decorator, ast.Call) or found.module.tree is None:
        return True
    defs = [
        s
        for s in found.module.tree.body
        if isinstance(s, ast.FunctionDef) and s.name == found.symbol.name
    ]
    if not defs or not defs[-1].args.args:
        return True
    fn = defs[-1]
    param = fn.args.args[0].arg
    for sub in ast.walk(fn):
        if isinstance(sub, ast.Call) and dotted_name(sub.func) == "setattr":
            return True
        if isinstance(sub, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
            if any(isinstance(t, ast.Attribute) for t in targets):
                return True
        if isinstance(sub, ast.Return) and not (
            isinstance(sub.value, ast.Name) and sub.value.id == param
        ):
            return True
        if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and sub is not fn:
            return True
    return False
