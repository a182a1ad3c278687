"""Whether a class derives from a host class, read from source: its bases followed through
imports, aliases and generic bases (``BasePlugin[Cfg]``) across the plugin and the target
environment's site-packages, compared by where each class is defined, not by spelling."""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass
from pathlib import Path

from plugcheck.model import Location, TypeRef
from plugcheck.rules.base import Context
from plugcheck.static.index import Resolved
from plugcheck.static.parse import SymbolKind, ValueKind, dotted_name
from plugcheck.static.resolve import node_at, resolve_dotted


@dataclass(frozen=True, slots=True)
class ClassRef:
    """A class statement, known by where it is (file and line)."""

    found: Resolved

    @property
    def key(self) -> tuple[Path, int]:
        return (self.found.module.path.resolve(), self.found.symbol.line)

    @property
    def location(self) -> Location:
        symbol = self.found.symbol
        return Location(self.found.module.path, symbol.line, symbol.col)

    @property
    def name(self) -> str:
        return self.found.symbol.name


def host_class_ref(ctx: Context, ref: TypeRef) -> ClassRef | None:
    """The host's class ``ref``, read from the API roots."""
    path = ctx.index.find_module(ref.module, ctx.api_roots())
    info = ctx.index.info(path) if path else None
    if info is None:
        return None
    found = resolve_dotted(ctx.index, info, ref.name, ctx.api_roots())
    if isinstance(found, Resolved) and found.symbol.kind is SymbolKind.CLASS:
        return ClassRef(found)
    return None


def definition(ctx: Context, found: Resolved, roots: list[Path], depth: int = 0) -> Resolved:
    """Follow ``Alias = Other`` assignments to the definition."""
    symbol = found.symbol
    if depth < 10 and symbol.kind is SymbolKind.ASSIGN and symbol.value_kind is ValueKind.NAME:
        target = resolve_dotted(ctx.index, found.module, symbol.value_name or "", roots)
        if isinstance(target, Resolved):
            return definition(ctx, target, roots, depth + 1)
    return found


_BUILTIN_CLASSES = {n for n in dir(builtins) if isinstance(getattr(builtins, n), type)}


class ClassWalk:
    """Searches a class's bases for the host base; ``unknown`` when a base is out of sight."""

    def __init__(self, ctx: Context, roots: list[Path], target: ClassRef) -> None:
        self.ctx, self.roots, self.target = ctx, roots, target
        self.unknown = False
        self.lookalikes: list[ClassRef] = []
        self.seen: set[tuple[Path, int]] = set()

    def reaches(self, cls: ClassRef, depth: int = 0) -> bool:
        if cls.key == self.target.key:
            return True
        if cls.key in self.seen or depth > 30:
            return False
        self.seen.add(cls.key)
        if cls.name == self.target.name:
            self.lookalikes.append(cls)
        node = node_at(cls.found.module, cls.found.symbol.line)
        if not isinstance(node, ast.ClassDef):
            self.unknown = True
            return False
        for base in node.bases:
            expr = base.value if isinstance(base, ast.Subscript) else base
            name = dotted_name(expr)
            if name is None:
                self.unknown = True
                continue
            found = resolve_dotted(self.ctx.index, cls.found.module, name, self.roots)
            if isinstance(found, Resolved):
                found = definition(self.ctx, found, self.roots)
                if found.symbol.kind is SymbolKind.CLASS:
                    if self.reaches(ClassRef(found), depth + 1):
                        return True
                    continue
            if found is None and name in _BUILTIN_CLASSES:
                continue
            self.unknown = True
        return False
