"""new = FACTORIES["default"]: a Ticker."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


class Legacy:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = ""

    def run(self) -> None:
        self.count = 0

    def shutdown(self, timeout: float) -> None:
        self.count = 0


FACTORIES = {"default": Ticker, "legacy": Legacy}

new = FACTORIES["default"]
