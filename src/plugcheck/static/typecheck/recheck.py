"""Lifecycle method bodies checked again with the host's parameter types (``body`` targets).

A method that declares ``timeout: int`` where the protocol declares ``timeout: float`` may work
with a float (``time.sleep(timeout)``) or not (``"x" * timeout``); one that declares
``config: str`` where the host passes a Mapping may use it as one all the same. mypy checked the
body with the plugin's own annotations; a generated module holds two copies of it as functions
of the instance, one with the plugin's parameter types and one with the host's, so that the
errors only the host's copy has are what the host's values break. Comments that silence mypy
(``# type: ignore``) are left out of both copies, which keep the body's line numbers.
"""

from __future__ import annotations

import ast
import copy
import io
import re
import tokenize
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from plugcheck import untrusted
from plugcheck.model import Contract, Location, Plugin, TypeRef
from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind
from plugcheck.static.resolve import dotted_module, resolve_dotted
from plugcheck.static.typecheck.spots import Spot, body_spots
from plugcheck.static.typecheck.targets import CheckModule, Target

OWNER = "_plugcheck_owner"
HOST_PREFIX = "_plugcheck_h_"
_IGNORE = re.compile(r"#\s*type:\s*ignore\b")


@dataclass(slots=True)
class BodyShim(CheckModule):
    """A generated module with a method's body twice: ``own`` and ``host`` are the first line
    of each copy's body; ``first`` the body's first line in the plugin's file."""

    target: Target | None = None
    own: int = 0
    host: int = 0
    passed: int = 0
    """The copy typed with the class of what the contract passes (0: none)."""
    length: int = 0
    first: int = 0
    rejected: list[tuple[int, int, str | None, str]] = field(default_factory=list)
    """mypy's errors in the module: (line, column, code, message)."""
    spots: dict[Spot, tuple[str, frozenset[str]]] = field(default_factory=dict)
    """Where in the plugin's file a parameter is used so that the wrong type raises
    (:mod:`spots`): mypy's error there in every copy is a failure of the host's call."""


def body_targets(
    cls: Resolved,
    home: str,
    roots: list[Path],
    plugin: Plugin,
    contract: Contract,
    index: ModuleIndex,
    ids: Iterator[int],
    shims: list[CheckModule],
) -> Iterator[Target]:
    """One ``body`` target (and its module, added to ``shims``) per lifecycle method of the
    class ``cls`` (module ``home``) or of a base class of the plugin's own whose parameter
    annotations differ from the protocol's, or whose body uses a parameter where the wrong
    type raises (:mod:`spots`)."""
    lifecycle = contract.lifecycle
    ref = lifecycle.protocol if lifecycle is not None else None
    host = _protocol(ref, index, roots) if ref is not None else None
    if host is None or ref is None:
        return
    planned = {
        (s.target.name, s.target.member) for s in shims if isinstance(s, BodyShim) and s.target
    }
    for own, own_home in _own_classes(cls, home, roots, plugin, index):
        for target, shim in _class_bodies(own, own_home, host, ref, plugin, contract, ids):
            if (target.name, target.member) not in planned:
                shims.append(shim)
                yield target


def _own_classes(
    cls: Resolved, home: str, roots: list[Path], plugin: Plugin, index: ModuleIndex
) -> Iterator[tuple[Resolved, str]]:
    """``cls`` and its base classes defined in the plugin's files, to a bounded depth."""
    todo = [(cls, home)]
    seen: set[tuple[Path, int]] = set()
    while todo and len(seen) < 20:
        current, name = todo.pop()
        if (current.module.path, current.symbol.line) in seen:
            continue
        seen.add((current.module.path, current.symbol.line))
        yield current, name
        for base in current.symbol.bases:
            found = resolve_dotted(index, current.module, base, roots)
            module = plugin.module_name(found.module.path) if isinstance(found, Resolved) else None
            if isinstance(found, Resolved) and found.symbol.kind is SymbolKind.CLASS and module:
                todo.append((found, module))


