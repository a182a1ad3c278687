"""PC515: a statement the host's import of the plugin always runs always raises.

Only what is certain is judged: statements directly at the top level of the plugin's module and
of the plugin's own modules it imports there (no ``try``, ``with``, loop or function around
them; an ``if`` or ``assert`` only when the target decides its test), and among those a
``raise``, or an expression built only from literals that raises when evaluated
(``{}["missing"]``, ``(1, 2)[5]``, ``1 / 0``). PC110 warns about any import-time work; this rule
is the error for work that cannot succeed."""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from plugcheck.environment import Environment
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules import computed_imports
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.certain_end import exit_statement
from plugcheck.rules.literal_names import literal_names
from plugcheck.rules.none_at_import import none_uses
from plugcheck.static.bindings import Target
from plugcheck.static.branches import PLAIN_IMPORTS, decide
from plugcheck.static.parse import ModuleInfo

PC515 = rule(
    "PC515",
    "import-always-raises",
    Severity.ERROR,
    "A statement that runs whenever the host imports the plugin always raises: the import "
    "fails every time.",
    explains=("PC401",),
)


class _Unknown(Exception):
    """The expression is not made of literals only: its value is not known statically."""


_PROVEN = (KeyError, IndexError, ZeroDivisionError, TypeError, ValueError)
"""What evaluating literals can raise; anything else means plugcheck's evaluation is off."""

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}
_UNARY: dict[type[ast.unaryop], Callable[[Any], Any]] = {
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
    ast.Not: operator.not_,
}
_SIZE = 10_000


Names = dict[str, ast.expr]
"""Module-level names that certainly hold a literal (``literal_names``) and their values."""
_NONE: Names = {}


def _value(node: ast.expr, names: Names = _NONE) -> Any:
    """The value of a literal-only expression; raises what Python would raise evaluating it."""
    match node:
        case ast.Constant():
            return node.value
        case ast.Name(id=name) if name in names:
            rest = {k: v for k, v in names.items() if k != name}
            return _value(names[name], rest)
        case ast.Tuple() | ast.List() | ast.Set():
            if len(node.elts) > _SIZE or any(isinstance(e, ast.Starred) for e in node.elts):
                raise _Unknown
            items = [_value(e, names) for e in node.elts]
            kind = {ast.Tuple: tuple, ast.List: list, ast.Set: set}[type(node)]
            return kind(items)
        case ast.Dict():
            if len(node.keys) > _SIZE or any(k is None for k in node.keys):
                raise _Unknown
            keys = [k for k in node.keys if k is not None]  # `**` keys are refused above
            return {
                _value(k, names): _value(v, names) for k, v in zip(keys, node.values, strict=True)
            }
        case ast.Subscript():
            container = _value(node.value, names)
            if not isinstance(container, dict | list | tuple | str | bytes | set):
                raise _Unknown
            subscripted: Any = container  # a set is not subscriptable: Python's TypeError
            return subscripted[_index(node.slice, names)]
        case ast.BinOp(op=ast.Mod()) if isinstance(node.left, ast.Constant) and isinstance(
            node.left.value, str | bytes
        ):
            return _formatted(node.left.value, _value(node.right, names))
        case ast.BinOp() if type(node.op) in _BINARY:
            left, right = _value(node.left, names), _value(node.right, names)
            if not all(isinstance(v, int | float) for v in (left, right)):
                raise _Unknown  # sequences and formatting: sizes and __mod__ are not ours
            return _BINARY[type(node.op)](left, right)
        case ast.UnaryOp() if type(node.op) in _UNARY:
            operand = _value(node.operand, names)
            if not isinstance(operand, int | float) and not isinstance(node.op, ast.Not):
                raise _Unknown
            return _UNARY[type(node.op)](operand)
    raise _Unknown


_WIDE = re.compile(r"[*]|\d{4,}")


def _formatted(template: str | bytes, args: Any) -> Any:
    """``template % args`` (printf-style formatting of literals: ``"%s-%d" % ("x",)`` raises
    TypeError); a width or precision of its own or from the arguments (``*``) is not built."""
    text = template if isinstance(template, str) else template.decode("latin-1")
    if len(text) > _SIZE or _WIDE.search(text):
        raise _Unknown
    if not isinstance(args, tuple | dict | str | bytes | int | float | bool | type(None)):
        raise _Unknown
    return template % args


