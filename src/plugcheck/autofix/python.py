"""Fixes to Python source, as libcst rewrites: the tree keeps every comment and space, so the
edit covers only what changes. Each file is parsed once per text (a small cache)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from plugcheck.autofix.text import read, rewrite
from plugcheck.model import Applicability, Autofix

Positions = Mapping[cst.CSTNode, CodeRange]


@lru_cache(maxsize=32)
def _parsed(text: str) -> tuple[cst.Module, Positions] | None:
    try:
        wrapper = MetadataWrapper(cst.parse_module(text), unsafe_skip_copy=True)
    except cst.ParserSyntaxError:
        return None
    return wrapper.module, wrapper.resolve(PositionProvider)


def tree(path: Path) -> tuple[str, cst.Module, Positions] | None:
    """``path``'s text, its tree and the position of every node; ``None`` when unreadable."""
    text = read(path)
    parsed = _parsed(text) if text is not None else None
    return None if parsed is None or text is None else (text, *parsed)


def replaced(
    path: Path,
    text: str,
    module: cst.Module,
    old: cst.CSTNode,
    new: cst.CSTNode,
    message: str,
    applicability: Applicability,
) -> Autofix | None:
    """The fix that puts ``new`` where ``old`` is."""
    changed = module.deep_replace(old, new)
    assert isinstance(changed, cst.Module)
    return rewrite(path, text, changed.code, message, applicability)


# --- __all__ --------------------------------------------------------------------------


def add_to_all(path: Path, line: int, name: str) -> Autofix | None:
    """Add ``name`` to the literal list or tuple of the ``__all__`` assignment on ``line``
    (the last one of a sum such as ``["a"] + ["b"]``)."""
    found = tree(path)
    if found is None:
        return None
    text, module, positions = found
    for node, where in positions.items():
        if where.start.line != line or not _binds_all(node):
            continue
        value = getattr(node, "value", None)
        target = _last_literal(value)
        if target is None:
            return None
        return replaced(
            path,
            text,
            module,
            target,
            _appended(target, name),
            f"add {name!r} to __all__",
            Applicability.SAFE,
        )
    return None


def _binds_all(node: cst.CSTNode) -> bool:
    if isinstance(node, cst.Assign):
        return any(
            isinstance(t.target, cst.Name) and t.target.value == "__all__" for t in node.targets
        )
    if isinstance(node, cst.AnnAssign):
        return isinstance(node.target, cst.Name) and node.target.value == "__all__"
    return False


def _last_literal(value: object) -> cst.List | cst.Tuple | None:
    if isinstance(value, cst.List | cst.Tuple):
        if all(isinstance(e, cst.Element) and _string(e.value) for e in value.elements):
            return value
        return None
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        return _last_literal(value.right)
    return None


def _string(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.SimpleString | cst.ConcatenatedString)


def _appended(literal: cst.List | cst.Tuple, name: str) -> cst.List | cst.Tuple:
    elements = list(literal.elements)
    first = elements[0].value if elements else None
    quote = first.quote if isinstance(first, cst.SimpleString) else '"'
    item = cst.Element(cst.SimpleString(f"{quote}{name}{quote}"))
    if not elements:
        return literal.with_changes(elements=[item])
    last = elements[-1]
    opening: cst.BaseParenthesizableWhitespace | None = None
    if isinstance(literal, cst.List):
        opening = literal.lbracket.whitespace_after
    elif literal.lpar:
        opening = literal.lpar[0].whitespace_after
    before_last = elements[-2].comma if len(elements) > 1 else None
    if isinstance(before_last, cst.Comma):
        separator = before_last.whitespace_after
    elif isinstance(opening, cst.ParenthesizedWhitespace):
        separator = opening
    else:
        separator = cst.SimpleWhitespace(" ")
    multiline = isinstance(separator, cst.ParenthesizedWhitespace)
    trailing = last.comma
    elements[-1] = last.with_changes(comma=cst.Comma(whitespace_after=separator))
    keep_trailing = isinstance(trailing, cst.Comma) and (multiline or len(elements) > 1)
    elements.append(item.with_changes(comma=trailing) if keep_trailing else item)
    return literal.with_changes(elements=elements)
