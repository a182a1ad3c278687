"""Contract kinds: the built-in list, and kinds other packages add through an entry point.

A kind declares the contract keys it owns (``config.Field``) and, when its plugins are not
Python imports, how they are found and checked (``passes.KindPass``). Only the keys are imported
here: a kind's checks are imported when a run has a contract of the kind (``Kind.load``). A
package adds a kind by pointing an entry point of the ``plugcheck.kinds`` group at a
:class:`passes.Kind`::

    [project.entry-points."plugcheck.kinds"]
    lua = "plugcheck_lua:KIND"

Each kind lives in its own package here (``factory``, ``register``, ``pluggy``, ``subclass``,
``exec``, ``go_plugin``, ``wasm``, ``c_shared``, ``go_so``: ``KIND`` and its keys in the
package, its checks in modules of their own); ``python.py`` holds the keys every Python kind
shares (``factory`` and ``register`` own no others: their packages say why their
checks stay in ``rules/``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from importlib.metadata import EntryPoint, distributions

from plugcheck import _query
from plugcheck.kinds.c_shared import KIND as C_SHARED
from plugcheck.kinds.exec import KIND as EXEC
from plugcheck.kinds.factory import KIND as FACTORY
from plugcheck.kinds.go_plugin import KIND as GO_PLUGIN
from plugcheck.kinds.go_so import KIND as GO_SO
from plugcheck.kinds.pluggy import KIND as PLUGGY
from plugcheck.kinds.register import KIND as REGISTER
from plugcheck.kinds.subclass import KIND as SUBCLASS
from plugcheck.kinds.wasm import KIND as WASM
from plugcheck.options import UsageError
from plugcheck.passes import Kind, KindPass

BUILTIN: tuple[Kind, ...] = (
    FACTORY,
    REGISTER,
    PLUGGY,
    SUBCLASS,
    EXEC,
    GO_PLUGIN,
    WASM,
    C_SHARED,
    GO_SO,
)
"""Every kind plugcheck ships, in the order they are listed to users."""

ENTRY_POINT_GROUP = "plugcheck.kinds"


@cache
def available() -> Mapping[str, Kind]:
    """The built-in kinds, then those installed packages add (a bad one is a usage error)."""
    kinds = {kind.name: kind for kind in BUILTIN}
    for ep in _installed(ENTRY_POINT_GROUP):
        where = f"entry point {ep.name!r} of group {ENTRY_POINT_GROUP!r} ({ep.value})"
        try:
            kind = ep.load()
        except Exception as exc:  # the other package's import error, whatever it is
            raise UsageError([f"{where}: cannot be loaded: {type(exc).__name__}: {exc}"]) from None
        if not isinstance(kind, Kind):
            raise UsageError([f"{where}: is not a plugcheck.passes.Kind"])
        if kind.name in kinds:
            raise UsageError([f"{where}: kind {kind.name!r} is already defined"])
        kinds[kind.name] = kind
    return kinds


def loaded(names: Iterable[str]) -> dict[str, KindPass]:
    """Import the checks of the kinds ``names`` (only those: a run of factory contracts imports
    no pluggy or wasm check); those whose plugins are not Python imports, with how each is found
    and checked."""
    kinds = available()
    found = {name: kinds[name].load() for name in sorted(set(names))}
    return {name: kind_pass for name, kind_pass in found.items() if kind_pass is not None}


def python_kinds() -> frozenset[str]:
    """The kinds whose plugins are Python imports (the rules and run passes check them)."""
    return frozenset(name for name, kind in available().items() if kind.python)


def _installed(group: str) -> list[EntryPoint]:
    """``entry_points(group=group)`` of plugcheck's own environment, without the distributions
    whose metadata the environment query does not read either (``_query.not_read``: a FIFO
    blocked this read for ever) or which cannot be read (an ``entry_points.txt`` that is not
    UTF-8 made ``entry_points()`` raise: a traceback for any command). Those add no kind; PC005
    names them when this environment is the target."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for dist in distributions():
        # As entry_points() does: the first distribution of each normalised name.
        key = str(getattr(dist, "_normalized_name", None) or id(dist))
        if key in seen:
            continue
        seen.add(key)
        if _query.not_read(dist) is not None:
            continue
        try:
            found.extend(ep for ep in dist.entry_points if ep.group == group)
        except (OSError, UnicodeDecodeError, ValueError):
            continue
    return found


__all__ = ["BUILTIN", "ENTRY_POINT_GROUP", "Kind", "available", "loaded", "python_kinds"]
