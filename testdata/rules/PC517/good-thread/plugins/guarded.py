"""shutdown() joins the thread only if it is alive; run() starts it in a helper."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self._thread = threading.Thread(target=lambda: None, daemon=True)

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self._begin()

    def _begin(self) -> None:
        self._thread.start()

    def shutdown(self, timeout: float) -> None:
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._thread.join(timeout)


def new() -> Plugin:
    return Worker()
