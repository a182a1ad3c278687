from __future__ import annotations

import threading
from collections.abc import Mapping

from showcase_api import ConfigError, Plugin


class Counter:
    """Counts words of its configured text, with a lock held only while counting."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._text = ""
        self.total = 0

    def init(self, config: Mapping[str, str]) -> None:
        text = config.get("greeting")
        if not isinstance(text, str) or not text:
            raise ConfigError("counter needs a non-empty 'greeting'")
        self._text = text

    def run(self) -> None:
        with self._lock:
            self.total += len(self._text.split())

    def shutdown(self, timeout: float) -> None:
        with self._lock:
            self._text = ""


def new() -> Plugin:
    return Counter()
