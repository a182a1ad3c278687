"""What an entry function returns when it hands back an attribute of an object the host passes
it (``return registry.checkers``): the host's own class says what that attribute is, when its
``__init__`` sets it to a literal container (``self.checkers: list[type[Checker]] = []``) and
nothing else ever assigns it. A list is no class, so a host that wants a subclass of its base
(``returns = "subclass"``) refuses it, however many classes the list holds (PC562)."""

from __future__ import annotations

import ast

from plugcheck.model import Plugin, TypeRef
from plugcheck.rules.abstract_left import host_class, host_package_files
from plugcheck.rules.attribute_never_set import _DYNAMIC, stored_anywhere
from plugcheck.rules.base import Context
from plugcheck.rules.instance_state import names_bound
from plugcheck.rules.passed_values import _literal_type
from plugcheck.rules.reached import reader_of
from plugcheck.rules.setup_spec import SetupContract
from plugcheck.static.resolve import node_at, own_nodes


def attribute_result(
    ctx: Context,
    plugin: Plugin,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    spec: SetupContract,
) -> str | None:
    """Why the entry function's result is no class, said as ``returns ...``, when every
    ``return`` is ``<argument>.<attr>`` of an argument whose class the contract names and that
    class's ``__init__`` alone sets ``attr``, to a literal container; None when unsure."""
    if spec.returns != "subclass":
        return None
    params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    classes = dict(zip(params, spec.arguments, strict=False))
    values = [n.value for n in own_nodes(function) if isinstance(n, ast.Return)]
    rebound = {
        n.id
        for n in own_nodes(function)
        if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)
    }
    if not values:
        return None
    said = None
    for value in values:
        if not (
            isinstance(value, ast.Attribute)
            and isinstance(value.value, ast.Name)
            and value.value.id in classes
            and value.value.id not in rebound
        ):
            return None
        kind = _set_in_init(ctx, classes[value.value.id], value.attr)
        if kind is None:
            return None
        owner = str(classes[value.value.id]).replace(":", ".")
        said = said or (
            f"returns {ast.unparse(value)[:60]}, which {owner}.__init__ sets"
            f" to a {kind.__name__} and nothing else assigns: a {kind.__name__} is no class"
        )
    stored = stored_anywhere(reader_of(ctx, plugin))
    attrs = {v.attr for v in values if isinstance(v, ast.Attribute)}
    if stored is None or stored & attrs:
        return None  # the plugin may assign the attribute itself
    return said


def _set_in_init(ctx: Context, ref: TypeRef | None, attr: str) -> type | None:
    """The builtin container type the host class ``ref``'s ``__init__`` sets ``self.<attr>``
    to, in a statement every call runs, when no other code of the host's package assigns an
    attribute of that name and nothing there sets attributes unseen."""
    host = host_class(ctx, ref) if ref is not None else None
    node = node_at(host.module, host.symbol.line) if host is not None else None
    if host is None or not isinstance(node, ast.ClassDef):
        return None
    if node.bases or node.keywords or node.decorator_list:
        return None
    bound = names_bound(node)
    if attr in bound or bound & {"__getattr__", "__getattribute__", "__setattr__", "__new__"}:
        return None
    inits = [s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"]
    if len(inits) != 1 or inits[0].decorator_list or not inits[0].args.args:
        return None
    me = inits[0].args.args[0].arg
    kind = None
    mine = None
    for stmt in inits[0].body:
        target: ast.expr | None = stmt.target if isinstance(stmt, ast.AnnAssign) else None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
        if (
            isinstance(stmt, ast.Assign | ast.AnnAssign)
            and isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == me
            and target.attr == attr
        ):
            kind, mine = _literal_type(stmt.value), target
        elif not isinstance(stmt, ast.Assign | ast.AnnAssign | ast.Expr):
            break  # what follows may not run
    if kind is None or mine is None:
        return None
    home = host.module.path.resolve()
    place = (home, mine.lineno, mine.col_offset)
    files = host_package_files(ctx, host.module.path)
    if not files:
        return None
    for path in files:
        info = host.module if path.resolve() == home else ctx.index.info(path)
        if info is None or any(n.id in _DYNAMIC for n in info.nodes(ast.Name)):
            return None
        for n in info.nodes(ast.Attribute):
            if isinstance(n.ctx, ast.Load):
                if n.attr in _DYNAMIC:
                    return None
            elif n.attr == attr and (info.path.resolve(), n.lineno, n.col_offset) != place:
                return None
    return kind
