"""The host dropping the plugin's object after its last call: the object's finalizers
(``__del__``, ``weakref.finalize``, weakref callbacks) run then, in the host's process. One that
ends the process (``os._exit``) or hangs takes the host with it; one that raises is only printed
("Exception ignored in ...") and the host goes on; one that starts a non-daemon thread or a
process leaves it running after the leak census (``after-shutdown``), and the host's interpreter
waits for that thread at exit. The child ends with ``os._exit`` while it still holds the object,
so without this step no finalizer of it ever ran (fresh23)."""

from __future__ import annotations

import gc

from .census import census, leaked_since
from .unraisable import first_unraisable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from plugcheck.harness.protocol import AfterShutdownFacts


def release(held: list[Any], left: AfterShutdownFacts, settle: float) -> None:
    """Drop the last reference the harness holds (``held``'s items) and collect, as the host's
    interpreter does; the non-daemon threads and processes the finalizers started and left
    running (after ``settle`` seconds) go into ``left``; the first exception a finalizer raised
    is raised here once all ran."""
    before = census()

    def drop() -> None:
        held.clear()
        gc.collect()

    raised = first_unraisable(drop)
    leaks = leaked_since(before, settle)
    leaks.pop("fds", None)  # a file a finalizer opens keeps no host from exiting
    left.update(leaks)
    if raised is not None:
        raise raised
