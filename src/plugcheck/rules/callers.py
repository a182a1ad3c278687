"""Could anything call a plugin's function: the plugin itself, its host, or the host's contract.

PC530 reports an unguarded use of a name the installed host lacks inside a function as an error:
the plugin fails when that function runs. A function nothing can be shown to call (flake8 2's
``def legacy(self): from flake8.engine import pep8`` left in a flake8 7 checker) fails only if
something calls it after all: its finding stays, as a warning naming why.

A function counts as called, so its uses stay errors, when any of these holds:

- its name is a dunder (Python calls it), or it is decorated (a decorator may register it);
- it is a method of a class with a base, a metaclass or a decorator (the base's machinery calls
  its members, some by computed names: ``ast.NodeVisitor``, pylint's ``visit_<node>``);
- the plugin's own files name it: a name, an attribute, an import, a string (``__all__``,
  ``getattr(self, "legacy")``); a ``getattr`` whose name starts with a constant
  (``f"on_{event}"``) covers every name with that start, one whose name is not read at all
  (``dir()``, ``vars()``, ``inspect.getmembers``) covers every function of the plugin;
- the contract names it (lifecycle calls, protocol, setup function, hookspecs, exports: any
  name in any of its keys), or the plugin's entry point does;
- the host's own packages name it: a function or method they define (a protocol's member, a
  base class's method, a hookspec), an attribute they read (flake8's ``checker.run()``), a
  string (``getattr(loaded.obj, "add_options")``), or a ``getattr`` prefix (``"visit_" + cid``).

A function inside an uncalled one is uncalled too.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from plugcheck.model import Plugin
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.rules.host_packages import host_packages
from plugcheck.static.parse import ModuleInfo

HOST_FILES_LIMIT = 4000
"""At most this many files of the host's packages are read; past it, every name counts."""

_REFERENCE = re.compile(r"[A-Za-z_][\w.:]*")
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_BY_NAME = frozenset({"getattr", "hasattr", "methodcaller", "attrgetter"})
_EVERY_MEMBER = frozenset({"dir", "vars", "getmembers", "getmembers_static"})


@dataclass(frozen=True, slots=True)
class Names:
    """Names some code may call a function by."""

    exact: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    """Constant starts of names read by ``getattr(obj, "visit_" + kind)``."""
    anything: bool = False
    """Some name is read that cannot be told: every name counts."""

    def call(self, name: str) -> bool:
        return self.anything or name in self.exact or name.startswith(self.prefixes)

    def __or__(self, other: Names) -> Names:
        return Names(
            self.exact | other.exact,
            tuple(dict.fromkeys([*self.prefixes, *other.prefixes])),
            self.anything or other.anything,
        )


