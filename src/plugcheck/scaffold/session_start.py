"""``init``'s ``preload-calls`` proposal: the host's own function that starts the session its
plugins load into. xonsh's ``xonsh.main.setup()`` calls ``XSH.load()``, which puts
``__xonsh__`` in builtins, and then (given xontribs) ``xontribs_load``, where the host loads its
plugins. Proposed only on that evidence: a public module-level function that needs no argument
and reaches, through the host's own calls, both a write into builtins and the function where
the host loads plugins, and that does not go through another function doing both (xonsh's
``main()`` goes through ``premain()``, which goes through ``start_services()``: a program's
entry, which parses the command line and starts the shell); of several, the one closest to the
write, and none on a tie."""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from plugcheck.scaffold.model import Survey
from plugcheck.scaffold.pyproject import toml_string
from plugcheck.scaffold.refs import HostRefs
from plugcheck.scaffold.syntax import dotted
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind
from plugcheck.static.resolve import resolve_dotted
from plugcheck.static.syntax import walked

Key = tuple[str, str]
"""A host function: its module and qualified name (``Class.method`` for a method)."""

_Def = ast.FunctionDef | ast.AsyncFunctionDef


def session_start(
    host: Path,
    parsed: list[tuple[Path, str, ast.Module]],
    refs: HostRefs,
    writes: Iterable[tuple[str, int]],
    loads: Iterable[tuple[str, int]],
) -> tuple[str, str] | None:
    """``("module:function", where it is and how many calls from a write)`` for the function
    that starts the host's session, from the lines that write into builtins and those where the
    host loads plugins (``(module, line)`` each); ``None`` without one such function."""
    defs: dict[Key, _Def] = {}
    for _, module, tree in parsed:
        for node in tree.body:
            if isinstance(node, _Def):
                defs[(module, node.name)] = node
            elif isinstance(node, ast.ClassDef):
                for fn in node.body:
                    if isinstance(fn, _Def):
                        defs[(module, f"{node.name}.{fn.name}")] = fn
    writers = {k for k in map(lambda at: _holding(defs, at), writes) if k}
    loaders = {k for k in map(lambda at: _holding(defs, at), loads) if k}
    if not writers or not loaders:
        return None
    callers: dict[Key, set[Key]] = {}
    calls: dict[Key, set[Key]] = {}
    infos = {module: refs.info(path) for path, module, _ in parsed}
    modules = {info.path: module for module, info in infos.items() if info is not None}
    resolve = _Names(refs)
    for key, fn in defs.items():
        info = infos.get(key[0])
        if info is None:
            continue
        for callee in _callees(key, fn, info, resolve, modules):
            if callee in defs and callee != key:
                callers.setdefault(callee, set()).add(key)
                calls.setdefault(key, set()).add(callee)
    to_write = _distances(writers, callers)
    to_load = _distances(loaders, callers)
    both = to_write.keys() & to_load.keys()
    # A function that goes through another function doing both wraps it: a program's entry
    # (xonsh's main() -> premain() -> start_services()), not what an embedding host calls.
    candidates = sorted(
        (to_write[key], key)
        for key in both
        if _callable_bare(key, defs[key])
        and not any(c in both and "." not in c[1] for c in calls.get(key, ()))
    )
    if not candidates or (len(candidates) > 1 and candidates[0][0] == candidates[1][0]):
        return None
    depth, (module, name) = candidates[0]
    path = next(p for p, m, _ in parsed if m == module)
    return (
        f"{module}:{name}",
        f"{path.relative_to(host).as_posix()}:{defs[(module, name)].lineno}, {depth} call"
        + ("s" if depth != 1 else ""),
    )


def _holding(defs: dict[Key, _Def], at: tuple[str, int]) -> Key | None:
    """The innermost top-level function or method of ``at``'s module holding its line."""
    module, line = at
    best: tuple[int, Key] | None = None
    for key, fn in defs.items():
        if key[0] == module and fn.lineno <= line <= (fn.end_lineno or fn.lineno):
            span = (fn.end_lineno or fn.lineno) - fn.lineno
            if best is None or span < best[0]:
                best = (span, key)
    return best[1] if best else None


