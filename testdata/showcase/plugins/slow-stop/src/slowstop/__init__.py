"""Broken: shutdown() waits for a worker thread it never tells to stop (PC408)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Mapping

from showcase_api import ConfigError, Plugin


class Batcher:
    def __init__(self) -> None:
        self._greeting = ""
        self._jobs: queue.Queue[str | None] = queue.Queue()
        self._worker = threading.Thread(target=self._work, daemon=True)
        self.sent: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self._greeting = greeting
        self._worker.start()

    def run(self) -> None:
        self._jobs.put(self._greeting)

    def shutdown(self, timeout: float) -> None:  # expect: PC408
        self._worker.join()

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            self.sent.append(job)


def new() -> Plugin:
    return Batcher()
