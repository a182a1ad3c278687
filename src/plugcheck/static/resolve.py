"""Names in plugin and host source resolved through the index, as the running module would
see them: dotted names, marker instances (``HookimplMarker`` under any name), module-level
statements and the parameters pluggy reads from a function.

Nothing is imported.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from weakref import WeakKeyDictionary

from plugcheck.static.function_walk import own_backward
from plugcheck.static.index import External, ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, ValueKind
from plugcheck.static.syntax import dotted_name, folded_string

IMPLICIT = ("self", "cls")
IMPL_MARKER = "HookimplMarker"
SPEC_MARKER = "HookspecMarker"


# --- resolution ------------------------------------------------------------------------


def resolve_dotted(
    index: ModuleIndex, module: ModuleInfo, dotted: str, roots: Sequence[Path]
) -> Resolved | ModuleInfo | None:
    """What ``a.b.c`` names in ``module``: a definition, a module, or ``None`` when unknown."""
    head, *rest = dotted.split(".")
    current: Resolved | ModuleInfo | None = name_in(index, module, head, roots)
    for part in rest:
        if not isinstance(current, ModuleInfo):
            return None
        found = name_in(index, current, part, roots)
        if found is None and current.path.name == "__init__.py":
            found = module_file(index, current.path.parent / part)
        current = found
    return current


def name_in(
    index: ModuleIndex, module: ModuleInfo, name: str, roots: Sequence[Path]
) -> Resolved | ModuleInfo | None:
    symbol = module.symbols.get(name)
    if symbol is not None and symbol.kind is SymbolKind.IMPORT and symbol.import_name is None:
        path = index.find_module(symbol.import_module or "", roots)
        return index.info(path) if path else None
    found = index.resolve(module, name, roots)
    if not isinstance(found, Resolved):
        return None
    sym = found.symbol
    if sym.kind is SymbolKind.IMPORT:
        # `from pkg import sub` naming a submodule.
        base = found.module.path.parent
        if sym.import_level:
            for _ in range(sym.import_level - 1):
                base = base.parent
            target = base.joinpath(*(sym.import_module or "").split(".")) / str(sym.import_name)
            return module_file(index, target)
        package = index.find_module(f"{sym.import_module}.{sym.import_name}", roots)
        return index.info(package) if package else None
    return found


def module_file(index: ModuleIndex, base: Path) -> ModuleInfo | None:
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return index.info(candidate)
    return None


def node_at(info: ModuleInfo, line: int) -> ast.stmt | None:
    """The module-level (possibly ``if``/``try``-nested) statement starting at ``line``."""
    if info.tree is None:
        return None
    for stmt in module_statements(info.tree.body):
        if stmt.lineno == line:
            return stmt
    return None


def module_statements(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    for stmt in body:
        yield stmt
        if isinstance(stmt, ast.If | ast.Try):
            yield from module_statements(stmt.body)
            yield from module_statements(stmt.orelse)
            if isinstance(stmt, ast.Try):
                yield from module_statements(stmt.finalbody)
                for handler in stmt.handlers:
                    yield from module_statements(handler.body)


def marker_project(
    index: ModuleIndex,
    module: ModuleInfo,
    dotted: str,
    roots: Sequence[Path],
    marker: str,
    depth: int = 0,
) -> str | None:
    """The project name of the ``marker`` (Hookimpl/HookspecMarker) instance ``dotted`` names."""
    if depth > 10:
        return None
    found = resolve_dotted(index, module, dotted, roots)
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.ASSIGN:
        return None
    symbol = found.symbol
    if symbol.value_kind is ValueKind.NAME and symbol.value_name:
        return marker_project(index, found.module, symbol.value_name, roots, marker, depth + 1)
    if symbol.value_kind is not ValueKind.CALL or not symbol.value_name:
        return None
    stmt = node_at(found.module, symbol.line)
    value = stmt.value if isinstance(stmt, ast.Assign | ast.AnnAssign) else None
    if isinstance(value, ast.Call) and len(value.args) == 2 and _is_cast(found.module, value):
        value = value.args[1]  # sqlfluff: cast(Callable[[F], F], HookimplMarker(name))
    called = dotted_name(value.func) if isinstance(value, ast.Call) else None
    if called is None or not is_marker_class(index, found.module, called, roots, marker):
        return None
    assert isinstance(value, ast.Call)
    args = [*value.args, *(k.value for k in value.keywords if k.arg == "project_name")]
    return string_value(index, found.module, args[0], roots) if args else None


def _is_cast(module: ModuleInfo, call: ast.Call) -> bool:
    """``call`` is ``typing.cast(...)``, by whatever name the module imported it."""
    name = dotted_name(call.func)
    head, _, rest = (name or "").partition(".")
    symbol = module.symbols.get(head)
    if symbol is None or symbol.kind is not SymbolKind.IMPORT:
        return False
    if symbol.import_name is None:  # import typing [as t]: t.cast
        full = f"{symbol.import_module}.{rest}"
    else:  # from typing import cast [as c]
        full = f"{symbol.import_module}.{symbol.import_name}" + (f".{rest}" if rest else "")
    return full in ("typing.cast", "typing_extensions.cast")


def string_value(
    index: ModuleIndex, module: ModuleInfo, expr: ast.expr, roots: Sequence[Path], depth: int = 0
) -> str | None:
    """A string literal, a constant naming one (tox: ``HookimplMarker(NAME)``), or one folded
    from those (``PREFIX + "render"``, ``f"{PREFIX}render"``); ``None`` when not constant."""

    def named(name: str, depth: int) -> str | None:
        found = assigned_value(index, module, name, roots)
        if found is None:
            return enum_string(index, module, name, roots)
        return _constant_string(index, found[0], found[1], roots, depth)

    return folded_string(expr, named, depth, limit=10)


_STRINGS: WeakKeyDictionary[ast.expr, dict[tuple[Path, ...], str | None]] = WeakKeyDictionary()
"""The string each constant's assigned value folds to, by the roots it was read from."""


