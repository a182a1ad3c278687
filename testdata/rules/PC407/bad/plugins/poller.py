"""Polls until told to stop, but shutdown() never tells it."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Poller:
    def __init__(self) -> None:
        self.greeting = ""
        self.polls = 0
        self.stopping = threading.Event()

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.greeting = greeting

    def run(self) -> None:  # expect: PC407
        while not self.stopping.is_set():
            self.polls += 1
            time.sleep(0.01)

    def shutdown(self, timeout: float) -> None:
        self.polls = 0


def new() -> Plugin:
    return Poller()