def _distances(starts: set[Key], callers: dict[Key, set[Key]]) -> dict[Key, int]:
    """Calls from each host function to the nearest of ``starts`` (breadth first)."""
    found = dict.fromkeys(starts, 0)
    queue = deque(starts)
    while queue:
        key = queue.popleft()
        for caller in callers.get(key, ()):
            if caller not in found:
                found[caller] = found[key] + 1
                queue.append(caller)
    return found


def _callees(
    key: Key, fn: _Def, info: ModuleInfo, resolve: _Names, modules: dict[Path, str]
) -> Iterator[Key]:
    """The host functions ``fn`` calls by a name the module binds: ``f()``, ``module.f()``,
    ``self.method()``, and ``INSTANCE.method()`` on a module-level ``INSTANCE = Class()``."""
    owner = key[1].rpartition(".")[0]
    for node in walked(fn):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            target = resolve(info, func.id)
            if isinstance(target, Resolved) and target.symbol.kind is SymbolKind.FUNCTION:
                module = modules.get(target.module.path)
                if module:
                    yield module, target.symbol.name
        elif isinstance(func, ast.Attribute) and not isinstance(func.value, ast.Subscript):
            spelled = dotted(func.value)
            if spelled == "self" and owner:
                yield key[0], f"{owner}.{func.attr}"
                continue
            target = resolve(info, spelled) if spelled else None
            if isinstance(target, ModuleInfo) and target.path in modules:
                yield modules[target.path], func.attr
            elif isinstance(target, Resolved) and target.symbol.kind is SymbolKind.ASSIGN:
                made = target.symbol.value_name if target.symbol.value_kind else None
                cls = resolve(target.module, made) if made else None
                if isinstance(cls, Resolved) and cls.symbol.kind is SymbolKind.CLASS:
                    module = modules.get(cls.module.path)
                    if module:
                        yield module, f"{cls.symbol.name}.{func.attr}"


class _Names:
    """Names resolved in the host's modules, each once."""

    def __init__(self, refs: HostRefs) -> None:
        self.refs = refs
        self.seen: dict[tuple[Path, str], Resolved | ModuleInfo | None] = {}

    def __call__(self, info: ModuleInfo, dotted: str) -> Resolved | ModuleInfo | None:
        key = (info.path, dotted)
        if key not in self.seen:
            self.seen[key] = resolve_dotted(self.refs.index, info, dotted, self.refs.roots)
        return self.seen[key]


def _callable_bare(key: Key, fn: _Def) -> bool:
    """A public module-level function the host's user can call with no argument, that runs
    when called (not a coroutine, a generator or a decorated wrapper: a context manager)."""
    module, name = key
    if "." in name or name.startswith("_") or any(p.startswith("_") for p in module.split(".")):
        return False
    if isinstance(fn, ast.AsyncFunctionDef) or fn.decorator_list:
        return False
    args = fn.args
    if len(args.defaults) < len(args.posonlyargs) + len(args.args):
        return False
    if any(default is None for default in args.kw_defaults):
        return False
    stack: list[ast.AST] = list(fn.body)
    while stack:  # its own body, not a nested function's
        node = stack.pop()
        if isinstance(node, ast.Yield | ast.YieldFrom):
            return False
        if not isinstance(node, _Def | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
    return True


def preload_calls_line(found: Survey) -> list[str]:
    """The ``preload-calls`` line, with the evidence, when the survey found the function."""
    if found.session_start is None:
        return []
    function, where = found.session_start
    return [
        f"preload-calls = [{toml_string(function)}]  # starts the host's session ({where} from"
        " a write into builtins) and reaches where it loads plugins: called before they load"
    ]
