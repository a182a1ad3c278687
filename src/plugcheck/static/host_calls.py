"""How a pluggy host calls its hooks, read from its source: ``<manager>.hook.<name>(a=...)``
and ``call_historic(kwargs={...})``, with the keywords each call passes."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from plugcheck.static.index import ModuleIndex
from plugcheck.static.parse import dotted_name

_SCAN_LIMIT = 3000
"""Source files read at most when looking for the host's hook calls."""


@dataclass(frozen=True, slots=True)
class HostCall:
    """``<manager>.hook.<name>(a=..., b=...)`` somewhere in the host's source."""

    hook: str
    passed: frozenset[str]
    path: Path
    line: int
    declared: bool = False
    """Declared in the contract (``optional-hooks`` as a table), not read from the host."""


def host_calls(index: ModuleIndex, sources: Sequence[Path]) -> dict[str, list[HostCall]]:
    """The keyword-only hook calls in ``sources`` (files, or package directories), by hook.

    Calls with positional arguments or ``**kwargs`` are left out: what they pass is unknown.
    """
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            files.extend(sorted(source.rglob("*.py"))[: _SCAN_LIMIT - len(files)])
        elif source.is_file():
            files.append(source)
    calls: dict[str, list[HostCall]] = {}
    for path in files:
        info = index.info(path)
        if info is None or info.tree is None:
            continue
        for node in ast.walk(info.tree):
            if isinstance(node, ast.Call) and (found := _hook_call(node)) is not None:
                hook, passed = found
                calls.setdefault(hook, []).append(HostCall(hook, passed, path, node.lineno))
    return calls


def _hook_call(node: ast.Call) -> tuple[str, frozenset[str]] | None:
    if not isinstance(node.func, ast.Attribute):
        return None
    func = node.func
    if func.attr == "call_historic" and isinstance(func.value, ast.Attribute):
        caller = func.value
        kwargs = next((k.value for k in node.keywords if k.arg == "kwargs"), None)
        passed = _dict_keys(kwargs) if kwargs is not None else frozenset()
    else:
        caller = func
        if node.args or any(k.arg is None for k in node.keywords):
            return None
        passed = frozenset(k.arg for k in node.keywords if k.arg)
    relay = caller.value
    if not (isinstance(relay, ast.Attribute) and relay.attr == "hook") or passed is None:
        return None
    return caller.attr, passed


def _dict_keys(expr: ast.expr) -> frozenset[str] | None:
    if isinstance(expr, ast.Dict) and all(
        isinstance(k, ast.Constant) and isinstance(k.value, str) for k in expr.keys
    ):
        return frozenset(
            k.value for k in expr.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
        )
    if (
        isinstance(expr, ast.Call)
        and dotted_name(expr.func) == "dict"
        and not expr.args
        and all(k.arg for k in expr.keywords)
    ):
        return frozenset(k.arg for k in expr.keywords if k.arg)
    return None
