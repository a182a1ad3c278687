"""Starts a heartbeat thread when it is imported; nothing ever stops it, and it is no daemon."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from plugapi import ConfigError, Plugin

_stop = threading.Event()


def _beat() -> None:
    while not _stop.wait(0.05):  # expect: PC410
        pass


threading.Thread(target=_beat, name="beacon").start()  # plugcheck: ignore[PC110]


class Beacon:
    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Beacon()
