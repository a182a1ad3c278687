"""run is a plain function stored on the instance that takes no argument, as the host calls it."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


def _tick():  # type: ignore[no-untyped-def]
    return None


class Ticker:  # plugcheck: ignore[PC207]
    def __init__(self):  # type: ignore[no-untyped-def]
        self.ticks = 0
        self.run = _tick

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
