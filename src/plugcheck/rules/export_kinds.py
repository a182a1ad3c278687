"""What kind of object a plugin binds an export to, as far as the source tells (a function,
a class, a literal, an instance), and whether that is the kind the contract asks for (PC104,
``exports``)."""

from __future__ import annotations

import ast
import builtins
import importlib
from dataclasses import dataclass

from plugcheck.model import Export, ExportKind, Plugin
from plugcheck.rules.base import Context
from plugcheck.static.index import External, Resolved
from plugcheck.static.parse import ModuleInfo, Symbol, SymbolKind, ValueKind
from plugcheck.static.resolve import node_at
from plugcheck.static.submodule_load import loaded_over


@dataclass(frozen=True, slots=True)
class Binding:
    """What a name is bound to, as far as the source tells."""

    what: str  # "function", "class", "literal", "instance", "unknown"
    detail: str
    symbol: Symbol
    module: ModuleInfo


def binding(ctx: Context, plugin: Plugin, found: Resolved, depth: int = 0) -> Binding:
    symbol, module = found.symbol, found.module
    unknown = Binding("unknown", "", symbol, module)
    match symbol.kind:
        case SymbolKind.FUNCTION | SymbolKind.ASYNC_FUNCTION:
            node = node_at(module, symbol.line)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.decorator_list:
                # What the decorator returns is bound (click's @command() makes a Command).
                shown = ast.unparse(node.decorator_list[0])
                detail = f"function {symbol.name}() decorated with @{shown}"
                return Binding("decorated", detail, symbol, module)
            return Binding("function", f"function {symbol.name}()", symbol, module)
        case SymbolKind.CLASS:
            return Binding("class", f"class {symbol.name}", symbol, module)
        case SymbolKind.IMPORT:
            # Resolution stops at an import only when it names a submodule (`from . import new`).
            return Binding("module", f"submodule {symbol.import_name}", symbol, module)
        case SymbolKind.ASSIGN if symbol.literal_type == "NoneType":
            return Binding("literal", "None", symbol, module)
        case SymbolKind.ASSIGN if symbol.value_kind is ValueKind.LITERAL:
            article = "an" if (symbol.literal_type or "x")[0] in "aeiou" else "a"
            return Binding("literal", f"{article} {symbol.literal_type} literal", symbol, module)
        case SymbolKind.ASSIGN if symbol.value_kind is ValueKind.LAMBDA:
            return Binding("function", "a lambda", symbol, module)
        case SymbolKind.ASSIGN if symbol.value_name and "." not in symbol.value_name:
            if depth > 10:
                return unknown
            target = ctx.index.resolve(module, symbol.value_name, ctx.roots(plugin))
            if not isinstance(target, Resolved):
                return unknown
            inner = binding(ctx, plugin, target, depth + 1)
            if symbol.value_kind is ValueKind.NAME:
                return Binding(inner.what, inner.detail, symbol, module)
            if symbol.value_kind is ValueKind.CALL and inner.what == "class":
                cls = target.symbol
                # Without bases (or only ``object``) and no __call__, the instance is not callable.
                what = (
                    "plain-instance"
                    if set(cls.bases) <= {"object"} and "__call__" not in cls.methods
                    else "instance"
                )
                return Binding(what, f"an instance of {cls.name}", symbol, module)
    return unknown


def required_kind(ctx: Context, export: Export) -> ExportKind:
    """The kind the contract asks for, inferred from the API type when not given."""
    if export.kind is not None:
        return export.kind
    if export.type is None:
        return ExportKind.ANY
    path = ctx.index.find_module(export.type.module, ctx.api_roots())
    info = ctx.index.info(path) if path else None
    if info is None:
        return ExportKind.ANY
    found = ctx.index.resolve(info, export.type.name, ctx.api_roots())
    if not isinstance(found, Resolved):
        return ExportKind.ANY
    symbol = found.symbol
    if symbol.kind is SymbolKind.CLASS:
        return ExportKind.CALLABLE if symbol.is_protocol_with_call else ExportKind.INSTANCE
    if symbol.kind is SymbolKind.ASSIGN and symbol.value_kind is not ValueKind.CALL:
        # `Factory = Callable[[], Plugin]`, `PluginClass = type[Plugin]`.
        match (symbol.value_name or "").rsplit(".", 1)[-1]:
            case "Callable":
                return ExportKind.CALLABLE
            case "type" | "Type":
                return ExportKind.CLASS
    return ExportKind.ANY


