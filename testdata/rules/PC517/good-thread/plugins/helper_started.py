"""init() starts the thread through a helper, shutdown() joins it through another."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self._thread = threading.Thread(target=lambda: None, daemon=True)

    def _launch(self) -> None:
        self._thread.start()

    def _stop(self, timeout: float) -> None:
        self._thread.join(timeout)

    def init(self, config: Mapping[str, str]) -> None:
        self._launch()

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        self._stop(timeout)


def new() -> Plugin:
    return Worker()
