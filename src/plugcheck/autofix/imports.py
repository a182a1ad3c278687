"""Fixes that point an import at the canonical API module (PC351, PC352) or replace a local
copy of an API type by an import of the API's own (PC354)."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
from libcst.helpers import get_full_name_for_node

from plugcheck.autofix.python import replaced, tree
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
    ``from api import name``."""
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
        return replaced(path, text, module, statement, new, message, Applicability.UNSAFE)
    return None


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
