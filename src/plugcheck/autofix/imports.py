"""Fixes that point an import at the canonical API module (PC351, PC352) or replace a local
copy of an API type by an import of the API's own (PC354)."""

from __future__ import annotations

import re
from pathlib import Path

import libcst as cst
from libcst.helpers import get_full_name_for_node

from plugcheck.autofix.python import replaced, tree
from plugcheck.autofix.text import rewrite
from plugcheck.model import Applicability, Autofix


def retarget(path: Path, line: int, written: str, canonical: str, message: str) -> Autofix | None:
    """Make the import on ``line`` that names module ``written`` (``pkg._vendor.api``,
    ``._vendor.api``) name ``canonical`` instead, keeping the names it binds: ``from written
    import X`` and ``import written as x`` are rewritten; ``from ._vendor import api [as x]``
    becomes ``import api [as x]`` when it imports nothing else. Anything else: no fix."""
    found = tree(path)
    if found is None:
        return None
    text, module, positions = found
    target = cst.parse_expression(canonical)
    assert isinstance(target, cst.Name | cst.Attribute)
    for node, where in positions.items():
        if where.start.line != line:
            continue
        if isinstance(node, cst.ImportFrom):
            base = "." * len(node.relative) + (
                (get_full_name_for_node(node.module) or "") if node.module else ""
            )
            if base == written:
                new: cst.CSTNode = node.with_changes(
                    module=target, relative=(), whitespace_after_from=cst.SimpleWhitespace(" ")
                )
                return replaced(path, text, module, node, new, message, Applicability.UNSAFE)
            names = node.names
            if isinstance(names, cst.ImportStar) or len(names) != 1:
                continue
            alias = names[0]
            name = get_full_name_for_node(alias.name) or ""
            if (f"{base}.{name}" if node.module else f"{base}{name}") != written:
                continue
            bound = alias.evaluated_alias or name
            asname = None if bound == canonical else cst.AsName(cst.Name(bound))
            new = cst.Import(names=[cst.ImportAlias(name=target, asname=asname)])
            return replaced(path, text, module, node, new, message, Applicability.UNSAFE)
        if isinstance(node, cst.Import):
            aliases = list(node.names)
            for index, alias in enumerate(aliases):
                if get_full_name_for_node(alias.name) != written or alias.asname is None:
                    continue
                aliases[index] = alias.with_changes(name=target)
                new = node.with_changes(names=aliases)
                return replaced(path, text, module, node, new, message, Applicability.UNSAFE)
    return None


def import_instead(path: Path, line: int, name: str, api: str, message: str) -> Autofix | None:
    """Replace the top-level class or assignment defining ``name`` on ``line`` by
    ``from api import name``, and drop the module-level imports only the definition used."""
    found = tree(path)
    if found is None:
        return None
    text, module, positions = found
    for statement in module.body:
        where = positions[statement]
        if where.start.line > line or where.end.line < line:
            continue
        if not _defines(statement, name):
            return None
        new = cst.parse_statement(f"from {api} import {name}\n")
        if isinstance(statement, cst.ClassDef):
            new = new.with_changes(leading_lines=statement.leading_lines)
        else:
            assert isinstance(statement, cst.SimpleStatementLine)
            new = (
                statement.with_changes(body=new.body)
                if isinstance(new, cst.SimpleStatementLine)
                else new
            )
        changed = module.deep_replace(statement, new)
        assert isinstance(changed, cst.Module)
        changed, dropped = _unused_dropped(module, changed, keep=name)
        if dropped:
            message += f", and remove the imports it leaves unused ({', '.join(dropped)})"
        return rewrite(path, text, changed.code, message, Applicability.UNSAFE)
    return None


class _Uses(cst.CSTVisitor):
    """Every name a module uses outside its import statements; words inside strings count too
    (a string annotation, ``__all__``), so a name is never taken for unused when it is not."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.names.update(re.findall(r"[A-Za-z_]\w*", node.value))

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        self.names.update(re.findall(r"[A-Za-z_]\w*", node.value))


def _uses(module: cst.Module) -> set[str]:
    visitor = _Uses()
    module.visit(visitor)
    return visitor.names


def _unused_dropped(
    before: cst.Module, after: cst.Module, keep: str
) -> tuple[cst.Module, list[str]]:
    """``after`` without the names its module-level imports bind that ``before`` used and
    ``after`` no longer does (an import already unused before stays: it may be a re-export),
    except ``keep``; the names dropped."""
    gone = _uses(before) - _uses(after) - {keep}
    dropped: list[str] = []
    body: list[cst.BaseStatement] = []
    for statement in after.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            body.append(statement)
            continue
        small: list[cst.BaseSmallStatement] = []
        for node in statement.body:
            kept = _kept_aliases(node, gone, dropped)
            if kept is None:
                small.append(node)
            elif kept:
                last = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                small.append(node.with_changes(names=[*kept[:-1], last]))
        if small:
            last_small = small[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            body.append(statement.with_changes(body=[*small[:-1], last_small]))
    if not dropped:
        return after, []
    return after.with_changes(body=body), dropped


def _kept_aliases(
    node: cst.BaseSmallStatement, gone: set[str], dropped: list[str]
) -> list[cst.ImportAlias] | None:
    """The aliases of import ``node`` that stay (``None``: not an import this may edit)."""
    if isinstance(node, cst.ImportFrom):
        if isinstance(node.names, cst.ImportStar) or (
            node.module is not None and get_full_name_for_node(node.module) == "__future__"
        ):
            return None
        aliases = list(node.names)
    elif isinstance(node, cst.Import):
        aliases = list(node.names)
    else:
        return None
    kept = []
    for alias in aliases:
        full = get_full_name_for_node(alias.name) or ""
        bound = alias.evaluated_alias or (
            full if isinstance(node, cst.ImportFrom) else full.partition(".")[0]
        )
        if bound in gone:
            dropped.append(bound)
        else:
            kept.append(alias)
    return kept


def _defines(statement: cst.CSTNode, name: str) -> bool:
    if isinstance(statement, cst.ClassDef):
        return statement.name.value == name
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        small = statement.body[0]
        if isinstance(small, cst.Assign):
            return [get_full_name_for_node(t.target) for t in small.targets] == [name]
        if isinstance(small, cst.AnnAssign):
            return get_full_name_for_node(small.target) == name
    return False