def _constant_string(
    index: ModuleIndex, module: ModuleInfo, expr: ast.expr, roots: Sequence[Path], depth: int
) -> str | None:
    """``string_value`` of a constant's value, folded once per roots with the work bound of a
    folding of its own: a value that names others a hundred times was folded again wherever it
    was named, 100**5 times in five lines (red team red60)."""
    known = _STRINGS.setdefault(expr, {})
    key = tuple(roots)
    if key not in known:
        known[key] = None  # a constant that names itself, through others, folds to nothing
        known[key] = string_value(index, module, expr, roots, depth + 1)
    return known[key]


def enum_string(
    index: ModuleIndex, module: ModuleInfo, dotted: str, roots: Sequence[Path]
) -> str | None:
    """The string an enum member is (``Hook.RENDER`` of a ``StrEnum`` or a ``(str, Enum)``,
    whose members are strings) or holds (``Hook.RENDER.value`` of any ``Enum``), when its
    class body gives it a literal; ``auto()`` in a ``StrEnum`` is the member's name in lower
    case. ``None`` for anything else (a plain ``Enum`` member is no string)."""
    path, _, member = dotted.rpartition(".")
    value = member == "value"
    if value:
        path, _, member = path.rpartition(".")
    found = resolve_dotted(index, module, path, roots) if path else None
    if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
        return None
    node = node_at(found.module, found.symbol.line)
    if not isinstance(node, ast.ClassDef):
        return None
    bases = {_enum_base(found.module, base) for base in node.bases}
    strings = "StrEnum" in bases or ("str" in bases and bool(bases & _ENUMS))
    if not (strings or (value and bases & _ENUMS)):
        return None
    # a class of its own choosing what auto() gives
    own = {stmt.name for stmt in node.body if isinstance(stmt, ast.FunctionDef)}
    for stmt in node.body:
        if not (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id == member
        ):
            continue
        literal = stmt.value
        if isinstance(literal, ast.Constant) and isinstance(literal.value, str):
            return literal.value
        if (
            isinstance(literal, ast.Call)
            and not literal.args
            and not literal.keywords
            and _enum_base(found.module, literal.func) == "auto"
            and "StrEnum" in bases
            and "_generate_next_value_" not in own
        ):
            return member.lower()
        return None
    return None


_ENUMS = frozenset({"Enum", "StrEnum"})


def _enum_base(module: ModuleInfo, expr: ast.expr) -> str | None:
    """What ``enum`` name (``StrEnum``, ``Enum``, ``auto``) ``expr`` spells in ``module``
    (``enum.StrEnum``, ``from enum import StrEnum as S``), or ``"str"`` for the builtin."""
    dotted = dotted_name(expr) or ""
    head, _, attr = dotted.partition(".")
    symbol = module.symbols.get(head)
    if symbol is None:
        return "str" if dotted == "str" else None
    if symbol.kind is not SymbolKind.IMPORT or symbol.import_module != "enum":
        return None
    if attr and symbol.import_name is None and "." not in attr:
        return attr
    return symbol.import_name if not attr else None


def assigned_value(
    index: ModuleIndex, module: ModuleInfo, name: str, roots: Sequence[Path]
) -> tuple[ModuleInfo, ast.expr] | None:
    """The expression the assignment that binds ``name`` (seen from ``module``, followed through
    imports) gives it, with the module it is in; ``None`` for any other binding."""
    found = resolve_dotted(index, module, name, roots)
    if not isinstance(found, Resolved):
        return None
    stmt = node_at(found.module, found.symbol.line)
    if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
        return found.module, stmt.value
    return None


