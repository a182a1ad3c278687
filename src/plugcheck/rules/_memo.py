"""Per-run memo for checks (values computed once per run, not once per check or plugin)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from plugcheck.rules.base import Context

_T = TypeVar("_T")


def memo(ctx: Context, key: Hashable, make: Callable[[], _T]) -> _T:
    """``make()``, computed once per run for ``key``. What ``make`` read through the index
    counts as read by every check that uses the value (the static result cache's inputs)."""
    values = ctx.index.memo  # the run's index: the memo goes with it
    found = values.get(key)  # the key hashed once a hit (tuples of paths and dataclasses)
    if found is None:
        with ctx.index.recording() as reads:
            made = make()
        # Named once: a key's repr (dataclasses, paths, sets sorted) cost more than most
        # values it looked up, named again on every hit (4% of the static pass at 1k).
        found = values[key] = (made, reads, _name(key))
    value, reads, name = found
    ctx.index.noted(name, reads)
    return value


def _name(key: object) -> str:
    """``key``'s name in the result cache: its ``repr`` with every set's members sorted, so
    the name is the same in every process (a set's order follows the hash seed)."""
    if isinstance(key, (set, frozenset)):
        return "{" + ", ".join(sorted(_name(member) for member in key)) + "}"
    if isinstance(key, tuple):
        return "(" + ", ".join(_name(member) for member in key) + ",)"
    return repr(key)
