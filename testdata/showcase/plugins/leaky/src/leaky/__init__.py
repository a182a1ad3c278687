"""Broken: starts a heartbeat thread in init() that shutdown() leaves running (PC410)."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from showcase_api import ConfigError, Plugin


class Heartbeat:
    def __init__(self) -> None:
        self._greeting = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="heartbeat")
        self.beats = 0

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self._greeting = greeting
        self._thread.start()

    def run(self) -> None:
        self.beats += 1

    def shutdown(self, timeout: float) -> None:  # expect: PC410
        self._greeting = ""

    def _beat(self) -> None:
        while not self._stop.wait(0.05):
            self.beats += 1


def new() -> Plugin:
    return Heartbeat()