def keywords_value(
    index: ModuleIndex, module: ModuleInfo, expr: ast.expr, roots: Sequence[Path], depth: int = 0
) -> dict[str, ast.expr] | None:
    """The keywords a ``**expr`` splat passes when source tells: a dict literal with string
    keys, ``dict(k=...)``, or a constant naming one (``OPTS = {"specname": "x"}``, defined once
    in the module or imported); ``None`` otherwise."""
    if depth > 10:
        return None
    if isinstance(expr, ast.Dict):
        keys = [
            k.value for k in expr.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
        ]
        if len(keys) != len(expr.keys):
            return None
        return dict(zip(keys, expr.values, strict=True))
    if isinstance(expr, ast.Call) and dotted_name(expr.func) == "dict" and not expr.args:
        found: dict[str, ast.expr] = {}
        for k in expr.keywords:
            inner = (
                {k.arg: k.value}
                if k.arg
                else keywords_value(index, module, k.value, roots, depth + 1)
            )
            if inner is None:
                return None
            found.update(inner)
        return found
    name = dotted_name(expr)
    value = assigned_value(index, module, name, roots) if name is not None else None
    if value is None:
        return None
    known = _KEYWORDS.setdefault(value[1], {})
    key = tuple(roots)
    if key not in known:  # once per constant, as _constant_string: `**O1` a hundred times a level
        known[key] = None  # a constant that names itself, through others, passes nothing
        known[key] = keywords_value(index, value[0], value[1], roots, depth + 1)
    return known[key]


_KEYWORDS: WeakKeyDictionary[ast.expr, dict[tuple[Path, ...], dict[str, ast.expr] | None]] = (
    WeakKeyDictionary()
)
"""The keywords each constant's assigned value passes, by the roots it was read from: five
lines of ``O0 = dict(**O1, **O1, ...)`` (a hundred each) were 100**5 reads, and plugcheck
never finished (red team red60)."""


# --- functions -------------------------------------------------------------------------

Function = ast.FunctionDef | ast.AsyncFunctionDef


def varnames(
    fn: Function | ast.Lambda, *, method: bool, static: bool, bound: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Positional names without and with defaults, as ``pluggy.varnames`` computes them.

    A method of a registered instance is bound: its first parameter goes whatever its name.
    """
    positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    count = len(fn.args.defaults)
    args = positional[:-count] if count else positional
    kwargs = positional[-count:] if count else []
    if method and not static and args and (bound or args[0] in IMPLICIT):
        args = args[1:]
    return tuple(args), tuple(kwargs)


def is_generator(fn: Function | ast.Lambda) -> bool:
    """A ``def`` containing ``yield`` (an ``async def`` never is: pluggy rejects it too)."""
    return not isinstance(fn, ast.AsyncFunctionDef) and has_yield(fn)


def has_yield(fn: Function | ast.Lambda) -> bool:
    """``yield`` in ``fn``'s own body (not in functions nested in it)."""
    stack: list[ast.AST] = [fn.body] if isinstance(fn, ast.Lambda) else list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Yield | ast.YieldFrom):
            return True
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return False


def own_nodes(fn: Function) -> list[ast.AST]:
    """The nodes of ``fn``'s body, not of functions or classes nested in it: last statement
    first, each node before its children, last child first (``syntax.own_backward``: walked
    once per function while its tree lives; the caller must not change the list)."""
    return own_backward(fn)


def is_marker_class(
    index: ModuleIndex, module: ModuleInfo, dotted: str, roots: Sequence[Path], marker: str
) -> bool:
    """Whether ``dotted`` names pluggy's marker class (also imported under another name)."""
    if dotted.rsplit(".", 1)[-1] == marker:
        return True
    if "." in dotted:
        return False
    found = index.resolve(module, dotted, roots)
    if isinstance(found, External):
        return found.name == marker
    if isinstance(found, Resolved):
        symbol = found.symbol
        return marker in (
            symbol.import_name,
            symbol.name if symbol.kind is SymbolKind.CLASS else "",
        )
    return False


def dotted_module(index: ModuleIndex, path: Path, roots: Sequence[Path]) -> str | None:
    """The module name ``path`` is imported by from the first of ``roots`` it is under."""
    # On the strings of real paths, resolved once per run: Path.relative_to and with_suffix
    # made new paths for every root (a plugin has several), again for each question.
    real = str(index.real(path))
    for root in roots:
        base = str(index.real(root))
        base = base if base.endswith(os.sep) else base + os.sep
        if not real.startswith(base):
            continue
        parts = real[len(base) :].split(os.sep)
        stem, dot, suffix = parts[-1].rpartition(".")
        if dot and stem and suffix:  # what with_suffix("") strips: not ".name" nor "name."
            parts[-1] = stem
        if parts[-1] == "__init__":
            parts.pop()
        if parts and all(p.isidentifier() for p in parts):
            return ".".join(parts)
    return None
