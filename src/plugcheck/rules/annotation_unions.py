"""PC577: an annotation the plugin module's import evaluates joins a string with ``|``.

``def hook(page: "Page" | None)`` without ``from __future__ import annotations``: the ``def``
evaluates its annotations when the import runs it, and ``str | None`` (or ``str | int``,
``int | "Page"`` where ``Page`` is a class of the module) has no ``|``: the host's import raises
``TypeError: unsupported operand type(s) for |``. Judged in the annotations the import certainly
evaluates (:func:`plugcheck.rules.import_names.evaluated_annotations`: the module's top-level
``def``s and classes, their methods, annotated assignments, on a target older than Python 3.14)
of every module of the plugin the import certainly runs, and only where both sides are certain
to refuse: a string, ``None``, a builtin type the module does not rebind, or a class statement of
the module bound once, with no metaclass (``typing`` objects take a string: ``Optional[int] |
"Page"`` is fine).
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.import_names import evaluated_annotations
from plugcheck.rules.own_imports import loaded
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import walk

PC577 = rule(
    "PC577",
    "annotation-string-union",
    Severity.ERROR,
    'An annotation the plugin module\'s import evaluates joins a string with `|` (`"Page" | '
    "None`): the host's import raises TypeError.",
    explains=("PC401",),
    overruled_by="import",  # the real import succeeded: withdrawn
)

_TYPES = frozenset(name for name in dir(builtins) if isinstance(getattr(builtins, name), type)) - {
    "BaseException",
    "Exception",
}  # common, but their subclasses are the module's business


def _string(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _refuses(node: ast.expr, classes: frozenset[str], rebound: frozenset[str]) -> bool:
    """``node`` is certain to have no ``|`` with a string: a string, None, a builtin type, a
    plain class of the module."""
    if _string(node) or (isinstance(node, ast.Constant) and node.value is None):
        return True
    if isinstance(node, ast.Name):
        return node.id in classes or (node.id in _TYPES and node.id not in rebound)
    return False


def _plain_classes(info: ModuleInfo) -> tuple[frozenset[str], frozenset[str]]:
    """(the module's top-level classes bound once, with no metaclass or keyword; every name the
    module binds anywhere)."""
    tree = info.tree
    if tree is None:
        return frozenset(), frozenset()
    bound = [
        n.id for n in walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)
    ]
    bound += [n.name for n in walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef)]
    bound += [
        (n.asname or n.name).partition(".")[0] for n in walk(tree) if isinstance(n, ast.alias)
    ]
    plain = {
        s.name
        for s in tree.body
        if isinstance(s, ast.ClassDef) and not s.keywords and bound.count(s.name) == 1
    }
    return frozenset(plain), frozenset(bound)


def _unions(
    annotation: ast.expr, classes: frozenset[str], rebound: frozenset[str]
) -> Iterator[ast.BinOp]:
    for node in walk(annotation):
        if not isinstance(node, ast.BinOp) or not isinstance(node.op, ast.BitOr):
            continue
        left, right = node.left, node.right
        if (_string(left) and _refuses(right, classes, rebound)) or (
            _string(right) and _refuses(left, classes, rebound)
        ):
            yield node


@plugin_check(PC577)
def annotation_string_unions(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    # Python 3.14 evaluates annotations only when something asks for them (PEP 649).
    evaluated = ctx.env.version[:2] < (3, 14)
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        annotations = evaluated_annotations(info, evaluated)
        if not annotations:
            continue
        classes, bound = _plain_classes(info)
        for annotation in annotations:
            for union in _unions(annotation, classes, bound - classes):
                shown = ast.unparse(union)
                yield PC577.at(
                    plugin,
                    Location(path, union.lineno, union.col_offset + 1),
                    f"the annotation `{shown[:60]}` is evaluated when the host imports "
                    f"{plugin.module}, and a string has no `|` with "
                    f"{ast.unparse(union.right if _string(union.left) else union.left)[:30]}: "
                    "the import raises TypeError: unsupported operand type(s) for |",
                    fix='quote the whole annotation (`"Page | None"`), or add `from __future__ '
                    "import annotations` at the top of the module",
                )
