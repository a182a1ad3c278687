"""new() exists only when DEMO_TICKER_FACTORY is set; the host passes no such variable."""

from __future__ import annotations

import os
from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


if "DEMO_TICKER_FACTORY" in os.environ:

    def new() -> Plugin:  # expect: PC101
        return Ticker()
