"""The pluggy managers each plugin is registered into: the host's ``PluginManager`` (plugcheck's
subclass of it, ``harness/worker/pluggy_manager.py``) with the host's hookspecs, built once in
the worker's own process before its first fork where that runs no plugin's code, else in each
plugin's child."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import shared
from .protocol import PluggyWork

_READY: list[tuple[Callable[[], Any], Any]] = []
"""(set in the worker's own process, before its first fork) The maker of managers and one
manager it made: each plugin's child gets that manager as its first, a fork copy no other
plugin touched. Before, every child built it again: ``add_hookspecs`` of the host's hookspecs
(``inspect`` over each spec) in each of N children, the same work each time."""


def prepare(request: PluggyWork) -> None:
    """(the worker's own process, guarded, without the plugins' folders on the path, after
    ``contract_problems`` imported the hookspec modules with no plugin's code) One manager with
    the host's hookspecs, for :func:`maker`. The host adds its hookspecs before it imports a
    plugin, so building it before the plugin's child exists is as the host does. Nothing is
    kept if it fails: each child builds its own, as before."""
    import pluggy

    fresh = _fresh_manager(request, shared.PLUGGY.manager_class(pluggy, request.get("prefix")))
    _READY[:] = [(fresh, fresh())]


def maker(request: PluggyWork) -> Callable[[], Any]:
    """(a plugin's child) A maker of fresh managers with the host's hookspecs: the first one
    :func:`prepare` built before the fork, if any, then new ones."""
    if not _READY:
        import pluggy

        return _fresh_manager(request, shared.PLUGGY.manager_class(pluggy, request.get("prefix")))
    fresh, first = _READY.pop()
    handed = [first]
    return lambda: handed.pop() if handed else fresh()


def _fresh_manager(request: PluggyWork, manager_class: Any) -> Callable[[], Any]:
    """A maker of managers with the host's hookspecs, the addhooks hook called on each."""
    # What the hookspec modules hold now, before any plugin's import: the host calls
    # add_hookspecs before it imports a plugin, so a hook a plugin adds to the module at import
    # is no spec for it (pluggy reads the module's attributes when add_hookspecs is called).
    specs = [_snapshot(shared.load(ref)) for ref in request["hookspecs"]]
    addhooks = request.get("addhooks")

    def fresh() -> Any:
        manager = manager_class(request["project"])
        for namespace in specs:
            manager.add_hookspecs(namespace)
        caller = getattr(manager.hook, addhooks, None) if addhooks else None
        if caller is not None and caller.is_historic():
            caller.call_historic(kwargs={"pluginmanager": manager})
        return manager

    return fresh


def _snapshot(namespace: Any) -> Any:
    """A hookspec module (or class) as it is now: later changes to it are not seen."""
    return type(
        getattr(namespace, "__name__", "specs"),
        (),
        {n: getattr(namespace, n) for n in dir(namespace) if not n.startswith("__")},
    )