def _class_bodies(
    cls: Resolved,
    home: str,
    host: tuple[ast.ClassDef, str, Collection[str]],
    ref: TypeRef,
    plugin: Plugin,
    contract: Contract,
    ids: Iterator[int],
) -> Iterator[tuple[Target, BodyShim]]:
    lifecycle = contract.lifecycle
    node = _class_node(cls)
    proto_node, proto_module, proto_names = host
    wanted = {
        s.name: s
        for s in proto_node.body
        if isinstance(s, ast.FunctionDef) and not s.decorator_list
    }
    for stmt in node.body if node is not None else ():
        declared = wanted.get(stmt.name) if isinstance(stmt, ast.FunctionDef) else None
        if declared is None or not isinstance(stmt, ast.FunctionDef) or stmt.decorator_list:
            continue
        if not stmt.body or stmt.body[0].lineno <= stmt.lineno:
            continue
        pairs = list(zip(_positional(stmt), _positional(declared), strict=False))
        spots = body_spots(
            stmt, {own.arg: host.annotation for own, host in pairs}, cls.module.symbols.keys()
        )
        host_types = _differing(stmt, declared)
        same = not host_types  # the annotations agree: one copy, typed as the host's
        if same:
            host_types = {
                n: host.annotation
                for n, (own, host) in enumerate(pairs)
                if own.annotation is None and host.annotation is not None
            }
            if not spots:
                continue
        target = Target(
            next(ids),
            "body",
            plugin,
            contract,
            f"{home}.{cls.symbol.name}",
            Location(cls.module.path, stmt.lineno, stmt.col_offset + 1),
            expected=ref,
            member=stmt.name,
        )
        calls = lifecycle.calls if lifecycle is not None else None
        first = pairs[0][1].annotation if pairs else None
        passed = PASSED.get(stmt.name) if calls is None else None
        if passed is not None and (first is None or not _declares(passed, first)):
            passed = None  # the host declares another class (a Settings object)
        if not same and 0 not in host_types:
            passed = None  # the first parameter agrees: the comparison is about the others
        protocol = (proto_module, proto_names)
        shim = _shim(target, cls, home, stmt, host_types, protocol, passed, first, own=not same)
        if shim is not None:
            shim.spots = spots
            yield target, shim


def _class_node(cls: Resolved) -> ast.ClassDef | None:
    tree = cls.module.tree
    return next(
        (
            s
            for s in (tree.body if tree is not None else [])
            if isinstance(s, ast.ClassDef) and s.lineno == cls.symbol.line
        ),
        None,
    )


def _protocol(
    ref: TypeRef, index: ModuleIndex, roots: list[Path]
) -> tuple[ast.ClassDef, str, Collection[str]] | None:
    """The protocol's class statement and the module it is defined in (a plain, non-generic
    class: a type parameter means nothing outside it)."""
    path = index.find_module(ref.module, roots)
    info = index.info(path) if path is not None else None
    found = resolve_dotted(index, info, ref.name, roots) if info is not None else None
    if not isinstance(found, Resolved):
        return None
    name = dotted_module(index, found.module.path, roots)
    node = _class_node(found)
    if node is None or name is None or any(isinstance(b, ast.Subscript) for b in node.bases):
        return None
    return node, name, found.module.symbols.keys()


def _positional(node: ast.FunctionDef) -> list[ast.arg]:
    return [*node.args.posonlyargs, *node.args.args][1:]  # after self


def _differing(mine: ast.FunctionDef, declared: ast.FunctionDef) -> dict[int, ast.expr]:
    """Position (after ``self``) -> the protocol's annotation, where both annotate the
    parameter differently (as written)."""
    found: dict[int, ast.expr] = {}
    for number, (own, host) in enumerate(
        zip(_positional(mine), _positional(declared), strict=False)
    ):
        if own.annotation is None or host.annotation is None:
            continue
        if _spelled(own.annotation) != _spelled(host.annotation):
            found[number] = host.annotation
    return found


def _spelled(annotation: ast.expr) -> str:
    parsed = _as_expression(annotation)
    return ast.dump(parsed) if parsed is not None else ast.dump(annotation)


