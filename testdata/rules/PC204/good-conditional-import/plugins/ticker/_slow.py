"""The slow implementation: never imported where json is installed."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self, times: int) -> None:
        self.count = times

    def shutdown(self, timeout: float) -> None:
        self.count = 0
