"""Its factory starts a watcher thread that shutdown() never stops."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Watcher:
    def __init__(self) -> None:
        self.changed = threading.Event()
        threading.Thread(target=self._watch, name="watcher").start()

    def _watch(self) -> None:
        self.changed.wait()  # expect: PC410

    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Watcher()
