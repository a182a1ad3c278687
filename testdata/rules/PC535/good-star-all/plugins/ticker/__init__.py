"""Star imports of core and parts (literal __all__: bound names, a submodule) and extra."""

from __future__ import annotations

from plugapi import Plugin

from .core import *  # noqa: F403
from .parts import *  # noqa: F403
from .extra import *  # noqa: F403


def new() -> Plugin:
    assert clock.TICK and INTERVAL and LABEL and Extra and _helper  # noqa: F405
    return Ticker()  # noqa: F405