def read_names(tree: ast.AST, *, unread_counts: bool) -> Names:
    """The names ``tree`` refers to. ``unread_counts``: a ``getattr`` whose name cannot be
    read, or a listing of every member, makes every name count (the plugin's own code; the
    host's reads its options and modules that way everywhere)."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    anything = False
    docstrings = {
        id(stmt.value)
        for stmt in ast.walk(tree)
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
    }
    for node in ast.walk(tree):
        match node:
            case ast.Name(id=name):
                exact.add(name)
            case ast.Attribute(attr=name):
                exact.add(name)
            case ast.alias(name=name, asname=asname):
                exact.update(name.split("."))
                exact.update([asname] if asname else [])
            case ast.keyword(arg=str(name)):
                exact.add(name)
            case ast.Constant(value=str(text)) if id(node) not in docstrings and len(text) < 200:
                if _REFERENCE.fullmatch(text):  # "pkg.mod:Checker.legacy", "legacy"
                    exact.update(_IDENTIFIER.findall(text))
            case ast.Call(func=func, args=args):
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in _EVERY_MEMBER:
                    anything = anything or unread_counts
                elif called in _BY_NAME and len(args) > (at := int(called.endswith("attr"))):
                    start = _constant_start(args[at])
                    if start:
                        prefixes.add(start)
                    elif start is None:
                        anything = anything or unread_counts
    return Names(frozenset(exact), tuple(sorted(prefixes)), anything)


def _constant_start(expr: ast.expr) -> str | None:
    """The constant start of a name an expression computes (``"visit_" + kind``,
    ``f"on_{event}"``, ``"do_%s" % verb``); ``""`` for a constant (read as a string already),
    ``None`` when nothing of it is constant."""
    match expr:
        case ast.Constant(value=str()):
            return ""
        case ast.JoinedStr(values=[ast.Constant(value=str(start)), *_]):
            return start or None
        case ast.BinOp(left=ast.Constant(value=str(start)), op=ast.Add()):
            return start or None
        case ast.BinOp(left=ast.Constant(value=str(text)), op=ast.Mod()):
            return text.partition("%")[0] or None
        case ast.Call(func=ast.Attribute(value=ast.Constant(value=str(text)), attr="format")):
            return text.partition("{")[0] or None
    return None


@dataclass(frozen=True, slots=True)
class _Def:
    name: str
    qualified: str
    first: int
    last: int
    """The lines of its body."""
    called_anyway: bool
    """A dunder, decorated, or a method of a class with a base, metaclass or decorator."""
    outer: int | None
    """The index of the function it is defined in."""


def _defs(info: ModuleInfo) -> list[_Def]:
    found: list[_Def] = []

    def walk(
        body: Iterable[ast.AST], prefix: str, outer: int | None, cls: ast.ClassDef | None
    ) -> None:
        for node in body:
            match node:
                case ast.FunctionDef() | ast.AsyncFunctionDef():
                    anyway = (
                        (node.name.startswith("__") and node.name.endswith("__"))
                        or bool(node.decorator_list)
                        or (cls is not None and _extended(cls))
                    )
                    found.append(
                        _Def(
                            node.name,
                            f"{prefix}{node.name}",
                            node.body[0].lineno,
                            node.end_lineno or node.lineno,
                            anyway,
                            outer,
                        )
                    )
                    walk(node.body, f"{prefix}{node.name}.", len(found) - 1, None)
                case ast.ClassDef():
                    walk(node.body, f"{prefix}{node.name}.", outer, node)
                case ast.Lambda() | ast.expr():
                    continue
                case _:
                    walk(ast.iter_child_nodes(node), prefix, outer, cls)

    walk(info.tree.body, "", None, None)
    return found


def _extended(cls: ast.ClassDef) -> bool:
    bases = [b for b in cls.bases if not (isinstance(b, ast.Name) and b.id == "object")]
    return bool(bases or cls.keywords or cls.decorator_list)


def uncalled(ctx: Context, plugin: Plugin, info: ModuleInfo, line: int) -> str | None:
    """The function around ``line`` (qualified, ``Checker.legacy``) that nothing in the
    plugin, its contract or its host's packages can be shown to call, or ``None``."""
    defs = info.derived("function bodies", _defs)
    around = [i for i, d in enumerate(defs) if d.first <= line <= d.last]
    if not around:
        return None
    for i in around:  # outermost first: a function inside an uncalled one is uncalled
        fn = defs[i]
        if fn.called_anyway:
            continue
        if _plugin_names(ctx, plugin).call(fn.name) or _contract_names(ctx, plugin).call(fn.name):
            continue
        if _host_names(ctx, host_packages(ctx.contract)).call(fn.name):
            continue
        return fn.qualified
    return None


def _plugin_names(ctx: Context, plugin: Plugin) -> Names:
    def make() -> Names:
        names = Names()
        for path in plugin.files:
            info = ctx.index.info(path)
            if info is not None and info.tree is not None:
                names |= info.derived("names read", _read_unread_counts)
        return names

    return memo(ctx, ("names the plugin reads", plugin.key), make)


def _read_unread_counts(info: ModuleInfo) -> Names:
    return read_names(info.tree, unread_counts=True)


def _contract_names(ctx: Context, plugin: Plugin) -> Names:
    def make() -> Names:
        words = set(_words(ctx.contract))
        ep = plugin.entry_point
        if ep is not None and ep.attr:
            words.update(_IDENTIFIER.findall(ep.attr))
        return Names(frozenset(words))

    return memo(ctx, ("names the contract gives", ctx.contract.name, plugin.key), make)


def _words(value: object) -> Iterator[str]:
    """Every name in a contract's values, however deep."""
    if isinstance(value, str):
        yield from _IDENTIFIER.findall(value)
    elif isinstance(value, Path):
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _words(getattr(value, field.name))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _words(key)
            yield from _words(item)
    elif isinstance(value, tuple | list | set | frozenset):
        for item in value:
            yield from _words(item)


def _host_names(ctx: Context, packages: tuple[str, ...]) -> Names:
    """What the host's own ``packages`` define and read (see the module's docstring)."""

    def make() -> Names:
        names = Names()
        files: list[Path] = []
        for package in packages:
            path = ctx.index.find_module(package, ctx.api_roots())
            if path is None:
                return Names(anything=True)  # a namespace package: its files are not listed
            files += sorted(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]
            if len(files) > HOST_FILES_LIMIT:
                return Names(anything=True)
        for path in files:
            info = ctx.index.info(path)
            if info is None or info.tree is None:
                continue
            defined = frozenset(
                n.name
                for n in ast.walk(info.tree)
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
            )
            names |= read_names(info.tree, unread_counts=False) | Names(defined)
        return names

    return memo(ctx, ("names the host reads", packages, tuple(ctx.api_roots())), make)
