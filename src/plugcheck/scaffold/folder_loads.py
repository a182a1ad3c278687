"""Folders a host globs for plugin files it loads by their path: a loop over
``sorted(plugdir.glob("*.py"))`` (``os.listdir``, ``glob.glob(os.path.join(d, "*.py"))``,
``iterdir()``) in a module that loads a module from a file (``spec_from_file_location``,
``SourceFileLoader``, ``runpy.run_path``), listing Python files or handing each it lists to
such a load (directly or through a function of the module). The folder is proposed as the
contract's ``paths`` where the host's code says which it is: a literal (``Path("plugins")``),
the default of an argument or a variable (``sys.argv[1] if len(sys.argv) > 1 else
"plugins"``, ``os.environ.get("X", "plugins")``, a parameter's default), a constant of the
module, or a folder beside the module (``Path(__file__).parent / "plugins"``); else a TODO
says what to fill in.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path

from plugcheck.scaffold.model import FolderLoad
from plugcheck.scaffold.pyproject import toml_string
from plugcheck.scaffold.syntax import dotted, is_named
from plugcheck.static.syntax import walked

_FILE_LOADS = ("spec_from_file_location", "SourceFileLoader", "run_path")
_SAME_FOLDER = ("Path", "PurePath", "resolve", "absolute", "expanduser", "abspath", "realpath")
"""Calls that name the folder their argument (or receiver) names."""


def folder_loads(
    tree: ast.Module, path: Path, host: Path, constants: dict[str, str]
) -> Iterator[FolderLoad]:
    """The module's loops over a folder's files, when the module loads modules from files."""
    if not any(_file_load(n) for n in walked(tree)):
        return
    where = path.relative_to(host).as_posix()
    scopes: list[ast.AST] = [tree, *(n for n in walked(tree) if isinstance(n, _FUNCTIONS))]
    for scope in scopes:
        for loop in _own(scope):
            if not isinstance(loop, ast.For | ast.AsyncFor):
                continue
            listed = _listing(loop.iter)
            if listed is None:
                continue
            folder, pattern = listed
            if not (pattern.endswith(".py") or _loads_each(loop, tree)):
                continue  # a folder of something else (pytest's cleanup of numbered dirs)
            found = _folder(folder, scope, tree, constants, path.parent, 0)
            shown = os.path.relpath(host / found, host) if found is not None else None
            if shown is not None and shown.startswith(".."):
                shown = None  # outside the host: not the host's folder to propose
            yield FolderLoad(
                Path(shown).as_posix() if shown else None,
                pattern,
                f"{where}:{loop.lineno}",
                ast.unparse(folder),
            )


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _own(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of ``scope`` outside the functions it defines."""
    for child in ast.iter_child_nodes(scope):
        if not isinstance(child, (*_FUNCTIONS, ast.ClassDef)):
            yield child
            yield from _own(child)


def _loads_each(loop: ast.For | ast.AsyncFor, tree: ast.Module) -> bool:
    """Whether the loop loads each file it lists from its path: a file load, or a call of a
    function of the module that makes one, handed the loop's variable."""
    if not isinstance(loop.target, ast.Name):
        return False
    each = loop.target.id
    loaders = {
        fn.name
        for fn in tree.body
        if isinstance(fn, _FUNCTIONS) and any(_file_load(n) for n in walked(fn))
    }
    for call in (n for s in loop.body for n in walked(s) if isinstance(n, ast.Call)):
        handed = any(isinstance(n, ast.Name) and n.id == each for a in call.args for n in walked(a))
        if handed and (_file_load(call) or dotted(call.func) in loaders):
            return True
    return False


