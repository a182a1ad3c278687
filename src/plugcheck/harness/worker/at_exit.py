"""The ``atexit`` handlers a plugin registers, run as the host's interpreter runs them when it
exits: a handler that never returns keeps the host from exiting, one that raises prints a
traceback at every exit (red team finding 4). The child ends with ``os._exit``, which runs no
handler, so without this step they were never judged."""

from __future__ import annotations

import atexit

from .unraisable import first_unraisable


def forget() -> None:
    """(child, before the plugin's import) The handlers the server and the host's preloads
    registered are not the plugin's: the child never runs them."""
    atexit._clear()


def pending() -> bool:
    """Whether a handler was registered since :func:`forget`."""
    return atexit._ncallbacks() > 0


def run() -> None:
    """Run them, last registered first, as the interpreter does; the first exception one
    raised (the interpreter prints it and goes on) is raised here once all ran."""
    raised = first_unraisable(atexit._run_exitfuncs)
    if raised is not None:
        raise raised
