"""What a host accepts back from a plugin's function (the contract's ``returns``).

Shared by the harness's ``lifecycle.calls`` (child.py) and the setup-function worker
(``_ecosystem_worker/``, which loads this file by path); both run in the target interpreter,
so: standard library only, no relative imports.
"""

from __future__ import annotations

import contextlib
import inspect
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # checked by mypy, never imported in the target
    from collections.abc import Sequence
    from typing import Any

    from plugcheck._ecosystem_worker.protocol import HookReturnRequest

RETURNS = ("mapping-or-none", "none", "mapping", "instance", "subclass", "iterable", "any")


def iterable(result: Any) -> bool:
    try:
        iter(result)
    except TypeError:
        return False
    return True


ITEMS = 10_000
"""How many items of an ``iterable`` result are taken, as the host iterates it: enough to run a
generator's body, bounded for an endless one (the step's deadline bounds the time)."""


def iterate(result: Any, called: str = "", item_type: type | None = None) -> str | None:
    """Take up to :data:`ITEMS` items of ``result``, as a host iterating it does: a generator's
    body runs here, and what it raises is the call's failure. With ``item_type`` (an iterable's
    ``return-type``), why the host refuses the first of those items that is not one."""
    for number, item in zip(range(ITEMS), result, strict=False):
        if item_type is not None and not isinstance(item, item_type):
            shown = f"{item_type.__module__}.{item_type.__qualname__}"
            return (
                f"{called}() gave {type(item).__name__} {_brief(item)} as its item {number}, "
                f"not an instance of {shown}; the host takes each item as one"
            )
    return None


def _brief(value: Any) -> str:
    """A short ``repr`` of a value the plugin made, never one that fails or runs long."""
    try:
        text = object.__repr__(value) if not isinstance(value, (str, int, float)) else repr(value)
    except BaseException:
        return "(unprintable)"
    return text if len(text) <= 60 else text[:57] + "..."


def _defined(value: Any, name: str) -> bool:
    """Whether ``value`` has ``name`` without running its code (a property's own failure is
    not a missing attribute); a ``__getattr__`` counts, as it answers every name."""
    try:
        inspect.getattr_static(value, name)
    except AttributeError:
        return inspect.getattr_static(type(value), "__getattr__", None) is not None
    return True


def attribute_refused(
    value: Any, attributes: Sequence[tuple[str, type | None, bool]]
) -> str | None:
    """Why the host refuses ``value`` for an attribute it reads (``attributes``: name, the class
    the value must be an instance of or ``None``, whether it must be non-empty: not ``None``,
    ``""``, ``0``, ``False`` or an empty container, the test ``if not obj.name`` makes), as
    ``"whose name is ''..."``; ``None`` when it has them all. Reading one runs the plugin's
    code (a property): what it raises is the host's failure too, so the caller bounds it."""
    for name, kind, non_empty in attributes:
        try:
            got = getattr(value, name)
        except AttributeError:
            if _defined(value, name):  # a property (or __getattr__) that raised: the read fails
                raise
            return f"which has no attribute {name}, and the host reads it"
        if kind is not None and not isinstance(got, kind):
            shown = f"{kind.__module__}.{kind.__qualname__}"
            return (
                f"whose {name} is {type(got).__name__} {_brief(got)}, not an instance of {shown}"
                " as the host requires"
            )
        if non_empty and not got:
            return f"whose {name} is {_brief(got)}, and the host requires it not empty"
    return None


def refused(
    called: str,
    returns: str,
    result: Any,
    *,
    required_keys: Sequence[str] = (),
    metadata_keys: Sequence[str] | None = None,
    expected: type | None = None,
) -> str | None:
    """Why the host refuses ``result``, returned by ``called()``; ``None`` when it accepts it.
    ``expected`` is the host's class for ``instance`` and ``subclass``."""
    got = f"{called}() returned {type(result).__name__}"
    if returns == "iterable" and not iterable(result):
        return f"{got}, which is not iterable; the host iterates it"
    if returns == "none" and result is not None:
        return f"{got}; the host expects None"
    if returns in ("mapping", "mapping-or-none"):
        if result is None and returns == "mapping-or-none":
            return None
        if not isinstance(result, dict):
            wanted = "a dict" + (" or None" if returns == "mapping-or-none" else "")
            return f"{got}, expected {wanted}"
        missing = [k for k in required_keys if k not in result]
        if missing:
            return f"{called}() returned a dict without the required key(s) {missing}"
        unknown = sorted(set(result) - set(metadata_keys)) if metadata_keys is not None else []
        if unknown:
            return f"{called}() returned unknown metadata key(s) {unknown}"
    if expected is not None and returns in ("instance", "subclass"):
        shown = f"{expected.__module__}.{expected.__qualname__}"
        if returns == "instance" and not isinstance(result, expected):
            return f"{got}, not an instance of {shown}"
        if returns == "subclass" and not (
            isinstance(result, type) and issubclass(result, expected)
        ):
            return f"{called}() returned {_shown(result)}, not a subclass of {shown}"
    return None


