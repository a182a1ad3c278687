"""Entry-point groups a host builds the names of at run time: OpenStackClient's
``cmd_group = '.'.join(['openstack', api.replace('-', '_'), 'v' + version])`` then
``add_command_group(cmd_group)`` asks for ``openstack.<api>.v<N>``, proposed as the pattern
``openstack.*.v*`` (``entry-point-group-pattern``): what the code spells is kept, what it
computes is ``*``."""

from __future__ import annotations

import ast
import fnmatch
import re
from collections.abc import Iterator, Mapping

from plugcheck.scaffold.groups import Known, group_expr
from plugcheck.scaffold.model import Survey
from plugcheck.scaffold.pyproject import toml_string
from plugcheck.static.function_walk import own_nodes

_LIMIT = 8


def group_patterns(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, known: Known
) -> Iterator[tuple[str, int]]:
    """Each pattern of a group ``fn`` asks for whose name it computes, and the line. Only a
    pattern that begins with what the host spells, three characters or more of it: ``*`` or
    ``*.plugins`` would take in groups of other hosts."""
    local = _bound_once(fn)
    for call in own_nodes(fn):
        if not isinstance(call, ast.Call):
            continue
        value = group_expr(call)
        if value is None or known.values(value):
            continue  # no group, or a constant one (read as a group)
        pattern = re.sub(r"\*+", "*", _pattern(value, local, known, 0))
        if "*" in pattern and len(pattern.partition("*")[0]) >= 3:
            yield pattern, call.lineno


def _bound_once(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, ast.expr]:
    """Local names ``fn`` binds once, by a plain assignment, and to nothing else: their value."""
    values: dict[str, ast.expr] = {}
    stores: dict[str, int] = {}
    args = fn.args
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
        if arg is not None:
            stores[arg.arg] = 2
    for node in own_nodes(fn):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                values[target.id] = node.value
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            stores[node.id] = stores.get(node.id, 0) + 1
        elif isinstance(node, ast.Global | ast.Nonlocal):
            stores.update({name: 2 for name in node.names})
    return {name: value for name, value in values.items() if stores.get(name) == 1}


def _pattern(node: ast.expr, local: Mapping[str, ast.expr], known: Known, depth: int) -> str:
    """``node``'s value as a pattern: its constant parts escaped, every computed part ``*``."""
    values = known.values(node)
    if len(values) == 1:
        return _escaped(values[0])
    if depth > _LIMIT:
        return "*"
    deeper = depth + 1
    match node:
        case ast.Name(id=name) if name in local:
            return _pattern(local[name], local, known, deeper)
        case ast.BinOp(op=ast.Add(), left=left, right=right):
            return _pattern(left, local, known, deeper) + _pattern(right, local, known, deeper)
        case ast.JoinedStr(values=parts):
            return "".join(
                _pattern(p.value if isinstance(p, ast.FormattedValue) else p, local, known, deeper)
                for p in parts
            )
        case ast.Call(
            func=ast.Attribute(attr="join", value=ast.Constant(value=str(sep))),
            args=[ast.List(elts=elements) | ast.Tuple(elts=elements)],
        ):
            return _escaped(sep).join(_pattern(e, local, known, deeper) for e in elements)
        case ast.Call(func=ast.Attribute(attr="format", value=ast.Constant(value=str(text)))):
            return "*".join(_escaped(part) for part in re.split(r"\{[^{}]*\}", text))
    return "*"


def _escaped(text: str) -> str:
    """``text`` matched as itself by ``fnmatch``."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def group_line(found: Survey, group: str) -> str:
    """The contract's ``entry-point-group``, or its pattern with where the host builds it."""
    if group not in found.patterns:
        return f"entry-point-group = {toml_string(group)}"
    return (
        f"entry-point-group-pattern = {toml_string(group)}  # the host builds the group's name:"
        f" {found.groups[group]}"
    )


def subsumed(found: Survey, group: str) -> bool:
    """A pattern another one matches (``openstack.*.v*.*`` and ``openstack.*.v*``)."""
    return group in found.patterns and any(
        other != group and fnmatch.fnmatchcase(group, other) for other in found.patterns
    )
