"""contextvars used so that it certainly raises, in code every run reaches (the import's top
level, the factory, a lifecycle method, a hookimpl, the entry function, a method the host calls):

- ``VAR.get()`` without a fallback, where ``VAR = contextvars.ContextVar("name")`` has no default
  and nothing sets it in the context the host runs the plugin in: ``LookupError``. A set counts
  unless it runs in a fresh context (``contextvars.copy_context().run(VAR.set, x)``, whose
  context is dropped) or the next statement resets it (``t = VAR.set(x)`` then
  ``VAR.reset(t)``);
- ``VAR.reset(token)`` a second time with the same token, nothing rebinding the token between:
  ``RuntimeError: <Token ...> has already been used once``;
- ``VAR.reset(token)`` with a token made in another context (``token =
  contextvars.copy_context().run(VAR.set, x)``, by a name or, for ``self.<attr>``, by every
  binding of that attribute): ``ValueError: <Token ...> was created in a different Context``.

Only a variable the module binds once, at its top level, whose every mention is one of these
calls (nothing passes it on, aliases it or sets it another way), and that no other module of the
plugin mentions, is judged; a module that writes its globals another way (``globals()``,
``exec``) is not.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.import_raises import PC515
from plugcheck.rules.import_reads import evaluated
from plugcheck.rules.own_imports import loaded
from plugcheck.rules.reached import Function, Reader, reader_of
from plugcheck.rules.straight_code import certain
from plugcheck.static.effects import canonical_name
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import dotted_name

_FRESH_CONTEXTS = frozenset({"contextvars.copy_context", "contextvars.Context"})
"""Calls that make a context of their own: what ``.run`` sets there stays there."""

FIX = (
    "give the ContextVar a default (ContextVar(name, default=...)) or pass .get() a fallback, "
    "set it in the code the host runs before reading it (not in a copied context), and reset "
    "a token once, in the context that made it"
)


@dataclass(frozen=True, slots=True)
class Vars:
    """The module's context variables source can follow, and what is known of them."""

    known: frozenset[str]
    """Bound once at the top level to ``ContextVar(...)``, every mention a get, set or reset."""
    unset: frozenset[str]
    """Of ``known``: no default, and nothing sets them in the host's context."""
    foreign: frozenset[str]
    """Attribute names every binding of which is a token made in a fresh context."""


_VARS: WeakKeyDictionary[ast.Module, Vars] = WeakKeyDictionary()


def module_vars(reader: Reader, info: ModuleInfo) -> Vars:
    """What :class:`Vars` the module holds (empty when it writes its globals another way)."""
    tree = info.tree
    if tree is None or info.writes_globals:
        return Vars(frozenset(), frozenset(), frozenset())
    kept = _VARS.get(tree)
    if kept is None:
        kept = _read(info, tree)
        if kept.known:
            others = [
                other.tree
                for path in reader.own_in_order()
                if (other := reader.ctx.index.info(path)) is not None
                and other.tree is not None
                and other.tree is not tree
            ]
            mentioned = {name for other in others for name in _mentions(other)}
            kept = Vars(kept.known - mentioned, kept.unset - mentioned, kept.foreign - mentioned)
        _VARS[tree] = kept
    return kept


def _mentions(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.alias):
            yield node.asname or node.name.rpartition(".")[2]


