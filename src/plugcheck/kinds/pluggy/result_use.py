"""What the host does with a hook's results, read from its own calls of the hook: what it does
with each value beyond iterating it (``len(value)``, ``value[0]``, ``value.append(...)``,
``header + value``).
A hookspec annotated ``-> list[str]`` whose hookimpl returns a tuple or a generator breaks only
a host that does more than the value offers: one that iterates each value works with any
iterable, one that also takes its ``len()`` with a tuple or a set (PC542 is then a warning)."""

from __future__ import annotations

import ast
from pathlib import Path

from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.static.hookspecs import Spec
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import walked

_FILES = 2000
"""At most this many files of the host's package are read for its calls of a hook."""


LEN, INDEX, OTHER = "len", "index", "other"
"""What the host does with a value beyond iterating it: ``len(value)``, ``value[i]``, anything
else (an attribute, ``+``)."""


def beyond_iteration(ctx: Context, spec: Spec) -> frozenset[str] | None:
    """What the host's calls of ``spec``'s hook (``….hook.NAME(...)``) in the package of its
    hookspec (and the scripts beside it in a source tree) do with a value the hook returned
    beyond iterating it (:data:`LEN`, :data:`INDEX`, :data:`OTHER`; empty: they only iterate
    it); ``None`` when no call is found (the host calls it some other way: unknown)."""
    package = _package_dir(spec.path)
    key = ("hook-result-use", package, spec.name, spec.firstresult)
    use: frozenset[str] | None = memo(ctx, key, lambda: _any_use(ctx, package, spec))
    return use


def _package_dir(path: Path) -> Path:
    """The top-level package folder holding ``path`` (its folder when it is in none)."""
    folder = path.parent
    while (folder.parent / "__init__.py").is_file():
        folder = folder.parent
    return folder


def _host_files(package: Path) -> list[Path]:
    """The package's modules, and the scripts beside it in a source tree (a ``loader.py`` next
    to ``host/``), not those beside it in an environment's ``site-packages``."""
    files = sorted(package.rglob("*.py"))
    beside = package.parent
    if (package / "__init__.py").is_file() and beside.name not in _ENVIRONMENT_DIRS:
        files += sorted(p for p in beside.glob("*.py") if p.is_file())
    return files


_ENVIRONMENT_DIRS = frozenset({"site-packages", "dist-packages"})


def _any_use(ctx: Context, package: Path, spec: Spec) -> frozenset[str] | None:
    marker = f".{spec.name}("
    called = False
    uses: set[str] = set()
    for number, path in enumerate(_host_files(package)):
        if number >= _FILES:
            break
        info = ctx.index.info(path)
        if not isinstance(info, ModuleInfo) or marker not in info.text():
            continue
        use = _used_beyond(info.tree, spec)
        if use is not None:
            uses |= use
            called = True
    return frozenset(uses) if called else None


def _hook_call(node: ast.AST, name: str) -> bool:
    """``x.hook.NAME(...)`` or ``hook.NAME(...)``."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    owner = node.func.value
    return node.func.attr == name and (
        (isinstance(owner, ast.Attribute) and owner.attr == "hook")
        or (isinstance(owner, ast.Name) and owner.id == "hook")
    )


def _used_beyond(tree: ast.Module, spec: Spec) -> set[str] | None:
    """What the calls of the hook in ``tree`` do with a value beyond iterating it; ``None``
    when the tree calls it nowhere."""
    called = False
    uses: set[str] = set()
    for scope in walked(tree):
        if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Module):
            continue
        calls = [n for n in walked(scope) if _hook_call(n, spec.name)]
        if not calls:
            continue
        called = True
        values, lists = _bound(scope, calls, spec.firstresult)
        uses |= _beyond(scope, values, calls if spec.firstresult else [])
        if not spec.firstresult:
            uses |= _beyond(scope, _elements(scope, lists, calls), [])
    return uses if called else None


def _bound(scope: ast.AST, calls: list[ast.AST], firstresult: bool) -> tuple[set[str], set[str]]:
    """The names bound to a call's result: the value itself (firstresult), else the list of
    values pluggy gives."""
    names = {
        t.id
        for n in walked(scope)
        if isinstance(n, ast.Assign | ast.AnnAssign) and n.value in calls
        for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
        if isinstance(t, ast.Name)
    }
    return (names, set()) if firstresult else (set(), names)


def _elements(scope: ast.AST, lists: set[str], calls: list[ast.AST]) -> set[str]:
    """The names a loop or comprehension over the list of results binds to each value."""
    found = set()
    for node in walked(scope):
        if isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            source = node.iter
            over = source in calls or (isinstance(source, ast.Name) and source.id in lists)
            if over and isinstance(node.target, ast.Name):
                found.add(node.target.id)
    return found


def _beyond(scope: ast.AST, names: set[str], values: list[ast.AST]) -> set[str]:
    """What ``scope`` does with one of ``names`` (or ``values``, expressions that are a value)
    beyond iterating it: subscripts it (:data:`INDEX`), takes its ``len()`` (:data:`LEN`),
    reads an attribute of it (a method: ``.append``, ``.items``) or uses it in arithmetic
    (``+``, ``+=``) (:data:`OTHER`)."""
    uses: set[str] = set()
    if not names and not values:
        return uses

    def is_value(expr: ast.expr) -> bool:
        return (isinstance(expr, ast.Name) and expr.id in names) or expr in values

    for node in walked(scope):
        if isinstance(node, ast.Subscript) and is_value(node.value):
            uses.add(INDEX)
        elif isinstance(node, ast.Attribute) and is_value(node.value):
            uses.add(OTHER)
        elif (isinstance(node, ast.BinOp) and (is_value(node.left) or is_value(node.right))) or (
            isinstance(node, ast.AugAssign) and (is_value(node.target) or is_value(node.value))
        ):
            uses.add(OTHER)  # `header + lines`: a list and a tuple do not add
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "len"
            and node.args
            and is_value(node.args[0])
        ):
            uses.add(LEN)
    return uses
