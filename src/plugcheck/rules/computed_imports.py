"""Where an import by a computed name (``importlib.import_module(f"{__package__}.x.{tag}")``,
``__import__(place)``) may lead among the plugin's own modules: one unknown edge, not an
unknown plugin.

The policy (PC110.md states it): a computed name whose leading part is known (a string, the
module's ``__name__``/``__package__``, a relative name against a known package) reaches every
module whose dotted name starts with it; one with no known leading part reaches every module in
the importing module's own package directory (``pkg/sub/loader.py``: everything under
``pkg/sub/``, ``pkg/__init__.py``: the whole package) and every module of the plugin whose full
dotted name is spelled as a string in a module reached so far (the names such a call is passed
come from somewhere). What only a name built elsewhere still reaches (read from a file, listed
from another directory) is the policy's stated blind spot."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from plugcheck.static.parse import ModuleInfo

_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
"""A string that may name a module of the plugin: dotted, at least two parts."""


@dataclass(frozen=True, slots=True)
class Edge:
    """One import by a computed name: ``prefix`` is the known leading part of the absolute
    name (``None``: nothing of it is known)."""

    prefix: str | None


def computed_edges(info: ModuleInfo, module: str | None, is_package: bool) -> Iterator[Edge]:
    """The imports of ``info`` (the module named ``module``) whose name is not one string
    constant: ``import_module(x[, package])`` and ``__import__(x, ...)`` calls anywhere."""
    if not any(name is None for name in info.imports_by_name):
        return
    package = module if is_package else (module.rpartition(".")[0] if module else None)
    for call in info.nodes(ast.Call):
        func = call.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if called not in ("import_module", "__import__") or not call.args:
            continue
        first = call.args[0]
        if (
            isinstance(first, ast.Constant)
            and isinstance(first.value, str)
            and not first.value.startswith(".")
        ):
            continue  # a plain name: the ordinary import edge
        head: str | None = _leading(first, module, package)[0]
        if head is not None and head.startswith("."):
            anchor = _anchor(call, called, module, package)
            head = _relative(head, anchor) if anchor is not None else None
        elif called == "__import__" and _level(call):
            head = None  # __import__(name, g, l, fromlist, level>0): relative, name unknown
        yield Edge(head or None)


def spelled_names(info: ModuleInfo, tops: set[str]) -> set[str]:
    """Strings of ``info`` that are dotted names starting with one of ``tops``."""
    found: set[str] = set()
    for node in info.nodes(ast.Constant):
        value = node.value
        if (
            isinstance(value, str)
            and len(value) < 200
            and value.partition(".")[0] in tops
            and _DOTTED.fullmatch(value)
        ):
            found.add(value)
    return found


def _leading(node: ast.expr, module: str | None, package: str | None) -> tuple[str, bool]:
    """(known leading text, whether that is the whole value)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, True
    if (known := _dunder(node, module, package)) is not None:
        return known, True
    if isinstance(node, ast.JoinedStr):
        text = ""
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                text += part.value
                continue
            if isinstance(part, ast.FormattedValue) and part.format_spec is None:
                known = _dunder(part.value, module, package)
                if known is not None and part.conversion in (-1, ord("s")):
                    text += known
                    continue
            return text, False
        return text, True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, complete = _leading(node.left, module, package)
        if not complete:
            return left, False
        right, complete = _leading(node.right, module, package)
        return left + right, complete
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Mod)
        and isinstance(node.left, ast.Constant)
        and isinstance(node.left.value, str)
    ):
        return node.left.value.partition("%")[0], False
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return node.func.value.value.partition("{")[0], False
    return "", False


def _dunder(node: ast.expr, module: str | None, package: str | None) -> str | None:
    """``__name__``, ``__package__``, ``__spec__.name``, ``__spec__.parent`` of the module."""
    if isinstance(node, ast.Name):
        return {"__name__": module, "__package__": package}.get(node.id)
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "__spec__"
    ):
        return {"name": module, "parent": package}.get(node.attr)
    return None


def _anchor(call: ast.Call, called: str, module: str | None, package: str | None) -> str | None:
    """The package a relative ``import_module(".x", package)`` resolves against."""
    if called != "import_module":
        return package  # __import__ with a leading dot: the caller's package
    given = call.args[1] if len(call.args) > 1 else None
    given = given or next((k.value for k in call.keywords if k.arg == "package"), None)
    if given is None:
        return None  # import_module(".x") without a package raises TypeError
    text, complete = _leading(given, module, package)
    return text if complete else None


def _relative(name: str, anchor: str) -> str | None:
    """``..sub.`` against ``pkg.inner`` -> ``pkg.sub.`` (``None`` past the top)."""
    dots = len(name) - len(name.lstrip("."))
    parts = anchor.split(".") if anchor else []
    if dots - 1 > len(parts) - 1 or not parts:
        return None
    base = ".".join(parts[: len(parts) - (dots - 1)])
    rest = name[dots:]
    return f"{base}.{rest}" if rest else f"{base}."


def _level(call: ast.Call) -> bool:
    level = call.args[4] if len(call.args) > 4 else None
    level = level or next((k.value for k in call.keywords if k.arg == "level"), None)
    return not (level is None or (isinstance(level, ast.Constant) and level.value == 0))


def dotted_names(files: set[Path], roots: list[Path]) -> dict[Path, str]:
    """Each file's dotted module name under the first root holding it."""
    names: dict[Path, str] = {}
    for path in files:
        for root in roots:
            if not path.is_relative_to(root):
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts and parts[-1] == "__init__":
                parts.pop()
            if parts and all(p.isidentifier() for p in parts):
                names[path] = ".".join(parts)
            break
    return names
