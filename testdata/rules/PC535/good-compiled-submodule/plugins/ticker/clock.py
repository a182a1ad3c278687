"""A ticker that uses the package's compiled helper."""

from __future__ import annotations

from ticker import _speedups
from .core import Ticker


class Clock(Ticker):
    interval = _speedups
