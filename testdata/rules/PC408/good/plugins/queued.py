"""Stops its worker with a sentinel."""

from __future__ import annotations

import queue
import threading
from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Queued:
    def __init__(self) -> None:
        self.greeting = ""
        self.jobs: queue.Queue[str | None] = queue.Queue()
        self.worker = threading.Thread(target=self._work, daemon=True)

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.greeting = greeting
        self.worker.start()

    def run(self) -> None:
        self.jobs.put(self.greeting)

    def shutdown(self, timeout: float) -> None:
        if self.worker.is_alive():
            self.jobs.put(None)
            self.worker.join(timeout)

    def _work(self) -> None:
        while self.jobs.get() is not None:
            pass


def new() -> Plugin:
    return Queued()
