"""Stand-ins for pluggy hook arguments the host's calls pass no literal for, read from the
hookspecs' annotations for ``plugcheck init``: a TODO naming the class, and for one that builds
with no arguments (``cli: click.Group``) the fresh one as the stand-in to uncomment
(``"click:Group"``); any other class the annotation names (``conn: sqlite3.Connection``) as a
TODO for a function making one. The class is found with the
static pass's module index (imports and re-exports followed, never imported); one whose source
cannot be read (a C type), or whose ``__init__`` needs arguments, is not built."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plugcheck.model import module_name_of
from plugcheck.scaffold.refs import HostRefs
from plugcheck.scaffold.uses import buildable
from plugcheck.static.hookspecs import Spec
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name

_NOT_CLASSES = ("typing", "typing_extensions", "collections.abc", "builtins")
"""Modules whose names in an annotation are no class a stand-in could be (``Any``)."""


@dataclass(slots=True)
class TypedStandIns:
    fresh: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Argument name -> (``module:Class`` built with no arguments, the annotation's place)."""
    named: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Argument name -> (the class as written, why no stand-in is proposed)."""


def typed_stand_ins(
    refs: HostRefs, host: Path, specs: Sequence[Spec], known: set[str]
) -> TypedStandIns:
    """What each hookspec argument not in ``known`` (those with samples or a reason already)
    is annotated with, across every spec taking it: one class for all, or nothing."""
    per_name: dict[str, list[tuple[str, Resolved | None, str]]] = {}
    for spec in specs:
        info = refs.index.info(spec.path)
        function = _function(info, spec) if info is not None else None
        if info is None or function is None:
            continue
        arguments = [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]
        for argument in arguments:
            if argument.arg in known or argument.arg not in (*spec.argnames, *spec.kwargnames):
                continue
            written = _class_named(argument.annotation)
            if written is None:
                per_name.setdefault(argument.arg, []).append(("", None, ""))
                continue
            where = f"{_shown(host, spec.path)}:{argument.lineno}"
            per_name.setdefault(argument.arg, []).append(
                (_spelled(refs, info, written), _resolved(refs, info, written), where)
            )
    found = TypedStandIns()
    for name, seen in per_name.items():
        classes = {spelled for spelled, _, _ in seen}
        if "" in classes or len(classes) != 1:
            continue  # a spec leaves it unannotated, or the specs disagree
        spelled, target, where = seen[0]
        ref = _ref(refs, spelled, target)
        if target is not None and ref is not None and _builds(target):
            found.fresh[name] = (ref, where)
        elif target is not None or (
            "." in spelled and spelled.rpartition(".")[0] not in _NOT_CLASSES
        ):
            found.named[name] = ((ref or spelled).replace(":", "."), f"{where}'s annotation")
    return found


def class_ref(refs: HostRefs, info: ModuleInfo, written: str) -> str | None:
    """``module:Class`` of the class ``written`` names in ``info`` (imports and re-exports
    followed), importable in the target; ``None`` when it names no class read there."""
    target = _resolved(refs, info, written)
    return _ref(refs, _spelled(refs, info, written), target) if target is not None else None


def _function(info: ModuleInfo, spec: Spec) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    for node in ast.walk(info.tree):
        if (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.lineno == spec.line
            and node.name == spec.name
        ):
            return node
    return None


def _class_named(annotation: ast.expr | None) -> str | None:
    """The one dotted name an annotation gives, ``None`` left out of a union or ``Optional``."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except (SyntaxError, ValueError):
            return None
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        sides = [annotation.left, annotation.right]
        rest = [s for s in sides if not (isinstance(s, ast.Constant) and s.value is None)]
        return _class_named(rest[0]) if len(rest) == 1 else None
    if isinstance(annotation, ast.Subscript):
        if (dotted_name(annotation.value) or "").rpartition(".")[2] == "Optional":
            return _class_named(annotation.slice)
        return None
    return dotted_name(annotation) if annotation is not None else None


def _spelled(refs: HostRefs, info: ModuleInfo, written: str) -> str:
    """``written`` with its head replaced by what the module imports it as (``click.Group``,
    ``sqlite3.Connection``; ``from db import Database`` gives ``db.Database``)."""
    head, dot, rest = written.partition(".")
    symbol = info.symbols.get(head)
    if symbol is None or symbol.kind is not SymbolKind.IMPORT or symbol.import_level:
        return written
    base = symbol.import_module or head
    full = f"{base}.{symbol.import_name}" if symbol.import_name else base
    return f"{full}{dot}{rest}"


def _resolved(refs: HostRefs, info: ModuleInfo, written: str) -> Resolved | None:
    return refs.resolved_class(info, written)


def _ref(refs: HostRefs, spelled: str, target: Resolved | None) -> str | None:
    """``module:Class`` importable in the target: as the hookspec spells it when that is an
    import of a module, else where the class is defined."""
    module, _, name = spelled.rpartition(".")
    if module and refs.index.find_module(module, refs.roots) is not None:
        return f"{module}:{name}"
    if target is None:
        return None
    root = next((r for r in refs.roots if target.module.path.is_relative_to(r)), None)
    defined = module_name_of(target.module.path, root)
    return f"{defined}:{target.symbol.name}" if defined else None


def _builds(target: Resolved) -> bool:
    return buildable(target.module.tree, target.symbol.name)


def _shown(host: Path, path: Path) -> str:
    return path.relative_to(host).as_posix() if path.is_relative_to(host) else path.name
