"""Reads the package's names: bound before the package imported this module."""

from __future__ import annotations

import ticker

from .. import INTERVAL, LABEL, core
from ..core import Ticker


class Clock(Ticker):
    interval = INTERVAL
    label = LABEL

    def run(self) -> None:
        assert ticker.new and core.Ticker
        super().run()
