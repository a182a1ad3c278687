"""Whether a namespace still holds every entry of a snapshot, each the very same object (PC414).

By identity alone: a dict view's ``<=`` compares values with ``==``, which runs the
replacement's own ``__eq__``. A plugin that put an object equal to everything in place of
``builtins.len`` (or of a module in ``sys.modules``) passed that comparison and the run, while
every later ``len()`` of the host's returned what it chose (red team red56,
``testdata/hostile/plugins/equal_to_all.py``)."""

from __future__ import annotations

from operator import is_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_all = all
_map = map


class Kept:
    """The keys and values of ``snapshot``, each compared by identity (in C: no Python code of
    the harness's runs per entry, and none of the plugin's)."""

    def __init__(self, snapshot: dict[str, Any]) -> None:
        self._keys = tuple(snapshot)
        self._values = tuple(snapshot.values())
        self._absent = (_ABSENT,) * len(self._keys)

    def holds(self, current: dict[str, Any]) -> bool:
        """Whether ``current`` maps every key of the snapshot to the very same object."""
        try:
            return _all(_map(is_, _map(current.get, self._keys, self._absent), self._values))
        except BaseException:  # a key the plugin stored with a hostile __eq__: look closer
            return False


_ABSENT = object()
