"""PC546: a plain hookimpl that pluggy registers but whose every call raises.

The function's body is read in order while it runs straight (expression statements,
assignments, ``pass``; a ``return`` is the last one read): a ``raise`` there (``raise
NotImplementedError``, as a base hook left for subclasses) raises on every call, and a read of
a module global the module leaves unbound raises NameError on every call. A global is unbound
when the module binds it only in the body of a top-level ``try`` (or ``with
suppress(ImportError):``) that imports a module the target environment does not have, and
neither the handlers nor any other statement of the module bind it (``try: import ujson`` /
``except ImportError: pass``); so does a read of the metadata of a distribution the target
lacks (PC539's, in code every call runs). Wrappers, generators,
coroutines and functions a decorator replaced are other rules' (PC503, PC512, PC514, PC525).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from plugcheck.kinds.pluggy.checks import checked, impl_label, registration_rejects
from plugcheck.kinds.pluggy.contract import PluggyContract
from plugcheck.kinds.pluggy.rescue import rescued, wrapper_handlers
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.certain_end import exit_statement
from plugcheck.rules.context_exits import raising_exit
from plugcheck.rules.installed_modules import installed_for
from plugcheck.rules.metadata_version import unread_metadata
from plugcheck.rules.own_module_attrs import first_lacked
from plugcheck.rules.passed_values import stand_in_type
from plugcheck.rules.private_lookups import private_lookup
from plugcheck.rules.protocol_checks import refused_check
from plugcheck.rules.raising_calls import raising_context_use
from plugcheck.rules.reached import reader_of
from plugcheck.rules.reached import unbound as bound_nowhere
from plugcheck.static.applied import DISPATCH
from plugcheck.static.bindings import target_of
from plugcheck.static.branches import decide, module_scope
from plugcheck.static.hooks import Impl
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import (
    catches,
    dotted_name,
    is_main_guard,
    is_type_checking,
    suppressing,
)

PC546 = rule(
    "PC546",
    "hookimpl-always-raises",
    Severity.ERROR,
    "A hookimpl pluggy registers raises on every call: an unconditional `raise` (or sys.exit()) "
    "in its body, "
    "a read of a name bound nowhere or of a global that a failed optional import left unbound "
    "(NameError), or "
    "typing.overload's stand-in registered in its place (NotImplementedError), or a "
    "functools.singledispatch base that raises and takes the class the host passes.",
)

_STRAIGHT = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Pass)
_IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


@plugin_check(PC546)
def always_raises(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    unbound_by_module: dict[object, dict[str, str]] = {}
    impls = list(checked(ctx, plugin))
    # A failure the plugin's own wrapper catches around its yield never reaches the host.
    handlers = wrapper_handlers(impl for impl, _, _ in impls)
    for impl, hooks, spec in impls:
        node = impl.node
        hook = hooks.specs.get(impl.hook)
        at = _overloaded(ctx, impl, node) if isinstance(node, ast.FunctionDef) else None
        # The stand-in is registered when a marker is applied to it (above @overload), or by
        # its name under a manager that takes a prefix (`@overload` over `@hookimpl` returns
        # the unmarked stand-in, which a plain manager ignores).
        prefixed = bool(spec.prefix) and impl.attr.startswith(spec.prefix or "")
        if (
            hook is not None
            and isinstance(node, ast.FunctionDef)
            and at is not None
            and (at > 0 or prefixed)
            and not rescued(handlers, impl.hook, ("NotImplementedError",))
        ):
            yield PC546.at(
                plugin,
                Location(impl.path, node.lineno, node.col_offset + 1),
                f"{impl.attr} is the last definition of its name and is decorated with "
                "typing.overload, which returns its shared stand-in (not the function): pluggy "
                f"registers the stand-in, and every call of {impl.hook!r} raises "
                "NotImplementedError",
                fix=f"define the implementation of {impl.attr} last, without @overload, and "
                "mark it (overloads are for the type checker only)",
            )
            continue
        if (
            hook is not None
            and impl.wrapped_by in DISPATCH
            and isinstance(node, ast.FunctionDef)
            and not (impl.opaque or impl.unbound or impl.wrapper or impl.hookwrapper)
            and not registration_rejects(impl, hook)
        ):
            dispatched = dispatch_miss(ctx, plugin, impl, node, spec)
            if dispatched is not None and not rescued(handlers, impl.hook, ()):
                yield dispatched
            continue
        exits = _raising_exit(ctx, plugin, impl, node) if hook is not None else None
        if exits is not None:
            if not rescued(handlers, impl.hook, ()):
                yield exits
            continue
        if hook is None or impl.opaque or impl.wrapped_by is not None or impl.unbound:
            continue
        if not isinstance(node, ast.FunctionDef) or impl.wrapper or impl.hookwrapper:
            continue
        if impl.generator or registration_rejects(impl, hook):
            continue
        if impl.path not in unbound_by_module:
            info = ctx.index.info(impl.path)
            unbound_by_module[impl.path] = (
                {**_gated_globals(ctx, info), **_unbound_globals(ctx, plugin, info)} if info else {}
            )
        info = ctx.index.info(impl.path)
        finding, raised = _first_failure(plugin, impl, node, unbound_by_module[impl.path], info)
        if finding is None and info is not None:
            finding, raised = _lacked_attribute(ctx, plugin, impl, node, info), ("AttributeError",)
        if finding is None and info is not None:
            finding, raised = _refused_check(ctx, plugin, impl, node, info)
        read = unread_metadata(ctx, plugin, info, node) if finding is None and info else None
        if read is not None:
            raised = ("PackageNotFoundError", "ModuleNotFoundError", "ImportError")
            finding = PC546.at(
                plugin,
                Location(impl.path, read[0].lineno, read[0].col_offset + 1),
                f"{impl_label(impl)} reads the metadata of the distribution {read[1]!r} on "
                "every call, but it is not installed in the target environment: every call "
                f"of {impl.hook!r} raises PackageNotFoundError",
                fix=f"install {read[1]} in the host's environment, or read it under `try: ... "
                "except PackageNotFoundError:` with a fallback",
            )
        if finding is not None and (raised is None or not rescued(handlers, impl.hook, raised)):
            yield finding


def dispatch_miss(
    ctx: Context, plugin: Plugin, impl: Impl, fn: ast.FunctionDef, spec: PluggyContract
) -> Finding | None:
    """A ``functools.singledispatch`` hookimpl of a module plugin whose base function raises
    first thing, when no implementation registered on it takes the class of the first argument
    pluggy passes (the contract's stand-in, when its source says its builtin type): the base
    runs, and raises, on every call. Judged only when the plugin's source shows every
    registration (``@f.register`` over an annotated builtin, ``@f.register(T)``)."""
    first = dict(spec.stand_ins).get(impl.argnames[0]) if impl.argnames else None
    if first is None or impl.owner is not None or impl.attr != fn.name:
        return None
    raised = next((s for s in fn.body if not isinstance(s, _STRAIGHT)), None)
    if not isinstance(raised, ast.Raise) or raised.exc is None:
        return None
    info = ctx.index.info(impl.path)
    if info is None or info.tree is None:
        return None
    others = [f for f in plugin.files if f.suffix == ".py" and f.resolve() != impl.path.resolve()]
    if any(_mentions(ctx, path, fn.name) for path in others):
        return None  # another module of the plugin may register on it
    taken = registered_types(info.tree, fn)
    passed = stand_in_type(ctx, plugin, first) if taken is not None else None
    if taken is None or passed is None or any(issubclass(passed, t) for t in taken):
        return None
    names = ", ".join(t.__name__ for t in taken) or "nothing"
    return PC546.at(
        plugin,
        Location(impl.path, raised.lineno, raised.col_offset + 1),
        f"{impl_label(impl)} is a functools.singledispatch function whose base raises, and "
        f"the host passes {impl.argnames[0]} as a {passed.__name__} (stand-in {first}) while "
        f"only {names} is registered: the base runs, and every call of {impl.hook!r} raises",
        fix=f"register an implementation for {passed.__name__} "
        f"(`@{fn.name}.register` over a function taking `{impl.argnames[0]}: "
        f"{passed.__name__}`), or handle it in the base function",
    )


_CLASSES: dict[str, type] = {
    t.__name__: t
    for t in (object, bool, bytes, bytearray, complex, dict, float, frozenset, int, list, set)
}
_CLASSES |= {"str": str, "tuple": tuple}
_DYNAMIC = {"globals", "vars", "locals", "exec", "eval", "getattr", "setattr", "__import__"}


def registered_types(tree: ast.Module, fn: ast.FunctionDef) -> list[type] | None:
    """The builtin classes registered on the singledispatch function ``fn`` in its module, or
    None when any use of its name, or of a class name, is not one source can read."""
    name = fn.name
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).partition(".")[0])
        elif isinstance(node, ast.Global | ast.Nonlocal):
            return None
        elif (isinstance(node, ast.Name) and node.id in _DYNAMIC) or (
            isinstance(node, ast.Attribute) and node.attr == name
        ):
            return None  # the module reaches its names another way
    if name in bound:
        return None  # rebound: an assignment, an import, a class
    bound |= {
        n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    found: list[type] = []
    decorators: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or node is fn:
            continue
        if node.name == name:
            return None
        for deco in node.decorator_list:
            target = deco.func if isinstance(deco, ast.Call) else deco
            if not (isinstance(target, ast.Attribute) and dotted_name(target.value) == name):
                continue
            decorators.add(id(target.value))
            if target.attr != "register" or len(node.decorator_list) != 1:
                return None
            if isinstance(deco, ast.Call):
                if len(deco.args) != 1 or deco.keywords:
                    return None
                annotation: ast.expr | None = deco.args[0]
            else:
                params = [*node.args.posonlyargs, *node.args.args]
                annotation = params[0].annotation if params else None
            if not isinstance(annotation, ast.Name) or annotation.id in bound:
                return None  # not a class name, or the module shadows the builtin
            kind = _CLASSES.get(annotation.id)
            if kind is None:
                return None
            found.append(kind)
    uses = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name]
    if any(id(n) not in decorators for n in uses):
        return None  # used otherwise: registered, or replaced, elsewhere
    return found


def _mentions(ctx: Context, path: Path, name: str) -> bool:
    info = ctx.index.info(path)
    if info is None or info.tree is None:
        return True
    return any(
        (isinstance(n, ast.Name) and n.id == name)
        or (isinstance(n, ast.Attribute) and n.attr == name)
        or (isinstance(n, ast.alias) and name in (n.name, n.asname))
        for n in ast.walk(info.tree)
    )


def _first_failure(
    plugin: Plugin,
    impl: Impl,
    fn: ast.FunctionDef,
    unbound: dict[str, str],
    info: ModuleInfo | None,
) -> tuple[Finding | None, tuple[str, ...] | None]:
    """The first failure every call meets, and the names of the class it raises (None: the
    process ends, nothing catches it)."""
    local = _locals(fn)
    label = impl_label(impl)
    missing = bound_nowhere(fn, info) if info is not None else None
    if missing is not None:
        return PC546.at(
            plugin,
            Location(impl.path, missing.lineno, missing.col_offset + 1),
            f"{label} reads `{missing.id}`, which is bound nowhere in {impl.path.name} (not a "
            f"local, not a module name, not a builtin): pluggy registers it, and every call of "
            f"{impl.hook!r} raises NameError",
            fix=f"import or define `{missing.id}` in {impl.path.name}",
        ), ("NameError",)
    for stmt in fn.body:
        for name in (n for part in _runs_first(stmt) for n in _loads(part)):
            if name.id in unbound and name.id not in local:
                module = unbound[name.id]
                if module.startswith(("if ", "else:")):  # only in a branch the target skips
                    return PC546.at(
                        plugin,
                        Location(impl.path, name.lineno, name.col_offset + 1),
                        f"{label} reads {name.id}, which the module binds only under `{module}`"
                        f", a branch the target never takes: every call of {impl.hook!r} "
                        "raises NameError",
                        fix=f"bind {name.id} on every platform (an `else:` branch), or test "
                        "for it in the hook",
                    ), ("NameError",)
                return PC546.at(
                    plugin,
                    Location(impl.path, name.lineno, name.col_offset + 1),
                    f"{label} reads {name.id}, which the module binds only when `import "
                    f"{module}` succeeds; {module} is not installed in the target environment, "
                    f"so every call of {impl.hook!r} raises NameError",
                    fix=f"bind {name.id} where the import fails too (`{name.id} = None` in "
                    "the `except ImportError:` branch, or before a `with suppress(ImportError):`"
                    f" block) and test it in the hook, or install {module}",
                ), ("NameError",)
        ended = exit_statement(info, stmt, local) if info is not None else None
        if ended is not None and not isinstance(stmt, ast.Raise):
            return PC546.at(
                plugin,
                Location(impl.path, stmt.lineno, stmt.col_offset + 1),
                f"{label} ends the host on every call ({ended}): pluggy registers it, and "
                f"every call of {impl.hook!r} exits the host's process",
                fix="return from the hook instead; only the host decides when it exits",
            ), None
        if isinstance(stmt, ast.Raise) and stmt.exc is not None:
            return PC546.at(
                plugin,
                Location(impl.path, stmt.lineno, stmt.col_offset + 1),
                f"{label} raises on every path: pluggy registers it, and every call of "
                f"{impl.hook!r} raises to the host",
                fix="implement the hook, or remove it from the plugin (a hook the plugin does "
                "not implement is simply not called)",
            ), _raised_class(stmt.exc)
        if not isinstance(stmt, _STRAIGHT):
            return None, None
    return None, None


def _raised_class(exc: ast.expr) -> tuple[str, ...]:
    """``raise X(...)`` or ``raise X``: the class's name (empty: not a name source reads)."""
    name = dotted_name(exc.func if isinstance(exc, ast.Call) else exc)
    return (name.rsplit(".", 1)[-1],) if name else ()


def _refused_check(
    ctx: Context, plugin: Plugin, impl: Impl, fn: ast.FunctionDef, info: ModuleInfo
) -> tuple[Finding | None, tuple[str, ...]]:
    """``isinstance(context, _Context)`` against a class Python refuses to check (a TypedDict,
    typing.Self, a Protocol without @runtime_checkable), a context variable used so that it
    raises (``context_vars``), a ``getattr(self, "__x")`` the class cannot answer
    (``private_lookups``), in code every call runs."""
    reader = reader_of(ctx, plugin)
    refused = (
        refused_check(reader, fn, info)
        or raising_context_use(reader, info, fn)
        or private_lookup(reader, info, fn)
    )
    if refused is None:
        return None, ()
    return PC546.at(
        plugin,
        Location(impl.path, refused.call.lineno, refused.call.col_offset + 1),
        f"{impl_label(impl)} runs {refused.why}: pluggy registers it, and every call of "
        f"{impl.hook!r} raises {refused.error}",
        fix=refused.fix,
    ), (refused.error.partition(":")[0],)


def _raising_exit(ctx: Context, plugin: Plugin, impl: Impl, node: ast.AST | None) -> Finding | None:
    """A hookimpl under ``@_timed()``, a contextlib.contextmanager of the plugin's whose exit
    always raises (``rules.context_exits``)."""
    if not isinstance(node, ast.FunctionDef) or impl.unbound or impl.wrapper or impl.hookwrapper:
        return None
    info = ctx.index.info(impl.path)
    for decorator in node.decorator_list if info is not None else ():
        assert info is not None
        exits = raising_exit(reader_of(ctx, plugin), info, decorator)
        if exits is not None:
            return PC546.at(
                plugin,
                Location(impl.path, decorator.lineno, decorator.col_offset + 1),
                f"{impl_label(impl)} runs under @{ast.unparse(decorator)[:40]}, a "
                f"contextlib.contextmanager of the plugin's whose exit always raises "
                f"(`{ast.unparse(exits[1])[:60]}` after its yield, line {exits[1].lineno}): "
                f"pluggy registers it, and every call of {impl.hook!r} raises to the host",
                fix=f"let {exits[0].name}() finish without raising (or raise only on a real "
                "failure)",
            )
    return None


def _lacked_attribute(
    ctx: Context, plugin: Plugin, impl: Impl, fn: ast.FunctionDef, info: ModuleInfo
) -> Finding | None:
    """``json.dumps(page)`` in the part of the body every call runs, where ``json`` is the
    plugin's own module and binds no ``dumps`` (``rules.own_module_attrs``)."""
    found = first_lacked(reader_of(ctx, plugin), info, fn)
    if found is None:
        return None
    read, module = found
    held = dotted_name(read.value)
    return PC546.at(
        plugin,
        Location(impl.path, read.lineno, read.col_offset + 1),
        f"{impl_label(impl)} reads {held}.{read.attr}, but {held} is the plugin's own module "
        f"({module}), which binds no {read.attr!r}: every call of {impl.hook!r} raises "
        "AttributeError",
        fix=f"define {read.attr} in {module}, or import the module that has it (the name "
        f"{held} is bound to the plugin's own {module})",
    )


def _runs_first(stmt: ast.stmt) -> list[ast.AST]:
    """What of ``stmt`` every run of it evaluates: all of a simple statement, the test of an
    ``if``/``while``, the iterable of a loop, the items of a ``with`` (not their bodies: an
    ``if TYPE_CHECKING:`` body in the hook never runs)."""
    match stmt:
        case ast.If(test=first) | ast.While(test=first):
            return [first]
        case ast.For(iter=first) | ast.AsyncFor(iter=first):
            return [first]
        case ast.With(items=items) | ast.AsyncWith(items=items):
            return [item.context_expr for item in items]
        case ast.Try() | ast.TryStar() | ast.Match() | ast.FunctionDef() | ast.ClassDef():
            return []
    return [stmt]


def _loads(stmt: ast.AST) -> list[ast.Name]:
    """Names the statement reads when it runs (not inside nested functions or lambdas)."""
    found: list[ast.Name] = []
    todo: list[ast.AST] = [stmt]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Lambda | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        if isinstance(node, ast.comprehension | ast.ListComp | ast.SetComp | ast.DictComp):
            continue
        if isinstance(node, ast.GeneratorExp):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return sorted(found, key=lambda n: (n.lineno, n.col_offset))


def _locals(fn: ast.FunctionDef) -> set[str]:
    """The function's parameters and every name it binds or declares global/nonlocal."""
    args = fn.args
    names = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    names |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    for node in ast.walk(fn):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            names.update(node.names)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        elif (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and node is not fn
        ) or (isinstance(node, ast.ExceptHandler) and node.name):
            names.add(node.name or "")
    return names


def _unbound_globals(ctx: Context, plugin: Plugin, info: ModuleInfo) -> dict[str, str]:
    """Globals bound only by a failing guarded import (under a ``try`` whose handlers catch
    ImportError, or ``with suppress(ImportError):``): name -> the module not installed."""
    tree = info.tree
    if tree is None:
        return {}
    installed = None
    candidates: dict[str, str] = {}
    guarded: set[int] = set()
    for stmt in tree.body:
        if isinstance(stmt, ast.Try):
            handlers = stmt.handlers
        elif isinstance(stmt, ast.With):
            handlers = suppressing(stmt)  # `with suppress(ImportError):` stops at the import
        else:
            continue
        if not handlers or not catches(handlers, _IMPORT_ERRORS):
            continue
        for inner in stmt.body:
            if isinstance(inner, ast.Import | ast.ImportFrom):
                guarded.add(id(inner))
            if isinstance(inner, ast.Import):
                pairs = [(a.asname or a.name.split(".")[0], a.name) for a in inner.names]
            elif isinstance(inner, ast.ImportFrom) and inner.module and not inner.level:
                pairs = [(a.asname or a.name, inner.module) for a in inner.names]
            else:
                continue
            for name, module in pairs:
                if name == "*":
                    return {}  # a star import may bind anything
                installed = installed or installed_for(ctx, plugin)
                if not installed.has(module):
                    candidates[name] = module
    if not candidates:
        return {}
    for node in ast.walk(tree):  # any other binding anywhere keeps the name bound
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "__getattr__":
            return {}
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            candidates.pop(node.id, None)
        elif isinstance(node, ast.Global):
            for name in node.names:
                candidates.pop(name, None)
        elif isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in guarded:
            for alias in node.names:
                candidates.pop((alias.asname or alias.name).split(".")[0], None)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            candidates.pop(node.name, None)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("globals", "setattr", "exec", "vars")
        ):
            return {}
    return candidates


