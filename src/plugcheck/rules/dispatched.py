"""Methods a host calls by their name's suffix (PC568, ``dispatched-methods``).

Visitor-style hosts dispatch on a method's name: pylint's ASTWalker calls a checker's
``visit_<node class, lowercased>`` and ``leave_<...>`` for each node it walks (and nothing
else), as ``ast.NodeVisitor`` calls ``visit_<class name>``. A method whose suffix names no node
class (``visit_modul``, ``visit_tryexcept`` once astroid renamed ``TryExcept`` to ``Try``)
loads, registers and is never called: the check it holds silently never runs. The suffixes the
host dispatches are read from the installed host's source (``astroid.nodes:ALL_NODE_CLASSES``),
never imported.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugcheck import config as _config
from plugcheck.model import Finding, Location, Partial, Plugin, Severity, TypeRef
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.class_walk import ClassRef, ClassWalk, definition, host_class_ref
from plugcheck.static.index import Resolved
from plugcheck.static.parse import SymbolKind, dotted_name
from plugcheck.static.resolve import module_statements, node_at, resolve_dotted

PC568 = rule(
    "PC568",
    "undispatched-method",
    Severity.ERROR,
    "A method of a plugin class is named for the host's name-based dispatch (`visit_*`), but its "
    "suffix names nothing the installed host dispatches: it is never called.",
)

SCHEMA = _config.table_of(
    {
        "base": _config.TYPEREF,
        "prefixes": _config.STRINGS,
        "names": {"anyOf": [_config.TYPEREF, _config.STRINGS]},
        "lowercase": _config.BOOLEAN,
        "also": _config.STRINGS,
    },
    "base",
    "prefixes",
    "names",
)
_KEYS = set(SCHEMA["properties"])


def _validate(raw: Any) -> str | None:
    if not isinstance(raw, list) or not raw:
        return "must be a list of tables ([[...dispatched-methods]]): " + ", ".join(sorted(_KEYS))
    for entry in raw:
        problem = _validate_one(entry)
        if problem is not None:
            return problem
    return None


def _validate_one(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return "each entry must be a table: " + ", ".join(sorted(_KEYS))
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (expected one of: {', '.join(sorted(_KEYS))})"
    base = raw.get("base")
    if not isinstance(base, str) or not _config._TYPEREF.match(base):
        return (
            '`base` (the host class whose subclasses it dispatches to, "module:Class") is '
            f"required, got {base!r}"
        )
    prefixes = raw.get("prefixes")
    if not isinstance(prefixes, list) or not prefixes or not all(_identifier(p) for p in prefixes):
        return (
            f'`prefixes` must be a list of method-name prefixes, e.g. ["visit_"], got {prefixes!r}'
        )
    names = raw.get("names")
    if not (isinstance(names, str) and _config._TYPEREF.match(names)) and not _strings(names):
        return (
            '`names` must be "module:NAME" (a tuple, list or set in the host\'s source, of '
            f"classes or strings) or a list of strings, got {names!r}"
        )
    if "lowercase" in raw and not isinstance(raw["lowercase"], bool):
        return f"`lowercase` must be true or false, got {raw['lowercase']!r}"
    if "also" in raw and not _strings(raw["also"]):
        return f"`also` must be a list of strings, got {raw['also']!r}"
    return None


def _identifier(value: object) -> bool:
    return isinstance(value, str) and value.isidentifier()


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


FIELDS = {
    "dispatched-methods": _config.Field(
        _validate,
        {"type": "array", "items": SCHEMA},
        "Methods the host calls by name on subclasses of `base`: `prefixes` + one of `names` "
        "(PC568).",
    ),
}


@dataclass(frozen=True, slots=True)
class Dispatch:
    base: TypeRef
    prefixes: tuple[str, ...]
    names: str | tuple[str, ...]
    """``module:NAME`` in the host's source, or the names themselves."""
    lowercase: bool
    also: tuple[str, ...]


def dispatches(options: Mapping[str, Any]) -> list[Dispatch]:
    out = []
    for raw in options.get("dispatched-methods", ()):
        module, _, name = str(raw["base"]).strip().partition(":")
        names = raw["names"]
        out.append(
            Dispatch(
                TypeRef(module, name),
                tuple(raw["prefixes"]),
                names if isinstance(names, str) else tuple(names),
                bool(raw.get("lowercase", False)),
                tuple(raw.get("also", ())),
            )
        )
    return out


