"""shutdown() holds the lock __init__ creates."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0
        self.lock = threading.Lock()

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        with self.lock:
            self.ticks = 0


def new() -> Plugin:
    return Ticker()
