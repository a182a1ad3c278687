"""What the host's lifecycle protocol declares, read in the fork server before any plugin runs:
which of ``init``/``run``/``shutdown`` it has, and the class each one's return annotation
promises the host (``def run(self) -> str``), so that a child can hold the plugin's result to it;
and what the host passes to ``shutdown``.

Standard library only: it runs in the target interpreter.
"""

from __future__ import annotations

import importlib

from .identity import resolve

TYPE_CHECKING = False
if TYPE_CHECKING:  # checked by mypy, never imported in the target
    from typing import Any

_getattr = getattr  # taken before any plugin runs: a plugin cannot patch what the server uses
_hasattr = hasattr
_isinstance = isinstance

LIFECYCLE = ("init", "run", "shutdown")

RETURNS: dict[str, tuple[tuple[type, ...], str]] = {}
"""Per lifecycle method, the classes its declared return annotation admits, and the annotation
as the host wrote it; a method is absent
when the annotation is not a plain class, a union of them or a generic over one (``None``,
``Any``, a Protocol, a TypeVar, a string that does not resolve: nothing to hold it to)."""

_PROMOTED: dict[type, tuple[type, ...]] = {
    float: (int,),  # PEP 484's numeric tower, as mypy and the host's annotation mean it
    complex: (float, int),
    bytes: (bytearray, memoryview),
}


def declares(ref: list[str] | None) -> list[str] | None:
    """Which lifecycle methods the host's protocol (or base class) declares, as a method or an
    annotation anywhere in its MRO; ``None`` when there is no protocol or it cannot be read.
    Fills :data:`RETURNS` on the way."""
    if not ref:
        return None
    try:
        obj: Any = importlib.import_module(ref[0])
        for part in ref[1].split("."):
            obj = _getattr(obj, part)
        mro = _getattr(obj, "__mro__")
        annotated = {n for k in mro for n in _getattr(k, "__dict__", {}).get("__annotations__", {})}
        found = [n for n in LIFECYCLE if _hasattr(obj, n) or n in annotated]
    except BaseException:
        return None
    for name in found:
        classes, shown = _admitted(obj, name)
        if classes:
            RETURNS[name] = (classes, shown)
    return found


def _admitted(protocol: Any, name: str) -> tuple[tuple[type, ...], str]:
    import types
    import typing  # only for a contract with a protocol: one module less in the server otherwise

    try:
        hint = typing.get_type_hints(_getattr(protocol, name)).get("return")
    except BaseException:  # a forward reference the host never resolves: nothing to check
        return (), ""
    members = (
        typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else ()
    )
    classes: list[type] = []
    for member in members or (hint,):
        if member is type(None):
            classes.append(type(None))
            continue
        plain = typing.get_origin(member) or member  # list[str]: the host gets a list
        if (
            not _isinstance(plain, type)
            or plain is object
            or _getattr(plain, "_is_protocol", False)  # structural: isinstance cannot say
            or plain.__module__ == "typing"
        ):
            return (), ""
        classes += [plain, *_PROMOTED.get(plain, ())]
    if classes == [type(None)]:  # `-> None`: what a plugin returns there, the host ignores
        return (), ""
    shown = _getattr(hint, "__qualname__", None) if _isinstance(hint, type) else None
    return tuple(classes), shown or str(hint).replace("typing.", "")


def off_contract(step: str, result: Any) -> str | None:
    """Why ``result``, returned by the plugin's ``step()``, is not what the host's protocol
    promises the host (``None`` when it is, or when the annotation promises nothing checkable)."""
    classes, shown = RETURNS.get(step, ((), ""))
    if not classes or _isinstance(result, classes):
        return None
    return (
        f"{step}() returned {type(result).__qualname__}, but the host's protocol declares "
        f"-> {shown}: the host's use of the result fails"
    )


def shutdown_args(ref: list[str] | None, deadline: float) -> tuple[float, ...]:
    """What the host passes to ``shutdown``: the deadline when the protocol's ``shutdown`` takes
    a parameter (``shutdown(self, timeout)``), nothing when it takes none; the deadline when the
    contract names no protocol."""
    if ref is None:
        return (deadline,)
    try:
        code = resolve(ref).shutdown.__code__
    except BaseException:
        return (deadline,)
    takes = code.co_argcount > 1 or code.co_flags & 0x04  # beyond self, or *args
    return (deadline,) if takes else ()
