"""A call the code every run of a function evaluates that certainly raises, and how it is
reported: PC210 in the factory (or the constructor it runs), PC517 in a lifecycle method."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from plugcheck.model import Finding, Location
from plugcheck.rules.asyncio_misuse import Resolve, misuse
from plugcheck.rules.certain_evaluated import evaluated_parts
from plugcheck.rules.context_vars import FIX as CONTEXT_FIX
from plugcheck.rules.context_vars import function_misuse
from plugcheck.rules.factory import PC517
from plugcheck.rules.reached import Function, Reader, local_names
from plugcheck.rules.signatures.codes import PC210
from plugcheck.static.parse import ModuleInfo


@dataclass(frozen=True, slots=True)
class RaisingCall:
    """A call every call of a function evaluates, which raises."""

    call: ast.expr
    """The call (or the subscript: a lookup) that raises."""
    error: str
    """The exception, as Python words it."""
    why: str
    fix: str


def certain_calls(fn: Function) -> Iterator[ast.Call]:
    """The calls every call of ``fn`` evaluates (not the right side of ``and``/``or``, an
    ``if`` expression's branches, an ``assert``'s message), in order."""
    for _, nodes in evaluated_parts(fn):
        for sub in nodes:
            if isinstance(sub, ast.Call):
                yield sub


def raised_finding(
    reader: Reader, raising: RaisingCall, info: ModuleInfo, label: str, subject: str, step: bool
) -> Finding:
    """PC517 when ``raising`` is in a lifecycle method (``step``), PC210 otherwise.
    ``label``: how the call of the function is shown."""
    code = PC517 if step else PC210
    return code.at(
        reader.plugin,
        Location(info.path, raising.call.lineno, raising.call.col_offset + 1),
        f"{label} runs {raising.why}: every call of {label} by the host raises {raising.error}",
        fix=raising.fix,
        subject=subject,
    )


def raising_use(info: ModuleInfo, fn: Function, resolve: Resolve) -> RaisingCall | None:
    """:func:`misuse` in the code every call of ``fn`` runs, as a raising call."""
    found = misuse(info, evaluated_parts(fn), local_names(fn), resolve)
    if found is None:
        return None
    node, error, why = found
    assert isinstance(node, ast.expr)  # a call, or a `with` item's context expression
    return RaisingCall(node, error, why, _ASYNCIO_FIX)


def raising_context_use(reader: Reader, info: ModuleInfo, fn: Function) -> RaisingCall | None:
    """A context variable used so that it raises (``context_vars``) in the code every call of
    ``fn`` runs, as a raising call."""
    found = function_misuse(reader, info, fn, local_names(fn))
    if found is None:
        return None
    node, error, why = found
    return RaisingCall(node, error, why, CONTEXT_FIX)


_ASYNCIO_FIX = (
    "run a coroutine with asyncio.run() once, from synchronous code (await it inside a "
    "coroutine), and enter an asynchronous context manager with `async with`"
)