def _unpacked(stmt: ast.Assign) -> str | None:
    """Why ``a, b = <literal>`` always raises: a length that does not match, or a value that is
    not iterable (``A, B = "abc"``: ValueError)."""
    match stmt.targets:
        case [ast.Tuple(elts=names) | ast.List(elts=names)]:
            pass
        case _:
            return None
    starred = sum(isinstance(e, ast.Starred) for e in names)
    try:
        value = _value(stmt.value)
    except Exception:
        return None
    if starred > 1:
        return None
    if isinstance(value, int | float | complex | type(None)):
        return f"TypeError(cannot unpack non-iterable {type(value).__name__} object)"
    if not isinstance(value, tuple | list | str | bytes):
        return None  # a set or dict literal: duplicates fold, order is the interpreter's
    got, want = len(value), len(names)
    if starred and got < want - 1:
        return f"ValueError(not enough values to unpack (expected at least {want - 1}, got {got}))"
    if not starred and got > want:
        return f"ValueError(too many values to unpack (expected {want}))"
    if not starred and got < want:
        return f"ValueError(not enough values to unpack (expected {want}, got {got}))"
    return None


def _index(node: ast.expr, names: Names = _NONE) -> Any:
    if isinstance(node, ast.Slice):
        parts = (node.lower, node.upper, node.step)
        return slice(*(None if p is None else _value(p, names) for p in parts))
    return _value(node, names)


def _raises(node: ast.expr, names: Names = _NONE) -> BaseException | None:
    """What evaluating ``node`` always raises, when it is made of literals (and names that
    certainly hold literals) only."""
    try:
        _value(node, names)
    except _Unknown:
        return None
    except _PROVEN as exc:
        return exc
    except Exception:  # anything else: plugcheck does not claim to know what happens
        return None
    return None


def _known(test: ast.expr, env: Environment) -> bool | None:
    target = Target(env.version, env.markers.get("sys_platform"), env.markers.get("os_name"))
    return decide(test, PLAIN_IMPORTS, target)


def _always_raises(
    stmt: ast.stmt, env: Environment, names: Names = _NONE, info: ModuleInfo | None = None
) -> tuple[str, ast.stmt] | None:
    """Why ``stmt``, run, always raises, and the statement that raises (inside an ``if`` the
    target decides: ``if sys.version_info < (3, 12): raise ImportError(...)``, and an
    ``assert`` whose test it decides count too); ``None`` when it may succeed. ``names``: the
    module-level names that certainly hold a literal here; ``info``: the module, to read a call
    of ``sys.exit()`` or ``os._exit()`` through its imports."""
    if info is not None and isinstance(stmt, ast.Expr):
        ended = exit_statement(info, stmt, set())
        if ended is not None:
            return f"`{_shown(stmt)}` at module level ends the host's process", stmt
    match stmt:
        case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
            for part in _evaluated_by_definition(stmt):
                exc = _raises(part, names) if names else None
                if exc is not None:
                    return f"`{_shown(part)}` raises {type(exc).__name__}({exc})", stmt
        case ast.Raise():
            return f"`{_shown(stmt)}` at module level", stmt
        case ast.Assert(test=test) if _known(test, env) is False:
            return f"`{_shown(stmt)}` fails on the target interpreter", stmt
        case ast.If(test=test) if (taken := _known(test, env)) is not None:
            for sub in stmt.body if taken else stmt.orelse:
                found = _always_raises(sub, env, names, info)
                if found is not None:
                    return f"{found[0]} (`if {_shown(test)}:` is {taken} there)", found[1]
        case ast.Expr() | ast.Assign() | ast.AnnAssign() if stmt.value is not None:
            exc = _raises(stmt.value, names)
            if exc is not None:
                return f"`{_shown(stmt.value)}` raises {type(exc).__name__}({exc})", stmt
            if isinstance(stmt, ast.Assign) and (unpacked := _unpacked(stmt)) is not None:
                return f"`{_shown(stmt)}` raises {unpacked}", stmt
    return None


def _evaluated_by_definition(
    stmt: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
) -> Iterator[ast.expr]:
    """What a ``def`` or ``class`` statement evaluates when it runs, in Python's order: the
    decorators, then a function's defaults or a class's bases and keywords (and, inside a
    decorator's call, its arguments)."""
    parts: list[ast.expr] = list(stmt.decorator_list)
    if isinstance(stmt, ast.ClassDef):
        parts += [*stmt.bases, *(k.value for k in stmt.keywords)]
    else:
        parts += [*stmt.args.defaults, *(d for d in stmt.args.kw_defaults if d is not None)]
    for part in parts:
        yield from _arguments(part)


def _arguments(node: ast.expr) -> Iterator[ast.expr]:
    """``node``, or for a call the arguments it evaluates before calling (``hookimpl(
    tryfirst=_DEFAULTS["first"])``: the option)."""
    if isinstance(node, ast.Call):
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            yield from _arguments(arg.value if isinstance(arg, ast.Starred) else arg)
    else:
        yield node


always_raises = _always_raises
"""(public) Why a top-level statement always raises: ``class_literals`` stops there too."""


