"""shutdown() joins, through a helper, a thread nothing started."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self._thread = threading.Thread(target=lambda: None, daemon=True)

    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        return None

    def _stop(self) -> None:
        self._thread.join(1.0)  # expect: PC517

    def shutdown(self, timeout: float) -> None:
        self._stop()


def new() -> Plugin:
    return Worker()
