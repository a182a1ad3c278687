"""The host dropping the plugin's object after its last call: the object's finalizers
(``__del__``, ``weakref.finalize``, weakref callbacks) run then, in the host's process. One that
ends the process (``os._exit``) or hangs takes the host with it; one that raises is only printed
("Exception ignored in ...") and the host goes on. The child ends with ``os._exit`` while it
still holds the object, so without this step no finalizer of it ever ran (fresh23)."""

from __future__ import annotations

import gc
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def release(held: list[Any]) -> None:
    """Drop the last reference the harness holds (``held``'s items) and collect, as the host's
    interpreter does; the first exception a finalizer raised is raised here once all ran."""
    raised: list[BaseException] = []
    previous = sys.unraisablehook

    def keep(args: Any) -> None:
        if args.exc_value is not None and not raised:
            raised.append(args.exc_value)

    sys.unraisablehook = keep
    try:
        held.clear()
        gc.collect()
    finally:
        sys.unraisablehook = previous
    if raised:
        raise raised[0]