_ACCEPTS = {
    ExportKind.ANY: {
        "function",
        "class",
        "literal",
        "instance",
        "plain-instance",
        "module",
        "decorated",
        "unknown",
    },
    # A decorated function is bound to what its decorator returns: a function, or an instance
    # (a decorator that returns a class is not assumed).
    ExportKind.CALLABLE: {"function", "class", "instance", "decorated", "unknown"},
    ExportKind.FUNCTION: {"function", "instance", "decorated", "unknown"},
    ExportKind.CLASS: {"class", "unknown"},
    ExportKind.INSTANCE: {"instance", "plain-instance", "decorated", "unknown"},
    ExportKind.FACTORY: {"function", "class", "instance", "decorated", "unknown"},
}
_WANTED = {
    ExportKind.CALLABLE: "a callable",
    ExportKind.FUNCTION: "a function",
    ExportKind.CLASS: "a class",
    ExportKind.INSTANCE: "an instance",
    ExportKind.FACTORY: "a class or a function",
}


_STANDARD_TYPES = ("builtins", "collections.abc", "typing", "numbers")
"""Where the types a builtin literal can be an instance of live: its own class and its bases,
and the abstract classes the standard library registers it with (``dict`` is a
``collections.abc.Mapping``). A host's own class never has a builtin literal as an instance."""


def _literal_fits(bound: Binding, export: Export) -> bool:
    """Whether a literal is the instance the export asks for: one of any type when it names
    none, else one of that type (OpenStackClient reads ``API_NAME``, a ``str``, from each
    plugin module; mdformat reads ``RENDERERS``, a ``Mapping``, which plugins bind to a dict
    literal); ``None`` never is."""
    literal = bound.symbol.literal_type
    if bound.what != "literal" or literal in (None, "NoneType"):
        return False
    if export.type is None:
        return True
    if export.type.module not in _STANDARD_TYPES:
        return False
    # The standard library's own classes, asked in plugcheck's interpreter: builtins and the
    # ABCs they are registered with are the same in every Python plugcheck supports.
    literal_class = getattr(builtins, literal or "", None)
    wanted = getattr(importlib.import_module(export.type.module), export.type.name, None)
    wanted = getattr(wanted, "__origin__", wanted)  # typing.Mapping -> collections.abc.Mapping
    return (
        isinstance(literal_class, type)
        and isinstance(wanted, type)
        and issubclass(literal_class, wanted)
    )


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A bound export that is not of the kind the contract asks for."""

    bound: Binding
    expected: str
    """What the host expects, for the message (``an instance (api.Plugin)``)."""
    fix: str


def mismatch(
    ctx: Context, plugin: Plugin, export: Export, name: str, found: Resolved | External
) -> Mismatch | None:
    """How ``name`` (the export ``export``, resolved to ``found``) is not of the kind the
    contract asks for; ``None`` when it is, or when the source cannot tell."""
    if not isinstance(found, Resolved):
        return None
    wanted = required_kind(ctx, export)
    over = loaded_over(ctx.index, found, name)  # `from .new import x` after `def new`
    bound = binding(ctx, plugin, found)
    if over:
        bound = Binding("module", over, found.symbol, found.module)
    if bound.what in _ACCEPTS[wanted]:
        return None
    if wanted is ExportKind.INSTANCE and _literal_fits(bound, export):
        return None
    expected = _WANTED[wanted] + (f" ({export.type})" if export.type else "")
    if wanted is ExportKind.FACTORY and export.type:
        expected = f"{_WANTED[wanted]} returning a {export.type}"
    fix = f"bind {name} to {_WANTED[wanted]}"
    if wanted is ExportKind.INSTANCE and bound.what == "class":
        fix = f"instantiate the class: {name} = {bound.detail.removeprefix('class ')}()"
    return Mismatch(bound, expected, fix)