def hook_results(caller: Any, result: Any) -> list[Any]:
    """(pluggy) The values a hook call returned: pluggy gives a list unless the hook is
    firstresult; a ``wrapper=True`` that returns something else breaks every caller iterating."""
    if caller.spec is not None and caller.spec.opts.get("firstresult"):
        return [result]
    if not isinstance(result, list):
        raise TypeError(
            f"the hook call returned {type(result).__name__}, not the list of results pluggy "
            "gives: a wrapper replaced it (a `wrapper=True` must return what its `yield` got)"
        )
    return result


def refused_results(
    hook: str,
    results: Sequence[Any],
    accepts: HookReturnRequest,
    expected: type | None,
    attribute_types: Sequence[tuple[str, type | None, bool]] = (),
) -> str | None:
    """(pluggy) Why the host refuses what ``hook`` returned (the contract's ``hook-returns``
    entry, ``accepts``): each result, or with ``or_list`` each item of a list result, against
    ``returns`` and the ``attributes`` the host reads from it (``attribute_types``: them with
    their classes loaded). ``None`` is no result, as pluggy and the host see it."""
    for result in results:
        many = accepts.get("or_list") and isinstance(result, list)
        for value in result if many else [result]:
            if value is None:
                continue
            why = refused(
                hook,
                accepts["returns"],
                value,
                required_keys=accepts.get("required_keys", ()),
                expected=expected,
            )
            if why:
                return why
            why = attribute_refused(value, attribute_types)
            if why:
                return f"{hook}() returned {_shown(value)}, {why}"
    return None


def other_sequences(results: Sequence[Any], expected: type | None) -> bool:
    """(pluggy) Whether every result refused as not an instance of ``expected``, a list, tuple
    or set, is another iterable of items (a tuple, a generator; not a str, bytes or mapping):
    a host that only iterates the result works with it."""
    if expected not in (list, tuple, set):
        return False
    return all(
        value is None
        or isinstance(value, expected)
        or (iterable(value) and not isinstance(value, (str, bytes, bytearray, dict)))
        for value in results
    )


def iterable_kind(results: Sequence[Any], expected: type | None) -> str:
    """(pluggy) What the refused results of :func:`other_sequences` offer beyond iteration, as
    the answer's problem: ``returns-indexable`` (each one a sequence: a tuple, a range),
    ``returns-sized`` (each one has a length: a set), else ``returns-iterable`` (a
    generator)."""
    refused = [v for v in results if v is not None and not isinstance(v, expected or ())]
    if all(hasattr(v, "__len__") and hasattr(v, "__getitem__") for v in refused):
        return "returns-indexable"
    if all(hasattr(v, "__len__") for v in refused):
        return "returns-sized"
    return "returns-iterable"


def _shown(value: Any) -> str:
    if isinstance(value, type):
        return f"class {value.__module__}.{value.__qualname__}"
    return f"a {type(value).__name__} instance"


def awaited(value: Any, awaits: bool) -> None:
    """(child) A coroutine a hookimpl returned: awaited for a host that awaits them (its
    failure is the call's), a failure for a host that does not (its body never runs). A host
    that awaits results awaits any awaitable (datasette's ``await_me_maybe``: an object with
    ``__await__``), except an asyncio future, which belongs to the host's own running loop."""
    if not inspect.iscoroutine(value):
        if awaits and inspect.isawaitable(value) and not _future(value):
            import asyncio

            asyncio.run(_await(value))
        return
    if not awaits:
        value.close()
        raise TypeError("the hookimpl returned a coroutine, which the host never awaits")
    import asyncio

    asyncio.run(_await(value))


def _future(value: Any) -> bool:
    """An asyncio Future or Task (awaited only in the loop it belongs to)."""
    module = sys.modules.get("asyncio")
    return module is not None and isinstance(value, module.Future)


async def _await(value: Any) -> Any:
    return await value


_UNRUN = {
    "coroutine": "a coroutine, which the host never awaits",
    "generator": "a generator, which the host never iterates",
    "async_generator": "an async generator, which the host never iterates",
}


def unrun(called: str, result: Any) -> str | None:
    """Why a synchronous host gets nothing from ``result``: a coroutine nobody awaits, or a
    generator nobody iterates (``async def`` or ``yield`` in a method the host just calls), whose
    body never runs. A coroutine or generator is closed, so Python does not warn about it."""
    what = _UNRUN.get(type(result).__name__)
    if what is None:
        return None
    if type(result).__name__ != "async_generator":
        with contextlib.suppress(BaseException):
            result.close()
    return f"{called}() returned {what}: its body never runs"
