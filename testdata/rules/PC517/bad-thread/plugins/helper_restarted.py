"""init() and shutdown() both start the thread through one helper: a thread starts once."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self._thread = threading.Thread(target=lambda: None, daemon=True)

    def _launch(self) -> None:
        self._thread.start()  # expect: PC517

    def init(self, config: Mapping[str, str]) -> None:
        self._launch()

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        self._thread.join(timeout)
        self._launch()


def new() -> Plugin:
    return Worker()