def _as_expression(annotation: ast.expr) -> ast.expr | None:
    """The annotation, a string one parsed."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            return untrusted.parse_expression(annotation.value)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
    return annotation


class _Renamed(ast.NodeTransformer):
    """The protocol module's names in an annotation, renamed apart from the plugin's."""

    def __init__(self, defined: Collection[str]) -> None:
        self.defined = defined
        self.names: set[str] = set()

    def visit_Name(self, node: ast.Name) -> ast.Name:
        if node.id not in self.defined:
            return node  # a builtin
        self.names.add(node.id)
        return ast.copy_location(ast.Name(HOST_PREFIX + node.id, node.ctx), node)


def _shim(
    target: Target,
    cls: Resolved,
    home: str,
    node: ast.FunctionDef,
    host_types: dict[int, ast.expr],
    protocol: tuple[str, Collection[str]],
    passed: str | None,
    first: ast.expr | None,
    *,
    own: bool,
) -> BodyShim | None:
    body = _body_lines(cls.module, node)
    if body is None or not [*node.args.posonlyargs, *node.args.args]:
        return None
    proto_module, proto_names = protocol
    renamer = _Renamed(proto_names)
    host_annotations: dict[int, ast.expr] = {}
    for position, annotation in host_types.items():
        parsed = _as_expression(annotation)
        if parsed is None or any(
            isinstance(n, ast.Name) and n.id == "Self" for n in ast.walk(parsed)
        ):
            return None
        host_annotations[position] = renamer.visit(copy.deepcopy(parsed))
    parsed = _as_expression(first) if passed is not None and first is not None else None
    host_first = renamer.visit(copy.deepcopy(parsed)) if parsed is not None else None
    used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    module_names = sorted(n for n in used if n in cls.module.symbols and n != OWNER)
    label = re.sub(r"\W", "_", target.plugin.name)  # a module name: `pkg.sub.mod` has dots
    shim = BodyShim(f"_plugcheck_body_{target.id}_{label}", target=target)
    shim.add(f"# Generated by plugcheck: {target.name}.{node.name}, own and host parameter types.")
    shim.add("from __future__ import annotations")
    shim.add(f"from {home} import {cls.symbol.name} as {OWNER}")
    for name in module_names:
        shim.add(f"from {home} import {name}")
    for name in sorted(renamer.names):
        shim.add(f"from {proto_module} import {name} as {HOST_PREFIX}{name}")
    shim.length, shim.first = len(body), node.body[0].lineno
    sides: list[tuple[str, dict[int, ast.expr]]] = [("own", {})] if own else []
    sides.append(("host", host_annotations))
    if passed is not None and host_first is not None:
        sides.append(("passed", {0: _passed_type(passed, host_first)}))
    for side, typed in sides:
        for line in _header(node, f"_plugcheck_{side}", typed).splitlines():
            shim.add(line)
        setattr(shim, side, len(shim.lines) + 1)
        for line in body:
            shim.add(line)
    shim.line_plugins = dict.fromkeys(range(1, len(shim.lines) + 1), target.plugin)
    return shim


PASSED = {"init": "dict", "shutdown": "float"}
"""The class of what the harness passes a lifecycle method's first parameter, as the host does
by the contract (without ``lifecycle.calls``): a dict of the contract's config, the deadline."""


_DECLARED = {"dict": {"Mapping", "MutableMapping", "dict", "Dict"}, "float": {"float"}}
"""The classes a host's annotation names where what the harness passes is a value of it."""


def _declares(passed: str, annotation: ast.expr) -> bool:
    """Whether the host's annotation names a class ``passed`` is an instance of."""
    parsed = _as_expression(annotation)
    outer = parsed.value if isinstance(parsed, ast.Subscript) else parsed
    name = outer.id if isinstance(outer, ast.Name) else getattr(outer, "attr", None)
    return name in _DECLARED[passed]


def _passed_type(passed: str, host: ast.expr) -> ast.expr:
    """``passed``'s class with the type arguments of the host's annotation, when it has them
    (``Mapping[str, str]`` -> ``dict[str, str]``)."""
    if isinstance(host, ast.Subscript):
        return ast.Subscript(ast.Name(passed, ast.Load()), copy.deepcopy(host.slice), ast.Load())
    return ast.Name(passed, ast.Load())


def _header(node: ast.FunctionDef, name: str, annotations: dict[int, ast.expr]) -> str:
    """``def name(self: Owner, ...) -> ...:`` with the given parameter annotations."""
    # Only what changes is copied (the positional parameters, shallowly): a deep copy of the
    # whole def, body and all, was most of the time this took.
    args = copy.copy(node.args)
    args.posonlyargs = [copy.copy(a) for a in node.args.posonlyargs]
    args.args = [copy.copy(a) for a in node.args.args]
    made = ast.FunctionDef(
        name=name,
        args=args,
        body=[ast.Pass()],
        decorator_list=[],
        returns=node.returns,
        type_comment=node.type_comment,
        **({"type_params": node.type_params} if hasattr(node, "type_params") else {}),
    )
    ast.copy_location(made, node)
    params = [*made.args.posonlyargs, *made.args.args]
    params[0].annotation = ast.Name(OWNER, ast.Load())
    for position, annotation in annotations.items():
        params[position + 1].annotation = annotation
    text = ast.unparse(ast.fix_missing_locations(made))
    return text.rsplit("\n", 1)[0]


def _body_lines(module: ModuleInfo, node: ast.FunctionDef) -> list[str] | None:
    """The body's source lines as written, ``# type: ignore`` comments blanked."""
    try:
        text = module.text()  # the source the tree was parsed from, not a second read
    except (UnicodeDecodeError, SyntaxError):
        return None
    lines = untrusted.source_lines(text)  # the tree's own lines (a form feed ends none)
    first, last = node.body[0].lineno, node.end_lineno or node.body[-1].lineno
    if last > len(lines):
        return None
    body = lines[first - 1 : last]
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO("\n".join(body) + "\n").readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    for token in tokens:
        if token.type == tokenize.COMMENT and _IGNORE.match(token.string):
            row, col = token.start
            body[row - 1] = body[row - 1][:col].rstrip()
    if any("\t" in line[: len(line) - len(line.lstrip())] for line in body):
        return None  # indentation by tabs: mixed with the header's spaces it would not parse
    return body
