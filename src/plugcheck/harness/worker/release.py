"""The host dropping the plugin's object after its last call: the object's finalizers
(``__del__``, ``weakref.finalize``, weakref callbacks) run then, in the host's process. One that
ends the process (``os._exit``) or hangs takes the host with it; one that raises is only printed
("Exception ignored in ...") and the host goes on; one that starts a non-daemon thread or a
process leaves it running after the leak census (``after-shutdown``), and the host's interpreter
waits for that thread at exit. The child ends with ``os._exit`` while it still holds the object,
so without this step no finalizer of it ever ran (fresh23)."""

from __future__ import annotations

import gc
import time

from .census import SPARE, census, leaked_since
from .constants import SETTLE
from .processes import cpu_ticks, descendants, known
from .unraisable import first_unraisable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from plugcheck.harness.protocol import AfterShutdownFacts

    Msg = dict[str, Any]


def settled(limit: float) -> Msg:
    """The census the finalizers are judged against, once what the earlier steps started has
    stopped working (none of its processes runnable, none new, no CPU time gained between two
    looks; ``limit`` seconds at most): a process made by a fork an earlier step started is that
    step's. Its whole tree counts, not only this process's children: a double fork from
    ``shutdown()`` (the first child alive, the survivor not yet made, or made and not yet back
    to this process, the subreaper) left a survivor that came back after the census and was
    taken for the finalizers' (PC421, stop 47's CI on a loaded machine;
    ``testdata/hostile/plugins/survivor_writes_later.py``). What appears after it, whoever
    made it, is the finalizers': a finalizer that has an earlier step's process fork for it
    is reported all the same. Without child processes (the common case) it waits for
    nothing."""
    until = time.monotonic() + limit
    seen: tuple[set[int], int] | None = None
    while True:
        with SPARE:  # listing /proc needs a descriptor the plugin may have taken
            tree = descendants()
            ticks = cpu_ticks([str(pid) for pid in tree]) if tree else 0
        if ticks is not None and (not tree or (tree, ticks) == seen):
            break
        if time.monotonic() >= until:
            break
        seen = (tree, ticks) if ticks is not None else None
        time.sleep(0.01)
    before = census()
    before["children"] |= known(tree)
    return before


class Release:
    """The step: its census is taken when it is made (:func:`settled`, up to ``limit`` seconds,
    on the harness's time between two steps); calling it drops the last reference the harness
    holds (``held``'s items) and collects, as the host's interpreter does. The non-daemon
    threads and processes the finalizers started and left running (after ``SETTLE`` seconds)
    go into ``left``; the first exception a finalizer raised is raised once all ran."""

    def __init__(self, held: list[Any], limit: float) -> None:
        self.held = held
        self.left: AfterShutdownFacts = {}
        self.before = settled(limit)

    def __call__(self) -> None:
        def drop() -> None:
            self.held.clear()
            gc.collect()

        raised = first_unraisable(drop)
        leaks = leaked_since(self.before, SETTLE)
        leaks.pop("fds", None)  # a file a finalizer opens keeps no host from exiting
        self.left.update(leaks)
        if raised is not None:
            raise raised
