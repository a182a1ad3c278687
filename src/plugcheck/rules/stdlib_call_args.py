"""PC536, the standard library's side: a call the host's import of the plugin always makes that
the target's own library refuses for its arguments.

Read from the same certain top-level calls as :mod:`plugcheck.rules.import_calls` (no branch,
``try``, loop or function around them), with the callee resolved through the module's imports:
``importlib.import_module(".x")`` without the package a relative name needs (TypeError: "the
'package' argument is required"), and ``typing.TypeVar``/``ParamSpec``/``TypeVarTuple`` given a
keyword the target's ``typing`` does not have yet (``default=`` is Python 3.13's, PEP 696;
``infer_variance=`` 3.12's, PEP 695). ``typing_extensions`` takes both on every version and is
never judged.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.model import Finding, Plugin
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.import_calls import PC536, certain_calls, refused_call
from plugcheck.rules.own_imports import loaded
from plugcheck.static.effects import canonical_name
from plugcheck.static.syntax import dotted_name

_TYPE_PARAMETERS = frozenset({"typing.TypeVar", "typing.ParamSpec", "typing.TypeVarTuple"})
_NEWER_KEYWORDS = {"default": (3, 13), "infer_variance": (3, 12)}
"""Keyword -> the first Python whose ``typing`` type parameters take it."""


def _refusal(call: ast.Call, callee: str, version: tuple[int, ...]) -> str | None:
    """Why the target's library refuses ``call`` of ``callee``, or None."""
    if callee == "importlib.import_module":
        if len(call.args) != 1 or call.keywords:
            return None
        name = call.args[0]
        relative = isinstance(name, ast.Constant) and str(name.value).startswith(".")
        return (
            f"the 'package' argument is required to perform a relative import for {name.value!r}"
            if relative and isinstance(name, ast.Constant)
            else None
        )
    if callee in _TYPE_PARAMETERS:
        for keyword in call.keywords:
            since = _NEWER_KEYWORDS.get(keyword.arg or "")
            if since is not None and version[:2] < since:
                short = callee.rpartition(".")[2]
                return (
                    f"{short}() got an unexpected keyword argument {keyword.arg!r} (it takes "
                    f"one from Python {since[0]}.{since[1]}; the target runs "
                    f"{version[0]}.{version[1]})"
                )
    return None


@plugin_check(PC536)
def stdlib_import_time_calls(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    version = ctx.env.version
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        for stmt in info.tree.body:
            for call in certain_calls(stmt):
                callee = canonical_name(dotted_name(call.func), info.symbols)
                symbol = info.symbols.get((dotted_name(call.func) or "").partition(".")[0])
                if callee is None or symbol is None or symbol.conditional:
                    continue  # the module's own name, or an import that may not be the one
                why = _refusal(call, callee, version)
                if why is None:
                    continue
                fix = (
                    "pass the package as the second argument (`import_module(name, __package__)`)"
                    if callee == "importlib.import_module"
                    else "import it from typing_extensions, which takes it on every version, "
                    "or leave the keyword out"
                )
                yield refused_call(plugin, path, call, why, fix)