def _gated_globals(ctx: Context, info: ModuleInfo) -> dict[str, str]:
    """Globals the module binds only in the branch of a top-level ``if`` that the target never
    takes (``if sys.platform == "win32": SEP = "\\"``, ``if __name__ == "__main__":``), by an
    assignment, a ``def``/``class`` or an import: name -> ``if <test>:`` as written."""
    tree = info.tree
    if tree is None:
        return {}
    scope, target = module_scope(tree.body), target_of(ctx.env)
    dead: dict[str, str] = {}
    skipped: set[int] = set()
    for stmt in tree.body:
        if not isinstance(stmt, ast.If):
            continue
        if is_type_checking(stmt.test):
            continue  # names imported only for the type checker are PC212's
        # `if __name__ == "__main__":` runs only when the file is a script, never on import
        taken = False if is_main_guard(stmt.test) else decide(stmt.test, scope, target)
        if taken is None or _reads_environment(stmt.test, tree):
            continue  # a variable another machine's host may set: PC559's warning
        branch = stmt.orelse if taken else stmt.body
        test = ast.unparse(stmt.test)
        shown = f"if {test}:" if not taken else f"else: (of if {test})"
        for inner in branch:
            for node in ast.walk(inner):
                skipped.add(id(node))
                if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                    dead.setdefault(node.id, shown)
                elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    dead.setdefault(node.name, shown)
                elif isinstance(node, ast.alias):
                    dead.setdefault((node.asname or node.name).split(".")[0], shown)
    if not dead:
        return {}
    for node in ast.walk(tree):  # any binding outside the dead branches keeps the name bound
        if id(node) in skipped:
            continue
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "__getattr__":
            return {}
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            dead.pop(node.id, None)
        elif isinstance(node, ast.Global):
            for name in node.names:
                dead.pop(name, None)
        elif isinstance(node, ast.alias):
            dead.pop((node.asname or node.name).split(".")[0], None)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            dead.pop(node.name, None)
        elif isinstance(node, ast.Call) and dotted_name(node.func) in (
            "globals",
            "setattr",
            "exec",
            "vars",
        ):
            return {}
    return dead


