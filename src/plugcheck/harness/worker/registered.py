"""What a register hook added to the host's registry, built as the host builds it: for a contract
whose host takes every factory the hook registered through the lifecycle
(``lifecycle.registered-factories``), each one is called with no arguments, its product checked
against the protocol and driven through ``init`` -> ``run`` -> ``shutdown``, inside the register
step, so that a broken registered factory fails the hook's step (PC415) where the host would
fail.

Standard library only: it runs in the target interpreter.
"""

from __future__ import annotations

import functools

from .describe import qualname
from .identity import identity_facts
from .protocol_members import LIFECYCLE

TYPE_CHECKING = False
if TYPE_CHECKING:  # checked by mypy, never imported in the target
    from collections.abc import Callable
    from typing import Any

_getattr = getattr
_isinstance = isinstance
_callable = callable

LIMIT = 32
"""At most this many registered factories are built per plugin (the step's deadline bounds the
time as well)."""


def held(registry: Any) -> dict[int, tuple[str, Any]]:
    """The callables in the registry's containers (its attributes that are dicts, lists, tuples
    or sets), by identity, with the key or position they are held at."""
    found: dict[int, tuple[str, Any]] = {}
    try:
        fields = list(_getattr(registry, "__dict__", {}).items())
    except BaseException:
        return found
    for field, value in fields:
        if _isinstance(value, dict):
            items = [(repr(k), v) for k, v in list(value.items())]
        elif _isinstance(value, list | tuple | set | frozenset):
            items = [(f"{field}[{i}]", v) for i, v in enumerate(list(value))]
        else:
            continue
        for label, item in items:
            if _callable(item):
                found.setdefault(id(item), (label, item))
    return found


def build_each(
    before: dict[int, tuple[str, Any]],
    registry: Any,
    lifecycle: dict[str, Any],
    stop: tuple[float, ...],
    call: Callable[..., Any],
) -> None:
    """Build each factory the hook added to ``registry`` (not held ``before``) and take its
    product through the lifecycle; what fails raises, as the host's own use would."""
    added = [entry for key, entry in held(registry).items() if key not in before]
    protocol = lifecycle.get("protocol")
    config = lifecycle.get("config") or {}
    # What the protocol leaves out the host never calls (the server read it, as for new()'s).
    called = set(LIFECYCLE) - set(lifecycle.get("undeclared") or [])
    for label, factory in added[:LIMIT]:
        product = call(factory)
        if protocol is not None:
            facts = identity_facts(product, protocol)
            if not facts.get("ok"):
                missing = facts.get("missing_members") or []
                lacks = f": it lacks {', '.join(f'{m}()' for m in missing)}" if missing else ""
                raise TypeError(
                    f"the factory it registered at {label} made {qualname(type(product))}, "
                    f"which is not the host's {facts.get('expected')}{lacks}"
                )
        if "init" in called:
            call(functools.partial(product.init, dict(config)), "init")
        if "run" in called and not lifecycle.get("long_running"):
            call(product.run, "run")
        if "shutdown" in called:
            call(functools.partial(product.shutdown, *stop), "shutdown")


def entries(registry: Any) -> int | None:
    """How many entries ``registry`` holds: its ``len()``, else the total size of the
    containers among its attributes; ``None`` when it offers no way to tell."""
    try:
        return len(registry)
    except BaseException:
        pass
    try:
        fields = list(_getattr(registry, "__dict__", {}).values())
    except BaseException:
        return None
    sizes = [len(f) for f in fields if _isinstance(f, dict | list | set | tuple | frozenset)]
    return sum(sizes) if sizes else None
