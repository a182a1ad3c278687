"""PC536: a call the host's import of the plugin always runs cannot bind its arguments.

Only what is certain is judged: calls directly at the top level of the modules the import runs
(``import_raises.loaded``: no ``if``, ``try``, ``with``, loop or function around them), written
with plain positional and keyword arguments (no ``*``/``**``), of a ``def`` or a ``class`` of
the same module that is bound once, undecorated (a class may carry ``@dataclass`` and
``@dataclasses.dataclass``, whose ``__init__`` is read from its fields), before the call. A
class is judged by its own ``__init__`` (or its dataclass fields) only when it has no metaclass,
no ``__new__`` and no bases other than ``object``, ``ABC`` or classes of the module that meet
the same conditions and define neither.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.own_imports import loaded
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import dotted_name

PC536 = rule(
    "PC536",
    "import-time-call-fails",
    Severity.ERROR,
    "A call that runs whenever the host imports the plugin passes arguments the called "
    "function or class cannot take: the import fails with TypeError every time.",
    explains=("PC401",),
)

_DATACLASS = frozenset({"dataclass", "dataclasses.dataclass"})
_PLAIN_BASES = frozenset({"object", "ABC", "abc.ABC"})


@dataclass(frozen=True, slots=True)
class _Param:
    name: str
    kind: str
    """``positional`` (positional-only), ``either``, ``varargs``, ``keyword``, ``varkw``."""
    default: bool


def _params(args: ast.arguments, skip_first: bool) -> list[_Param]:
    positional = [*args.posonlyargs, *args.args]
    defaults = [False] * (len(positional) - len(args.defaults)) + [True] * len(args.defaults)
    found = [
        _Param(a.arg, "positional" if i < len(args.posonlyargs) else "either", d)
        for i, (a, d) in enumerate(zip(positional, defaults, strict=True))
    ]
    if skip_first:
        if not found:
            return []  # ``def __init__(*args)``: the instance goes into *args
        found = found[1:]
    if args.vararg:
        found.append(_Param(args.vararg.arg, "varargs", True))
    for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        found.append(_Param(a.arg, "keyword", d is not None))
    if args.kwarg:
        found.append(_Param(args.kwarg.arg, "varkw", True))
    return found


def _bind(params: list[_Param], positional: int, keywords: list[str]) -> str | None:
    """Why a call with ``positional`` arguments and ``keywords`` cannot bind, or None."""
    slots = [p for p in params if p.kind in ("positional", "either")]
    if positional > len(slots) and not any(p.kind == "varargs" for p in params):
        return f"takes {len(slots)} positional argument(s) but {positional} were given"
    filled = {p.name for p in slots[:positional]}
    named = {p.name: p for p in params if p.kind in ("either", "keyword")}
    for key in keywords:
        if key in filled:
            return f"got multiple values for argument {key!r}"
        if key not in named and not any(p.kind == "varkw" for p in params):
            return f"got an unexpected keyword argument {key!r}"
        filled.add(key)
    missing = [
        p.name
        for p in params
        if p.kind in ("positional", "either", "keyword") and not p.default and p.name not in filled
    ]
    if missing:
        return f"missing required argument(s) {', '.join(repr(m) for m in missing)}"
    return None


def _dataclass_params(cls: ast.ClassDef, decorator: ast.expr) -> list[_Param] | None:
    kw_only = isinstance(decorator, ast.Call) and any(
        k.arg == "kw_only" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in decorator.keywords
    )
    if isinstance(decorator, ast.Call) and any(
        k.arg == "init" or k.arg is None for k in decorator.keywords
    ):
        return None
    found: list[_Param] = []
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
            return None
        if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
            continue
        annotation = ast.unparse(stmt.annotation)
        if "KW_ONLY" in annotation:
            return None
        if "ClassVar" in annotation:
            continue
        default = stmt.value is not None
        if isinstance(stmt.value, ast.Call) and (dotted_name(stmt.value.func) or "") in (
            "field",
            "dataclasses.field",
        ):
            keys = {k.arg for k in stmt.value.keywords}
            if None in keys or "init" in keys or stmt.value.args:
                return None
            default = bool(keys & {"default", "default_factory"})
        found.append(_Param(stmt.target.id, "keyword" if kw_only else "either", default))
    return found


@dataclass
class _Module:
    defs: dict[str, ast.FunctionDef | ast.ClassDef]
    """Names bound exactly once at the top level, to an undecorated def or a class."""

    def params(self, name: str, seen: frozenset[str] = frozenset()) -> list[_Param] | None:
        node = self.defs.get(name)
        if node is None or name in seen:
            return None
        if isinstance(node, ast.FunctionDef):
            return None if node.decorator_list else _params(node.args, False)
        return self._class(node, seen | {name})

    def _class(self, cls: ast.ClassDef, seen: frozenset[str]) -> list[_Param] | None:
        members = {s.name: s for s in cls.body if isinstance(s, ast.FunctionDef)}
        if cls.keywords or "__new__" in members:
            return None
        own_bases = [b for b in cls.bases if (dotted_name(b) or "") not in _PLAIN_BASES]
        inherited: list[_Param] | None = []
        if len(own_bases) > 1:
            return None
        for base in own_bases:
            spelled = dotted_name(base) or ""
            node = self.defs.get(spelled)
            if not isinstance(node, ast.ClassDef) or spelled in seen:
                return None
            inherited = self._class(node, seen | {spelled})
        if cls.decorator_list:
            decorator = cls.decorator_list[0]
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if len(cls.decorator_list) > 1 or cls.bases:
                return None
            if (dotted_name(target) or "") not in _DATACLASS:
                return None
            return _dataclass_params(cls, decorator)
        init = members.get("__init__")
        if init is None:
            return inherited
        if init.decorator_list or any(
            isinstance(s, ast.Assign | ast.AnnAssign | ast.AugAssign)
            and "__init__" in {n.id for n in ast.walk(s) if isinstance(n, ast.Name)}
            for s in cls.body
        ):
            return None
        return _params(init.args, True)


def _module(info: ModuleInfo) -> _Module:
    counts = Counter(_bound(info))
    defs = {
        s.name: s
        for s in info.tree.body
        if isinstance(s, ast.FunctionDef | ast.ClassDef) and counts.get(s.name) == 1
    }
    return _Module(defs)


def _bound(info: ModuleInfo) -> Iterator[str]:
    """Each binding of a name anywhere in the module, once per binding."""
    yield from (node.name for node in info.nodes(ast.FunctionDef))
    yield from (node.name for node in info.nodes(ast.AsyncFunctionDef))
    yield from (node.name for node in info.nodes(ast.ClassDef))
    for name in info.nodes(ast.Name):
        if not isinstance(name.ctx, ast.Load):
            yield name.id
    for alias in info.nodes(ast.alias):
        yield (alias.asname or alias.name).partition(".")[0]
    declared: list[ast.Global | ast.Nonlocal] = [*info.nodes(ast.Global), *info.nodes(ast.Nonlocal)]
    for statement in declared:
        yield from statement.names
        yield from statement.names  # a name declared global may be rebound: never judged


def certain_calls(stmt: ast.stmt) -> Iterator[ast.Call]:
    """Calls a top-level statement always makes (its value, not inside lambdas or branches)."""
    match stmt:
        case ast.Expr(value=ast.Call() as call) | ast.Assign(value=ast.Call() as call):
            yield call
        case ast.AnnAssign(value=ast.Call() as call):
            yield call


@plugin_check(PC536)
def import_time_calls(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        module = _module(info)
        defined: set[str] = set()
        for stmt in info.tree.body:
            if isinstance(stmt, ast.FunctionDef | ast.ClassDef):
                defined.add(stmt.name)
            for call in certain_calls(stmt):
                if not isinstance(call.func, ast.Name) or call.func.id not in defined:
                    continue
                if any(isinstance(a, ast.Starred) for a in call.args) or any(
                    k.arg is None for k in call.keywords
                ):
                    continue
                params = module.params(call.func.id)
                if params is None:
                    continue
                why = _bind(params, len(call.args), [str(k.arg) for k in call.keywords])
                if why is None:
                    continue
                yield refused_call(
                    plugin,
                    path,
                    call,
                    f"{call.func.id}() {why}",
                    f"pass the arguments {call.func.id} declares, or give the missing ones "
                    "defaults",
                )


def refused_call(plugin: Plugin, path: Path, call: ast.Call, why: str, fix: str) -> Finding:
    """PC536 at ``call``, which the host's import of the plugin always makes: ``why`` it fails."""
    return PC536.at(
        plugin,
        Location(path, call.lineno, call.col_offset + 1),
        f"`{ast.unparse(call)[:80]}` runs whenever the host imports {plugin.module}, and {why}: "
        "the import fails with TypeError every time",
        fix=fix,
    )
