"""What the interpreter only prints: an exception raised where nobody can catch it (a
finalizer, an ``atexit`` handler) goes to ``sys.unraisablehook``, and the host goes on. The
steps that run such code keep the first one to judge it."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def first_unraisable(action: Callable[[], object]) -> BaseException | None:
    """Run ``action``; the first exception the interpreter would have printed as "Exception
    ignored in ..." meanwhile (every other one is dropped), or ``None``."""
    raised: list[BaseException] = []
    previous = sys.unraisablehook

    def keep(args: Any) -> None:
        if args.exc_value is not None and not raised:
            raised.append(args.exc_value)

    sys.unraisablehook = keep
    try:
        action()
    finally:
        sys.unraisablehook = previous
    return raised[0] if raised else None
