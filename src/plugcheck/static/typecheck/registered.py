"""Targets the host accepts by registration, not by their bases: mypy's judgement of those does
not say what the host's check does (``plan`` asks while the plugin's trees are parsed)."""

from __future__ import annotations

import ast

from plugcheck.environment import Environment
from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.resolve import node_at, resolve_dotted
from plugcheck.static.typecheck.targets import Target
from plugcheck.static.virtual_subclass import virtual


def registered(index: ModuleIndex, env: Environment, target: Target) -> bool:
    """The target is a class an ABC registers (``@Base.register``), or the plugin's subclass of
    one: mypy judges it by its bases, while the host's issubclass()/isinstance() accepts it; the
    source checks (a lifecycle method missing by name) and the dynamic pass judge it."""
    info = index.info(target.location.path)
    if info is None:
        return False
    node = node_at(info, target.location.line)
    if not isinstance(node, ast.ClassDef):
        return False
    plugin, contract = target.plugin, target.contract
    own = {index.real(p) for p in plugin.files}
    roots = [
        *([plugin.import_root] if plugin.import_root else []),
        *contract.search_path,
        *env.sys_path,
    ]
    host = None
    if target.expected is not None:  # the ABC the host checks: a register() with another no use
        api = index.find_module(target.expected.module, roots)
        api_info = index.info(api) if api else None
        found = resolve_dotted(index, api_info, target.expected.name, roots) if api_info else None
        host = found if isinstance(found, Resolved) else None

    def mine(module: ModuleInfo) -> bool:
        return index.real(module.path) in own

    return virtual(index, info, node, roots, mine, host)
