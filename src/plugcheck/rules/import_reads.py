"""PC543, PC544: the host's import of the plugin reads what is not there.

Only what is certain is judged, as PC515 and PC539 judge: statements directly at the top level of
a module the import runs (``import_raises.loaded``: no ``if``, ``try``, ``with``, loop or
function around them), and in them only the parts that are always evaluated (not a lambda, not
the branches of ``x if c else y``, not an ``and``/``or`` operand after the first).

- PC543: ``os.environ["NAME"]`` (also through ``from os import environ`` and an alias of ``os``),
  or ``assert`` of ``os.getenv("NAME")`` / ``os.environ.get("NAME")`` without a default (directly
  or through a name bound to it at the top level before), where ``NAME`` is neither set in the
  environment plugcheck runs in, nor one the harness passes to plugin processes, nor declared by
  the contract (``lifecycle.env``).
- PC544: a file read (``open(p)`` for reading, ``p.read_text()``, ``p.read_bytes()``,
  ``p.open()``) whose path is spelled from the module's own ``__file__``
  (``Path(__file__).with_name("x")``, ``Path(__file__).parent / "x"``,
  ``os.path.join(os.path.dirname(__file__), "x")``) and names no file next to the module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from weakref import WeakKeyDictionary

from plugcheck.harness.fork_server import BASE_ENV
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.import_raises import PC515
from plugcheck.rules.own_imports import loaded
from plugcheck.static.syntax import children, dotted_name

PC543 = rule(
    "PC543",
    "import-reads-unset-environment",
    Severity.ERROR,
    "The host's import of the plugin reads, unguarded, an environment variable that is not set "
    "where the host runs: the import fails with KeyError (or AssertionError) every time.",
    explains=("PC401",),
)

PC544 = rule(
    "PC544",
    "import-reads-missing-file",
    Severity.ERROR,
    "The host's import of the plugin reads, unguarded, a file next to its module that does not "
    "exist: the import fails with FileNotFoundError every time.",
    explains=("PC401",),
)


def evaluated(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and the sub-expressions evaluating it always evaluates, each before its own
    (a stack, not a generator per node: PC545 asks for every lifecycle method's statements)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        kind = type(current)
        if kind in _DEFINES:
            continue
        if kind is ast.IfExp:
            stack.append(current.test)  # type: ignore[attr-defined]  # an IfExp
        elif kind is ast.BoolOp:
            stack.append(current.values[0])  # type: ignore[attr-defined]  # a BoolOp
        elif kind in _COMPREHENSIONS:
            stack.append(current.generators[0].iter)  # type: ignore[attr-defined]  # just checked
        else:
            stack.extend(reversed(children(current)))


_DEFINES = frozenset({ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
_COMPREHENSIONS = frozenset({ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp})


class OsNames(set[str]):
    """How the module spells ``os`` (the set's items), and the package-data readers it imports
    (``resources``: the spelled function, ``files`` or ``ir.read_text``, -> its own name)."""

    def __init__(self, names: set[str], resources: dict[str, str]) -> None:
        super().__init__(names)
        self.resources = resources


_RESOURCES = {"files", "read_text", "read_binary", "open_text", "open_binary"}
_READERS = {
    **{f"{m}.{f}": f for m in ("importlib.resources", "importlib_resources") for f in _RESOURCES},
    "pkgutil.get_data": "get_data",
}
"""``importlib.resources`` (and its backport) functions that read package data, and
``pkgutil.get_data``, by their full names."""


def _readers(stmt: ast.Import | ast.ImportFrom) -> dict[str, str]:
    """What ``stmt`` (at the top level) binds of :data:`_READERS`: spelled name -> function."""
    found: dict[str, str] = {}
    if isinstance(stmt, ast.Import):
        for a in stmt.names:
            prefix, full = a.asname or a.name, a.name  # `import a.b` binds a: a.b.f spelled
            found |= {
                f"{prefix}{k[len(full) :]}": f
                for k, f in _READERS.items()
                if k.startswith(full + ".")
            }
    elif stmt.module and not stmt.level:
        for a in stmt.names:
            full = f"{stmt.module}.{a.name}"
            found |= {
                f"{a.asname or a.name}{k[len(full) :]}": f
                for k, f in _READERS.items()
                if k == full or k.startswith(full + ".")
            }
    return found


def spellings(tree: ast.Module) -> tuple[OsNames, set[str]]:
    """How the module spells ``os``, ``os.environ`` and the package-data readers (its
    top-level imports); read once per tree (PC543, PC544 and PC545 ask, the last for every
    lifecycle method); the caller must not change them."""
    found = _SPELLINGS.get(tree)
    if found is None:
        found = _SPELLINGS[tree] = _spellings(tree)
    return found


_SPELLINGS: WeakKeyDictionary[ast.Module, tuple[OsNames, set[str]]] = WeakKeyDictionary()


def _spellings(tree: ast.Module) -> tuple[OsNames, set[str]]:
    oses, environs, readers = {"os"}, {"os.environ"}, dict[str, str]()
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            oses |= {a.asname for a in stmt.names if a.name == "os" and a.asname}
        elif isinstance(stmt, ast.ImportFrom) and stmt.module == "os" and not stmt.level:
            environs |= {a.asname or a.name for a in stmt.names if a.name == "environ"}
        if isinstance(stmt, ast.Import | ast.ImportFrom):
            readers |= _readers(stmt)
    environs |= {f"{o}.environ" for o in oses}
    return OsNames(oses, readers), environs


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _env_get(node: ast.AST, oses: set[str], environs: set[str]) -> str | None:
    """``NAME`` of ``os.getenv("NAME")`` / ``os.environ.get("NAME")`` with no truthy default."""
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    func = dotted_name(node.func) or ""
    if func not in {f"{o}.getenv" for o in oses} | {f"{e}.get" for e in environs}:
        return None
    if len(node.args) == 2 and not (
        isinstance(node.args[1], ast.Constant) and not node.args[1].value
    ):
        return None
    return _literal(node.args[0]) if 1 <= len(node.args) <= 2 else None


@plugin_check(PC543)
def environment_unset(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    lifecycle = ctx.contract.lifecycle
    given = {*BASE_ENV, *(lifecycle.env if lifecycle else ())}

    def unset(name: str) -> bool:
        # Set where plugcheck runs is an input the static result cache keeps (red52: a rerun
        # after `unset NAME` reused "no finding").
        return name not in given and not ctx.index.is_set(name)

    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        oses, environs = spellings(info.tree)
        read: dict[str, str] = {}  # a top-level name -> the variable it holds (maybe None)
        for stmt in info.tree.body:
            found: tuple[ast.AST, str, str] | None = None
            if isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign | ast.AugAssign):
                for node in evaluated(stmt.value) if stmt.value is not None else ():
                    name = (
                        _literal(node.slice)
                        if isinstance(node, ast.Subscript)
                        and isinstance(node.ctx, ast.Load)
                        and (dotted_name(node.value) or "") in environs
                        else None
                    )
                    if name is not None and unset(name):
                        found = (node, name, "KeyError")
                        break
            elif isinstance(stmt, ast.Assert):
                test = stmt.test
                name = (
                    read.get(test.id)
                    if isinstance(test, ast.Name)
                    else _env_get(test, oses, environs)
                )
                if name is not None and unset(name):
                    found = (stmt, name, "AssertionError")
            if found is not None:
                node, name, error = found
                assert isinstance(node, ast.expr | ast.stmt)
                yield PC543.at(
                    plugin,
                    Location(path, node.lineno, node.col_offset + 1),
                    f"`{_shown(node)}` runs whenever the host imports {plugin.module}, and the "
                    f"environment variable {name} is not set (not here, not among those the "
                    f"host's plugin processes get): the import fails with {error}",
                    fix=f"read it with a default (os.environ.get({name!r}, ...)) or when the "
                    f"plugin is first used; if the host's deployment provides it, declare {name} "
                    "in the contract's lifecycle.env and set it where plugcheck runs",
                )
                return  # the import stops there
            if isinstance(stmt, ast.Assign):
                held = _env_get(stmt.value, oses, environs)
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        if held is None:
                            read.pop(target.id, None)
                        else:
                            read[target.id] = held


# --- files next to the module -----------------------------------------------------------


def reader(func: ast.expr, oses: OsNames) -> str | None:
    """Which package-data reader ``func`` names (``files``, ``get_data``...), if one."""
    return oses.resources.get(dotted_name(func) or "")


def anchored(anchor: ast.expr, here: Path) -> Path | None:
    """The folder ``importlib.resources.files(anchor)`` reads in a module at ``here``, for
    ``__name__`` and ``__package__`` in a package's ``__init__.py`` and ``__package__`` in a
    module of a package; ``None`` for anything else (a lone module's ``files(__name__)``
    raises TypeError before Python 3.12: :func:`not_a_package`)."""
    if not isinstance(anchor, ast.Name) or anchor.id not in ("__name__", "__package__"):
        return None
    if here.name == "__init__.py":
        return here.parent
    if anchor.id == "__package__" and (here.parent / "__init__.py").is_file():
        return here.parent
    return None


def _path(node: ast.AST, here: Path, oses: OsNames) -> Path | None:
    """The path ``node`` spells from the module's ``__file__`` (``here``), or from its package
    (``importlib.resources.files(__name__)``), when it does."""
    match node:
        case ast.Name(id="__file__"):
            return here
        case ast.Call(func=func, args=[anchor], keywords=[]) if reader(func, oses) == "files":
            return anchored(anchor, here)
        case ast.Call(func=func, args=[arg], keywords=[]) if (dotted_name(func) or "") in (
            "Path",
            "pathlib.Path",
        ):
            return _path(arg, here, oses)
        case ast.Call(func=ast.Attribute(attr="resolve" | "absolute", value=inner), args=[]):
            return _path(inner, here, oses)
        case ast.Call(func=ast.Attribute(attr="with_name", value=inner), args=[arg]):
            base, name = _path(inner, here, oses), _literal(arg)
            return base.with_name(name) if base is not None and name else None
        case ast.Call(func=ast.Attribute(attr="joinpath", value=inner), args=args):
            base, parts = _path(inner, here, oses), [_literal(a) for a in args]
            if base is None or not parts or None in parts:
                return None
            return base.joinpath(*(p for p in parts if p is not None))
        case ast.Attribute(attr="parent", value=inner):
            base = _path(inner, here, oses)
            return base.parent if base is not None else None
        case ast.BinOp(op=ast.Div(), left=left, right=right):
            base, name = _path(left, here, oses), _literal(right)
            return base / name if base is not None and name else None
        case ast.Call(func=func, args=[arg]) if (dotted_name(func) or "") in {
            f"{o}.path.{f}" for o in oses for f in ("dirname", "abspath", "realpath")
        }:
            base = _path(arg, here, oses)
            if base is None:
                return None
            return base.parent if (dotted_name(func) or "").endswith("dirname") else base
        case ast.Call(func=func, args=[first, *rest], keywords=[]) if (dotted_name(func) or "") in {
            f"{o}.path.join" for o in oses
        }:
            base, parts = _path(first, here, oses), [_literal(a) for a in rest]
            if base is None or not parts or None in parts:
                return None
            return base.joinpath(*(p for p in parts if p is not None))
    return None


def _data_read(node: ast.Call, here: Path, oses: OsNames) -> Path | None:
    """The file ``pkgutil.get_data(__name__, "a/b")`` or ``importlib.resources.read_text(
    __name__, "b")`` (``read_binary``, ``open_text``, ``open_binary``) reads."""
    kind = reader(node.func, oses)
    if kind is None or kind == "files" or len(node.args) != 2 or node.keywords:
        return None
    anchor, name = node.args[0], _literal(node.args[1])
    if not name or not isinstance(anchor, ast.Name):
        return None
    if kind == "get_data":  # read next to the named module's __file__, package or not
        lone = here.name != "__init__.py" and not (here.parent / "__init__.py").is_file()
        if anchor.id == "__name__" or (anchor.id == "__package__" and not lone):
            return here.parent.joinpath(*name.split("/"))
        return None
    base = anchored(anchor, here)
    return base / name if base is not None and "/" not in name else None


def not_a_package(node: ast.AST, here: Path, oses: OsNames) -> bool:
    """``importlib.resources.files(__name__)`` in a module that is not a package's
    ``__init__.py``: TypeError ('mod' is not a package) before Python 3.12."""
    return (
        isinstance(node, ast.Call)
        and reader(node.func, oses) == "files"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id == "__name__"
        and here.name != "__init__.py"
    )


def file_read(node: ast.AST, here: Path, oses: OsNames) -> Path | None:
    """The file ``node`` (a call) opens for reading, spelled from ``__file__`` or the package."""
    if not isinstance(node, ast.Call):
        return None
    if (data := _data_read(node, here, oses)) is not None:
        return data
    if isinstance(node.func, ast.Attribute) and node.func.attr in ("read_text", "read_bytes"):
        return _path(node.func.value, here, oses)
    if isinstance(node.func, ast.Attribute) and node.func.attr == "open":
        target, mode = node.func.value, node.args[0] if node.args else None
    elif isinstance(node.func, ast.Name) and node.func.id == "open" and node.args:
        target, mode = node.args[0], node.args[1] if len(node.args) > 1 else None
    else:
        return None
    for keyword in node.keywords:
        if keyword.arg == "mode":
            mode = keyword.value
    spelled = "r" if mode is None else _literal(mode)
    if spelled is None or any(c in spelled for c in "wax+"):
        return None  # writing or an unknown mode: the file may be made
    return _path(target, here, oses)


@plugin_check(PC544)
def data_file_missing(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        oses, _ = spellings(info.tree)
        here = path.absolute()
        for stmt in info.tree.body:
            if isinstance(stmt, ast.With):  # its items always run: `with open(p) as f:`
                values = [item.context_expr for item in stmt.items]
            elif isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign) and stmt.value:
                values = [stmt.value]
            else:
                continue
            for node in (n for value in values for n in evaluated(value)):
                if ctx.env.version < (3, 12) and not_a_package(node, here, oses):
                    assert isinstance(node, ast.expr)
                    yield PC515.at(
                        plugin,
                        Location(path, node.lineno, node.col_offset + 1),
                        f"`{_shown(node)}` runs whenever the host imports {plugin.module}, and "
                        f"{path.name} is not a package's __init__.py: before Python 3.12, "
                        "files() of a module raises TypeError (not a package), so the import "
                        "always fails",
                        fix="pass the package (files(__package__) in a module of a package), or "
                        "spell the path from __file__ (Path(__file__).with_name(...))",
                    )
                    return
                wanted = file_read(node, here, oses)
                if wanted is None or wanted.exists():
                    continue
                assert isinstance(node, ast.expr)
                yield PC544.at(
                    plugin,
                    Location(path, node.lineno, node.col_offset + 1),
                    f"`{_shown(node)}` runs whenever the host imports {plugin.module}, but "
                    f"there is no file {wanted.name!r} next to {path.name}: the import fails "
                    "with FileNotFoundError",
                    fix=f"ship {wanted.name} with the plugin (package data), or read it when the "
                    "plugin is first used, with a fallback when it is missing",
                )
                return  # the import stops there


def _shown(node: ast.AST) -> str:
    text = ast.unparse(node).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."