def raises_on_import(info: ModuleInfo) -> str | None:
    """The top-level statement that makes every import of ``info``'s module fail (shown), as
    in a module a library keeps only to raise ``ImportError("use pkg.new")``; else ``None``."""
    if info.tree is None:
        return None
    for stmt in info.tree.body:
        if isinstance(stmt, ast.Raise):
            return f"`{_shown(stmt)}`"
    return None


def _shown(node: ast.AST) -> str:
    text = ast.unparse(node).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."


# --- which files the host's import runs -------------------------------------------------


def _module_file(ctx: Context, base: Path) -> Path | None:
    if ctx.index.is_file(base / "__init__.py"):
        return base / "__init__.py"
    if ctx.index.is_file(base.with_suffix(".py")):
        return base.with_suffix(".py")
    return None


def _imported(roots: list[Path], ctx: Context, path: Path, stmt: ast.stmt) -> Iterator[Path]:
    """The files of ``roots`` a top-level import statement in ``path`` runs."""
    match stmt:
        case ast.Import():
            for alias in stmt.names:
                parts = alias.name.split(".")
                for end in range(1, len(parts) + 1):
                    found = ctx.index.find_module(".".join(parts[:end]), roots)
                    if found is not None:
                        yield found
        case ast.ImportFrom() if stmt.level:
            base = path.parent
            for _ in range(stmt.level - 1):
                base = base.parent
            for part in (stmt.module or "").split(".") if stmt.module else []:
                base = base / part
                if (found := _module_file(ctx, base)) is not None:
                    yield found
            for alias in stmt.names:
                if (
                    alias.name != "*"
                    and (found := _module_file(ctx, base / alias.name)) is not None
                ):
                    yield found  # `from . import sub` imports the submodule
        case ast.ImportFrom() if stmt.module:
            parts = stmt.module.split(".")
            for end in range(1, len(parts) + 1):
                found = ctx.index.find_module(".".join(parts[:end]), roots)
                if found is not None:
                    yield found


def imported_files(ctx: Context, plugin: Plugin, path: Path, stmt: ast.stmt) -> Iterator[Path]:
    """The files of the plugin's import roots a top-level import statement in ``path`` runs,
    the imported module last."""
    return _imported(ctx.roots(plugin), ctx, path, stmt)


def loaded(ctx: Context, plugin: Plugin) -> list[Path]:
    """The plugin's own files the host's import of it certainly runs, the module first."""
    return memo(ctx, ("loaded", ctx.contract.name, plugin.key), lambda: list(_loaded(ctx, plugin)))


def _own_roots(ctx: Context, plugin: Plugin, own: set[Path]) -> list[Path]:
    """The import roots up to the last one holding a file of the plugin: an import found only
    in a later root is not the plugin's own file, so looking further is wasted."""
    roots = ctx.roots(plugin)
    folders = {folder for f in own for folder in f.parents}
    holding = [
        i
        for i, root in enumerate(roots)
        if (resolved := _resolved(ctx, root)) is not None and resolved in folders
    ]
    return roots[: holding[-1] + 1] if holding else []


def _resolved(ctx: Context, path: Path) -> Path | None:
    try:
        return ctx.index.real(path)
    except OSError:
        return None


def _loaded(ctx: Context, plugin: Plugin) -> Iterator[Path]:
    if plugin.module_path is None:
        return
    own = {ctx.index.real(p) for p in (*plugin.files, plugin.module_path)}
    roots = _own_roots(ctx, plugin, own)
    resolved: dict[Path, Path] = {}
    queue = [plugin.module_path]
    if plugin.import_root is not None and "." in plugin.module:
        # Importing pkg.sub.mod runs pkg/__init__.py and pkg/sub/__init__.py first.
        parts = plugin.module.split(".")[:-1]
        queue[:0] = [
            found
            for end in range(1, len(parts) + 1)
            if (found := _module_file(ctx, plugin.import_root.joinpath(*parts[:end]))) is not None
        ]
    seen: set[Path] = set()
    while queue:
        path = queue.pop(0)
        real = resolved.get(path)
        if real is None:
            real = resolved[path] = ctx.index.real(path)
        if real in seen or real not in own:
            continue
        seen.add(real)
        yield path
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        for stmt in info.tree.body:
            if _always_raises(stmt, ctx.env) is not None:
                break  # the rest of the module never runs
            queue.extend(_imported(roots, ctx, path, stmt))


