"""new() is defined when DEMO_MODE is "fast", which it is by default where the host runs."""

from __future__ import annotations

import os as _os
from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


if _os.environ.get("DEMO_MODE", "fast") == "fast":

    def new() -> Plugin:
        return Ticker()
