"""Plugin code that changes which methods of a class are abstract after its ``class`` statement
ran: an assignment, ``del``, ``setattr`` or ``delattr`` of ``__abstractmethods__``, or
``abc.update_abstractmethods(C)``.

Python refuses to instantiate a class whose ``__abstractmethods__`` is not empty, and a subclass
made later inherits what its bases' attribute says then. A plugin that clears it on its own
class, or on the host's base before its subclass is made (fresh23's host-patch kind), can build
what its source leaves abstract. Where such code touches the class or a class it derives from
(or a class plugcheck cannot name), the source's abstract methods say nothing: the rules that
would claim "Python refuses to instantiate it" leave the call to the harness instead."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, dotted_name
from plugcheck.static.resolve import node_at, resolve_dotted

ClassKey = tuple[Path, str]
"""A class by the file that defines it and its name."""

_ATTRIBUTE = "__abstractmethods__"


@dataclass(frozen=True, slots=True)
class Rewrite:
    """One place that rewrites a class's abstract methods."""

    cls: ClassKey | None
    """The class it names; ``None`` when that is not a class plugcheck resolves."""
    what: str
    """What it says, with the file and line."""
    path: Path
    line: int
    top_level: bool
    """A statement of the module's body: it runs once, in order, when the module is imported."""


def abstract_rewrites(
    index: ModuleIndex, files: Iterable[Path], roots: Sequence[Path]
) -> list[Rewrite]:
    """Every place in ``files`` that rewrites a class's abstract methods."""
    found: list[Rewrite] = []
    for path in sorted(files):
        info = index.info(path)
        if info is None or info.tree is None:
            continue
        top = {id(s) for s in info.tree.body} | {
            id(s.value) for s in info.tree.body if isinstance(s, ast.Expr)
        }
        for node in ast.walk(info.tree):
            line = getattr(node, "lineno", 1)
            if isinstance(node, ast.ClassDef) and any(
                (dotted_name(d) or "").endswith("update_abstractmethods")
                for d in node.decorator_list
            ):
                what = f"@update_abstractmethods on {node.name}"
                found.append(Rewrite((info.path, node.name), what, info.path, line, False))
                continue
            written = _written(node)
            if written is None:
                continue
            target, what = written
            key = _class_key(index, info, target, roots)
            shown = f"{what} ({path.name}:{line})"
            found.append(Rewrite(key, shown, info.path, line, id(node) in top))
    return found


def rewritten(
    index: ModuleIndex,
    files: Iterable[Path],
    roots: Sequence[Path],
    judged: tuple[Path, ast.ClassDef],
    classes: Iterable[ClassKey],
) -> str | None:
    """What rewrites the abstract methods of the ``judged`` class (its file and statement) as
    Python reads them when it is instantiated, or ``None`` when nothing does: a rewrite of the
    class itself or of a class plugcheck cannot name, or of one of ``classes`` (those it derives
    from) unless it is a statement of the class's own module after the class statement (Python
    computed the class's abstract methods from its bases when the statement ran)."""
    path, node = judged
    wanted = set(classes) - {(path, node.name)}
    for rewrite in abstract_rewrites(index, files, roots):
        if rewrite.cls is None or rewrite.cls == (path, node.name):
            return rewrite.what
        if rewrite.cls not in wanted:
            continue
        end = node.end_lineno or node.lineno
        if rewrite.top_level and rewrite.path == path and rewrite.line > end:
            continue  # the base changed after the class was made
        return rewrite.what
    return None


def ancestry(
    index: ModuleIndex, info: ModuleInfo, node: ast.ClassDef, roots: Sequence[Path]
) -> set[ClassKey]:
    """``node`` and every class statement its bases lead to (as far as they resolve)."""
    seen: set[ClassKey] = set()
    todo: list[tuple[ModuleInfo, ast.ClassDef]] = [(info, node)]
    while todo and len(seen) < 64:
        module, cls = todo.pop()
        key = (module.path, cls.name)
        if key in seen:
            continue
        seen.add(key)
        for base in cls.bases:
            dotted = dotted_name(base)
            found = resolve_dotted(index, module, dotted, roots) if dotted else None
            if isinstance(found, Resolved) and found.symbol.kind is SymbolKind.CLASS:
                sub = node_at(found.module, found.symbol.line)
                if isinstance(sub, ast.ClassDef):
                    todo.append((found.module, sub))
    return seen


def _written(node: ast.AST) -> tuple[ast.expr, str] | None:
    """(the expression naming the class, what the code does) when ``node`` rewrites it."""
    if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Delete):
        targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
        for t in targets:
            if isinstance(t, ast.Attribute) and t.attr == _ATTRIBUTE:
                verb = "del " if isinstance(node, ast.Delete) else ""
                return t.value, f"{verb}{ast.unparse(t)}"
        return None
    if not isinstance(node, ast.Call) or not node.args:
        return None
    called = (dotted_name(node.func) or "").rsplit(".", 1)[-1]
    if called in ("setattr", "delattr") and len(node.args) >= 2:
        key = node.args[1]
        if isinstance(key, ast.Constant) and key.value == _ATTRIBUTE:
            return node.args[0], f"{called}({ast.unparse(node.args[0])}, {_ATTRIBUTE!r}, ...)"
    if called == "update_abstractmethods":
        return node.args[0], f"update_abstractmethods({ast.unparse(node.args[0])})"
    return None


def _class_key(
    index: ModuleIndex, info: ModuleInfo, target: ast.expr, roots: Sequence[Path]
) -> ClassKey | None:
    dotted = dotted_name(target)
    found = resolve_dotted(index, info, dotted, roots) if dotted else None
    if isinstance(found, Resolved) and found.symbol.kind is SymbolKind.CLASS:
        return (found.module.path, found.symbol.name)
    return None