@plugin_check(PC515)
def import_always_raises(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        literal = literal_names(info)
        on_none = none_uses(info)
        names: Names = {}
        for top in info.tree.body:
            found: tuple[str, ast.stmt | ast.expr] | None = _always_raises(
                top, ctx.env, names, info
            ) or on_none.get(id(top))
            if isinstance(top, ast.Assign) and any(top is a for a in literal.values()):
                target = top.targets[0]
                assert isinstance(target, ast.Name)
                names[target.id] = top.value  # read by the statements after it
            if found is None:
                continue
            why, stmt = found
            yield PC515.at(
                plugin,
                Location(
                    path, stmt.lineno, 1 if isinstance(stmt, ast.expr) else stmt.col_offset + 1
                ),
                f"{why}: it runs whenever the host imports {plugin.module}, so the import "
                "always fails",
                fix="do not raise at import time: move the check into a function the host "
                "calls (init(), a hook), or fix the expression",
            )
            break  # the import stops at the first statement that raises


def reachable(ctx: Context, plugin: Plugin) -> set[Path] | None:
    """The plugin's own files (resolved) that any import reachable from its module imports:
    module-level or in a function, guarded or not. An import by a computed name
    (``importlib.import_module(name)``) is one edge whose ends are guessed as
    :mod:`plugcheck.rules.computed_imports` states. ``None`` when a reached file cannot be read:
    then any file may run. A file no import reaches (a test module shipped in the package)
    never runs when the host loads the plugin."""
    return memo(ctx, ("reachable", ctx.contract.name, plugin.key), lambda: _reachable(ctx, plugin))


def guessed(ctx: Context, plugin: Plugin) -> set[Path]:
    """The files of :func:`reachable` that only the guess for an import by a name nothing
    spells reaches (every module of the importing module's package, its tests among them):
    no import the plugin's code names runs them."""
    every = reachable(ctx, plugin)
    if every is None:
        return set()
    named = memo(
        ctx,
        ("reachable-named", ctx.contract.name, plugin.key),
        lambda: _reachable(ctx, plugin, folders=False),
    )
    return every - named if named is not None else set()


def _reachable(ctx: Context, plugin: Plugin, *, folders: bool = True) -> set[Path] | None:
    if plugin.module_path is None:
        return None
    by_real = {ctx.index.real(p): p for p in (*plugin.files, plugin.module_path)}
    own = set(by_real)
    roots = _own_roots(ctx, plugin, own)
    dotted: dict[Path, str] | None = None
    spelled: set[str] = set()
    scanned: set[Path] = set()
    queue = [plugin.module_path, *_parents(ctx, plugin)]
    seen: set[Path] = set()
    unknown = False  # an edge with no known name: the modules reached spell the candidates
    while True:
        while queue:
            path = queue.pop()
            real = ctx.index.real(path)
            if real in seen or real not in own:
                continue
            seen.add(real)
            info = ctx.index.info(path)
            if info is None:
                return None
            for node in info.every_import:
                queue.extend(_imported(roots, ctx, path, node))
                if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    queue.extend(  # `from pkg import sub` imports the submodule pkg.sub
                        found
                        for alias in node.names
                        if (found := ctx.index.find_module(f"{node.module}.{alias.name}", roots))
                    )
            for name in info.imports_by_name:
                if name is not None and (found := ctx.index.find_module(name, roots)) is not None:
                    queue.append(found)
            if None not in info.imports_by_name:
                continue
            if dotted is None:
                resolved = [r for root in roots if (r := _resolved(ctx, root)) is not None]
                dotted = computed_imports.dotted_names(own, resolved)
            module = dotted.get(real)
            for edge in computed_imports.computed_edges(info, module, real.name == "__init__.py"):
                if edge.prefix is not None:
                    prefix = edge.prefix
                    queue.extend(
                        by_real[f]
                        for f, n in dotted.items()
                        if n.startswith(prefix) or prefix.startswith(n + ".") or n == prefix
                    )
                    continue
                unknown = True
                folder = real.parent  # the importing module's own package
                queue.extend(by_real[f] for f in own if folders and f.is_relative_to(folder))
        if not unknown or dotted is None:
            return seen
        tops = {n.partition(".")[0] for n in dotted.values()}
        for real in seen - scanned:
            info = ctx.index.info(by_real[real])
            if info is not None:
                spelled |= computed_imports.spelled_names(info, tops)
        scanned |= seen
        # Importing pkg.sub.mod runs pkg/sub/__init__.py too.
        heads = {name.rsplit(".", end)[0] for name in spelled for end in range(name.count(".") + 1)}
        queue.extend(by_real[f] for f, n in dotted.items() if f not in seen and n in heads)
        if not any(ctx.index.real(p) not in seen for p in queue):
            return seen


def _parents(ctx: Context, plugin: Plugin) -> list[Path]:
    """Importing pkg.sub.mod runs pkg/__init__.py and pkg/sub/__init__.py first."""
    if plugin.import_root is None or "." not in plugin.module:
        return []
    parts = plugin.module.split(".")[:-1]
    return [
        found
        for end in range(1, len(parts) + 1)
        if (found := _module_file(ctx, plugin.import_root.joinpath(*parts[:end]))) is not None
    ]