@plugin_check(PC568)
def undispatched(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for dispatch in dispatches(ctx.contract.options):
        key = ("dispatched-methods", ctx.contract.name, dispatch)
        host = memo(ctx, key, lambda: _host(ctx, dispatch))  # noqa: B023  # called at once
        if host is not None:
            yield from _misnamed(ctx, plugin, dispatch, *host)


def _host(ctx: Context, dispatch: Dispatch) -> tuple[ClassRef, frozenset[str], str] | None:
    """The host's base class, the suffixes it dispatches and where they were read; ``None``
    (with a note) when the host's source does not say."""
    base = host_class_ref(ctx, dispatch.base)
    names = _names(ctx, dispatch.names)
    if base is None or names is None:
        missing = dispatch.base if base is None else dispatch.names
        ctx.notes.append(  # Partial: a passing summary names the check left out
            Partial(
                f"{ctx.contract.name}: dispatched-methods: {missing} is not read from the "
                f"installed host's source: the names of methods on subclasses of "
                f"{dispatch.base} ({', '.join(p + '*' for p in dispatch.prefixes)}) are not "
                "checked (PC568)"
            )
        )
        return None
    shown = dispatch.names if isinstance(dispatch.names, str) else "the contract's names"
    found = {n.lower() if dispatch.lowercase else n for n in names} | set(dispatch.also)
    return base, frozenset(found), shown.replace(":", ".")


def _names(ctx: Context, names: str | tuple[str, ...]) -> tuple[str, ...] | None:
    """``module:NAME``'s elements as the host's source assigns them: class names (``Module``
    of ``nodes.Module``) or strings; ``None`` when that is not a literal plugcheck reads."""
    if not isinstance(names, str):
        return names
    module, _, name = names.strip().partition(":")
    path = ctx.index.find_module(module, ctx.api_roots())
    info = ctx.index.info(path) if path else None
    if info is None or info.tree is None:
        return None
    value = None
    for stmt in module_statements(info.tree.body):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and any(
            isinstance(t, ast.Name) and t.id == name for t in targets
        ):
            value = stmt.value  # the last binding, as the module leaves it
    if not isinstance(value, ast.Tuple | ast.List | ast.Set):
        return None
    out = []
    for element in value.elts:
        if isinstance(element, ast.Constant) and isinstance(element.value, str):
            out.append(element.value)
        elif isinstance(element, ast.Name | ast.Attribute):
            out.append((dotted_name(element) or "").rsplit(".", 1)[-1])
        else:
            return None  # a starred or computed element: the set is not known
    return tuple(out)


def _misnamed(
    ctx: Context,
    plugin: Plugin,
    dispatch: Dispatch,
    host: ClassRef,
    names: frozenset[str],
    where: str,
) -> Iterator[Finding]:
    roots = ctx.roots(plugin)
    called = _called_names(ctx, plugin)
    if any(p in called for p in dispatch.prefixes):
        return  # getattr(self, "visit_" + kind): the plugin dispatches by name itself
    seen: set[tuple[Path, int]] = set()
    for cls in _dispatched_classes(ctx, plugin, host, roots):
        if cls.key in seen:
            continue
        seen.add(cls.key)
        node = node_at(cls.found.module, cls.found.symbol.line)
        if not isinstance(node, ast.ClassDef):
            continue
        aliased = {  # visit_try = visit_tryexcept: the method is dispatched under another name
            n.id
            for stmt in node.body
            if isinstance(stmt, ast.Assign)
            for n in ast.walk(stmt.value)
            if isinstance(n, ast.Name)
        }
        for stmt in node.body:
            if not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            prefix = next((p for p in dispatch.prefixes if stmt.name.startswith(p)), None)
            if prefix is None or stmt.name in aliased or stmt.name in called:
                continue
            suffix = stmt.name[len(prefix) :]
            if suffix in names:
                continue
            close = (
                difflib.get_close_matches(suffix, sorted(names), n=1, cutoff=0.6)
                or [
                    n
                    for n in sorted(names, key=len, reverse=True)
                    if len(n) > 2 and suffix.startswith(n)
                ][:1]
            )  # tryexcept: astroid's Try took TryExcept's place
            meant = f"{prefix}{close[0]}" if close else None
            hint = f" (did you mean {meant}?)" if meant else ""
            yield PC568.at(
                plugin,
                Location(cls.found.module.path, stmt.lineno, stmt.col_offset + 1),
                f"{cls.name}.{stmt.name} is never called: the host calls the "
                f"{prefix}<name> methods of {dispatch.base.module}.{dispatch.base.name} "
                f"subclasses only for the names in the installed {where}, and {suffix!r} is not "
                f"one of them{hint}",
                fix=f"rename it to {meant}" if meant else f"name it {prefix}<one of {where}>",
                subject=stmt.name,
            )


def _dispatched_classes(
    ctx: Context, plugin: Plugin, host: ClassRef, roots: list[Path]
) -> Iterator[ClassRef]:
    """The plugin's classes that derive from ``host``, then the plugin's own classes among
    their bases (a mixin's methods are the subclass's)."""
    for path in plugin.files:
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        for stmt in module_statements(info.tree.body):
            if not isinstance(stmt, ast.ClassDef):
                continue
            found = ctx.index.resolve(info, stmt.name, roots)
            if not isinstance(found, Resolved) or found.symbol.kind is not SymbolKind.CLASS:
                continue
            cls = ClassRef(found)
            walk = ClassWalk(ctx, roots, host)
            if walk.reaches(cls):
                yield cls
                yield from _own_bases(ctx, plugin, cls, roots, 0)


def _own_bases(
    ctx: Context, plugin: Plugin, cls: ClassRef, roots: list[Path], depth: int
) -> Iterator[ClassRef]:
    node = node_at(cls.found.module, cls.found.symbol.line)
    if depth > 20 or not isinstance(node, ast.ClassDef):
        return
    files = {p.resolve() for p in plugin.files}
    for base in node.bases:
        name = dotted_name(base.value if isinstance(base, ast.Subscript) else base)
        found = resolve_dotted(ctx.index, cls.found.module, name, roots) if name else None
        if isinstance(found, Resolved):
            found = definition(ctx, found, roots)
            if found.symbol.kind is SymbolKind.CLASS and found.module.path.resolve() in files:
                yield ClassRef(found)
                yield from _own_bases(ctx, plugin, ClassRef(found), roots, depth + 1)


def _called_names(ctx: Context, plugin: Plugin) -> set[str]:
    """Attribute names the plugin's code reads (``self.visit_x(node)``, ``getattr(x, "...")``),
    and the strings it holds (``"visit_"`` + a name; an f-string's head): a method called by the
    plugin itself is a helper, whatever the host dispatches."""
    out: set[str] = set()
    for path in plugin.files:
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        for node in ast.walk(info.tree):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
                out.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]  # f"visit_{kind}": its constant head, as a prefix
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    out.add(first.value)
    return out
