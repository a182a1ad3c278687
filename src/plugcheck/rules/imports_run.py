"""Which imports of a module run when the host imports it: unguarded by ``except ImportError``,
not under ``if TYPE_CHECKING:`` or a ``__main__`` guard, in a branch the target may take;
``importlib.import_module`` and ``__import__`` calls with literal names too."""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from plugcheck.environment import Environment
from plugcheck.model import Plugin
from plugcheck.rules.import_edges import may_suppress_import_error
from plugcheck.rules.module_layout import dotted_below
from plugcheck.static.bindings import Binding, target_of
from plugcheck.static.branches import PLAIN_IMPORTS, decide, module_scope
from plugcheck.static.effects import find_spec_parent
from plugcheck.static.import_flags import flag_test
from plugcheck.static.parse import catches, dotted_name, is_main_guard, is_type_checking
from plugcheck.static.syntax import tried as syntax_tried

if TYPE_CHECKING:
    from plugcheck.rules.installed_modules import Installed

_IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


@dataclass(frozen=True, slots=True)
class RunImport:
    module: str
    node: ast.stmt
    level: int = 0
    """For ``from .x import y``: the number of dots (the plugin's own modules)."""
    names: tuple[str, ...] = ()
    """For ``from M import a, b``: the names (a name may be a submodule)."""
    anchor: str = ""
    """For ``importlib.import_module(".x", __name__)``: the module-level name the relative
    import is anchored on (``__name__`` or ``__package__``); empty for an import statement."""


def known_test(
    test: ast.expr, env: Environment, scope: dict[str, Binding] = PLAIN_IMPORTS
) -> bool | None:
    """The value of an ``if`` test on the target (``static.branches.decide``, the decider the
    pluggy pass uses too); ``None`` when the target does not decide it. ``scope``: the
    module's (``module_scope``), for tests on its constants (``if PY2:``)."""
    return decide(test, scope, target_of(env))


def imports_run(
    body: Sequence[ast.stmt],
    env: Environment,
    installed: Installed,
    *,
    certain: bool = False,
    bound: Collection[str] = (),
    scope: dict[str, Binding] | None = None,
    module: str = "",
    top: Sequence[ast.stmt] | None = None,
) -> Iterator[RunImport]:
    """The absolute imports that run when the module is imported, unguarded; ``certain``: none
    in a branch whose test is not decided (a library's ``if TYPE_CHECKING or py38:``);
    ``bound``: the names the module binds (a Python 2 probe in a ``try`` stops its body);
    ``scope``: the module's constants (read from ``body`` when not given); ``module``: the
    package its relative imports start from, ``top``: its whole body (for availability flags,
    ``if HAS_PYARROW:``)."""
    scope = module_scope(body) if scope is None else scope
    top = body if top is None else top
    again = partial(
        imports_run, env=env, installed=installed, bound=bound, scope=scope, module=module, top=top
    )
    for stmt in body:
        match stmt:
            case ast.Import():
                for alias in stmt.names:
                    yield RunImport(alias.name, stmt)
            case ast.ImportFrom():
                names = tuple(a.name for a in stmt.names)
                yield RunImport(stmt.module or "", stmt, stmt.level, names)
            case ast.If():
                if is_type_checking(stmt.test) or is_main_guard(stmt.test):
                    yield from again(stmt.orelse)
                    continue
                taken = known_test(stmt.test, env, scope)
                if taken is None:
                    taken = flag_test(stmt.test, top, module, installed.tree_of, installed.has)
                if taken is None and certain:
                    continue
                if taken is not False:
                    yield from again(stmt.body, certain=certain)
                if taken is not True:
                    yield from again(stmt.orelse, certain=certain)
            case ast.Try():
                guarded = catches(stmt.handlers, _IMPORT_ERRORS)
                tried = list(again(syntax_tried(stmt, bound), certain=certain))
                if not guarded:
                    yield from tried
                # A handler's imports run when an import of the try body failed; the `else`
                # block's only when none did (`try: import alembic / except ImportError: pass /
                # else: from alembic.ddl import base`: nothing to judge without alembic).
                failed = any(not installed.has(i.module) for i in tried)
                if not guarded or failed:
                    for handler in stmt.handlers:
                        yield from again(handler.body, certain=certain)
                if not (guarded and failed):
                    yield from again(stmt.orelse, certain=certain)
                yield from again(stmt.finalbody, certain=certain)
            case ast.With() if not may_suppress_import_error(stmt):
                yield from again(stmt.body, certain=certain)
            case (
                ast.Expr(value=ast.Call() as call)
                | ast.Assign(value=ast.Call() as call)
                | ast.Assign(value=ast.Attribute(value=ast.Call() as call))
                | ast.Assign(value=ast.Compare(left=ast.Call() as call))
            ):  # also `hook = import_module(".impl", __package__).hook`, `find_spec(m) is None`
                found = import_module_call(call, stmt)
                if found is not None:
                    yield found


def package_of(path: Path, plugin: Plugin) -> str:
    """The package a module file's relative imports start from."""
    named = dotted_below(path, plugin.import_root)
    return named if path.name == "__init__.py" else named.rpartition(".")[0]


_IMPORT_MODULE = frozenset({"importlib.import_module", "import_module"})
_ANCHORS = frozenset({"__name__", "__package__"})


def import_module_call(call: ast.Call, stmt: ast.stmt) -> RunImport | None:
    """``importlib.import_module("m")``, ``import_module(".m", __name__)`` or
    ``import_module(f"{__name__}.m")`` with a literal name, as the import it runs; and
    ``__import__("m")`` with the name alone (an absolute import of it); ``find_spec("a.b")``
    imports the parent ``a`` (ModuleNotFoundError when it is missing, not None)."""
    parent = find_spec_parent(call)
    if parent is not None:
        return RunImport(parent, stmt)
    match call:
        case ast.Call(func=ast.Name(id="__import__"), args=[ast.Constant(value=str(name))]):
            if call.keywords or not name or name.startswith("."):
                return None
            return RunImport(name, stmt, 0)
    if (dotted_name(call.func) or "") not in _IMPORT_MODULE or not call.args:
        return None
    match call.args:
        case [ast.Constant(value=str(name))]:
            anchor = ""
        case [ast.Constant(value=str(name)), ast.Name(id=anchor)] if anchor in _ANCHORS:
            pass
        case [ast.JoinedStr(values=[ast.FormattedValue(value=ast.Name(id=anchor)), tail])]:
            if anchor not in _ANCHORS or not isinstance(tail, ast.Constant):
                return None
            name = str(tail.value)
            if not name.startswith("."):
                return None
        case _:
            return None
    module = name.lstrip(".")
    level = len(name) - len(module)
    if not module or (level and not anchor):
        return None
    return RunImport(module, stmt, level, anchor=anchor if level else "")
