"""The package binds what its modules import from it before it imports them."""

from __future__ import annotations

import sys

from plugapi import Plugin

INTERVAL = 5.0
if sys.version_info >= (3, 8):
    LABEL = "ticker"
else:
    LABEL = "old-ticker"

from . import parts  # noqa: E402  (after the names parts.clock reads)
from .core import Ticker  # noqa: E402
from .parts.clock import Clock  # noqa: E402

try:
    from .fast import FastTicker
except ImportError:
    FastTicker = Ticker


def new() -> Plugin:
    assert parts.clock.Clock is Clock and FastTicker
    return Clock()