def _file_load(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and dotted(node.func).rpartition(".")[2] in _FILE_LOADS


def _listing(node: ast.expr) -> tuple[ast.expr, str] | None:
    """(the folder, the pattern) of ``D.glob(P)``, ``os.listdir(D)``, ``D.iterdir()``,
    ``glob.glob(os.path.join(D, P))``, inside ``sorted()``/``list()`` too."""
    while isinstance(node, ast.Call) and dotted(node.func) in ("sorted", "list") and node.args:
        node = node.args[0]
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in ("glob", "rglob") and node.args:
        pattern = _text(node.args[0])
        if dotted(func) in ("glob.glob", "glob.iglob"):
            joined = node.args[0]
            if is_named(joined.func if isinstance(joined, ast.Call) else joined, "path.join"):
                parts = joined.args if isinstance(joined, ast.Call) else []
                tail = _text(parts[-1]) if len(parts) == 2 else None
                return (parts[0], tail) if tail else None
            return None
        if pattern is None:
            return None
        return func.value, ("**/" + pattern if func.attr == "rglob" else pattern)
    if isinstance(func, ast.Attribute) and func.attr == "iterdir" and not node.args:
        return func.value, "*"
    if is_named(func, "listdir") and len(node.args) == 1:
        return node.args[0], "*"
    return None


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _folder(
    node: ast.expr,
    scope: ast.AST,
    tree: ast.Module,
    constants: dict[str, str],
    here: Path,
    depth: int,
) -> Path | None:
    """The folder ``node`` names, where the code says it (relative paths: the host's
    directory, where it runs; ``__file__``: ``here``)."""
    if depth > 5:
        return None

    def again(inner: ast.expr) -> Path | None:
        return _folder(inner, scope, tree, constants, here, depth + 1)

    if (text := _text(node)) is not None:
        return Path(text)
    if isinstance(node, ast.Name):
        if node.id == "__file__":
            return here / "__file__"
        for assigned in (n for n in _own(scope) if isinstance(n, ast.Assign)):
            if any(isinstance(t, ast.Name) and t.id == node.id for t in assigned.targets):
                return again(assigned.value)
        if isinstance(scope, _FUNCTIONS):
            args = scope.args
            positional = [*args.posonlyargs, *args.args]
            named = [a.arg for a in positional][len(positional) - len(args.defaults) :]
            defaults = dict(zip(named, args.defaults, strict=True))
            if node.id in defaults:
                return again(defaults[node.id])
        for assigned in (n for n in tree.body if isinstance(n, ast.Assign)):
            if any(isinstance(t, ast.Name) and t.id == node.id for t in assigned.targets):
                return _folder(assigned.value, tree, tree, constants, here, depth + 1)
        return Path(constants[node.id]) if node.id in constants else None
    if isinstance(node, ast.IfExp):
        return again(node.orelse) or again(node.body)
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        return again(node.values[-1])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        base, tail = again(node.left), again(node.right)
        return base / tail if base is not None and tail is not None else None
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        inner = again(node.value)
        return inner.parent if inner is not None else None
    if not isinstance(node, ast.Call):
        return None
    name = dotted(node.func)
    if name.rpartition(".")[2] in _SAME_FOLDER:
        target = node.args[0] if node.args else getattr(node.func, "value", None)
        return again(target) if isinstance(target, ast.expr) else None
    if is_named(node.func, "path.dirname") and len(node.args) == 1:
        inner = again(node.args[0])
        return inner.parent if inner is not None else None
    if is_named(node.func, "path.join") and node.args:
        joined: Path | None = Path()
        for part in node.args:
            found = again(part)
            joined = joined / found if joined is not None and found is not None else None
        return joined
    if (is_named(node.func, "environ.get") or is_named(node.func, "getenv")) and len(
        node.args
    ) == 2:
        return again(node.args[1])  # the default
    return None


def paths_line(loads: list[FolderLoad]) -> str | None:
    """The contract's ``paths`` for the first folder load: the folder where the code says it,
    else a TODO that says what to fill in."""
    if not loads:
        return None
    load = loads[0]
    if load.folder is not None:
        glob = toml_string(f"{load.folder}/{load.pattern}")
        return f"paths = [{glob}]  # the host loads each file it globs there: {load.where}"
    return (
        f"paths = [{toml_string('plugins/' + load.pattern)}]  # TODO: the folder the host globs"
        f" for {load.pattern!r} and loads each file of ({load.spelled}, {load.where})"
    )
