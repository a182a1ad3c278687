"""__init__ stores a placeholder run that wants an item, but init() replaces it before the
host's run() call."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


def _pending(self, item):  # type: ignore[no-untyped-def]
    raise RuntimeError("not initialised")


class Ticker:  # plugcheck: ignore[PC207]
    def __init__(self):  # type: ignore[no-untyped-def]
        self.ticks = 0
        self.run = _pending

    def init(self, config: Mapping[str, str]) -> None:
        self.run = self._tick

    def _tick(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
