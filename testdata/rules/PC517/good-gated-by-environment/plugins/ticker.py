"""run() raises only in the class a host with TICKER_LEGACY set gets."""

from __future__ import annotations

import os
from collections.abc import Mapping

from plugapi import Plugin

if not os.environ.get("TICKER_LEGACY"):

    class Ticker:
        def init(self, config: Mapping[str, str]) -> None:
            self.greeting = config.get("greeting", "")

        def run(self) -> None:
            self.count = len(self.greeting)

        def shutdown(self, timeout: float) -> None:
            self.greeting = ""

else:

    class Ticker:
        def init(self, config: Mapping[str, str]) -> None:
            self.greeting = config.get("greeting", "")

        def run(self) -> None:
            raise RuntimeError("the legacy mode is gone")

        def shutdown(self, timeout: float) -> None:
            self.greeting = ""


def new() -> Plugin:
    return Ticker()
