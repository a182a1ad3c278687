"""Renames (PC102 ``_new`` -> ``new``, a misspelt pluggy hook or argument): every plain name
``old`` in the file (or in one function) becomes ``new``. The rename is refused, not guessed,
when ``old`` is also written where renaming could change meaning (an attribute, a keyword
argument, an import, a string or comment, another of the plugin's files) or ``new`` is
already a name there."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import libcst as cst

from plugcheck.autofix.python import tree
from plugcheck.autofix.text import read, rewrite
from plugcheck.model import Applicability, Autofix


class _Names(cst.CSTVisitor):
    """The plain ``Name`` nodes spelled ``old`` or ``new`` (not attributes, keywords, imports)."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        self.found: list[cst.Name] = []
        self.clash = False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.old:
            self.found.append(node)
        elif node.value == self.new:
            self.clash = True


class _Rename(cst.CSTTransformer):
    def __init__(self, targets: Sequence[cst.Name], new: str) -> None:
        self.targets = {id(n) for n in targets}
        self.new = new

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.new) if id(original) in self.targets else updated


def rename(
    path: Path,
    old: str,
    new: str,
    message: str,
    *,
    line: int | None = None,
    others: Sequence[Path] = (),
    unused: bool = False,
) -> Autofix | None:
    """Rename ``old`` to ``new`` in ``path`` (only inside the function defined on ``line``,
    when given); ``others``: the plugin's other files, which must not mention ``old``.

    ``unused``: ``old`` is a parameter the host passes no more, ``new`` another argument of
    the host's; the rename is only taken when the function never reads ``old``. The body's
    uses would get another value (pytest's ``file_path``, a ``pathlib.Path``, is not the
    ``py.path.local`` its ``path`` was: ``path.ext`` then fails on every call, which no
    check after the fix sees: red team finding 29)."""
    found = tree(path)
    if found is None or not new.isidentifier():
        return None
    text, module, positions = found
    scope: cst.CSTNode = module
    if line is not None:
        functions = [
            n
            for n, where in positions.items()
            if isinstance(n, cst.FunctionDef) and where.start.line <= line <= where.end.line
        ]
        if not functions:
            return None
        scope = max(functions, key=lambda f: positions[f].start.line)
    names = _Names(old, new)
    scope.visit(names)
    word = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)")
    written = len(word.findall(module.code_for_node(scope) if line else text))
    if names.clash or not names.found or written != len(names.found):
        return None
    if unused and len(names.found) != 1:  # the parameter, and a use of its value
        return None
    for other in others:
        if other != path and word.search(read(other) or old):
            return None
    changed = module.visit(_Rename(names.found, new))
    return rewrite(path, text, changed.code, message, Applicability.UNSAFE)