def _read(info: ModuleInfo, tree: ast.Module) -> Vars:
    made: dict[str, ast.Call] = {}
    for stmt in tree.body:
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value, ast.Call)
            and _origin(info, stmt.value.func) == "contextvars.ContextVar"
        ):
            made[stmt.targets[0].id] = stmt.value
    if not made:
        return Vars(frozenset(), frozenset(), frozenset())
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    known = set(made)
    setters: dict[str, list[ast.Call]] = {name: [] for name in made}
    stores: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if not isinstance(node.ctx, ast.Load):
                stores[node.id] = stores.get(node.id, 0) + 1
            elif node.id in made:
                use = _use(info, node, parents)
                if use is None:
                    known.discard(node.id)
                elif use[0] == "set":
                    setters[node.id].append(use[1])
        elif isinstance(node, ast.Global | ast.Nonlocal):
            known -= set(node.names)
        elif isinstance(node, ast.arg | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            known.discard(node.arg if isinstance(node, ast.arg) else node.name)
        elif isinstance(node, ast.alias):
            known.discard(node.asname or node.name.partition(".")[0])
    known = {name for name in known if stores.get(name) == 1}
    unset = {
        name
        for name in known
        if not _defaulted(made[name]) and all(_undone(s, parents) for s in setters[name])
    }
    return Vars(frozenset(known), frozenset(unset), _foreign(info, tree, frozenset(known)))


def _origin(info: ModuleInfo, func: ast.expr) -> str | None:
    return canonical_name(dotted_name(func), info.symbols)


def _use(
    info: ModuleInfo, name: ast.Name, parents: dict[ast.AST, ast.AST]
) -> tuple[str, ast.Call] | None:
    """How a mention of a variable is used: ``("get" | "set" | "reset", call)``,
    ``("fresh", call)`` for ``<fresh context>.run(VAR.set, ...)``; ``None`` for anything else."""
    attribute = parents.get(name)
    if not isinstance(attribute, ast.Attribute) or attribute.attr not in ("get", "set", "reset"):
        return None
    call = parents.get(attribute)
    if isinstance(call, ast.Call) and call.func is attribute:
        return attribute.attr, call
    if isinstance(call, ast.Call) and attribute.attr == "set" and _fresh_run(info, call, attribute):
        return "fresh", call
    return None


def _fresh_run(info: ModuleInfo, call: ast.Call, first: ast.expr | None = None) -> bool:
    """``call`` is ``<copy_context() or Context()>.run(first, ...)``."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "run"
        and isinstance(func.value, ast.Call)
        and _origin(info, func.value.func) in _FRESH_CONTEXTS
        and bool(call.args)
        and (first is None or call.args[0] is first)
    )


def _defaulted(made: ast.Call) -> bool:
    return len(made.args) > 1 or any(k.arg in ("default", None) for k in made.keywords)


def _undone(setter: ast.Call, parents: dict[ast.AST, ast.AST]) -> bool:
    """``token = VAR.set(x)`` whose next statement is ``VAR.reset(token)``."""
    stmt = parents.get(setter)
    if not (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
    ):
        return False
    block = parents.get(stmt)
    for field in ("body", "orelse", "finalbody"):
        stmts = getattr(block, field, None)
        if isinstance(stmts, list) and stmt in stmts:
            index = stmts.index(stmt)
            after = stmts[index + 1] if index + 1 < len(stmts) else None
            var = setter.func.value if isinstance(setter.func, ast.Attribute) else None
            return (
                isinstance(var, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Call)
                and _called_var(after.value, "reset", frozenset({var.id})) is not None
                and len(after.value.args) == 1
                and isinstance(after.value.args[0], ast.Name)
                and after.value.args[0].id == stmt.targets[0].id
            )
    return False


def _foreign(info: ModuleInfo, tree: ast.Module, known: frozenset[str]) -> frozenset[str]:
    """Attribute names whose every binding in the module is ``<x>.attr =
    <fresh context>.run(VAR.set, ...)`` for a variable of ``known``."""
    if not known:
        return frozenset()
    counts: dict[str, tuple[int, int]] = {}  # attribute -> (fresh-context tokens, bindings)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and dotted_name(node.func) in ("setattr", "delattr"):
            return frozenset()
        if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
            fresh, bound = counts.get(node.attr, (0, 0))
            counts[node.attr] = (fresh, bound + 1)
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Attribute)
            and isinstance(node.value, ast.Call)
            and _fresh_run(info, node.value)
            and _set_of(node.value.args[0], known)
        ):
            fresh, bound = counts.get(node.targets[0].attr, (0, 0))
            counts[node.targets[0].attr] = (fresh + 1, bound)
    return frozenset(attr for attr, (fresh, bound) in counts.items() if fresh and fresh == bound)


def _set_of(node: ast.expr, known: frozenset[str]) -> str | None:
    """The variable of ``known`` whose ``.set`` ``node`` is."""
    if (
        isinstance(node, ast.Attribute)
        and node.attr == "set"
        and isinstance(node.value, ast.Name)
        and node.value.id in known
    ):
        return node.value.id
    return None


def _called_var(call: ast.Call, method: str, known: frozenset[str]) -> str | None:
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr == method
        and isinstance(func.value, ast.Name)
        and func.value.id in known
    ):
        return func.value.id
    return None


def misuse(
    info: ModuleInfo, found: Vars, parts: Iterable[ast.AST], local: frozenset[str] = frozenset()
) -> tuple[ast.Call, str, str] | None:
    """The first call of ``parts`` (what every run reaches, in order, as :func:`certain` gives
    it) that uses a context variable of ``found`` so that it raises: the call, the exception,
    why. ``local``: the names the function binds itself (they are no module variable)."""
    known = found.known - local
    if not known:
        return None
    used: dict[str, str] = {}  # token (its source) -> the variable it was reset on
    foreign: dict[str, str] = {}  # token name -> the variable a fresh context set
    for part in parts:
        for node in evaluated(part):
            if not isinstance(node, ast.Call):
                continue
            if (name := _called_var(node, "get", known)) is not None:
                if name in found.unset and not node.args and not node.keywords:
                    return (
                        node,
                        "LookupError",
                        f"`{ast.unparse(node)[:60]}`, and {name} is a ContextVar without a "
                        "default that nothing sets in the context the host runs the plugin in",
                    )
                continue
            if (name := _called_var(node, "reset", known)) is None or len(node.args) != 1:
                if _called_var(node, "set", known) is None:
                    # Another call may rebind a global or an attribute holding a token.
                    used = {k: v for k, v in used.items() if k in local}
                    foreign = {k: v for k, v in foreign.items() if k in local}
                continue
            token = ast.unparse(node.args[0])
            if token in used:
                return (
                    node,
                    "RuntimeError",
                    f"`{ast.unparse(node)[:60]}` a second time with the same token (a token "
                    "resets its variable once)",
                )
            attr = node.args[0]
            made_apart = foreign.get(token) or (
                isinstance(attr, ast.Attribute)
                and isinstance(attr.value, ast.Name)
                and attr.attr in found.foreign
            )
            if made_apart:
                return (
                    node,
                    "ValueError",
                    f"`{ast.unparse(node)[:60]}` with a token made in another context (by "
                    f"contextvars.copy_context().run({name}.set, ...); a token resets its "
                    "variable only in the context that made it)",
                )
            used[token] = name
        for target in _stored(part):
            used.pop(target, None)
            foreign.pop(target, None)
        if (
            isinstance(part, ast.Assign)
            and len(part.targets) == 1
            and isinstance(part.targets[0], ast.Name)
            and isinstance(part.value, ast.Call)
            and _fresh_run(info, part.value)
            and _set_of(part.value.args[0], known)
        ):
            foreign[part.targets[0].id] = part.targets[0].id
    return None


def _stored(part: ast.AST) -> list[str]:
    """The names and attributes (as source) a statement binds."""
    targets: list[ast.expr] = []
    if isinstance(part, ast.Assign):
        targets = part.targets
    elif isinstance(part, ast.AugAssign | ast.AnnAssign):
        targets = [part.target]
    return [
        ast.unparse(sub)
        for target in targets
        for sub in ast.walk(target)
        if isinstance(sub, ast.Name | ast.Attribute) and not isinstance(sub.ctx, ast.Load)
    ]


def function_misuse(
    reader: Reader, info: ModuleInfo, fn: Function, local: frozenset[str]
) -> tuple[ast.Call, str, str] | None:
    """:func:`misuse` in the code every call of ``fn`` runs."""
    found = module_vars(reader, info)
    if not found.known:
        return None
    return misuse(info, found, certain(fn.body), local)


@plugin_check(PC515)
def import_uses_context_vars(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """PC515 for the first top-level call of a module the host's import surely runs that uses
    a context variable so that it raises."""
    reader = None
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        reader = reader or reader_of(ctx, plugin)
        found = module_vars(reader, info)
        if not found.known:
            continue
        raised = misuse(info, found, certain(info.tree.body))
        if raised is None:
            continue
        node, error, why = raised
        yield PC515.at(
            plugin,
            Location(path, node.lineno, node.col_offset + 1),
            f"{plugin.module} runs {why} at import: it raises {error}, so the host's import "
            "always fails",
            fix=FIX,
        )
