"""run() reads a flag only shutdown() sets: the host calls run() first, so it raises."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        if self.closed:  # expect: PC218
            return
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.closed = True


def new() -> Plugin:
    return Ticker()
