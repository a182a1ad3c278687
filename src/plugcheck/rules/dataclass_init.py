"""The ``__init__`` that ``@dataclass`` writes for a plugin class, read from source: one parameter
per field of the class's own body, in order (a default where the field has one, keyword-only
after ``KW_ONLY`` or with ``kw_only=True``). Judged only where no class in the method resolution
order can add fields: every base is a readable undecorated class statement, down to ``object`` or
a class of ``abc``/``typing``."""

from __future__ import annotations

import ast

from plugcheck.model import Plugin
from plugcheck.rules.base import Context
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import node_at, resolve_dotted

FIELDLESS = frozenset({"abc", "typing", "typing_extensions", "collections.abc"})
"""Modules whose classes are never dataclasses: a base from there adds no field."""


def dataclass_init(
    ctx: Context, plugin: Plugin, module: ModuleInfo, node: ast.ClassDef
) -> ast.arguments | None:
    """The parameters of the ``__init__`` ``@dataclass`` makes for ``node`` (``self`` left out);
    ``None`` when ``node`` is not a plain dataclass or something may change them (``init=False``,
    an ``__init__``/``__new__`` of its own, a base that may be a dataclass, ``**`` options)."""
    options = dataclass_options(module, node)
    if options is None or options.get("init") is False or node.keywords:
        return None
    own = {s.name for s in node.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)}
    if own & {"__init__", "__new__"} or not _fieldless_bases(ctx, plugin, module, node, 0):
        return None
    positional: list[ast.arg] = []
    defaults: list[ast.expr] = []
    kwonly: list[ast.arg] = []
    kw_defaults: list[ast.expr | None] = []
    fields = own_fields(node, options)
    if fields is None:
        return None
    for name, default, keyword_only in fields:
        if default == "no-init":
            continue
        arg = ast.arg(arg=name)
        value: ast.expr | None = ast.Constant(value=None) if default == "default" else None
        if keyword_only:
            kwonly.append(arg)
            kw_defaults.append(value)
        elif value is not None:
            positional.append(arg)
            defaults.append(value)
        elif defaults:
            return None  # a required field after a default: dataclass raises when it makes it
        else:
            positional.append(arg)
    return ast.arguments(
        posonlyargs=[],
        args=positional,
        vararg=None,
        kwonlyargs=kwonly,
        kw_defaults=kw_defaults,
        kwarg=None,
        defaults=defaults,
    )


def dataclass_options(module: ModuleInfo, node: ast.ClassDef) -> dict[str, object] | None:
    """The literal keywords of ``node``'s only decorator when it is ``dataclasses.dataclass``
    (bare or called); ``None`` otherwise."""
    if len(node.decorator_list) != 1:
        return None
    deco = node.decorator_list[0]
    called = deco.func if isinstance(deco, ast.Call) else deco
    if not _is_dataclasses(module, dotted_name(called) or "", "dataclass"):
        return None
    options: dict[str, object] = {}
    for keyword in deco.keywords if isinstance(deco, ast.Call) else ():
        if keyword.arg is None or not isinstance(keyword.value, ast.Constant):
            return None
        options[keyword.arg] = keyword.value.value
    if isinstance(deco, ast.Call) and deco.args:
        return None
    return options


def _is_dataclasses(module: ModuleInfo, dotted: str, name: str) -> bool:
    """``dotted`` names ``dataclasses.<name>`` through the module's imports."""
    head, _, attr = dotted.rpartition(".")
    symbol = module.symbols.get(head or attr)
    if symbol is None or symbol.kind is not SymbolKind.IMPORT:
        return False
    if head:
        return symbol.import_module == "dataclasses" and symbol.import_name is None and attr == name
    return symbol.import_module == "dataclasses" and symbol.import_name == name


def own_fields(
    node: ast.ClassDef, options: dict[str, object]
) -> list[tuple[str, str, bool]] | None:
    """The fields ``node``'s own body declares, in order: name, ``field_kind`` and whether the
    parameter is keyword-only (after ``KW_ONLY``, with ``kw_only=True`` in ``options`` or in its
    ``field()``); ``None`` when source cannot tell one of them."""
    fields: list[tuple[str, str, bool]] = []
    keyword_only = options.get("kw_only") is True
    for stmt in node.body:
        if not isinstance(stmt, ast.AnnAssign):
            continue
        if not isinstance(stmt.target, ast.Name) or not stmt.simple:
            return None
        annotation = ast.unparse(stmt.annotation)
        if "ClassVar" in annotation:
            continue
        if "KW_ONLY" in annotation:
            keyword_only = True
            continue
        kind, kw = field_kind(stmt.value)
        if kind == "unknown":
            return None
        fields.append((stmt.target.id, kind, keyword_only or kw))
    return fields


def field_kind(value: ast.expr | None) -> tuple[str, bool]:
    """What a field's value makes of its parameter: ``required``, ``default``, ``no-init`` (not
    a parameter) or ``unknown``; and whether ``field(kw_only=True)`` makes it keyword-only."""
    if value is None:
        return "required", False
    if not (isinstance(value, ast.Call) and (dotted_name(value.func) or "").endswith("field")):
        return "default", False
    if value.args:
        return "unknown", False
    found: dict[str, object] = {}
    for keyword in value.keywords:
        if keyword.arg is None:
            return "unknown", False
        literal = keyword.value.value if isinstance(keyword.value, ast.Constant) else ...
        found[keyword.arg] = literal
    if found.get("init", True) is not True:
        return ("no-init" if found["init"] is False else "unknown"), False
    kw_only = found.get("kw_only", False)
    if kw_only not in (True, False):
        return "unknown", False
    has_default = "default" in found or "default_factory" in found
    return ("default" if has_default else "required"), kw_only is True


def _fieldless_bases(
    ctx: Context, plugin: Plugin, module: ModuleInfo, node: ast.ClassDef, depth: int
) -> bool:
    """No base of ``node`` (at any depth) may be a dataclass: each is an undecorated class
    statement plugcheck reads (the plugin's or the host's), ``object``, or a class of
    :data:`FIELDLESS`."""
    if depth > 20:
        return False
    for base in node.bases:
        dotted = dotted_name(base.value if isinstance(base, ast.Subscript) else base)
        if dotted is None:
            return False
        if dotted == "object":
            continue
        symbol = module.symbols.get(dotted.split(".")[0])
        if (
            symbol is not None
            and symbol.kind is SymbolKind.IMPORT
            and symbol.import_level == 0
            and symbol.import_module in FIELDLESS
        ):
            continue
        found = resolve_dotted(ctx.index, module, dotted, ctx.roots(plugin))
        if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
            return False
        sub = node_at(found.module, found.symbol.line)
        if not isinstance(sub, ast.ClassDef) or sub.decorator_list:
            return False
        if not _fieldless_bases(ctx, plugin, found.module, sub, depth + 1):
            return False
    return True
