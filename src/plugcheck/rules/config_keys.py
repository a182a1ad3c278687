"""PC552: ``init`` reads, on every call, a key of its config that the host never passes.

A factory contract's ``lifecycle.config`` is a sample of what the host passes to ``init``
unless the contract says it is all of it: ``config-complete = true`` (the host passes exactly
this table, no more keys). Only then is ``config["timeout"]``, read in the leading
straight-line statements of ``init`` (as ``call_reads`` reads them: no ``if``/``try``/loop
before it, short-circuit operands and conditional branches not counted), on a parameter the
method never rebinds, a KeyError on every call: the key is in no config the host passes.
Without that statement the key may be in the user's real configuration, and nothing is said.
Nested tables are followed (``config["db"]["port"]`` with ``db`` a table of the config).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, rule
from plugcheck.rules.call_reads import always_run, rebound
from plugcheck.rules.import_reads import evaluated
from plugcheck.static.syntax import dotted_name

PC552 = rule(
    "PC552",
    "config-lacks-key",
    Severity.ERROR,
    "init() reads, before anything can branch, a key of its config that the contract's "
    "lifecycle.config lacks while the contract says that table is all the host passes "
    "(config-complete = true): every call raises KeyError.",
    explains=("PC405",),
)


def _follow(node: ast.Subscript, name: str, config: Mapping[str, Any]) -> tuple[Any] | str | None:
    """Where the ``name[...][...]`` chain ``node`` (string constant keys) leads in ``config``:
    the first key it lacks, or ``(value,)`` it reads; None for another expression."""
    keys: list[ast.expr] = []
    current: ast.expr = node
    while isinstance(current, ast.Subscript):
        keys.append(current.slice)
        current = current.value
    if dotted_name(current) != name:
        return None
    value: Any = config
    for key in reversed(keys):
        if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
            return None
        if not isinstance(value, Mapping):
            return None
        if key.value not in value:
            return key.value
        value = value[key.value]
    return (value,)


def _missing(node: ast.Subscript, name: str, config: Mapping[str, Any]) -> str | None:
    """The first key of the ``name[...][...]`` chain ``node`` that ``config`` lacks."""
    found = _follow(node, name, config)
    return found if isinstance(found, str) else None


def _looked_up(node: ast.Subscript, name: str, config: Mapping[str, Any]) -> str | None:
    """The string value of a ``name[...]`` chain that the dict literal ``node`` indexes with
    it lacks (``{"strict": Strict}[options["style"]]`` on ``{"style": "plain"}``): every key
    of the literal a constant, no ``**`` in it."""
    table, chain = node.value, node.slice
    if not isinstance(table, ast.Dict) or not isinstance(chain, ast.Subscript):
        return None
    if any(not isinstance(k, ast.Constant) for k in table.keys):
        return None
    found = _follow(chain, name, config)
    if not isinstance(found, tuple) or not isinstance(found[0], str):
        return None  # not the chain, or a KeyError there first (_missing reports it)
    known = {k.value for k in table.keys if isinstance(k, ast.Constant)}
    return found[0] if found[0] not in known else None


def lacking_key(
    fn: ast.FunctionDef, name: str, config: Mapping[str, Any], values: bool = False
) -> tuple[ast.Subscript, str] | None:
    """The first ``name["key"]`` every call of ``fn`` evaluates whose key ``config`` lacks
    (``name`` may be dotted: ``self.options``, the first part then never rebound); with
    ``values`` (``config`` is exactly what the host passes, values too) also the first dict
    literal indexed with such a read's value that lacks it (:func:`_looked_up`)."""
    if rebound(fn, name.partition(".")[0]):
        return None
    for expr in always_run(fn.body):
        for node in evaluated(expr):
            if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
                key = _missing(node, name, config)
                if key is None and values:
                    key = _looked_up(node, name, config)
                if key is not None:
                    return node, key
    return None


def complete_config_key(
    ctx: Context, plugin: Plugin, path: Path, label: str, method: ast.FunctionDef
) -> Finding | None:
    """PC552 for the plugin's ``init`` method (of a module at ``path``, shown as ``label``)."""
    lifecycle = ctx.contract.lifecycle
    if lifecycle is None or not lifecycle.config_complete or lifecycle.calls is not None:
        return None
    if method.decorator_list:
        return None
    params = [*method.args.posonlyargs, *method.args.args]
    if len(params) != 2:
        return None
    name = params[1].arg
    found = lacking_key(method, name, lifecycle.config)
    if found is None:
        return None
    node, key = found
    return PC552.at(
        plugin,
        Location(path, node.lineno, node.col_offset + 1),
        f"{label} reads `{ast.unparse(node)[:60]}` on every call, but the host passes "
        f"lifecycle.config, which the contract declares complete (config-complete = true) and "
        f"which has no key {key!r}: every call of init() by the host raises KeyError",
        fix=f"read it with a default: `{name}.get({key!r}, ...)`, or add the key to the "
        "contract's lifecycle.config if the host always passes it",
        subject="init",
    )
