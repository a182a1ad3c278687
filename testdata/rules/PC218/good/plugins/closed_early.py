"""run() reads a flag init() sets first and shutdown() changes: set before every read."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")
        self.closed = False

    def run(self) -> None:
        if self.closed:
            return
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.closed = True


def new() -> Plugin:
    return Ticker()
