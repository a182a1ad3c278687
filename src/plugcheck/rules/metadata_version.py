"""PC539: the host's import of the plugin reads the metadata of a distribution that is not there.

Only what is certain is judged: a statement directly at the top level of a module the import runs
(``import_raises.loaded``: no ``if``, ``with``, loop or function around it; a ``try`` only when
it is the first statement of the body and no handler catches ``PackageNotFoundError``, as
``except LookupError:`` does not) whose value
is a call of ``importlib.metadata``'s ``version``, ``metadata``, ``distribution``, ``files`` or
``requires`` (also through ``from importlib import metadata`` and the ``importlib_metadata``
backport) with a literal distribution name that neither the target environment
(``Environment.distributions``) nor a ``*.dist-info``/``*.egg-info`` directory on the contract's
search path or the plugin's import root provides.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator
from pathlib import Path

from packaging.utils import canonicalize_name

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.own_imports import loaded
from plugcheck.rules.reached import Function
from plugcheck.rules.straight_code import certain_nodes
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import dotted_name

PC539 = rule(
    "PC539",
    "metadata-not-installed",
    Severity.ERROR,
    "The host's import of the plugin (or a lifecycle method, on every call) reads, unguarded, "
    "the metadata of a distribution that is not installed in the target environment: it fails "
    "with PackageNotFoundError.",
    explains=("PC401", "PC405", "PC407", "PC408"),
)

_READERS = frozenset({"version", "metadata", "distribution", "files", "requires"})
_MODULES = ("importlib.metadata", "importlib_metadata")


def _readers(tree: ast.Module) -> set[str]:
    """How the module spells the metadata readers: ``version``, ``metadata.version``, ..."""
    found = {f"{m}.{r}" for m in _MODULES for r in _READERS}
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module in _MODULES and not stmt.level:
            found |= {a.asname or a.name for a in stmt.names if a.name in _READERS}
        elif isinstance(stmt, ast.ImportFrom) and stmt.module == "importlib" and not stmt.level:
            for a in stmt.names:
                if a.name == "metadata":
                    found |= {f"{a.asname or a.name}.{r}" for r in _READERS}
    return found


def _shipped(roots: list[Path]) -> set[str]:
    """Distribution names whose metadata directories sit directly in ``roots``."""
    names: set[str] = set()
    for root in roots:
        if not root.is_dir():
            continue
        for entry in root.iterdir():
            if entry.suffix in (".dist-info", ".egg-info"):
                names.add(canonicalize_name(entry.stem.split("-")[0]))
    return names


@plugin_check(PC539)
def metadata_not_installed(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    if not ctx.env.distributions:
        return  # the target's distributions are not known: nothing is certain
    present: set[str] | None = None
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        readers = _readers(info.tree)
        for stmt in info.tree.body:
            if isinstance(stmt, ast.Try) and stmt.body and _uncaught(stmt.handlers, info):
                stmt = stmt.body[0]  # runs first; no handler catches PackageNotFoundError
            if not isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign):
                continue
            call = stmt.value
            name = _read_name(call, readers)
            if name is None:
                continue
            if present is None:
                present = _present(ctx, plugin)
            if canonicalize_name(name) in present:
                continue
            assert isinstance(call, ast.Call)  # _read_name found a name in it
            yield PC539.at(
                plugin,
                Location(path, call.lineno, call.col_offset + 1),
                f"`{ast.unparse(call)[:80]}` runs whenever the host imports {plugin.module}, "
                f"but no distribution {name!r} is installed in the target environment: the "
                "import fails with PackageNotFoundError",
                fix=f"install {name} in the host's environment, or guard the call with "
                "`try: ... except PackageNotFoundError:` and a fallback version",
            )


_CATCHING = frozenset(
    c.__name__ for c in (ModuleNotFoundError, ImportError, Exception, BaseException)
)
"""The builtin classes PackageNotFoundError derives from: a handler naming one catches it."""


def _uncaught(handlers: list[ast.ExceptHandler], info: ModuleInfo) -> bool:
    """Every handler names builtin exception classes only (the module binds none of those
    names), none of which PackageNotFoundError is: ``except LookupError:`` lets it through."""
    for handler in handlers:
        kind = handler.type
        names = kind.elts if isinstance(kind, ast.Tuple) else [kind]
        for name in names:
            if not isinstance(name, ast.Name) or name.id in _CATCHING:
                return False
            known = getattr(builtins, name.id, None)
            if not (isinstance(known, type) and issubclass(known, BaseException)):
                return False
            if name.id in info.symbols:
                return False
    return bool(handlers)


def unread_metadata(
    ctx: Context, plugin: Plugin, info: ModuleInfo, method: Function
) -> tuple[ast.Call, str] | None:
    """A metadata read with a literal distribution name the target lacks, in code every run
    of ``method`` (a lifecycle method) reaches, with the name."""
    if not ctx.env.distributions or info.tree is None:
        return None
    readers = _readers(info.tree)
    present: set[str] | None = None
    for node in certain_nodes(method):
        name = _read_name(node, readers)
        if name is None:
            continue
        if present is None:
            present = _present(ctx, plugin)
        if canonicalize_name(name) not in present:
            assert isinstance(node, ast.Call)  # _read_name found a name in it
            return node, name
    return None


def _read_name(node: ast.AST | None, readers: set[str]) -> str | None:
    """The distribution ``node`` reads the metadata of, when it is a call of one of
    ``readers`` with a literal name alone."""
    if not isinstance(node, ast.Call) or (dotted_name(node.func) or "") not in readers:
        return None
    match node.args:
        case [ast.Constant(value=str(name))] if not node.keywords:
            return name
    return None


def _present(ctx: Context, plugin: Plugin) -> set[str]:
    """The distributions the target has, or the plugin's roots ship (normalised names)."""
    roots = [*ctx.contract.search_path, *filter(None, [plugin.import_root])]
    return {canonicalize_name(n) for n in ctx.env.distributions} | _shipped(roots)
