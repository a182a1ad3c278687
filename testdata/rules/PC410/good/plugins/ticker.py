"""Stops its background thread in shutdown()."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Ticker:
    def __init__(self) -> None:
        self.greeting = ""
        self.ticks = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._tick, name="ticker")

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.greeting = greeting
        self.thread.start()

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        self.stopping.set()
        if self.thread.is_alive():
            self.thread.join(timeout)

    def _tick(self) -> None:
        while not self.stopping.wait(0.01):
            self.ticks += 1


def new() -> Plugin:
    return Ticker()
