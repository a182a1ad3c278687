"""shutdown() joins a thread nothing started."""

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
        return None

    def shutdown(self, timeout: float) -> None:
        self._thread.join(timeout)  # expect: PC517


def new() -> Plugin:
    return Worker()
