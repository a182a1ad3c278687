"""A ticker that reads the package's default interval."""

from __future__ import annotations

from . import INTERVAL  # expect: PC535
from .core import Ticker


class Clock(Ticker):
    interval = INTERVAL