def _reads_environment(test: ast.expr, tree: ast.Module) -> bool:
    """The test reads an environment variable, itself or through a module constant."""
    names = {n.id for n in ast.walk(test) if isinstance(n, ast.Name)}
    values = [
        s.value
        for s in tree.body
        if isinstance(s, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id in names for t in s.targets)
    ]
    text = " ".join(ast.unparse(e) for e in [test, *values])
    return "environ" in text or "getenv" in text


def _overloaded(ctx: Context, impl: Impl, fn: ast.FunctionDef) -> int | None:
    """Where ``fn``'s decorators hold ``typing.overload`` (or typing_extensions'), by a name
    the module imports at its top level; ``None`` when they do not."""
    info = ctx.index.info(impl.path)
    if info is None or info.tree is None:
        return None
    spellings = set()
    for stmt in info.tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module in _TYPING and not stmt.level:
            spellings |= {a.asname or a.name for a in stmt.names if a.name == "overload"}
        elif isinstance(stmt, ast.Import):
            spellings |= {f"{a.asname or a.name}.overload" for a in stmt.names if a.name in _TYPING}
    found = [i for i, d in enumerate(fn.decorator_list) if (dotted_name(d) or "") in spellings]
    return found[-1] if found else None


_TYPING = ("typing", "typing_extensions")
